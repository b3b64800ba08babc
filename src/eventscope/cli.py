"""The command line: parse arguments, call the library, print. The contract with outside
scorers (shared/eval/FORMAT.md) is `extract`, `ingest`, `export`; their output shapes are fixed."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from . import __version__
from .eval import KINDS, evaluator
from .formats import write_csv
from .model import Document
from .readers import ReadError, files_of, printable, read_paths

EXPORT_COLUMNS = [
    "event_id", "incident_id", "doc_id", "publication_date", "event_date", "date_end", "time_precision",
    "plover_type", "plover_mode", "cameo_root", "event_type", "sub_event_type",
    "actor1", "inter1", "actor2", "inter2", "civilian_targeting",
    "actor1_text", "actor1_country", "actor1_sector", "actor2_text", "actor2_country", "actor2_sector",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "injured", "displaced", "source", "trigger", "notes",
]


class BatchErrors:
    """Counts per-document errors while printing each one on standard error."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, error: object) -> None:
        self.count += 1
        click.echo(str(error), err=True)

    def only_documents(self, items: Iterable[Document | ReadError]) -> Iterator[Document]:
        for item in items:
            if isinstance(item, ReadError):
                self.report(item)
            else:
                yield item


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def _progressed(items: Iterable, label: str, total: int | None = None) -> Iterator:
    """Items passed through, with a progress bar and a rate on standard error where that is a
    terminal (nothing is drawn into a pipe or a log)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = _stderr_console()
    if not console.is_terminal:
        yield from items
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]:.1f}/s"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=total, rate=0.0)
        for item in items:
            yield item
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 0
            progress.update(task, rate=progress.tasks[0].completed / elapsed if elapsed else 0.0)


def _extractor():
    from .extract.pipeline import Extractor

    return Extractor()


def _open_store(db_path: str):
    """The store at db_path, or a clear message where it cannot be opened."""
    from .store import Store, StoreError

    try:
        return Store(db_path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def _exit_on_terminate() -> None:
    """SIGTERM ends the command as Ctrl-C does: through the finally blocks that stop worker
    processes and close the store, rather than at once."""
    import signal
    import threading

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    if threading.current_thread() is threading.main_thread():  # not when a host program runs us
        signal.signal(signal.SIGTERM, stop)


def _coded(paths: tuple[str, ...], errors: BatchErrors) -> Iterator[Document]:
    extractor = _extractor()
    for item in extractor.extract(errors.only_documents(read_paths(paths))):
        if isinstance(item, ReadError):
            errors.report(item)
        else:
            for warning in item.warnings:
                click.echo(f"warning: {printable(item.doc_id)}: {warning}", err=True)
            yield item


@click.group()
@click.version_option(__version__, prog_name="eventscope")
def main() -> None:
    """eventscope: conflict events from dated news reports, offline."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
