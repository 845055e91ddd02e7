"""Before Prefect starts: what the warehouse holds, and whether the run has anything to parse.

Prefect's ephemeral server takes seconds to start, and so does a parse
worker (imports, model, dictionaries). A background thread started before
the flow reads the warehouse's (doc_id, content_sha256) for the run's
extractor version, once and read-only, then reads the inputs until it meets
the first document that is new or changed, and only then starts the workers,
so they load while Prefect starts. A rerun of an unchanged corpus starts no
worker at all. The flow takes the warehouse's list from here instead of
reading it again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from fileio.inputs import DocumentReader
from transforms.documents import Document
from warehouse.known import coded_documents

_SCANS: dict[tuple, "Prescan"] = {}
_LOCK = threading.Lock()


def scan_key(inputs: Sequence[str | Path], warehouse: str | Path, version: str, force: bool) -> tuple:
    return (tuple(str(Path(p).resolve()) for p in inputs), str(Path(warehouse).resolve()), version, force)


class Prescan:
    def __init__(self, inputs: Sequence[str | Path], warehouse: Path, version: str, force: bool, on_work: Callable[[], None]):
        self.known: dict[str, str] | None = None
        self.ready = threading.Event()
        self._args = (inputs, warehouse, version, force, on_work)
        self._thread = threading.Thread(target=self._run, name="dotterel-prescan", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        inputs, warehouse, version, force, on_work = self._args
        try:
            self.known = {} if force else coded_documents(warehouse, version)
        except Exception:  # noqa: BLE001 - the flow reads it again and reports what is wrong
            self.known = None
        finally:
            self.ready.set()
        known = self.known or {}
        try:
            for item in DocumentReader([Path(p) for p in inputs]):
                if isinstance(item, Document) and known.get(item.doc_id) != item.content_sha256:
                    break
            else:
                return  # nothing to parse
        except Exception:  # noqa: BLE001 - the flow meets the same problem and records it
            pass
        on_work()

    def known_documents(self) -> dict[str, str] | None:
        self.ready.wait()
        return self.known


def start(inputs: Sequence[str | Path], warehouse: str | Path, version: str, force: bool, on_work: Callable[[], None]) -> None:
    with _LOCK:
        _SCANS[scan_key(inputs, warehouse, version, force)] = Prescan(inputs, Path(warehouse), version, force, on_work)


def take(inputs: Sequence[str | Path], warehouse: str | Path, version: str, force: bool) -> Prescan | None:
    """The prescan started for this run, if any (each is used once)."""
    with _LOCK:
        return _SCANS.pop(scan_key(inputs, warehouse, version, force), None)
