"""Loading GeoNames dumps into the place index, for village-level coverage.

Reads GeoNames' own formats, plain or zipped: the main table (allCountries.txt or a country
file such as SY.txt, 19 tab-separated columns), alternateNamesV2.txt, admin1CodesASCII.txt and
admin2Codes.txt. A load is idempotent (places are keyed by geonameid, names are unique) and
resumable: progress is committed in batches and recorded per file (name, size, modification
time), so a second run skips what is done. Bad rows are counted and reported, never fatal.
"""

from __future__ import annotations

import io
import math
import sqlite3
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import normalise

BATCH = 20_000
MAIN_COLUMNS = 19
# Populated places and administrative divisions are what events happen in; the other classes
# (streams, hotels, mountains...) would only add homonyms.
KEPT_CLASSES = {"P", "A"}
SKIPPED_NAME_KINDS = {"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "fr_1793"}


@dataclass
class LoadReport:
    source: str
    kind: str
    rows: int = 0
    loaded: int = 0
    skipped: int = 0
    bad: int = 0
    resumed_from: int = 0
    examples: list[str] = field(default_factory=list)

    def bad_row(self, number: int, reason: str) -> None:
        self.bad += 1
        if len(self.examples) < 5:
            self.examples.append(f"line {number}: {reason}")

    def __str__(self) -> str:
        text = (f"{self.source}: {self.kind}, {self.rows} rows read, {self.loaded} loaded, "
                f"{self.skipped} skipped, {self.bad} bad")
        if self.resumed_from:
            text += f" (resumed after row {self.resumed_from})"
        if self.examples:
            text += "; " + "; ".join(self.examples)
        return text


class UnreadableDump(ValueError):
    """A dump file that cannot be read at all (not a zip, a zip cut short, no table inside)."""


SQLITE_MAX_INTEGER = 2**63 - 1


def _integer(cell: str, what: str) -> int:
    value = int(cell)
    if not 0 <= value <= SQLITE_MAX_INTEGER:
        raise ValueError(f"{what} {cell!r} is out of range")
    return value


def _coordinate(cell: str, what: str, bound: float) -> float:
    value = float(cell)
    if not math.isfinite(value) or not -bound <= value <= bound:
        raise ValueError(f"{what} {cell!r} is not a coordinate (-{bound:g} to {bound:g})")
    return value


def kind_of(path: Path) -> str:
    name = path.name.lower()
    for marker, kind in (("admin1codes", "admin1"), ("admin2codes", "admin2"), ("alternatenames", "alternate names")):
        if name.startswith(marker):
            return kind
    return "places"


@contextmanager
def _open_text(path: Path) -> Iterator[tuple[io.TextIOBase, int]]:
    """The dump as text lines, and its size in bytes for progress."""
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise UnreadableDump(f"{path}: not a readable zip archive ({exc})") from None
        with archive:
            member = next((m for m in archive.infolist() if m.filename.endswith(".txt")
                           and not m.filename.lower().startswith("readme")), None)
            if member is None:
                raise UnreadableDump(f"{path}: no .txt table inside the archive")
            with archive.open(member) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace"), member.file_size
    else:
        with path.open(encoding="utf-8", errors="replace") as handle:
            yield handle, path.stat().st_size


def _source_key(path: Path) -> str:
    stat = path.stat()
    return f"{path.name}|{stat.st_size}|{int(stat.st_mtime)}"


def load(db_path: Path, path: Path, progress: Callable[[int], None] | None = None) -> LoadReport:
    """Load one dump into the index at db_path."""
    kind = kind_of(path)
    report = LoadReport(str(path), kind)
    db = sqlite3.connect(db_path)
    try:
        key = _source_key(path)
        row = db.execute("SELECT rows_done, complete FROM loads WHERE source = ?", (key,)).fetchone()
        done, complete = row if row else (0, 0)
        if complete:
            report.resumed_from = done
            report.rows = done
            return report
        report.resumed_from = done
        handler = {"places": _place_row, "alternate names": _name_row,
                   "admin1": _admin1_row, "admin2": _admin2_row}[kind]
        with _open_text(path) as (lines, _size):
            read_bytes = 0
            for number, line in _lines(path, lines):
                read_bytes += len(line)
                if progress and number % 5000 == 0:
                    progress(read_bytes)
                    read_bytes = 0
                if number <= done:
                    continue
                report.rows += 1
                if not line.strip() or line.startswith("#"):
                    continue
                try:
                    if handler(db, line.rstrip("\n").split("\t")):
                        report.loaded += 1
                    else:
                        report.skipped += 1
                except (ValueError, IndexError, OverflowError) as exc:
                    report.bad_row(number, str(exc) or type(exc).__name__)
                if number % BATCH == 0:
                    _checkpoint(db, key, number, complete=False)
            if progress:
                progress(read_bytes)
            _checkpoint(db, key, done + report.rows, complete=True)
        report.rows += done
    finally:
        db.close()
    return report


def _lines(path: Path, lines: io.TextIOBase) -> Iterator[tuple[int, str]]:
    """Numbered lines; a compressed stream cut short is a clear error, not a traceback (what
    was read before it is committed, so a re-run with the whole file resumes)."""
    number = 0
    try:
        for number, line in enumerate(lines, start=1):
            yield number, line
    except (EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise UnreadableDump(f"{path}: archive cut short or damaged after line {number} ({exc})") from None


def _checkpoint(db: sqlite3.Connection, key: str, rows: int, complete: bool) -> None:
    db.execute("INSERT INTO loads (source, rows_done, complete) VALUES (?, ?, ?) "
               "ON CONFLICT(source) DO UPDATE SET rows_done = excluded.rows_done, complete = excluded.complete",
               (key, rows, int(complete)))
    db.commit()


def _iso3(db: sqlite3.Connection, country2: str) -> str | None:
    row = db.execute("SELECT country FROM places WHERE country2 = ? AND feature_code LIKE 'PCL%' LIMIT 1",
                     (country2,)).fetchone()
    return row[0] if row else None


def _place_row(db: sqlite3.Connection, cells: list[str]) -> bool:
    if len(cells) != MAIN_COLUMNS:
        raise ValueError(f"{len(cells)} columns, expected {MAIN_COLUMNS}")
    geonameid = _integer(cells[0], "geonameid")
    name, ascii_name, alternates = cells[1], cells[2], cells[3]
    lat, lon = _coordinate(cells[4], "latitude", 90), _coordinate(cells[5], "longitude", 180)
    feature_class, feature_code, country2 = cells[6], cells[7], cells[8]
    if feature_class not in KEPT_CLASSES:
        return False
    admin1_code, admin2_code = cells[10] or None, cells[11] or None
    population = _integer(cells[14] or "0", "population")
    admin1 = db.execute(
        "SELECT admin1 FROM places WHERE country2 = ? AND admin1_code = ? AND admin1 IS NOT NULL LIMIT 1",
        (country2, admin1_code)).fetchone() if admin1_code else None
    db.execute(
        "INSERT OR REPLACE INTO places (geonameid, name, country, admin1, feature_code, population, lat, lon, "
        "country2, admin1_code, admin2_code, admin2) VALUES (?,?,?,?,?,?,?,?,?,?,?,"
        " (SELECT admin2 FROM places WHERE country2 = ? AND admin1_code = ? AND admin2_code = ? AND admin2 IS NOT NULL LIMIT 1))",
        (geonameid, name, _iso3(db, country2), admin1[0] if admin1 else None, feature_code, population,
         lat, lon, country2, admin1_code, admin2_code, country2, admin1_code, admin2_code),
    )
    for alias in {name, ascii_name, *filter(None, alternates.split(","))}:
        key = normalise(alias)
        if key and not key.isdigit():
            db.execute("INSERT OR IGNORE INTO names VALUES (?, ?)", (key, geonameid))
    return True


def _name_row(db: sqlite3.Connection, cells: list[str]) -> bool:
    if len(cells) < 4:
        raise ValueError(f"{len(cells)} columns, expected at least 4")
    geonameid, language, name = _integer(cells[1], "geonameid"), cells[2], cells[3]
    if language in SKIPPED_NAME_KINDS or not name:
        return False
    if not db.execute("SELECT 1 FROM places WHERE geonameid = ?", (geonameid,)).fetchone():
        return False  # a name of a place the index does not hold
    db.execute("INSERT OR IGNORE INTO names VALUES (?, ?)", (normalise(name), geonameid))
    return True


def _admin1_row(db: sqlite3.Connection, cells: list[str]) -> bool:
    if len(cells) < 3 or "." not in cells[0]:
        raise ValueError("expected CC.CODE, name, ASCII name")
    country2, code = cells[0].split(".", 1)
    ascii_name = cells[2] or cells[1]
    cursor = db.execute("UPDATE places SET admin1 = ? WHERE country2 = ? AND admin1_code = ?",
                        (ascii_name, country2, code))
    # The division itself is named too ("Idlib Governorate"), as are the names it had before.
    for (geonameid,) in db.execute("SELECT geonameid FROM places WHERE country2 = ? AND admin1_code = ? "
                                   "AND feature_code = 'ADM1'", (country2, code)).fetchall():
        db.execute("UPDATE places SET name = ? WHERE geonameid = ?", (ascii_name, geonameid))
        for alias in (cells[1], ascii_name):
            db.execute("INSERT OR IGNORE INTO names VALUES (?, ?)", (normalise(alias), geonameid))
    return cursor.rowcount > 0


def _admin2_row(db: sqlite3.Connection, cells: list[str]) -> bool:
    if len(cells) < 3 or cells[0].count(".") != 2:
        raise ValueError("expected CC.ADMIN1.ADMIN2, name, ASCII name")
    country2, admin1_code, code = cells[0].split(".")
    cursor = db.execute("UPDATE places SET admin2 = ? WHERE country2 = ? AND admin1_code = ? AND admin2_code = ?",
                        (cells[2] or cells[1], country2, admin1_code, code))
    return cursor.rowcount > 0
