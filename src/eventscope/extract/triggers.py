"""Event triggers: words that report an event, matched from lexicons/triggers.tsv.

Patterns are data, matched over lemmas (or written verb forms) and the part of speech of their
head word; a longer pattern wins over a shorter one it overlaps ("car bomb" over "bomb").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..ontology import plover_modes
from ..tables import read_table
from .actors import ARMED_SECTORS
from .mentions import dependent_terms, sector_terms

NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "compound"}
POS_CLASSES = {"VERB": ["VERB", "AUX"], "NOUN": ["NOUN", "PROPN", "ADJ", "VERB"]}


@dataclass(frozen=True)
class TriggerEntry:
    pattern: str
    pos: str
    type: str
    mode: str | None
    weapon: str | None
    requires: str | None
    row: int
    head_index: int = 0  # the word that carries the part of speech (_head_index), found once

    @property
    def rule(self) -> str:
        if self.row == 0:  # built in, not from the file: "X said Y must ..."
            return f"pipeline.obligation:{self.pattern}"
        return f"triggers.tsv:{self.row} {self.pattern}/{self.pos}"

    def satisfied_by(self, head: Token) -> bool:
        """Whether the trigger's head has the argument the entry requires."""
        if not self.requires:
            return True
        return all(self._has(head, requirement) for requirement in self.requires.split(";"))

    def _has(self, head: Token, requirement: str) -> bool:
        kind, _, values = requirement.partition(":")
        wanted = set(values.split("|"))
        if kind == "dep":
            return any(child.dep_ in wanted for child in head.children)
        if kind == "prep":  # a time is no argument: "fired on Monday"
            return any(child.dep_ in ("prep", "dative", "agent") and child.lower_ in wanted
                       and not any(g.ent_type_ in ("DATE", "TIME") for g in child.children if g.dep_ == "pobj")
                       for child in head.children)
        if kind == "pobj":  # a prepositional object: "set the truck on fire"
            return any(c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in wanted for g in c.children)
                       for c in head.children)
        if kind == "obj":  # the object's head noun: "provide aid", "lift the curfew"
            objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
            if head.dep_ == "acl" and head.tag_ == "VBN":  # "shells fired by rebels": the noun is the object
                objects.append(head.head)
            if not objects:  # "beat and captured a thief": coordinated verbs share their object
                objects = [c for verb in head.conjuncts if verb.i > head.i for c in verb.children if c.dep_ == "dobj"][:1]
            objects += [g for c in objects for g in c.conjuncts]
            # a listed object the parser coordinated with the verb itself ("fired guns,
            # launchers and ...": "launchers" as the verb's conjunct)
            objects += [c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN"] if objects else []
            # what a measure or a container holds: "two tons of cocaine", "a cache of arms"
            objects += [g for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                        for g in p.children if g.dep_ == "pobj"]
            return any(o.lemma_.lower() in wanted or any(t.dep_ == "compound" and t.lemma_.lower() in wanted
                                                         for t in o.children)
                       or "@person" in wanted and _names_people(o) or "@armed" in wanted and _names_armed(o)
                       or "@unarmed" in wanted and _names_people(o) and not _names_armed(o)
                       for o in objects)
        if kind == "subj":  # who does it: "protesters gathered"
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            # the agent of a passive is its logical subject: "was hit by a mine"
            subjects += [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if not subjects and head.dep_ == "conj":  # "stood firm and gathered again"
                subjects = [c for c in head.head.children if c.dep_ == "nsubj"]
            subjects += [g for c in subjects for g in c.children if g.dep_ == "prep" and c.lemma_.lower()
                         in ("thousand", "hundred", "dozen", "group", "crowd") for g in g.children]
            return any(t.lemma_.lower() in wanted or _compound_phrase(t) in wanted
                       or "@armed" in wanted and _names_armed(t) or "@person" in wanted and _names_people(t)
                       for t in subjects)
        if kind == "ent":  # the place reached: "its delegation reached Jeddah"
            places = [c for c in head.children if c.dep_ == "dobj"]
            places += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "to")
                       for g in c.children if g.dep_ == "pobj"]
            return any(t.ent_type_ in wanted for t in places)
        if kind == "gov":  # the word that governs a noun: "lodged a protest", "went on strike"
            governor = head.head.head if head.dep_ == "pobj" else head.head
            return governor.lemma_.lower() in wanted
        raise ValueError(f"unknown requirement {requirement!r} in triggers.tsv row {self.row}")


