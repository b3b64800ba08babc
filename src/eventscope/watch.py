"""Polling feeds: each poll fetches every feed (httpx, with timeouts, a size cap and a
conditional GET), parses it (feedparser) and hands back the entries not seen before.

What was seen is kept in a JSON state file (entry keys and the feed's ETag and Last-Modified),
written atomically. An entry is marked seen by `FeedState.mark_seen` only once the caller has
stored it or reported it as unreadable, and a feed's ETag is kept only once all its new entries
are handled, so a crash or a failing entry never loses one for good.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .model import Document
from .readers import ReadError
from .readers.feed import documents

KEEP_KEYS = 20_000  # per feed: enough to cover any feed's window of entries
MAX_FEED_BYTES = 20 * 1024 * 1024  # the largest news feeds are a few MB
FETCH_TIMEOUT_S = 30.0  # to connect, and between two reads of the answer
USER_AGENT = "eventscope (feed watcher)"


class StateError(Exception):
    """A state file that cannot be read."""


@dataclass
class PollResult:
    feed: str
    new: list[Document] = field(default_factory=list)
    seen: int = 0
    errors: list[ReadError] = field(default_factory=list)
    # validators of this answer, kept once its new entries are handled
    etag: str | None = None
    modified: str | None = None
    unchanged: bool = False


class FeedState:
    def __init__(self, path: Path):
        self.path = path
        if path.is_dir():
            raise StateError(f"state file {path} is a folder")
        try:
            self.data: dict = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"feeds": {}}
        except (ValueError, UnicodeDecodeError) as exc:
            raise StateError(f"state file {path} is not valid JSON ({exc}); move it away to start afresh") from None
        if not (isinstance(self.data, dict) and isinstance(self.data.get("feeds"), dict)
                and all(isinstance(f, dict) and isinstance(f.get("seen", []), list) for f in self.data["feeds"].values())):
            raise StateError(f"state file {path} is not an eventscope watch state; move it away to start afresh")

    def feed(self, source: str) -> dict:
        remembered = self.data["feeds"].setdefault(source, {"seen": []})
        remembered.setdefault("seen", [])
        return remembered

    def mark_seen(self, source: str, key: str) -> None:
        seen = self.feed(source)["seen"]
        seen.append(key)
        del seen[:-KEEP_KEYS]

    def keep_validators(self, result: PollResult) -> None:
        """After every new entry of a poll is handled: the next poll may ask 'changed since?'."""
        if not result.unchanged:
            remembered = self.feed(result.feed)
            remembered["etag"], remembered["modified"] = result.etag, result.modified

    def save(self) -> None:
        partial = self.path.with_suffix(self.path.suffix + ".partial")
        partial.write_text(json.dumps(self.data, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, self.path)  # atomic: a crash never leaves half a state


def fetch(url: str, remembered: dict, timeout: float = FETCH_TIMEOUT_S) -> tuple[bytes | None, PollResult]:
    """The body of a feed URL (None where unchanged since the last poll, or on error), with the
    answer's validators or its error in the result."""
    import httpx

    result = PollResult(url)
    headers = {"User-Agent": USER_AGENT}
    if remembered.get("etag"):
        headers["If-None-Match"] = remembered["etag"]
    if remembered.get("modified"):
        headers["If-Modified-Since"] = remembered["modified"]
    deadline = time.monotonic() + 4 * timeout  # a server that trickles bytes is cut off too
    try:
        with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True, max_redirects=5) as client:
            with client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    result.unchanged = True
                    return None, result
                if response.status_code >= 400:
                    result.errors.append(ReadError(url, None, f"HTTP {response.status_code} {response.reason_phrase}"))
                    return None, result
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > MAX_FEED_BYTES:
                    result.errors.append(ReadError(url, None, f"feed of {int(declared):,} bytes is larger than "
                                                              f"the {MAX_FEED_BYTES:,} read"))
                    return None, result
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > MAX_FEED_BYTES:
                        result.errors.append(ReadError(url, None, f"feed larger than the {MAX_FEED_BYTES:,} bytes read"))
                        return None, result
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("the answer took too long")
                result.etag = response.headers.get("ETag")
                result.modified = response.headers.get("Last-Modified")
                return bytes(body), result
    except httpx.TimeoutException as exc:
        result.errors.append(ReadError(url, None, f"no answer within {timeout:g} s ({type(exc).__name__})"))
    except httpx.HTTPError as exc:
        result.errors.append(ReadError(url, None, f"cannot fetch: {exc}"))
    return None, result


def poll(source: str, state: FeedState, timeout: float = FETCH_TIMEOUT_S) -> PollResult:
    """The entries of one feed (a URL or a file) not seen before. Nothing is marked seen here."""
    remembered = state.feed(source)
    seen = set(remembered["seen"])
    if source.startswith(("http://", "https://")):
        body, result = fetch(source, remembered, timeout)
        if body is None:
            return result
    else:
        result = PollResult(source)
        path = Path(source)
        if path.is_dir():
            result.errors.append(ReadError(source, None, "is a folder, not a feed (a feed is a file or an http(s) URL)"))
            return result
        if not path.exists():
            result.errors.append(ReadError(source, None, "no such file (a feed is a file or an http(s) URL)"))
            return result
        try:
            body = path.read_bytes()
        except OSError as exc:
            result.errors.append(ReadError(source, None, f"cannot read file: {exc.strerror or exc}"))
            return result
    keys = set()
    for item in documents(body, source):
        if isinstance(item, ReadError):
            result.errors.append(item)
        elif item.doc_id in seen:
            result.seen += 1
        elif item.doc_id not in keys:
            keys.add(item.doc_id)
            result.new.append(item)
    return result
