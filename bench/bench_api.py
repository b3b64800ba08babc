"""Read latency of the HTTP API under load while an ingest writes to the same store.

Usage: python bench/bench_api.py [--rate 200] [--seconds 20] [DOCUMENTS]

Builds a store from the bundled examples, serves it with `eventscope serve` on loopback, then
sends reads at a fixed rate (a mix of incident lists with filters, GeoJSON, one incident, the
daily series and event full-text search) from a thread pool while `eventscope ingest` codes
DOCUMENTS (default ../shared/eval/news-dev/news-dev.jsonl, else the examples again under new
ids) into the same store. Reports the achieved rate, p50/p99 latency and errors.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
NEWS_DEV = ROOT.parent / "shared" / "eval" / "news-dev" / "news-dev.jsonl"
READS = ["/api/incidents?limit=50", "/api/incidents?type=ASSAULT&min_fatalities=1",
         "/api/incidents?format=geojson&limit=200", "/api/series/daily",
         "/api/events?q=killed&limit=20", "/api/incidents?bbox=30,0,50,20"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("documents", nargs="?", default=str(NEWS_DEV))
    args = parser.parse_args()
    eventscope = str(Path(sys.executable).with_name("eventscope"))
    work = Path(tempfile.mkdtemp())
    db = work / "bench.db"
    subprocess.run([eventscope, "ingest", str(ROOT / "examples"), "--db", str(db)], check=True, capture_output=True)
    documents = Path(args.documents)
    if not documents.exists():
        documents = work / "more.jsonl"
        lines = [json.dumps({"doc_id": f"copy-{i}-{p.stem}", "date": "2024-01-0%d" % (1 + i % 9),
                             "text": p.read_text().split("\n", 1)[1]}) for i in range(20) for p in (ROOT / "examples").glob("*.txt")]
        documents.write_text("\n".join(lines) + "\n")
    port = free_port()
    server = subprocess.Popen([eventscope, "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base, timeout=10) as client:
        for _ in range(200):
            try:
                client.get("/api/incidents?limit=1")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        first = client.get("/api/incidents?limit=1").json()["incidents"][0]["incident_id"]
    urls = READS + [f"/api/incidents/{first}"]

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    local = threading.local()

    def read(url: str) -> None:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=10)
        start = time.perf_counter()
        try:
            response = local.client.get(url)
            ok = response.status_code == 200
        except httpx.HTTPError as exc:
            ok, response = False, exc
        elapsed = time.perf_counter() - start
        with lock:
            latencies.append(elapsed)
            if not ok:
                errors.append(f"{url}: {getattr(response, 'status_code', response)}")

    ingest = subprocess.Popen([eventscope, "ingest", str(documents), "--db", str(db)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started = time.perf_counter()
    sent = 0
    with ThreadPoolExecutor(max_workers=32) as pool:
        while time.perf_counter() - started < args.seconds:
            due = started + sent / args.rate
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            pool.submit(read, urls[sent % len(urls)])
            sent += 1
    elapsed = time.perf_counter() - started
    ingest_running = ingest.poll() is None
    ingest_report = "" if ingest_running else ingest.stderr.read().strip()
    ingest.kill()
    server.terminate()
    server.wait()
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    print(f"reads: {len(latencies)} in {elapsed:.1f} s ({len(latencies) / elapsed:.0f}/s, target {args.rate:.0f}/s), "
          f"errors {len(errors)}")
    print(f"latency: p50 {statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    print(f"ingest during the reads: {'still running at the end' if ingest_running else ingest_report}")
    for error in errors[:5]:
        print("  error:", error)


if __name__ == "__main__":
    main()
