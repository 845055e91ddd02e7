"""Deterministic benchmark corpora composed from the project's own texts.

A benchmark on one text repeated hides every per-document cache (actor
look-ups, gazetteer hits, the parser's own), so each document here is a
different composition: paragraphs of sentences drawn, with a seeded generator,
from the sample articles (`corpus/sample`) and the sentences of our gold sets
(`tests/gold/dotterel_gold.jsonl`, `tests/gold/devset.jsonl`). Nothing else
is read: never the blind development set, never `../shared`.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"
GOLD_FILES = (ROOT / "tests" / "gold" / "dotterel_gold.jsonl", ROOT / "tests" / "gold" / "devset.jsonl")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@lru_cache(maxsize=1)
def sentence_pool() -> tuple[str, ...]:
    """Every sentence of our own texts, once, in a fixed order."""
    pool: list[str] = []
    for path in sorted(SAMPLE.glob("*.txt")):
        for paragraph in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            lines = [line for line in paragraph.splitlines() if not line.startswith("date ")]
            text = " ".join(line.strip() for line in lines).strip()
            pool.extend(s.strip() for s in _SENTENCE_END.split(text) if len(s.split()) >= 5)
    for gold in GOLD_FILES:
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"].strip()
                if text:
                    pool.append(text)
    seen: set[str] = set()
    return tuple(s for s in pool if not (s in seen or seen.add(s)))


def compose(index: int, target_chars: int, seed: int = 11) -> str:
    """Document ``index``: paragraphs of 2-5 drawn sentences until ``target_chars``."""
    rng = random.Random(seed * 1_000_003 + index)
    pool = sentence_pool()
    paragraphs: list[str] = []
    size = 0
    while size < target_chars:
        paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    day = 1 + index % 28
    month = 1 + (index // 28) % 12
    return f"date 2024-{month:02d}-{day:02d}\n" + "\n\n".join(paragraphs) + "\n"


def documents(count: int, target_chars: int, prefix: str = "bench") -> Iterator[dict]:
    for i in range(count):
        yield {"id": f"{prefix}-{i:06d}", "text": compose(i, target_chars)}


def write_jsonl(path: Path, count: int, target_chars: int, prefix: str = "bench") -> list[str]:
    """Write ``count`` distinct documents as JSONL; return their texts."""
    path.parent.mkdir(parents=True, exist_ok=True)
    texts = []
    with open(path, "w", encoding="utf-8") as out:
        for record in documents(count, target_chars, prefix):
            texts.append(record["text"])
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if len(set(texts)) != len(texts):
        raise AssertionError("benchmark documents must be distinct")
    return texts
