"""Scoring temporal expressions on TimeML documents (TempEval-3): the value of each gold DATE
given its span, and recognition of spans (strict and relaxed F1)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import prf

TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class TimemlDocument:
    doc_id: str
    dct: date | None
    text: str
    timexes: list[dict] = field(default_factory=list)  # start, end, text, type, value


def parse_timeml(path: Path) -> TimemlDocument:
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    dct = date.fromisoformat(dct_match.group(1)) if dct_match else None
    body_match = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if body_match is None:
        raise ValueError(f"{path}: no <TEXT> element")
    body = body_match.group(1)
    text, timexes, open_timex, position = [], [], None, 0
    for match in TAG.finditer(body):
        text.append(body[position:match.start()])
        position = match.end()
        offset = sum(len(part) for part in text)
        closing, name, attributes = match.groups()
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = dict(ATTRIBUTE.findall(attributes), start=offset)
        elif open_timex is not None:
            open_timex["end"] = offset
            timexes.append(open_timex)
            open_timex = None
    text.append(body[position:])
    plain = "".join(text)
    plain = plain.replace("&amp;", "&")  # entity escapes in these files are rare; keep offsets for the rest
    for timex in timexes:
        timex["text"] = plain[timex["start"]:timex["end"]]
    return TimemlDocument(path.stem, dct, plain, timexes)


@dataclass
class TimeScore:
    values_right: int = 0
    values_total: int = 0
    gold_spans: int = 0
    found_spans: int = 0
    strict: int = 0
    relaxed: int = 0


def report(score: TimeScore) -> str:
    accuracy = score.values_right / score.values_total if score.values_total else 0.0
    return "\n".join([
        f"DATE value accuracy over gold spans {accuracy:.3f} ({score.values_right}/{score.values_total})",
        f"recognition strict F1 {prf(score.strict, score.found_spans, score.gold_spans)[2]:.3f}, "
        f"relaxed F1 {prf(score.relaxed, score.found_spans, score.gold_spans)[2]:.3f} "
        f"(found {score.found_spans}, gold {score.gold_spans})",
    ])


def evaluate(gold: Path, extractor) -> str:
    """Score `extract/timex.py` on a TimeML folder (or one .tml file)."""
    from ..extract.timex import find, is_future, value_of

    files = sorted(gold.glob("*.tml")) if gold.is_dir() else [gold]
    score = TimeScore()
    for file in files:
        document = parse_timeml(file)
        gold_spans = {(t["start"], t["end"]) for t in document.timexes}
        doc = extractor.nlp(document.text)
        for timex in document.timexes:
            if timex.get("type") == "DATE":
                score.values_total += 1
                span = doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
                valued = value_of(timex["text"], document.dct, future=bool(span is not None and is_future(span)))
                score.values_right += bool(valued and valued[1] == timex.get("value"))
        found = find(doc, document.dct)
        score.gold_spans += len(gold_spans)
        score.found_spans += len(found)
        score.strict += sum((t["start"], t["end"]) in gold_spans for t in found)
        score.relaxed += sum(any(t["start"] < e and s < t["end"] for s, e in gold_spans) for t in found)
    return f"time: {gold} ({len(files)} documents)\n{report(score)}"
