"""The SQLite store: documents, their events (each a mention of an incident), and the
incidents across outlets; keyed by content so re-ingest adds nothing.

The schema version is SQLite's `user_version`; `MIGRATIONS[n]` takes a store from version n to
n + 1, so an old store is upgraded in place when it is opened. Event sentences are indexed by
FTS5 for full-text queries.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .incidents import DAY_TOLERANCE, DOCUMENT_DAYS, Incident, IncidentIndex, Mention
from .model import Document, Event

MIGRATIONS = [
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        doc_id TEXT NOT NULL,
        date TEXT, lang TEXT, url TEXT, title TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX documents_doc_id ON documents(doc_id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        type TEXT NOT NULL, mode TEXT,
        acled_event_type TEXT, acled_sub_event_type TEXT,
        date_start TEXT, date_end TEXT,
        country TEXT, admin1 TEXT, place TEXT, lat REAL, lon REAL,
        fatalities INTEGER, injured INTEGER, displaced INTEGER,
        incident_id TEXT NOT NULL,
        sentence TEXT NOT NULL,
        record TEXT NOT NULL,
        UNIQUE (document_id, position)
    );
    CREATE INDEX events_type_date ON events(type, date_start);
    CREATE INDEX events_place ON events(country, admin1);
    """,
    """
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text TEXT NOT NULL, speaker TEXT
    );
    CREATE INDEX quotes_speaker ON quotes(speaker);
    """,
    """
    CREATE INDEX events_incident ON events(incident_id);
    CREATE TABLE incidents (
        incident_id TEXT PRIMARY KEY,
        type TEXT NOT NULL, mode TEXT, acled_sub_event_type TEXT,
        date_start TEXT, date_end TEXT, date_precision TEXT,
        country TEXT, admin1 TEXT, place TEXT, lat REAL, lon REAL, precision TEXT,
        fatalities_low INTEGER, fatalities INTEGER, fatalities_high INTEGER, fatalities_rule TEXT,
        sources INTEGER NOT NULL, mentions INTEGER NOT NULL,
        summary TEXT NOT NULL
    );
    CREATE INDEX incidents_date ON incidents(date_start);
    CREATE INDEX incidents_place ON incidents(country, admin1);
    CREATE VIRTUAL TABLE sentences USING fts5(sentence, content='events', content_rowid='id');
    INSERT INTO sentences(rowid, sentence) SELECT id, sentence FROM events;
    CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
        INSERT INTO sentences(rowid, sentence) VALUES (new.id, new.sentence);
    END;
    CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        INSERT INTO sentences(sentences, rowid, sentence) VALUES ('delete', old.id, old.sentence);
    END;
    -- every mention of an incident with its report, the places named, and the outlets (a URL's host)
    CREATE VIEW mentions AS
        SELECT e.id AS event_id, e.incident_id, d.doc_id, d.url, d.date AS published, e.position, e.sentence
        FROM events e JOIN documents d ON d.id = e.document_id;
    CREATE VIEW places AS
        SELECT country, admin1, place, round(lat, 4) AS lat, round(lon, 4) AS lon,
               count(*) AS events, count(DISTINCT incident_id) AS incidents
        FROM events WHERE place IS NOT NULL GROUP BY country, admin1, place, round(lat, 4), round(lon, 4);
    CREATE VIEW sources AS
        SELECT lower(substr(url, instr(url, '//') + 2,
                     CASE WHEN instr(substr(url, instr(url, '//') + 2), '/') > 0
                          THEN instr(substr(url, instr(url, '//') + 2), '/') - 1 ELSE length(url) END)) AS outlet,
               count(*) AS documents
        FROM documents WHERE url LIKE '%//%' GROUP BY outlet;
    """,
]
# Migrations that need Python after their SQL: version reached -> Store method name.
AFTER_MIGRATION = {3: "rebuild_incidents"}
SCHEMA_VERSION = len(MIGRATIONS)


def content_hash(document: Document) -> str:
    """The identity of a report: its text and publication date, whatever file it came in."""
    key = f"{document.date.isoformat() if document.date else ''}\n{document.text}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass
