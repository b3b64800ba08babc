"""HTML pages: the main text, title, date and address, by trafilatura (boilerplate, menus and
comments left out). The publication date is the page's own; a page without one has none."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import Document
from . import ReadError

MIN_ARTICLE_WORDS = 5


def document_from_html(html: str | bytes, doc_id: str, url: str | None = None,
                       fallback_date: date | None = None) -> Document | str:
    """A Document from one page, or the reason there is none."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError) as exc:  # markup lxml cannot parse at all
        return f"document {doc_id!r}: not an HTML page ({exc})"
    text = (extracted.text if extracted is not None else "") or ""
    if len(text.split()) < MIN_ARTICLE_WORDS:  # a menu or a caption is not a report
        return f"document {doc_id!r}: no article text in the page"
    published = fallback_date
    if extracted.date:
        try:
            published = date.fromisoformat(extracted.date[:10])
        except ValueError:
            pass
    return Document(doc_id=doc_id, text=text, date=published, url=url or extracted.url, title=extracted.title)


def read(path: Path) -> Iterator[Document | ReadError]:
    result = document_from_html(path.read_bytes(), path.stem)
    yield ReadError(str(path), None, result) if isinstance(result, str) else result
