"""Scoring toponym resolution (shared/eval/geo): accuracy within 161 km, mean and median error
in km, AUC of the error curve, and exact GeoNames id where the gold has one.

AUC follows the geoparsing literature (Gritta et al.): each error is scaled as
log(1 + km) / log(1 + 20039), half the Earth's circumference, and AUC is their mean, so 0 is
perfect and 1 is the worst. A toponym left unresolved counts as the worst error.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from pathlib import Path

from ..gazetteer import distance_km
from ..readers import ReadError, read_paths

WORST_KM = 20039.0
WITHIN_KM = 161.0


@dataclass
class GeoScore:
    errors: list[float] = field(default_factory=list)
    ids_right: int = 0
    ids_total: int = 0
    unresolved: int = 0

    @property
    def accuracy(self) -> float:
        return sum(e <= WITHIN_KM for e in self.errors) / len(self.errors) if self.errors else 0.0

    @property
    def auc(self) -> float:
        scale = math.log1p(WORST_KM)
        return sum(math.log1p(e) / scale for e in self.errors) / len(self.errors) if self.errors else 1.0


def score_geo(gold_docs: dict[str, list[dict]], predicted: Iterable[tuple[str, list[dict]]]) -> GeoScore:
    score = GeoScore()
    for doc_id, toponyms in predicted:
        by_span = {(t["start"], t["end"]): t for t in toponyms}
        for gold in gold_docs.get(doc_id, []):
            if gold.get("lat") is None or gold.get("lon") is None:
                continue
            mine = by_span.get((gold["start"], gold["end"]))
            if mine is None or mine.get("lat") is None:
                score.unresolved += 1
                score.errors.append(WORST_KM)
            else:
                score.errors.append(distance_km(mine["lat"], mine["lon"], gold["lat"], gold["lon"]))
            if gold.get("geonameid"):
                score.ids_total += 1
                score.ids_right += bool(mine and mine.get("geonameid") == int(gold["geonameid"]))
    return score


def report(score: GeoScore) -> str:
    errors = score.errors or [WORST_KM]
    ids = score.ids_right / score.ids_total if score.ids_total else 0.0
    return "\n".join([
        f"toponyms {len(score.errors)} ({score.unresolved} unresolved)",
        f"accuracy within {WITHIN_KM:.0f} km {score.accuracy:.3f}",
        f"mean error {statistics.fmean(errors):.0f} km, median error {statistics.median(errors):.0f} km",
        f"AUC {score.auc:.3f} (0 best)",
        f"GeoNames id exact {ids:.3f} ({score.ids_right}/{score.ids_total})",
    ])


def evaluate(gold: Path, extractor) -> str:
    """Resolve the gold toponym spans of a JSON Lines file and score them."""
    documents = []
    for item in read_paths([gold]):
        if isinstance(item, ReadError):
            raise ValueError(str(item).removeprefix("error: "))
        documents.append(item)
    gold_spans = {d.doc_id: d.toponyms or [] for d in documents}
    predicted = ((d.doc_id, t) for d, t in extractor.geocode(documents))
    return f"geo: {gold} ({len(documents)} documents)\n{report(score_geo(gold_spans, predicted))}"
