"""ACLED: real records (a coder's note and its row, acled_records.py) or news snippets
classified into ACLED sub-event types (below); `evaluate` tells them apart by their shape.

A snippet is coded as a document; its class is the ACLED sub-event type of its first event
that ACLED would code (in text order), or "none". Scored by accuracy and by F1 per class,
weighted by the class's share of the gold, as CASE 2021's task 2 was.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model import Document
from . import prf

NONE = "none"


@dataclass
class Snippet:
    id: str
    text: str
    date: date | None
    label: str


def read_snippets(path: Path) -> list[Snippet]:
    snippets = []
    for number, line in enumerate(path.open(encoding="utf-8"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            data["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a snippet with 'text' ({exc})") from exc
        label = data.get("sub_event_type") or data.get("acled_sub_event_type") or data.get("label")
        published = date.fromisoformat(data["date"]) if data.get("date") else None
        snippets.append(Snippet(str(data.get("id") or number), data["text"], published, label or NONE))
    return snippets


def as_documents(snippets: Iterable[Snippet]) -> list[Document]:
    return [Document(doc_id=s.id, text=s.text, date=s.date) for s in snippets]


def classify(document: Document) -> str:
    return next((e.acled_sub_event_type for e in document.events if e.acled_sub_event_type), NONE)


@dataclass
class AcledScore:
    pairs: list[tuple[str, str, str]] = field(default_factory=list)  # (id, gold, predicted)

    @property
    def accuracy(self) -> float:
        return sum(g == p for _, g, p in self.pairs) / len(self.pairs) if self.pairs else 0.0

    def per_class(self) -> dict[str, tuple[float, float, float, int]]:
        gold = Counter(g for _, g, _ in self.pairs)
        predicted = Counter(p for _, _, p in self.pairs)
        right = Counter(g for _, g, p in self.pairs if g == p)
        table = {}
        for label in sorted(gold):
            p, r, f = prf(right[label], predicted[label], gold[label])
            table[label] = (p, r, f, gold[label])
        return table

    @property
    def weighted_f1(self) -> float:
        table = self.per_class()
        total = sum(n for *_, n in table.values())
        return sum(f * n for _, _, f, n in table.values()) / total if total else 0.0


def score_acled(snippets: list[Snippet], coded: Iterable[Document]) -> AcledScore:
    by_id = {s.id: s for s in snippets}
    score = AcledScore()
    for document in coded:
        score.pairs.append((document.doc_id, by_id[document.doc_id].label, classify(document)))
    return score


def report(score: AcledScore) -> str:
    lines = [f"snippets {len(score.pairs)}: accuracy {score.accuracy:.3f}, weighted F1 {score.weighted_f1:.3f}", "",
             f"{'sub-event type':<38} {'P':>6} {'R':>6} {'F1':>6}  n"]
    for label, (p, r, f, n) in score.per_class().items():
        lines.append(f"{label:<38} {p:6.3f} {r:6.3f} {f:6.3f}  {n}")
    wrong = [(i, g, p) for i, g, p in score.pairs if g != p]
    if wrong:
        lines += ["", "misclassified:"] + [f"  {i}: {g} -> {p}" for i, g, p in wrong]
    return "\n".join(lines)


def evaluate(gold: Path, extractor) -> str:
    from . import acled_records

    if acled_records.is_records_file(gold):
        return acled_records.evaluate(gold, extractor)
    snippets = read_snippets(gold)
    coded = [d for d in extractor.extract(as_documents(snippets)) if isinstance(d, Document)]
    return f"acled: {gold} ({len(snippets)} snippets)\n{report(score_acled(snippets, coded))}"
