"""news-dev through `eventscope eval news` (skipped with a message where ../shared is absent)."""

import re

import pytest
from click.testing import CliRunner

from eventscope.cli import main

from .conftest import shared_eval


@pytest.mark.slow
def test_news_dev_scores_clear_the_first_bar():
    gold = shared_eval("news-dev", "news-dev.jsonl")
    result = CliRunner().invoke(main, ["eval", "news", str(gold)], catch_exceptions=False)
    assert result.exit_code == 0
    f1 = float(re.search(r"F1 (\d\.\d+)", result.stdout).group(1))
    assert f1 >= 0.5, result.stdout
    for field in ("date_start", "location", "fatalities", "actor_country"):
        assert re.search(rf"{field}\s+\d\.\d+", result.stdout), field


def test_scorer_matches_by_type_and_sentence():
    from datetime import date

    from eventscope.eval.news import score_news
    from eventscope.model import Count, Document, Event

    text = "Rebels attacked a village. Police arrested two men."
    gold = Document("d", text, date(2020, 1, 1), events=[
        Event("ASSAULT", "attacked", "Rebels attacked a village.", counts={"fatalities": Count(4)}),
        Event("COERCE", "arrested", "Police arrested two men."),
    ])
    predicted = Document("d", text, date(2020, 1, 1), events=[
        Event("ASSAULT", "attacked", "Rebels attacked a village.", counts={"fatalities": Count(3)}),
        Event("PROTEST", "arrested", "Police arrested two men."),
    ])
    score = score_news([predicted], {"d": gold})
    assert (score.matched, score.precision, score.recall) == (1, 0.5, 0.5)
    assert score.fields["fatalities"].accuracy == 0.0


@pytest.mark.slow
def test_dedup_on_news_dev_links_the_shared_incidents_without_false_merges():
    gold = shared_eval("news-dev", "news-dev.jsonl")
    result = CliRunner().invoke(main, ["eval", "dedup", str(gold)], catch_exceptions=False)
    assert result.exit_code == 0
    precision, recall, f1 = map(float, re.search(
        r"pairwise links: precision (\d\.\d+)\s+recall (\d\.\d+)\s+F1 (\d\.\d+)", result.stdout).groups())
    assert f1 >= 0.8 and precision >= 0.9, result.stdout
    assert re.search(r"B-cubed:\s+precision \d\.\d+", result.stdout)
