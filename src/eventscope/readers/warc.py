"""WARC archives (warcio), as news crawls such as CC-NEWS write them: each HTML response
record is a page read by the HTML reader. A record that cannot be read is reported by its
position and address and skipped; a file broken past a point ends there with an error."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import Document
from . import ReadError
from .html import document_from_html


def read(path: Path) -> Iterator[Document | ReadError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as handle:
        number = 0
        try:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response":
                    continue
                number += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                record_id = record.rec_headers.get_header("WARC-Record-ID") or f"{path.stem}-{number}"
                if record.http_headers is None or not (record.http_headers.get_statuscode() or "").isdigit():
                    yield ReadError(str(path), number, f"record {url or record_id}: no HTTP headers (truncated or broken)")
                    continue
                kind = record.http_headers.get_header("Content-Type") or ""
                if "html" not in kind.lower():
                    continue
                crawled = record.rec_headers.get_header("WARC-Date") or ""
                try:
                    body = record.content_stream().read()
                    fallback = date.fromisoformat(crawled[:10]) if crawled[:10] else None
                except (ValueError, OSError, EOFError) as exc:
                    yield ReadError(str(path), number, f"record {url or record_id}: unreadable payload ({exc})")
                    continue
                result = document_from_html(body, record_id.strip("<>"), url=url, fallback_date=fallback)
                yield ReadError(str(path), number, f"record {url}: {result}") if isinstance(result, str) else result
        except ArchiveLoadFailed as exc:
            yield ReadError(str(path), number + 1, f"archive broken after record {number}: {exc}")
