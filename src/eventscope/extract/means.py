"""How an attack was carried out where its verb does not say: by the means its attacker names
("the air force targeted a depot" is an air strike; "drones hit a convoy" a drone strike), or
by the weapons told with an explosion ("explosions involving mortars" are shelling)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..model import Evidence
from ..tables import read_table
from .actors import ActorMention
from .triggers import Trigger


@dataclass(frozen=True)
class Means:
    """How an attack was carried out: PLOVER mode, ACLED weapon class, and the words that say so."""

    mode: str | None
    weapon: str | None
    evidence: Evidence | None


def attack_means(doc: Doc, trigger: Trigger, attackers: list[ActorMention]) -> Means | None:
    """The means of an attack its trigger does not give (None where the trigger's own stand):
    the attacker's or the subject's weapon, the weapons fired with an explosion, and a device
    that went off prematurely (ACLED codebook, Strategic developments: Disrupted weapons use)."""
    entry = trigger.entry
    mode, weapon, said = entry.mode, entry.weapon, None
    if entry.type == "ASSAULT" and mode is None and weapon is None:
        found = mode_by_means(doc, attackers)
        if found is not None:
            mode, by = found
            said = Evidence(by.start, by.end, by.actor.text, f"attack_means.tsv:{mode}")
        elif entry.pos == "VERB" and (by_subject := mode_by_weapon_subject(trigger.head)) is not None:
            mode, subject = by_subject
            said = Evidence(subject.idx, subject.idx + len(subject), subject.text, f"attack_means.tsv:{mode}")
    if mode == "explosives" and any(c.lower_ == "prematurely" for c in trigger.head.children):
        weapon = "disrupted"  # a device that goes off in its carrier's hands
    elif entry.mode == "explosives" and entry.weapon is None:
        fired = mode_by_fired_weapons(trigger.head)
        if fired is not None:
            mode, weapon, word = fired
            said = Evidence(word.idx, word.idx + len(word), word.text, f"fired_weapons.tsv:{mode}")
    if (mode, weapon) == (entry.mode, entry.weapon):
        return None
    return Means(mode, weapon, said)


@lru_cache(maxsize=1)
def _means() -> dict[tuple[str, ...], str]:
    return {tuple(row["term"].split()): row["mode"] for row in read_table("lexicons", "attack_means.tsv")}


def mode_by_means(doc: Doc, attackers: list[ActorMention]) -> tuple[str, ActorMention] | None:
    """The mode the first attacker gives where its phrase is headed by a means of attack ("the
    air force", "Afghan airstrikes"; not "forces supported by airstrikes", whose means are
    the supporters')."""
    if not attackers:
        return None
    span = doc.char_span(attackers[0].start, attackers[0].end, alignment_mode="expand")
    if span is None:
        return None
    mode = _ending_means([t.lemma_.lower() for t in span if t.is_alpha and t.i <= span.root.i])
    return (mode, attackers[0]) if mode is not None else None


def mode_by_weapon_subject(verb: Token) -> tuple[str, Token] | None:
    """The mode a weapon gives as the subject of the verb: "a roadside bomb killed two"."""
    for subject in verb.children:
        if subject.dep_ in ("nsubj", "csubj"):
            lemmas = [t.lemma_.lower() for t in subject.subtree if t.is_alpha and t.i <= subject.i]
            mode = _ending_means(lemmas)
            if mode is not None:
                return mode, subject
    return None


def _ending_means(lemmas: list[str]) -> str | None:
    for length in (2, 1):
        if len(lemmas) >= length and tuple(lemmas[-length:]) in _means():
            return _means()[tuple(lemmas[-length:])]
    return None


@lru_cache(maxsize=1)
def _fired_weapons() -> dict[tuple[str, ...], str]:
    return {tuple(row["term"].split()): row["fire"] for row in read_table("lexicons", "fired_weapons.tsv")}


# What the fire of each kind makes an explosion: PLOVER mode and the ACLED weapon class
# (ontology/acled.tsv): direct fire is fighting, indirect fire shelling.
FIRE_MODES = {"direct": ("firearms", "battle"), "indirect": ("heavy-weapons", "artillery")}


def _phrase(head: Token) -> list[Token]:
    """The noun phrase an explosion is told in: "a total of 12 shells/explosions involving
    mortars" (climbs the nouns and prepositions above it, stops at the verb)."""
    top = head
    while top.head.i != top.i and top.head.pos_ in ("NOUN", "PROPN", "ADP", "NUM") \
            and top.dep_ in ("nmod", "pobj", "prep", "conj", "compound", "appos"):
        top = top.head
    return list(top.subtree)


def mode_by_fired_weapons(head: Token) -> tuple[str, str, Token] | None:
    """The mode and ACLED weapon of an explosion told with the weapons fired, with the word that
    says it: direct fire if any is a gun, else indirect fire; None where a device is named (a
    bomb's explosion stays a bomb's) or no weapon is."""
    tokens = _phrase(head)
    lemmas = [t.lemma_.lower() for t in tokens]
    found: dict[str, Token] = {}
    for i, token in enumerate(tokens):
        for length in (3, 2, 1):
            kind = _fired_weapons().get(tuple(lemmas[i:i + length]))
            # a lone word that modifies another noun names no weapon: "a weapons depot"
            if kind and not (length == 1 and token.dep_ == "compound"):
                found.setdefault(kind, token)
                break
    if "device" in found:
        return None
    for kind in ("direct", "indirect"):
        if kind in found:
            # fire "in both directions" is an exchange of fire: a clash whatever the weapons
            mode, weapon = FIRE_MODES["direct" if _both_directions(tokens) else kind]
            return mode, weapon, found[kind]
    return None


def _both_directions(tokens: list[Token]) -> bool:
    return any(t.lower_ == "both" and t.head.lemma_.lower() == "direction" for t in tokens)