def extract(paths: tuple[str, ...]) -> None:
    """Code the documents in PATHS (.jsonl, .txt, or folders of them) and print one JSON line
    per document with its events."""
    errors = BatchErrors()
    for document in _progressed(_coded(paths, errors), "coding documents"):
        click.echo(json.dumps(document.to_json(), ensure_ascii=False))
    sys.exit(1 if errors.count else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
def timex(paths: tuple[str, ...]) -> None:
    """The temporal expressions of the documents in PATHS with TimeML TIMEX3 values resolved
    against each document's date. One JSON line per document."""
    from .extract.timex import find

    errors = BatchErrors()
    extractor = _extractor()
    documents = errors.only_documents(read_paths(paths))
    pairs = ((d.text, d) for d in documents)
    for doc, document in extractor.nlp.pipe(pairs, as_tuples=True):
        click.echo(json.dumps({"doc_id": document.doc_id,
                               "date": document.date.isoformat() if document.date else None,
                               "timexes": find(doc, document.date)}, ensure_ascii=False))
    sys.exit(1 if errors.count else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
def geocode(paths: tuple[str, ...]) -> None:
    """Resolve the toponyms of the documents in PATHS: the spans given in a document's
    `toponyms`, or those found in its text. One JSON line per document."""
    errors = BatchErrors()
    for document, toponyms in _progressed(_extractor().geocode(errors.only_documents(read_paths(paths))),
                                          "geocoding documents"):
        click.echo(json.dumps({"doc_id": document.doc_id,
                               "date": document.date.isoformat() if document.date else None,
                               "toponyms": toponyms}, ensure_ascii=False))
    sys.exit(1 if errors.count else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite store (created if missing).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: this machine's processes; ray: a Ray cluster (pip install 'eventscope[ray]').")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1), help="Processes or Ray actors.")
@click.option("--address", default=None, help="Ray cluster address (default: start Ray on this machine).")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False), default=None,
              help="Where the Ray engine writes Parquet partitions of documents and events [default: DB.parquet].")
def ingest(paths: tuple[str, ...], db_path: str, engine: str, workers: int, address: str | None,
           parquet_dir: str | None) -> None:
    """Code the documents in PATHS and store them in DB; documents already stored are skipped
    (a stored report that comes again under another id, URL or date is recorded as another
    appearance of it)."""
    from .engines import Stored, code_local, code_ray

    _exit_on_terminate()
    errors = BatchErrors()
    added = events = unchanged = 0
    with _open_store(db_path) as store:
        if engine == "ray":  # the files are read on the cluster
            files = []
            for found in files_of(paths):
                if isinstance(found, ReadError):
                    errors.report(found)
                else:
                    files.append(found)
            stored = frozenset(h for (h,) in store.db.execute("SELECT content_hash FROM documents"))
            coded = code_ray(files, workers, address, Path(parquet_dir or f"{db_path}.parquet"), stored)
        else:
            def fresh() -> Iterator[Document]:
                # read lazily: the input is never held whole, whatever its size
                nonlocal unchanged
                for document in errors.only_documents(read_paths(paths)):
                    if store.has(document):
                        store.note_appearance(document)
                        unchanged += 1  # coded once already: nothing to do
                    else:
                        yield document

            coded = code_local(fresh(), workers)
        for item in _progressed(coded, "coding documents"):
            if isinstance(item, Stored):
                store.note_appearance(item.document)
                unchanged += 1
            elif isinstance(item, ReadError):
                errors.report(item)
            elif store.add(item):
                added += 1
                events += len(item.events)
            else:
                unchanged += 1
        total_docs, total_events = store.counts()
    click.echo(
        f"ingested {added} new documents ({events} events); {unchanged} already stored; "
        f"{errors.count} errors; {db_path} now holds {total_docs} documents and {total_events} events",
        err=True,
    )
    sys.exit(1 if errors.count else 0)


@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson"]), default="jsonl", show_default=True)
@click.option("--incidents", is_flag=True, help="Write incidents (reconciled across reports) instead of events.")
def export(db_path: str, fmt: str, incidents: bool) -> None:
    """Write the stored documents and events (or the incidents) to standard output: JSON Lines
    (documents with their events, or one incident a line), CSV with ACLED-like columns, or a
    GeoJSON FeatureCollection."""

    with _open_store(db_path) as store:
        if incidents:
            _export_incidents(store, fmt)
        elif fmt == "jsonl":
            for document in store.documents():
                click.echo(json.dumps(document.to_json(), ensure_ascii=False))
        elif fmt == "csv":
            write_csv(sys.stdout, EXPORT_COLUMNS, (_csv_row(document, position, event)
                                                   for document in store.documents()
                                                   for position, event in enumerate(document.events)))
        else:
            rows = [_csv_row(document, position, event) for document in store.documents()
                    for position, event in enumerate(document.events)]
            click.echo(json.dumps(_feature_collection(rows, "latitude", "longitude"), ensure_ascii=False))


def _export_incidents(store, fmt: str) -> None:
    from .query import INCIDENT_COLUMNS

    summaries = [json.loads(summary) for (summary,) in
                 store.db.execute("SELECT summary FROM incidents ORDER BY date_start, incident_id")]
    rows = [dict(zip(INCIDENT_COLUMNS, row)) for row in store.db.execute(
        f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents ORDER BY date_start, incident_id")]
    if fmt == "jsonl":
        for summary in summaries:
            click.echo(json.dumps(summary, ensure_ascii=False))
    elif fmt == "csv":
        write_csv(sys.stdout, INCIDENT_COLUMNS, rows)
    else:
        click.echo(json.dumps(_feature_collection(rows, "lat", "lon"), ensure_ascii=False))


def _feature_collection(rows: list[dict], lat: str, lon: str) -> dict:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {k: v for k, v in row.items() if k not in (lat, lon)},
         "geometry": {"type": "Point", "coordinates": [row[lon], row[lat]]} if row[lat] is not None else None}
        for row in rows]}


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite store (created if missing).")
@click.option("--state", "state_path", type=click.Path(dir_okay=False), default=None,
              help="JSON file of the entries already seen [default: DB.watch.json].")
