"""Help for commands with arguments that reads like the rest of the help.

Typer writes a required argument as ``{sql}`` in the usage line and adds its
type (``SQL <str>``) in the Arguments list. This command class writes it by
its metavar alone (``SQL``, in brackets when optional), as Unix usage does.
"""

from __future__ import annotations

from typer.core import TyperCommand


class CleanUsageCommand(TyperCommand):
    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                pieces.extend(param.get_usage_pieces(ctx))
                continue
            name = param.metavar or (param.name or "").upper()
            if param.nargs != 1:
                name += "..."
            pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx, formatter) -> None:
        """Arguments by their metavar alone (Typer adds a ``<str>`` type); options as Typer writes them."""
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((param.metavar or (param.name or "").upper(), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
