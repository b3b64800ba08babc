"""Whether a trigger asserts that the event happened (PLOVER's auxiliary modes).

Negated ("did not attack"), future or hypothetical ("will visit", "could strike"), requested
or threatened ("asked Russia to set a ceasefire", "threatened to strike"), purposes ("with the
aim of reaching a ceasefire", "to end the attacks") and backgrounded mentions ("after further
bombing", "despite a ceasefire") are not coded as the event itself.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..tables import read_table
from .triggers import verb_lemma

LIGHT_VERBS = frozenset(r["lemma"] for r in read_table("lexicons", "light_verbs.tsv"))
MODALS = {
    "will": "future", "shall": "future", "'ll": "future", "wo": "future",
    "would": "hypothetical", "could": "hypothetical", "might": "hypothetical",
    "may": "hypothetical", "can": "hypothetical",
    "should": "obligation", "must": "obligation",
}
REPORTING = {"say", "tell", "announce", "state", "add", "declare", "insist", "confirm", "report"}
CLAUSE_DEPS = {"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp"}


def _words(kind: str) -> frozenset[str]:
    return frozenset(r["word"] for r in read_table("lexicons", "modality.tsv") if r["kind"] == kind)


IRREALIS_GOVERNORS = _words("irrealis")  # verbs and nouns whose complement is not asserted
IMPLICATIVES = _words("implicative")  # verbs whose infinitive complement did happen
BACKGROUND_PREPS = _words("background")  # prepositions that background an event noun
DENIALS = _words("denial")
HABITUAL = _words("habitual")
SEQUENCE_MARKS = _words("sequence-clause")
ONGOING = _words("ongoing")  # verbs that describe a conflict's course, not an event
NEGATORS = _words("negator")  # "failed to reach agreement"
INTENTS = _words("intent")  # "promised to withdraw", "is willing to negotiate"
BACKGROUND_MARKS = _words("background-clause")  # "since Haftar launched an offensive"
GENERIC_QUANTIFIERS = _words("generic")
PLURAL_NOUNS = _words("plural-noun")  # "imposed sanctions", "resumed talks": one event, plural form  # "most attacks", "a series of attacks"


def _is_generic_plural(noun: Token) -> bool:
    """"most attacks are blamed on", "a string of attacks", "fighting jihadist attacks": a
    plural event noun that speaks of a kind or a tally, not of one event. A plural that is
    the subject of its own predicate ("clashes erupted") or is specific ("the bombings",
    "two airstrikes", "Russian airstrikes") is not generic."""
    children = list(noun.children)
    if any(c.lower_ in GENERIC_QUANTIFIERS for c in children if c.dep_ in ("det", "amod", "advmod")):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in GENERIC_QUANTIFIERS:
        return True
    specific = any(c.dep_ in ("det", "poss", "nummod") or c.ent_type_ in ("NORP", "GPE", "ORG")
                   for c in children)
    if noun.dep_ == "dobj" and verb_lemma(noun.head) in LIGHT_VERBS:
        return False  # "staged rallies", "carried out airstrikes": events, however many
    if noun.dep_ == "pobj" and noun.head.lower_ in ("during", "amid"):
        return False  # "threw stones during demonstrations": the setting of something that happened
    return not specific and noun.dep_ in ("dobj", "pobj", "conj")


def clause_verb(token: Token) -> Token:
    """The verb whose clause a token belongs to (the token itself for a verb)."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def _aux_words(verb: Token) -> list[Token]:
    words = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    if not words and verb.dep_ == "conj":  # "should end and be implemented" shares "should"
        words = [c for c in verb.head.children if c.dep_ in ("aux", "neg")]
    return words


