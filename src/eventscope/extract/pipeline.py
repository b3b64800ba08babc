"""The extraction pipeline: a parsed document in, coded events out.

Stages, each in its own module: triggers (what happened), eventhood (which triggers are events
of their own, told how), modality (did it happen), roles and actors (who to whom), dating and
dates (when), places (which places a text names) and event_places (where each event happened),
counts (at what cost), allegations (who the text says did it), merging (which mentions are one
event), note_labels (the category an ACLED note's opening label names), acled_coding (ACLED's
codebook over a paragraph's events). This module wires them: it builds a candidate event per
trigger, recodes stated intentions, attaches counts, and maps the result to ACLED and CAMEO.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import nlp as nlp_module
from ..gazetteer import Gazetteer
from ..gazetteer import default as default_gazetteer
from ..model import Actor, Document, Event, Evidence, Place
from ..readers import ReadError
from ..ontology import cameo_roots, recode
from .actors import REPORTING_VERBS, ActorMention, ActorReader
from .allegations import apply_allegations, claimed_attacks, condemned_perpetrators
from .counts import REMAINS, find_counts, stated_toll
from .dating import EventDating
from .eventhood import accuses_dropped_event, is_part_of_other_event, telling
from .mentions import NamedIndex, NamedMatcher
from .modality import LIGHT_VERBS
from .sources import find_quotes
from .event_places import EventPlaces
from .roles import RoleReader, speaker
from .places import PlaceResolver
from .acled_coding import AcledCoder, CueMatcher
from .note_labels import NoteLabel, crowd_size_tag, main_verb, note_label
from .candidate import DEFINITE, VIOLENT_SECTOR_TYPES, Candidate, evidence, trimmed
from .means import attack_means
from .merging import add_count, drop_recaps, is_cumulative_toll, merge_coreferent, merge_headings, merge_in_sentences
from .triggers import Trigger, TriggerEntry, TriggerMatcher, verb_lemma

OBLIGATION_MODALS = {"must", "should"}
OBLIGATION = TriggerEntry("must", "AUX", "REQUEST", None, None, None, 0, head_index=-1)  # the obliged verb
# What the text says of an action, and the stance PLOVER codes it by (ontology/recode.tsv).
STANCES = {"future": "intent", "intent": "intent", "negated": "negated", "threat": "threat"}
# Documents coded in one spaCy memory zone: enough for the parser's batches, few enough that
# the input is read as it is coded.
ZONE_DOCUMENTS = 64
SUPPORTED_LANGUAGE = "en"
COUNT_TYPES = {"fatalities": "ASSAULT", "injured": "ASSAULT", "displaced": "ASSAULT",
               "abducted": "ASSAULT", "arrested": "COERCE"}
# Types of event that are a report's news when it tells no other, though told as background
NEWS_WHEN_TOLD_ALONE = VIOLENT_SECTOR_TYPES | {"PROTEST", "COERCE"}
# How eventhood tells an event that is not the report's own news, but is where it tells none:
# what came before (a "sequence" becomes "background"), a kind, an ongoing state, a description
AROUND_THE_NEWS = {"background", "generic", "ongoing", "descriptive"}
# The kinds of count whose victims an attack struck
HARMED = {"fatalities", "injured"}


class Extractor:
    """Loads the models and lexicons once; codes any number of documents."""

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None):
        self.nlp = nlp or nlp_module.load()
        self.gazetteer = gazetteer or default_gazetteer()
        self.places = PlaceResolver(self.gazetteer)
        self.triggers = TriggerMatcher(self.nlp)
        self.acled_cues = CueMatcher(self.nlp)
        self.named = NamedMatcher(self.nlp)

    def extract(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Document | ReadError]:
        """Coded documents in input order; a document that cannot be coded is a ReadError and the
        rest go on. Read ZONE_DOCUMENTS at a time, each group inside a spaCy memory zone: the
        words a group adds to the vocabulary (every new name and number) are dropped after it,
        so a process that codes millions of reports keeps its size. Nothing spaCy made in a zone
        outlives it: what is yielded is plain data."""
        iterator = iter(documents)
        while group := list(islice(iterator, ZONE_DOCUMENTS)):
            with self.nlp.memory_zone():
                yield from self._extract(group, batch_size)

    def _extract(self, documents: list[Document], batch_size: int) -> Iterator[Document | ReadError]:
        def inputs() -> Iterator[tuple[str, tuple[Document, str | None]]]:
            # documents that are not parsed pass through the pipe as empty texts, so every
            # result comes out in input order
            for document in documents:
                if document.lang and not document.lang.lower().startswith(SUPPORTED_LANGUAGE):
                    yield "", (document, "unsupported")
                elif len(document.text) > self.nlp.max_length:
                    yield "", (document, "too long")
                else:
                    yield document.text, (document, None)

        for doc, (document, skipped) in self.nlp.pipe(inputs(), as_tuples=True, batch_size=batch_size):
            if skipped == "unsupported":
                document.events = []
                document.warnings.append(f"language {document.lang!r} is not coded yet (English only)")
                yield document
                continue
            if skipped == "too long":
                yield ReadError(document.doc_id, None,
                                f"text of {len(document.text)} characters exceeds {self.nlp.max_length}")
                continue
            try:
                document.events = self.code(doc, document.date)
                document.quotes = find_quotes(doc)
            except Exception as exc:  # one bad document must not stop the batch
                yield ReadError(document.doc_id, None, f"extraction failed: {type(exc).__name__}: {exc}")
                continue
            yield document

    def code(self, doc: Doc, published: date | None) -> list[Event]:
        return DocumentCoder(self, doc, published).code()

    def geocode(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[tuple[Document, list[dict]]]:
        """Each document with its toponyms resolved (the given spans, or those found)."""
        from .geocode import geocode

        pairs = ((document.text, document) for document in documents)
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield document, geocode(self.places, self.named(doc), doc, document, document.toponyms)


class DocumentCoder:
    def __init__(self, extractor: Extractor, doc: Doc, published: date | None):
        self.doc = doc
        self.published = published
        self.named: NamedIndex = extractor.named(doc)
        self.actors = ActorReader(self.named)
        self.places = extractor.places.find(doc, self.named)
        self.where = EventPlaces(doc, self.named, self.places, extractor.gazetteer)
        self.roles = RoleReader(doc, self.named, self.actors, self.where)
        self.dating = EventDating(doc, published)
        self.trigger_matcher = extractor.triggers
        self.acled_cues = extractor.acled_cues

    # -- the whole document -------------------------------------------------------------

    def code(self) -> list[Event]:
        candidates = []
        earlier: list[Candidate] = []  # told as happening before the report's time
        around: list[Trigger] = []  # told as background, as a kind, as ongoing or as a state
        label = note_label(self.doc)
        # a note's label names its category, not an event of its own ("Arrests: police held ...")
        triggers = [t for t in self.trigger_matcher(self.doc) if label is None or t.head.i >= label.span.end]
        heads = {t.head.i: t for t in triggers}
        for trigger in triggers:
            if is_part_of_other_event(trigger, heads):
                continue
            reason = telling(trigger, self.dating.has_recent_predicate)
            stance = STANCES.get(reason)
            recoded = recode(stance, trigger.entry.type) if stance else None
            if reason != "asserted" and recoded is None:
                if reason in AROUND_THE_NEWS and trigger.entry.type in NEWS_WHEN_TOLD_ALONE:
                    around.append(trigger)
                continue
            candidate = self._candidate(trigger)
            if recoded is not None and not candidate.actors:
                continue  # an intention is someone's: "a meeting would be called" states none
            if recoded is not None:
                candidate.event.type, candidate.event.mode = recoded
                candidate.event.modality = reason
                candidate.weapon = None
                candidate.event.evidence["modality"] = Evidence(
                    candidate.trigger.span.start_char, candidate.trigger.span.end_char,
                    candidate.trigger.span.text, f"ontology/recode.tsv:{stance}:{trigger.entry.type}")
            if self._is_domestic_visit(candidate):
                continue
            if self.dating.is_historical(candidate):
                earlier.append(candidate)
            else:
                candidates.append(candidate)
        if not any(c.event.modality == "asserted" for c in candidates):
            candidates += self._news_told_around(around)
        if not any(c.event.modality == "asserted" for c in candidates):
            # nor an earlier incident beside news: alone, it is what the report tells, under
            # its own date
            candidates += [c for c in earlier if c.event.type in NEWS_WHEN_TOLD_ALONE]
        kept_heads = {c.trigger.head.i for c in candidates}
        candidates = [c for c in candidates if not accuses_dropped_event(c, heads, kept_heads)]
        candidates += self._obligations()
        if label is not None and (labelled := self._labelled_event(label, candidates)) is not None:
            candidates.append(labelled)
        crowd_size = crowd_size_tag(self.doc)
        if crowd_size is not None and (demonstration := self._tagged_demonstration(crowd_size, candidates)):
            candidates.append(demonstration)
        candidates.sort(key=lambda c: c.trigger.span.start)
        apply_allegations(candidates)
        self._attach_counts(candidates, dropped={i for i in heads} - {c.trigger.head.i for c in candidates})
        candidates = [c for c in candidates if not is_cumulative_toll(c)]
        candidates = merge_in_sentences(candidates)
        candidates = merge_headings(candidates)
        candidates = merge_coreferent(candidates)
        candidates = drop_recaps(candidates)
        condemned_perpetrators(candidates)
        claimed_attacks(self.doc, self.actors, candidates)
        self.dating.inherit_dates(candidates)
        events = [self._finish(c) for c in candidates]
        AcledCoder(self.doc, self.acled_cues, label, crowd_size).code(
            (c.event, c.trigger.head.i, c.weapon, [m.actor for m in c.absorbed_recipients + c.harmed])
            for c in candidates)
        return events

    def _news_told_around(self, around: list[Trigger]) -> list[Candidate]:
        """"Two guards died in hospital after gunmen attacked the depot", "shops stayed shut
        following clashes", "traders closed their shops as the clashes spread": where a report
        tells no event of its own, the violence, coercion or protest it tells as what came
        before, around, still goes on, or left its mark ("the looted market") is its news."""
        candidates = [self._candidate(trigger) for trigger in around]
        return [c for c in candidates if not self.dating.is_historical(c)]

    def _obligations(self) -> list[Candidate]:
        """"Russia said Sudan must return the helicopter": a reported obligation laid on an
        actor is a demand (CAMEO 10), whatever the verb obliged."""
        found = []
        for token in self.doc:
            if token.dep_ != "aux" or token.lower_ not in OBLIGATION_MODALS:
                continue
            verb = token.head
            reporter = verb.head
            if verb.dep_ != "ccomp" or reporter.lemma_.lower() not in REPORTING_VERBS:
                continue
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            speaker = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
            if subject is None or speaker is None:
                continue
            recipients = self.actors.read(subject, "recipient:obliged")
            actors = self.actors.read(speaker, "actor:reporter")
            if not recipients or not actors:
                continue
            trigger = Trigger(self.doc[token.i:verb.i + 1] if verb.i > token.i else self.doc[token.i:token.i + 1],
                              OBLIGATION)
            candidate = Candidate(trigger, Event(type="REQUEST", trigger=trigger.span.text,
                                                 sentence=trimmed(token.sent).text), None, token.sent)
            candidate.event.evidence["type"] = evidence(trigger.span, OBLIGATION.rule)
            candidate.actors, candidate.recipients = actors, recipients
            self.dating.date(candidate)
            found.append(candidate)
        return found

    def _labelled_event(self, label: NoteLabel, candidates: list[Candidate]) -> Candidate | None:
        """The event a note's label stands for where the note it heads states none
        ("Movement of forces: gunmen crossed the river"): read at the sentence's main verb."""
        if label.row.type is None or any(c.event.modality == "asserted" and label.heads(c.trigger.head)
                                         for c in candidates):
            return None
        return self._event_at(label.predicate(), label.row.type, label.row.mode, label.span, label.row.rule)

    def _tagged_demonstration(self, crowd_size: Span, candidates: list[Candidate]) -> Candidate | None:
        """A note marked with a crowd's size tells a demonstration, though its words name no
        trigger ("workers gathered outside the ministry [size=dozens]")."""
        if any(c.event.modality == "asserted" for c in candidates):
            return None
        first = next(iter(self.doc.sents))
        return self._event_at(main_verb(first), "PROTEST", "demo", crowd_size,
                              "note_labels.crowd-size (ACLED Codebook, 'Notes': crowd size of a demonstration)")

    def _event_at(self, predicate: Token | None, type_: str, mode: str | None, span: Span,
                  rule: str) -> Candidate | None:
        """An event that a note's mark names, read at the main verb of the sentence it marks."""
        if predicate is None:
            return None
        entry = TriggerEntry(span.text, "VERB", type_, mode, None, None, 0)
        candidate = self._candidate(Trigger(self.doc[predicate.i:predicate.i + 1], entry))
        candidate.event.trigger = span.text
        candidate.event.evidence["type"] = evidence(span, rule)
        return candidate

    # -- one trigger ---------------------------------------------------------------------

    def _candidate(self, trigger: Trigger) -> Candidate:
        entry = trigger.entry
        sentence = trigger.head.sent
        text_span = self._trigger_span(trigger)
        event = Event(type=entry.type, mode=entry.mode, trigger=text_span.text,
                      sentence=trimmed(sentence).text)
        event.evidence["type"] = evidence(text_span, entry.rule)
        candidate = Candidate(trigger, event, entry.weapon, sentence)
        candidate.definite = (
            entry.pos == "NOUN"
            and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in trigger.head.children)
        )
        candidate.aggregate = entry.pos == "NOUN" and any(
            c.dep_ == "nummod" and c.like_num and c.lower_ not in ("one", "1", "a") for c in trigger.head.children)
        candidate.actors, candidate.recipients = self.roles.read(trigger)
        means = attack_means(self.doc, trigger, candidate.actors)
        if means is not None:
            event.mode, candidate.weapon = means.mode, means.weapon
            if means.evidence is not None:
                event.evidence["mode"] = means.evidence
        self.dating.date(candidate)
        self.where.place(candidate)
        self._source(candidate)
        return candidate

    def _trigger_span(self, trigger: Trigger) -> Span:
        head = trigger.head
        if trigger.entry.pos == "NOUN" and head.dep_ == "dobj" and verb_lemma(head.head) in LIGHT_VERBS:
            return self.doc[head.head.i:trigger.span.end]
        return trigger.span

    def _is_domestic_visit(self, candidate: Candidate) -> bool:
        """A governor touring a town of their own country is not diplomacy (CONSULT needs a
        host: another country's government or a named party)."""
        if candidate.event.mode != "visit":
            return False
        visitors = {m.actor.country for m in candidate.actors} - {None}
        visitors = visitors or {self.places.main_country}
        hosts = {m.actor.country for m in candidate.recipients} - {None}
        if not hosts:  # "visited Mafa", "traveled to Kano": the place visited
            head = candidate.trigger.head
            places = [self.where.toponym_at(c) for c in head.children if c.dep_ == "dobj"]
            places += [self.where.toponym_at(g) for c in head.children if c.dep_ == "prep" for g in c.children]
            hosts = {t.place.country for t in places if t is not None and t.place.country}
        # No foreign host that can be named: a tour at home, not diplomacy.
        return not hosts or hosts <= visitors

    # -- who says so ---------------------------------------------------------------------

    def _source(self, candidate: Candidate) -> None:
        said_by = speaker(candidate.trigger.head)
        if said_by is not None:
            candidate.event.source = trimmed(self.doc[said_by.left_edge.i:said_by.right_edge.i + 1]).text

    # -- putting mentions together -------------------------------------------------------

    def _attach_counts(self, candidates: list[Candidate], dropped: set[int] = frozenset()) -> None:
        """Each count goes to the event of its kind in its sentence, else to the event of the
        previous sentence that lacks it ("... were killed. The toll rose to 76.")."""
        by_sentence: dict[int, list[Candidate]] = {}
        for candidate in candidates:
            by_sentence.setdefault(candidate.sentence.start, []).append(candidate)
        previous: Candidate | None = None
        for sentence in self.doc.sents:
            here = by_sentence.get(sentence.start, [])
            toll = None if here else stated_toll(sentence)
            if toll is not None and previous is not None and previous.event.type == "ASSAULT":
                previous.event.counts[toll.kind] = toll.count
                previous.event.evidence[toll.kind] = evidence(toll.span, "counts.stated-toll")
                continue
            for mention in find_counts(sentence):
                if mention.anchor.i in dropped and mention.count.best != 0:
                    # the toll of an event that is not news ("killed 76 three years ago"); a
                    # denied one is this event's ("no one was killed": none)
                    continue
                wanted = COUNT_TYPES[mention.kind]
                fitting = [c for c in here if c.event.type == wanted]
                if mention.kind == "abducted":
                    fitting.sort(key=lambda c: c.event.mode != "abduct")
                elif mention.kind == "fatalities":
                    fitting.sort(key=lambda c: c.event.mode == "abduct")
                target = fitting[0] if fitting else None
                # bodies found belong to the finding told with them, never to an earlier event
                if target is None and previous is not None and previous.event.type == wanted \
                        and mention.kind not in previous.event.counts and mention.anchor.lemma_.lower() not in REMAINS:
                    target = previous
                if target is not None:
                    add_count(target, mention.kind, mention.count, evidence(mention.span, f"counts.{mention.anchor.lemma_}"))
                    if not target.harmed and target.event.type == "ASSAULT" and mention.kind in HARMED \
                            and mention.count.best:
                        # "two civilians were wounded when soldiers fired mortars"
                        target.harmed = self.roles.actors.people(mention.victim, "recipient:counted-victim")
            placed = [c for c in here if c.event.type in COUNT_TYPES.values()]
            if placed:
                previous = placed[-1]

    # -- the finished event --------------------------------------------------------------

    def _finish(self, candidate: Candidate) -> Event:
        event = candidate.event
        if candidate.place:
            event.location = candidate.place.place
            event.evidence["location"] = evidence(candidate.place.span, candidate.place.rule)
        self.where.fallback(event)
        context_country = (event.location.country if event.location else None) or self.places.main_country
        event.actor = self._actors(candidate.actors, event, context_country, "actor")
        event.recipient = self._actors(candidate.recipients, event, context_country, "recipient",
                                       armed=candidate.accused_of_violence)
        self._mark_third_party(candidate)
        event.cameo_root = cameo_roots().get(event.type)
        found = sum(1 for x in (event.actor, event.location, "date" in event.evidence
                                and event.evidence["date"].rule != "dates.publication-date") if x)
        event.confidence = round(0.5 + 0.15 * found, 2)
        return event

    @staticmethod
    def _mark_third_party(candidate: Candidate) -> None:
        """Talks held in a country that is none of the parties' (the army and the RSF of Sudan
        meeting in Jeddah) are PLOVER's third-party consultation."""
        event = candidate.event
        if event.type != "CONSULT" or event.mode or candidate.place is None or not event.location.country:
            return
        parties = {a.country for a in event.actor + event.recipient} - {None}
        if parties and event.location.country not in parties:
            event.mode = "third-party"
            event.evidence["mode"] = Evidence(event.evidence["location"].start, event.evidence["location"].end,
                                              event.evidence["location"].text, "modes.third-party-location")

    def _place_named_as_person(self, mention: ActorMention) -> Place | None:
        """The resolved place that a mention read as a person wholly is."""
        if not mention.rule.endswith(":person"):
            return None
        return next((t.place for t in self.places.toponyms if t.record is not None
                     and (t.span.start_char, t.span.end_char) == (mention.start, mention.end)), None)

    def _actors(self, mentions: list[ActorMention], event: Event, context_country: str | None,
                role: str, armed: bool = False) -> list[Actor]:
        actors: list[Actor] = []
        seen = set()
        for index, mention in enumerate(mentions):
            actor = Actor(mention.actor.text, mention.actor.country, mention.actor.sector)
            rule = mention.rule
            place = self._place_named_as_person(mention)
            if place is not None:
                # "85 trucks reached Mekelle": a town the NER took for a person stands for its
                # country, as event coders code a place's people
                actor.country, rule = place.country, rule + "+place"
            if actor.country is None and actor.sector and context_country and not mention.rule.endswith(":person"):
                actor.country = context_country  # "the activists" in a report on Syria
            if (event.type in VIOLENT_SECTOR_TYPES and role == "actor" or armed) \
                    and actor.sector == "GOV" and _names_a_state(mention):
                actor.sector = "MIL"  # states fight with their armed forces
            key = (actor.country, actor.sector, actor.text)
            if key in seen:
                continue
            seen.add(key)
            actors.append(actor)
            event.evidence[f"{role}[{len(actors) - 1}]"] = Evidence(
                mention.start, mention.end, mention.actor.text, rule)
        return actors


def _names_a_state(mention: ActorMention) -> bool:
    return "countries.tsv" in mention.rule or "country_aliases.tsv" in mention.rule or "+alleged" in mention.rule
