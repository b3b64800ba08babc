"""`watch` against feed servers that misbehave and entries that cannot be coded: nothing hangs,
nothing is lost, one bad entry or feed never stops the others (issue 13, defects 2, 3, 13)."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from eventscope.cli import main
from eventscope.store import Store


def _feed(*items: tuple[str, str]) -> str:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{guid}</title><pubDate>Mon, 14 Jun 2021 10:00:00 GMT</pubDate>"
        f"<description>{text}</description></item>" for guid, text in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{entries}</channel></rss>'


FIRST = ("urn:wire:1", "Gunmen killed three traders at a market in Maiduguri on Sunday.")
SECOND = ("urn:wire:2", "Police fired tear gas at protesters in Kisumu on Saturday.")


def _watch(*args: str):
    return CliRunner().invoke(main, ["watch", *args, "--once"], catch_exceptions=False)


def _finishes(function, seconds: float = 60.0):
    """Run function in a thread; fail (rather than hang the suite) if it has not returned."""
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("result", function()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return outcome["result"]


@pytest.fixture
def silent_server():
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/feed.rss"
    stop.set()
    for connection in held:
        connection.close()
    listener.close()


class _FeedServer:
    """Serves one feed with an ETag, answers 304 to a matching If-None-Match, records requests."""

    def __init__(self, body: str):
        self.body = body.encode()
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(dict(self.headers))
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", '"v1"')
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                self.wfile.write(server.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.rss"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server():
    server = _FeedServer(_feed(FIRST, SECOND))
    yield server
    server.close()


def test_a_server_that_never_answers_times_out_and_the_other_feeds_are_stored(tmp_path, silent_server):
    good = tmp_path / "good.rss"
    good.write_text(_feed(FIRST), encoding="utf-8")
    db = tmp_path / "store.db"
    result = _finishes(lambda: _watch(silent_server, str(good), "--db", str(db), "--timeout", "1"))
    assert result.exit_code == 1
    assert any(silent_server in line and "no answer within 1 s" in line for line in result.stderr.splitlines())
    with Store(db) as store:
        assert [d.doc_id for d in store.documents()] == ["urn:wire:1"]


def test_a_feed_is_fetched_again_only_when_it_changed(tmp_path, feed_server):
    db = tmp_path / "store.db"
    first = _watch(feed_server.url, "--db", str(db))
    assert first.exit_code == 0 and "2 new entries (2 stored)" in first.stderr
    second = _watch(feed_server.url, "--db", str(db))
    assert second.exit_code == 0 and "0 new entries" in second.stderr
    assert feed_server.requests[1].get("If-None-Match") == '"v1"'


def test_a_feed_larger_than_the_cap_is_refused(tmp_path, feed_server, monkeypatch):
    import eventscope.watch

    monkeypatch.setattr(eventscope.watch, "MAX_FEED_BYTES", 100)
    result = _watch(feed_server.url, "--db", str(tmp_path / "store.db"))
    assert result.exit_code == 1
    assert "larger than" in result.stderr


def test_entries_that_cannot_be_coded_are_reported_once_and_never_starve_the_others(tmp_path):
    feed = tmp_path / "wire.rss"
    huge = ("urn:wire:huge", "Shelling continued. " * 60_000)  # 1.2 million characters
    surrogate = ("urn:wire:odd", "Troops shelled &#55296; a village near Sake on Sunday.")
    feed.write_text(_feed(FIRST, huge, surrogate, SECOND), encoding="utf-8")
    db = tmp_path / "store.db"
    first = _watch(str(feed), "--db", str(db))
    assert first.exit_code == 1
    [error] = [line for line in first.stderr.splitlines() if line.startswith("error:")]
    assert "urn:wire:huge" in error and "exceeds" in error
    with Store(db) as store:
        stored = {d.doc_id: d for d in store.documents()}
    assert set(stored) == {"urn:wire:1", "urn:wire:odd", "urn:wire:2"}
    assert "\ufffd" in stored["urn:wire:odd"].text  # a reference to no character reads as U+FFFD
    state = json.loads((tmp_path / "store.db.watch.json").read_text(encoding="utf-8"))
    assert len(state["feeds"][str(feed)]["seen"]) == 4  # stored, or reported with its reason
    again = _watch(str(feed), "--db", str(db))
    assert again.exit_code == 0 and "0 new entries" in again.stderr


def test_an_entry_is_not_marked_seen_until_it_is_stored(tmp_path, monkeypatch):
    feed = tmp_path / "wire.rss"
    feed.write_text(_feed(FIRST, SECOND), encoding="utf-8")
    db = tmp_path / "store.db"
    original = Store.add

    def failing(store, document):
        if document.doc_id == "urn:wire:2":
            raise OSError("disk full")
        return original(store, document)

    monkeypatch.setattr(Store, "add", failing)
    with pytest.raises(OSError):
        _watch(str(feed), "--db", str(db))
    monkeypatch.setattr(Store, "add", original)
    retried = _watch(str(feed), "--db", str(db))
    assert retried.exit_code == 0
    with Store(db) as store:
        assert sorted(d.doc_id for d in store.documents()) == ["urn:wire:1", "urn:wire:2"]


@pytest.mark.parametrize("content, reason", [
    ("", "not a readable feed"),
    ("<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>",
     "not a readable feed"),
])
def test_an_empty_file_or_an_html_page_is_not_a_feed(tmp_path, content, reason):
    page = tmp_path / "page.xml"
    page.write_text(content, encoding="utf-8")
    result = _watch(str(page), "--db", str(tmp_path / "store.db"))
    assert result.exit_code == 1 and reason in result.stderr


def test_mistakes_in_the_command_are_messages_not_tracebacks(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text(_feed(FIRST), encoding="utf-8")
    corrupt = tmp_path / "state.json"
    corrupt.write_text("{not json", encoding="utf-8")
    db = str(tmp_path / "store.db")
    cases = [
        (["watch", str(feed), "--db", db, "--state", str(corrupt), "--once"], "not valid JSON"),
        (["watch", str(tmp_path), "--db", db, "--once"], "is a folder, not a feed"),
        (["watch", str(feed), "--db", db, "--interval", "-1"], "--interval"),
        (["watch", str(feed), "--db", str(tmp_path / "missing" / "store.db"), "--once"], "does not exist"),
        (["ingest", str(feed), "--db", str(tmp_path / "missing" / "store.db")], "does not exist"),
    ]
    for args, message in cases:
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (1, 2), (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert message in result.stderr, (args, result.stderr)
