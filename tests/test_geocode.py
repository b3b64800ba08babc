"""`eventscope geocode` and the toponym scorer."""

import json

from click.testing import CliRunner

from eventscope.cli import main
from eventscope.eval.geo import score_geo


def test_geocode_resolves_given_spans_and_demonyms(tmp_path):
    text = "Russian troops shelled Kharkiv, Ukrainian officials said."
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"doc_id": "g1", "date": "2022-03-01", "text": text, "toponyms": [
        {"start": 0, "end": 7, "text": "Russian"}, {"start": 23, "end": 30, "text": "Kharkiv"}]}) + "\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["geocode", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    [document] = [json.loads(line) for line in result.stdout.splitlines()]
    russian, kharkiv = document["toponyms"]
    assert (russian["country"], russian["feature"]) == ("RUS", "PCLI")
    assert (kharkiv["name"], kharkiv["country"], kharkiv["feature"]) == ("Kharkiv", "UKR", "PPL")
    assert abs(kharkiv["lat"] - 49.98) < 0.1 and kharkiv["geonameid"]


def test_geocode_finds_toponyms_itself_and_reports_bad_spans(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"doc_id": "g2", "text": "Floods hit Mombasa and Nairobi on Monday."}) + "\n"
        + json.dumps({"doc_id": "g3", "text": "x", "toponyms": [{"start": "a"}]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["geocode", str(path)])
    assert result.exit_code == 1 and "g3" in result.stderr
    [document] = [json.loads(line) for line in result.stdout.splitlines()]
    assert {t["name"] for t in document["toponyms"]} == {"Mombasa", "Nairobi"}


def test_geo_scorer_counts_distance_and_unresolved():
    gold = {"d": [{"start": 0, "end": 5, "lat": 0.0, "lon": 0.0, "geonameid": 1},
                  {"start": 6, "end": 9, "lat": 10.0, "lon": 10.0}]}
    predicted = [("d", [{"start": 0, "end": 5, "lat": 0.5, "lon": 0.5, "geonameid": 1},
                        {"start": 6, "end": 9, "lat": None, "lon": None}])]
    score = score_geo(gold, predicted)
    assert score.accuracy == 0.5 and score.unresolved == 1 and score.ids_right == 1
