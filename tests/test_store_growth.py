"""The store as it grows and as reports come again: candidates read from an index, every
appearance of a report kept, a schema created by two processes at once (issue 13, defects 4,
9, 11)."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from datetime import date, timedelta

from eventscope import query
from eventscope.incidents import IncidentIndex, Mention, match_score
from eventscope.model import Actor, Count, Document, Event, Place
from eventscope.store import SCHEMA_VERSION, Store, _StoredIncidents, content_hash

from .conftest import store_of_schema

# (town, country, lat, lon): real places, a few pairs within 40 km of each other
TOWNS = [("Kidal", "MLI", 18.44, 1.41), ("Gao", "MLI", 16.27, -0.04), ("Ansongo", "MLI", 15.66, 0.50),
         ("Beni", "COD", 0.49, 29.47), ("Butembo", "COD", 0.14, 29.29), ("Oicha", "COD", 0.70, 29.52),
         ("Maiduguri", "NGA", 11.85, 13.16), ("Konduga", "NGA", 11.65, 13.42), ("Mosul", "IRQ", 36.34, 43.13)]
TYPES = [("ASSAULT", "kill"), ("COERCE", "arrest"), ("PROTEST", "demonstrate"), ("CONSULT", "meet")]


def _event(kind: str, town: tuple, day: date, deaths: int | None, words: str) -> Event:
    name, country, lat, lon = town
    counts = {"fatalities": Count(best=deaths, low=deaths)} if deaths is not None else {}
    return Event(type=kind, trigger="x", sentence=f"{words} in {name}.", date_start=day, date_end=day,
                 date_precision="day", actor=[Actor("armed men", country, "UAF")],
                 location=Place(name, name, country, None, lat, lon, "town"), counts=counts)


def _random_documents(count: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    start = date(2022, 3, 1)
    documents = []
    for number in range(count):
        day = start + timedelta(days=rng.randrange(40))
        kind, verb = rng.choice(TYPES)
        town = rng.choice(TOWNS)
        event = _event(kind, town, day, rng.choice([None, 2, 3, 5]), f"Armed men {verb} near the market")
        documents.append(Document(f"report-{number}", f"Report {number}: {event.sentence}",
                                  day + timedelta(days=rng.randrange(2)), events=[event]))
    return documents


def test_candidates_are_every_event_that_could_match_and_no_other(tmp_path):
    documents = _random_documents(400)
    with Store(tmp_path / "s.db") as store:
        for document in documents:
            store.add(document)
        stored = [(Mention(d.doc_id, 0, d.date, e), None) for d in store.documents() for e in d.events]
        index = _StoredIncidents(store.db)
        for town in TOWNS[:4]:
            for kind, _ in TYPES[:2]:
                mention = Mention("new", 0, date(2022, 3, 21), _event(kind, town, date(2022, 3, 20), 3, "Armed men"))
                candidates = index.candidates(mention)
                possible = [m for m, _ in stored if match_score(mention, m) is not None]
                assert len(candidates) >= len(possible)
                assert {c.event.sentence for c, _ in candidates} >= {m.event.sentence for m in possible}
                assert len(candidates) < len(stored) / 4  # the index narrows: no scan of the store


def test_the_store_clusters_exactly_as_the_in_memory_index_does(tmp_path):
    # in publication order, so that both see earlier mentions in one order (ties go to the first)
    documents = sorted(_random_documents(300, seed=11), key=lambda d: d.date)
    memory = IncidentIndex()
    expected = [memory.add(d.doc_id, d.date, [Event.from_json(e.to_json()) for e in d.events]) for d in documents]
    with Store(tmp_path / "s.db") as store:
        for document in documents:
            store.add(document)
        got = [[e.incident_id for e in d.events] for d in store.documents()]

    def partition(ids):
        groups = {}
        for position, incident in enumerate(i for row in ids for i in row):
            groups.setdefault(incident, set()).add(position)
        return sorted(map(sorted, groups.values()))

    assert partition(got) == partition(expected)
    assert len({i for row in got for i in row}) < len(got)  # some reports were joined


def _report(doc_id: str, text: str, url: str | None, published: date) -> Document:
    event = _event("ASSAULT", TOWNS[3], date(2022, 5, 2), 4, "Rebels killed four farmers")
    return Document(doc_id, text, published, url=url, events=[event])


def test_every_appearance_of_one_report_is_kept_against_one_document(tmp_path):
    text = "Rebels killed four farmers near Beni on Monday,\nlocal officials said."
    with Store(tmp_path / "s.db") as store:
        assert store.add(_report("wire-1", text, "https://wire.example/a1", date(2022, 5, 3)))
        assert not store.add(_report("site-9", text, "https://daily.example/n/9", date(2022, 5, 3)))
        assert not store.add(_report("wire-1-crlf", text.replace("\n", "\r\n") + "  ", None, date(2022, 5, 3)))
        assert not store.add(_report("wire-1-later", text, "https://wire.example/a1", date(2022, 5, 4)))
        other = "Four farmers were shot dead by rebels outside Beni on Monday, a rights group said."
        assert store.add(_report("ngo-3", other, "https://rights.example/p3", date(2022, 5, 3)))
        assert store.counts() == (2, 2)
        for key in ("wire-1", "site-9", "wire-1-crlf", "wire-1-later", "https://daily.example/n/9"):
            found = query.document(store.db, key)
            assert found is not None and found["text"] == text, key
        assert len(query.document(store.db, "site-9")["appearances"]) == 4
        [(sources, mentions)] = store.db.execute("SELECT sources, mentions FROM incidents").fetchall()
    # wire.example and daily.example carried the first report (a copy without an address names
    # no outlet of its own), rights.example the second
    assert (sources, mentions) == (3, 2)


def test_a_store_of_schema_3_with_copies_is_rekeyed_into_appearances(tmp_path):
    path = tmp_path / "old.db"
    db = store_of_schema(path, 3)
    text = "Rebels killed four farmers near Beni on Monday."
    for number, (published, body) in enumerate([("2022-05-03", text), ("2022-05-04", text + " \r\n")]):
        event = _report("x", body, None, date.fromisoformat(published)).events[0]
        cursor = db.execute("INSERT INTO documents (content_hash, doc_id, date, text) VALUES (?,?,?,?)",
                            (f"old-{number}", f"doc-{number}", published, body))
        db.execute("INSERT INTO events (document_id, position, type, date_start, country, incident_id, sentence, "
                   "record) VALUES (?, 0, 'ASSAULT', '2022-05-02', 'COD', ?, ?, ?)",
                   (cursor.lastrowid, f"inc-{number}", event.sentence, __import__("json").dumps(event.to_json())))
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.counts() == (1, 1)
        assert query.document(store.db, "doc-1")["doc_id"] == "doc-0"
        assert store.db.execute("SELECT count(*) FROM incidents").fetchone()[0] == 1
        assert store.has(Document("any", text + "\n", None))
        assert content_hash(Document("a", text)) == content_hash(Document("b", text.replace(" ", "  ")))


CREATE = """
import sys, time
from eventscope.store import Store
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
with Store(sys.argv[1]) as store:
    print(store.schema_version)
