"""Scoring coded news documents against gold, as shared/eval/FORMAT.md's Scoring section says.

Event detection: within each document, a predicted event matches an unmatched gold event of
the same type whose sentence it overlaps, or failing that whose trigger its sentence
contains; precision, recall and F1 are micro-averaged over documents, and given per type.
Fields are scored over matched pairs, ignoring those the gold leaves null. For actor and
recipient fields a pair is right when the predicted list shares a value with the gold list.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..gazetteer import distance_km
from ..model import Document, Event
from . import PrecisionRecall, prf

LOCATION_KM = 25.0
FIELDS = ("mode", "acled_sub_event_type", "actor_country", "actor_sector", "recipient_country",
          "recipient_sector", "date_start", "location", "fatalities")


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class NewsScore(PrecisionRecall):
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    by_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    fields: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in FIELDS})
    pairs: list[tuple[Event, Event]] = field(default_factory=list)

    def counts(self) -> tuple[int, int, int]:
        return (self.matched, self.predicted, self.gold)


def _span(text: str, sentence: str) -> tuple[int, int] | None:
    start = text.find(sentence.strip())
    return (start, start + len(sentence.strip())) if start >= 0 and sentence.strip() else None


def match_events(text: str, predicted: list[Event], gold: list[Event]) -> list[tuple[Event, Event]]:
    pairs = []
    free = list(gold)
    for event in predicted:
        mine = _span(text, event.sentence)
        chosen = None
        for candidate in free:
            if candidate.type != event.type:
                continue
            theirs = _span(text, candidate.sentence)
            if mine and theirs and mine[0] < theirs[1] and theirs[0] < mine[1]:
                chosen = candidate
                break
        if chosen is None:
            chosen = next((c for c in free if c.type == event.type and c.trigger
                           and c.trigger in event.sentence), None)
        if chosen is not None:
            free.remove(chosen)
            pairs.append((event, chosen))
    return pairs


def location_right(predicted, gold) -> bool:
    if predicted is None:
        return False
    if gold.precision == "country":
        return predicted.country == gold.country
    if gold.lat is not None and gold.lon is not None and gold.precision in ("town", "district", None):
        if predicted.lat is not None and predicted.lon is not None:
            return distance_km(predicted.lat, predicted.lon, gold.lat, gold.lon) <= LOCATION_KM
        return False
    # Provinces, and places the gold could not put coordinates on: the same first-level division.
    return predicted.country == gold.country and _same_name(predicted.admin1, gold.admin1)


def _same_name(a: str | None, b: str | None) -> bool:
    from ..gazetteer import normalise

    return a is not None and b is not None and normalise(a) == normalise(b)


def _field_values(event: Event, name: str) -> object:
    if name in ("actor_country", "actor_sector", "recipient_country", "recipient_sector"):
        role, attr = name.split("_")
        values = {getattr(a, attr) for a in getattr(event, role)} - {None}
        return values or None
    if name == "location":
        return event.location
    if name == "fatalities":
        return event.count("fatalities")
    return getattr(event, name)


def score_field(name: str, predicted: Event, gold: Event) -> bool | None:
    """True or False for a matched pair, None where the gold leaves the field null."""
    wanted = _field_values(gold, name)
    if wanted is None:
        return None
    got = _field_values(predicted, name)
    if name == "location":
        return location_right(got, wanted)
    if isinstance(wanted, set):
        return bool(got) and bool(wanted & got)
    return got == wanted


def score_news(predicted_docs: Iterable[Document], gold_docs: dict[str, Document]) -> NewsScore:
    score = NewsScore()
    for document in predicted_docs:
        gold = gold_docs.get(document.doc_id)
        if gold is None:
            continue
        score.predicted += len(document.events)
        score.gold += len(gold.events)
        pairs = match_events(gold.text, document.events, gold.events)
        score.matched += len(pairs)
        score.pairs.extend(pairs)
        for event in document.events:
            score.by_type[event.type]["predicted"] += 1
        for event in gold.events:
            score.by_type[event.type]["gold"] += 1
        for predicted, wanted in pairs:
            score.by_type[wanted.type]["matched"] += 1
            for name in FIELDS:
                verdict = score_field(name, predicted, wanted)
                if verdict is not None:
                    score.fields[name].total += 1
                    score.fields[name].right += int(verdict)
    return score


def report(score: NewsScore) -> str:
    lines = [
        f"events: predicted {score.predicted}, gold {score.gold}, matched {score.matched}",
        f"event precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}",
        "",
        "field accuracy over matched pairs (gold non-null):",
    ]
    for name, tally in score.fields.items():
        value = "n/a" if tally.accuracy is None else f"{tally.accuracy:.3f}"
        lines.append(f"  {name:<22} {value:>6}  ({tally.right}/{tally.total})")
    lines += ["", "per type:           P      R      F1   (pred/gold)"]
    for type_, counts in sorted(score.by_type.items()):
        p, r, f = prf(counts["matched"], counts["predicted"], counts["gold"])
        lines.append(f"  {type_:<12} {p:6.3f} {r:6.3f} {f:6.3f}   ({counts['predicted']}/{counts['gold']})")
    return "\n".join(lines)


def read_gold(gold: Path) -> dict[str, Document]:
    """Gold documents with their events, by doc_id; a bad line is a ValueError naming it."""
    from ..readers.jsonl import parse_line

    documents: dict[str, Document] = {}
    with gold.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                document = parse_line(raw, number, f"gold-{number}")
                if isinstance(document, str):
                    raise ValueError(f"{gold}:{number}: {document}")
                try:
                    document.events = [Event.from_json(e) for e in json.loads(raw).get("events") or []]
                except (KeyError, TypeError, ValueError) as exc:
                    raise ValueError(f"{gold}:{number}: malformed gold event ({exc!r})") from exc
                documents[document.doc_id] = document
    return documents


def evaluate(gold: Path, extractor) -> str:
    gold_docs = read_gold(gold)
    inputs = [Document(d.doc_id, d.text, d.date, d.lang, d.url, d.title) for d in gold_docs.values()]
    return f"news: {gold} ({len(gold_docs)} documents)\n{report(score_news(extractor.extract(inputs), gold_docs))}"
