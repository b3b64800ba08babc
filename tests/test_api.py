"""The HTTP API over a store of coded reports: every endpoint and filter, and writes."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from fastapi.testclient import TestClient

from eventscope.api import create_app
from eventscope.model import Document
from eventscope.readers import read_paths
from eventscope.store import Store

from .conftest import ROOT

HOSTILE = "<script>alert('x')</script> Gunmen killed four people in Kano on Monday."


@pytest.fixture(scope="module")
def client(tmp_path_factory, extractor):
    db = tmp_path_factory.mktemp("api") / "events.db"
    documents = [d for d in read_paths([str(ROOT / "examples")]) if isinstance(d, Document)]
    documents.append(Document("hostile", HOSTILE, date(2024, 5, 7)))
    with Store(db) as store:
        for document in extractor.extract(documents):
            store.add(document)
    return TestClient(create_app(db, token="secret"))


def incidents(client, **params) -> list[dict]:
    response = client.get("/api/incidents", params=params)
    assert response.status_code == 200, response.text
    return response.json()["incidents"]


def test_two_reports_of_the_baidoa_bomb_are_one_incident_with_both_sentences(client):
    [bomb] = incidents(client, country="SOM")
    assert bomb["sources"] == 2 and (bomb["fatalities_low"], bomb["fatalities_high"]) == (6, 7)
    detail = client.get(f"/api/incidents/{bomb['incident_id']}").json()
    assert len(detail["reports"]) == 2
    for report in detail["reports"]:
        for span in report["spans"]:
            assert report["sentence"][span["start"]:span["end"]] == span["text"]


def test_each_filter_narrows_the_incidents(client):
    everything = incidents(client)
    assert len(everything) >= 5
    assert {i["country"] for i in incidents(client, country="nga")} == {"NGA"}
    assert {i["type"] for i in incidents(client, type="PROTEST")} == {"PROTEST"}
    assert all(i["fatalities"] >= 6 for i in incidents(client, min_fatalities=6)) and incidents(client, min_fatalities=6)
    in_2021 = incidents(client, start="2021-01-01", end="2021-12-31")
    assert in_2021 and all(i["date_start"].startswith("2021") for i in in_2021)
    somalia_box = incidents(client, bbox="40,0,48,8")
    assert somalia_box and {i["country"] for i in somalia_box} == {"SOM"}
    assert {i["country"] for i in incidents(client, admin1="Katsina")} == {"NGA"}
    assert {i["country"] for i in incidents(client, q="tear gas")} == {"COL"}
    assert incidents(client, actor="Gunmen") and len(incidents(client, actor="Gunmen")) < len(everything)
    assert client.get("/api/incidents", params={"bbox": "nonsense"}).status_code == 422


def test_pagination_and_formats(client):
    first = client.get("/api/incidents", params={"limit": 2}).json()
    second = client.get("/api/incidents", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] >= 4
    assert not {i["incident_id"] for i in first["incidents"]} & {i["incident_id"] for i in second["incidents"]}
    geojson = client.get("/api/incidents", params={"format": "geojson"}).json()
    assert geojson["type"] == "FeatureCollection" and geojson["features"][0]["geometry"]["type"] == "Point"
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events", params={"format": "csv"}).text)))
    assert rows and {"incident_id", "sentence", "lat", "lon"} <= set(rows[0])
    events = client.get("/api/events", params={"country": "SOM"}).json()
    assert events["total"] == 2 and len({e["incident_id"] for e in events["events"]}) == 1


def test_events_carry_acleds_actors_and_types_in_json_and_csv(client):
    events = client.get("/api/events", params={"country": "SOM"}).json()["events"]
    assert all(e["acled_sub_event_type"] and e["acled_actor1"] and e["acled_inter1"] for e in events)
    assert {e["acled_civilian_targeting"] for e in events} <= {True, False}
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events", params={"format": "csv", "country": "SOM"}).text)))
    assert rows and all(row["acled_actor1"] and row["acled_inter1"] for row in rows)


def test_document_view_series_and_schema(client):
    document = client.get("/api/documents/hostile").json()
    assert document["text"] == HOSTILE and document["events"]
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/incidents/nope").status_code == 404
    days = client.get("/api/series/daily").json()
    assert days == sorted(days, key=lambda d: d["date"]) and sum(d["incidents"] for d in days) >= 5
    assert "/api/incidents" in client.get("/openapi.json").json()["paths"]
    docs = client.get("/docs").text
    assert "swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()  # interactive docs, offline
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/config").json() == {"tiles": None}
    assert "<svg" in client.get("/").text


def test_writes_need_the_token_and_are_idempotent(client):
    body = {"doc_id": "new", "date": "2024-06-03", "text": "Police arrested 30 protesters in Nairobi on Sunday."}
    assert client.post("/api/documents", json=body).status_code == 401
    assert client.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    created = client.post("/api/documents", json=body, headers={"Authorization": "Bearer secret"})
    assert created.status_code == 201 and created.json()["stored"] and created.json()["events"] >= 1
    again = client.post("/api/documents", json=body, headers={"Authorization": "Bearer secret"})
    assert again.json()["stored"] is False
    assert incidents(client, country="KEN")
    assert client.post("/api/documents", json={"doc_id": "x"}, headers={"Authorization": "Bearer secret"}).status_code == 422
    blank = client.post("/api/documents", json={"doc_id": "x", "text": "  \n"}, headers={"Authorization": "Bearer secret"})
    assert blank.status_code == 422 and "text" in blank.text


def test_without_a_token_writes_are_refused(tmp_path):
    app = TestClient(create_app(tmp_path / "empty.db"))
    response = app.post("/api/documents", json={"doc_id": "a", "text": "b"}, headers={"Authorization": "Bearer "})
    assert response.status_code == 403
