"""`make bench`: the flow against bare spaCy, reruns, memory and the coder's cost, in one run.

Every ratio is measured within this one run, on the same texts, the same
model and the same machine, so it survives a noisy, shared machine better than
any absolute figure. The corpora (``bench/corpus.py``) are distinct documents
composed deterministically from our own texts.

* bare: ``nlp.pipe`` of the pipeline exactly as spaCy ships it, in this
  process and with ``n_process=2``, the baseline of every ratio; and the same
  call on the pipeline our workers load (``transforms.faster_spacy``: same
  annotations, less time), so the gain that comes from the parse itself shows;
* coding share: our coding time over the parse time of the same documents;
* flow: the real `run` (Prefect, workers, coding, validation, staging, the
  one-transaction load) in fresh processes, with --workers 1 and 2, timed
  inside the flow ("in-flow") and as the whole process (imports and
  Prefect's ephemeral server included);
* rerun: the same corpus into the same warehouse again;
* memory: peak RSS of each parse worker and of the run's process on a corpus
  of long documents, at 1x and 10x its size.
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

from bench.corpus import write_jsonl

ROOT = Path(__file__).resolve().parents[1]


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def stock_model():
    """The pipeline exactly as spaCy ships it: the baseline, without our shortcuts (``transforms.faster_spacy``)."""
    import spacy

    from transforms.nlp import choose_model

    return spacy.load(choose_model(None))


def bare_seconds(texts: list[str], n_process: int = 1, ours: bool = False) -> float:
    """``nlp.pipe`` over the texts: the stock pipeline, or (``ours``) the one a run's workers load."""
    if ours:
        from transforms.nlp import load_model

        nlp = load_model(None)
    else:
        nlp = stock_model()
    list(nlp.pipe(texts[:8]))  # warm-up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass
    return time.perf_counter() - start


def coding_share(texts: list[str]) -> tuple[float, float]:
    """(parse, coding) CPU seconds of the flow's own batch function on these texts.

    CPU time of this process, not wall time: both are single-threaded here,
    and CPU time does not count the time other processes on a shared machine
    take from us.
    """
    from fileio.resources import load_resources
    from transforms.batch import code_document, prepare_doc
    from transforms.documents import make_document

    res = load_resources()
    documents = [make_document(f"c{i}", "bench", t) for i, t in enumerate(texts)]
    for d in documents[:10]:  # warm every cache the first documents fill
        code_document(res.nlp(prepare_doc(res, d)), d, res)
    start = time.process_time()
    parsed = list(res.nlp.pipe([prepare_doc(res, d) for d in documents], batch_size=32))
    parse = time.process_time() - start
    start = time.process_time()
    for d, doc in zip(documents, parsed):
        code_document(doc, d, res)
    return parse, time.process_time() - start


