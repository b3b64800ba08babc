"""WikiEvents: real news with KAIROS event annotations, a second view of news text for
development (a dev measure, not a target).

Each gold event mention's KAIROS type is mapped to a PLOVER type by ontology/kairos_plover.tsv
(mentions of unmapped types are not scored). Each document's text is coded with no
publication date (WikiEvents gives none). A predicted event of a mapped PLOVER type matches a
gold mention of the same type:

- by trigger, where its trigger span (the evidence of its type) overlaps the gold trigger;
- by sentence, where its trigger lies in the gold mention's sentence (the coder merges the
  mentions of one event in a sentence, "killed" and "attack", into one event).

Precision is over predicted events, recall over gold mentions, per PLOVER type and overall.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model import Document
from ..tables import read_table


@lru_cache(maxsize=1)
def kairos_to_plover() -> dict[str, str]:
    return {row["kairos"]: row["plover"] for row in read_table("ontology", "kairos_plover.tsv")}


def plover_type(kairos: str) -> str | None:
    """The PLOVER type of a KAIROS type, by its longest listed prefix."""
    parts = kairos.split(".")
    mapping = kairos_to_plover()
    for length in range(len(parts), 0, -1):
        found = mapping.get(".".join(parts[:length]))
        if found:
            return found
    return None


@dataclass(frozen=True)
class Mention:
    type: str  # PLOVER
    start: int  # characters of the trigger in the text
    end: int
    sentence: int


@dataclass
class WikiDocument:
    doc_id: str
    text: str
    sentences: list[tuple[int, int]]  # character spans
    mentions: list[Mention]

    def sentence_of(self, offset: int) -> int | None:
        return next((i for i, (start, end) in enumerate(self.sentences) if start <= offset < end), None)


def read_documents(path: Path) -> list[WikiDocument]:
    documents = []
    for number, line in enumerate(path.open(encoding="utf-8"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            tokens_of = [sentence[0] for sentence in data["sentences"]]
            sentences = [(tokens[0][1], tokens[-1][2]) for tokens in tokens_of]
            tokens = [token for sentence in tokens_of for token in sentence]  # trigger offsets count these
            mentions = []
            for mention in data["event_mentions"]:
                kind = plover_type(mention["event_type"])
                trigger = mention["trigger"]
                if kind is not None:
                    mentions.append(Mention(kind, tokens[trigger["start"]][1], tokens[trigger["end"] - 1][2],
                                            trigger["sent_idx"]))
            documents.append(WikiDocument(str(data["doc_id"]), data["text"], sentences, mentions))
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a WikiEvents document ({type(exc).__name__}: {exc})") from None
    return documents


@dataclass
class Counts:
    right_predicted: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    right_gold: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)

    def scores(self, kind: str | None = None) -> tuple[float, float, float]:
        pick = (lambda c: c[kind]) if kind else (lambda c: sum(c.values()))
        precision = pick(self.right_predicted) / pick(self.predicted) if pick(self.predicted) else 0.0
        recall = pick(self.right_gold) / pick(self.gold) if pick(self.gold) else 0.0
        return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


@dataclass
class WikiScore:
    by_trigger: Counts = field(default_factory=Counts)
    by_sentence: Counts = field(default_factory=Counts)


def score(gold: list[WikiDocument], coded: dict[str, Document]) -> WikiScore:
    scored_types = set(kairos_to_plover().values())
    result = WikiScore()
    for document in gold:
        predicted = []
        for event in coded[document.doc_id].events if document.doc_id in coded else []:
            evidence = event.evidence.get("type")
            if event.type in scored_types and evidence is not None:
                predicted.append(Mention(event.type, evidence.start, evidence.end,
                                         document.sentence_of(evidence.start)))
        for counts, agree in ((result.by_trigger, _same_trigger), (result.by_sentence, _same_sentence)):
            for mention in predicted:
                counts.predicted[mention.type] += 1
                counts.right_predicted[mention.type] += any(agree(mention, g) for g in document.mentions)
            for mention in document.mentions:
                counts.gold[mention.type] += 1
                counts.right_gold[mention.type] += any(agree(p, mention) for p in predicted)
    return result


def _same_trigger(predicted: Mention, gold: Mention) -> bool:
    return predicted.type == gold.type and predicted.start < gold.end and gold.start < predicted.end


def _same_sentence(predicted: Mention, gold: Mention) -> bool:
    return predicted.type == gold.type and predicted.sentence == gold.sentence


def report(result: WikiScore) -> str:
    lines = []
    for name, counts in (("by trigger", result.by_trigger), ("by sentence", result.by_sentence)):
        p, r, f = counts.scores()
        lines += [f"{name}: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  "
                  f"(predicted {sum(counts.predicted.values())}, gold {sum(counts.gold.values())})"]
    lines += ["", f"{'PLOVER type':<12}{'gold':>6}{'pred':>6}   {'trigger P/R/F1':<22}{'sentence P/R/F1'}"]
    kinds = sorted(set(result.by_trigger.gold) | set(result.by_trigger.predicted))
    for kind in kinds:
        trigger = "/".join(f"{v:.2f}" for v in result.by_trigger.scores(kind))
        sentence = "/".join(f"{v:.2f}" for v in result.by_sentence.scores(kind))
        lines.append(f"{kind:<12}{result.by_trigger.gold[kind]:6}{result.by_trigger.predicted[kind]:6}   "
                     f"{trigger:<22}{sentence}")
    return "\n".join(lines)


def evaluate(gold: Path, extractor) -> str:
    documents = read_documents(gold)
    coded = {d.doc_id: d for d in extractor.extract(Document(w.doc_id, w.text) for w in documents)
             if isinstance(d, Document)}
    mentions = sum(len(d.mentions) for d in documents)
    return (f"wikievents: {gold} ({len(documents)} documents, {mentions} event mentions of mapped types)\n"
            + report(score(documents, coded)))
