"""Great Expectations over a run's staged events, in large chunks, on the run's side.

GX costs about 0.8 s per validation whatever the size of the frame, and its
import about 2-5 s, so validating every batch in every worker cost more than
coding. The suite (``schemas.expectations``) is unchanged; it now runs over
chunks of about ``max_events`` staged events, in the run's own process while
the workers parse (only the last chunk waits for the last batch), and each
chunk gives the same
valid / rejected / validation-results split and Data Docs page a batch gave.
GX is imported in a background thread as soon as the run starts.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from flows.staging import writing

# Large enough that GX's fixed cost (about 0.8 s a call) is paid rarely, small
# enough that the chunk validated after the last batch, which nothing hides, is short.
DEFAULT_CHUNK_EVENTS = 5_000


@dataclass
class ValidatedChunk:
    chunk: int
    events: int
    rejected: int
    files: dict[str, Path]
    gx_result: object | None = None


@dataclass
class ChunkValidator:
    """Collects staged batches and validates them a chunk at a time."""

    directory: Path  # where validated chunks are written (inside the staging area)
    run_id: str
    cameo: dict
    max_events: int = DEFAULT_CHUNK_EVENTS
    chunks: list[ValidatedChunk] = field(default_factory=list)
    _pending: list[tuple[Path, Path, int]] = field(default_factory=list)
    _pending_events: int = 0
    _batches: int = 0
    _warm: threading.Thread | None = None

    def warm_up(self) -> None:
        """Import GX and build the suite in the background (the run's process idles while workers parse)."""
        if self._warm is None:
            self._warm = warm_up_gx(self.cameo)

    def add(self, documents: Path, events: Path, count: int) -> None:
        self._batches += 1
        self._pending.append((documents, events, count))
        self._pending_events += count
        if self._pending_events >= self.max_events:
            self.flush()

    def flush(self) -> None:
        """Validate what is pending; a run that staged batches without events still gets one result."""
        if not self._pending and (self.chunks or not self._batches):
            return
        from schemas.expectations import CodeTables, validate_events

        if self._warm is not None:
            self._warm.join()
        pending, self._pending, self._pending_events = self._pending, [], 0
        events = _read([e for _, e, _ in pending], "events")
        lengths = _doc_lengths([d for d, _, _ in pending])
        number = len(self.chunks)
        outcome = validate_events(events, lengths, CodeTables.of(self.cameo), self.run_id, number)
        out = self.directory / f"chunk-{number:06d}"
        files = {}
        with writing(out):
            out.mkdir(parents=True, exist_ok=True)
            for name, frame in (("events", outcome.valid), ("rejected", outcome.rejected), ("validation", outcome.results)):
                files[name] = out / f"{name}.parquet"
                frame.write_parquet(files[name])
        self.chunks.append(
            ValidatedChunk(number, outcome.valid.height, outcome.rejected.height, files, outcome.gx_result)
        )

    def files(self, name: str) -> list[Path]:
        return [c.files[name] for c in self.chunks]

    @property
    def rejected(self) -> int:
        return sum(c.rejected for c in self.chunks)

    @property
    def valid(self) -> int:
        return sum(c.events for c in self.chunks)


_WARM: threading.Thread | None = None
_WARM_LOCK = threading.Lock()


def warm_up_gx(cameo: dict | None = None) -> threading.Thread:
    """Import GX and build the suite in a background thread, once per process.

    The suite is cached by its code tables (``schemas.expectations``), so a
    validation with the same tables later finds it built.
    """
    global _WARM
    with _WARM_LOCK:
        if _WARM is None:

            def build() -> None:
                from schemas.expectations import _LOCK, CodeTables, _validation_definition
                from transforms.codes import cameo_table

                tables = CodeTables.of(cameo if cameo is not None else cameo_table())
                with _LOCK:
                    _validation_definition(tables)

            _WARM = threading.Thread(target=build, name="gx-warm-up", daemon=True)
            _WARM.start()
        return _WARM


def _read(paths: list[Path], contract: str) -> pl.DataFrame:
    from schemas.frames import EVENTS, empty

    if not paths:
        return empty(EVENTS)
    return pl.concat([pl.read_parquet(p) for p in paths], how="vertical")


def _doc_lengths(paths: list[Path]) -> dict[str, int]:
    lengths: dict[str, int] = {}
    for path in paths:
        frame = pl.read_parquet(path, columns=["doc_id", "text"]).select(
            "doc_id", pl.col("text").str.len_chars().alias("n")
        )
        lengths.update(zip(frame["doc_id"].to_list(), frame["n"].to_list()))
    return lengths
