"""The HTTP API and the dashboard, served by one FastAPI app over a store.

Reads are open; writes (POST /api/documents) need the token the server was started with.
Every list takes the same filters and `limit`/`offset`; events and incidents also come as
GeoJSON and CSV. The dashboard's files are served from dashboard/static, with no CDN.
"""

from __future__ import annotations

import csv
import io
import secrets
import sqlite3
import threading
import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field

from . import query
from .query import Filters
from .readers import ReadError

STATIC = Path(str(resources.files("eventscope").joinpath("dashboard", "static")))
MAX_LIMIT = 1000


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class EventOut(BaseModel):
    id: int
    incident_id: str
    doc_id: str
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    date_start: str | None
    date_end: str | None
    country: str | None
    admin1: str | None
    place: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None
    injured: int | None
    displaced: int | None
    sentence: str


class EventPage(Page):
    events: list[EventOut]


class IncidentOut(BaseModel):
    incident_id: str
    type: str
    mode: str | None
    acled_sub_event_type: str | None
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    country: str | None
    admin1: str | None
    place: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    fatalities_low: int | None
    fatalities: int | None
    fatalities_high: int | None
    fatalities_rule: str | None
    sources: int
    mentions: int


class IncidentPage(Page):
    incidents: list[IncidentOut]


class Span(BaseModel):
    field: str
    start: int
    end: int
    text: str


class Report(BaseModel):
    doc_id: str
    title: str | None
    url: str | None
    published: str | None
    position: int
    sentence: str
    spans: list[Span]


class IncidentDetail(IncidentOut):
    reports: list[Report]


class DocumentOut(BaseModel):
    doc_id: str
    date: str | None
    lang: str | None
    url: str | None
    title: str | None
    text: str
    events: list[dict[str, Any]] = Field(description="event records with their evidence spans (offsets into text)")


class Day(BaseModel):
    date: str
    incidents: int
    fatalities: int


class DocumentIn(BaseModel):
    doc_id: str = Field(min_length=1)
    text: str = Field(pattern=r"\S", description="the report's text; not blank")
    date: dt.date | None = None
    lang: str = "en"
    url: str | None = None
    title: str | None = None


class IngestOut(BaseModel):
    doc_id: str
    stored: bool = Field(description="false where the same report was stored before")
    events: int
    incident_ids: list[str]


def _filters(
    start: Annotated[dt.date | None, Query(description="on or after (YYYY-MM-DD)")] = None,
    end: Annotated[dt.date | None, Query(description="on or before (YYYY-MM-DD)")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-3")] = None,
    admin1: str | None = None,
    type: Annotated[str | None, Query(description="PLOVER event type")] = None,
    actor: Annotated[str | None, Query(description="words of an actor's name, or its ISO3 code")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0)] = None,
    q: Annotated[str | None, Query(description="words of the supporting sentence (full text)")] = None,
) -> Filters:
    box = None
    if bbox:
        try:
            west, south, east, north = (float(v) for v in bbox.split(","))
        except ValueError:
            raise HTTPException(422, "bbox must be four numbers: west,south,east,north") from None
        box = (west, south, east, north)
    return Filters(start, end, box, country, admin1, type, actor, min_fatalities, q)


def _connection(request: Request):
    """A read-only connection per request: readers never block the ingest (WAL)."""
    db = sqlite3.connect(f"file:{request.app.state.db_path}?mode=ro", uri=True, check_same_thread=False)
    try:
        yield db
    finally:
        db.close()


DB = Annotated[sqlite3.Connection, Depends(_connection)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0)]
Format = Literal["json", "geojson", "csv"]


def _geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {k: v for k, v in row.items() if k not in ("lat", "lon")},
         "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]} if row["lat"] is not None else None}
        for row in rows]}


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Response:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8")