@click.option("--interval", default=900.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds between polls.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds to wait for a feed server to connect or to send more of its answer.")
@click.option("--once", is_flag=True, help="Poll once and exit.")
def watch(feeds: tuple[str, ...], db_path: str, state_path: str | None, interval: float, timeout: float,
          once: bool) -> None:
    """Poll RSS/Atom FEEDS (URLs or files), code the entries not seen before and store them.

    An entry is marked seen once it is stored, or once it is reported as unreadable with its
    reason; one bad entry or one dead feed never stops the others."""
    import time

    from .watch import FeedState, StateError, poll

    _exit_on_terminate()
    try:
        state = FeedState(Path(state_path or f"{db_path}.watch.json"))
    except StateError as exc:
        raise click.ClickException(str(exc)) from None
    _open_store(db_path).close()  # a store that cannot be opened stops the command before any poll
    extractor = _extractor()
    errors = BatchErrors()
    while True:
        with _open_store(db_path) as store:
            for source in feeds:
                result = poll(source, state, timeout)
                for error in result.errors:
                    errors.report(error)
                added = 0
                for entry, coded in zip(result.new, extractor.extract(result.new)):
                    if isinstance(coded, ReadError):
                        errors.report(ReadError(source, entry.line, f"entry {entry.doc_id!r}: {coded.reason}"))
                    elif store.add(coded):
                        added += 1
                    state.mark_seen(source, entry.doc_id)  # stored, or reported as unreadable
                state.keep_validators(result)
                state.save()
                click.echo(f"{source}: {len(result.new)} new entries ({added} stored), {result.seen} seen before",
                           err=True)
        if once:
            break
        time.sleep(interval)
    sys.exit(1 if errors.count else 0)


@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite store (created if missing).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback unless you say otherwise.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="EVENTSCOPE_TOKEN", default=None,
              help="Token that POST /api/documents must send (env EVENTSCOPE_TOKEN); without it writes are refused.")
@click.option("--tiles", envvar="EVENTSCOPE_TILES", default=None,
              help="Base-map tiles for the dashboard: a URL template with {z} {x} {y} of a plate-carree "
                   "(EPSG:4326) tile set; without it the map shows the bundled country outlines only.")
def serve(db_path: str, host: str, port: int, token: str | None, tiles: str | None) -> None:
    """Serve the HTTP API (/api/..., OpenAPI at /openapi.json) and the dashboard (/) over DB."""
    import uvicorn

    from .api import LOOPBACK_NAMES, create_app, is_loopback

    _open_store(db_path).close()
    click.echo(f"eventscope: dashboard on http://{host}:{port}/ (API under /api, schema at /openapi.json)", err=True)
    # on loopback, answer only to loopback names: a page elsewhere cannot rebind its DNS to us
    allowed = LOOPBACK_NAMES if is_loopback(host) else None
    uvicorn.run(create_app(db_path, token, tiles, allowed), host=host, port=port, log_level="warning")


def _csv_row(document: Document, position: int, event) -> dict:
    place = event.location
    first = lambda actors, attr: getattr(actors[0], attr) if actors else None  # noqa: E731
    return {
        "event_id": f"{document.doc_id}#{position}",
        "incident_id": event.incident_id,
        "doc_id": document.doc_id,
        "publication_date": document.date.isoformat() if document.date else None,
        "event_date": event.date_start.isoformat() if event.date_start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "time_precision": event.date_precision,
        "plover_type": event.type, "plover_mode": event.mode, "cameo_root": event.cameo_root,
        "event_type": event.acled_event_type, "sub_event_type": event.acled_sub_event_type,
        # ACLED's columns: actors as ACLED names them, their types, "Civilian targeting" or empty
        "actor1": event.acled_actor1, "inter1": event.acled_inter1,
        "actor2": event.acled_actor2, "inter2": event.acled_inter2,
        "civilian_targeting": "Civilian targeting" if event.acled_civilian_targeting else None,
        "actor1_text": "; ".join(a.text for a in event.actor) or None,
        "actor1_country": first(event.actor, "country"), "actor1_sector": first(event.actor, "sector"),
        "actor2_text": "; ".join(a.text for a in event.recipient) or None,
        "actor2_country": first(event.recipient, "country"), "actor2_sector": first(event.recipient, "sector"),
        "country": place.country if place else None, "admin1": place.admin1 if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None, "longitude": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "fatalities": event.count("fatalities"), "injured": event.count("injured"),
        "displaced": event.count("displaced"), "source": event.source, "trigger": event.trigger,
        "notes": event.sentence,
    }


