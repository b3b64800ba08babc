"""ACLED's coding of the events a report states: event and sub-event type, the two actors as
ACLED names them, their actor types (inter1, inter2) and whether civilians were the target.

ACLED's codebook decides the type of an event by who acted against whom and by what the
report says of the episode around it (a demonstration broken up with tear gas is a protest
with intervention, one where the crowd throws stones a violent demonstration), so the types of
all of a paragraph's events are decided together, after the events are coded. The rules are
data: ontology/acled.tsv (the decision table), ontology/acled_actors.tsv (actor types by
sector), ontology/acled_cues.tsv (what a paragraph says of a demonstration) and
lexicons/armed_groups.tsv (named groups).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..model import Actor, Event, Evidence
from ..ontology import acled_types
from ..tables import read_table
from .mentions import sector_terms
from .note_labels import NoteLabel

# ACLED codes what happened: these PLOVER types are never ACLED events.
STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
ARMED = {STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, EXTERNAL}
# ACLED Codebook (2023), 'Civilian targeting': marked where civilians are the main or only
# target, in these event types and in mob violence; a demonstration that turns on people stays a
# demonstration. Excessive force against protesters is marked whoever the second actor is.
CIVILIAN_TARGETING_TYPES = {"Violence against civilians", "Explosions/Remote violence"}
CIVILIAN_TARGETING_SUB_EVENT_TYPES = {"Mob violence"}
ALWAYS_CIVILIAN_TARGETING = {"Excessive force against protesters"}
EPISODE_CUES = ("riot", "lethal", "intervention")
# PLOVER ASSAULT modes of weapons that a crowd does not carry
ARMED_MODES = {"firearms", "heavy-weapons", "explosives", "aerial", "drone", "suicide-attack"}
# ACLED's names for an actor of a type that the report does not name otherwise (ACLED Codebook,
# 'Actors': unnamed crowds, civilians and armed groups are named by type and country)
GENERIC_NAMES = {PROTESTERS: "Protesters ({country})", RIOTERS: "Rioters ({country})",
                 CIVILIANS: "Civilians ({country})", STATE: "Police Forces of {country}",
                 POLITICAL_MILITIA: "Unidentified Armed Group ({country})",
                 IDENTITY_MILITIA: "Unidentified Communal Militia ({country})"}


@dataclass(frozen=True)
class ActorType:
    inter: int | None
    name: str
    as_perpetrator: int | None
    as_target: int | None


@dataclass(frozen=True)
class ArmedGroup:
    name: str
    country: str | None
    inter: int
    pattern: re.Pattern


@lru_cache(maxsize=1)
def actor_types() -> dict[str, ActorType]:
    return {row["sector"]: ActorType(int(row["inter"]) if row["inter"] else None, row["name"],
                                     int(row["as_perpetrator"]) if row["as_perpetrator"] else None,
                                     int(row["as_target"]) if row["as_target"] else None)
            for row in read_table("ontology", "acled_actors.tsv")}


def _name_pattern(name: str) -> str:
    """A name with its spaces and hyphens matching either ("Al Shabaab", "al-Shabaab")."""
    return re.escape(name).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")


@lru_cache(maxsize=1)
def armed_groups() -> tuple[ArmedGroup, ...]:
    groups = []
    for row in read_table("lexicons", "armed_groups.tsv"):
        names = [row["name"].split(":")[0]] + [a for a in row["aliases"].split("|") if a]
        # an acronym is matched as written ("IS", "KIA", "NAS" are no "is", "Kia", "nas"), a name
        # whatever its case
        acronyms = {n for n in names if n.isupper() and " " not in n}
        alternatives = "|".join(_name_pattern(n) if n in acronyms else f"(?i:{_name_pattern(n)})"
                                for n in sorted(set(names), key=len, reverse=True))
        groups.append(ArmedGroup(row["name"], row["country"] or None, int(row["inter"]),
                                 # "anti-Houthi forces" are the group's opponents, not the group
                                 re.compile(rf"(?<![\w'])(?<!(?i:anti)-)(?:{alternatives})(?![\w'])")))
    return tuple(groups)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    return {row["iso3"]: row["name"] for row in read_table("lexicons", "countries.tsv")}


@lru_cache(maxsize=1)
def _cue_rows() -> tuple[dict[str, str], ...]:
    return read_table("ontology", "acled_cues.tsv")


@lru_cache(maxsize=1)
def crowd_nouns() -> dict[str, str]:
    """Lemma -> 'protesters' or 'rioters' for the nouns that name the people of a crowd."""
    return {row["lemmas"]: row["cue"] for row in _cue_rows() if row["cue"] in ("protesters", "rioters")}


@lru_cache(maxsize=1)
def demand_verbs() -> frozenset[str]:
    """Verbs that name what a crowd acts for ("burnt tyres to demand power"): violence done for
    them is a demonstration's."""
    return frozenset(row["lemmas"] for row in _cue_rows() if row["cue"] == "demand")


