"""Walking the input paths and reading their files, lazily, in a stable order.

Bytes in, documents out: each file's bytes (and, for a one-document file,
its manifest metadata) go to the input format its suffix names
(`transforms/formats.py`). Reading is a generator so memory does not grow
with corpus size; only the set of doc_ids seen (to refuse duplicates) and
the manifests of the directories met grow.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from transforms.documents import Document, IngestError
from transforms.formats import FORMATS, MANIFEST_NAME, DocIds, InputFile, parse_manifest, read_input, unsupported


class InputNotFound(Exception):
    """A path given on the command line does not exist (a usage error)."""


class DocumentReader:
    """Walks input paths lazily and yields documents and ingest errors in order."""

    def __init__(self, inputs: Sequence[Path]):
        self.inputs = [Path(p) for p in inputs]
        missing = [str(p) for p in self.inputs if not p.exists()]
        if missing:
            raise InputNotFound(f"input path does not exist: {', '.join(missing)}")
        self._ids = DocIds()
        self._manifests: dict[Path, dict[str, dict]] = {}

    def files(self) -> list[tuple[Path, Path]]:
        """(root, file) pairs in a stable order; a cheap listing for progress bars."""
        pairs: list[tuple[Path, Path]] = []
        for item in self.inputs:
            if item.is_dir():
                for path in sorted(item.rglob("*")):
                    rel = path.relative_to(item)
                    if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                        continue
                    if path.name == MANIFEST_NAME:
                        continue
                    pairs.append((item, path))
            else:
                pairs.append((item.parent, item))
        return pairs

    def __iter__(self) -> Iterator[Document | IngestError]:
        for root, path in self.files():
            yield from self.read_file(root, path)

    def read_file(self, root: Path, path: Path) -> Iterator[Document | IngestError]:
        suffix = path.suffix.lower()
        fmt = FORMATS.get(suffix)
        if fmt is None:
            yield unsupported(str(path), suffix)
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield IngestError(str(path), None, str(exc))
            return
        fields: dict = {}
        if fmt.one_per_file:
            entry, errors = self._manifest_for(path)
            yield from errors
            fields = entry or {}
        yield from read_input(fmt, InputFile(str(path), path.relative_to(root).as_posix(), data, fields), self._ids)

    def _manifest_for(self, path: Path) -> tuple[dict | None, list[IngestError]]:
        """The manifest entry of a one-document file, from the nearest directory up that lists it."""
        errors: list[IngestError] = []
        for directory in path.parents:
            if directory not in self._manifests:
                manifest = directory / MANIFEST_NAME
                if manifest.is_file():
                    try:
                        self._manifests[directory], errors = parse_manifest(str(manifest), manifest.read_bytes())
                    except OSError as exc:
                        self._manifests[directory] = {}
                        errors = [IngestError(str(manifest), None, f"manifest unreadable: {exc}")]
                else:
                    self._manifests[directory] = {}
            entry = self._manifests[directory].get(path.relative_to(directory).as_posix())
            if entry is not None:
                return entry, errors
            if any(p.startswith("..") for p in path.relative_to(directory).parts):
                break
        return None, errors
