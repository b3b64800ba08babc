"""Engines: worker processes and Ray code the same documents into the same store contents as
one process does."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from eventscope.cli import main

from .conftest import ROOT, SHARED_EVAL

pytestmark = pytest.mark.slow


def _sample(tmp_path):
    """news-dev where it is beside the checkout, else the bundled examples."""
    news_dev = SHARED_EVAL / "news-dev" / "news-dev.jsonl"
    if news_dev.exists():
        return news_dev
    target = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", target)
    return target


def _stored(db) -> list[dict]:
    result = CliRunner().invoke(main, ["export", "--db", str(db)], catch_exceptions=False)
    return [json.loads(line) for line in result.stdout.splitlines()]


def _ingest(*args) -> str:
    result = CliRunner().invoke(main, ["ingest", *map(str, args)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stderr


def test_two_worker_processes_store_what_one_process_stores(tmp_path):
    sample = _sample(tmp_path)
    _ingest(sample, "--db", tmp_path / "one.db")
    _ingest(sample, "--db", tmp_path / "two.db", "--workers", "2")
    assert _stored(tmp_path / "one.db") == _stored(tmp_path / "two.db")


def test_the_ray_engine_stores_what_the_local_engine_stores_and_writes_parquet(tmp_path):
    pytest.importorskip("ray", reason="the Ray extra is not installed (pip install 'eventscope[ray]')")
    import pyarrow.dataset as pa_dataset

    sample = _sample(tmp_path)
    _ingest(sample, "--db", tmp_path / "local.db")
    _ingest(sample, "--db", tmp_path / "ray.db", "--engine", "ray", "--workers", "2",
            "--parquet", tmp_path / "parts")
    local, distributed = _stored(tmp_path / "local.db"), _stored(tmp_path / "ray.db")
    assert local and local == distributed
    [run] = list((tmp_path / "parts").iterdir())
    events = pa_dataset.dataset(str(run / "events"), format="parquet").to_table()
    assert events.num_rows == sum(len(d["events"]) for d in local)
    assert {"doc_id", "type", "record"} <= set(events.column_names)


def test_the_ray_engine_reports_bad_documents_and_skips_what_is_stored(tmp_path):
    pytest.importorskip("ray", reason="the Ray extra is not installed (pip install 'eventscope[ray]')")
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"doc_id": "good", "date": "2020-01-06",
                                 "text": "Rebels attacked an army post near Kidal on Sunday."}) + "\n"
                     + "{not json\n", encoding="utf-8")
    db = tmp_path / "ray.db"
    result = CliRunner().invoke(main, ["ingest", str(batch), "--db", str(db), "--engine", "ray", "--workers", "2"])
    assert result.exit_code == 1 and "batch.jsonl:2" in result.stderr and "ingested 1 new documents" in result.stderr
    again = CliRunner().invoke(main, ["ingest", str(batch), "--db", str(db), "--engine", "ray", "--workers", "2"])
    assert "ingested 0 new documents" in again.stderr and "1 already stored" in again.stderr
