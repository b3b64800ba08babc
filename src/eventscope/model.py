"""The data model and its JSON shape (shared/eval/FORMAT.md), nothing else.

Every field an extractor sets can carry an `Evidence`: the sentence, the character span in
the document text, and the rule that set it. Evidence travels in an event's `evidence`
mapping (field name -> evidence) so that the FORMAT.md keys keep exactly their shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
SECTORS = frozenset(
    "GOV MIL REB COP PRM PTY JUD LEG SPY UAF UNK CVL BUS CRM EDU ELI JRN LAB MED REF OPP "
    "PRE REL SOC AGR".split()
)
PLACE_PRECISIONS = ("town", "district", "province", "country")
DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass
class Evidence:
    """Where a value came from: a character span of the document text and the rule."""

    start: int
    end: int
    text: str
    rule: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        return cls(data["start"], data["end"], data.get("text", ""), data.get("rule", ""))


@dataclass
class Actor:
    text: str
    country: str | None = None
    sector: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "country": self.country, "sector": self.sector}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        return cls(data.get("text") or "", data.get("country"), data.get("sector"))


@dataclass
class Place:
    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    geonameid: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text, "name": self.name, "country": self.country,
            "admin1": self.admin1, "lat": self.lat, "lon": self.lon,
            "precision": self.precision, "geonameid": self.geonameid,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Place:
        return cls(
            data.get("text") or "", data.get("name"), data.get("country"), data.get("admin1"),
            data.get("lat"), data.get("lon"), data.get("precision"), data.get("geonameid"),
        )


@dataclass
class Count:
    """A human-cost figure as UCDP does it: low / best / high, with the hedge it came from."""

    best: int | None
    low: int | None = None
    high: int | None = None
    hedge: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"low": self.low, "best": self.best, "high": self.high, "hedge": self.hedge}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Count:
        return cls(data.get("best"), data.get("low"), data.get("high"), data.get("hedge"))


COUNT_KINDS = ("fatalities", "injured", "displaced", "arrested", "abducted")


@dataclass
class Event:
    type: str
    trigger: str
    sentence: str
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    # the two actors as ACLED names them, their ACLED actor types (inter codes, 0 where there is
    # no second actor) and whether civilians were the target (extract/acled_coding.py)
    acled_actor1: str | None = None
    acled_actor2: str | None = None
    acled_inter1: int | None = None
    acled_inter2: int | None = None
    acled_civilian_targeting: bool | None = None
    cameo_root: str | None = None
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str | None = None
    location: Place | None = None
    counts: dict[str, Count] = field(default_factory=dict)
    source: str | None = None
    confidence: float | None = None
    incident_id: str | None = None
    # PLOVER's auxiliary mode: "asserted" for an action reported as done; "future", "intent"
    # or "negated" where the event coded is a statement about an action (ontology/recode.tsv).
    modality: str = "asserted"
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def count(self, kind: str) -> int | None:
        value = self.counts.get(kind)
        return value.best if value else None

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "acled_actor1": self.acled_actor1,
            "acled_actor2": self.acled_actor2,
            "acled_inter1": self.acled_inter1,
            "acled_inter2": self.acled_inter2,
            "acled_civilian_targeting": self.acled_civilian_targeting,
            "cameo_root": self.cameo_root,
            "trigger": self.trigger,
            "sentence": self.sentence,
            "actor": [a.to_json() for a in self.actor],
            "recipient": [r.to_json() for r in self.recipient],
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "date_precision": self.date_precision,
            "location": self.location.to_json() if self.location else None,
            "fatalities": self.count("fatalities"),
            "injured": self.count("injured"),
            "displaced": self.count("displaced"),
            "counts": {kind: c.to_json() for kind, c in self.counts.items()},
            "source": self.source,
            "confidence": self.confidence,
            "incident_id": self.incident_id,
            "modality": self.modality,
            "evidence": {name: ev.to_json() for name, ev in self.evidence.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        counts = {k: Count.from_json(v) for k, v in (data.get("counts") or {}).items()}
        for kind in ("fatalities", "injured", "displaced"):
            if kind not in counts and data.get(kind) is not None:
                counts[kind] = Count(best=data[kind], low=data[kind])
        return cls(
            type=data["type"],
            trigger=data.get("trigger") or "",
            sentence=data.get("sentence") or "",
            mode=data.get("mode"),
            acled_event_type=data.get("acled_event_type"),
            acled_sub_event_type=data.get("acled_sub_event_type"),
            acled_actor1=data.get("acled_actor1"),
            acled_actor2=data.get("acled_actor2"),
            acled_inter1=data.get("acled_inter1"),
            acled_inter2=data.get("acled_inter2"),
            acled_civilian_targeting=data.get("acled_civilian_targeting"),
            cameo_root=data.get("cameo_root"),
            actor=[Actor.from_json(a) for a in data.get("actor") or []],
            recipient=[Actor.from_json(a) for a in data.get("recipient") or []],
            date_start=_parse_date(data.get("date_start")),
            date_end=_parse_date(data.get("date_end")),
            date_precision=data.get("date_precision"),
            location=Place.from_json(data["location"]) if data.get("location") else None,
            counts=counts,
            source=data.get("source"),
            confidence=data.get("confidence"),
            incident_id=data.get("incident_id"),
            modality=data.get("modality") or "asserted",
            evidence={k: Evidence.from_json(v) for k, v in (data.get("evidence") or {}).items()},
        )


@dataclass
class Document:
    doc_id: str
    text: str
    date: date | None = None
    lang: str = "en"
    url: str | None = None
    title: str | None = None
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # toponym spans given with the document (start, end, text), for `geocode` to resolve as given
    toponyms: list[dict[str, Any]] | None = None
    # quotations with their speakers: start, end, text, speaker
    quotes: list[dict[str, Any]] = field(default_factory=list)
    # where a reader found it (a line of a JSON Lines file, an entry of a feed), for messages
    line: int | None = field(default=None, compare=False)

    def to_json(self, with_text: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "doc_id": self.doc_id,
            "date": self.date.isoformat() if self.date else None,
            "lang": self.lang,
            "url": self.url,
            "title": self.title,
        }
        if with_text:
            data["text"] = self.text
        data["events"] = [e.to_json() for e in self.events]
        if self.quotes:
            data["quotes"] = list(self.quotes)
        if self.warnings:
            data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        return cls(
            doc_id=str(data["doc_id"]),
            text=data["text"],
            date=_parse_date(data.get("date")),
            lang=data.get("lang") or "en",
            url=data.get("url"),
            title=data.get("title"),
            events=[Event.from_json(e) for e in data.get("events") or []],
            quotes=list(data.get("quotes") or []),
            warnings=list(data.get("warnings") or []),
        )


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
