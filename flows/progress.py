"""The progress bar of `dotterel run`: documents, documents per second, and an ETA.

The total is counted before the run when that is cheap (one document per text
file, one per non-empty line of a JSONL file, a newline count for CSV, which
may overcount rows with line breaks in quotes); the ETA shows only with a
total. Silent when not on a terminal (CI, cron, pipes).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from fileio.inputs import walk
from transforms.formats import FORMATS


def _files(inputs: Sequence[Path]) -> Iterator[Path]:
    for item in inputs:
        if item.is_dir():
            yield from (p for p in walk(item) if isinstance(p, Path))
        else:
            yield item


def count_documents(inputs: Sequence[Path]) -> int | None:
    """The documents the input paths hold, counted without parsing them; None if a file cannot be read."""
    total = 0
    for path in _files(inputs):
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            continue
        if fmt.one_per_file:
            total += 1
            continue
        try:
            with open(path, "rb") as handle:
                lines = sum(1 for line in handle if line.strip())
        except OSError:
            return None
        total += lines - 1 if path.suffix.lower() == ".csv" else lines
    return total


class Progress:
    """A rich progress bar on a terminal, nothing elsewhere."""

    def __init__(self, enabled: bool, total: int | None = None):
        self.bar = None
        if enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress as RichProgress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = RichProgress(
                TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                transient=True,
            )
            self.task = self.bar.add_task("extract", total=total, rate="")
            self.bar.start()

    def advance(self, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, n)
            speed = self.bar.tasks[0].speed
            self.bar.update(self.task, rate=f"{speed:,.1f} docs/s" if speed else "")

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
