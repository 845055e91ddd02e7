"""The coder's output on four corpora, pinned by hashes (issue #9: no behaviour change).

Each corpus goes through the code path its users meet, without Prefect: the
sample corpus and the seed articles through the flow's document reader and
batch function (batches of the flow's default size), the two gold sets through
`dotterel evaluate`'s reader and batching. Per corpus two hashes are compared
with `tests/coder_hashes.json`:

- ``events``: the sorted (doc, sentence, source, target, code, modality,
  offsets) rows, the identity of every event;
- ``rows``: every column of every event row but the run id, so a change of
  date, place, polarity, reporter or confidence shows too.

A refactoring keeps both. A change that means to code differently re-records
them (`python tests/test_coder_equality.py --record`) in a commit of its own
that says which rows changed and why (`--dump DIR` writes the rows to diff).
Corpora outside the repository (`../shared`) are skipped when absent.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # when run as a script
    sys.path.insert(0, str(ROOT))

HASHES = ROOT / "tests" / "coder_hashes.json"
SHARED = ROOT.parent / "shared"
CORPORA: dict[str, Path] = {
    "sample": ROOT / "corpus" / "sample",
    "seeds": SHARED / "corpus" / "seeds",
    "dotterel_gold": ROOT / "tests" / "gold" / "dotterel_gold.jsonl",
    "plover_gsr": SHARED / "reference" / "PLOVER_GSR_CAMEO.json",
}
FLOW_BATCH = 128  # flows.pipeline.DEFAULT_BATCH_SIZE (not imported: that would start Prefect's settings)
GOLD_BATCH = 64  # transforms.evaluate.predict's default
EVENT_KEY = (
    "doc_id", "sentence_index", "source_code", "target_code", "cameo_code", "modality",
    "source_start", "source_end", "action_start", "action_end", "target_start", "target_end",
)
NOT_HASHED = frozenset({"run_id"})

pytestmark = pytest.mark.slow


def _flow_rows(path: Path, res) -> Iterator[dict]:
    """Event rows as a flow run makes them: reader, batches of the flow's size, batch function."""
    from fileio.inputs import DocumentReader
    from transforms.batch import process_batch
    from transforms.documents import IngestError

    batch: list = []
    for item in DocumentReader([path]):
        if isinstance(item, IngestError):
            continue
        batch.append(item)
        if len(batch) == FLOW_BATCH:
            yield from process_batch(batch, res, "equality").events.iter_rows(named=True)
            batch = []
    if batch:
        yield from process_batch(batch, res, "equality").events.iter_rows(named=True)


def _gold_rows(path: Path, res) -> Iterator[dict]:
    """Event rows as `dotterel evaluate` makes them from a gold file."""
    from transforms.batch import process_batch
    from transforms.documents import make_document
    from transforms.evaluate import load_gold

    records = load_gold(path)
    for start in range(0, len(records), GOLD_BATCH):
        documents = [
            make_document(r.id, "gold", r.text, {"published": r.published}) for r in records[start:start + GOLD_BATCH]
        ]
        yield from process_batch(documents, res, "equality").events.iter_rows(named=True)


READERS: dict[str, Callable[[Path, object], Iterator[dict]]] = {
    "sample": _flow_rows,
    "seeds": _flow_rows,
    "dotterel_gold": _gold_rows,
    "plover_gsr": _gold_rows,
}


def _text(value: object) -> str:
    return "" if value is None else str(value)


def corpus_rows(name: str, res) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(event key rows, full rows) of one corpus, each sorted."""
    keys: list[tuple[str, ...]] = []
    full: list[tuple[str, ...]] = []
    for row in READERS[name](CORPORA[name], res):
        keys.append(tuple(_text(row[c]) for c in EVENT_KEY))
        full.append(tuple(f"{c}={_text(row[c])}" for c in sorted(row) if c not in NOT_HASHED))
    return sorted(keys), sorted(full)


def digest(rows: list[tuple[str, ...]]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(("\x1f".join(row) + "\n").encode("utf-8"))
    return h.hexdigest()


def measure(name: str, res) -> dict:
    keys, full = corpus_rows(name, res)
    return {"events": len(keys), "events_sha256": digest(keys), "rows_sha256": digest(full)}


@pytest.fixture(scope="module")
def res():
    from fileio.resources import load_resources

    return load_resources()


@pytest.mark.parametrize("name", list(CORPORA))
def test_coder_output_unchanged(res, name: str) -> None:
    if not CORPORA[name].exists():
        pytest.skip(f"{CORPORA[name]} is not present")
    recorded = json.loads(HASHES.read_text(encoding="utf-8"))[name]
    assert measure(name, res) == recorded


def main(argv: list[str]) -> None:
    from fileio.resources import load_resources

    resources = load_resources()
    if argv[:1] == ["--dump"]:
        out = Path(argv[1])
        out.mkdir(parents=True, exist_ok=True)
        for name, path in CORPORA.items():
            if path.exists():
                keys, full = corpus_rows(name, resources)
                (out / f"{name}.events.tsv").write_text("".join("\t".join(r) + "\n" for r in keys), encoding="utf-8")
                (out / f"{name}.rows.tsv").write_text("".join("\t".join(r) + "\n" for r in full), encoding="utf-8")
        return
    if argv != ["--record"]:
        raise SystemExit("usage: python tests/test_coder_equality.py --record | --dump DIR")
    recorded = json.loads(HASHES.read_text(encoding="utf-8")) if HASHES.exists() else {}
    for name, path in CORPORA.items():
        if path.exists():
            recorded[name] = measure(name, resources)
        elif name not in recorded:
            raise SystemExit(f"{path} is absent: cannot record {name}")
    HASHES.write_text(json.dumps(recorded, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(recorded, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
