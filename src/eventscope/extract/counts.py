"""The human cost: killed, injured, displaced, arrested, abducted, as low / best / high.

A count is a number phrase in the victim slot of a casualty word (lexicons/casualty_words.tsv):
"at least five people ... were killed", "killed five herders", "the killing of five
herders", "about 12,000 people have fled", "the death toll climbed to 31". Hedges
(lexicons/count_hedges.tsv) set low and high ("at least eight": low 8, best 8; "more than 40":
low 41, best 40); vague plurals are ranges ("dozens": low 24, high 99). A breakdown ("including five children")
hangs below the victim phrase's head and is never read as, or added to, the total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Count
from ..tables import read_table

UNITS = {
    "a": 1, "an": 1, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
# A victim phrase that denies there were any: "no one was hurt", "nobody died", "no casualties"
NONE_WORDS = {"no", "neither", "nobody", "none", "noone"}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague plurals as ranges: "dozens" is two dozen or more and fewer than a hundred.
VAGUE = {"dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2000, 9999),
         "millions": (2_000_000, 9_999_999), "several": (3, 9)}
CASUALTY_WORDS = {(r["lemma"], r["pos"]): r["kind"] for r in read_table("lexicons", "casualty_words.tsv")}
IDIOM_OBJECTS = {(r["lemma"], r["pos"]): r["object"] for r in read_table("lexicons", "casualty_words.tsv") if r["object"]}
HEDGES = {r["phrase"]: r["effect"] for r in read_table("lexicons", "count_hedges.tsv")}
INTRANSITIVE = {"die", "flee"}
HEDGE_PREPOSITIONS = {"over", "about", "around", "nearly", "almost"}
NOT_COUNTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


@dataclass
class CountMention:
    kind: str
    count: Count
    span: Span  # the number phrase
    anchor: Token  # the casualty word
    victim: Token  # the head of the (first) victim phrase


def parse_number(tokens: list[Token]) -> tuple[int | None, bool]:
    """(value, vague) for number words and digits: "60,000", "three million", "1.5 million", "dozens"."""
    total, current, seen, vague = 0, 0.0, False, False
    for token in tokens:
        if token.ent_type_ in NOT_COUNTS:  # "in 2015", "at 1 pm", "$5 million"
            return None, False
        word = token.lower_.replace("-", " ")
        if word in NONE_WORDS:
            return 0, False
        if word in VAGUE:
            return VAGUE[word][0], True
        if DIGITS.match(word):
            current += float(word.replace(",", ""))
            seen = True
        elif word in UNITS or word == "another" and len(tokens) == 1:  # "another villager"; "another 5" is 5
            current += UNITS.get(word, 1)
            seen = True
        elif " " in word and all(part in UNITS for part in word.split()):  # "twenty-five"
            current += sum(UNITS[part] for part in word.split())
            seen = True
        elif word in SCALES and seen:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
    if not seen:
        return None, vague
    return int(total + current), vague


def _number_tokens(head: Token) -> list[Token] | None:
    """The number words that quantify a victim phrase headed by `head`."""
    if head.lower_ in NONE_WORDS:
        return [head]
    denial = next((c for c in head.children if c.dep_ == "det" and c.lower_ in NONE_WORDS), None)
    if denial is not None:  # "no one", "no civilians": none
        return [denial]
    if head.like_num or head.lower_ in VAGUE:
        return [t for t in head.subtree if t.like_num or t.lower_ in VAGUE or t.lower_ in SCALES
                and t.i <= head.i] or [head]
    for child in head.children:
        if child.dep_ == "nummod" or child.dep_ == "amod" and child.lower_ in VAGUE:
            return [t for t in child.subtree if t.like_num or t.lower_ in VAGUE or t.lower_ in SCALES]
        if child.dep_ == "prep" and child.lower_ == "of" and head.lower_ in VAGUE:
            return [head]
    # "a protester was killed", "killed another villager": one
    if head.tag_ in ("NN", "NNP") and any(c.dep_ == "det" and c.lower_ in ("a", "an", "another")
                                          for c in head.children):
        return [next(c for c in head.children if c.dep_ == "det")]
    # "dozens of people": the quantity is the head of a prepositional phrase
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in VAGUE:
        return [head.head.head]
    return None


def _hedge(tokens: list[Token]) -> str | None:
    first = tokens[0]
    doc = first.doc
    before = doc[max(first.i - 3, 0):first.i].text.lower()
    for phrase in sorted(HEDGES, key=len, reverse=True):
        if before.endswith(phrase):
            return phrase
    return None


def make_count(value: int, vague: bool, hedge: str | None) -> Count:
    if vague:
        high = next((top for low, top in VAGUE.values() if low == value), None)
        return Count(best=value, low=value, high=high, hedge=hedge or "vague plural")
    effect = HEDGES.get(hedge or "")
    if effect == "low":
        return Count(best=value, low=value, hedge=hedge)
    if effect == "above":  # "more than 40": at least 41, and 40 is the figure the report gives
        return Count(best=value, low=value + 1, hedge=hedge)
    if effect == "high":
        return Count(best=value, high=value, hedge=hedge)
    if effect == "approx":
        return Count(best=value, hedge=hedge)
    return Count(best=value, low=value, high=value)


def _victims(word: Token) -> list[Token]:
    """Heads of the phrases in the victim slot of a casualty word."""
    slots = []
    idiom = IDIOM_OBJECTS.get((word.lemma_.lower(), "VERB"))
    if idiom is not None:  # "five soldiers lost their lives"
        if not any(c.dep_ == "dobj" and c.lemma_.lower() == idiom for c in word.children):
            return []
        slots = [c for c in word.children if c.dep_ == "nsubj"]
    elif word.pos_ in ("VERB", "AUX"):
        deps = {"nsubjpass", "dobj"} | ({"nsubj"} if word.lemma_ in INTRANSITIVE else set())
        slots = [c for c in word.children if c.dep_ in deps
                 or c.like_num and c.dep_ in ("npadvmod", "nsubj", "attr", "oprd")]  # "six killed and 11 wounded"
        if not slots and word.dep_ in ("acl", "relcl") and word.tag_ == "VBN":
            slots = [word.head]  # "eight people killed in the attack"
        if not slots and word.dep_ == "ROOT" and not any(c.dep_ in ("dobj", "agent", "ccomp", "xcomp")
                                                         for c in word.children):
            # a telegraphic passive, "Three people killed.": a casualty verb with a subject and
            # no object or agent, alone in its sentence, tells who suffered it
            slots = [c for c in word.children if c.dep_ == "nsubj"]
        if not slots:  # "killed over 15 of them": a hedge parsed as a preposition
            slots = [g for c in word.children if c.dep_ == "prep" and c.lower_ in HEDGE_PREPOSITIONS
                     for g in c.children if g.dep_ == "pobj" and g.like_num]
        if not slots and word.dep_ == "conj" and word.head.pos_ == "VERB":
            # "a man was shot and killed", "shot and killed two guards": the first verb's victims
            slots = [c for c in word.head.children if c.dep_ in ("nsubjpass", "dobj")]
        if not slots and any(c.dep_ == "auxpass" for c in word.children):
            # a passive whose subject the parser attached elsewhere ("44 farmers harvesting
            # their crops were killed"): the nearest counted noun before the verb
            before = [t for t in word.sent if t.i < word.i and t.pos_ == "NOUN"
                      and any(c.dep_ == "nummod" for c in t.children)]
            slots = before[-1:]
    elif word.pos_ == "ADJ":
        if word.dep_ == "amod":
            slots = [word.head]
        slots += [c for c in word.children if c.like_num]
        if word.dep_ in ("acomp", "oprd"):
            slots += [c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        slots += [c for c in word.children if c.dep_ == "nsubj"]  # "One person dead."
    else:
        slots = [gc for c in word.children if c.dep_ == "prep" and c.lower_ == "of"
                 for gc in c.children if gc.dep_ == "pobj"]
        if any(c.dep_ == "nummod" for c in word.children):
            slots.append(word)  # "two fatalities": a noun that names the dead themselves
        if word.lemma_ == "death":  # "the death toll rose to 76", "a death toll of 76"
            toll = word.head if word.dep_ == "compound" else word
            verb = toll.head
            slots += [gc for c in verb.children if c.dep_ == "prep" for gc in c.children
                      if gc.dep_ == "pobj" and gc.like_num]
            slots += [gc for c in toll.children if c.dep_ == "prep" for gc in c.children
                      if gc.dep_ == "pobj" and gc.like_num]
    return [[slot] + _listed_with(slot) for slot in slots]


def _listed_with(slot: Token) -> list[Token]:
    """The phrases listed after a victim phrase, where the list closes with "and" ("six
    militiamen, two police and one soldier"); a comma alone often adds a breakdown ("35
    residents, two of them children")."""
    after = [c for c in slot.conjuncts if c.i > slot.i]
    if after and slot.doc[after[-1].left_edge.i - 1].lower_ in ("and", "&"):
        return after
    return []


def _one_person(noun: Token) -> bool:
    """A singular noun someone's own ("his wife", "their son"), a person's name or a singular
    personal pronoun ("killing him"): one person."""
    return noun.tag_ == "NN" and any(c.dep_ == "poss" for c in noun.children) \
        or noun.tag_ == "NNP" and noun.ent_type_ == "PERSON" or noun.lower_ in ("him", "her")


def _to_death(word: Token) -> bool:
    """"shot to death", "beaten to death", "burned to death": a verb of harm that kills."""
    return word.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "death" for g in c.children)
        for c in word.children)


