"""The HTTP API and the dashboard, served by one FastAPI app over a store.

Reads are open; writes (POST /api/documents) need the token the server was started with,
checked before the body is read, and a body of at most MAX_BODY_BYTES. Every list takes the
same filters and `limit`/`offset`; events and incidents also come as GeoJSON and CSV. The
dashboard's files are served from dashboard/static, with no CDN. Every answer carries a
Content-Security-Policy and its companions; bound to loopback, the server answers only to
loopback host names (a page on another site cannot reach it by DNS rebinding).
"""

from __future__ import annotations

import io
import ipaddress
import json
import secrets
import sqlite3
import threading
import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field, ValidationError

from . import query
from .formats import write_csv
from .query import Filters
from .readers import ReadError, problem

STATIC = Path(str(resources.files("eventscope").joinpath("dashboard", "static")))
MAX_LIMIT = 1000
# The parser codes at most 1,000,000 characters, at most 4 bytes each in UTF-8; JSON escapes
# and the other fields fit in the rest.
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_FILTER_CHARS = 500
SQLITE_MAX_INTEGER = 2**63 - 1
NO_NUL = r"^[^\x00]*$"  # SQLite and FTS5 read a NUL as the end of the text
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


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
    acled_actor1: str | None = None
    acled_inter1: int | None = None
    acled_actor2: str | None = None
    acled_inter2: int | None = None
    acled_civilian_targeting: bool | None = None
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


class Appearance(BaseModel):
    doc_id: str
    url: str | None
    date: str | None
    title: str | None
    seen_at: str


class DocumentOut(BaseModel):
    doc_id: str
    date: str | None
    lang: str | None
    url: str | None
    title: str | None
    text: str
    events: list[dict[str, Any]] = Field(description="event records with their evidence spans (offsets into text)")
    appearances: list[Appearance] = Field(description="every id, URL and date the report was received under")


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


def _text(description: str) -> Any:
    return Query(description=description, max_length=MAX_FILTER_CHARS, pattern=NO_NUL)


def _filters(
    start: Annotated[dt.date | None, Query(description="on or after (YYYY-MM-DD)")] = None,
    end: Annotated[dt.date | None, Query(description="on or before (YYYY-MM-DD)")] = None,
    bbox: Annotated[str | None, _text("west,south,east,north in degrees")] = None,
    country: Annotated[str | None, _text("ISO 3166-1 alpha-3")] = None,
    admin1: Annotated[str | None, _text("first-level division, by its name")] = None,
    type: Annotated[str | None, _text("PLOVER event type")] = None,
    actor: Annotated[str | None, _text("words of an actor's name, or its ISO3 code")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=SQLITE_MAX_INTEGER)] = None,
    q: Annotated[str | None, _text("words of the supporting sentence (full text)")] = None,
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
    """A read-only connection per request: readers never block the ingest (WAL). The path goes
    in a file: URI percent-encoded, so '#', '?' and '%' in it are part of the name."""
    db = sqlite3.connect(request.app.state.db_uri, uri=True, check_same_thread=False)
    try:
        yield db
    finally:
        db.close()


DB = Annotated[sqlite3.Connection, Depends(_connection)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=SQLITE_MAX_INTEGER)]
Format = Literal["json", "geojson", "csv"]


def _geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {k: v for k, v in row.items() if k not in ("lat", "lon")},
         "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]} if row["lat"] is not None else None}
        for row in rows]}


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Response:
    buffer = io.StringIO()
    write_csv(buffer, columns, rows)
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


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host.lower() == "localhost"


def _host_name(header: str) -> str | None:
    try:
        return urlsplit("//" + header).hostname
    except ValueError:
        return None


