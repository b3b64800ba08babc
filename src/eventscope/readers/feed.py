"""RSS and Atom feeds (feedparser): one document per entry, its text from the entry's content
or summary with the markup removed, its date the entry's publication date."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import Document
from . import ReadError, checked

_TAGS = re.compile(r"<[^>]+>")
_BLOCKS = re.compile(r"</?(p|div|br|li|h[1-6])\b[^>]*>", re.IGNORECASE)


def _plain(markup: str) -> str:
    text = _BLOCKS.sub("\n\n", markup)
    text = html_lib.unescape(_TAGS.sub("", text))
    return re.sub(r"\n\s*\n+", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()


# A numeric reference to a surrogate or past U+10FFFF is no character; HTML5 reads it as
# U+FFFD (WHATWG HTML, "numeric character reference end state"). feedparser would raise on it
# and lose the whole feed.
_CHARACTER_REFERENCE = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


def _no_character(match: re.Match) -> bytes:
    digits = match.group(1)
    value = int(digits[1:], 16) if digits[:1] in (b"x", b"X") else int(digits)
    return b"&#xFFFD;" if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF else match.group(0)


def parse(body: bytes):
    """feedparser's reading of a feed's bytes, with references to no character made U+FFFD."""
    import feedparser

    return feedparser.parse(_CHARACTER_REFERENCE.sub(_no_character, body))


def entry_key(entry) -> str:
    """What identifies an entry across polls: its id, else its link, else its title."""
    return str(entry.get("id") or entry.get("link") or entry.get("title") or "")


def documents(body: bytes, name: str) -> Iterator[Document | ReadError]:
    """Documents from a feed's bytes; `name` names it in errors."""
    try:
        parsed = parse(body)
    except Exception as exc:  # feedparser's loose parser has more ways to fail than it documents
        yield ReadError(name, None, f"not a readable feed ({type(exc).__name__}: {exc})")
        return
    yield from documents_from_parsed(parsed, name)


def documents_from_parsed(parsed, name: str) -> Iterator[Document | ReadError]:
    """Documents from what feedparser.parse returned. Something that is no feed at all (an
    empty file, an HTML page) is one error, not an empty feed."""
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        why = parsed.get("bozo_exception") if parsed.bozo else "no RSS or Atom root element"
        yield ReadError(name, None, f"not a readable feed ({why})")
        return
    for number, entry in enumerate(parsed.entries, start=1):
        key = entry_key(entry)
        contents = [c.get("value", "") for c in entry.get("content") or []]
        text = _plain(" ".join(contents) or entry.get("summary", ""))
        if not key or not text:
            yield ReadError(name, number, f"entry {key or number!r}: no id or no text")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        try:
            published = date(*stamp[:3]) if stamp else None
        except ValueError:
            yield ReadError(name, number, f"entry {key!r}: publication date {tuple(stamp[:3])!r} is not a date")
            continue
        yield checked(Document(doc_id=key, text=text, date=published, url=entry.get("link"),
                               title=entry.get("title"), line=number), name, number)


def read(path: Path) -> Iterator[Document | ReadError]:
    yield from documents(path.read_bytes(), str(path))
