"""ACLED sub-event classification of short reports written for this project (tests/data)."""

from pathlib import Path

from eventscope.eval import acled

SNIPPETS = Path(__file__).parent / "data" / "acled_snippets.jsonl"
SUB_EVENT_TYPES = 25


def test_the_snippet_set_covers_every_sub_event_type_twice():
    snippets = acled.read_snippets(SNIPPETS)
    counts = {}
    for snippet in snippets:
        counts[snippet.label] = counts.get(snippet.label, 0) + 1
    assert len(snippets) >= 60
    assert len(counts) == SUB_EVENT_TYPES and min(counts.values()) >= 2


def test_snippets_are_classified_by_the_general_rules(extractor):
    snippets = acled.read_snippets(SNIPPETS)
    score = acled.score_acled(snippets, extractor.extract(acled.as_documents(snippets)))
    assert score.accuracy >= 0.8, acled.report(score)
