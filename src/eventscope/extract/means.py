"""How an attack was carried out where its verb does not say: by the means its attacker names
("the air force targeted a depot" is an air strike; "drones hit a convoy" a drone strike), or
by the weapons told with an explosion ("explosions involving mortars" are shelling)."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from ..tables import read_table
from .actors import ActorMention


@lru_cache(maxsize=1)
def _means() -> dict[tuple[str, ...], str]:
    return {tuple(row["term"].split()): row["mode"] for row in read_table("lexicons", "attack_means.tsv")}


def mode_by_means(doc: Doc, attackers: list[ActorMention]) -> tuple[str, ActorMention] | None:
    """The mode the first attacker gives where its phrase is headed by a means of attack ("the
    air force", "Afghan airstrikes"; not "forces supported by airstrikes", whose means are
    the supporters')."""
    for mention in attackers[:1]:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        lemmas = [t.lemma_.lower() for t in span if t.is_alpha and t.i <= span.root.i]
        mode = _ending_means(lemmas)
        if mode is not None:
            return mode, mention
    return None


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
