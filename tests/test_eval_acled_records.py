"""`eventscope eval acled` on ACLED's own CSV export layout (rows written here, in our own
words) and on the JSON Lines shape: records read, notes coded, fields scored as the reference
scorer defines them (issue 14, item 1)."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from eventscope.cli import main
from eventscope.eval.acled_records import actor_country, read_records, score_records

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
ROWS = [
    {"event_id_cnty": "KEN9001", "event_date": "14 March 2021", "event_type": "Protests",
     "sub_event_type": "Peaceful protest", "actor1": "Protesters (Kenya)", "inter1": "6", "inter2": "0",
     "iso": "404", "country": "Kenya", "admin1": "Nakuru", "location": "Naivasha", "latitude": "-0.7167",
     "longitude": "36.4333", "fatalities": "0",
     "notes": "On 14 March 2021, hundreds of flower farm workers marched peacefully through Naivasha town "
              "(Nakuru) to demand unpaid wages."},
    {"event_id_cnty": "NGA9002", "event_date": "2021-03-15", "event_type": "Violence against civilians",
     "sub_event_type": "Attack", "actor1": "Unidentified Armed Group (Nigeria)", "inter1": "3",
     "actor2": "Civilians (Nigeria)", "inter2": "7", "civilian_targeting": "Civilian targeting", "iso": "566",
     "country": "Nigeria", "admin1": "Zamfara", "location": "Gusau", "latitude": "12.1628", "longitude": "6.6614",
     "fatalities": "4",
     "notes": "On 15 March 2021, gunmen shot dead 4 traders at a cattle market in Gusau (Zamfara)."},
    {"event_id_cnty": "MEX9003", "event_date": "16 March 2021", "event_type": "Strategic developments",
     "sub_event_type": "Other", "actor1": "Military Forces of Mexico (2018-)", "inter1": "1", "inter2": "0",
     "iso": "484", "country": "Mexico", "admin1": "Sonora", "location": "Hermosillo", "latitude": "29.1026",
     "longitude": "-110.9773", "fatalities": "0",
     "notes": "On 16 March 2021, the army opened a new recruitment office in Hermosillo (Sonora)."},
]


def _export(tmp_path):
    path = tmp_path / "acled-export.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in ROWS:
            writer.writerow({column: row.get(column, "") for column in COLUMNS})
    return path


def test_the_csv_export_is_read_with_dates_countries_and_actor_countries(tmp_path):
    records = read_records(_export(tmp_path))
    assert [r.doc_id for r in records] == ["KEN9001", "NGA9002", "MEX9003"]
    assert [r.date.isoformat() for r in records] == ["2021-03-14", "2021-03-15", "2021-03-16"]
    assert [r.gold["iso3"] for r in records] == ["KEN", "NGA", "MEX"]  # from ACLED's numeric iso
    assert [r.gold["actor1_iso3"] for r in records] == ["KEN", "NGA", "MEX"]
    assert actor_country("Al Shabaab") is None and actor_country("Police Forces of Benin (2016-)") == "BEN"


def test_fields_are_scored_on_the_best_matching_event(tmp_path):
    records = read_records(_export(tmp_path))
    predictions = {
        "KEN9001": [{"type": "PROTEST", "acled_event_type": "Protests", "acled_sub_event_type": "Peaceful protest",
                     "date_start": "2021-03-14", "fatalities": None,
                     "location": {"country": "KEN", "admin1": "Nakuru County", "lat": -0.72, "lon": 36.43},
                     "actor": [{"text": "workers", "country": "KEN"}]}],
        # two events: the second agrees on more fields and is the one judged
        "NGA9002": [{"acled_event_type": "Battles", "acled_sub_event_type": "Armed clash", "fatalities": 1},
                    {"acled_event_type": "Violence against civilians", "acled_sub_event_type": "Attack",
                     "date_start": "2021-03-15", "fatalities": {"best": 4},
                     "location": {"country": "NGA", "admin1": "Zamfara", "lat": 12.5, "lon": 6.66}}],
    }
    figures = score_records(records, predictions).figures()
    assert figures["recall_any_event"] == 2 / 3
    assert figures["sub_event_type_acc"] == 2 / 3
    assert figures["fatalities_exact"] == 1.0  # no event for the third note: no deaths, as the row says
    assert figures["fatalities_exact_when_gold_positive"] == 1.0
    assert figures["admin1_acc"] == 2 / 3  # "Nakuru County" is Nakuru
    assert figures["loc_within_25km"] == 1 / 3  # Gusau is 37 km from the point given
    assert figures["actor1_country_acc"] == 1 / 3
    assert figures["pred_events_per_doc"] == 1.0


def test_the_command_codes_an_export_and_prints_the_tables(tmp_path):
    result = CliRunner().invoke(main, ["eval", "acled", str(_export(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "(3 ACLED records)" in lines[0]
    assert any(line.startswith("sub_event_type_acc") for line in lines)
    assert any(line.startswith("Peaceful protest") for line in lines)  # the per-sub-event table
    recall = next(line for line in lines if line.startswith("recall_any_event"))
    assert float(recall.split()[-1]) >= 2 / 3  # the march and the killing are events


def test_the_json_lines_shape_is_read_too(tmp_path):
    path = tmp_path / "records.jsonl"
    row = ROWS[1]
    path.write_text(json.dumps({"doc_id": "x1", "date": "2021-03-15", "text": row["notes"],
                                "gold": {"event_type": row["event_type"], "sub_event_type": row["sub_event_type"],
                                         "iso3": "NGA", "fatalities": 4}}) + "\n", encoding="utf-8")
    [record] = read_records(path)
    assert record.gold["sub_event_type"] == "Attack" and record.text.startswith("On 15 March 2021")
