"""`--help` reads cleanly: no Python types as metavars, every option explained."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from flows.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)


def test_every_command_is_listed():
    assert {"run", "query", "serve", "report", "export", "actors", "evaluate"} <= set(COMMANDS)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_no_type_metavars(command):
    args = [command, "--help"] if command else ["--help"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    text = result.output
    assert not re.search(r"<[a-zA-Z_\[\]. ]+>", text), text  # <bool>, <list[Path]>, <str>, <path>
    assert not re.search(r"\{[a-z_]+\}", text), text  # {sql}
    assert "list[" not in text


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_and_argument_has_help(command):
    click_command = typer.main.get_command(app).commands[command]
    for param in click_command.params:
        assert (param.help or "").strip(), f"{command} {param.name} has no help"


def test_query_usage_names_its_argument():
    result = CliRunner().invoke(app, ["query", "--help"])
    assert "Usage: dotterel query [OPTIONS] SQL" in " ".join(result.output.split())
    assert "-f, --format table|csv|json" in result.output


@pytest.mark.parametrize("schedule", [[], ["--cron", "0 * * * *", "--interval", "60"]])
def test_serve_needs_exactly_one_schedule(schedule, tmp_path):
    (tmp_path / "a.txt").write_text("Russia attacked Ukraine.")
    result = CliRunner().invoke(app, ["serve", "--input", str(tmp_path), *schedule])
    assert result.exit_code == 2
    assert "give exactly one of --cron EXPR or --interval SECONDS" in result.output