@lru_cache(maxsize=1)
def identity_words() -> frozenset[str]:
    """Words that make an armed group an identity militia ("Fulani ethnic militia", "clan
    fighters")."""
    return frozenset(row["lemmas"] for row in _cue_rows() if row["cue"] == "identity")


def _done_to_demand(head: Token | None) -> bool:
    """"cut off the streets and burnt tyres to demand power": an act whose purpose clause, or
    its coordinated verb's, is a demand or a protest."""
    if head is None:
        return False
    verbs = [head] + ([head.head] if head.dep_ == "conj" else []) + [c for c in head.children if c.dep_ == "conj"]
    return any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in demand_verbs()
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for verb in verbs for c in verb.children)


class CueMatcher:
    """The cues of acled_cues.tsv in a document: lemma sequences matched by spaCy's
    PhraseMatcher on LEMMA (much faster than a token Matcher with one pattern per row), the
    part of speech of a row's last word checked on the match."""

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.pos: dict[str, str] = {}
        for number, row in enumerate(_cue_rows(), start=1):
            if row["cue"] not in EPISODE_CUES + ("brawl",):
                continue
            words = row["lemmas"].split()
            pattern = Doc(nlp.vocab, words=words)
            for token, word in zip(pattern, words):
                token.lemma_ = word
            label = f"{row['cue']}:{number}"
            self.pos[label] = row["pos"]
            self.matcher.add(label, [pattern])

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        found = []
        for match_id, start, end in self.matcher(doc):
            pos = self.pos[doc.vocab.strings[match_id]]
            if not pos or doc[end - 1].pos_ == pos:
                found.append((match_id, start, end))
        return found


# What a demonstration is against or over is not what happened at it: "protested against the
# arrest of an editor", "demanding an end to the use of tear gas"
CAUSE_PREPOSITIONS = {"against", "over", "about", "following", "after", "for"}
CAUSE_VERBS = {"demand", "protest", "condemn", "denounce", "call", "decry"}
ARRESTS = {"arrest", "detain"}


def _told_as_cause(token: Token) -> bool:
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.dep_ == "prep" and current.lower_ in CAUSE_PREPOSITIONS \
                or current.lemma_.lower() in CAUSE_VERBS:
            return True
    return False


def _arrest_of_someone_else(token: Token) -> bool:
    """An arrest of one named person ("he was arrested", "police detained Ali Musa") is no
    intervention in a crowd; arrests of people, of a number, or untold are."""
    if token.lemma_.lower() not in ARRESTS:
        return False
    arrested = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
    if token.pos_ == "NOUN":  # "the arrest of Ali Musa", "his arrest"
        arrested += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]
        arrested += [c for c in token.children if c.dep_ == "poss"]
    return any(a.lower_ in ("he", "she", "him", "her", "his") or a.pos_ == "PROPN" and a.ent_type_ == "PERSON"
               for a in arrested)


# The PLOVER sector of an actor that ACLED's coding implies, by its actor type
IMPLIED_SECTORS = {STATE: "GOV", REBEL: "REB", POLITICAL_MILITIA: "UAF", IDENTITY_MILITIA: "PRM",
                   RIOTERS: "CVL", PROTESTERS: "CVL", CIVILIANS: "CVL", EXTERNAL: "MIL"}


