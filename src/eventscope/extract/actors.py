"""Actors and recipients: who did what to whom, from the parse, resolved to country and sector.

An argument phrase (a subject, object, "by" phrase, possessor...) is read into one actor per
conjunct: "the Russian and Syrian army" is two actors, "Syrian government forces supported by
Russian airstrikes" is two. The country comes from a country name, capital, demonym or
organisation inside the phrase (mentions.py); the sector from its head noun (sectors.tsv), a
country name alone being its government. A pronoun subject of a reported clause ("Turkey said
it was talking") is the reporter.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Actor
from .mentions import NamedIndex, dependent_terms, sector_terms

PRONOUNS = {"it", "they", "them", "he", "him", "she", "we", "its", "their", "his", "her"}
REPORTING_VERBS = {"say", "tell", "announce", "report", "claim", "state", "add", "confirm",
                   "estimate", "insist", "declare", "note", "allege", "warn", "write"}
# Verbs that speak about an event noun; their dates are their own ("confirming the attack on
# Monday", "condemned the attack on Saturday").
TALK_VERBS = {"condemn", "denounce", "blame", "confirm", "claim", "welcome", "criticize", "criticise", "mourn"}
CO_ACTOR_VERBS = {"support", "back", "aid", "assist", "join", "lead", "accompany", "help"}
MAX_SECTOR_PHRASE = 4
# Names of times and amounts are nobody: "On Tuesday, eight people were killed"
NOT_ACTOR_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
GROUP_NOUNS = {"thousand", "hundred", "dozen", "score", "million", "group", "crowd", "band", "number",
               "some", "many", "most", "several", "all", "one", "two", "three", "few", "pair", "couple",
               "handful", "ten", "tens"}


def _quantified_group(head: Token) -> Token | None:
    """The people a quantity phrase counts: "thousands of students" -> "students"."""
    if not (head.like_num or head.lemma_.lower() in GROUP_NOUNS):
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


@dataclass
class ActorMention:
    actor: Actor
    start: int  # character offsets in the document text
    end: int
    rule: str


def core_span(head: Token) -> Span:
    """The phrase a head stands for, without clauses and long modifiers after it."""
    doc = head.doc
    start = head.left_edge.i
    # a phrase of time or place that the parser hung on a modifier is no part of the name:
    # "On 3 May, presumed militants" (the date hangs on "presumed")
    while start < head.i:
        token = doc[start]
        if token.text == "(":  # "Around 1 May (as reported), militants"
            start = next((t.i + 1 for t in doc[start:head.i] if t.text == ")"), start + 1)
            continue
        if token.is_punct or token.ent_type_ in ("DATE", "TIME") or token.head.ent_type_ in ("DATE", "TIME") \
                and token.dep_ == "advmod":
            start += 1
            continue
        aside = next((a for a in [doc[start], *doc[start].ancestors] if a.i < head.i
                      and a.left_edge.i == start and a.dep_ in ("prep", "advcl")
                      and a.head.i != head.i), None)
        if aside is None:
            break
        start = aside.right_edge.i + 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("prep", "compound", "amod", "nummod", "poss") and child.dep_ != "relcl":
            if child.dep_ == "prep" and child.lower_ != "of":
                continue
            if child.dep_ == "nummod" and head.pos_ == "PROPN":
                break  # "to Portugal three of its citizens": a number after a name begins the next phrase
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ in ("acl",) and child.tag_ == "VBN":
            end = max(end, child.right_edge.i + 1)  # "headed by Deputy Foreign Minister X"
    # a spaced dash before the head ends a dateline or an aside: "CAIRO - A house"
    dashes = [t.i for t in doc[start:head.i] if t.lower_ in ("-", "–", "—") and t.i > 0 and doc[t.i - 1].whitespace_]
    if dashes:
        start = dashes[-1] + 1
    while start < end and doc[start].is_punct:
        start += 1
    return doc[start:end]


def _sector(tokens: list[Token], head: Token) -> tuple[str | None, str | None, str | None]:
    """(sector, country, term) from the longest sectors.tsv phrase ending at the head noun."""
    terms = sector_terms()
    lemmas = [t.lemma_.lower() for t in tokens]
    head_pos = [t.i for t in tokens].index(head.i) if head in tokens else len(tokens) - 1
    for length in range(min(MAX_SECTOR_PHRASE, head_pos + 1), 0, -1):
        phrase = tuple(lemmas[head_pos - length + 1:head_pos + 1])
        if phrase in terms:
            sector, country = terms[phrase]
            return sector, country, " ".join(phrase)
    lower = head.lower_
    for key in ((lower,), (lower.rstrip("s"),)):
        if key in terms:
            sector, country = terms[key]
            return sector, country, lower
    return None, None, None


def _countable(head: Token) -> bool:
    """A plural, or a noun with an article, number or possessor: things and groups ("a
    military post", "Army units"), not the bare mass nouns of acts ("military action")."""
    return head.tag_ in ("NNS", "NNPS") or any(c.dep_ in ("det", "nummod", "poss") for c in head.children)


def _modifier_sector(head: Token) -> tuple[str | None, str | None, str | None]:
    """The sector of the nearest compound or adjective before a head noun that names one."""
    terms = sector_terms()
    for modifier in sorted((c for c in head.lefts if c.dep_ in ("compound", "amod")), key=lambda t: -t.i):
        key = (modifier.lemma_.lower(),)
        if key in terms and key[0] not in dependent_terms():
            sector, country = terms[key]
            return sector, country, f"{key[0]}+{head.lemma_.lower()}"
    return None, None, None


# The sectors of those who bear arms (ONTOLOGY.md): what is theirs (positions, bases, convoys)
# stands for them as a target
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "PRM", "UAF", "SPY"})
# Sectors that say only that someone is armed or unknown, which a description may make precise
UNIDENTIFIED_SECTORS = {"UAF", "UNK"}
DESCRIBING_VERBS = {"describe", "identify", "believe", "suspect", "say"}


