from datetime import date

from eventscope.model import Document
from eventscope.readers import ReadError, read_paths


def _read(paths):
    return list(read_paths(paths))


def test_text_file_with_date_header_on_the_first_sentence_line(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(" date 2021-04-06 Chile said Monday it was talking to Peru.\n\nMore.", encoding="utf-8")
    [doc] = _read([path])
    assert isinstance(doc, Document)
    assert doc.doc_id == "report"
    assert doc.date == date(2021, 4, 6)
    assert doc.text.startswith("Chile said Monday")


def test_text_file_without_header_has_no_date(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Rebels attacked a village.", encoding="utf-8")
    [doc] = _read([path])
    assert doc.date is None and doc.text == "Rebels attacked a village."


def test_bad_documents_are_reported_and_the_rest_read(tmp_path):
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(
        '{"doc_id": "good", "date": "2020-01-08", "text": "A car bomb exploded."}\n'
        '{"doc_id": "broken", "text": \n'
        '{"doc_id": "empty", "date": "2020-01-08", "text": "   "}\n'
        '{"doc_id": "baddate", "date": "2020-02-30", "text": "Something."}\n'
        '["not", "an", "object"]\n',
        encoding="utf-8",
    )
    items = _read([jsonl])
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [d.doc_id for d in docs] == ["good"]
    assert [e.line for e in errors] == [2, 3, 4, 5]
    messages = [str(e) for e in errors]
    assert all(str(jsonl) in m for m in messages)
    assert "invalid JSON" in messages[0]
    assert "empty text" in messages[1]
    assert "'2020-02-30' is not a date" in messages[2]
    assert "JSON object" in messages[3]


def test_undecodable_bytes_and_missing_files(tmp_path):
    binary = tmp_path / "latin1.txt"
    binary.write_bytes("Caf\xe9 attack".encode("latin-1"))
    items = _read([binary, tmp_path / "nowhere.jsonl"])
    assert all(isinstance(i, ReadError) for i in items)
    assert "not UTF-8" in str(items[0])
    assert "no such file" in str(items[1])


def test_folders_are_read_in_name_order(tmp_path):
    (tmp_path / "b.txt").write_text("date 2020-01-02\nSecond.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"doc_id": "first", "text": "First."}\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [d.doc_id for d in _read([tmp_path])] == ["first", "b"]