def _security_policy(tiles: str | None, docs: bool) -> str:
    """Scripts, styles and images from this server only (plus the tile server's images); the
    API docs page starts Swagger UI with an inline script of its own."""
    images = "'self' data:"
    if tiles and "//" in tiles:
        parts = urlsplit(tiles)
        images += f" {parts.scheme}://{parts.netloc}"
    scripts = "'self' 'unsafe-inline'" if docs else "'self'"
    styles = "'self' 'unsafe-inline'" if docs else "'self'"
    return (f"default-src 'self'; script-src {scripts}; style-src {styles}; img-src {images}; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class Guard:
    """ASGI middleware: refuses a Host header outside `allowed_hosts` (where given) and adds the
    security headers to every answer. Plain ASGI rather than BaseHTTPMiddleware, which would
    cost every request a task and a copy of the body."""

    DOCS_PATHS = ("/docs", "/redoc", "/static-offline-docs")

    def __init__(self, app, allowed_hosts: frozenset[str] | None, tiles: str | None):
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.headers = {docs: [(b"content-security-policy", _security_policy(tiles, docs).encode()),
                               (b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                               (b"referrer-policy", b"no-referrer")]
                        for docs in (False, True)}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.headers[scope["path"].startswith(self.DOCS_PATHS)]

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        if self.allowed_hosts is not None:
            host = next((value.decode("latin-1") for key, value in scope["headers"] if key == b"host"), "")
            if _host_name(host) not in self.allowed_hosts:
                refusal = PlainTextResponse("this server answers only to the loopback names "
                                            + ", ".join(sorted(self.allowed_hosts)), status_code=400)
                await refusal(scope, receive, send_with_headers)
                return
        await self.app(scope, receive, send_with_headers)


def create_app(db_path: str | Path, token: str | None = None, tiles: str | None = None,
               allowed_hosts: frozenset[str] | None = None) -> FastAPI:
    """The app over the store at db_path; POST needs `token` (none: writes are refused);
    `tiles` is an optional base-map tile URL template for the dashboard; `allowed_hosts`, where
    given, are the only Host names answered (`serve` passes LOOPBACK_NAMES on loopback)."""
    from .store import Store

    Store(db_path).close()  # create or upgrade the schema once, before readers arrive
    # fastapi-offline serves Swagger UI and ReDoc from the package's own files, not a CDN
    app = FastAPIOffline(title="eventscope", version="1",
                         description="Conflict events and incidents coded from news reports, with their evidence.")
    write_lock = threading.Lock()  # one writer at a time, for as long as a store transaction lasts
    coder_lock = threading.Lock()  # the model is loaded once and codes one report at a time
    extractor_holder: dict[str, Any] = {}

    app.state.db_path = str(db_path)
    app.state.db_uri = Path(db_path).resolve().as_uri() + "?mode=ro"

    app.add_middleware(Guard, allowed_hosts=allowed_hosts, tiles=tiles)

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

    @app.get("/api/documents/{doc_id:path}", response_model=DocumentOut,
             summary="A report with its coded events, by any doc_id or URL it was received under")
    def get_document(db: DB, doc_id: str):
        found = query.document(db, doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return found

    @app.get("/api/series/daily", response_model=list[Day], summary="Incidents and fatalities per day")
    def series(db: DB, filters: Annotated[Filters, Depends(_filters)]):
        return query.daily(db, filters)

    @app.post("/api/documents", response_model=IngestOut, status_code=201,
              summary="Code and store a report (needs the server's token)",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": DocumentIn.model_json_schema()}}}},
              responses={401: {"description": "no valid token"}, 403: {"description": "writes are disabled"},
                         413: {"description": f"body larger than {MAX_BODY_BYTES} bytes"},
                         422: {"description": "not a report that can be coded"}})
    async def post_document(request: Request, authorization: Annotated[str | None, Header()] = None):
        # the token before the body: an unauthenticated client cannot make the server read it
        if not token:
            raise HTTPException(403, "writes are disabled: start the server with --token")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not secrets.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is required")
        body = await _capped_body(request)
        try:
            # Python's decoder, not pydantic's: it reads a lone surrogate, so the answer names the
            # field that holds one, where pydantic's decoder would call the whole JSON broken
            data = json.loads(body)
        except (ValueError, RecursionError) as exc:
            raise HTTPException(422, f"invalid JSON: {exc}") from None
        try:
            document = DocumentIn.model_validate(data)
        except ValidationError as exc:
            raise HTTPException(422, exc.errors(include_url=False, include_context=False,
                                                include_input=False)) from None
        return await run_in_threadpool(_code_and_store, document)

    def _code_and_store(document: DocumentIn) -> dict[str, Any]:
        from .model import Document

        coded_input = Document(document.doc_id, document.text, document.date, document.lang, document.url,
                               document.title)
        reason = problem(coded_input)
        if reason is not None:
            raise HTTPException(422, f"document {coded_input.doc_id!r}: {reason}")
        with Store(db_path) as store:
            if store.has(coded_input):
                with write_lock:
                    store.note_appearance(coded_input)
                return {"doc_id": coded_input.doc_id, "stored": False, "events": 0, "incident_ids": []}
        # coding takes seconds; it holds no store lock, so other writers go on meanwhile
        with coder_lock:
            if "extractor" not in extractor_holder:
                from .extract.pipeline import Extractor

                extractor_holder["extractor"] = Extractor()
            [coded] = list(extractor_holder["extractor"].extract([coded_input]))
        if isinstance(coded, ReadError):
            raise HTTPException(422, f"document {coded_input.doc_id!r}: {coded.reason}")
        with write_lock, Store(db_path) as store:
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


async def _capped_body(request: Request) -> bytes:
    """The request body, refused with 413 past MAX_BODY_BYTES (by its declared length, else as
    it arrives), so a huge POST is never held in memory."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise HTTPException(413, f"body of {int(declared)} bytes is larger than the {MAX_BODY_BYTES} accepted")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise HTTPException(413, f"body larger than the {MAX_BODY_BYTES} bytes accepted")
    return bytes(body)