# A body found is a death: "the bodies of three men were found", "police recovered a corpse".
REMAINS = {"body", "corpse"}
FINDING_VERBS = {"find", "discover", "recover", "retrieve", "exhume", "dump"}


def _found_remains(word: Token) -> list[list[Token]]:
    """The dead a found body counts: the "of" object ("the body of a man"), else the body
    phrase itself ("two bodies", "a man's body")."""
    if word.lemma_.lower() not in REMAINS or word.dep_ not in ("dobj", "nsubjpass") \
            or word.head.lemma_.lower() not in FINDING_VERBS:
        return []
    owners = [g for c in word.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return [owners[:1] + _listed_with(owners[0])] if owners else [[word]]


def find_counts(sentence: Span) -> list[CountMention]:
    found = []
    for word in sentence:
        pos = "VERB" if word.pos_ in ("VERB", "AUX") else word.pos_
        kind = CASUALTY_WORDS.get((word.lemma_.lower(), pos)) or ("fatalities" if _to_death(word) else None)
        groups = _victims(word) if kind else _found_remains(word)
        if groups and kind is None:
            kind = "fatalities"
        for group in groups:
            counted = []
            for victim in group:
                if victim.ent_type_ in ("DATE", "TIME"):  # a date the parser made a subject
                    continue
                numbers = _number_tokens(victim)
                if not numbers and _one_person(victim):  # "a councillor and his wife": two
                    counted.append((Count(best=1, low=1, high=1), [victim]))
                    continue
                if not numbers:
                    continue
                value, vague = parse_number(numbers)
                if value is None:
                    continue
                numbers.sort(key=lambda t: t.i)
                counted.append((make_count(value, vague, _hedge(numbers)), numbers))
            if not counted:
                continue
            # "killing six militiamen and one soldier": the dead of all sides are one toll
            count = counted[0][0] if len(counted) == 1 else _sum([c for c, _ in counted])
            span = sentence.doc[counted[0][1][0].i:counted[-1][1][-1].i + 1]
            found.append(CountMention(kind, count, span, word, group[0]))
    return found


def _sum(counts: list[Count]) -> Count:
    def total(values: list[int | None]) -> int | None:
        return None if any(v is None for v in values) else sum(values)

    return Count(best=total([c.best for c in counts]), low=total([c.low for c in counts]),
                 high=total([c.high for c in counts]), hedge=counts[0].hedge)


def stated_toll(sentence: Span) -> CountMention | None:
    """A sentence that only states a toll, as event notes close ("3 fatalities.", "Fatalities
    coded as 4.", "Unknown fatalities coded as 10."): the figure the note gives its event, which
    stands over the partial counts told before it."""
    for word in sentence:
        if word.lemma_.lower() != "fatality" or word.tag_ != "NNS":
            continue
        head = word  # the toll's phrase: "fatalities", "an unknown number of fatalities"
        if word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.lemma_.lower() == "number":
            head = word.head.head
        if head.dep_ == "ROOT":  # "3 fatalities."
            numbers = _number_tokens(word)
        elif head.dep_ == "nsubj" and head.head.lower_ in ("coded", "code", "codes"):  # the lemmatizer says "cod"
            # "Unknown fatalities coded as 10"
            numbers = _number_tokens(word) or [g for c in head.head.children if c.dep_ == "prep" and c.lower_ == "as"
                                               for g in c.children if g.like_num]
        else:
            continue
        if not numbers:
            continue
        value, vague = parse_number(numbers)
        if value is None or vague:
            continue
        span = sentence.doc[min(t.i for t in numbers + [word]):max(t.i for t in numbers + [word]) + 1]
        return CountMention("fatalities", make_count(value, False, None), span, word, word)
    return None
