"""How an attack was carried out where its verb does not say: by the means its attacker names
("the air force targeted a depot" is an air strike; "drones hit a convoy" a drone strike)."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from ..tables import read_table
from .actors import ActorMention


@lru_cache(maxsize=1)
def _means() -> dict[tuple[str, ...], str]:
    return {tuple(row["term"].split()): row["mode"] for row in read_table("lexicons", "attack_means.tsv")}


def mode_by_means(doc: Doc, attackers: list[ActorMention]) -> tuple[str, ActorMention] | None:
    """The mode the first attacker whose phrase ends in a means of attack gives, with it."""
    for mention in attackers:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        lemmas = [t.lemma_.lower() for t in span if t.is_alpha] if span is not None else []
        for length in (2, 1):
            if len(lemmas) >= length and tuple(lemmas[-length:]) in _means():
                return _means()[tuple(lemmas[-length:])], mention
    return None
