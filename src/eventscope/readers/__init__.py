"""Readers turn files into Documents. They know nothing of extraction.

`read_paths` yields a `Document` for every readable document and a `ReadError` for every
one that is not, so a caller reports the error and goes on with the rest of the batch. Every
document, whatever its reader, passes `problem` before it is yielded: a text that is not valid
Unicode or a publication date no report can have is refused here, once, rather than failing
later in the parser, the store or the output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..model import Document

# Printed news is younger than 1600 and a date past 2999 is a typing slip; within these bounds
# the date arithmetic of any resolver ("last year", "three weeks ago") cannot overflow.
EARLIEST_PUBLICATION = date(1600, 1, 1)
LATEST_PUBLICATION = date(2999, 12, 31)


def printable(text: str) -> str:
    """Text safe for one line of a message: control characters and lone surrogates escaped,
    so a doc_id holding a newline cannot forge a second line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@dataclass(frozen=True)
class ReadError:
    """One document that could not be read: where it is and why."""

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"error: {printable(where)}: {printable(self.reason)}"


def parse_publication_date(value: object) -> date:
    """A publication date from `YYYY-MM-DD` or a full ISO 8601 timestamp (its day); ValueError
    with the reason otherwise. Text after the date that is not a time is refused, not cut off."""
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    elif not isinstance(value, str):
        raise ValueError(f"date {value!r} is not a date (expected YYYY-MM-DD)")
    else:
        try:
            day = date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value).date()
        except ValueError:
            raise ValueError(f"date {value!r} is not a date (expected YYYY-MM-DD)") from None
    if not EARLIEST_PUBLICATION <= day <= LATEST_PUBLICATION:
        raise ValueError(f"date {day.isoformat()} is outside the publication dates read "
                         f"({EARLIEST_PUBLICATION.isoformat()} to {LATEST_PUBLICATION.isoformat()})")
    return day


def problem(document: Document) -> str | None:
    """Why a document cannot be coded and stored, or None."""
    for name in ("doc_id", "text", "lang", "url", "title"):
        value = getattr(document, name)
        if value is None:
            continue
        if not isinstance(value, str):
            return f"{name!r} must be a string, found {type(value).__name__}"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return (f"{name!r} holds a lone surrogate (U+{ord(value[exc.start]):04X} at character {exc.start}): "
                    "not valid Unicode")
    if not document.doc_id:
        return "empty doc_id"
    if not document.text.strip():
        return "empty text"
    if document.date is not None:
        try:
            parse_publication_date(document.date)
        except ValueError as exc:
            return str(exc)
    return None


def checked(document: Document, source: str, line: int | None) -> Document | ReadError:
    reason = problem(document)
    if reason is None:
        return document
    return ReadError(source, line, f"document {document.doc_id!r}: {reason}")


from . import feed, html, jsonl, text, warc  # noqa: E402  (the submodules need ReadError)

READERS = {".jsonl": jsonl.read, ".ndjson": jsonl.read, ".txt": text.read, ".html": html.read, ".htm": html.read,
           ".rss": feed.read, ".atom": feed.read, ".xml": feed.read, ".warc": warc.read, ".warc.gz": warc.read}


def kind(path: Path) -> str:
    """The key in READERS for a file: its suffix, or ".warc.gz"."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def files_of(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """The files that paths name, in the order given (folders: their readable files by name)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and kind(p) in READERS)
            if not files:
                yield ReadError(str(path), None, "folder holds no file of a known kind (" + ", ".join(READERS) + ")")
            yield from files
        else:
            yield path


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | ReadError]:
    """Documents from files and folders, in the order given (folders sorted by name). A doc_id
    that an earlier document of the batch already used is an error: the store and the API look
    reports up by it, so a second report under one id would be unreachable. Only each id's
    hash is kept, so an archive of millions of documents costs a few bytes a document."""
    seen: set[int] = set()
    for item in files_of(paths):
        if isinstance(item, ReadError):
            yield item
            continue
        for found in read_file(item):
            if isinstance(found, Document):
                key = hash(found.doc_id)
                if key in seen:
                    yield ReadError(str(item), found.line,
                                    f"document {found.doc_id!r}: doc_id already used by an earlier document of "
                                    "this batch; give each report its own id")
                    continue
                seen.add(key)
            yield found


def read_file(path: Path) -> Iterator[Document | ReadError]:
    if not path.exists():
        yield ReadError(str(path), None, "no such file")
        return
    reader = READERS.get(kind(path), text.read)
    try:
        for item in reader(path):
            yield checked(item, str(path), item.line) if isinstance(item, Document) else item
    except OSError as exc:
        yield ReadError(str(path), None, f"cannot read file: {exc.strerror or exc}")
