"""Which mentions are one event: triggers of one type in one sentence, a headline and the
story under it, later sentences that retell an incident; and what is not news (cumulative
tolls, earlier incidents abroad recapped after the lead)."""

from __future__ import annotations

from spacy.tokens import Token

from ..gazetteer import normalise
from ..model import Count, Evidence
from .actors import ActorMention
from .candidate import DEFINITE, VIOLENT_SECTOR_TYPES, Candidate

# Modes that name the means of an attack, which one trigger can lend another in its sentence
# ("killed when the missiles reached"); "destroy" or "abduct" name a different act.
WEAPON_MODES = {"aerial", "drone", "explosives", "heavy-weapons", "firearms", "primitive",
                "suicide-attack", "unconventional"}
CASUALTY_TRIGGERS = {"kill", "murder", "killing"}
NEW_EVENT_MARKERS = {"another", "second", "third", "further", "separate", "other", "fresh", "also", "additionally",
                     "again", "anew"}
SPEECH_TYPES = {"ACCUSE", "REQUEST", "SUPPORT", "REJECT", "THREATEN", "CONCEDE"}
REVISION_FACTOR = 1.5


def merge_in_sentences(candidates: list[Candidate]) -> list[Candidate]:
    """Triggers of one type in one sentence report one event; the one highest in the parse
    leads (violence against people before damage to property), and a more specific trigger
    lends its mode when the lead names none."""
    groups: dict[tuple[int, str, str], list[Candidate]] = {}
    for candidate in candidates:
        key = (candidate.sentence.start, candidate.event.type, _mode_class(candidate))
        groups.setdefault(key, []).append(candidate)
    merged = []
    for group in groups.values():
        # damage to property is part of the violence told with it (ACLED: looting and property
        # destruction are coded on their own only outside other violence)
        group.sort(key=lambda c: (c.weapon == "property", _depth(c.trigger.head), c.trigger.span.start))
        lead = group[0]
        for other in group[1:]:
            inside_actor = any(m.start <= other.trigger.span.start_char < m.end for m in lead.actors)
            # a suicide attacker's explosion is a suicide bombing, whoever the parse makes lead
            refines = lead.event.mode == "explosives" and other.event.mode == "suicide-attack"
            if (lead.event.mode is None and other.event.mode in WEAPON_MODES and not inside_actor) or refines:
                lead.event.mode = other.event.mode
                if lead.weapon != "battle":  # a fight told with its shelling stays a fight
                    lead.weapon = other.weapon
                lead.event.evidence["mode"] = other.event.evidence["type"]
                if lead.trigger.entry.pattern in CASUALTY_TRIGGERS:  # "killed when a car bomb exploded"
                    lead.event.trigger = other.event.trigger
            absorb(lead, other)
        merged.append(lead)
    merged.sort(key=lambda c: c.trigger.span.start)
    return merged


def merge_headings(candidates: list[Candidate]) -> list[Candidate]:
    """A heading ("Russia blamed for attack") announces what the next paragraphs report:
    its events merge into the first later event of the same type."""
    kept = []
    for index, candidate in enumerate(candidates):
        if candidate.sentence[0]._.in_heading:
            later = next((c for c in candidates[index + 1:] if c.event.type == candidate.event.type), None)
            if later is not None:
                absorb(later, candidate, fill_only=True)
                continue
        kept.append(candidate)
    return kept


