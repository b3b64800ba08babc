from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SEED = ROOT / "examples" / "2019-12-24-idlib-seed.txt"


def shared_eval(*parts: str) -> Path:
    """A development set under ../shared/eval, or a skip that says it is absent."""
    path = SHARED_EVAL.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"development set {path} is absent (the shared/ folder is not beside this checkout)")
    return path


@pytest.fixture(scope="session")
def extractor():
    from eventscope.extract.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def code(extractor):
    """Code one text as a report published on a given date; returns its events."""
    from datetime import date

    from eventscope.model import Document

    def run(text: str, published: str = "2020-01-08"):
        document = Document("t", text, date.fromisoformat(published))
        return next(iter(extractor.extract([document]))).events

    return run
