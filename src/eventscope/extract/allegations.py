"""Who the text says did what, where the event's own clause does not say: the one blamed for
it ("the activists blamed Russia for the missile attack"), the one who claims it or planted its
device ("Boko Haram claimed responsibility"), and the doer a condemnation is aimed at ("the
governor condemned the ambush")."""

from __future__ import annotations

from spacy.tokens import Doc

from .actors import ActorMention, ActorReader
from .candidate import VIOLENT_SECTOR_TYPES, Candidate
from .triggers import verb_lemma

# What is planted: "the device was planted by militants" names who set off the explosion
DEVICES = {"device", "ied", "mine", "landmine", "bomb", "explosive"}


def apply_allegations(candidates: list[Candidate]) -> None:
    """"The activists blamed Russia for the missile attack": the attack's actor is Russia,
    alleged by the activists."""
    by_head = {c.trigger.head.i: c for c in candidates}
    for accuse in candidates:
        if accuse.event.type != "ACCUSE":
            continue
        for child in accuse.trigger.head.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "over", "of"):
                for pobj in child.children:
                    target = by_head.get(pobj.i)
                    if target is None or target.event.type == "ACCUSE" or not accuse.recipients:
                        continue
                    target.actors = [ActorMention(m.actor, m.start, m.end, m.rule + "+alleged")
                                     for m in accuse.recipients]
                    target.alleged_by = accuse.event.actor[0].text if accuse.event.actor else (
                        accuse.actors[0].actor.text if accuse.actors else None)
                    target.event.source = target.alleged_by
                    accuse.accused_of_violence = target.event.type in VIOLENT_SECTOR_TYPES


def claimed_attacks(doc: Doc, actors: ActorReader, candidates: list[Candidate]) -> None:
    """"Boko Haram claimed responsibility", "the mine was planted by rebels": who claims an
    attack or laid its device carried out the attacks of the report that name no attacker."""
    unclaimed = [c for c in candidates if c.event.type == "ASSAULT" and not c.actors]
    if not unclaimed:
        return
    for token in doc:
        lemma = verb_lemma(token)
        if lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "credit")
                                    for c in token.children):
            claimants = [c for c in token.children if c.dep_ == "nsubj"]
            rule = "actor:claimed-responsibility"
        elif lemma in ("plant", "lay") and any(c.dep_ == "nsubjpass" and c.lemma_.lower() in DEVICES
                                               for c in token.children):
            claimants = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            rule = "actor:device-planted-by"
        else:
            continue
        found = [m for c in claimants for m in actors.read(c, rule)]
        if found:
            for candidate in unclaimed:
                candidate.actors = list(found)
            return


def condemned_perpetrators(candidates: list[Candidate]) -> None:
    """"The governor condemned the ambush": a condemnation that names no one is aimed at
    whoever the story says carried out what it condemns."""
    by_trigger = {}
    for candidate in candidates:
        for trigger in [candidate.trigger, *candidate.absorbed]:
            by_trigger[trigger.head.i] = candidate
    for accusation in candidates:
        if accusation.event.type != "ACCUSE" or accusation.recipients:
            continue
        for child in accusation.trigger.head.children:
            condemned = by_trigger.get(child.i) if child.dep_ == "dobj" else None
            if condemned is not None and condemned is not accusation and condemned.event.type != "ACCUSE" \
                    and condemned.actors:
                accusation.recipients = [ActorMention(m.actor, m.start, m.end, m.rule + "+condemned-act")
                                         for m in condemned.actors]
                break
