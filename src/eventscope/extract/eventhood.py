"""Which triggers report an event of their own, and how the text tells it.

A trigger can be part of another event ("rejected an appeal to lay down arms": the appeal is
what is rejected; "blocked roads demanding his return": the demand is the protest's), and a
trigger that reports an event of its own can tell it as done, intended, threatened or as the
background of the news. This module answers both before a trigger becomes a candidate event.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .candidate import Candidate
from .counts import CASUALTY_WORDS
from .modality import LIGHT_VERBS, clause_verb, modality
from .triggers import VIOLENT_TYPES, Trigger, verb_lemma

# Measures taken on grounds that the text names; the grounds are not events of their own.
GROUNDED_TYPES = {"SANCTION", "REQUEST", "REJECT", "CONCEDE", "COERCE"}


def is_part_of_other_event(trigger: Trigger, heads: dict[int, Trigger]) -> bool:
    """What another event is about, a protest's demand, or the charge an accusation makes."""
    return _is_content_of(trigger, heads) or _is_demand_of_protest(trigger, heads) or _is_charge(trigger, heads)


def telling(trigger: Trigger, recent_predicate: Callable[[Token], bool]) -> str:
    """How the text tells the trigger's event (modality.py's reasons), read in the light of the
    news around it: a backgrounded event noun dated to the last month by a predicate of its own
    is news; an earlier event is news when the main clause tells its toll; a protest's purpose
    is the protest; a promise with a condition is a threat."""
    reason = modality(trigger.head)
    if reason == "background" and recent_predicate(trigger.head):
        reason = "asserted"
    if reason == "sequence":
        # "families fled after an airstrike hit": the toll makes the earlier event the news
        main = clause_verb(clause_verb(trigger.head).head)
        reason = "asserted" if (main.lemma_.lower(), "VERB") in CASUALTY_WORDS else "background"
    if reason == "purpose" and trigger.entry.type == "PROTEST":
        reason = "asserted"  # "shunned work to protest": the act is the protest
    if reason in ("future", "intent") and _is_conditional(trigger.head):
        reason = "threat"  # "will withdraw its force unless...": a conditional promise is a threat
    return reason


def accuses_dropped_event(candidate: Candidate, heads: dict[int, Trigger], kept: set[int]) -> bool:
    """"Those killings were blamed on drug gangs", "most attacks are blamed on X": an
    accusation about an event that is not news (history, a generalisation) is not news either."""
    if candidate.event.type != "ACCUSE":
        return False
    head = candidate.trigger.head
    about = [c for c in head.children if c.dep_ == "nsubjpass"]
    about += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "over", "of")
              for g in c.children if g.dep_ == "pobj"]
    return any(t.i in heads and t.i not in kept for t in about)


def _is_content_of(trigger: Trigger, heads: dict[int, Trigger]) -> bool:
    """"rejected an appeal to lay down arms", "conceded to demands", "accused X over the
    negotiations": an event noun that is what another event is about is not an event of its
    own. Accusations keep theirs (the attack blamed on someone is news: see allegations)."""
    if trigger.entry.pos != "NOUN":
        return False
    head = trigger.head
    governor = head.head.head if head.dep_ == "pobj" else head.head
    if head.dep_ not in ("dobj", "pobj") or verb_lemma(governor) in LIGHT_VERBS:
        return False
    if head.dep_ == "pobj" and head.head.lower_ in ("during", "amid"):
        return False  # "threw stones during a march": the setting, an event of its own
    other = heads.get(governor.i)
    if other is not None and other.entry.type not in (trigger.entry.type, "ACCUSE"):
        return True
    if head.dep_ == "pobj" and head.head.head.lemma_.lower() in ("responsibility", "credit"):
        return True  # "responsibility for the attack was claimed": a claim about the attack
    # the grounds of a measure: "sanctions against a militia responsible for the kidnapping"
    for ancestor in list(head.ancestors)[:4]:
        measure = heads.get(ancestor.i)
        if measure is not None and measure.entry.type in GROUNDED_TYPES and measure.entry.type != trigger.entry.type:
            return True
    return False


def _is_charge(trigger: Trigger, heads: dict[int, Trigger]) -> bool:
    """"accused the United States of restoring blackmail in the negotiations", "charging its
    neighbour with supporting dissidents": what one side charges the other with is the
    accusation's content, not an event of its own; violence charged stays news (the attack
    blamed on someone happened: see allegations)."""
    if trigger.entry.type in VIOLENT_TYPES:
        return False
    token = trigger.head
    for _ in range(5):
        if token.dep_ == "prep" and token.lower_ in ("of", "with", "for"):
            accusation = heads.get(token.head.i)
            if accusation is not None and accusation.entry.type == "ACCUSE" and accusation.entry.pos == "VERB":
                return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _is_demand_of_protest(trigger: Trigger, heads: dict[int, Trigger]) -> bool:
    """"blocked roads demanding his return", "a demonstration calling for his removal": what a
    protest demands is part of the protest (ACLED and PLOVER code the protest), not a request
    of its own."""
    head = trigger.head
    if trigger.entry.type != "REQUEST" or head.dep_ not in ("acl", "advcl") or head.tag_ != "VBG":
        return False
    governor = head.head
    # the protest itself, or the noun its light verb takes ("staged a demonstration ... calling for")
    protests = [heads.get(governor.i)] + [heads.get(c.i) for c in governor.children
                                          if c.dep_ == "dobj" and verb_lemma(governor) in LIGHT_VERBS]
    return any(p is not None and p.entry.type == "PROTEST" for p in protests)


def _is_conditional(token: Token) -> bool:
    verb = clause_verb(token)
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
               for c in verb.children)
