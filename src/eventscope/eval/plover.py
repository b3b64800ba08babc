"""Scoring sentence-level event coding against PLOVER gold-standard records.

Each gold record is one sentence with one coded event (`type`, `source`, `target`). The
sentence is coded as a one-sentence document. A predicted event is right when its type is
the sentence's gold type; each sentence gives at most one right event, so a second event of
the gold type in one sentence counts against precision. Recall is the share of sentences
whose gold type was predicted. Actor country accuracy is over the sentences whose type was
found: right when a predicted actor's country is among the gold source codes; likewise for
the recipient against the gold target codes.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document, Event
from . import PrecisionRecall, prf


@dataclass
class PloverRecord:
    id: str
    text: str
    type: str
    mode: str | None
    sources: set[str]
    targets: set[str]


def _codes(actors) -> set[str]:
    if not isinstance(actors, list):
        return set()
    return {a["code"] for a in actors if isinstance(a, dict) and a.get("code")}


def read_records(path: Path) -> Iterator[PloverRecord]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                data["text"], data["type"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a PLOVER record ({exc})") from exc
            yield PloverRecord(str(data.get("id") or number), data["text"], data["type"],
                               data.get("mode") or None, _codes(data.get("source")), _codes(data.get("target")))


def as_documents(records: Iterable[PloverRecord]) -> list[Document]:
    # The records' dates are placeholders (all 2000-01-01): coded as undated reports, so that
    # "on September 29" is not taken for an event months before a made-up publication day.
    return [Document(doc_id=r.id, text=r.text, date=None) for r in records]


@dataclass
class PloverScore(PrecisionRecall):
    sentences: int = 0
    predicted: int = 0
    right: int = 0
    actor_right: int = 0
    actor_total: int = 0
    recipient_right: int = 0
    recipient_total: int = 0
    by_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    confusions: Counter = field(default_factory=Counter)

    def counts(self) -> tuple[int, int, int]:
        return (self.right, self.predicted, self.sentences)


def score_plover(records: list[PloverRecord], coded: Iterable[Document]) -> PloverScore:
    by_id = {r.id: r for r in records}
    score = PloverScore()
    for document in coded:
        record = by_id[document.doc_id]
        score.sentences += 1
        score.predicted += len(document.events)
        score.by_type[record.type]["gold"] += 1
        for event in document.events:
            score.by_type[event.type]["predicted"] += 1
        hit: Event | None = next((e for e in document.events if e.type == record.type), None)
        if hit is None:
            score.confusions[(record.type, document.events[0].type if document.events else "-")] += 1
            continue
        score.right += 1
        score.by_type[record.type]["right"] += 1
        if record.sources:
            score.actor_total += 1
            score.actor_right += bool({a.country for a in hit.actor} & record.sources)
        if record.targets:
            score.recipient_total += 1
            score.recipient_right += bool({a.country for a in hit.recipient} & record.targets)
    return score


def report(score: PloverScore) -> str:
    actor = score.actor_right / score.actor_total if score.actor_total else 0.0
    recipient = score.recipient_right / score.recipient_total if score.recipient_total else 0.0
    lines = [
        f"sentences {score.sentences}, predicted events {score.predicted}, right {score.right}",
        f"PLOVER type precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}",
        f"actor country accuracy {actor:.3f} ({score.actor_right}/{score.actor_total})",
        f"recipient country accuracy {recipient:.3f} ({score.recipient_right}/{score.recipient_total})",
        "",
        "per type:           P      R      F1   (pred/gold)",
    ]
    for type_, counts in sorted(score.by_type.items()):
        p, r, f = prf(counts["right"], counts["predicted"], counts["gold"])
        lines.append(f"  {type_:<12} {p:6.3f} {r:6.3f} {f:6.3f}   ({counts['predicted']}/{counts['gold']})")
    lines += ["", "most frequent misses (gold -> first predicted):"]
    for (gold, predicted), count in score.confusions.most_common(8):
        lines.append(f"  {gold:<10} -> {predicted:<10} {count}")
    return "\n".join(lines)


def evaluate(gold: Path, extractor) -> str:
    records = list(read_records(gold))
    coded = [d for d in extractor.extract(as_documents(records)) if isinstance(d, Document)]
    return f"plover: {gold} ({len(records)} sentences)\n{report(score_plover(records, coded))}"
