"""Readers for HTML pages, RSS/Atom feeds and WARC archives, on files the tests write."""

from __future__ import annotations

import io
from datetime import date

from eventscope.model import Document
from eventscope.readers import ReadError, read_paths

PAGE = """<html><head><title>Car bomb in Baidoa</title>
<meta property="article:published_time" content="2021-03-15T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Car bomb in Baidoa</h1>
<p>At least six people were killed on Sunday when a car bomb exploded outside a police station in Baidoa, officials said.</p>
<p>The blast destroyed part of the station and several shops nearby.</p></article>
<footer>Copyright 2021 The Example Times. All rights reserved.</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example wire</title><link>https://wire.example/</link>
<item><guid>https://wire.example/1</guid><title>Clashes in Kidal</title><link>https://wire.example/1</link>
<pubDate>Mon, 06 Jan 2020 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Rebels attacked an army post near Kidal on Sunday, killing four soldiers.&lt;/p&gt;</description></item>
<item><guid>https://wire.example/2</guid><title>Protest in Bamako</title><link>https://wire.example/2</link>
<pubDate>Tue, 07 Jan 2020 09:00:00 GMT</pubDate>
<description>Thousands marched in Bamako on Monday against insecurity.</description></item>
<item><guid>https://wire.example/3</guid><title>Empty</title><description></description></item>
</channel></rss>"""


def test_html_page_gives_main_text_title_and_date(tmp_path):
    (tmp_path / "baidoa.html").write_text(PAGE, encoding="utf-8")
    [document] = list(read_paths([tmp_path / "baidoa.html"]))
    assert isinstance(document, Document)
    assert "car bomb exploded outside a police station in Baidoa" in document.text
    assert "All rights reserved" not in document.text and "Home" not in document.text
    assert (document.title, document.date, document.doc_id) == ("Car bomb in Baidoa", date(2021, 3, 15), "baidoa")


def test_a_page_without_text_is_reported(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    [error] = list(read_paths([tmp_path / "empty.html"]))
    assert isinstance(error, ReadError) and "no article text" in str(error) and "empty.html" in str(error)


def test_feed_entries_become_documents_and_an_empty_one_is_reported(tmp_path):
    (tmp_path / "wire.rss").write_text(FEED, encoding="utf-8")
    items = list(read_paths([tmp_path / "wire.rss"]))
    kidal, bamako, empty = items
    assert (kidal.doc_id, kidal.date, kidal.url) == ("https://wire.example/1", date(2020, 1, 6), "https://wire.example/1")
    assert kidal.text == "Rebels attacked an army post near Kidal on Sunday, killing four soldiers."
    assert bamako.title == "Protest in Bamako"
    assert isinstance(empty, ReadError) and "wire.rss:3" in str(empty)


def _warc(path, records: list[tuple[str, bytes, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, body, content_type in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2021-03-16T00:00:00Z"})
            writer.write_record(record)


def test_warc_pages_are_read_and_a_broken_record_is_reported_and_skipped(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive, [
        ("https://news.example/baidoa", PAGE.encode(), "text/html; charset=utf-8"),
        ("https://news.example/broken", b"\xff\xfe<html><body><nav>menu</nav>\x00\x00", "text/html"),
        ("https://news.example/logo.png", b"\x89PNG...", "image/png"),
        ("https://news.example/kidal", PAGE.replace("Baidoa", "Kidal").encode(), "text/html"),
    ])
    items = list(read_paths([archive]))
    documents = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [d.url for d in documents] == ["https://news.example/baidoa", "https://news.example/kidal"]
    assert documents[0].date == date(2021, 3, 15)  # the page's own date, not the crawl's
    assert len(errors) == 1 and "https://news.example/broken" in str(errors[0])


def test_a_truncated_warc_keeps_what_came_before(tmp_path):
    archive = tmp_path / "cut.warc.gz"
    _warc(archive, [("https://news.example/a", PAGE.encode(), "text/html"),
                    ("https://news.example/b", PAGE.encode(), "text/html")])
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) * 3 // 4])  # the download stopped in the second record
    items = list(read_paths([archive]))
    assert isinstance(items[0], Document) and items[0].url == "https://news.example/a"
    assert isinstance(items[-1], ReadError) and "cut.warc.gz" in str(items[-1])


def test_watch_codes_new_entries_once_and_a_repoll_adds_nothing(tmp_path):
    import json as json_lib

    from click.testing import CliRunner

    from eventscope.cli import main
    from eventscope.store import Store

    feed = tmp_path / "wire.rss"
    feed.write_text(FEED, encoding="utf-8")
    db = tmp_path / "events.db"
    runner = CliRunner()
    first = runner.invoke(main, ["watch", str(feed), "--db", str(db), "--once"])
    assert "2 new entries (2 stored)" in first.stderr and "wire.rss:3" in first.stderr  # the empty entry
    again = runner.invoke(main, ["watch", str(feed), "--db", str(db), "--once"])
    assert "0 new entries (0 stored), 2 seen before" in again.stderr
    with Store(db) as store:
        assert store.counts()[0] == 2 and store.counts()[1] >= 2
    newer = FEED.replace("<item><guid>https://wire.example/3</guid>",
                         "<item><guid>https://wire.example/4</guid><title>Strike</title>"
                         "<pubDate>Wed, 08 Jan 2020 09:00:00 GMT</pubDate>"
                         "<description>An air strike hit a market in Idlib on Tuesday, killing nine people."
                         "</description></item><item><guid>https://wire.example/3</guid>")
    feed.write_text(newer, encoding="utf-8")
    third = runner.invoke(main, ["watch", str(feed), "--db", str(db), "--once"])
    assert "1 new entries (1 stored), 2 seen before" in third.stderr
    state = json_lib.loads((tmp_path / "events.db.watch.json").read_text())
    assert len(state["feeds"][str(feed)]["seen"]) == 3