def modality(trigger_head: Token) -> str:
    """'asserted', or the reason the trigger does not assert its event."""
    token = trigger_head
    if any(c.dep_ == "neg" or c.lower_ in ("no", "never") and c.dep_ == "det" for c in token.children):
        return "negated"
    if token.pos_ in ("NOUN", "PROPN") or token.tag_ == "VBG" and token.dep_ in ("pobj", "dobj", "nsubj"):
        prep = token.head if token.dep_ == "pobj" else None
        if prep is not None:
            doc = prep.doc
            # Two-word prepositions ("due to", "because of") parse either way round.
            phrases = {prep.lower_, f"{doc[prep.i - 1].lower_} {prep.lower_}" if prep.i else "",
                       f"{prep.lower_} {doc[prep.i + 1].lower_}" if prep.i + 1 < len(doc) else ""}
            if phrases & BACKGROUND_PREPS:
                return "background"
            if prep.head.lemma_.lower() in IRREALIS_GOVERNORS:
                return "irrealis"
        if token.head.lemma_.lower() in IRREALIS_GOVERNORS and token.dep_ in ("dobj", "pobj"):
            return "irrealis"
    if token.pos_ == "NOUN" and token.dep_ == "nsubj" and token.head.lemma_.lower() in ONGOING:
        return "ongoing"  # "the fighting has stalled", "fighting spread to other regions"
    if token.pos_ == "NOUN" and token.tag_ == "NNS" and token.lemma_.lower() not in PLURAL_NOUNS \
            and _is_generic_plural(token):
        return "generic"
    if token.dep_ == "amod" and token.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in token.children):
        return "descriptive"  # "the besieged town": a state the noun is in, not an event told
    verb = clause_verb(token)
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in verb.children):
        return "habitual"  # "has repeatedly promised", "routinely beat": a pattern, not an event
    if verb.dep_ == "relcl" and verb.tag_ in ("VBZ", "VBP"):
        return "habitual"  # "a militia that backs Haftar": what someone is, not what they did
    if verb.dep_ == "relcl" and verb.head.dep_ == "appos" and not _tells_within(verb):
        return "descriptive"  # "the MPLA, a party that has governed since 1975": who they are
    if verb.tag_ == "VBG" and {c.lower_ for c in verb.children if c.dep_ == "aux"} >= {"been"} \
            and any(c.lower_ in ("has", "have", "had") for c in verb.children if c.dep_ == "aux"):
        return "ongoing"  # "have been blockading the ports": a state of affairs
    if _denied_subject(clause_verb(token)):
        return "negated"
    # Walk up through the clauses that embed the trigger.
    current = clause_verb(token)
    while True:
        words = _aux_words(current)
        if any(w.dep_ == "neg" for w in words):
            return "negated"
        for word in words:
            if word.lower_ in MODALS:
                kind = MODALS[word.lower_]
                # "they would boycott", reported: a stated intention, not a hypothesis
                if word.lower_ == "would" and current.dep_ == "ccomp" and current.head.lemma_.lower() in REPORTING:
                    return "future"
                return kind
        is_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        marks = {c.lower_ for c in current.children if c.dep_ == "mark"}
        if marks & BACKGROUND_MARKS:
            return "background"
        if marks & SEQUENCE_MARKS:
            if current.dep_ == "ROOT" and current.i != clause_verb(token).i:
                # "After X was stabbed, a bystander shot him": the parser made the "after"
                # clause the root and hung the main clause under it; the main clause is told
                return "asserted"
            return "sequence"  # "after the navy had shelled the port": earlier, unless its consequence is the news
        if current.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in current.children):
            return "conditional"  # "unless the president agrees"
        if current.dep_ not in CLAUSE_DEPS and current.dep_ != "pcomp":
            if current.dep_ == "conj" and current.head.i != current.i:
                current = clause_verb(current.head)
                continue
            break
        governor = current.head
        lemma = governor.lemma_.lower()
        if lemma in DENIALS:
            return "denied"
        if lemma in NEGATORS:
            return "negated"
        if lemma in INTENTS:
            return "intent"
        if lemma in IRREALIS_GOVERNORS:
            return "irrealis"
        # a perfect infinitive tells an earlier act, not an aim: "claimed to have killed",
        # "is said to have fled"
        perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in current.children)
        if is_infinitive and not perfect and current.dep_ in ("advcl", "acl", "xcomp") and lemma not in IMPLICATIVES \
                and not (lemma == "be" and current.lemma_.lower() == "blame"):  # "are to blame for": responsible
            return "purpose"
        if current.dep_ == "pcomp" and governor.head.lemma_.lower() in IRREALIS_GOVERNORS:
            return "irrealis"
        if governor.i == current.i:
            break
        current = clause_verb(governor)
    return "asserted"


NO_ONE = {"nobody", "none", "noone"}
# Clauses that share the subject of the verb they hang on: "were reported injured or killed"
SUBJECT_SHARING_DEPS = {"conj", "oprd", "xcomp"}


def _denied_subject(verb: Token) -> bool:
    """"No one was killed", "no soldiers were reported injured or killed": a clause whose
    subject is no one does not happen (a negative determiner negates the clause)."""
    while True:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return any(s.lower_ in NO_ONE or any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in s.children)
                       for s in subjects)
        if verb.dep_ not in SUBJECT_SHARING_DEPS or verb.head.i == verb.i:
            return False
        verb = verb.head


def _tells_within(verb: Token) -> bool:
    """"... clashed near X, in which two soldiers were killed": a relative clause opened by a
    preposition and "which" tells what happened within the event, not who someone is."""
    return any(c.dep_ == "prep" and any(g.lower_ in ("which", "whom") for g in c.children) for c in verb.children)
