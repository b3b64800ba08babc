"""Bad input never stops a batch: each hostile document gives one error line naming it, and
every other document is coded and stored (issue 13, defects 1 and 14)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventscope.cli import main
from eventscope.store import Store

GOOD = "Militants stormed a police post in Garissa on Tuesday, killing two officers."


def _line(doc_id: str, **fields) -> str:
    record = {"doc_id": doc_id, "date": "2021-06-17", "text": GOOD.replace("two", "two") + f" ({doc_id})"}
    record.update(fields)
    return json.dumps(record)


def _hostile_batch(tmp_path):
    lines = [
        _line("good-1"),
        _line("lang-number", lang=7),
        # a lone surrogate escape: valid JSON, not valid Unicode
        '{"doc_id": "surrogate", "date": "2021-06-17", "text": "Gunmen struck \\ud800 a market."}',
        _line("url-object", url={"href": "https://example.org"}),
        _line("title-list", title=["one", "two"]),
        "[" * 100_000 + "]" * 100_000,
        _line("far-future", date="9999-12-31", text="Rebels shelled a camp near Goma on Friday."),
        _line("year-one", date="0001-01-01", text="Rebels shelled a camp near Goma on Friday."),
        _line("garbage-time", date="2020-01-01T99:99 garbage"),
        _line("good-2"),
    ]
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def test_ingest_reports_each_bad_document_and_stores_every_good_one(tmp_path):
    batch = _hostile_batch(tmp_path)
    db = tmp_path / "store.db"
    result = CliRunner().invoke(main, ["ingest", str(batch), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 1
    errors = _errors(result.stderr)
    assert len(errors) == 8, errors
    for number, name in [(2, "lang-number"), (3, "surrogate"), (4, "url-object"), (5, "title-list"),
                         (7, "far-future"), (8, "year-one"), (9, "garbage-time")]:
        [line] = [e for e in errors if f"hostile.jsonl:{number}:" in e]
        assert name in line
    assert "lone surrogate" in next(e for e in errors if "surrogate" in e)
    assert "nested too deeply" in next(e for e in errors if "hostile.jsonl:6:" in e)
    assert "outside the publication dates" in next(e for e in errors if "far-future" in e)
    with Store(db) as store:
        assert sorted(d.doc_id for d in store.documents()) == ["good-1", "good-2"]


def test_extract_prints_the_good_documents_and_one_line_per_bad_one(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(_hostile_batch(tmp_path))], catch_exceptions=False)
    assert result.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["good-1", "good-2"]
    assert len(_errors(result.stderr)) == 8


def test_a_full_timestamp_is_read_as_its_day(tmp_path):
    path = tmp_path / "stamped.jsonl"
    path.write_text(_line("stamped", date="2021-06-17T08:30:00+03:00") + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["date"] == "2021-06-17"


def test_a_newline_in_a_doc_id_cannot_forge_an_error_line(tmp_path):
    path = tmp_path / "forged.jsonl"
    forged = "x\nerror: forged.jsonl:99: invented"
    path.write_text(json.dumps({"doc_id": forged, "date": "2021-06-17", "text": "  "}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert len(_errors(result.stderr)) == 1
    assert "invented" in _errors(result.stderr)[0]  # inside the one real line, escaped


def test_a_doc_id_used_twice_in_one_batch_is_an_error_and_the_first_is_kept(tmp_path):
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join([
        json.dumps({"doc_id": "same", "date": "2021-06-17", "text": GOOD}),
        json.dumps({"doc_id": "same", "date": "2021-06-18", "text": "Protesters marched in Lusaka on Friday."}),
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "store.db"
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 1
    [error] = _errors(result.stderr)
    assert "twice.jsonl:2:" in error and "'same'" in error and "already used" in error
    with Store(db) as store:
        [document] = store.documents()
    assert document.text == GOOD
