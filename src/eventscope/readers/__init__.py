"""Readers turn files into Documents. They know nothing of extraction.

`read_paths` yields a `Document` for every readable document and a `ReadError` for every
one that is not, so a caller reports the error and goes on with the rest of the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Document


@dataclass(frozen=True)
class ReadError:
    """One document that could not be read: where it is and why."""

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"error: {where}: {self.reason}"


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
    """Documents from files and folders, in the order given (folders sorted by name)."""
    for item in files_of(paths):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from read_file(item)


def read_file(path: Path) -> Iterator[Document | ReadError]:
    if not path.exists():
        yield ReadError(str(path), None, "no such file")
        return
    reader = READERS.get(kind(path), text.read)
    try:
        yield from reader(path)
    except OSError as exc:
        yield ReadError(str(path), None, f"cannot read file: {exc.strerror or exc}")
