"""What an ACLED note's own marks say of it: the label it opens with ("Arrests: On 4 May
2021, ...") and the crowd size it closes with ("[size=around 40]").

ACLED's coders head some notes with the category they coded, in the codebook's words or the
older ones it replaced (ontology/acled_labels.tsv). The label is the coder's own decision, so
it types the events of the note it heads (to the paragraph's end: a note is one event), and
stands for an event where the note names no trigger of its own ("Movement of forces: gunmen crossed the river"). ACLED records a
crowd's size on demonstration events only (ACLED Codebook, 'Notes': the size of a protest or
riot crowd at the end of the note in square brackets, '[size=no report]' where no source
gives it), so a note that carries one tells a protest or a riot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..tables import read_table

# a label is a short phrase: the longest in the table has five words
MAX_LABEL_TOKENS = 6


@dataclass(frozen=True)
class LabelRow:
    row: int
    label: str
    acled_event_type: str
    acled_sub_event_type: str
    type: str | None
    mode: str | None
    codebook: str

    @property
    def rule(self) -> str:
        return f"ontology/acled_labels.tsv row {self.row} ({self.codebook})"


@lru_cache(maxsize=1)
def label_rows() -> dict[str, LabelRow]:
    return {r["label"]: LabelRow(number, r["label"], r["acled_event_type"], r["acled_sub_event_type"],
                                 r["type"] or None, r["mode"] or None, r["codebook"])
            for number, r in enumerate(read_table("ontology", "acled_labels.tsv"), start=1)}


@dataclass(frozen=True)
class NoteLabel:
    span: Span  # the label's words, without the colon
    body: Span  # the note it heads, from the word after the colon to the paragraph's end
    row: LabelRow

    def heads(self, token: Token) -> bool:
        return self.body.start <= token.i < self.body.end

    def predicate(self) -> Token | None:
        return main_verb(self.body)


def main_verb(span: Span) -> Token | None:
    """The first main verb of a stretch of text: a verb whose head lies outside it (the parser
    hangs a sentence after a colon on the label) or is itself."""
    for token in span:
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass") \
                and (token.head.i == token.i or not span.start <= token.head.i < span.end):
            return token
    return None


def note_label(doc: Doc) -> NoteLabel | None:
    """The label the document opens with, if it is one acled_labels.tsv knows."""
    colon = next((t for t in doc[:MAX_LABEL_TOKENS + 1] if t.text == ":"), None)
    if colon is None or colon.i == 0:
        return None
    span = doc[0:colon.i]
    row = label_rows().get(span.text.lower())
    if row is None or colon.i + 1 >= len(doc):
        return None
    first = doc[colon.i + 1]
    # a note is one event: the label types all it tells, to the paragraph's end
    end = next((t.i for t in doc[first.i:] if "\n" in t.text), len(doc))
    return NoteLabel(span, doc[first.i:end], row)


CROWD_SIZE = re.compile(r"\[size\s*=[^\]\n]*\]", re.IGNORECASE)


def crowd_size_tag(doc: Doc) -> Span | None:
    """The crowd-size mark of a demonstration note, "[size=no report]"."""
    found = CROWD_SIZE.search(doc.text)
    return doc.char_span(found.start(), found.end(), alignment_mode="expand") if found else None