def merge_coreferent(candidates: list[Candidate]) -> list[Candidate]:
    """One incident told in several sentences is one event: a later mention merges into the
    latest earlier event of its type when nothing sets them apart (date, place, actors,
    an abduction beside a killing, "another strike")."""
    kept: list[Candidate] = []
    for candidate in candidates:
        antecedent = None
        if not _marks_new_event(candidate) and not candidate.aggregate:
            antecedent = next((k for k in reversed(kept) if not k.aggregate and _coreferent(k, candidate)), None)
        if antecedent is None:
            kept.append(candidate)
            continue
        if antecedent.sentence[0]._.in_heading and not candidate.sentence[0]._.in_heading:
            # A story's lead sentence tells the event, not its headline.
            kept[kept.index(antecedent)] = candidate
            antecedent, candidate = candidate, antecedent
        absorb(antecedent, candidate)
        if candidate.alleged_by and not antecedent.alleged_by:
            antecedent.alleged_by = candidate.alleged_by
            antecedent.actors = candidate.actors
            antecedent.event.source = candidate.event.source
    # "two airstrikes" sums up events the report tells one by one: keep the parts, which take
    # the summary's actors where they name none ("the junta carried out two airstrikes ... a
    # jet dropped three bombs")
    result = []
    for candidate in kept:
        parts = [o for o in kept if o.event.type == candidate.event.type and o is not candidate and not o.aggregate]
        if candidate.aggregate and parts:
            for part in parts:
                if not part.actors and candidate.actors:
                    part.actors = [ActorMention(m.actor, m.start, m.end, m.rule + "+summary") for m in candidate.actors]
            continue
        result.append(candidate)
    return result


def absorb(lead: Candidate, other: Candidate, fill_only: bool = False) -> None:
    """Fold another mention of the same event into the lead mention."""
    lead.absorbed.append(other.trigger)
    lead.absorbed_recipients += other.recipients + other.absorbed_recipients
    lead.harmed += other.harmed
    if not lead.actors:
        # one who suffered the event is not also its doer ("a truck hit a mine, killing three")
        suffered = {(m.start, m.end) for m in lead.recipients}
        lead.actors = [m for m in other.actors if (m.start, m.end) not in suffered]
    if not lead.recipients:
        lead.recipients = other.recipients
    lead.accused_of_violence |= other.accused_of_violence
    if other.place and (lead.place is None or not fill_only and other.place.rank < lead.place.rank):
        lead.place = other.place
    if not lead.own_date and other.own_date and not fill_only:
        lead.event.date_start, lead.event.date_end = other.event.date_start, other.event.date_end
        lead.event.date_precision = other.event.date_precision
        lead.event.evidence["date"] = other.event.evidence["date"]
        lead.own_date = True
    if lead.event.source is None:
        lead.event.source = other.event.source
    for kind, count in other.event.counts.items():
        add_count(lead, kind, count, other.event.evidence.get(kind))


def add_count(candidate: Candidate, kind: str, count: Count, evidence: Evidence | None) -> None:
    """The first figure stands unless a later one is a precise revision of it: a vague plural
    gives way to a number, and "over 70" to "at least 76"; a far larger later figure is a
    cumulative toll ("more than 300 have been killed since October"), not a revision."""
    current = candidate.event.counts.get(kind)
    if current is not None:
        if count.hedge == "vague plural" or current.best is None or count.best is None:
            return
        revision = current.best < count.best <= current.best * REVISION_FACTOR
        if current.hedge != "vague plural" and not revision:
            return
    candidate.event.counts[kind] = count
    if evidence is not None:
        candidate.event.evidence[kind] = evidence


def is_cumulative_toll(candidate: Candidate) -> bool:
    """"Scores have died in the unrest": a bare casualty verb with a vague figure
    and no date of its own sums up a conflict rather than reporting an event."""
    counts = candidate.event.counts.values()
    return (
        candidate.trigger.entry.pattern in CASUALTY_TRIGGERS
        and not candidate.own_date
        and bool(counts) and all(c.hedge == "vague plural" for c in counts)
    )


def _marks_new_event(candidate: Candidate) -> bool:
    head = candidate.trigger.head
    nouns = [head] + [c for c in head.children if c.dep_ == "dobj"]  # "held a rally of its own"
    for word in nouns:
        for child in word.children:
            if child.dep_ in ("det", "amod", "advmod") and child.lower_ in NEW_EVENT_MARKERS:
                return True
            # "a rally of its own", "their own rally": somebody else's event
            if child.lower_ == "own" or child.dep_ == "prep" and child.lower_ == "of" \
                    and any(g.lower_ == "own" for g in child.children):
                return True
    return False


