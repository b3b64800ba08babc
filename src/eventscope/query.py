"""Reading the store: events and incidents by filters, a document with its evidence, daily
series. The HTTP API and the command line both ask through here."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from .gazetteer import province_forms


@dataclass
class Filters:
    start: date | None = None  # on or after this date
    end: date | None = None  # on or before this date
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    country: str | None = None  # ISO3
    admin1: str | None = None
    type: str | None = None  # PLOVER type
    actor: str | None = None  # words of an actor's or recipient's name, or its ISO3 code
    min_fatalities: int | None = None
    q: str | None = None  # FTS5 query over the supporting sentences

    def where(self, table: str) -> tuple[str, list[Any]]:
        """A WHERE clause over `events` or `incidents` (both share the place and date columns)."""
        clauses, params = [], []
        if self.start:
            clauses.append("coalesce(date_end, date_start) >= ?")
            params.append(self.start.isoformat())
        if self.end:
            clauses.append("date_start <= ?")
            params.append(self.end.isoformat())
        if self.bbox:
            west, south, east, north = self.bbox
            clauses.append("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
            params += [south, north, west, east]
        if self.country:
            clauses.append("country = ?")
            params.append(self.country.upper())
        if self.admin1:
            # "Borno" finds what is stored under GeoNames' "Borno State"
            forms = province_forms(self.admin1)
            clauses.append(f"admin1 COLLATE NOCASE IN ({', '.join('?' * len(forms))})")
            params += forms
        if self.type:
            clauses.append("type = ?")
            params.append(self.type.upper())
        if self.min_fatalities is not None:
            clauses.append("fatalities >= ?")
            params.append(self.min_fatalities)
        event_clauses, event_params = [], []
        if self.actor:
            event_clauses.append(
                "EXISTS (SELECT 1 FROM json_each(events.record, '$.actor') a WHERE "
                "json_extract(a.value, '$.text') LIKE ? ESCAPE '\\' OR json_extract(a.value, '$.country') = ?) OR "
                "EXISTS (SELECT 1 FROM json_each(events.record, '$.recipient') r WHERE "
                "json_extract(r.value, '$.text') LIKE ? ESCAPE '\\' OR json_extract(r.value, '$.country') = ?)")
            like = "%" + self.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            event_params += [like, self.actor.upper(), like, self.actor.upper()]
        if self.q:
            event_clauses.append("events.id IN (SELECT rowid FROM sentences WHERE sentences MATCH ?)")
            event_params.append(_fts_query(self.q))
        if event_clauses:
            condition = " AND ".join(f"({c})" for c in event_clauses)
            if table == "events":
                clauses.append(condition)
            else:
                clauses.append(f"incident_id IN (SELECT incident_id FROM events WHERE {condition})")
            params += event_params
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _fts_query(text: str) -> str:
    """Words as an FTS5 query, each quoted, so user input is never FTS5 syntax."""
    words = [w.replace('"', "") for w in text.split() if w.replace('"', "")]
    return " ".join(f'"{w}"' for w in words) or '""'


EVENT_COLUMNS = ("id", "incident_id", "doc_id", "type", "mode", "acled_event_type", "acled_sub_event_type",
                 "acled_actor1", "acled_inter1", "acled_actor2", "acled_inter2", "acled_civilian_targeting",
                 "date_start", "date_end", "country", "admin1", "place", "lat", "lon", "fatalities", "injured",
                 "displaced", "sentence")
# ACLED's actor fields live in the stored record (FORMAT.md's event), not in columns of their own
RECORD_FIELDS = {"acled_actor1", "acled_inter1", "acled_actor2", "acled_inter2", "acled_civilian_targeting"}
INCIDENT_COLUMNS = ("incident_id", "type", "mode", "acled_sub_event_type", "date_start", "date_end",
                    "date_precision", "country", "admin1", "place", "lat", "lon", "precision",
                    "fatalities_low", "fatalities", "fatalities_high", "fatalities_rule", "sources", "mentions")


def count(db: sqlite3.Connection, table: str, filters: Filters) -> int:
    where, params = filters.where(table)
    source = "events JOIN documents d ON d.id = events.document_id" if table == "events" else "incidents"
    return db.execute(f"SELECT count(*) FROM {source}{where}", params).fetchone()[0]


def events(db: sqlite3.Connection, filters: Filters, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    where, params = filters.where("events")
    columns = ", ".join("d.doc_id" if c == "doc_id" else f"json_extract(events.record, '$.{c}')"
                        if c in RECORD_FIELDS else f"events.{c}" for c in EVENT_COLUMNS)
    rows = db.execute(
        f"SELECT {columns} FROM events JOIN documents d ON d.id = events.document_id{where} "
        "ORDER BY events.date_start DESC, events.id LIMIT ? OFFSET ?", params + [limit, offset])
    return [dict(zip(EVENT_COLUMNS, row)) for row in rows]


def incidents(db: sqlite3.Connection, filters: Filters, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    where, params = filters.where("incidents")
    rows = db.execute(
        f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents{where} "
        "ORDER BY date_start DESC, incident_id LIMIT ? OFFSET ?", params + [limit, offset])
    return [dict(zip(INCIDENT_COLUMNS, row)) for row in rows]


def incident(db: sqlite3.Connection, incident_id: str) -> dict[str, Any] | None:
    row = db.execute(f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents WHERE incident_id = ?",
                     (incident_id,)).fetchone()
    if row is None:
        return None
    result = dict(zip(INCIDENT_COLUMNS, row))
    result["reports"] = [
        {"doc_id": doc_id, "title": title, "url": url, "published": published, "position": position,
         "sentence": json.loads(record)["sentence"], "spans": _sentence_spans(json.loads(record))}
        for doc_id, title, url, published, position, record in db.execute(
            "SELECT d.doc_id, d.title, d.url, d.date, e.position, e.record FROM events e "
            "JOIN documents d ON d.id = e.document_id WHERE e.incident_id = ? ORDER BY d.date, d.id, e.position",
            (incident_id,))]
    return result


def _sentence_spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Evidence spans as offsets into the event's sentence, for highlighting."""
    sentence = record.get("sentence") or ""
    spans = []
    for field, evidence in (record.get("evidence") or {}).items():
        text = evidence.get("text") or ""
        at = sentence.find(text) if text else -1
        if at >= 0:
            spans.append({"field": field, "start": at, "end": at + len(text), "text": text})
    return sorted(spans, key=lambda s: (s["start"], -s["end"]))


