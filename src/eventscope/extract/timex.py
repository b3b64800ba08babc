"""Temporal expressions as TimeML TIMEX3 values, for `eventscope timex`.

Dates come from dates.py's resolvers and are written at their precision ("2013-03-22",
"2013-03", "2013-W11", "2013"); vague references are PRESENT_REF, PAST_REF or FUTURE_REF;
durations ("three days", "a decade") are P-values; "every week" is a SET.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Span

from .dates import NUMBER_WORDS, UNRESOLVED_PREFIXES, resolve_text

REFERENCES = [
    (re.compile(r"^(now|currently|at present|at the moment|presently|these days|nowadays|today's)$"), "PRESENT_REF"),
    (re.compile(r"^(recently|lately|in the past|formerly|previously|once|(in )?recent (days|weeks|months|years)|the past)$"), "PAST_REF"),
    (re.compile(r"^(soon|in the future|the future|in the coming (days|weeks|months|years)|coming (days|weeks|months|years))$"), "FUTURE_REF"),
]
UNITS = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "fortnight": "2W",
         "month": "M", "year": "Y", "decade": "10Y", "century": "100Y", "weekend": "WE"}
DURATION = re.compile(
    r"^(?:(?:for|over|during|about|around|nearly|almost|more than|less than|the (?:past|last|next))\s+)?"
    r"(?P<n>\d+|[a-z]+|a|an)?[\s-]*(?P<unit>second|minute|hour|day|week|fortnight|month|year|decade|century)s?"
    r"(?:\s+(?:long|old))?$")
SET = re.compile(r"^(?:every|each)\s+(?P<unit>day|week|month|year)$|^(?P<adv>daily|weekly|monthly|annually|yearly)$")
ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y"}


def _duration(text: str) -> str | None:
    match = DURATION.match(text)
    if not match:
        return None
    raw = (match["n"] or "1").lower()
    count = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, 1 if raw in ("a", "an") else None)
    if count is None:
        return None
    unit = UNITS[match["unit"]]
    if unit.endswith("Y") and unit[:-1].isdigit():  # decade, century
        return f"P{count * int(unit[:-1])}Y"
    if unit.startswith("T"):
        return f"PT{count}{unit[1:]}"
    return f"P{count}{unit}"


def value_of(text: str, anchor: date | None, future: bool = False) -> tuple[str, str] | None:
    """(TIMEX3 type, value) for a temporal expression, or None where it cannot be valued."""
    lowered = " ".join(text.lower().split()).strip(" .,")
    for pattern, value in REFERENCES:
        if pattern.match(lowered):
            return "DATE", value
    match = SET.match(lowered)
    if match:
        return "SET", ADVERBS.get(match["adv"] or "") or f"P1{UNITS[match['unit']]}"
    special = _special(lowered, anchor)
    if special:
        return "DATE", special
    resolved = resolve_text(lowered, anchor, future) if not lowered.startswith(UNRESOLVED_PREFIXES) else None
    if resolved:
        start, end, precision, rule = resolved
        if rule == "dates.recent-days":
            if anchor is not None and "week" in lowered:
                this_year, this_week, _ = anchor.isocalendar()
                if "this" in lowered:
                    return "DATE", f"{this_year}-W{this_week:02d}"
                year, week, _ = (anchor - timedelta(days=7)).isocalendar()
                return "DATE", f"{year}-W{week:02d}"
            return "DATE", "PAST_REF"

        if precision == "day":
            return "DATE", start.isoformat()
        if precision == "week":
            year, week, _ = start.isocalendar()
            return "DATE", f"{year}-W{week:02d}"
        if precision == "month":
            return "DATE", f"{start.year}-{start.month:02d}"
        return "DATE", str(start.year)
    duration = _duration(lowered)
    if duration:
        return "DURATION", duration
    return None


FUTURE_WORDS = {"next", "upcoming", "coming", "following", "scheduled", "planned", "until"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
CENTURY = re.compile(r"^(?:the )?(\d{1,2})(?:st|nd|rd|th) century$")
SEASON = re.compile(r"^(?:(this|last|next) )?(spring|summer|autumn|fall|winter)$")
THIS_YEAR = re.compile(r"^this (?:fiscal |financial |calendar )?year$")


def _special(text: str, anchor: date | None) -> str | None:
    """Centuries, seasons and "this fiscal year", which the date resolvers do not place."""
    match = CENTURY.match(text)
    if match:
        return f"{int(match[1]) - 1:02d}"
    if anchor is None:
        return None
    match = SEASON.match(text)
    if match:
        year = anchor.year + {"last": -1, "next": 1}.get(match[1] or "", 0)
        return f"{year}-{SEASONS[match[2]]}"
    if THIS_YEAR.match(text):
        return str(anchor.year)
    return None


def find(doc: Doc, published: date | None) -> list[dict[str, Any]]:
    """The temporal expressions spaCy finds, valued against the publication date."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        valued = value_of(ent.text, published, future=is_future(ent))
        if valued:
            found.append({"start": ent.start_char, "end": ent.end_char, "text": ent.text,
                          "type": valued[0], "value": valued[1]})
    return found


def is_future(span: Span) -> bool:
    """Whether the clause an expression dates speaks of the future ("will meet in June")."""
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "shall", "'ll", "would", "to") for c in verb.children):
        return True  # "will meet", "is due to be published", "to run through June"
    # "is due to", "is set to", "is scheduled for", "next month", "upcoming"
    return any(t.lower_ in FUTURE_WORDS for t in verb.subtree if abs(t.i - span.start) <= 3) or \
        verb.lemma_ in ("schedule", "plan", "expect", "due") or any(
            c.lemma_ in ("schedule", "plan", "due", "set") for c in verb.children)