def _mode_class(candidate: Candidate) -> str:
    return "abduct" if candidate.event.mode == "abduct" else "harm"


def _coreferent(earlier: Candidate, later: Candidate) -> bool:
    a, b = earlier.event, later.event
    if a.type != b.type or _mode_class(earlier) != _mode_class(later):
        return False
    # Two dated mentions are one event only on the same dates ("in recent days" and "earlier
    # this month" are two stories, however they overlap).
    if earlier.own_date and later.own_date and (a.date_start, a.date_end) != (b.date_start, b.date_end):
        return False
    pa, pb = earlier.place, later.place
    if pa and pb:
        if pa.place.country and pb.place.country and pa.place.country != pb.place.country:
            return False
        # Two different known towns are two places; a name the gazetteer lacks may be a
        # village or ward of the known one, but two unknown names are two places.
        both_known = pa.record is not None and pb.record is not None
        both_unknown = pa.record is None and pb.record is None
        if pa.place.precision == pb.place.precision == "town" and (both_known or both_unknown) \
                and normalise(pa.place.name or "") != normalise(pb.place.name or ""):
            return False
    # In a fight either side may be named first ("police killed protesters" ... "the clashes
    # between protesters and police"): the earlier event's targets count as its sides too.
    sides = earlier.actors + (earlier.recipients if a.type == "ASSAULT" and earlier.actors else [])
    ka = {(m.actor.country, m.actor.sector) for m in sides if m.actor.sector}
    # "the attackers", "the gunmen", "the terrorists" point back to whoever attacked: a definite
    # description that names no country is no new perpetrator
    kb = {(m.actor.country, m.actor.sector) for m in later.actors if m.actor.sector
          and not (m.actor.country is None and m.actor.text.lower().lstrip('"“').startswith("the "))}
    if ka and kb and not any(sa == sb and (ca == cb or ca is None or cb is None)
                             for ca, sa in ka for cb, sb in kb):
        return False  # different perpetrators (a country not yet known matches any)
    if a.type in SPEECH_TYPES and earlier.actors and later.actors and not _same_speaker(earlier, later):
        return False  # the governor "likewise condemned": a second voice, a second event
    # Compatible is not the same: ask for a sign of identity. A definite "the attack", the same
    # day, a restatement that brings no date of its own, or one about the same people ("eight
    # farmers were killed" ... "the farmers were killed on Thursday").
    return (later.definite or later.own_date and earlier.own_date or not later.own_date
            or _same_participants(earlier, later)
            or earlier.sentence[0]._.in_heading and bool(ka) and ka == kb)  # the story under its summary


def drop_recaps(candidates: list[Candidate]) -> list[Candidate]:
    """"On Monday, militants overran a border post in neighbouring Niger": after the lead
    incident, an earlier one in another country is the story's background."""
    lead = next((c for c in candidates if c.event.type in VIOLENT_SECTOR_TYPES and c.place), None)
    if lead is None:
        return candidates
    kept = []
    for candidate in candidates:
        recap = (
            candidate is not lead and candidate.event.type in VIOLENT_SECTOR_TYPES
            and candidate.place is not None and lead.own_date and candidate.own_date
            and candidate.place.place.country != lead.place.place.country
            and candidate.event.date_end < lead.event.date_start
        )
        if not recap:
            kept.append(candidate)
    return kept


def _same_speaker(earlier: Candidate, later: Candidate) -> bool:
    def heads(candidate: Candidate) -> set[str]:
        return {m.actor.text.lower().split()[-1] for m in candidate.actors if m.actor.text.strip()}
    return bool(heads(earlier) & heads(later))


def _same_participants(earlier: Candidate, later: Candidate) -> bool:
    def heads(mentions: list[ActorMention], definite_only: bool) -> set[str]:
        found = set()
        for mention in mentions:
            words = mention.actor.text.lower().split()
            if words and (not definite_only or words[0] in DEFINITE):
                found.add(words[-1])
        return found

    before = heads(earlier.actors + earlier.recipients, definite_only=False)
    return bool(before & heads(later.actors + later.recipients, definite_only=True))


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth
