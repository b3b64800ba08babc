"""Plain-text reports whose first line may be `date YYYY-MM-DD`, as the seed report is."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import Document
from . import ReadError, parse_publication_date

# The header may share its line with the first sentence (" date 2019-12-24 Turkey said...").
DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*\n?[ \t]*", re.IGNORECASE)


def read(path: Path) -> Iterator[Document | ReadError]:
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield ReadError(str(path), None, f"not UTF-8 text (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})")
        return
    doc = parse(content, doc_id=path.stem)
    if isinstance(doc, str):
        yield ReadError(str(path), 1, doc)
    else:
        yield doc


def parse(content: str, doc_id: str) -> Document | str:
    """A Document from the text of a report, or the reason it is not one."""
    published: date | None = None
    body = content
    header = DATE_HEADER.match(content)
    if header:
        try:
            published = parse_publication_date(header.group(1))
        except ValueError as exc:
            return f"date header: {exc}"
        body = content[header.end():]
    body = body.strip()
    if not body:
        return "empty text"
    return Document(doc_id=doc_id, text=body, date=published)
