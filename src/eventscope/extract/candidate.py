"""One event mention while a document is being coded: the trigger, the event taking shape,
and what the extractors found for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from ..model import Event, Evidence
from .actors import ActorMention
from .places import Toponym
from .triggers import Trigger

DEFINITE = {"the", "this", "that", "these", "those"}
# Types whose state actors are their armed forces ("Russia" striking is RUS MIL).
VIOLENT_SECTOR_TYPES = {"ASSAULT", "MOBILIZE"}


@dataclass
class Candidate:
    """One event mention while a document is being coded."""

    trigger: Trigger
    event: Event
    weapon: str | None
    sentence: Span
    actors: list[ActorMention] = field(default_factory=list)
    recipients: list[ActorMention] = field(default_factory=list)
    absorbed: list[Trigger] = field(default_factory=list)
    # whom the other mentions of the event name ("killed five ... opened fire on protesters")
    absorbed_recipients: list[ActorMention] = field(default_factory=list)
    # the harmed its counts name ("two civilians were wounded"): whom ACLED counts as the target
    # where the report names no recipient
    harmed: list[ActorMention] = field(default_factory=list)
    definite: bool = False
    own_date: bool = False
    place: Toponym | None = None
    alleged_by: str | None = None
    accused_of_violence: bool = False
    aggregate: bool = False


def trimmed(span: Span) -> Span:
    """The span without the whitespace tokens at its ends."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def evidence(span: Span, rule: str) -> Evidence:
    return Evidence(span.start_char, span.end_char, span.text, rule)