def child_run(corpus: Path, warehouse: Path, workers: int, **options) -> dict:
    """`run_pipeline` in a fresh process: its summary, whole-process seconds and peak RSS."""
    code = (
        "import json,resource,time\n"
        "t=time.perf_counter()\n"
        "from flows.pipeline import run_pipeline\n"
        f"s=run_pipeline([{str(corpus)!r}], warehouse={str(warehouse)!r}, workers={workers}, **{options!r})\n"
        "s['wall']=time.perf_counter()-t\n"
        "s['main_peak_rss_mb']=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024\n"
        "print('BENCH'+json.dumps(s, default=str))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if out.returncode != 0:
        raise SystemExit(f"flow run failed:\n{out.stderr[-3000:]}")
    line = next(l for l in out.stdout.splitlines() if l.startswith("BENCH"))
    return json.loads(line[5:])


def prefect_start_seconds() -> float:
    """An empty flow in a fresh process, after Prefect's import: the ephemeral server's cost."""
    code = (
        "import time\n"
        "from prefect import flow\n"
        "from flows.lifecycle import supervise_ephemeral_server\n"
        "supervise_ephemeral_server()\n"
        "t=time.perf_counter()\n"
        "flow(name='empty')(lambda: None)()\n"
        "print('BENCH', time.perf_counter()-t)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return float(next(l for l in out.stdout.splitlines() if l.startswith("BENCH")).split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300, help="distinct documents in the speed corpus")
    parser.add_argument("--chars", type=int, default=3000, help="characters per speed-corpus document (a news story)")
    parser.add_argument("--rounds", type=int, default=2, help="repetitions of each timing (the fastest is kept)")
    parser.add_argument("--long-documents", type=int, default=32, help="documents of the 1x long corpus")
    parser.add_argument("--long-chars", type=int, default=60_000, help="characters per long document")
    parser.add_argument("--scale", type=int, default=10, help="the memory corpus's larger size, in multiples")
    parser.add_argument("--skip-memory", action="store_true", help="speed ratios only (the long corpora take longest)")
    args = parser.parse_args()
    os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="dotterel-bench-prefect-"))
    with tempfile.TemporaryDirectory(prefix="dotterel-bench-") as tmp:
        tmp_path = Path(tmp)
        speed = tmp_path / "speed" / "corpus.jsonl"
        texts = write_jsonl(speed, args.documents, args.chars)
        n_words = words(texts)
        print(f"speed corpus: {args.documents} distinct documents, {n_words:,} words", flush=True)

        # Each timing is taken in every round, the rounds interleaved, and the
        # fastest kept: other processes on a shared machine only ever slow a run.
        rounds: dict[str, list] = {k: [] for k in ("bare1", "bare2", "ours1", "one", "two", "rerun")}
        for r in range(args.rounds):
            rounds["bare1"].append(bare_seconds(texts))
            rounds["bare2"].append(bare_seconds(texts, n_process=2))
            rounds["ours1"].append(bare_seconds(texts, ours=True))
            rounds["one"].append(child_run(speed.parent, tmp_path / f"w1-{r}.duckdb", workers=1))
            rounds["two"].append(child_run(speed.parent, tmp_path / f"w2-{r}.duckdb", workers=2))
            rounds["rerun"].append(child_run(speed.parent, tmp_path / f"w2-{r}.duckdb", workers=2))
            print(f"round {r + 1} of {args.rounds} done (load average {os.getloadavg()[0]:.1f})", flush=True)
        bare1, bare2, ours1 = min(rounds["bare1"]), min(rounds["bare2"]), min(rounds["ours1"])
        one = min(rounds["one"], key=lambda s: s["seconds"])
        two = min(rounds["two"], key=lambda s: s["seconds"])
        rerun = min(rounds["rerun"], key=lambda s: s["seconds"])
        one_wall = min(s["wall"] for s in rounds["one"])
        two_wall = min(s["wall"] for s in rounds["two"])
        rerun_wall = min(s["wall"] for s in rounds["rerun"])
        parse, coding = coding_share(texts)
        prefect = prefect_start_seconds()

        def spread(values: list[float]) -> str:
            return f"spread {max(values) / min(values) - 1:5.1%} over {len(values)}"

        def rate(seconds: float) -> str:
            return f"{seconds:7.2f} s {n_words / seconds:9,.0f} words/s"

        print(f"bare nlp.pipe, 1 process          : {rate(bare1)}  {spread(rounds['bare1'])}")
        print(f"bare nlp.pipe(n_process=2)        : {rate(bare2)}  {spread(rounds['bare2'])}  ({bare1 / bare2:.2f}x one process)")
        print(f"our pipeline's nlp.pipe, 1 process: {rate(ours1)}  {spread(rounds['ours1'])}  "
              f"({bare1 / ours1:.2f}x stock: attribute-ruler index, lemma memory; same annotations)")
        print(f"flow --workers 1, in-flow         : {rate(one['seconds'])}  {spread([s['seconds'] for s in rounds['one']])}")
        print(f"flow --workers 1, whole process   : {rate(one_wall)}  {spread([s['wall'] for s in rounds['one']])}")
        print(f"flow --workers 2, in-flow         : {rate(two['seconds'])}  {spread([s['seconds'] for s in rounds['two']])}")
        print(f"flow --workers 2, whole process   : {rate(two_wall)}  {spread([s['wall'] for s in rounds['two']])}")
        print(f"rerun, unchanged corpus           : {rerun['seconds']:7.2f} s in-flow, {rerun_wall:.2f} s whole "
              f"({rerun['documents_skipped']} of {rerun['documents']} documents skipped before parsing)")
        print(f"coding, CPU seconds               : {coding:7.2f} s against {parse:.2f} s of parse")
        print(f"Prefect ephemeral server, empty flow: {prefect:.2f} s")
        print(f"events {two['events']}, rejected {two['rejected']}; worker peak RSS {two['worker_peak_rss_mb']} MB")
        print(f"RATIO coding / parse (share)                 : {coding / parse:.3f}   (target <= 0.25)")
        print(f"RATIO --workers 1 / bare, in-flow            : {bare1 / one['seconds']:.3f}   (target >= 0.80)")
        print(f"RATIO --workers 1 / bare, whole process      : {bare1 / one_wall:.3f}")
        print(f"RATIO --workers 2 / bare, in-flow            : {bare1 / two['seconds']:.3f}   (target >= 1.40)")
        print(f"RATIO --workers 2 / bare n_process=2, in-flow: {bare2 / two['seconds']:.3f}")
        print(f"RATIO --workers 2 / bare, whole process      : {bare1 / two_wall:.3f}")
        print(f"RATIO rerun / first run, in-flow             : {rerun['seconds'] / two['seconds']:.3f}   (target <= 0.05)")
        print(f"RATIO rerun / first run, whole process       : {rerun_wall / two_wall:.3f}   (target <= 0.25)")

        if args.skip_memory:
            return
        memory = []
        for scale in (1, args.scale):
            count = args.long_documents * scale
            corpus = tmp_path / f"long{scale}" / "corpus.jsonl"
            write_jsonl(corpus, count, args.long_chars, prefix=f"long{scale}")
            run = child_run(corpus.parent, tmp_path / f"long{scale}.duckdb", workers=2)
            memory.append(run)
            print(f"long corpus {scale:>2}x: {count} x {args.long_chars // 1000} KB, {run['seconds']:.1f} s in-flow; "
                  f"peak RSS per worker {run['worker_peak_rss_mb']:.0f} MB, run's process {run['main_peak_rss_mb']:.0f} MB",
                  flush=True)
        print(f"RATIO peak RSS per worker, {args.scale}x / 1x          : "
              f"{memory[1]['worker_peak_rss_mb'] / memory[0]['worker_peak_rss_mb']:.3f}   (target 0.90-1.10)")
        print(f"RATIO peak RSS of the run's process, {args.scale}x / 1x: "
              f"{memory[1]['main_peak_rss_mb'] / memory[0]['main_peak_rss_mb']:.3f}")
        print(f"peak RSS per worker, long documents: {max(m['worker_peak_rss_mb'] for m in memory):.0f} MB   (target <= 1536)")


if __name__ == "__main__":
    main()
