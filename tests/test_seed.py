"""The seed report coded end to end: the events an analyst must see (issue 2's acceptance)."""

from datetime import date

import pytest

from eventscope.model import Document
from eventscope.readers import read_paths

from .conftest import SEED


@pytest.fixture(scope="module")
def events(extractor):
    [document] = list(read_paths([SEED]))
    assert isinstance(document, Document) and document.date == date(2019, 12, 24)
    return next(iter(extractor.extract([document]))).events


def _find(events, type_, words):
    found = [e for e in events if e.type == type_ and all(w in e.sentence for w in words)]
    assert found, f"no {type_} event in a sentence with {words}: {[(e.type, e.sentence[:60]) for e in events]}"
    return found[0]


def countries(actors):
    return {a.country for a in actors}


def test_talks_with_russia(events):
    talks = _find(events, "CONSULT", ["talking to Russia"])
    assert talks.date_start == date(2019, 12, 24)
    assert countries(talks.actor) == {"TUR"} and countries(talks.recipient) == {"RUS"}


def test_delegation_visit_to_moscow(events):
    visit = _find(events, "CONSULT", ["traveled to Moscow"])
    assert visit.mode == "visit"
    assert visit.date_start == date(2019, 12, 23)  # "on Monday" in a Tuesday report
    assert visit.location.name == "Moscow" and visit.location.country == "RUS"
    assert visit.location.precision == "town"
    assert countries(visit.actor) == {"TUR"}


def test_ankara_asks_russia_for_a_ceasefire(events):
    request = _find(events, "REQUEST", ["asked Russia"])
    assert [(a.country, a.sector) for a in request.actor] == [("TUR", "GOV")]  # "Ankara" is the government
    assert countries(request.recipient) == {"RUS"}
    # the requested ceasefire did not happen: no RETREAT is coded from it
    assert not [e for e in events if e.type == "RETREAT"]


def test_school_strike_in_jobas(events):
    strike = _find(events, "ASSAULT", ["were killed when the missiles"])
    assert strike.date_start == date(2019, 12, 24)
    assert strike.count("fatalities") == 8  # "at least eight people, including five children"
    assert strike.counts["fatalities"].low == 8 and strike.counts["fatalities"].hedge == "at least"
    assert strike.location.country == "SYR" and strike.location.admin1 == "Idlib"
    assert strike.location.text == "Jobas"
    assert [(a.country, a.sector) for a in strike.actor] == [("RUS", "MIL")]
    assert strike.source == "The activists"  # the actor is alleged, and by whom is kept
    assert "alleged" in strike.evidence["actor[0]"].rule


def test_activists_accuse_russia(events):
    accuse = _find(events, "ACCUSE", ["activists blamed Russia"])
    assert countries(accuse.recipient) == {"RUS"}
    assert accuse.actor and accuse.actor[0].sector == "OPP"


def test_government_offensive_in_recent_days(events):
    offensive = _find(events, "ASSAULT", ["launched a new assault"])
    assert (offensive.date_start, offensive.date_end) == (date(2019, 12, 17), date(2019, 12, 24))
    assert offensive.date_precision == "week"
    assert offensive.location.admin1 == "Idlib" and offensive.location.country == "SYR"
    assert {("SYR", "MIL"), ("RUS", "MIL")} <= {(a.country, a.sector) for a in offensive.actor}


def test_sixty_thousand_displaced_never_fatalities(events):
    bombing = _find(events, "ASSAULT", ["60,000 people have fled"])
    assert bombing.count("displaced") == 60000
    assert bombing.count("fatalities") is None
    assert (bombing.date_start, bombing.date_end) == (date(2019, 12, 1), date(2019, 12, 24))
    assert all(e.count("fatalities") != 60000 for e in events)


def test_every_field_carries_its_evidence(events):
    strike = _find(events, "ASSAULT", ["were killed when the missiles"])
    for name in ("type", "date", "location", "fatalities", "actor[0]", "acled"):
        assert strike.evidence[name].rule, name
    body = next(iter(read_paths([SEED]))).text
    for name in ("type", "date", "location", "fatalities"):
        evidence = strike.evidence[name]
        assert body[evidence.start:evidence.end] == evidence.text, name
    assert strike.evidence["fatalities"].text == "eight"


def test_quotations_are_kept_with_their_speaker(extractor):
    [document] = list(extractor.extract(list(read_paths([SEED]))))
    speakers = {q["speaker"] for q in document.quotes}
    assert speakers == {"Turkish presidential spokesman Ibrahim Kalin"}
    assert document.quotes[1]["text"] == "This is our main expectation of the Russian side."
