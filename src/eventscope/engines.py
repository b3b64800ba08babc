"""Where documents are coded: in this process, in worker processes on this machine, or on a
Ray cluster. Every engine yields the coded documents (or a ReadError for one that could not
be coded) in input order, so the store sees the same sequence and builds the same incidents
whichever engine ran."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
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

    _worker_extractor = Extractor()  # once per process: the model is the expensive part


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
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                             initializer=_start_worker) as pool:
        pending: deque[Future] = deque()
        for batch in _batches(documents, BATCH):
            pending.append(pool.submit(_code_batch, batch))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


class _RayCoder:
    """A Ray Data actor: loads the model once, codes batches of serialised documents."""

    def __init__(self) -> None:
        from .extract.pipeline import Extractor

        self.extractor = Extractor()

    def __call__(self, batch: dict) -> dict:
        documents = [Document.from_json(json.loads(raw)) for raw in batch["document"]]
        records, errors = [], []
        for document, coded in zip(documents, self._coded(documents)):
            if isinstance(coded, ReadError):
                records.append(json.dumps(document.to_json(with_text=True), ensure_ascii=False))
                errors.append(coded.reason)
            else:
                records.append(json.dumps(coded.to_json(with_text=True), ensure_ascii=False))
                errors.append("")
        return {"position": list(batch["position"]), "doc_id": [d.doc_id for d in documents],
                "record": records, "error": errors}

    def _coded(self, documents: list[Document]) -> list[Document | ReadError]:
        by_id = {}
        for item in self.extractor.extract(documents):
            by_id[item.source if isinstance(item, ReadError) else item.doc_id] = item
        return [by_id.get(d.doc_id, ReadError(d.doc_id, None, "not coded")) for d in documents]


def _event_rows(row: dict) -> list[dict]:
    record = json.loads(row["record"])
    return [{"doc_id": row["doc_id"], "position": row["position"], "index": i, "type": e["type"],
             "mode": e.get("mode"), "date_start": e.get("date_start"), "fatalities": e.get("fatalities"),
             "country": (e.get("location") or {}).get("country"), "record": json.dumps(e, ensure_ascii=False)}
            for i, e in enumerate(record.get("events") or [])]


def code_ray(documents: Iterable[Document], workers: int, address: str | None,
             parquet_dir: Path) -> Iterator[Document | ReadError]:
    """Code with Ray Data: the documents become a dataset, actors that each load the model once
    code it, and the results are written as Parquet partitions (parquet_dir/run-TIME/documents
    and .../events, readable by DuckDB or Spark) before they are read back in input order."""
    import logging
    import time

    import ray

    logging.getLogger("ray").setLevel(logging.WARNING)
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                 log_to_driver=False, configure_logging=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    rows = [{"position": i, "document": json.dumps(d.to_json(with_text=True), ensure_ascii=False)}
            for i, d in enumerate(documents)]
    if not rows:
        return
    coded = ray.data.from_items(rows).map_batches(
        _RayCoder, concurrency=workers, batch_size=BATCH, num_cpus=1).materialize()
    run = parquet_dir / time.strftime("run-%Y%m%dT%H%M%S")  # one folder per run: earlier runs stay
    coded.write_parquet(str(run / "documents"))
    coded.flat_map(_event_rows).write_parquet(str(run / "events"))

    import pyarrow.dataset as pa_dataset

    table = pa_dataset.dataset(str(run / "documents"), format="parquet").to_table()
    for row in sorted(table.to_pylist(), key=lambda r: r["position"]):
        if row["error"]:
            yield ReadError(row["doc_id"], None, row["error"])
        else:
            yield Document.from_json(json.loads(row["record"]))
