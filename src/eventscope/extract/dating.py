"""When each candidate event happened: the time expression of its own clause or of a clause
that embeds it, else the day of the story's dated violence (for violence the text does not
date), else the publication day; and whether a dated event is news or background.

dates.py resolves time expressions to date ranges; this module decides which of them dates
which event.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from ..model import Evidence
from .actors import REPORTING_VERBS, TALK_VERBS
from .candidate import Candidate, evidence
from .dates import Timex, find_timexes
from .modality import clause_verb
from .triggers import VIOLENT_TYPES, verb_lemma

# How long before publication an event is still news (PLOVER's historical mode beyond it)
NEWS_WINDOW_DAYS = 31


def is_future(span: Span) -> bool:
    verb = clause_verb(span.root)
    return any(c.lower_ in ("will", "shall", "'ll") for c in verb.children if c.dep_ == "aux")


class EventDating:
    """The time expressions of one document, found once, and the dating of its events."""

    def __init__(self, doc: Doc, published: date | None):
        self.doc = doc
        self.published = published
        self.timexes = find_timexes(doc, published, is_future)
        # each sentence's time expressions, found once: a long report has hundreds of both
        self.of_sentence: dict[int, list[Timex]] = {}
        for timex in self.timexes:
            self.of_sentence.setdefault(timex.span.sent.start, []).append(timex)

    def date(self, candidate: Candidate) -> None:
        sentence_timexes = self.of_sentence.get(candidate.sentence.start, [])
        chosen: Timex | None = None
        reported = False
        if sentence_timexes:
            chain = _clause_chain(candidate.trigger.head)
            head = candidate.trigger.head
            if candidate.trigger.entry.pos == "NOUN" and clause_verb(head).lemma_.lower() in TALK_VERBS:
                # "condemned the attack on Saturday": Saturday dates the condemnation
                chain = chain[:1] + [c.i for c in head.children if c.dep_ in ("acl", "relcl")]
            best = None
            for timex in sentence_timexes:
                anchor = clause_verb(timex.span.root)
                if anchor.i in chain:
                    rank = chain.index(anchor.i)
                    if best is None or rank < best[0]:
                        best = (rank, timex)
            if best is None and candidate.sentence.root.i in chain:
                # "On Sunday, farmers working their fields were attacked": a date that opens the
                # sentence dates its main clause, wherever the parser hangs it
                opening = [t for t in sentence_timexes if t.span.start <= candidate.sentence.start + 1]
                best = (0, opening[0]) if opening else None
            if best:
                chosen = best[1]
                anchor = self.doc[chain[best[0]]]
                # the verb of a clause that embeds the trigger's, not the trigger's own ("clashes
                # were reported on 15 April" dates the clashes)
                reported = anchor != clause_verb(head) and verb_lemma(anchor) in REPORTING_VERBS
        event = candidate.event
        if chosen:
            event.date_start, event.date_end, event.date_precision = chosen.start, chosen.end, chosen.precision
            if reported:
                # "a governor said Saturday that gunmen had raided a village": the day of the
                # report bounds the event; a date the story gives the event itself prevails
                event.evidence["date"] = evidence(chosen.span, chosen.rule + "+day-reported")
            else:
                event.evidence["date"] = evidence(chosen.span, chosen.rule)
                candidate.own_date = True
        elif self.published:
            event.date_start = event.date_end = self.published
            event.date_precision = "day"
            event.evidence["date"] = Evidence(0, 0, self.published.isoformat(), "dates.publication-date")

    def inherit_dates(self, candidates: list[Candidate]) -> None:
        """A violent event the text does not date (the abduction in a raid, an arrest after it)
        happened when the story's dated violence did, rather than on the publication day."""
        lead = next((c for c in candidates if c.own_date and c.event.type in VIOLENT_TYPES
                     and c.event.date_precision == "day" and c.event.modality == "asserted"), None)
        if lead is None:
            return
        for candidate in candidates:
            if not candidate.own_date and candidate.event.type in VIOLENT_TYPES:
                event = candidate.event
                event.date_start, event.date_end = lead.event.date_start, lead.event.date_end
                event.date_precision = lead.event.date_precision
                event.evidence["date"] = Evidence(lead.event.evidence["date"].start, lead.event.evidence["date"].end,
                                                  lead.event.evidence["date"].text, "dates.inherited-from-lead")

    def is_historical(self, candidate: Candidate) -> bool:
        """Dated well before publication: background, not news (PLOVER's historical mode)."""
        end = candidate.event.date_end
        return (candidate.own_date and self.published is not None and end is not None
                and (self.published - end).days > NEWS_WINDOW_DAYS)

    def has_recent_predicate(self, noun: Token) -> bool:
        """"after the raids escalated earlier this week": an event noun under a
        backgrounding preposition is news when a predicate of its own dates it to the last
        month; "despite a ceasefire announced in August" stays background."""
        if self.published is None:
            return False
        for child in noun.children:
            if child.dep_ in ("acl", "relcl"):
                for timex in self.timexes:
                    if child.left_edge.i <= timex.span.start < child.right_edge.i + 1:
                        return (self.published - timex.start).days <= NEWS_WINDOW_DAYS
        return False


def _clause_chain(token: Token) -> list[int]:
    """Indices of the trigger itself (with a predicate of its own, for a noun: "the bombings
    intensified"), then the verbs of the clauses that embed it, innermost first."""
    chain = [token.i]
    if token.pos_ in ("NOUN", "PROPN"):
        chain += [c.i for c in token.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    current = clause_verb(token)
    while True:
        if current.i not in chain:
            chain.append(current.i)
        if current.head.i == current.i:
            return chain
        current = clause_verb(current.head)
