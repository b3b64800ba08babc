"""ACLED's rules that read a sentence's events together, rather than one event at a time."""

from __future__ import annotations

from ..model import Event, Evidence
from .candidate import Candidate

CROWD_WORDS = ("protest", "demonstrat", "crowd", "supporter", "marcher", "rioter", "people", "student")


def protest_context(candidates: list[Candidate]) -> None:
    """ACLED codes a demonstration with what happens to it: police breaking it up or arresting
    its people make it a protest with intervention, deaths at their hands excessive force,
    violence by the crowd a riot. Applied to the events of one sentence together."""
    by_sentence: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        by_sentence.setdefault(candidate.sentence.start, []).append(candidate)
    state = {"COP", "MIL", "GOV"}
    for group in by_sentence.values():
        events = [c.event for c in group if c.event.modality == "asserted"]
        protests = [e for e in events if e.type == "PROTEST"]
        if not protests:
            continue
        def against_crowd(event: Event) -> bool:
            targets = [a.text.lower() for a in event.recipient]
            return not targets or any(word in t for t in targets for word in CROWD_WORDS)

        force = [e for e in events if e.type in ("ASSAULT", "COERCE") and against_crowd(e)
                 and ({a.sector for a in e.actor} & state or e.mode in ("crowd-control", "arrest"))]
        crowd = [e for e in events if e.type == "ASSAULT" and e not in force]
        if any(e.mode == "riot" for e in protests):
            label = ("Riots", "Violent demonstration")
            chosen = protests + crowd
        elif force:
            lethal = any(e.count("fatalities") for e in force)
            label = ("Protests", "Excessive force against protesters" if lethal else "Protest with intervention")
            chosen = protests + force
        else:
            continue
        for event in chosen:
            event.acled_event_type, event.acled_sub_event_type = label
            event.evidence["acled"] = Evidence(0, 0, label[1], "pipeline.protest-context")
