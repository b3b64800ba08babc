"""JSON Lines: one document a line with `doc_id`, `date` and `text`; other keys are ignored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..model import Document
from . import ReadError, parse_publication_date

STRING_KEYS = ("text", "lang", "url", "title")


def read(path: Path) -> Iterator[Document | ReadError]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            result = parse_line(raw, number, fallback_id=f"{path.stem}-{number}")
            if isinstance(result, str):
                yield ReadError(str(path), number, result)
            else:
                result.line = number
                yield result


def parse_line(raw: bytes, number: int, fallback_id: str) -> Document | str:
    """A Document from one line, or the reason it is not one."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return f"not UTF-8 (byte {exc.start})"
    except json.JSONDecodeError as exc:
        return f"invalid JSON: {exc.msg} (column {exc.colno})"
    except RecursionError:  # the decoder recurses once per level of nesting
        return "invalid JSON: nested too deeply"
    if not isinstance(data, dict):
        return f"expected a JSON object, found {type(data).__name__}"
    raw_id = data.get("doc_id") or data.get("id") or fallback_id
    if not isinstance(raw_id, (str, int)) or isinstance(raw_id, bool):
        return f"'doc_id' must be a string or a number, found {type(raw_id).__name__}"
    doc_id = str(raw_id)
    for key in STRING_KEYS:
        if data.get(key) is not None and not isinstance(data[key], str):
            if key == "text":
                return f"document {doc_id!r}: missing 'text'" if data[key] is None else \
                    f"document {doc_id!r}: 'text' must be a string, found {type(data[key]).__name__}"
            return f"document {doc_id!r}: {key!r} must be a string or null, found {type(data[key]).__name__}"
    text = data.get("text")
    if not isinstance(text, str):
        return f"document {doc_id!r}: missing 'text'"
    if not text.strip():
        return f"document {doc_id!r}: empty text"
    published = None
    if data.get("date") not in (None, ""):
        try:
            published = parse_publication_date(data["date"])
        except ValueError as exc:
            return f"document {doc_id!r}: {exc}"
    toponyms = data.get("toponyms")
    if toponyms is not None and not (isinstance(toponyms, list) and all(
            isinstance(t, dict) and isinstance(t.get("start"), int) and isinstance(t.get("end"), int) for t in toponyms)):
        return f"document {doc_id!r}: 'toponyms' must be a list of spans with integer 'start' and 'end'"
    return Document(
        doc_id=doc_id,
        text=text,
        date=published,
        lang=data.get("lang") or "en",
        url=data.get("url"),
        title=data.get("title"),
        toponyms=toponyms,
    )
