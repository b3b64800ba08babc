"""The HTTP API under hostile but fair requests: 4xx with a message, never 500; the token
before the body; ids with slashes; loopback names only; security headers (issue 13, defects 6,
7, 8 and 14)."""

from __future__ import annotations

import csv
import io
import threading
import time
from datetime import date

import pytest
from fastapi.testclient import TestClient

from eventscope.api import LOOPBACK_NAMES, MAX_BODY_BYTES, create_app
from eventscope.model import Actor, Document, Event, Place
from eventscope.store import Store

AUTH = {"Authorization": "Bearer s3cret"}
URL_ID = "https://news.example/2022/05/ambush-near-kidal?src=rss"


def _document(doc_id: str, sentence: str, country: str, town: str, lat: float, lon: float, **extra) -> Document:
    event = Event(type="ASSAULT", trigger="attacked", sentence=sentence, date_start=date(2022, 5, 3),
                  date_end=date(2022, 5, 3), date_precision="day",
                  actor=[Actor("=HYPERLINK(\"http://evil.example\")", country, "REB")],
                  location=Place(town, town, country, None, lat, lon, "town"))
    return Document(doc_id, sentence, date(2022, 5, 4), events=[event], **extra)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    # '#', '?' and '%' in the folder name: SQLite must be opened by a quoted URI
    folder = tmp_path_factory.mktemp("api") / "odd #name? 100%"
    folder.mkdir()
    path = folder / "events.db"
    with Store(path) as store:
        store.add(_document(URL_ID, "=Gunmen attacked a convoy near Kidal.", "MLI", "Kidal", 18.44, 1.41,
                            url=URL_ID))
        store.add(_document("plain", "Rebels attacked a post in Beni.", "COD", "Beni", 0.49, 29.47))
    return path


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(store_path, token="s3cret"))


def test_reads_work_when_the_store_path_holds_hash_question_mark_and_percent(client):
    response = client.get("/api/incidents")
    assert response.status_code == 200 and response.json()["total"] == 2


@pytest.mark.parametrize("params", [
    {"q": "attack\x00ed"},
    {"actor": "Gun\x00men"},
    {"offset": str(2**63)},
    {"min_fatalities": str(2**64)},
    {"actor": "x" * 60_000},
    {"q": "y" * 60_000},
])
def test_hostile_query_parameters_get_a_4xx_with_a_message(client, params):
    for path in ("/api/events", "/api/incidents"):
        response = client.get(path, params=params)
        assert 400 <= response.status_code < 500, (path, params, response.status_code)
        assert response.json()["detail"]


def test_an_actor_filter_matches_percent_and_underscore_literally(client):
    assert client.get("/api/events", params={"actor": "%"}).json()["total"] == 0
    assert client.get("/api/events", params={"actor": "HYPERLINK"}).json()["total"] == 2


def test_a_document_whose_id_is_a_url_is_found_by_it(client):
    response = client.get("/api/documents/" + URL_ID.replace("?", "%3F"))
    assert response.status_code == 200, response.text
    assert response.json()["url"] == URL_ID


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events", params={"format": "csv"}).text)))
    assert rows and all(not row["sentence"].startswith("=") for row in rows)
    assert any(row["sentence"] == "'=Gunmen attacked a convoy near Kidal." for row in rows)


def test_every_answer_carries_the_security_headers(client):
    for path in ("/", "/api/incidents", "/docs"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in client.get("/").headers["content-security-policy"]


def test_bound_to_loopback_only_loopback_host_names_are_answered(store_path):
    app = create_app(store_path, allowed_hosts=LOOPBACK_NAMES)
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
        assert TestClient(app, base_url=f"http://{host}").get("/api/config").status_code == 200
    rebound = TestClient(app, base_url="http://attacker.example").get("/api/incidents")
    assert rebound.status_code == 400 and "loopback" in rebound.text


def test_the_token_is_checked_before_the_body_is_read(client):
    huge = b"x" * (MAX_BODY_BYTES + 1)
    assert client.post("/api/documents", content=huge).status_code == 401
    too_big = client.post("/api/documents", content=huge, headers=AUTH)
    assert too_big.status_code == 413 and "larger than" in too_big.json()["detail"]


def test_a_post_with_a_lone_surrogate_or_an_impossible_date_is_refused(client):
    surrogate = '{"doc_id": "odd", "text": "Troops shelled \\ud800 a town."}'
    response = client.post("/api/documents", content=surrogate, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["text"] and "unicode" in problem["msg"]
    far = client.post("/api/documents", json={"doc_id": "far", "date": "9999-12-31", "text": "Rebels shelled Goma."},
                      headers=AUTH)
    assert far.status_code == 422 and "outside the publication dates" in far.text


def test_a_slow_post_does_not_block_other_writers_while_it_is_coded(tmp_path, monkeypatch):
    import eventscope.extract.pipeline as pipeline

    release, coding = threading.Event(), threading.Event()

    class SlowExtractor:
        def extract(self, documents):
            coding.set()
            release.wait(30)
            for document in documents:
                document.events = []
                yield document

    monkeypatch.setattr(pipeline, "Extractor", SlowExtractor)
    path = tmp_path / "events.db"
    with Store(path) as store:
        store.add(_document("known", "Rebels attacked a post in Beni.", "COD", "Beni", 0.49, 29.47))
    app = TestClient(create_app(path, token="s3cret"))
    slow = threading.Thread(target=lambda: app.post("/api/documents", headers=AUTH,
                                                    json={"doc_id": "slow", "text": "Soldiers clashed in Tessalit."}))
    slow.start()
    assert coding.wait(30)
    started = time.monotonic()
    with Store(path) as store:  # another writer, as `eventscope ingest` would be
        assert store.add(_document("other", "Militia attacked Bunia.", "COD", "Bunia", 1.56, 30.25))
    again = app.post("/api/documents", headers=AUTH, json={"doc_id": "copy", "text": "Rebels attacked a post in Beni."})
    assert again.status_code == 201 and again.json()["stored"] is False
    assert time.monotonic() - started < 10  # neither waited for the report being coded
    release.set()
    slow.join(30)
    assert app.get("/api/documents/copy").json()["doc_id"] == "known"  # the copy is an appearance of it