# Sectors of unarmed office holders (officials, judges, legislators)
OFFICE_SECTORS = {"GOV", "JUD", "LEG"}


@lru_cache(maxsize=1)
def _office_terms() -> frozenset[str]:
    return frozenset(term[-1] for term, (sector, _) in sector_terms().items() if sector in OFFICE_SECTORS)


def _names_an_office(text: str) -> bool:
    """Whether a phrase names office holders ("two district officials"), not only their country."""
    return any(w in _office_terms() or w.endswith("s") and w[:-1] in _office_terms() for w in _words(text))


@lru_cache(maxsize=1)
def _national_words() -> frozenset[str]:
    """Words of country names and nationalities ("Malian", "South Sudanese")."""
    words = set()
    for row in read_table("lexicons", "countries.tsv"):
        for name in [row["name"], *row["aliases"].split("|"), *row["demonyms"].split("|")]:
            words |= _words(name)
    for row in read_table("lexicons", "country_aliases.tsv"):
        words |= _words(row["text"])
    return frozenset(words)


# Words before a militia's name that do not name it ("Suspected militiamen", "Armed militias")
MILITIA_HEDGES = {"suspected", "presumed", "alleged", "armed", "unidentified", "unknown", "local", "rival"}


def _named_peoples_militia(text: str) -> bool:
    """"suspected Fulani militias", "Bul Nuer militiamen": a militia named after a people that is
    no nation is organised around that identity (codebook 'Identity militias')."""
    tokens = re.findall(r"[A-Za-z]+", text)
    head = next((i for i, w in enumerate(tokens) if w.lower().startswith("militia")), 0)
    not_names = _national_words() | STOP_WORDS | MILITIA_HEDGES
    return any(w[:1].isupper() and w.lower() not in not_names for w in tokens[:head])


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


# Former members of a force are no longer that force: attacked, they are civilians (ACLED
# Codebook, 'Civilians': people who are unarmed and not members of an armed group)
NOT_SERVING = {"former", "retired", "ex"}
# Words that do not make two mentions of people the same people
STOP_WORDS = {"the", "a", "an", "of", "and", "some", "several", "many", "people", "group", "members", "member"}


@dataclass(frozen=True)
class ParagraphFacts:
    """What one paragraph says that codes each of its events."""

    episode: str | None  # riot, lethal, intervention: what befell its demonstration
    cue: tuple[int, int, str] | None  # the words that say so (start, end, text)
    force: Side | None  # the armed force it names against or by the crowd
    crude: bool  # it names the crude arms of a brawl (stones, sticks, blades)


@dataclass
class Side:
    """One of an event's two actors as ACLED records it."""

    name: str | None
    inter: int
    country: str | None


