import json
import sqlite3
from datetime import date

from eventscope.model import Actor, Count, Document, Event, Place
from eventscope.store import SCHEMA_VERSION, Store, content_hash

from .conftest import store_of_schema


def _document(text="Rebels attacked a village."):
    event = Event(type="ASSAULT", trigger="attacked", sentence=text,
                  actor=[Actor("Rebels", None, "REB")], date_start=date(2020, 1, 1),
                  date_end=date(2020, 1, 1), date_precision="day",
                  location=Place("Kidal", "Kidal", "MLI", "Kidal", 18.44, 1.41, "town"),
                  counts={"fatalities": Count(best=3, low=3)})
    return Document("doc-1", text, date(2020, 1, 2), events=[event])


def test_same_document_twice_adds_nothing(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.add(_document()) is True
        assert store.add(_document()) is False
        assert store.counts() == (1, 1)
        [stored] = list(store.documents())
        assert stored.events[0].count("fatalities") == 3
        assert stored.events[0].location.name == "Kidal"


def test_identity_is_the_content_not_the_file_name():
    a = _document()
    b = _document()
    b.doc_id = "copy-from-another-feed"
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(_document("Rebels attacked two villages."))


def test_schema_version_is_recorded_and_upgrades_are_applied(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with Store(path) as store:  # reopening applies nothing twice
        assert store.schema_version == SCHEMA_VERSION


def test_quote_records_are_stored(tmp_path):
    document = _document()
    document.quotes = [{"start": 0, "end": 6, "text": "Rebels", "speaker": "police"}]
    with Store(tmp_path / "s.db") as store:
        store.add(document)
        [stored] = list(store.documents())
    assert stored.quotes == document.quotes


def test_a_store_of_schema_2_is_upgraded_with_its_events_kept_and_clustered(tmp_path):
    path = tmp_path / "old.db"
    db = store_of_schema(path, 2)
    # two outlets' reports of one attack, stored by the old schema: one incident id each
    for number, text in enumerate(["Rebels attacked a village near Kidal.", "Rebels raided a village near Kidal."]):
        document = _document(text)
        event = document.events[0]
        cursor = db.execute("INSERT INTO documents (content_hash, doc_id, date, text) VALUES (?,?,?,?)",
                            (content_hash(document), f"doc-{number}", "2020-01-02", text))
        db.execute("INSERT INTO events (document_id, position, type, date_start, date_end, country, admin1, place, "
                   "lat, lon, fatalities, incident_id, sentence, record) VALUES (?,0,'ASSAULT','2020-01-01',"
                   "'2020-01-01','MLI','Kidal','Kidal',18.44,1.41,3,?,?,?)",
                   (cursor.lastrowid, f"old-{number}", text, json.dumps(event.to_json())))
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.counts() == (2, 2)
        incident_ids = {e.incident_id for d in store.documents() for e in d.events}
        assert len(incident_ids) == 1
        sources, deaths = store.db.execute("SELECT sources, fatalities FROM incidents").fetchone()
        assert (sources, deaths) == (2, 3)
        assert store.db.execute("SELECT count(*) FROM sentences WHERE sentences MATCH 'raided'").fetchone()[0] == 1
        assert store.db.execute("SELECT place, events, incidents FROM places").fetchall() == [("Kidal", 2, 1)]
