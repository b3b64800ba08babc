"""Incidents: event mentions from many reports clustered into the real-world incidents they
describe, incrementally as documents arrive.

A mention joins the incident whose closest mention it matches best, above a threshold; else it
starts an incident. Two mentions match when nothing rules it out (another country, dates or
document dates too far apart, places too far apart, incompatible types) and enough agrees:
the place, the day, the toll, the mode, the actors and the words of the sentence. Two mentions
of one report are one incident only when the report names two sides of one attack (a killing
and an abduction at one place and day): the extractor has already merged what a report says
twice. Clustering is deterministic: the same mentions in the same order give the same
incidents, and an incident's id derives from its first mention.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date

from .gazetteer import distance_km, province_keys
from .model import Event, Place

# Kinds of event that reports of one incident may code differently ("killed" and "abducted"
# in one attack; an attack one outlet calls a clash).
TYPE_GROUPS = ({"ASSAULT", "COERCE"},)
DAY_TOLERANCE = 1  # "Wednesday" in a report of Thursday may be either night's news
DOCUMENT_DAYS = 3  # mentions without dates: reports at most this far apart
PLACE_KM = 40.0
MATCH_THRESHOLD = 3.0
# Modes that are a side of an attack rather than an attack of their own: the gunmen who kill
# farmers and carry off others commit one incident, which one report may code as two events.
SIDE_MODES = frozenset({"abduct"})
STOP_WORDS = frozenset("""a an the of in on at to for from by with and or but as is are was were be been has have
had it its this that these those who which said says say after before over near into than their
there they he she his her not no""".split())


@dataclass
class Mention:
    """One event of one document, as the clustering sees it."""
    doc_id: str
    position: int
    document_date: date | None
    event: Event
    # the outlets that carried the report (the store knows them); none: the report is its own
    outlets: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        return f"{self.doc_id}#{self.position}"

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(w for w in re.findall(r"[a-z0-9]+", self.event.sentence.lower()) if w not in STOP_WORDS)


@dataclass
class Incident:
    incident_id: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def sources(self) -> int:
        """Distinct outlets: a wire story carried by three sites counts three, two copies of one
        report at one site count one."""
        return len(set().union(*(m.outlets or {m.doc_id} for m in self.mentions)))

    def fatalities(self) -> dict[str, object] | None:
        """The range across reports, and a best figure with the rule that chose it."""
        figures = [m.event.counts["fatalities"] for m in self.mentions if "fatalities" in m.event.counts]
        if not figures:
            return None
        bests = sorted(c.best for c in figures if c.best is not None)
        if not bests:
            return None
        lows = [c.low if c.low is not None else c.best for c in figures if c.best is not None]
        highs = [c.high if c.high is not None else c.best for c in figures if c.best is not None]
        best = int(statistics.median_low(bests))
        rule = "the only report" if len(bests) == 1 else (
            "all reports agree" if len(set(bests)) == 1 else "median of the reports' best figures")
        return {"low": min(lows), "best": best, "high": max(highs), "reports": len(bests), "rule": rule}

    def place(self) -> Place | None:
        """The most precise place any report gives (the earliest report breaks ties)."""
        order = ("town", "district", "province", "country")
        placed = [m.event.location for m in self.mentions if m.event.location is not None]
        return min(placed, key=lambda p: order.index(p.precision) if p.precision in order else len(order),
                   default=None)

    def dates(self) -> tuple[date | None, date | None, str | None]:
        """The narrowest date range any report gives."""
        dated = [m.event for m in self.mentions if m.event.date_start is not None]
        if not dated:
            return None, None, None
        event = min(dated, key=lambda e: ((e.date_end or e.date_start) - e.date_start).days)
        return event.date_start, event.date_end or event.date_start, event.date_precision

    def summary(self) -> dict[str, object]:
        start, end, precision = self.dates()
        place = self.place()
        first = self.mentions[0].event
        return {
            "incident_id": self.incident_id,
            "type": first.type,
            "mode": first.mode,
            "acled_sub_event_type": next((m.event.acled_sub_event_type for m in self.mentions
                                          if m.event.acled_sub_event_type), None),
            "date_start": start.isoformat() if start else None,
            "date_end": end.isoformat() if end else None,
            "date_precision": precision,
            "location": place.to_json() if place else None,
            "fatalities": self.fatalities(),
            "sources": self.sources,
            "mentions": [{"doc_id": m.doc_id, "position": m.position, "sentence": m.event.sentence}
                         for m in self.mentions],
        }


def _same_group(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in TYPE_GROUPS)


def _days_apart(a: Mention, b: Mention) -> int | None:
    """Days between two mentions' date ranges (0 where they overlap), None where one is undated."""
    ea, eb = a.event, b.event
    if ea.date_start is None or eb.date_start is None:
        return None
    a_end, b_end = ea.date_end or ea.date_start, eb.date_end or eb.date_start
    if ea.date_start <= b_end and eb.date_start <= a_end:
        return 0
    return min(abs((ea.date_start - b_end).days), abs((eb.date_start - a_end).days))