class AcledCoder:
    """Codes one document's events by the ACLED codebook."""

    def __init__(self, doc: Doc, matcher: CueMatcher, label: NoteLabel | None = None,
                 crowd_size: Span | None = None):
        self.doc = doc
        self.label = label  # the category an ACLED note's label names for the note it heads
        self.crowd_size = crowd_size  # an ACLED note's crowd-size mark: it tells a demonstration
        self.heads: dict[int, Token] = {}  # id of each coded event -> the head of its trigger
        # where the line breaks are, read once: paragraphs are found by bisection
        self.breaks = [m.start() for m in re.finditer("\n", doc.text)]
        # the first cue of each kind that each paragraph holds: (start, end, text)
        self.cues: dict[int, dict[str, tuple[int, int, str]]] = {}
        for match_id, start, end in matcher(doc):
            cue = doc.vocab.strings[match_id].split(":")[0]
            span = doc[start:end]
            if _told_as_cause(span.root) or cue == "intervention" and _arrest_of_someone_else(span.root):
                continue
            self.cues.setdefault(self.paragraph(start), {}).setdefault(
                cue, (span.start_char, span.end_char, span.text))

    def paragraph(self, token_index: int) -> int:
        """Paragraphs are separated by line breaks."""
        return bisect_right(self.breaks, self.doc[token_index].idx)

    def code(self, events: Iterable[tuple[Event, int, str | None, list[Actor]]]) -> None:
        """Events with the head token of their trigger, the weapon class of the trigger and
        whom the other mentions merged into it name as targets."""
        by_paragraph: dict[int, list[tuple[Event, str | None, list[Actor], bool]]] = {}
        coded: list[tuple[Event, list[Actor], bool]] = []
        for event, token, weapon, also_targeted in events:
            self.heads[id(event)] = self.doc[token]
            # a fight is mutual unless its verb takes an object ("ambushed a convoy" is one-sided)
            mutual = weapon == "battle" and not any(c.dep_ == "dobj" for c in self.doc[token].children)
            by_paragraph.setdefault(self.paragraph(token), []).append((event, weapon, also_targeted, mutual))
        for paragraph, group in by_paragraph.items():
            events = [event for event, _, _, _ in group]
            episode, cue_evidence = self._episode(paragraph, events)
            said = ParagraphFacts(episode, cue_evidence, self._force(events) if episode else None,
                                  "brawl" in self.cues.get(paragraph, {}))
            for event, weapon, also_targeted, mutual in group:
                self._code_event(event, weapon, also_targeted, mutual, said)
                coded.append((event, also_targeted, mutual))
        if self.crowd_size is not None:
            self._demonstration_note(coded)

    def _code_event(self, event: Event, weapon: str | None, also_targeted: list[Actor], mutual: bool,
                    said: ParagraphFacts) -> None:
        if event.modality != "asserted":
            event.evidence["acled"] = Evidence(0, 0, "", f"not an ACLED event: {event.modality}")
            return
        actor = self._side(event.actor, event, perpetrator=True)
        target = self._target(event, also_targeted, mutual=mutual)
        if weapon == "battle" and said.crude and event.mode not in ARMED_MODES \
                and not any(side is not None and side.inter in ARMED for side in (actor, target)):
            # a fight with stones, sticks or blades between sides that are not armed groups
            # (codebook 'Riots: Mob violence' against 'Battles: Armed clash')
            weapon = "mob"
        if self.label is not None and self.label.heads(self.heads[id(event)]):
            # the category the note's own coder gave it
            label, row = self.label.span, self.label.row
            event_type, sub_event_type = row.acled_event_type, row.acled_sub_event_type
            event.evidence["acled"] = Evidence(label.start_char, label.end_char, label.text, row.rule)
        else:
            event_type, sub_event_type, rule = acled_types(
                event.type, event.mode, weapon, said.episode,
                actor.inter if actor else None, target.inter if target else None)
            if said.cue and rule.endswith(f"episode={said.episode}"):  # the row read the episode
                start, end, text = said.cue
                event.evidence["acled"] = Evidence(start, end, text, rule)
            else:
                event.evidence["acled"] = Evidence(0, 0, sub_event_type or "", rule)
        event.acled_event_type, event.acled_sub_event_type = event_type, sub_event_type
        if event_type is not None:
            self._actors(event, actor, target, said.force)

    def _demonstration_note(self, coded: list[tuple[Event, list[Actor], bool]]) -> None:
        """A note marked with a crowd's size is a protest or a riot (ACLED records crowd sizes on
        demonstration events only). Where none of its events was coded so, or a protest was
        though the note tells the crowd's own violence (a riot cue: burning, stones,
        vandalism), that protest, else its first violent event, else its first stated one, is
        recoded as the demonstration: violence is the crowd's riot (a violent demonstration
        where the note tells what the crowd demanded or calls them demonstrators, mob violence
        where it does not), an arrest or restriction an intervention, anything else a peaceful
        protest (codebook 'Protests', 'Riots')."""
        asserted = [c for c in coded if c[0].modality == "asserted"]
        riot_told = any("riot" in cues for cues in self.cues.values())
        if not asserted or any(e.acled_event_type == "Riots" for e, _, _ in asserted) \
                or not riot_told and any(e.acled_event_type == "Protests" for e, _, _ in asserted):
            return
        # a protest coded without the crowd's own violence the note tells ("dispersed people
        # who were burning tyres") is the riot
        event, also_targeted, mutual = next((c for c in asserted if c[0].acled_event_type == "Protests"), None) \
            or next((c for c in asserted if c[0].type == "ASSAULT"), asserted[0])
        riot = event.type == "ASSAULT" or riot_told
        demonstration = self._tells_a_demonstration(coded)
        if riot or not demonstration:
            # a crowd that neither demonstrates nor demands is a mob (codebook 'Riots: Mob violence')
            event_type = "Riots"
            sub_event_type = "Violent demonstration" if demonstration else "Mob violence"
        elif event.type == "COERCE":
            event_type, sub_event_type = "Protests", "Protest with intervention"
        else:
            event_type, sub_event_type = "Protests", "Peaceful protest"
        event.acled_event_type, event.acled_sub_event_type = event_type, sub_event_type
        tag = self.crowd_size
        event.evidence["acled"] = Evidence(tag.start_char, tag.end_char, tag.text,
                                           f"acled:crowd-size-note ({event_type}: {sub_event_type})")
        self._actors(event, self._side(event.actor, event, perpetrator=True),
                     self._target(event, also_targeted, mutual=mutual))

    def _tells_a_demonstration(self, coded: list[tuple[Event, list[Actor], bool]]) -> bool:
        """The note calls its crowd demonstrators or says what they demanded or protested."""
        if any(e.type == "PROTEST" for e, _, _ in coded):
            return True
        words = demand_verbs() | {w for w, kind in crowd_nouns().items() if kind == "protesters"}
        return any(t.lemma_.lower() in words for t in self.doc)

    # -- the episode -------------------------------------------------------------------------

    def _episode(self, paragraph: int, events: list[Event]) -> tuple[str | None, tuple[int, int, str] | None]:
        """What a paragraph says of its demonstration: riot, lethal, intervention or None."""
        asserted = [e for e in events if e.modality == "asserted"]
        protests = [e for e in asserted if e.type == "PROTEST"]
        cues = self.cues.get(paragraph, {})
        if not protests:
            if any(self._demonstrating(e, asserted) for e in asserted):
                return "riot", cues.get("riot")  # the demonstrators' own violence is the riot
            return None, None
        if any(p.mode == "riot" for p in protests) and "riot" not in cues:
            return "riot", None
        if "riot" in cues:
            return "riot", cues["riot"]
        if any(self._demonstrating(e, asserted) for e in asserted):
            return "riot", None  # the demonstrators themselves attack or destroy, though police kill
        if "lethal" in cues:
            return "lethal", cues["lethal"]
        if any(e.type == "ASSAULT" and e.count("fatalities") and not self._armed_opponent(e) for e in asserted):
            return "lethal", None
        if "intervention" in cues:
            return "intervention", cues["intervention"]
        if any(self._assaults_protest(e, protests) for e in asserted):
            return "intervention", None  # the demonstrators beaten or assaulted, none killed
        return None, None

    def _assaults_protest(self, event: Event, protests: list[Event]) -> bool:
        """Violence done to the demonstrators themselves: its targets are protesters, or the
        people of the paragraph's protest ("students staged a protest; police beat the students")."""
        if event.type != "ASSAULT":
            return False
        crowd = {w for p in protests for a in p.actor for w in _words(a.text)} - STOP_WORDS
        for target in event.recipient:
            if self._crowd(target.text) == "PROTESTERS" or crowd & _words(target.text):
                return True
        return False

    def _demonstrating(self, event: Event, events: list[Event]) -> bool:
        """Violence by people the report calls demonstrators, or by a crowd that voices a
        demand while it acts ("stoned the police, demanding..."), is a demonstration's
        (ACLED Codebook, 'Riots': violent demonstration against mob violence)."""
        if event.type != "ASSAULT":
            return False
        if any(self._crowd(a.text) == "PROTESTERS" for a in event.actor):
            return True
        if _done_to_demand(self.heads.get(id(event))):
            return True
        own = {a.text for a in event.actor}
        return bool(own) and any(e.type == "REQUEST" and own & {a.text for a in e.actor} for e in events)

    def _target(self, event: Event, also_targeted: list[Actor], mutual: bool = False) -> Side | None:
        """The first target ACLED would name; demonstrators fired upon are the target whoever
        else the report counts among the victims. In a fight ("farmers and herders clashed")
        the other side fights too: it is typed as one who attacks."""
        sides = [side for actor in event.recipient + also_targeted
                 if (side := self.side(actor, event, perpetrator=mutual)) is not None]
        return next((s for s in sides if s.inter == PROTESTERS), sides[0] if sides else None)

    def _armed_opponent(self, event: Event) -> bool:
        target = self._side(event.recipient, event, perpetrator=False)
        return target is not None and target.inter in ARMED

    # -- actors ------------------------------------------------------------------------------

    def _side(self, actors: list[Actor], event: Event, perpetrator: bool) -> Side | None:
        """The first of the actors that ACLED would name, as ACLED names it."""
        for actor in actors:
            side = self.side(actor, event, perpetrator)
            if side is not None:
                return side
        return None

    def side(self, actor: Actor, event: Event, perpetrator: bool) -> Side | None:
        here = event.location.country if event.location else None
        group = next((g for g in armed_groups() if g.pattern.search(actor.text)), None)
        if group is not None:
            inter = group.inter
            if inter == STATE and here and group.country and group.country != here:
                inter = EXTERNAL
            return Side(group.name, inter, group.country or actor.country)
        crowd = self._crowd(actor.text)
        sector = crowd or actor.sector
        kind = actor_types().get(sector or "")
        if kind is None:
            return None
        inter = kind.inter
        if event.type == "ASSAULT" and perpetrator and kind.as_perpetrator:
            # people who attack are rioters, unless they carry guns or explosives: then they
            # are an armed group, named or not (ACLED Codebook, 'Rioters' and 'Political militias')
            inter = POLITICAL_MILITIA if event.mode in ARMED_MODES else kind.as_perpetrator
        elif event.type == "ASSAULT" and not perpetrator and kind.as_target \
                and (sector not in OFFICE_SECTORS or _names_an_office(actor.text)):
            # an official attacked is a civilian; a country's site, vehicle or post is its state's
            inter = kind.as_target
        if inter is None:
            return None
        words = _words(actor.text)
        if inter == POLITICAL_MILITIA and (identity_words() & words or _named_peoples_militia(actor.text)):
            inter = IDENTITY_MILITIA  # "an ethnic militia", "clan fighters", "Nuer militiamen"
        if not perpetrator and inter in ARMED and NOT_SERVING & words:
            inter = CIVILIANS  # "a former soldier", "a retired police officer"
        template = kind.name if inter == kind.inter else GENERIC_NAMES.get(inter, kind.name)
        country = actor.country
        if inter in (RIOTERS, PROTESTERS, CIVILIANS) and here:
            country = here  # ACLED names crowds and civilians by where the event happens
        if inter == STATE and here and country and country != here:
            inter = EXTERNAL  # state forces active outside their own country
        return Side(self._name(template, actor.text, country), inter, country)

    def _crowd(self, text: str) -> str | None:
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
        for word in reversed(words):  # the head noun is the last that names a crowd
            for form in (word, word[:-1] if word.endswith("s") else word):
                kind = crowd_nouns().get(form)
                if kind:
                    return kind.upper()
        return None

    @staticmethod
    def _name(template: str, text: str, country: str | None) -> str | None:
        if "{country}" in template:
            name = country_names().get(country or "")
            return template.format(country=name) if name else None
        return template.format(text=text)

    def _force(self, events: list[Event]) -> Side | None:
        """The state or armed force a demonstration's paragraph names: who dispersed, arrested
        or fired on the crowd, or whom the crowd fought."""
        for event in events:
            if event.type == "PROTEST" or event.modality != "asserted":
                continue
            for actor in event.actor + event.recipient:
                side = self.side(actor, event, perpetrator=actor in event.actor)
                if side is not None and side.inter in ARMED:
                    return side
        return None

    def _actors(self, event: Event, actor: Side | None, target: Side | None, paragraph_force: Side | None = None) -> None:
        """ACLED's actor1, actor2, their types and civilian targeting, by the event type; a
        demonstration's force may be named by another event of its paragraph."""
        here = event.location.country if event.location else None
        sub = event.acled_sub_event_type

        def generic(inter: int) -> Side:
            return Side(self._name(GENERIC_NAMES[inter], "", here), inter, here)

        if event.acled_event_type in ("Protests", "Riots") and sub != "Mob violence":
            crowd = generic(RIOTERS if event.acled_event_type == "Riots" else PROTESTERS)
            force = next((s for s in (actor, target) if s is not None and s.inter in ARMED), paragraph_force)
            if sub == "Peaceful protest":
                force = None
            elif sub == "Violent demonstration" and force is None and target is not None and target.inter == CIVILIANS:
                force = target  # the people the demonstrators turned on ("assaulted poll workers")
            elif sub in ("Protest with intervention", "Excessive force against protesters") and force is None:
                force = generic(STATE)
            first, second = (force, crowd) if sub == "Excessive force against protesters" else (crowd, force)
        elif event.acled_event_type == "Violence against civilians":
            first = actor if actor is not None and actor.inter in ARMED else generic(POLITICAL_MILITIA)
            second = target if target is not None and target.inter == CIVILIANS else generic(CIVILIANS)
        elif sub == "Mob violence":
            first = actor if actor is not None and actor.inter == RIOTERS else generic(RIOTERS)
            second = target
        elif sub == "Arrests":
            first = actor if actor is not None else generic(STATE)
            second = target if target is not None else generic(CIVILIANS)
        elif event.acled_event_type in ("Battles", "Explosions/Remote violence"):
            # whoever fights or uses explosives is an armed actor, named or not
            first = actor if actor is not None and actor.inter in ARMED else generic(POLITICAL_MILITIA)
            second = target
            if second is None and event.acled_event_type == "Explosions/Remote violence" \
                    and (event.count("fatalities") or event.count("injured")):
                # the dead and wounded of a blast the report tells of no force among are people
                # (codebook 'Civilians': unarmed people, the victims an armed actor's attack harms)
                second = generic(CIVILIANS)
        elif sub == "Looting/property destruction" and actor is not None and actor.inter != STATE:
            # what a group or crowd loots or destroys is people's property: civilians are its
            # victims where the report names no other owner (codebook 'Civilians')
            first, second = actor, target if target is not None else generic(CIVILIANS)
        else:
            first, second = actor, target
        # who was targeted, and whether they were civilians, are known though the first actor
        # is not ("a depot was handed over": the record still has no second actor)
        event.acled_actor2 = second.name if second else None
        event.acled_inter2 = second.inter if second else 0
        event.acled_civilian_targeting = event.acled_inter2 == CIVILIANS and (
            event.acled_event_type in CIVILIAN_TARGETING_TYPES or sub in CIVILIAN_TARGETING_SUB_EVENT_TYPES) \
            or sub in ALWAYS_CIVILIAN_TARGETING
        if first is None:
            return
        if not event.actor and first.name and first.country:
            # ACLED always names who acted: an attack the text gives no agent ("a man was shot")
            # is an unidentified armed group's of the country, a crowd its country's rioters
            # (codebook 'Actors'); the record carries it, marked as implied
            sector = IMPLIED_SECTORS.get(first.inter)
            if first.inter == STATE:
                sector = "COP" if first.name.startswith("Police") else "MIL" if first.name.startswith("Military") else sector
            event.actor = [Actor(first.name, first.country, sector)]
            event.evidence["actor[0]"] = Evidence(0, 0, first.name, "acled:implied-actor1")
        event.acled_actor1, event.acled_inter1 = first.name, first.inter