@dataclass
class Trigger:
    span: Span
    entry: TriggerEntry

    @property
    def head(self) -> Token:
        """The word that carries the event: the one marked '*' ("sexually *assault"), else the
        verb of a verb pattern, else the last word."""
        return self.span[self.entry.head_index]


def _head_index(words: list[str], pos: str) -> int:
    """The word that carries the part of speech: marked with '*' ("sexually *assault"), else
    the first word of a verb pattern and the last of a noun pattern."""
    marked = [i for i, w in enumerate(words) if w.startswith("*")]
    if marked:
        return marked[0]
    return 0 if pos == "VERB" else len(words) - 1


@lru_cache(maxsize=1)
def _irregular_forms() -> dict[str, set[str]]:
    return {r["lemma"]: set(r["forms"].split("|")) for r in read_table("lexicons", "verb_forms.tsv")}


@lru_cache(maxsize=4096)
def verb_forms(lemma: str) -> frozenset[str]:
    """Regular inflections of a verb, and the irregular ones from verb_forms.tsv."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return frozenset(forms | _irregular_forms().get(lemma, set()))


class TriggerMatcher:
    """Finds the patterns of triggers.tsv in a parsed document.

    Patterns are indexed by their first word, so a document costs one dictionary look-up a
    token (by lemma, and by written form for verbs the lemmatizer gets wrong); spaCy's
    Matcher with set-valued predicates was ten times slower on these few hundred patterns.
    """

    def __init__(self, nlp: Language):
        self.index: dict[str, list[tuple[TriggerEntry, tuple[str, ...]]]] = {}
        for number, row in enumerate(read_table("lexicons", "triggers.tsv"), start=1):
            words = row["pattern"].split()
            entry = TriggerEntry(row["pattern"], row["pos"], row["type"], row["mode"] or None,
                                 row["weapon"] or None, row["requires"] or None, number,
                                 _head_index(words, row["pos"]))
            if entry.mode and entry.mode not in plover_modes().get(entry.type, ()):
                raise ValueError(f"triggers.tsv row {number}: {entry.mode!r} is not a PLOVER mode of {entry.type}")
            words = tuple(w.lstrip("*") for w in words)
            keys = {words[0]}
            if entry.pos == "VERB" and entry.head_index == 0:
                keys |= verb_forms(words[0])
            for key in keys:
                self.index.setdefault(key, []).append((entry, words))

    def _matches_at(self, doc: Doc, i: int) -> list[tuple[int, int, TriggerEntry]]:
        token = doc[i]
        found = []
        seen = set()
        for key in (token.lemma_.lower(), token.lower_):
            for entry, words in self.index.get(key, ()):
                if (entry.row, key) in seen:
                    continue
                seen.add((entry.row, key))
                end = i + len(words)
                if end > len(doc):
                    continue
                tokens = doc[i:end]
                if any(t.lemma_.lower() != w and t.lower_ != w and t.lower_ not in verb_forms(w)
                       for t, w in zip(list(tokens)[1:], words[1:])):
                    continue
                head = tokens[entry.head_index]
                if head.pos_ not in POS_CLASSES.get(entry.pos, [entry.pos]):
                    continue
                found.append((i, end, entry))
        return found

    def __call__(self, doc: Doc) -> list[Trigger]:
        # One word may carry several entries ("order" a patrol, "order" someone to go): the
        # first whose requirement holds wins, in file order.
        entries: dict[tuple[int, int], list[TriggerEntry]] = {}
        for i in range(len(doc)):
            for start, end, entry in self._matches_at(doc, i):
                entries.setdefault((start, end), []).append(entry)
        # A longer match wins over the shorter ones inside it only where it holds itself:
        # "mortar shelled" is no "mortar shell" noun, and leaves "shelled" its verb.
        valid: dict[tuple[int, int], Trigger] = {}
        for (start, end), candidates in entries.items():
            for entry in sorted(candidates, key=lambda e: e.row):
                trigger = Trigger(doc[start:end], entry)
                if _is_verbal_pos_ok(trigger) and entry.satisfied_by(trigger.head) \
                        and not _is_name_or_modifier(trigger):
                    valid[(start, end)] = trigger
                    break
        return [valid[(span.start, span.end)] for span in filter_spans([t.span for t in valid.values()])]


def _is_verbal_pos_ok(trigger: Trigger) -> bool:
    # A NOUN pattern matched on a verb form only counts as a gerund or participle noun
    # ("the killing of", "the bombing"), never a finite verb.
    head = trigger.head
    if trigger.entry.pos == "NOUN" and head.pos_ == "VERB":
        return head.tag_ in ("VBG", "NN", "NNS") and head.dep_ in NOMINAL_DEPS
    return True


VIOLENT_TYPES = {"ASSAULT", "COERCE"}
NAME_ENTITIES = {"ORG", "PERSON", "GPE", "FAC", "NORP", "LAW", "WORK_OF_ART", "EVENT", "PRODUCT"}


def _is_name_or_modifier(trigger: Trigger) -> bool:
    """"Government of National Accord" names an organisation, "riot gear" is gear: neither
    reports an event."""
    head = trigger.head
    if head.ent_type_ in NAME_ENTITIES:
        return True
    if head.is_title and not head.is_sent_start and not head._.in_heading \
            and not _in_title_case(head.sent):
        # capitalised inside a sentence: part of a name ("the Support Group for Islam", "Group
        # to Support Islam and Muslims")
        return True
    if trigger.entry.pos == "VERB" and head.tag_ == "VBN" and head.dep_ in ("acl", "amod") \
            and trigger.entry.type not in VIOLENT_TYPES and not is_misread_predicate(head):
        return True  # "forces supported by airstrikes", "the UN-recognized government"
    return trigger.entry.pos == "NOUN" and head.dep_ == "compound" and len(trigger.span) == 1


PERSONAL_PRONOUNS = {"he", "she", "they", "him", "her", "them"}


def _compound_phrase(noun: Token) -> str:
    """A noun with the nouns compounded before it, as lemmas: "air strike"."""
    return " ".join([c.lemma_.lower() for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
                    + [noun.lemma_.lower()])


def _names_people(noun: Token) -> bool:
    """A person or group: a personal pronoun, a person's name, or a noun sectors.tsv knows."""
    return noun.lower_ in PERSONAL_PRONOUNS or noun.lemma_.lower() in PERSONAL_PRONOUNS \
        or noun.ent_type_ == "PERSON" or (noun.lemma_.lower(),) in sector_terms()


