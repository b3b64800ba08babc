"""Toponyms per second of `eventscope geocode` over LGL, and its peak memory.

Usage: python bench/bench_geocode.py [GOLD]   (default ../shared/eval/geo/lgl.jsonl)

Runs the installed command once on the set (start-up and model loading included), counts the
toponyms it resolved, and reports toponyms per second and the command's peak resident memory.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "geo" / "lgl.jsonl"


def main() -> None:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not gold.exists():
        sys.exit(f"{gold} is absent: give a JSON Lines file of documents with toponyms")
    command = [str(Path(sys.executable).with_name("eventscope")), "geocode", str(gold)]
    start = time.perf_counter()
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    toponyms = sum(len(json.loads(line)["toponyms"]) for line in result.stdout.splitlines())
    print(f"{gold.name}: {toponyms} toponyms in {seconds:.1f} s, {toponyms / seconds:.0f} toponyms/s "
          f"(start-up included); peak memory {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