def document(db: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """A stored report, found by any doc_id or URL it was received under (the latest such
    appearance), with its events, their evidence spans as offsets into its text, and every
    appearance of it."""
    row = db.execute(
        "SELECT d.id, d.doc_id, d.date, d.lang, d.url, d.title, d.text FROM appearances a "
        "JOIN documents d ON d.id = a.document_id WHERE a.doc_id = ? OR a.url = ? ORDER BY a.id DESC LIMIT 1",
        (doc_id, doc_id)).fetchone()
    if row is None:
        return None
    events_ = [json.loads(record) for (record,) in db.execute(
        "SELECT record FROM events WHERE document_id = ? ORDER BY position", (row[0],))]
    appearances = [{"doc_id": a, "url": url, "date": day, "title": title, "seen_at": seen}
                   for a, url, day, title, seen in db.execute(
                       "SELECT doc_id, url, date, title, seen_at FROM appearances WHERE document_id = ? ORDER BY id",
                       (row[0],))]
    return {"doc_id": row[1], "date": row[2], "lang": row[3], "url": row[4], "title": row[5], "text": row[6],
            "events": events_, "appearances": appearances}


def daily(db: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Incidents and fatalities per day (by an incident's first date)."""
    where, params = filters.where("incidents")
    where = where + (" AND " if where else " WHERE ") + "date_start IS NOT NULL"
    rows = db.execute(f"SELECT date_start, count(*), coalesce(sum(fatalities), 0) FROM incidents{where} "
                      "GROUP BY date_start ORDER BY date_start", params)
    return [{"date": day, "incidents": n, "fatalities": deaths} for day, n, deaths in rows]
