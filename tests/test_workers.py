"""Worker processes end with their parent, and the engines read their input lazily (issue 13,
defect 10 and 'ingest that never holds an archive in memory')."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from eventscope.model import Document

EVENTSCOPE = Path(sys.executable).with_name("eventscope")
REPORT = ("Gunmen on motorbikes attacked a cattle market in {town} on Saturday, killing {n} herders and "
          "wounding several others, a local official said. Residents fled to nearby villages.")
TOWNS = ["Zurmi", "Gusau", "Anka", "Maru", "Bungudu", "Tsafe"]


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_workers_end_when_the_ingest_is_stopped(tmp_path, signum):
    batch = tmp_path / "many.jsonl"
    with batch.open("w", encoding="utf-8") as handle:
        for number in range(100):
            # long reports: a batch in flight takes a worker many seconds to finish
            text = " ".join(REPORT.format(town=TOWNS[(number + k) % len(TOWNS)], n=k % 9 + 2) for k in range(80))
            handle.write(json.dumps({"doc_id": f"r{number}", "date": "2023-02-11", "text": text}) + "\n")
    parent = subprocess.Popen([str(EVENTSCOPE), "ingest", str(batch), "--db", str(tmp_path / "s.db"), "--workers", "2"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = [p for p in _children(parent.pid)
                   if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
        time.sleep(0.2)
    assert len(workers) >= 2, "the workers did not start"
    time.sleep(2.0)
    everything = _children(parent.pid)
    parent.send_signal(signum)
    parent.wait(timeout=60)
    deadline = time.monotonic() + 3  # time to notice, not to finish the batch in hand
    while time.monotonic() < deadline and any(_running(p) for p in everything):
        time.sleep(0.2)
    assert not [p for p in everything if _running(p)], "worker processes outlived the ingest"


def test_the_local_engine_reads_its_input_as_it_codes():
    from eventscope.engines import code_local

    pulled = 0

    def endless():
        nonlocal pulled
        for number in range(100_000):
            pulled += 1
            yield Document(f"d{number}", REPORT.format(town="Anka", n=3), date(2023, 2, 11))

    coded = code_local(endless(), workers=1)
    first = next(coded)
    assert first.doc_id == "d0" and first.events
    assert pulled <= 64  # one batch of the parser, not the whole input
    coded.close()
