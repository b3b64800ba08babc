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


@pytest.fixture
def index(tmp_path):
    """A private copy of the default place index, so that loading does not change the shared one."""
    import shutil

    from eventscope.gazetteer import default_path

    copy = tmp_path / default_path().name
    shutil.copy(default_path(), copy)
    return copy


def store_of_schema(path, version: int):
    """An empty store as an older eventscope left it: the first `version` migrations applied."""
    import sqlite3

    from eventscope.store import MIGRATIONS

    db = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        db.executescript(script)
    db.execute(f"PRAGMA user_version = {version}")
    return db