@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--width", default=None, type=int, help="Table width (default: the terminal's).")
def show(db_path: str, width: int | None) -> None:
    """Print the stored events as a table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"events in {db_path}", show_lines=True)
    for name in ("doc", "type", "date", "place", "actors", "killed", "sentence"):
        table.add_column(name, overflow="fold")
    with _open_store(db_path) as store:
        for document in store.documents():
            for event in document.events:
                when = event.date_start.isoformat() if event.date_start else ""
                if event.date_end and event.date_end != event.date_start:
                    when += f" to {event.date_end.isoformat()}"
                place = event.location
                where = f"{place.name} ({place.country}, {place.precision})" if place else ""
                actors = ", ".join(f"{a.text} [{a.country or '?'} {a.sector or '?'}]" for a in event.actor)
                if event.recipient:
                    actors += " -> " + ", ".join(f"{a.text} [{a.country or '?'} {a.sector or '?'}]" for a in event.recipient)
                kind = event.type + (f"/{event.mode}" if event.mode else "")
                killed = event.count("fatalities")
                table.add_row(document.doc_id, kind, when, where, actors,
                              "" if killed is None else str(killed), event.sentence)
    # Piped output has no terminal width to follow; a readable default beats rich's 80 columns.
    Console(width=width or (None if sys.stdout.isatty() else 160)).print(table)


@main.command(name="eval")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
def evaluate(kind: str, gold: Path) -> None:
    """Run the pipeline on a gold set and print its scores (FORMAT.md's Scoring).

    news: documents with gold events (news-dev); plover: PLOVER gold-standard sentences;
    acled: ACLED records, as ACLED's CSV export or JSON Lines of notes with their rows
    (shared/eval/acled), each note coded with its event date and scored field by field as
    score_acled.py does; or news snippets (JSON Lines: text, date, sub_event_type)
    classified into ACLED sub-event types; time: a folder of TimeML documents; geo:
    documents with gold toponyms (spans with lat, lon, geonameid)."""
    try:
        click.echo(evaluator(kind)(gold, _extractor()))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:  # a folder where a file is wanted, a file that cannot be read
        raise click.ClickException(f"cannot read {gold} as a {kind} gold set: {exc.strerror or exc}") from exc


@main.group()
def gazetteer() -> None:
    """The place index."""


@gazetteer.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def gazetteer_load(files: tuple[Path, ...]) -> None:
    """Load GeoNames dumps (allCountries.txt or a country file such as SY.txt, plain or zipped;
    alternateNamesV2.txt, admin1CodesASCII.txt, admin2Codes.txt) into the place index.

    Idempotent and resumable: a file already loaded is skipped, an interrupted load goes on
    where it stopped. Bad rows are counted and reported."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

    from .gazetteer import default as default_gazetteer
    from .gazetteer.load import UnreadableDump, kind_of, load

    path = default_gazetteer().path
    errors = BatchErrors()
    # places first, so that names and division names find the places they belong to
    order = {"places": 0, "alternate names": 1, "admin1": 2, "admin2": 3}
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                  TimeRemainingColumn(), console=None, transient=False) as progress:
        for file in sorted(files, key=lambda f: order[kind_of(f)]):
            task = progress.add_task(file.name, total=file.stat().st_size if file.suffix != ".zip" else None)
            try:
                report = load(path, file, progress=lambda n, t=task: progress.advance(t, n))
            except UnreadableDump as exc:
                errors.report(f"error: {exc}")
                continue
            progress.update(task, completed=progress.tasks[task].total or 0)
            click.echo(str(report), err=True)
    default_gazetteer.cache_clear()
    sys.exit(1 if errors.count else 0)


@gazetteer.command("build")
def gazetteer_build() -> None:
    """Build the default place index now (otherwise it is built on first use)."""
    from .gazetteer import default_path
    from .gazetteer.build import build_default

    build_default(default_path())


if __name__ == "__main__":
    main()
