"""One batch: parse, code and stage it as Parquet. Runs wherever a worker is.

This is the work a batch task hands to a worker process of this machine
(``flows.workers``) or a Dask worker (``--dask``); it imports neither Prefect
nor Great Expectations, so a worker starts with the model and dictionaries
only, loaded once per process (``load_resources`` is memoised).

A worker writes the batch's Parquet straight into the staging folder the run
created for it when it can see that folder (the same machine, or a shared
file system mounted at the same path on every Dask worker). When it cannot
(a cluster without shared storage), it sends the files' bytes back with its
result and the run writes them; either way the run stages them.
"""

from __future__ import annotations

import io
import os
import resource
from dataclasses import dataclass, field
from pathlib import Path

from flows.staging import writing
from transforms.documents import Document, IngestError
from transforms.sizing import DEFAULT_PIPE_CHARS, DEFAULT_WINDOW_CHARS

FILES = ("documents", "events")  # what a batch stages (events not yet validated)


@dataclass(frozen=True)
class ResourceArgs:
    """What a worker loads its model and dictionaries from (picklable, hashable)."""

    model: str | None = None
    actor_files: tuple[Path, ...] = ()
    verb_files: tuple[Path, ...] = ()
    governor_files: tuple[Path, ...] = ()
    composition_files: tuple[Path, ...] = ()
    version: str = ""  # the extractor version these files give: an edited file is another resource set

    @classmethod
    def of(cls, model: str | None = None, *files: "list[str] | tuple[Path, ...] | None") -> "ResourceArgs":
        """From a run's options: actor, verb, governor and composition files, in that order."""
        from transforms.version import extractor_version

        groups = [tuple(Path(f) for f in group or ()) for group in files]
        groups += [()] * (4 - len(groups))
        return cls(model, *groups, version=extractor_version([f for group in groups for f in group]))

    @property
    def user_files(self) -> list[Path]:
        return [*self.actor_files, *self.verb_files, *self.governor_files, *self.composition_files]

    def load(self):
        """The memoised resources, loaded again if a user file changed since they were."""
        from fileio.resources import load_resources

        args = (self.model, self.actor_files, self.verb_files, self.governor_files, self.composition_files)
        res = load_resources(*args)
        if self.version and res.extractor_version != self.version:
            load_resources.cache_clear()
            res = load_resources(*args)
        return res


@dataclass
class ExtractedBatch:
    """A batch's counts, its ingest errors, and where its Parquet is (or its bytes)."""

    batch: int
    documents: int
    sentences: int
    events: int
    errors: list[IngestError] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    payload: dict[str, bytes] = field(default_factory=dict)  # when the worker could not see the folder
    worker: str = ""
    peak_rss_mb: float = 0.0

    def materialise(self, work: Path) -> None:
        """Write a returned payload into the run's staging folder (on the run's side)."""
        for name, data in self.payload.items():
            path = work / f"{name}.parquet"
            with writing(path):
                path.write_bytes(data)
            self.files[name] = path
        self.payload = {}


def extract_to_staging(
    batch_no: int,
    documents: list[Document],
    run_id: str,
    work: Path,
    resources: ResourceArgs,
    pipe_chars: int = DEFAULT_PIPE_CHARS,
    window_chars: int = DEFAULT_WINDOW_CHARS,
) -> ExtractedBatch:
    """Parse and code one batch and stage its documents and events."""
    from transforms.batch import process_batch

    res = resources.load()
    frames = process_batch(documents, res, run_id, pipe_chars=pipe_chars, window_chars=window_chars)
    result = ExtractedBatch(
        batch=batch_no,
        documents=frames.documents.height,
        sentences=frames.sentences,
        events=frames.events.height,
        errors=frames.errors,
        worker=f"{os.uname().nodename}:{os.getpid()}",
    )
    for name, frame in (("documents", frames.documents), ("events", frames.events)):
        if Path(work).is_dir():
            path = Path(work) / f"{name}.parquet"
            with writing(path):  # a full or unwritable staging disk is named in one line
                frame.write_parquet(path)
            result.files[name] = path
        else:
            buffer = io.BytesIO()
            frame.write_parquet(buffer)
            result.payload[name] = buffer.getvalue()
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result