def _km(a: Place, b: Place) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _place_score(a: Place | None, b: Place | None) -> float | None:
    """None where the places rule a match out; else how much they agree."""
    if a is None or b is None:
        return 0.0
    if a.country and b.country and a.country != b.country:
        return None
    if a.precision == "town" and b.precision == "town":
        distance = _km(a, b)
        if distance is not None:
            return 2.0 if distance <= PLACE_KM else None
    if a.admin1 and b.admin1:
        # "Borno" and "Borno State": one province, named by an older and a newer index
        return 1.0 if a.admin1 == b.admin1 or province_keys(a.admin1) & province_keys(b.admin1) else None
    return 0.5 if a.country and a.country == b.country else 0.0


def match_score(a: Mention, b: Mention) -> float | None:
    """How well two mentions of different reports describe one incident; None where something
    rules it out."""
    ea, eb = a.event, b.event
    if not _same_group(ea.type, eb.type) or ea.modality != eb.modality:
        return None
    days = _days_apart(a, b)
    if days is not None and days > DAY_TOLERANCE:
        return None
    if a.document_date and b.document_date and abs((a.document_date - b.document_date).days) > DOCUMENT_DAYS:
        return None
    place = _place_score(ea.location, eb.location)
    if place is None:
        return None
    score = place
    if days == 0 and ea.date_precision == eb.date_precision == "day":
        score += 1.5
    if ea.type == eb.type:
        score += 0.5
    if ea.mode and ea.mode == eb.mode:
        score += 0.5
    fa, fb = ea.count("fatalities"), eb.count("fatalities")
    if fa is not None and fb is not None:
        score += 1.5 if fa == fb else (0.5 if abs(fa - fb) <= 0.25 * max(fa, fb) else -1.0)
    actors_a = {(x.country, x.sector) for x in ea.actor + ea.recipient if x.country or x.sector}
    actors_b = {(x.country, x.sector) for x in eb.actor + eb.recipient if x.country or x.sector}
    if actors_a & actors_b:
        score += 0.5
    words_a, words_b = a.words, b.words
    if words_a and words_b:
        score += 3.0 * len(words_a & words_b) / len(words_a | words_b)
    return score


def _facets_of_one_attack(a: Mention, b: Mention) -> bool:
    """Two events of one report that are one incident: different sides (a killing, an
    abduction) of an attack at one place on one day."""
    ea, eb = a.event, b.event
    if ea.type != eb.type or ea.mode == eb.mode or not {ea.mode, eb.mode} & SIDE_MODES:
        return False
    if ea.location is None or eb.location is None:
        return False
    if _days_apart(a, b) != 0:
        return False
    place = _place_score(ea.location, eb.location)
    return place is not None and place >= 1.0


class IncidentIndex:
    """Incidents built up as documents arrive; add() returns each event's incident id."""

    def __init__(self) -> None:
        self.incidents: dict[str, Incident] = {}
        self._recent: list[tuple[Mention, str]] = []

    def add(self, doc_id: str, document_date: date | None, events: list[Event]) -> list[str]:
        mentions = [Mention(doc_id, i, document_date, e) for i, e in enumerate(events)]
        assigned: list[str] = []
        for mention in mentions:
            incident_id = self.best_incident(mention, assigned, mentions)
            if incident_id is None:
                incident_id = "inc-" + hashlib.sha1(mention.key.encode()).hexdigest()[:12]
            self.incidents.setdefault(incident_id, Incident(incident_id)).mentions.append(mention)
            assigned.append(incident_id)
        self._recent.extend(zip(mentions, assigned))
        for mention, incident_id in zip(mentions, assigned):
            mention.event.incident_id = incident_id
        return assigned

    def candidates(self, mention: Mention):
        """Earlier mentions that could share the mention's incident, with their incidents; a
        store-backed index narrows them by date."""
        return self._recent

    def best_incident(self, mention: Mention, assigned: list[str], siblings: list[Mention]) -> str | None:
        # an earlier event of the same report that is another side of this attack
        for sibling, incident_id in zip(siblings, assigned):
            if _facets_of_one_attack(sibling, mention):
                return incident_id
        best: tuple[float, str] | None = None
        for other, incident_id in self.candidates(mention):
            if other.doc_id == mention.doc_id:
                continue
            score = match_score(mention, other)
            if score is not None and score >= MATCH_THRESHOLD and (best is None or score > best[0]):
                best = (score, incident_id)
        if best is None:
            return None
        # one report's events stay in separate incidents unless they are sides of one attack
        taken = [sibling for sibling, incident_id in zip(siblings, assigned) if incident_id == best[1]]
        if taken:
            return None
        return best[1]

