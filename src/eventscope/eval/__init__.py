"""Scorers for every set in shared/eval/FORMAT.md. Each module's `evaluate(gold, extractor)`
runs the pipeline on a gold set and returns its report; a malformed gold file is a ValueError
that names the line."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

KINDS = ("news", "plover", "acled", "time", "geo", "dedup", "wikievents")


def evaluator(kind: str) -> Callable[[Path, object], str]:
    return import_module(f"{__name__}.{kind}").evaluate


def prf(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class PrecisionRecall:
    """Precision, recall and F1 of a score that can say how many it got right, predicted and
    should have found."""

    def counts(self) -> tuple[int, int, int]:
        raise NotImplementedError

    @property
    def precision(self) -> float:
        return prf(*self.counts())[0]

    @property
    def recall(self) -> float:
        return prf(*self.counts())[1]

    @property
    def f1(self) -> float:
        return prf(*self.counts())[2]