def _listing(db: sqlite3.Connection, table: str, filters: Filters, limit: int, offset: int, format: str):
    """One page of events or incidents as JSON (with the total), GeoJSON or CSV."""
    rows = (query.events if table == "events" else query.incidents)(db, filters, limit, offset)
    if format == "geojson":
        return JSONResponse(_geojson(rows), media_type="application/geo+json")
    if format == "csv":
        return _csv(rows, query.EVENT_COLUMNS if table == "events" else query.INCIDENT_COLUMNS)
    return {"total": query.count(db, table, filters), "limit": limit, "offset": offset, table: rows}


class Config(BaseModel):
    tiles: str | None = Field(description="URL template of a plate-carrée (EPSG:4326) tile layer with {z}, {x}, "
                                          "{y}, or null for the bundled outlines alone")


def create_app(db_path: str | Path, token: str | None = None, tiles: str | None = None) -> FastAPI:
    """The app over the store at db_path; POST needs `token` (none: writes are refused);
    `tiles` is an optional base-map tile URL template for the dashboard."""
    from .store import Store

    Store(db_path).close()  # create or upgrade the schema once, before readers arrive
    # fastapi-offline serves Swagger UI and ReDoc from the package's own files, not a CDN
    app = FastAPIOffline(title="eventscope", version="1",
                         description="Conflict events and incidents coded from news reports, with their evidence.")
    write_lock = threading.Lock()
    extractor_holder: dict[str, Any] = {}

    app.state.db_path = str(db_path)

    @app.get("/api/events", response_model=EventPage, summary="Event mentions matching the filters")
    def list_events(db: DB, filters: Annotated[Filters, Depends(_filters)],
                    limit: Limit = 100, offset: Offset = 0, format: Format = "json"):
        return _listing(db, "events", filters, limit, offset, format)

    @app.get("/api/incidents", response_model=IncidentPage, summary="Incidents matching the filters")
    def list_incidents(db: DB, filters: Annotated[Filters, Depends(_filters)],
                       limit: Limit = 100, offset: Offset = 0, format: Format = "json"):
        return _listing(db, "incidents", filters, limit, offset, format)

    @app.get("/api/incidents/{incident_id}", response_model=IncidentDetail,
             summary="One incident with every report's sentence and evidence spans")
    def get_incident(db: DB, incident_id: str):
        found = query.incident(db, incident_id)
        if found is None:
            raise HTTPException(404, f"no incident {incident_id!r}")
        return found

    @app.get("/api/documents/{doc_id}", response_model=DocumentOut, summary="A report with its coded events")
    def get_document(db: DB, doc_id: str):
        found = query.document(db, doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return found

    @app.get("/api/series/daily", response_model=list[Day], summary="Incidents and fatalities per day")
    def series(db: DB, filters: Annotated[Filters, Depends(_filters)]):
        return query.daily(db, filters)

    @app.post("/api/documents", response_model=IngestOut, status_code=201,
              summary="Code and store a report (needs the server's token)")
    def post_document(document: DocumentIn, authorization: Annotated[str | None, Header()] = None):
        if not token:
            raise HTTPException(403, "writes are disabled: start the server with --token")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not secrets.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is required")
        from .model import Document

        coded_input = Document(document.doc_id, document.text, document.date, document.lang, document.url,
                               document.title)
        with write_lock:  # one writer at a time; the model is loaded once
            with Store(db_path) as store:
                if store.has(coded_input):
                    return {"doc_id": coded_input.doc_id, "stored": False, "events": 0, "incident_ids": []}
            if "extractor" not in extractor_holder:
                from .extract.pipeline import Extractor

                extractor_holder["extractor"] = Extractor()
            [coded] = list(extractor_holder["extractor"].extract([coded_input]))
            if isinstance(coded, ReadError):
                raise HTTPException(422, f"document {coded_input.doc_id!r}: {coded.reason}")
            with Store(db_path) as store:
                stored = store.add(coded)
        return {"doc_id": coded.doc_id, "stored": stored, "events": len(coded.events),
                "incident_ids": [e.incident_id for e in coded.events]}

    @app.get("/api/config", response_model=Config, summary="What the dashboard needs to know")
    def config():
        return {"tiles": tiles}

    @app.get("/", include_in_schema=False)
    def dashboard():
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app

