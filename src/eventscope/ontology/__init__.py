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


def _inters(cell: str) -> frozenset[int | None] | None:
    """An actor-type cell: None matches anything; '-' stands for no actor."""
    if not cell:
        return None
    return frozenset(None if part == "-" else int(part) for part in cell.split("|"))


@dataclass(frozen=True)
class AcledRule:
    """One row of the ACLED codebook's decision table (acled.tsv)."""

    types: frozenset[str]
    mode: str
    weapon: str
    episode: str
    actor: frozenset[int | None] | None
    target: frozenset[int | None] | None
    event_type: str
    sub_event_type: str
    codebook: str

    def matches(self, type_: str, mode: str | None, weapon: str | None, episode: str | None,
                actor: int | None, target: int | None) -> bool:
        return (
            type_ in self.types
            and (not self.mode or self.mode == mode)
            and (not self.weapon or self.weapon == weapon)
            and (not self.episode or self.episode == episode)
            and (self.actor is None or actor in self.actor)
            and (self.target is None or target in self.target)
        )


@lru_cache(maxsize=1)
def acled_rules() -> tuple[AcledRule, ...]:
    return tuple(
        AcledRule(frozenset(r["type"].split("|")), r["mode"], r["weapon"], r["episode"],
                  _inters(r["actor"]), _inters(r["target"]),
                  r["acled_event_type"], r["acled_sub_event_type"], r["codebook"])
        for r in read_table("ontology", "acled.tsv")
    )


def acled_types(type_: str, mode: str | None, weapon: str | None, episode: str | None = None,
                actor: int | None = None, target: int | None = None) -> tuple[str | None, str | None, str]:
    """(ACLED event type, sub-event type, the rule that decided) for a coded event, given what
    its paragraph says of a demonstration (episode) and the ACLED types of its two actors."""
    for number, rule in enumerate(acled_rules(), start=1):
        if rule.matches(type_, mode, weapon, episode, actor, target):
            detail = f"; episode={episode}" if rule.episode else ""
            return rule.event_type, rule.sub_event_type, f"ontology/acled.tsv row {number} ({rule.codebook}){detail}"
    return None, None, "ontology/acled.tsv: no row (ACLED would not code it)"


@lru_cache(maxsize=1)
def _recodings() -> dict[tuple[str, str], tuple[str, str | None]]:
    return {(r["stance"], r["type"]): (r["coded_as"], r["mode"] or None)
            for r in read_table("ontology", "recode.tsv")}


def recode(stance: str, type_: str) -> tuple[str, str | None] | None:
    """(type, mode) that PLOVER codes for an intended or refused action, or None."""
    return _recodings().get((stance, type_))
