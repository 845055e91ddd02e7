"""`make bench`: the full flow's throughput against bare `nlp.pipe`, in one run.

Both sides process the same texts with the same model on the same machine
within the same minute, so the ratio survives a noisy, shared machine better
than any absolute number. The flow side is the real thing (Prefect, coding,
validation, staging, one-transaction load); it is timed twice: with the
ephemeral Prefect server's start-up, and without it (the extraction and load
alone, as a long-running deployment would see it).

Memory: the flow runs in child processes on a corpus of N and of 3N
documents; peak RSS should not grow with corpus size (streaming batches).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]


def write_corpus(directory: Path, documents: int) -> list[str]:
    """A JSONL corpus of `documents` records cycling through the sample articles."""
    texts = sample_texts()
    chosen = [texts[i % len(texts)] for i in range(documents)]
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "corpus.jsonl", "w", encoding="utf-8") as out:
        for i, text in enumerate(chosen):
            out.write(json.dumps({"id": f"bench-{i:06d}", "text": text, "published": "2024-06-20"}) + "\n")
    return chosen


def bare_pipe_seconds(texts: list[str], model: str | None) -> float:
    from transforms.nlp import load_model

    nlp = load_model(model)
    list(nlp.pipe(texts[:8]))  # warm-up, as the flow's first batch is not timed apart either
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start


def child_flow(corpus: Path, warehouse: Path, model: str | None, batch_size: int = 128) -> dict:
    """Run the flow in a fresh process; report its timings and peak RSS."""
    code = (
        "import json,resource,sys,time\n"
        "t=time.perf_counter()\n"
        "from flows.pipeline import run_pipeline\n"
        f"s=run_pipeline([{str(corpus)!r}], warehouse={str(warehouse)!r}, model={model!r}, batch_size={batch_size})\n"
        "s['wall']=time.perf_counter()-t\n"
        "s['peak_rss_mb']=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024\n"
        "print('BENCH'+json.dumps(s))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    line = next(l for l in out.stdout.splitlines() if l.startswith("BENCH"))
    return json.loads(line[5:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300, help="documents in the speed corpus")
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dotterel-bench-") as tmp:
        tmp_path = Path(tmp)
        texts = write_corpus(tmp_path / "speed", args.documents)
        words = sum(len(t.split()) for t in texts)
        bare = bare_pipe_seconds(texts, args.model)
        flow = child_flow(tmp_path / "speed", tmp_path / "speed.duckdb", args.model)
        small = max(args.documents // 3, 30)
        write_corpus(tmp_path / "mem_small", small)
        write_corpus(tmp_path / "mem_large", small * 3)
        # small batches, so that both memory runs stream several batches
        mem_small = child_flow(tmp_path / "mem_small", tmp_path / "small.duckdb", args.model, batch_size=25)
        mem_large = child_flow(tmp_path / "mem_large", tmp_path / "large.duckdb", args.model, batch_size=25)
    work_seconds = flow["seconds"]
    print(f"corpus: {args.documents} documents, {words:,} words; model {flow['model']}")
    print(f"bare nlp.pipe         : {bare:7.2f} s  {words / bare:9,.0f} words/s")
    print(f"flow (run, in-flow)   : {work_seconds:7.2f} s  {words / work_seconds:9,.0f} words/s")
    print(f"flow (process wall)   : {flow['wall']:7.2f} s  {words / flow['wall']:9,.0f} words/s  (incl. Prefect start-up, imports)")
    print(f"events: {flow['events']}, rejected: {flow['rejected']}")
    print(f"RATIO flow/bare throughput (in-flow)  : {bare / work_seconds:.3f}")
    print(f"RATIO flow/bare throughput (wall)     : {bare / flow['wall']:.3f}")
    print(
        f"memory: peak RSS {mem_small['peak_rss_mb']:.0f} MB for {small} docs, "
        f"{mem_large['peak_rss_mb']:.0f} MB for {small * 3} docs"
    )
    print(f"RATIO peak RSS 3N/N                   : {mem_large['peak_rss_mb'] / mem_small['peak_rss_mb']:.3f}")


if __name__ == "__main__":
    main()