"""


def test_processes_creating_one_new_store_at_once_all_succeed(tmp_path):
    import time

    path = tmp_path / "new.db"
    start = time.time() + 3.0  # every process imports first, then all open the store together
    processes = [subprocess.Popen([sys.executable, "-c", CREATE, str(path), str(start)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(6)]
    results = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * 6, [err for _, err in results]
    assert [out.strip() for out, _ in results] == [str(SCHEMA_VERSION)] * 6
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'documents'").fetchone()[0] == 1


def test_ingest_records_a_report_that_comes_again_under_another_id(tmp_path):
    import json

    from click.testing import CliRunner

    from eventscope.cli import main

    text = "Soldiers shot dead two smugglers at a checkpoint near Agadez on Thursday, the army said."
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps({"doc_id": "agency-77", "date": "2023-08-11", "text": text}) + "\n")
    second.write_text(json.dumps({"doc_id": "portal-5", "date": "2023-08-12", "url": "https://portal.example/5",
                                  "text": text + "\r\n"}) + "\n")
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(first), "--db", str(db)]).exit_code == 0
    again = runner.invoke(main, ["ingest", str(second), "--db", str(db)])
    assert again.exit_code == 0 and "1 already stored" in again.stderr
    with Store(db) as store:
        assert store.counts()[0] == 1
        assert query.document(store.db, "https://portal.example/5")["doc_id"] == "agency-77"


def test_csv_exports_escape_cells_a_spreadsheet_would_run(tmp_path):
    import csv
    import io

    from click.testing import CliRunner

    from eventscope.cli import main

    db = tmp_path / "s.db"
    with Store(db) as store:
        document = _report("=cmd|' /C calc'!A0", "+Rebels killed four farmers near Beni.", None, date(2022, 5, 3))
        store.add(document)
    for args in (["export", "--db", str(db), "--format", "csv"],
                 ["export", "--db", str(db), "--format", "csv", "--incidents"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0
        cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
        assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert "'=cmd" in CliRunner().invoke(main, ["export", "--db", str(db), "--format", "csv"]).stdout
