import sqlite3
from datetime import date

from eventscope.model import Actor, Count, Document, Event, Place
from eventscope.store import SCHEMA_VERSION, Store, content_hash


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
