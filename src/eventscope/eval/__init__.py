"""Scorers for every set in shared/eval/FORMAT.md. Each module's `evaluate(gold, extractor)`
runs the pipeline on a gold set and returns its report; a malformed gold file is a ValueError
that names the line."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

KINDS = ("news", "plover", "acled", "time", "geo")


def evaluator(kind: str) -> Callable[[Path, object], str]:
    return import_module(f"{__name__}.{kind}").evaluate
