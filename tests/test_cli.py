"""The command-line contract of shared/eval/FORMAT.md, driven as an outside scorer drives it."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventscope.cli import main

from .conftest import ROOT, SEED

EVENTSCOPE = Path(sys.executable).with_name("eventscope")


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def mixed_batch(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"doc_id": "good", "date": "2020-01-08", "text": "A car bomb exploded outside a hotel in Kismayo on Wednesday, killing four people."}\n'
        '{"doc_id": "broken", "date": "2020-01-08", "text": "unterminated\n'
        '{"doc_id": "blank", "date": "2020-01-08", "text": ""}\n'
        '{"doc_id": "impossible", "date": "2020-13-45", "text": "Police arrested ten people."}\n',
        encoding="utf-8",
    )
    return path


def test_extract_keeps_going_past_bad_documents(mixed_batch):
    """The installed command, as a scorer runs it: one good line out, three errors, exit 1."""
    result = subprocess.run([str(EVENTSCOPE), "extract", str(mixed_batch)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["doc_id"] for d in lines] == ["good"]
    [event] = lines[0]["events"]
    assert event["type"] == "ASSAULT" and event["fatalities"] == 4
    assert event["date_start"] == "2020-01-08" and event["location"]["name"] == "Kismayo"
    # other lines (the one-off gazetteer build notice) may share standard error
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert f"{mixed_batch}:2: invalid JSON" in errors[0]
    assert f"{mixed_batch}:3:" in errors[1] and "empty text" in errors[1]
    assert f"{mixed_batch}:4:" in errors[2] and "is not a date" in errors[2]


def test_extract_output_has_the_format_keys():
    code, out, _ = run("extract", str(SEED))
    assert code == 0
    [document] = [json.loads(line) for line in out.splitlines()]
    assert document["date"] == "2019-12-24"
    required = {"type", "mode", "acled_event_type", "acled_sub_event_type", "trigger", "sentence", "actor",
                "recipient", "date_start", "date_end", "date_precision", "location", "fatalities",
                "injured", "displaced"}
    for event in document["events"]:
        assert required <= set(event)
        for actor in event["actor"] + event["recipient"]:
            assert set(actor) == {"text", "country", "sector"}


def test_non_english_documents_are_announced_not_silently_empty(tmp_path):
    path = tmp_path / "es.jsonl"
    path.write_text('{"doc_id": "es-1", "lang": "es", "date": "2025-11-13", "text": "Hubo combates en el Cauca."}\n')
    code, out, err = run("extract", str(path))
    assert code == 0
    assert json.loads(out)["events"] == []
    assert "es-1" in err and "not coded" in err


def test_ingest_is_idempotent_and_export_carries_incidents(tmp_path):
    db = tmp_path / "events.db"
    code, _, err = run("ingest", str(ROOT / "examples"), "--db", str(db))
    assert code == 0 and "ingested 5 new documents" in err
    code, _, err = run("ingest", str(ROOT / "examples"), "--db", str(db))
    assert code == 0 and "ingested 0 new documents" in err and "5 already stored" in err

    code, out, _ = run("export", "--db", str(db), "--format", "jsonl")
    documents = [json.loads(line) for line in out.splitlines()]
    assert len(documents) == 5
    events = [e for d in documents for e in d["events"]]
    assert events and all(e["incident_id"] for e in events)
    # the two reports of the Baidoa bomb are one incident; nothing else merges
    bombs = {e["incident_id"] for d in documents if "baidoa" in d["doc_id"] for e in d["events"]
             if e["type"] == "ASSAULT"}
    assert len(bombs) == 1
    assert len({e["incident_id"] for e in events}) == len(events) - 1

    code, out, _ = run("export", "--db", str(db), "--incidents", "--format", "jsonl")
    incidents = [json.loads(line) for line in out.splitlines()]
    [bomb_incident] = [i for i in incidents if i["incident_id"] in bombs]
    assert bomb_incident["sources"] == 2 and len(bomb_incident["mentions"]) == 2
    assert (bomb_incident["fatalities"]["low"], bomb_incident["fatalities"]["high"]) == (6, 7)
    code, out, _ = run("export", "--db", str(db), "--incidents", "--format", "geojson")
    collection = json.loads(out)
    assert len(collection["features"]) == len(incidents)
    code, out, _ = run("export", "--db", str(db), "--format", "geojson")
    assert len(json.loads(out)["features"]) == len(events)

    code, out, _ = run("export", "--db", str(db), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(events)
    bomb = next(r for r in rows if r["doc_id"] == "2021-03-15-baidoa-car-bomb")
    assert (bomb["event_date"], bomb["location"], bomb["fatalities"]) == ("2021-03-14", "Baidoa", "6")
    assert bomb["sub_event_type"] == "Remote explosive/landmine/IED"
    # ACLED's own columns: actor types as inter codes, civilian targeting as ACLED writes it
    assert (bomb["actor1"], bomb["inter1"]) == ("Unidentified Armed Group (Somalia)", "3")  # no one named
    assert (bomb["actor2"], bomb["inter2"], bomb["civilian_targeting"]) == (
        "Civilians (Somalia)", "7", "Civilian targeting")


def test_ingest_reports_bad_documents_and_stores_the_good(tmp_path, mixed_batch):
    db = tmp_path / "events.db"
    code, _, err = run("ingest", str(mixed_batch), "--db", str(db))
    assert code == 1 and "ingested 1 new documents" in err and "3 errors" in err
    code, out, _ = run("export", "--db", str(db))
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["good"]


def test_show_prints_a_table_of_the_stored_events(tmp_path):
    db = tmp_path / "events.db"
    run("ingest", str(SEED), "--db", str(db))
    code, out, _ = run("show", "--db", str(db), "--width", "200")
    assert code == 0
    assert "ASSAULT" in out and "Moscow" in out and "2019-12-23" in out


def test_eval_of_a_folder_where_a_file_is_wanted_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["eval", "wikievents", str(tmp_path)])
    assert result.exit_code == 1
    assert "cannot read" in result.output and str(tmp_path) in result.output
    assert "Traceback" not in result.output


def test_eval_names_the_bad_line_of_a_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "Rebels attacked a village.", "type": "ASSAULT"}\nnot json\n', encoding="utf-8")
    for kind in ("plover", "acled", "geo", "news"):
        result = CliRunner().invoke(main, ["eval", kind, str(gold)])
        assert result.exit_code == 1
        assert f"{gold}:2:" in result.output
