"""Quotations and who said them: the quote records of a document.

A quotation is text between quotation marks of a few words or more; its speaker is the
subject of the reporting verb in the same sentence that stands outside the quotation
("...," Turkish presidential spokesman Ibrahim Kalin said).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from .actors import REPORTING_VERBS

QUOTATION = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")
MIN_WORDS = 3


def find_quotes(doc: Doc) -> list[dict[str, Any]]:
    quotes = []
    text = doc.text  # Doc.text joins every token: read it once, not per quotation
    for match in QUOTATION.finditer(text):
        start, end = match.span(1)
        if len(match.group(1).split()) < MIN_WORDS:
            continue  # a scare-quoted word ("cowardly") is not a statement
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        speaker = _speaker(doc, start, end)
        if speaker is None and quotes and "\n\n" not in text[quotes[-1]["end"]:start]:
            speaker = quotes[-1]["speaker"]  # a quotation that goes on in the same paragraph
        quotes.append({"start": start, "end": end, "text": match.group(1), "speaker": speaker})
    return quotes


def _speaker(doc: Doc, start: int, end: int) -> str | None:
    first = doc.char_span(start, end, alignment_mode="expand")
    sentences = {first[0].sent.start: first[0].sent, first[-1].sent.start: first[-1].sent}
    for sentence in sentences.values():
        for token in sentence:
            if token.lemma_.lower() in REPORTING_VERBS and not start <= token.idx < end:
                for child in token.children:
                    if child.dep_ == "nsubj" and not start <= child.idx < end:
                        phrase = doc[child.left_edge.i:child.right_edge.i + 1]
                        return phrase.text.strip()
    return None
