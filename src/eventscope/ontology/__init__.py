"""PLOVER types and modes, and the mappings to ACLED and CAMEO, read from the TSV files here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..tables import read_table


@lru_cache(maxsize=1)
def cameo_roots() -> dict[str, str]:
    return {row["type"]: row["cameo_root"] for row in read_table("ontology", "plover.tsv")}


@lru_cache(maxsize=1)
def plover_modes() -> dict[str, frozenset[str]]:
    return {row["type"]: frozenset(filter(None, row["modes"].split("|")))
            for row in read_table("ontology", "plover.tsv")}


@dataclass(frozen=True)
class AcledRule:
    type: str
    mode: str
    weapon: str
    recipient: str
    actor: str
    event_type: str
    sub_event_type: str

    def matches(self, type_: str, mode: str | None, weapon: str | None,
                recipients: set[str], actors: set[str]) -> bool:
        return (
            self.type == type_
            and (not self.mode or self.mode == mode)
            and (not self.weapon or self.weapon == weapon)
            and (not self.recipient or self.recipient in recipients)
            and (not self.actor or self.actor in actors)
        )


@lru_cache(maxsize=1)
def acled_rules() -> tuple[AcledRule, ...]:
    return tuple(
        AcledRule(r["type"], r["mode"], r["weapon"], r["recipient"], r["actor"],
                  r["acled_event_type"], r["acled_sub_event_type"])
        for r in read_table("ontology", "acled.tsv")
    )


def acled_types(type_: str, mode: str | None, weapon: str | None,
                recipients: set[str], actors: set[str]) -> tuple[str | None, str | None, str]:
    """(ACLED event type, sub-event type, the rule that decided) for a coded event."""
    for number, rule in enumerate(acled_rules(), start=1):
        if rule.matches(type_, mode, weapon, recipients, actors):
            return rule.event_type, rule.sub_event_type, f"ontology/acled.tsv row {number}"
    return None, None, "ontology/acled.tsv: no row (ACLED would not code it)"


@lru_cache(maxsize=1)
def _recodings() -> dict[tuple[str, str], tuple[str, str | None]]:
    return {(r["stance"], r["type"]): (r["coded_as"], r["mode"] or None)
            for r in read_table("ontology", "recode.tsv")}


def recode(stance: str, type_: str) -> tuple[str, str | None] | None:
    """(type, mode) that PLOVER codes for an intended or refused action, or None."""
    return _recodings().get((stance, type_))
