"""Where documents are coded: in this process, in worker processes on this machine, or on a
Ray cluster. Every engine yields the coded documents (or a ReadError for one that could not
be coded) in input order, so the store sees the same sequence and builds the same incidents
whichever engine ran."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from .model import Document
from .readers import ReadError

BATCH = 8  # documents per task: enough to amortise the hand-over, small enough to balance

_worker_extractor = None


def _start_worker() -> None:
    global _worker_extractor
    from .extract.pipeline import Extractor

    # Ctrl-C reaches the whole process group: the parent stops the workers, they do not each
    # print a traceback. A parent killed outright (SIGKILL) cannot stop them: they watch it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _worker_extractor = Extractor()  # once per process: the model is the expensive part


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers now: the input was abandoned (an error, Ctrl-C, SIGTERM), and waiting
    for the batches in flight would keep them coding for nothing."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _code_batch(batch: list[Document]) -> list[Document | ReadError]:
    return list(_worker_extractor.extract(batch))


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def code_local(documents: Iterable[Document], workers: int = 1) -> Iterator[Document | ReadError]:
    """Code in this process (1 worker) or in `workers` processes, each loading the model once;
    at most two batches per worker are in flight, so memory stays flat on any input size."""
    if workers <= 1:
        from .extract.pipeline import Extractor

        yield from Extractor().extract(documents)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_start_worker)
    try:
        pending: deque[Future] = deque()
        for batch in _batches(documents, BATCH):
            pending.append(pool.submit(_code_batch, batch))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BaseException:  # including the consumer closing the generator early
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)


class _RayCoder:
    """A Ray Data actor: loads the model once, codes the batch's documents; rows that carry a
    read error or a document already stored pass through."""

    def __init__(self) -> None:
        from .extract.pipeline import Extractor

        self.extractor = Extractor()

    def __call__(self, batch: dict) -> dict:
        rows = [dict(zip(batch, values)) for values in zip(*batch.values())]
        wanted = [Document.from_json(json.loads(r["record"])) for r in rows if r["status"] == "document"]
        # extract gives one item per document, in input order
        coded = iter(self.extractor.extract(wanted))
        for row in rows:
            if row["status"] != "document":
                continue
            item = next(coded)
            if isinstance(item, ReadError):
                row["status"], row["error"] = "error", item.reason
            else:
                row["record"] = json.dumps(item.to_json(with_text=True), ensure_ascii=False)
        return {key: [row[key] for row in rows] for key in batch}


def _read_partition(row: dict, stored: frozenset[str]) -> list[dict]:
    """One input file read on a Ray worker: a row per document, read error or stored copy."""
    from .readers import read_file
    from .store import content_hash

    rows = []
    for index, item in enumerate(read_file(Path(row["path"]))):
        base = {"file": row["file"], "index": index, "doc_id": "", "record": "", "error": "", "source": "",
                "line": -1}
        if isinstance(item, ReadError):
            rows.append(base | {"status": "error", "error": item.reason, "source": item.source,
                                "line": item.line if item.line is not None else -1})
        elif content_hash(item) in stored:
            rows.append(base | {"status": "stored", "doc_id": item.doc_id,
                                "record": json.dumps(item.to_json(with_text=True), ensure_ascii=False)})
        else:
            rows.append(base | {"status": "document", "doc_id": item.doc_id,
                                "record": json.dumps(item.to_json(with_text=True), ensure_ascii=False)})
    return rows


def _event_rows(row: dict) -> list[dict]:
    if row["status"] != "document":
        return []
    record = json.loads(row["record"])
    return [{"doc_id": row["doc_id"], "file": row["file"], "index": row["index"], "position": i,
             "type": e["type"], "mode": e.get("mode"), "date_start": e.get("date_start"),
             "fatalities": e.get("fatalities"), "country": (e.get("location") or {}).get("country"),
             "record": json.dumps(e, ensure_ascii=False)}
            for i, e in enumerate(record.get("events") or [])]


@dataclass(frozen=True)
class Stored:
    """What code_ray yields for a document the store already holds (its appearance may be new)."""

    document: Document



def code_ray(files: list[Path], workers: int, address: str | None, parquet_dir: Path,
             stored: frozenset[str] = frozenset()) -> Iterator[Document | ReadError | Stored]:
    """Read and code with Ray Data: the input files are the partitions, read on the workers;
    actors that each load the model once code the documents; the results are written as Parquet
    partitions (parquet_dir/run-TIME/documents and .../events, readable by DuckDB or Spark) and
    streamed back in input order, a block at a time, so the driver never holds the whole run.
    Documents whose content hash is in `stored` are not coded: they come back as Stored."""
    import functools
    import logging

    import ray

    logging.getLogger("ray").setLevel(logging.WARNING)
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    if not files:
        return
    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                 log_to_driver=False, configure_logging=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    # small blocks, so that the documents of one big file still spread over every actor
    context.target_max_block_size = 64 * 1024
    partitions = ray.data.from_items([{"file": i, "path": str(path.resolve())} for i, path in enumerate(files)])
    # reading takes no CPU slot of its own: the coding actors hold one each, and on a small
    # machine a reader waiting for a slot would wait for ever
    coded = (partitions.flat_map(functools.partial(_read_partition, stored=stored), num_cpus=0)
             .map_batches(_RayCoder, concurrency=workers, batch_size=BATCH, num_cpus=1)
             .materialize())
    run = parquet_dir / time.strftime("run-%Y%m%dT%H%M%S")  # one folder per run: earlier runs stay
    coded.write_parquet(str(run / "documents"))
    coded.flat_map(_event_rows).write_parquet(str(run / "events"))
    # the materialized blocks, in input order (preserve_order), one at a time
    for row in coded.iter_rows():
        if row["status"] == "error":
            yield ReadError(row["source"] or row["doc_id"], row["line"] if row["line"] >= 0 else None, row["error"])
        elif row["status"] == "stored":
            yield Stored(Document.from_json(json.loads(row["record"])))
        else:
            yield Document.from_json(json.loads(row["record"]))
