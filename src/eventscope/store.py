"""The SQLite store: documents, their events (each a mention of an incident), and the
incidents across outlets; keyed by content so re-ingest adds nothing.

A report is one document however often it arrives: its identity is its text, normalised
(line ends, trailing spaces, runs of blanks), and every appearance of it (doc_id, URL,
publication date, title) is kept in `appearances`, so a lookup by any of its ids or URLs finds
it and an incident counts outlets, not copies.

The schema version is SQLite's `user_version`; `MIGRATIONS[n]` takes a store from version n to
n + 1, so an old store is upgraded in place when it is opened. Each step runs in a write
transaction that re-reads the version first, so two processes opening one new store at once
both succeed. Event sentences are indexed by FTS5 for full-text queries.

Clustering a new event against the store reads only the events that could match it: of its
type group, dated near it, of its country (or none), and for a town, in the grid cells around
it; the `events_match_*` indexes serve exactly those lookups, so the cost of a document stays
flat as the store grows.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from .incidents import DAY_TOLERANCE, DOCUMENT_DAYS, PLACE_KM, TYPE_GROUPS, Incident, IncidentIndex, Mention
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
    """
    CREATE TABLE appearances (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL, url TEXT, date TEXT, title TEXT,
        seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE UNIQUE INDEX appearances_key ON appearances(document_id, doc_id, coalesce(url, ''), coalesce(date, ''));
    CREATE INDEX appearances_doc_id ON appearances(doc_id);
    CREATE INDEX appearances_url ON appearances(url);
    INSERT INTO appearances (document_id, doc_id, url, date, title, seen_at)
        SELECT id, doc_id, url, date, title, ingested_at FROM documents;
    ALTER TABLE events ADD COLUMN precision TEXT;
    ALTER TABLE events ADD COLUMN cell INTEGER;
    UPDATE events SET precision = json_extract(record, '$.location.precision');
    CREATE INDEX events_match_day ON events(type, country, date_start);
    CREATE INDEX events_match_cell ON events(type, country, cell, date_start);
    CREATE INDEX documents_date ON documents(date);
    DROP VIEW sources;
    CREATE VIEW sources AS
        SELECT lower(substr(url, instr(url, '//') + 2,
                     CASE WHEN instr(substr(url, instr(url, '//') + 2), '/') > 0
                          THEN instr(substr(url, instr(url, '//') + 2), '/') - 1 ELSE length(url) END)) AS outlet,
               count(DISTINCT document_id) AS documents
        FROM appearances WHERE url LIKE '%//%' GROUP BY outlet;
    """,
]
# Migrations that need Python after their SQL: version reached -> Store method name.
AFTER_MIGRATION = {4: "rekey_documents"}
SCHEMA_VERSION = len(MIGRATIONS)
# A town's events are looked up in the cells of this grid (degrees) around it.
CELL_DEGREES = 0.5


def normalised_text(text: str) -> str:
    """A report's text as its identity sees it: one Unicode form, one kind of line end, no
    trailing spaces, runs of spaces and of blank lines folded."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t\f\v\u00a0]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def content_hash(document: Document) -> str:
    """The identity of a report: its normalised text, whatever id, address or date it came with."""
    return hashlib.sha256(normalised_text(document.text).encode("utf-8")).hexdigest()


def outlet(url: str | None) -> str | None:
    """The outlet of a URL: its host without "www."."""
    host = urlsplit(url).hostname if url and "//" in url else None
    return host.removeprefix("www.") if host else None


def _cell(lat: float, lon: float) -> int:
    return math.floor(lat / CELL_DEGREES) * 1000 + math.floor(lon / CELL_DEGREES)


def _cells_near(lat: float, lon: float, km: float) -> list[int] | None:
    """The grid cells within km of a point; None where the window wraps a pole or the 180th
    meridian (then every cell is a candidate)."""
    dlat = km / 110.0
    dlon = km / (111.0 * max(math.cos(math.radians(min(abs(lat) + dlat, 90.0))), 1e-6))
    if abs(lat) + dlat >= 89 or abs(lon) + dlon >= 180:
        return None
    rows = range(math.floor((lat - dlat) / CELL_DEGREES), math.floor((lat + dlat) / CELL_DEGREES) + 1)
    columns = range(math.floor((lon - dlon) / CELL_DEGREES), math.floor((lon + dlon) / CELL_DEGREES) + 1)
    return [row * 1000 + column for row in rows for column in columns]


def _shifted(day: date, days: int) -> date:
    """day + days, held within the calendar Python can write."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


@dataclass
class IngestResult:
    added: int = 0
    unchanged: int = 0
    events: int = 0


class StoreError(Exception):
    """A store that cannot be opened: its folder is missing, it is not a store, it is newer."""


# How long a writer waits for another's transaction before giving up.
BUSY_TIMEOUT_S = 60.0


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.parent.is_dir():
            raise StoreError(f"{self.path}: folder {str(self.path.parent)!r} does not exist")
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a store file")
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
            self.db.execute("PRAGMA foreign_keys = ON")
            self._use_wal()
            # In WAL mode NORMAL cannot corrupt the store and survives a killed process; only a
            # power cut may lose the last commits, which an idempotent re-ingest restores
            # (SQLite's documentation of PRAGMA synchronous). FULL would sync every document.
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not an eventscope store ({exc})") from None

    def _use_wal(self) -> None:
        """Switch a new file to WAL. The switch needs the file to itself, and SQLite answers
        'locked' at once, not after its busy timeout, while another process opens or creates
        the same store: try again for a while."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def migrate(self) -> None:
        """Bring the schema to SCHEMA_VERSION, one step a transaction. Another process may be
        migrating the same file: each step takes the write lock (BEGIN IMMEDIATE waits for it)
        and re-reads the version inside it, so a step is applied once whoever gets there first."""
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema {version} is newer than this eventscope ({SCHEMA_VERSION})")
        while version < SCHEMA_VERSION:
            self.db.commit()
            self.db.isolation_level = None  # the script below manages its own transaction
            try:
                self.db.execute("BEGIN IMMEDIATE")
                version = self.schema_version
                if version >= SCHEMA_VERSION:
                    self.db.execute("COMMIT")
                    break
                try:
                    for statement in _statements(MIGRATIONS[version]):
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {version + 1}")
                    if version + 1 in AFTER_MIGRATION:  # inside this step's transaction
                        getattr(self, AFTER_MIGRATION[version + 1])(transaction=False)
                    self.db.execute("COMMIT")
                except BaseException:
                    self.db.execute("ROLLBACK")
                    raise
            finally:
                self.db.isolation_level = ""
            version = self.schema_version

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def has(self, document: Document) -> bool:
        """Whether the report (its text, whatever its id) is stored; coding it again would add
        nothing, but `note_appearance` should still record where it was seen this time."""
        row = self.db.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash(document),))
        return row.fetchone() is not None

    def note_appearance(self, document: Document) -> bool:
        """Record that a stored report appeared again (another doc_id, URL or date); True where
        this appearance is new. False also where the report is not stored at all."""
        with self.db:
            return self._note_appearance(content_hash(document), document)

    def _note_appearance(self, digest: str, document: Document) -> bool:
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO appearances (document_id, doc_id, url, date, title) "
            "SELECT id, ?, ?, ?, ? FROM documents WHERE content_hash = ?",
            (document.doc_id, document.url, document.date.isoformat() if document.date else None,
             document.title, digest))
        return cursor.rowcount > 0

    def add(self, document: Document) -> bool:
        """Store a coded document with its events in one transaction; False if the report was
        stored before (its new appearance, if any, is recorded)."""
        digest = content_hash(document)
        with self.db:
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO documents (content_hash, doc_id, date, lang, url, title, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (digest, document.doc_id, document.date.isoformat() if document.date else None,
                 document.lang, document.url, document.title, document.text),
            )
            if cursor.rowcount == 0:
                self._note_appearance(digest, document)
                return False
            document_id = cursor.lastrowid
            self._note_appearance(digest, document)
            for quote in document.quotes:
                self.db.execute('INSERT INTO quotes (document_id, start, "end", text, speaker) VALUES (?,?,?,?,?)',
                                (document_id, quote["start"], quote["end"], quote["text"], quote.get("speaker")))
            incident_ids = _StoredIncidents(self.db).add(digest[:16], document.date, document.events)
            for position, (event, incident_id) in enumerate(zip(document.events, incident_ids)):
                event.incident_id = incident_id
                self.db.execute(
                    "INSERT INTO events (document_id, position, type, mode, acled_event_type, "
                    "acled_sub_event_type, date_start, date_end, country, admin1, place, lat, lon, "
                    "fatalities, injured, displaced, incident_id, sentence, record, precision, cell) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    _event_row(document_id, position, event),
                )
            for incident_id in dict.fromkeys(incident_ids):
                self._summarise(incident_id)
        return True

    def rekey_documents(self, transaction: bool = False) -> None:
        """Key stored reports by their normalised text (schema 4): copies of one report stored
        under other dates or with other line ends become appearances of the first, and their
        duplicate events go; then every incident is clustered afresh (stores of schema 2 had
        none, and sources now count outlets). Runs inside the migration's transaction."""
        keep: dict[str, int] = {}
        rows = self.db.execute("SELECT id, text FROM documents ORDER BY id").fetchall()
        for document_id, text in rows:
            digest = hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()
            if digest in keep:
                self.db.execute("UPDATE OR IGNORE appearances SET document_id = ? WHERE document_id = ?",
                                (keep[digest], document_id))
                self.db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            else:
                keep[digest] = document_id
        self.db.execute("UPDATE documents SET content_hash = 'rekey-' || id")
        self.db.executemany("UPDATE documents SET content_hash = ? WHERE id = ?",
                            [(digest, document_id) for digest, document_id in keep.items()])
        for event_id, lat, lon, precision in self.db.execute(
                "SELECT id, lat, lon, precision FROM events WHERE lat IS NOT NULL").fetchall():
            if precision == "town":
                self.db.execute("UPDATE events SET cell = ? WHERE id = ?", (_cell(lat, lon), event_id))
        self.rebuild_incidents(transaction=False)

    def rebuild_incidents(self, transaction: bool = True) -> None:
        """Cluster every stored event afresh, in publication order (after an upgrade)."""
        if transaction:
            with self.db:
                self._rebuild_incidents()
        else:
            self._rebuild_incidents()

    def _rebuild_incidents(self) -> None:
        index = IncidentIndex()
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
        for document_id, doc_id, published, position, record in self.db.execute(
                "SELECT d.id, d.doc_id, d.date, e.position, e.record FROM events e JOIN documents d ON d.id = e.document_id "
                "WHERE e.incident_id = ? ORDER BY d.date, d.id, e.position", (incident_id,)):
            mention = Mention(doc_id, position, _date(published), Event.from_json(json.loads(record)))
            mention.outlets = self._outlets(document_id)
            incident.mentions.append(mention)
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

    def _outlets(self, document_id: int) -> frozenset[str]:
        """The outlets that carried a report (the hosts of its URLs); a report without a URL is
        an outlet of its own."""
        hosts = {outlet(url) for (url,) in self.db.execute(
            "SELECT url FROM appearances WHERE document_id = ?", (document_id,))}
        hosts.discard(None)
        return frozenset(hosts) or frozenset({f"document:{document_id}"})

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
        """The stored events that match_score could accept: nothing it rules out by type, date,
        country or distance is read or decoded."""
        event = mention.event
        anchor = event.date_start or mention.document_date
        if anchor is None:
            return []
        span = max(DAY_TOLERANCE, DOCUMENT_DAYS) + 1
        low, high = _shifted(anchor, -span).isoformat(), _shifted(event.date_end or anchor, span).isoformat()
        types = sorted(next((g for g in TYPE_GROUPS if event.type in g), {event.type}))
        place = event.location
        country = place.country if place else None
        cells = None
        if place is not None and place.precision == "town" and place.lat is not None and place.lon is not None:
            cells = _cells_near(place.lat, place.lon, PLACE_KM)
        select = ("SELECT d.content_hash, d.date, d.id, e.position, e.incident_id, e.record FROM events e "
                  "JOIN documents d ON d.id = e.document_id WHERE e.type IN (%s) " % ",".join("?" * len(types)))
        rows = []
        for country_clause, country_params in ((("AND e.country = ? ", [country]), ("AND e.country IS NULL ", []))
                                               if country else (("", []),)):
            if cells is None:
                place_clauses = [("", [])]
            else:  # a town matches a town nearby, or a place named less precisely
                place_clauses = [("AND e.cell IN (%s) " % ",".join("?" * len(cells)), cells),
                                 ("AND e.cell IS NULL ", [])]
            for place_clause, place_params in place_clauses:
                rows += self.db.execute(select + country_clause + place_clause + "AND e.date_start BETWEEN ? AND ?",
                                        [*types, *country_params, *place_params, low, high]).fetchall()
            # undated events by their report's date: the reports of those days first
            rows += self.db.execute(
                select.replace("FROM events e JOIN documents d", "FROM documents d CROSS JOIN events e")
                + country_clause + "AND e.date_start IS NULL AND d.date BETWEEN ? AND ?",
                [*types, *country_params, low, high]).fetchall()
        rows.sort(key=lambda row: (row[1] or "", row[2], row[3]))
        return [(Mention(digest[:16], position, _date(published), Event.from_json(json.loads(record))), incident_id)
                for digest, published, _, position, incident_id, record in rows]


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
        place.precision if place else None,
        _cell(place.lat, place.lon) if place and place.precision == "town" and place.lat is not None
        and place.lon is not None else None,
    )


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a migration script, one at a time (a trigger's body included), so
    they run inside one transaction that executescript would commit."""
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.strip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
    if pending.strip():
        yield pending


def ingest(store: Store, documents: Iterable[Document]) -> IngestResult:
    result = IngestResult()
    for document in documents:
        if store.add(document):
            result.added += 1
            result.events += len(document.events)
        else:
            result.unchanged += 1
    return result
