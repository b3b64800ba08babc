"""Time expressions resolved against the publication date, as date ranges with a precision.

spaCy's DATE entities find the expressions; the resolvers below turn their text into
(start, end, precision). A weekday is the most recent such day on or before publication
unless the clause is in the future tense; "in recent days" is the week to publication;
"earlier this month" runs from the month's first day to publication.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBER_WORDS = {"several": 3, "few": 3, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1}
UNRESOLVED_PREFIXES = ("since", "for", "until", "by", "within", "every", "each")


@dataclass(frozen=True)
class Timex:
    span: Span
    start: date
    end: date
    precision: str
    rule: str


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _most_recent_month(month: int, anchor: date) -> int:
    return anchor.year if month <= anchor.month else anchor.year - 1


Resolution = tuple[date, date, str] | None
RULES: list[tuple[str, re.Pattern, Callable[[re.Match, date, bool], Resolution]]] = []


def rule(name: str, pattern: str):
    def register(function: Callable[[re.Match, date, bool], Resolution]):
        RULES.append((name, re.compile(pattern, re.IGNORECASE), function))
        return function
    return register


@rule("iso-date", r"\b(\d{4})-(\d{2})-(\d{2})\b")
def _iso(m, anchor, future):
    day = date(int(m[1]), int(m[2]), int(m[3]))
    return day, day, "day"


@rule("month-day-year", r"\b(?P<m>[a-z]{3,9})\.? (?P<d>\d{1,2})(?:st|nd|rd|th)?,? (?P<y>\d{4})\b")
@rule("day-month-year", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<m>[a-z]{3,9})\.?,? (?P<y>\d{4})\b")
def _full_date(m, anchor, future):
    month = MONTHS.get(m["m"].lower())
    if not month:
        return None
    day = date(int(m["y"]), month, int(m["d"]))
    return day, day, "day"


@rule("month-day", r"\b(?P<m>[a-z]{3,9})\.? (?P<d>\d{1,2})(?:st|nd|rd|th)?\b")
@rule("day-month", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<m>[a-z]{3,9})\b")
def _month_day(m, anchor, future):
    month = MONTHS.get(m["m"].lower())
    if not month:
        return None
    year = anchor.year
    day = date(year, month, int(m["d"]))
    if day > anchor and not future:
        day = date(year - 1, month, int(m["d"]))
    return day, day, "day"


@rule("relative-day", r"\b(today|tonight|this (?:morning|afternoon|evening)|yesterday|last night|tomorrow)\b")
def _relative_day(m, anchor, future):
    word = m[1].lower()
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    day = anchor + timedelta(days=offset)
    return day, day, "day"


@rule("days-ago", r"\b(\d+|[a-z]+) days? ago\b")
def _days_ago(m, anchor, future):
    n = int(m[1]) if m[1].isdigit() else NUMBER_WORDS.get(m[1].lower())
    if n is None:
        return None
    day = anchor - timedelta(days=n)
    return day, day, "day"


@rule("units-ago", r"\b(\d+|[a-z]+) (year|month|week)s? ago\b")
def _units_ago(m, anchor, future):
    n = int(m[1]) if m[1].isdigit() else NUMBER_WORDS.get(m[1].lower())
    if n is None:
        return None
    if m[2] == "year":
        return date(anchor.year - n, 1, 1), date(anchor.year - n, 12, 31), "year"
    if m[2] == "month":
        month_index = anchor.year * 12 + anchor.month - 1 - n
        return _month_range(month_index // 12, month_index % 12 + 1) + ("month",)
    day = anchor - timedelta(weeks=n)
    return day - timedelta(days=day.weekday()), day - timedelta(days=day.weekday()) + timedelta(days=6), "week"


@rule("last-year", r"\blast year\b")
def _last_year(m, anchor, future):
    return date(anchor.year - 1, 1, 1), date(anchor.year - 1, 12, 31), "year"


@rule("weekday", r"\b(?:(last|next|this|on|early|late)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
def _weekday(m, anchor, future):
    target = WEEKDAYS[m[2].lower()]
    if (m[1] or "").lower() == "next":
        delta = (target - anchor.weekday()) % 7 or 7
        day = anchor + timedelta(days=delta)
    elif future:  # "will meet on Friday": the coming one, or the day itself
        delta = (target - anchor.weekday()) % 7
        day = anchor + timedelta(days=delta)
    else:
        day = anchor - timedelta(days=(anchor.weekday() - target) % 7)
    return day, day, "day"


@rule("recent-days", r"\b(?:in )?(?:recent |the (?:past|last) (?:few )?|past few |this )(days|weeks?)\b")
def _recent_week(m, anchor, future):
    return anchor - timedelta(days=7), anchor, "week"


@rule("last-week", r"\blast week\b")
def _last_week(m, anchor, future):
    monday = anchor - timedelta(days=anchor.weekday() + 7)
    return monday, monday + timedelta(days=6), "week"


@rule("this-month", r"\b(?:earlier |later )?this month\b")
def _this_month(m, anchor, future):
    return anchor.replace(day=1), anchor, "month"


@rule("last-month", r"\blast month\b")
def _last_month(m, anchor, future):
    previous = anchor.replace(day=1) - timedelta(days=1)
    return _month_range(previous.year, previous.month) + ("month",)


@rule("this-year", r"\b(?:earlier )?this year\b")
def _this_year(m, anchor, future):
    return date(anchor.year, 1, 1), anchor, "year"


@rule("month-year", r"\b(?P<m>[a-z]{3,9}) (?:of )?(?P<y>\d{4})\b")
def _month_year(m, anchor, future):
    month = MONTHS.get(m["m"].lower())
    if not month:
        return None
    return _month_range(int(m["y"]), month) + ("month",)


@rule("month", r"\b(?:in |early |late |mid-?)?(?P<m>january|february|march|april|may|june|july|august|september|october|november|december)\b")
def _month(m, anchor, future):
    month = MONTHS[m["m"].lower()]
    year = _most_recent_month(month, anchor)
    if future and month > anchor.month:
        year = anchor.year  # "will meet in June", said in March
    return _month_range(year, month) + ("month",)


@rule("year", r"^(?:in )?(\d{4})$")
def _year(m, anchor, future):
    year = int(m[1])
    return date(year, 1, 1), date(year, 12, 31), "year"


def resolve_text(text: str, anchor: date | None, future: bool = False) -> tuple[date, date, str, str] | None:
    """(start, end, precision, rule) for a time expression, or None where it cannot be placed."""
    if anchor is None:
        anchor_needed = True
    else:
        anchor_needed = False
    lowered = text.strip().lower()
    if lowered.startswith(UNRESOLVED_PREFIXES):
        return None
    for name, pattern, resolve in RULES:
        match = pattern.search(lowered)
        if not match:
            continue
        if anchor_needed and name not in ("iso-date", "month-day-year", "day-month-year", "month-year", "year"):
            return None
        try:
            result = resolve(match, anchor or date.min, future)
        except (ValueError, OverflowError):  # 31 February; a day before year 1 or after 9999
            return None
        if result:
            return (*result, f"dates.{name}")
    return None


# "That year, in Jalisco, an ambush killed fifteen police": the year, month or day the text
# named last
ANAPHORIC = re.compile(r"^(?:in |on )?(?:that|the same) (year|month|day)$")


def _anaphoric(text: str, previous: Timex | None) -> tuple[date, date, str, str] | None:
    match = ANAPHORIC.match(text.strip().lower())
    if match is None or previous is None:
        return None
    unit, start = match[1], previous.start
    if unit == "year":
        return date(start.year, 1, 1), date(start.year, 12, 31), "year", "dates.that-year"
    if unit == "month" and previous.precision in ("month", "day"):
        return _month_range(start.year, start.month) + ("month", "dates.that-month")
    if unit == "day" and previous.precision == "day":
        return start, start, "day", "dates.that-day"
    return None


def find_timexes(doc: Doc, published: date | None, is_future: Callable[[Span], bool]) -> list[Timex]:
    """Resolved time expressions of a document, in text order."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        prev = doc[ent.start - 1] if ent.start else None
        if prev is not None and prev.lower_ in UNRESOLVED_PREFIXES:
            continue  # "since 2012", "for three days": a span of time, not the event's date
        span, text = _with_day_and_month(ent)
        resolved = _anaphoric(text, found[-1] if found else None) \
            or resolve_text(text, published, future=is_future(ent))
        if resolved:
            found.append(Timex(span, *resolved))
    return found


def _is_day(token) -> bool:
    return token.like_num and token.text.isdigit() and 1 <= int(token.text) <= 31


RANGE_WORDS = {"and", "-", "–", "to"}


def _with_day_and_month(ent: Span) -> tuple[Span, str]:
    """A date written day-month-year whose entity lost its front ("29 Apr 2020" found as
    "2020", "4 May 2020" as "May 2020"): the span with the month and day before it, and the
    text to resolve. A range of days ("between 24 and 25 March") is dated by its first day,
    as event datasets date an event that spans days."""
    doc = ent.doc
    start = ent.start
    if start and doc[start - 1].lower_.strip(".") in MONTHS and ent.text.isdigit():
        start -= 1  # "Apr" before "2020"
    if doc[start].lower_.strip(".") not in MONTHS or not start or not _is_day(doc[start - 1]):
        return ent, ent.text
    day = start - 1
    if day >= 2 and doc[day - 1].lower_ in RANGE_WORDS and _is_day(doc[day - 2]):
        first = doc[day - 2]
        span = doc[day - 2:ent.end]
        return span, f"{first.text} {doc[start:ent.end].text}"
    span = doc[day:ent.end]
    return span, span.text
