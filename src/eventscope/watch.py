"""Polling feeds: each poll reads every feed, codes the entries not seen before and stores
them. What was seen is kept in a JSON state file (entry keys and the feed's ETag and
Last-Modified), written atomically after each feed, so a re-poll or a restart processes
nothing twice."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .model import Document
from .readers import ReadError
from .readers.feed import documents_from_parsed

KEEP_KEYS = 20_000  # per feed: enough to cover any feed's window of entries


@dataclass
class PollResult:
    feed: str
    new: list[Document] = field(default_factory=list)
    seen: int = 0
    errors: list[ReadError] = field(default_factory=list)


class FeedState:
    def __init__(self, path: Path):
        self.path = path
        self.data: dict = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"feeds": {}}

    def feed(self, source: str) -> dict:
        return self.data["feeds"].setdefault(source, {"seen": []})

    def save(self) -> None:
        partial = self.path.with_suffix(self.path.suffix + ".partial")
        partial.write_text(json.dumps(self.data, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, self.path)  # atomic: a crash never leaves half a state


def poll(source: str, state: FeedState) -> PollResult:
    """The entries of one feed (a URL or a file) not seen before."""
    import feedparser

    remembered = state.feed(source)
    seen = set(remembered["seen"])
    result = PollResult(source)
    if source.startswith(("http://", "https://")):
        parsed = feedparser.parse(source, etag=remembered.get("etag"), modified=remembered.get("modified"))
        if parsed.get("status") == 304:
            return result  # unchanged since the last poll
        remembered["etag"], remembered["modified"] = parsed.get("etag"), parsed.get("modified")
    elif Path(source).exists():
        parsed = feedparser.parse(Path(source).read_bytes())
    else:
        result.errors.append(ReadError(source, None, "no such file (a feed is a file or an http(s) URL)"))
        return result
    items = documents_from_parsed(parsed, source)
    for item in items:
        if isinstance(item, ReadError):
            result.errors.append(item)
        elif item.doc_id in seen:
            result.seen += 1
        else:
            result.new.append(item)
            seen.add(item.doc_id)
            remembered["seen"].append(item.doc_id)
    remembered["seen"] = remembered["seen"][-KEEP_KEYS:]
    return result