# Those who bear arms, and criminals, whose "targeting" is an attack
TARGETING_SECTORS = ARMED_SECTORS | {"CRM"}


def _names_armed(noun: Token) -> bool:
    """A force, a fighter or a weapon: "the air force targeted", "drones targeted"."""
    terms = sector_terms()
    words = [noun] + [c for c in noun.children if c.dep_ in ("compound", "amod")]
    return any((w.lemma_.lower(),) in terms and (terms[(w.lemma_.lower(),)][0] in TARGETING_SECTORS
                                                  or w.lemma_.lower() in dependent_terms()) for w in words)


def is_misread_predicate(verb: Token) -> bool:
    """"Hundreds of students protested in Dhaka": a sentence needs a finite verb, so a past form
    that the parser hung off a verbless sentence's subject as a modifier is the predicate."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") \
            or any(c.dep_ in ("agent", "auxpass") for c in verb.children):
        return False
    # the verb hangs off the verbless root, or off a noun of the subject's own "of" phrase
    # ("Medics of two hospitals protested")
    noun = verb.head
    while noun.dep_ in ("pobj", "prep", "compound") and noun.head.i != noun.i:
        noun = noun.head
    return noun.dep_ == "ROOT" and noun.pos_ not in ("VERB", "AUX")


def _in_title_case(sentence: Span) -> bool:
    """A headline in title case ("Gunmen Kill Five In Raid") that the segmenter did not mark."""
    words = [t for t in sentence if t.is_alpha]
    return sum(t.is_title for t in words) * 2 >= len(words)


@lru_cache(maxsize=1)
def _known_forms() -> dict[str, str]:
    """Written form -> lemma for the verbs the lexicons name (triggers and light verbs)."""
    verbs = {row["pattern"].split()[0].lstrip("*") for row in read_table("lexicons", "triggers.tsv")
             if row["pos"] == "VERB"}
    verbs |= {row["lemma"] for row in read_table("lexicons", "light_verbs.tsv")}
    forms: dict[str, str] = {}
    for verb in sorted(verbs):
        for form in verb_forms(verb):
            forms.setdefault(form, verb)
    return forms


def verb_lemma(token: Token) -> str:
    """The lemma of a verb, mended where the statistical lemmatizer errs ("staged" -> "stag")."""
    if token.pos_ in ("VERB", "AUX"):
        return _known_forms().get(token.lower_, token.lemma_.lower())
    return token.lemma_.lower()
