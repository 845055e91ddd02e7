"""Walking the input paths and reading their files, lazily, in a stable order.

Bytes in, documents out: each file's bytes (and, for a one-document file,
its manifest metadata) go to the input format its suffix names
(`transforms/formats.py`). Reading is a generator so memory does not grow
with corpus size; only the set of doc_ids seen (to refuse duplicates) and
the manifests of the directories met grow.

What a file system can do to a run is recorded here, per file, as an ingest
error: a symlink loop, a dangling link, a FIFO that would block a read
forever, a directory or file that cannot be read. A file name that is not
valid UTF-8 is kept (Python holds it with surrogateescape, so the file can be
opened) and shown with its bytes escaped (`caf\\xe9.txt`) wherever it is
recorded: as doc_id and source_path, or in an ingest error.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from transforms.documents import Document, IngestError
from transforms.formats import FORMATS, MANIFEST_NAME, DocIds, InputFile, parse_manifest, read_input, unsupported
from transforms.records import shown

_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


class InputNotFound(Exception):
    """A path given on the command line does not exist (a usage error)."""


def shown_path(path: Path | str) -> str:
    """A path as text that can be stored: bytes that are not UTF-8 escaped as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def storable(error: IngestError) -> IngestError:
    """An ingest error the warehouse can store whatever record text its message quotes."""
    fields = (error.source_path, error.record, error.error)
    safe = tuple(None if f is None else shown(f) for f in fields)
    return error if safe == fields else IngestError(*safe)


def _dir_key(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _not_a_file(st: os.stat_result) -> str:
    return next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")


def _broken_link(path: Path, exc: OSError) -> str:
    """Why a symlink cannot be followed."""
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link leads back to itself"
    try:
        target = shown_path(os.readlink(path))
    except OSError:
        target = "?"
    if exc.errno == errno.ENOENT:
        return f"dangling symlink: its target {target} does not exist"
    return f"symlink to {target} cannot be followed: {exc.strerror}"


def walk(root: Path) -> Iterator[Path | IngestError]:
    """The files under `root` in sorted order, following symlinks; what cannot be read, as errors.

    Hidden entries and manifests are skipped. A directory reached again through
    a symlink while inside it (a loop) is recorded, not followed. Iterative, so a
    deep tree cannot hit the recursion limit.
    """
    listing = _listing(root)
    if isinstance(listing, IngestError):
        yield listing
        return
    stack = [(iter(listing), frozenset({_dir_key(os.stat(root))}))]
    while stack:
        entries, ancestors = stack[-1]
        path = next(entries, None)
        if path is None:
            stack.pop()
            continue
        if path.name.startswith(".") or path.name == MANIFEST_NAME:
            continue
        try:
            st = os.stat(path)
        except OSError as exc:
            if path.is_symlink():
                yield IngestError(shown_path(path), None, _broken_link(path, exc))
            else:
                yield IngestError(shown_path(path), None, f"cannot be read: {exc.strerror}")
            continue
        if stat.S_ISDIR(st.st_mode):
            if _dir_key(st) in ancestors:
                yield IngestError(
                    shown_path(path), None,
                    f"symlink loop: the link leads back to a directory it is in ({shown_path(path.resolve())})",
                )
                continue
            listing = _listing(path)
            if isinstance(listing, IngestError):
                yield listing
                continue
            stack.append((iter(listing), ancestors | {_dir_key(st)}))
        elif stat.S_ISREG(st.st_mode):
            yield path
        else:
            yield IngestError(shown_path(path), None, f"{_not_a_file(st)}, not a file: not read")


def _listing(directory: Path) -> list[Path] | IngestError:
    try:
        return sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        return IngestError(shown_path(directory), None, f"directory cannot be read: {exc.strerror}")


class DocumentReader:
    """Walks input paths lazily and yields documents and ingest errors in order."""

    def __init__(self, inputs: Sequence[Path]):
        self.inputs = [Path(p) for p in inputs]
        missing = [shown_path(p) for p in self.inputs if not p.exists()]
        if missing:
            raise InputNotFound(f"input path does not exist: {', '.join(missing)}")
        self._ids = DocIds()
        self._manifests: dict[Path, dict[str, dict]] = {}

    def __iter__(self) -> Iterator[Document | IngestError]:
        for item in self._read():
            yield storable(item) if isinstance(item, IngestError) else item

    def _read(self) -> Iterator[Document | IngestError]:
        for item in self.inputs:
            if item.is_dir():
                for path in walk(item):
                    if isinstance(path, IngestError):
                        yield path
                    else:
                        yield from self.read_file(item, path)
            else:
                yield from self.read_file(item.parent, item)

    def read_file(self, root: Path, path: Path) -> Iterator[Document | IngestError]:
        label = shown_path(path)
        suffix = path.suffix.lower()
        fmt = FORMATS.get(suffix)
        if fmt is None:
            yield unsupported(label, shown_path(suffix))
            return
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):  # a FIFO named on the command line would block
                yield IngestError(label, None, f"{_not_a_file(st)}, not a file: not read")
                return
            data = path.read_bytes()
        except OSError as exc:
            yield IngestError(label, None, f"cannot be read: {exc.strerror}")
            return
        fields: dict = {}
        if fmt.one_per_file:
            entry, errors = self._manifest_for(path)
            yield from errors
            fields = entry or {}
        name = shown_path(path.relative_to(root).as_posix())
        yield from read_input(fmt, InputFile(label, name, data, fields), self._ids)

    def _manifest_for(self, path: Path) -> tuple[dict | None, list[IngestError]]:
        """The manifest entry of a one-document file, from the nearest directory up that lists it."""
        errors: list[IngestError] = []
        for directory in path.parents:
            if directory not in self._manifests:
                manifest = directory / MANIFEST_NAME
                if manifest.is_file():
                    try:
                        self._manifests[directory], errors = parse_manifest(shown_path(manifest), manifest.read_bytes())
                    except OSError as exc:
                        self._manifests[directory] = {}
                        errors = [IngestError(shown_path(manifest), None, f"manifest unreadable: {exc.strerror}")]
                else:
                    self._manifests[directory] = {}
            entry = self._manifests[directory].get(path.relative_to(directory).as_posix())
            if entry is not None:
                return entry, errors
            if any(p.startswith("..") for p in path.relative_to(directory).parts):
                break
        return None, errors