def _described_as(head: Token) -> tuple[str, str] | None:
    """The sector a description gives a vague actor: "armed men described as jihadists",
    "gunmen identified as members of a militia"."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_.lower() in DESCRIBING_VERBS:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "as":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            target = _quantified_group(pobj) or pobj
                            sector, _, term = _sector([target], target)
                            if sector and sector not in UNIDENTIFIED_SECTORS:
                                return sector, f"{term}+described"
    return None


class ActorReader:
    def __init__(self, named: NamedIndex):
        self.named = named

    def read(self, head: Token, rule: str) -> list[ActorMention]:
        """Actors named by the phrase headed by `head` (conjuncts and co-actors included)."""
        if head.lower_ in PRONOUNS and head.pos_ == "PRON":
            antecedent = self.antecedent(head)
            if antecedent is None:
                return []
            return self.read(antecedent, rule + "+pronoun")
        quantified = _quantified_group(head)
        if quantified is not None:  # "thousands of students", "a group of gunmen"
            return self.read(quantified, rule)
        mentions: list[ActorMention] = []
        for conjunct in self._conjuncts(head):
            mentions.extend(self._read_one(conjunct, rule))
            for child in conjunct.children:
                if child.dep_ == "acl" and child.lemma_.lower() in CO_ACTOR_VERBS:
                    for agent in child.children:
                        if agent.dep_ == "agent":
                            for pobj in agent.children:
                                if pobj.dep_ == "pobj":
                                    mentions.extend(self.read(pobj, rule + "+co-actor"))
        return mentions

    def people(self, head: Token, rule: str) -> list[ActorMention]:
        """People that the grammar of their clause shows to be people, though no lexicon names
        them: whoever protests is a protester, whoever is killed or wounded a victim ("surfers
        protested", "a shepherd was killed"); CAMEO codes such unnamed people as civilians."""
        found = self.read(head, rule)
        if found or head.pos_ == "PRON":
            return found
        target = _quantified_group(head) or head
        if target.pos_ != "NOUN" or target.ent_type_ in NOT_ACTOR_LABELS or target.lemma_.lower() in GROUP_NOUNS:
            return []
        named = [self.named.at(t.i)[1] for t in core_span(target) if self.named.at(t.i)]
        country = next((n.country for n in named if n.country), None)
        return [self._mention(core_span(target), country, "CVL", f"{rule}:people-by-grammar")]

    def _conjuncts(self, head: Token) -> list[Token]:
        result = [head]
        for child in head.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
                result.extend(self._conjuncts(child))
        return result

    def _read_one(self, head: Token, rule: str) -> list[ActorMention]:
        span = core_span(head)
        tokens = [t for t in span if t.i <= head.i]
        # Demonyms conjoined before one head ("the Russian and Syrian army") are one actor each.
        # "of" phrases lend a country ("the government of Syria"), and so do "in" phrases of
        # people ("opposition groups in Zimbabwe").
        lending = ("of", "in", "from") if _sector(tokens, head)[0] else ("of",)
        scan = tokens + [t for child in head.rights if child.dep_ == "prep" and child.lower_ in lending
                         for t in child.subtree]
        named = []
        seen = set()
        for token in scan:
            hit = self.named.at(token.i)
            if hit and hit[0].start not in seen:
                seen.add(hit[0].start)
                named.append(hit)
        sector, fixed_country, term = _sector(tokens, head)
        if sector is None and head.pos_ == "NOUN" and _countable(head):
            # "Army units", "a military post", "police vehicles": a head no lexicon knows takes
            # the sector of the word that says whose it is
            sector, fixed_country, term = _modifier_sector(head)
        own = self.named.at(head.i)
        if own and own[1].kind in ("country", "capital", "organisation"):
            named_span, entry = own
            country = entry.country
            chosen_sector = entry.sector or ("GOV" if entry.kind != "organisation" else None)
            return [self._mention(span, country, chosen_sector, f"{rule}:{entry.source}")]
        if head.ent_type_ in NOT_ACTOR_LABELS and sector is None and not own:
            return []
        if head.pos_ == "PROPN" and sector is None and not own:
            # "Ana Ruiz, Peru's best-known labour organiser": the apposition says who
            apposition = next((c for c in head.children if c.dep_ == "appos"), None)
            if apposition is not None:
                described = self._read_one(apposition, rule + "+apposition")
                if described and described[0].actor.sector:
                    return [self._mention(span, described[0].actor.country, described[0].actor.sector,
                                          described[0].rule)]
            # A person: the title before the name gives the sector ("President Ivan Duque").
            countries = [n.country for _, n in named if n.country]
            title = next((t for t in tokens if t.i < head.i and t.ent_type_ != "PERSON"
                          and (t.lemma_.lower(),) in sector_terms()), None)
            if title is None:
                title = next((t for t in tokens if t.i < head.i and (t.lemma_.lower(),) in sector_terms()), None)
            title_sector = sector_terms()[(title.lemma_.lower(),)][0] if title is not None else None
            return [self._mention(span, countries[0] if countries else None, title_sector,
                                  f"{rule}:person" + (f"+title:{title.lemma_.lower()}" if title is not None else ""))]
        if sector is None and not any(self.named.at(t.i) for t in tokens):
            whole = self._whose_part(head, rule) if head.pos_ == "NOUN" else None
            if whole is not None and whole.actor.sector in ARMED_SECTORS:  # "the positions of the army"
                return [self._mention(span, whole.actor.country, whole.actor.sector, whole.rule + "+owner")]
            return []  # the phrase names no actor itself (an "of" phrase alone lends a country only)
        demonym_countries = [n.country for _, n in named if n.kind in ("demonym", "country", "capital")]
        if term in dependent_terms() and not named:
            return []  # "an airstrike" names no one
        org = next((n for _, n in named if n.kind == "organisation"), None)
        if org is not None and org.sector and (sector is None or sector in UNIDENTIFIED_SECTORS):
            sector = org.sector  # "suspected Boko Haram members" are the group's
        described = _described_as(head) if sector in UNIDENTIFIED_SECTORS else None
        if described is not None:
            sector, term = described  # "armed men described as jihadists"
        if sector in UNIDENTIFIED_SECTORS:
            whole = self._whose_part(head, rule)
            if whole is not None:  # "members of the special security forces" are the forces'
                sector, term = whole.actor.sector, f"{term}+of"
                fixed_country = fixed_country or whole.actor.country
        if len(set(demonym_countries)) > 1 and head.pos_ in ("NOUN", "PROPN"):
            return [self._mention(span, c, sector, f"{rule}:demonyms+{term}") for c in dict.fromkeys(demonym_countries)]
        groups = [(named_span, n) for named_span, n in named if n.kind == "organisation" and n.sector]
        if len({n.source for _, n in groups}) > 1 and any(t.lower_ == "and" for t in tokens):
            # "GNA and LNA forces": groups conjoined before one head are one actor each
            return [self._mention(named_span, n.country, n.sector, f"{rule}:{n.source}")
                    for named_span, n in groups]
        # A named group outranks the demonyms around it ("the pro-Iranian Hizbollah group").
        country = fixed_country or (org.country if org is not None and org.country else None) \
            or (demonym_countries[0] if demonym_countries else None)
        named_sources = "+".join(n.source for _, n in named)
        source = f"{rule}:sectors.tsv:{term}" if term else f"{rule}:{named_sources}"
        return [self._mention(span, country, sector or ("GOV" if country else None), source)]

    def _whose_part(self, head: Token, rule: str) -> ActorMention | None:
        """The group a vague part belongs to: the "of" phrase of "members of X", "elements of X"."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = self._read_one(pobj, rule)
                        if found and found[0].actor.sector and found[0].actor.sector not in UNIDENTIFIED_SECTORS:
                            return found[0]
        return None

    def _mention(self, span: Span, country: str | None, sector: str | None, rule: str) -> ActorMention:
        text = span.text.strip()
        return ActorMention(Actor(text, country, sector), span.start_char, span.end_char, rule)

    def antecedent(self, pronoun: Token) -> Token | None:
        """The subject of the reporting verb above a pronoun subject, else the nearest earlier
        actor-like noun in the sentence."""
        verb = pronoun.head
        while verb.dep_ in ("ccomp", "xcomp", "conj", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            if verb.lemma_.lower() in REPORTING_VERBS:
                for child in verb.children:
                    if child.dep_ == "nsubj" and child.lower_ not in PRONOUNS:
                        return child
        sentence = pronoun.sent
        # an object pronoun is not its own verb's subject: "soldiers died when guerrillas attacked
        # them" (the soldiers, not the guerrillas)
        own_verb = pronoun.head if pronoun.dep_ in ("dobj", "dative", "pobj") else None
        for token in reversed(sentence[: pronoun.i - sentence.start]):
            if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in PRONOUNS and token.pos_ in ("NOUN", "PROPN") \
                    and token.head != own_verb:
                return token
        return None
