"""Cross-document deduplication on news-dev: the predicted incidents against gold
`incident_id`s, over the predicted mentions that matched gold events (FORMAT.md's Scoring):
pairwise link precision, recall and F1, and B-cubed."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from ..incidents import IncidentIndex
from ..model import Document
from . import prf
from .news import match_events, read_gold


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float, int, int]:
    """Link P/R/F1 over mention keys; a link is a pair of mentions in one cluster."""
    keys = sorted(predicted)
    links_p = {(a, b) for a, b in combinations(keys, 2) if predicted[a] == predicted[b]}
    links_g = {(a, b) for a, b in combinations(keys, 2) if gold[a] == gold[b]}
    p, r, f = prf(len(links_p & links_g), len(links_p), len(links_g))
    return p, r, f, len(links_p), len(links_g)


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    if not predicted:
        return 0.0, 0.0, 0.0
    precision = recall = 0.0
    for key in predicted:
        same_p = {k for k in predicted if predicted[k] == predicted[key]}
        same_g = {k for k in gold if gold[k] == gold[key]}
        precision += len(same_p & same_g) / len(same_p)
        recall += len(same_p & same_g) / len(same_g)
    p, r = precision / len(predicted), recall / len(predicted)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(gold: Path, extractor) -> str:
    gold_docs = read_gold(gold)
    inputs = [Document(d.doc_id, d.text, d.date, d.lang, d.url, d.title) for d in gold_docs.values()]
    index = IncidentIndex()
    predicted: dict[str, str] = {}
    truth: dict[str, str] = {}
    # reports arrive in publication order, as a running system sees them
    extracted = sorted(extractor.extract(inputs), key=lambda d: (d.date.isoformat() if d.date else "", d.doc_id))
    for document in extracted:
        incident_ids = index.add(document.doc_id, document.date, document.events)
        matched = {id(p): g for p, g in match_events(gold_docs[document.doc_id].text, document.events,
                                                     gold_docs[document.doc_id].events)}
        for position, (event, incident_id) in enumerate(zip(document.events, incident_ids)):
            wanted = matched.get(id(event))
            if wanted is not None:
                key = f"{document.doc_id}#{position}"
                predicted[key] = incident_id
                # a gold event without an incident id is an incident of its own
                truth[key] = wanted.incident_id or key
    p, r, f, n_pred, n_gold = pairwise(predicted, truth)
    bp, br, bf = bcubed(predicted, truth)
    return "\n".join([
        f"dedup: {gold} ({len(gold_docs)} documents, {len(predicted)} matched mentions, "
        f"{len(index.incidents)} predicted incidents)",
        f"pairwise links: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (predicted {n_pred}, gold {n_gold})",
        f"B-cubed:        precision {bp:.3f}  recall {br:.3f}  F1 {bf:.3f}",
    ])
