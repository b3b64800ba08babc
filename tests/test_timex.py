"""`eventscope timex` and the TimeML scorer."""

import json

from click.testing import CliRunner

from eventscope.cli import main
from eventscope.eval.time import parse_timeml
from eventscope.extract.timex import value_of


def test_timex_values_follow_tense_and_precision(tmp_path):
    path = tmp_path / "docs.jsonl"
    text = "The talks will resume on Friday, officials said on Monday. The fighting has lasted three days."
    path.write_text(json.dumps({"doc_id": "t1", "date": "2013-03-20", "text": text}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["timex", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    [document] = [json.loads(line) for line in result.stdout.splitlines()]
    values = {t["text"]: (t["type"], t["value"]) for t in document["timexes"]}
    assert values["Friday"] == ("DATE", "2013-03-22")  # ahead: "will resume"
    assert values["Monday"] == ("DATE", "2013-03-18")
    assert values["three days"] == ("DURATION", "P3D")


def test_values_of_vague_references_weeks_centuries_and_seasons():
    from datetime import date

    friday = date(2013, 3, 22)
    assert value_of("now", friday) == ("DATE", "PRESENT_REF")
    assert value_of("this week", friday) == ("DATE", "2013-W12")
    assert value_of("the last week", friday) == ("DATE", "2013-W11")
    assert value_of("last summer", friday) == ("DATE", "2012-SU")
    assert value_of("the 20th century", friday) == ("DATE", "19")
    assert value_of("earlier this month", friday) == ("DATE", "2013-03")
    assert value_of("every week", friday) == ("SET", "P1W")


def test_timeml_spans_and_creation_time_are_read(tmp_path):
    tml = tmp_path / "doc.tml"
    tml.write_text('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>'
                   '<TEXT>Prices rose <TIMEX3 tid="t1" type="DATE" value="2013-03-21">yesterday</TIMEX3> '
                   '<EVENT eid="e1">again</EVENT>.</TEXT></TimeML>', encoding="utf-8")
    document = parse_timeml(tml)
    assert str(document.dct) == "2013-03-22"
    [timex] = document.timexes
    assert document.text[timex["start"]:timex["end"]] == "yesterday" == timex["text"]
    assert document.text == "Prices rose yesterday again."


def test_seasons_and_centuries_take_timemls_values():
    from datetime import date

    autumn = date(2021, 10, 5)
    assert value_of("last winter", autumn) == ("DATE", "2020-WI")
    assert value_of("the 19th century", autumn) == ("DATE", "18")
    # a year-end is not valued by a rule of its own: its year depends on the reading
    assert value_of("the end of the year", autumn) is None


def test_names_and_pronouns_are_not_dates(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"doc_id": "t2", "date": "2019-03-20",
                                "text": "Theresa May said we would not leave without a deal. We will see."}) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["timex", str(path)], catch_exceptions=False)
    [document] = [json.loads(line) for line in result.stdout.splitlines()]
    assert document["timexes"] == []