class IngestResult:
    added: int = 0
    unchanged: int = 0
    events: int = 0


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"{self.path}: store schema {version} is newer than this eventscope ({SCHEMA_VERSION})")
        for number in range(version, SCHEMA_VERSION):
            with self.db:
                self.db.executescript(MIGRATIONS[number])
                self.db.execute(f"PRAGMA user_version = {number + 1}")
            if number + 1 in AFTER_MIGRATION:
                getattr(self, AFTER_MIGRATION[number + 1])()

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def has(self, document: Document) -> bool:
        row = self.db.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash(document),))
        return row.fetchone() is not None

    def add(self, document: Document) -> bool:
        """Store a coded document with its events in one transaction; False if already stored."""
        digest = content_hash(document)
        with self.db:
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO documents (content_hash, doc_id, date, lang, url, title, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (digest, document.doc_id, document.date.isoformat() if document.date else None,
                 document.lang, document.url, document.title, document.text),
            )
            if cursor.rowcount == 0:
                return False
            document_id = cursor.lastrowid
            for quote in document.quotes:
                self.db.execute('INSERT INTO quotes (document_id, start, "end", text, speaker) VALUES (?,?,?,?,?)',
                                (document_id, quote["start"], quote["end"], quote["text"], quote.get("speaker")))
            incident_ids = _StoredIncidents(self.db).add(digest[:16], document.date, document.events)
            for position, (event, incident_id) in enumerate(zip(document.events, incident_ids)):
                event.incident_id = incident_id
                self.db.execute(
                    "INSERT INTO events (document_id, position, type, mode, acled_event_type, "
                    "acled_sub_event_type, date_start, date_end, country, admin1, place, lat, lon, "
                    "fatalities, injured, displaced, incident_id, sentence, record) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    _event_row(document_id, position, event),
                )
            for incident_id in dict.fromkeys(incident_ids):
                self._summarise(incident_id)
        return True

    def rebuild_incidents(self) -> None:
        """Cluster every stored event afresh, in publication order (after an upgrade)."""
        index = IncidentIndex()
        with self.db:
            self.db.execute("DELETE FROM incidents")
            rows = self.db.execute("SELECT id, content_hash, date FROM documents ORDER BY date, id").fetchall()
            for document_id, digest, published in rows:
                events = self.db.execute("SELECT id, record FROM events WHERE document_id = ? ORDER BY position",
                                         (document_id,)).fetchall()
                decoded = [Event.from_json(json.loads(record)) for _, record in events]
                ids = index.add(digest[:16], _date(published), decoded)
                for (event_id, _), event, incident_id in zip(events, decoded, ids):
                    self.db.execute("UPDATE events SET incident_id = ?, record = ? WHERE id = ?",
                                    (incident_id, json.dumps(event.to_json(), ensure_ascii=False), event_id))
            for incident_id in index.incidents:
                self._summarise(incident_id)

    def _summarise(self, incident_id: str) -> None:
        """Reconcile an incident's fields from all its mentions and store them."""
        incident = Incident(incident_id)
        for doc_id, published, position, record in self.db.execute(
                "SELECT d.doc_id, d.date, e.position, e.record FROM events e JOIN documents d ON d.id = e.document_id "
                "WHERE e.incident_id = ? ORDER BY d.date, d.id, e.position", (incident_id,)):
            incident.mentions.append(Mention(doc_id, position, _date(published), Event.from_json(json.loads(record))))
        if not incident.mentions:
            self.db.execute("DELETE FROM incidents WHERE incident_id = ?", (incident_id,))
            return
        summary = incident.summary()
        place = incident.place()
        deaths = summary["fatalities"] or {}
        self.db.execute(
            "INSERT OR REPLACE INTO incidents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (incident_id, summary["type"], summary["mode"], summary["acled_sub_event_type"],
             summary["date_start"], summary["date_end"], summary["date_precision"],
             place.country if place else None, place.admin1 if place else None, place.name if place else None,
             place.lat if place else None, place.lon if place else None, place.precision if place else None,
             deaths.get("low"), deaths.get("best"), deaths.get("high"), deaths.get("rule"),
             summary["sources"], len(incident.mentions), json.dumps(summary, ensure_ascii=False)))

    def documents(self) -> Iterator[Document]:
        """Stored documents with their events, in the order they were ingested."""
        for row in self.db.execute("SELECT id, doc_id, date, lang, url, title, text FROM documents ORDER BY id"):
            document = Document.from_json(
                {"doc_id": row[1], "date": row[2], "lang": row[3], "url": row[4], "title": row[5], "text": row[6]}
            )
            document.events = [
                Event.from_json(json.loads(record))
                for (record,) in self.db.execute(
                    "SELECT record FROM events WHERE document_id = ? ORDER BY position", (row[0],)
                )
            ]
            document.quotes = [
                {"start": start, "end": end, "text": text, "speaker": speaker}
                for start, end, text, speaker in self.db.execute(
                    'SELECT start, "end", text, speaker FROM quotes WHERE document_id = ? ORDER BY start', (row[0],))
            ]
            yield document

    def counts(self) -> tuple[int, int]:
        documents = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        events = self.db.execute("SELECT count(*) FROM events").fetchone()[0]
        return documents, events


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class _StoredIncidents(IncidentIndex):
    """Clustering against the incidents already stored: the candidates of a mention are the
    stored events of its kind dated near it."""

    def __init__(self, db: sqlite3.Connection):
        super().__init__()
        self.db = db

    def candidates(self, mention: Mention):
        event = mention.event
        anchor = event.date_start or mention.document_date
        if anchor is None:
            return []
        span = timedelta(days=max(DAY_TOLERANCE, DOCUMENT_DAYS) + 1)
        low, high = (anchor - span).isoformat(), ((event.date_end or anchor) + span).isoformat()
        rows = self.db.execute(
            "SELECT d.content_hash, d.date, e.position, e.incident_id, e.record FROM events e "
            "JOIN documents d ON d.id = e.document_id "
            "WHERE (e.date_start BETWEEN ? AND ? OR (e.date_start IS NULL AND d.date BETWEEN ? AND ?)) "
            "ORDER BY d.date, d.id, e.position", (low, high, low, high))
        return [(Mention(digest[:16], position, _date(published), Event.from_json(json.loads(record))), incident_id)
                for digest, published, position, incident_id, record in rows]


def _event_row(document_id: int, position: int, event: Event) -> tuple:
    place = event.location
    return (
        document_id, position, event.type, event.mode, event.acled_event_type,
        event.acled_sub_event_type,
        event.date_start.isoformat() if event.date_start else None,
        event.date_end.isoformat() if event.date_end else None,
        place.country if place else None, place.admin1 if place else None,
        place.name if place else None, place.lat if place else None, place.lon if place else None,
        event.count("fatalities"), event.count("injured"), event.count("displaced"),
        event.incident_id, event.sentence, json.dumps(event.to_json(), ensure_ascii=False),
    )


def ingest(store: Store, documents: Iterable[Document]) -> IngestResult:
    result = IngestResult()
    for document in documents:
        if store.add(document):
            result.added += 1
            result.events += len(document.events)
        else:
            result.unchanged += 1
    return result
