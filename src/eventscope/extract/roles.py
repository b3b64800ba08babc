"""Who did what to whom: the actors and the recipients of the event a trigger reports, read
from the parse (subjects and agents act; objects, passive subjects and the prepositions each
event type takes receive), with the shared subjects, complements, possessors and hosts that
news English leaves implicit."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Actor
from .actors import PRONOUNS, REPORTING_VERBS, ActorMention, ActorReader
from .event_places import EventPlaces
from .mentions import NamedIndex
from .modality import LIGHT_VERBS, clause_verb
from .triggers import Trigger, is_misread_predicate, verb_lemma

# Verbs of taking part that lend their subject to the event noun they govern ("converging for
# a rally", "took part in a march")
PARTICIPATION = {"converge", "gather", "join", "take", "participate", "assemble", "march"}
# Verbs whose subject runs into an explosive device rather than sets it off
DEVICE_STRIKING = {"strike", "hit", "step", "run", "drive", "trigger"}
# Fights a passive casualty can be told within: "killed in clashes with", "during an operation by"
FIGHT_NOUNS = {"clash", "fighting", "fight", "battle", "attack", "ambush", "operation", "raid", "offensive",
               "gunfight", "firefight", "shootout", "exchange", "assault", "encounter", "crossfire"}
# The rule of a visit's host: the government of the place visited
HOST_GOVERNMENT = "recipient:host-government"
# The prepositions whose object receives an event of each type ("the attack on X", "talks with X")
RECIPIENT_PREPS = {
    "CONSULT": {"with", "to"}, "ASSAULT": {"on", "against", "of", "at", "into"}, "REQUEST": {"on", "to"},
    "ACCUSE": {"of"}, "PROTEST": {"against"}, "SANCTION": {"on", "against"}, "AID": {"to", "for"},
    "AGREE": {"with"}, "COERCE": {"of"}, "THREATEN": {"against", "with", "to"},
    "REJECT": {"by", "from"},  # "rejected calls by X", "dismissed an appeal from X": the one who asked
}
# Fighting is mutual: the other side of a clash is named with "with" ("clashed with the army")
MUTUAL_PREPS = {"with"}

# The prepositions of a verb's complement that name whom the act is aimed at ("threatened to
# cut ties with Russia", "to deliver blows to the United States")
COMPLEMENT_PREPS = {"with", "against", "to", "on", "from"}
# Acts aimed at what someone did or holds: whose it is, is whom the act is aimed at
# ("protested President Assad's failure", "welcomed the president's statement")
OWNED_OBJECT_TYPES = {"PROTEST", "REQUEST", "REJECT", "ACCUSE", "SUPPORT", "THREATEN", "SANCTION"}


class RoleReader:
    """The roles of one document's events."""

    def __init__(self, doc: Doc, named: NamedIndex, actors: ActorReader, where: EventPlaces):
        self.doc = doc
        self.named = named
        self.actors = actors
        self.where = where

    def read(self, trigger: Trigger) -> tuple[list[ActorMention], list[ActorMention]]:
        """The actors and the recipients of the event a trigger reports."""
        head = trigger.head
        type_ = trigger.entry.type
        preps = RECIPIENT_PREPS.get(type_, set())
        if trigger.entry.weapon == "battle":
            preps = preps | MUTUAL_PREPS
        actors: list[ActorMention] = []
        recipients: list[ActorMention] = []
        if trigger.entry.pos == "VERB":
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
            for child in head.children:
                if child.dep_ == "nsubj":
                    if child.lower_ in ("that", "which", "who") and head.dep_ == "relcl":
                        actors += self.actors.read(head.head, "actor:relcl")
                    else:
                        actors += self.actors.read(child, "actor:nsubj")
                elif child.dep_ == "agent":
                    actors += self._pobj_actors(child, "actor:by")
                elif child.dep_ == "nsubjpass":
                    recipients += self.actors.read(child, "recipient:nsubjpass")
                elif child.dep_ == "csubjpass":
                    # "farmers working their fields were attacked", parsed as a clause: its subject
                    recipients += [m for c in child.children if c.dep_ == "nsubj"
                                   for m in self.actors.read(c, "recipient:nsubjpass")]
                elif child.dep_ in ("dobj", "dative"):
                    recipients += self.actors.read(child, f"recipient:{child.dep_}")
                    for prep in child.children:  # "opened fire on protesters"
                        if prep.dep_ == "prep" and prep.lower_ in preps and prep.lower_ != "of":
                            recipients += self._pobj_actors(prep, f"recipient:object-{prep.lower_}")
                elif child.dep_ == "prep" and child.lower_ in preps:
                    recipients += self._pobj_actors(child, f"recipient:{child.lower_}")
            if passive and not actors:
                # "one was killed and two were wounded by soldiers": coordinated passives share
                # their agent
                actors += [m for verb in head.conjuncts for c in verb.children if c.dep_ == "agent"
                           for m in self._pobj_actors(c, "actor:shared-agent")]
            if passive and not actors and type_ == "ASSAULT":
                actors += self._opponent_in_fight(head)
            if not actors:  # "a bomb planted by militants killed two": who set the subject
                actors += [m for c in head.children if c.dep_ == "nsubj" for verb in c.children
                           if verb.dep_ == "acl" and verb.tag_ == "VBN"
                           for m in self._set_by(verb, "actor:subject-set-by")]
            if type_ == "ACCUSE" and head.dep_ == "xcomp" and head.head.lemma_.lower() == "be" and not recipients:
                # "X are to blame for the killings, according to the Treasury": X is accused, by
                # whoever says so
                recipients = [m for c in head.head.children if c.dep_ == "nsubj"
                              for m in self.actors.read(c, "recipient:to-blame")]
                said_by = speaker(head)
                actors = self.actors.read(said_by, "actor:speaker") if said_by is not None else []
            if not recipients and not passive:
                # "assaulted and harassed two journalists": coordinated verbs share an object
                recipients += [m for verb in head.conjuncts if verb.i > head.i for c in verb.children
                               if c.dep_ == "dobj" for m in self.actors.read(c, "recipient:shared-object")][:1]
            if not recipients:
                recipients += self._complement_recipients(head, type_)
            if not recipients and type_ in OWNED_OBJECT_TYPES:
                recipients += [m for child in head.children if child.dep_ == "dobj" for m in self._owner_actors(child)]
            if not actors and not passive:
                # A shared or controlled subject: "attacked the village and killed 15", "is
                # willing to withdraw", "promised to continue".
                controller = _controller(head)
                if controller is not None:
                    actors += self.actors.read(controller, "actor:shared-subject")
            if head.dep_ in ("acl", "relcl") and not actors and not any(c.dep_ == "nsubj" for c in head.children):
                # "the village attacked by gunmen": the noun suffered it; "a delegation ...
                # traveled to Moscow" (parsed as a modifier): the noun did it.
                transitive_harm = type_ in ("ASSAULT", "COERCE") and head.tag_ == "VBN"
                if is_misread_predicate(head):  # "a group of youths clashed with ...", verbless to the parser
                    actors += self.actors.read(head.head, "actor:misread-subject")
                elif passive or transitive_harm or any(c.dep_ == "agent" for c in head.children):
                    if not recipients:
                        recipients += self.actors.read(head.head, "recipient:participle")
                else:
                    actors += self.actors.read(head.head, "actor:modified-noun")
        else:
            children = list(head.children)
            # "a clash broke out between X and Y": the sides hang on the verb of occurrence,
            # which the parser may also take for the noun's modifier ("a clash ensued between")
            occurrence = [head.head] if head.dep_ == "nsubj" and head.head.pos_ == "VERB" else []
            occurrence += [c for c in head.children if c.dep_ == "acl" and c.pos_ == "VERB"]
            children += [c for verb in occurrence for c in verb.children if c.dep_ == "prep" and c.lower_ == "between"]
            for child in children:
                named = self.named.at(child.i)
                # "Russian airstrikes", "Israel's strikes" name the attacker; "the Doha accord"
                # names where it was signed.
                if child.dep_ == "poss" or child.dep_ in ("compound", "amod") and named and named[1].kind != "capital":
                    actors += self.actors.read(child, f"actor:{child.dep_}")
                elif child.dep_ == "prep" and child.lower_ == "by":
                    actors += self._pobj_actors(child, "actor:by")
                elif child.dep_ in ("acl", "amod") and child.tag_ == "VBN":
                    actors += self._set_by(child, "actor:by")
                elif child.dep_ == "prep" and child.lower_ == "between":
                    both = [m for pobj in child.children if pobj.dep_ == "pobj" and self.where.toponym_at(pobj) is None
                            for m in self.actors.read(pobj, "actor:between")]
                    actors += both[:1]
                    recipients += both[1:]
                elif child.dep_ == "prep" and child.lower_ in preps:
                    recipients += self._pobj_actors(child, f"recipient:{child.lower_}")
            governor = head.head
            if head.dep_ == "pobj" and governor.lower_ == "of" and governor.head.dep_ == "dobj":
                head, governor = governor.head, governor.head.head  # "provide 25,000 tons of aid"
            elif head.dep_ == "pobj" and governor.lower_ in ("for", "in") and verb_lemma(governor.head) in PARTICIPATION:
                head, governor = governor, governor.head  # "converging for a rally", "took part in a march"
            if trigger.entry.mode == "explosives" and head.dep_ == "dobj" and verb_lemma(governor) in DEVICE_STRIKING:
                # "an army truck struck a mine": who runs into a device is its target
                recipients += [m for c in governor.children if c.dep_ == "nsubj"
                               for m in self.actors.read(c, "recipient:struck-device")]
            elif head.dep_ in ("dobj", "prep") and verb_lemma(governor) in LIGHT_VERBS | PARTICIPATION:
                for child in governor.children:
                    if child.dep_ == "nsubj" and not actors:
                        actors += self.actors.read(child, "actor:light-verb")
                    elif child.dep_ == "prep" and child.lower_ in preps and not recipients and type_ == "ASSAULT":
                        # "threw a grenade into a crowd", "opened fire at the convoy"
                        recipients += self._pobj_actors(child, f"recipient:light-verb-{child.lower_}")
            if head.dep_ == "nsubj" and governor.pos_ == "VERB" and not recipients:
                for child in governor.children:  # "a drone strike hit a fuel depot"
                    if child.dep_ == "dobj":
                        recipients += self.actors.read(child, "recipient:struck")
        if not recipients and type_ == "ASSAULT":
            recipients += self._targeted(trigger.head)
        if trigger.entry.weapon == "battle" and not recipients and len(actors) > 1:
            # "GNA and LNA forces clashed": a fight's joint subjects are its two sides
            actors, recipients = actors[:1], actors[1:]
        if trigger.entry.mode == "visit" and not recipients:
            recipients = self._host_government(head)
        if type_ == "PROTEST" and not actors:
            subject = _protest_subject(trigger.head)
            if subject is not None:
                actors = self.actors.people(subject, "actor:protest-subject")
        return actors, recipients

    def _complement_recipients(self, head: Token, type_: str) -> list[ActorMention]:
        """Whom an act is aimed at, where its verb names it in its complement: "threatened to
        break relations with Russia", "promised to continue aid to Mozambique", "demanded that
        the US cancel the sale"."""
        for child in head.children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                found = []
                for part in child.children:
                    if part.dep_ in ("dobj", "dative"):
                        found += self.actors.read(part, "recipient:complement-object")
                        found += [m for prep in part.children if prep.dep_ == "prep" and prep.lower_ in COMPLEMENT_PREPS
                                  for m in self._pobj_actors(prep, f"recipient:complement-{prep.lower_}")]
                    elif part.dep_ == "prep" and part.lower_ in COMPLEMENT_PREPS:
                        found += self._pobj_actors(part, f"recipient:complement-{part.lower_}")
                if found:
                    return found
            elif child.dep_ == "ccomp" and type_ == "REQUEST":
                # the one asked is the subject of what is asked for
                subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    found = self.actors.read(subject, "recipient:asked")
                    if found:
                        return found
        return []

    def _owner_actors(self, thing: Token) -> list[ActorMention]:
        """Whose a thing is, where the thing is no actor: "protested President Assad's failure",
        "defied a ban by General Aoun"."""
        for child in thing.children:
            if child.dep_ == "poss" and child.lower_ not in PRONOUNS:  # "their ties": the subject's own
                found = self.actors.read(child, "recipient:owner")
            elif child.dep_ == "prep" and child.lower_ == "by":
                found = self._pobj_actors(child, "recipient:owner-by")
            else:
                continue
            if found:
                return found
        return []

    def _set_by(self, participle: Token, rule: str) -> list[ActorMention]:
        """Who set, launched or planted a thing, by the participle that describes it: "a bomb
        planted by militants", "an offensive launched by the army", "a mine suspected to have
        been laid by rebels", "a Taliban-planted mine"."""
        found = []
        for verb in [participle] + [c for c in participle.children if c.dep_ == "xcomp"]:
            if verb_lemma(verb) not in LIGHT_VERBS:
                continue
            for part in verb.children:
                if part.dep_ == "agent":
                    found += self._pobj_actors(part, rule)
                elif part.dep_ in ("npadvmod", "compound", "nmod") and self.named.at(part.i):
                    found += self.actors.read(part, "actor:hyphenated-agent")
        return found

    def _targeted(self, head: Token) -> list[ActorMention]:
        """"airstrikes targeting militants", "raids were carried out, targeting a camp": what a
        participle of aiming, on the event or on its light verb, takes as object."""
        light = head.dep_ in ("dobj", "nsubjpass") and verb_lemma(head.head) in LIGHT_VERBS
        events = [head] + ([head.head] if light else [])
        return [m for event in events for aim in event.children
                if aim.dep_ in ("acl", "advcl", "xcomp") and aim.tag_ == "VBG" and aim.lemma_.lower() == "target"
                for c in aim.children if c.dep_ == "dobj" for m in self.actors.read(c, "recipient:targeting")]

    def _opponent_in_fight(self, verb: Token) -> list[ActorMention]:
        """Who did it, where a passive names the fight it happened in or followed: "killed in
        clashes with the militants", "killed during an operation carried out by the gendarmerie",
        "killed following an attack by gunmen"."""
        # "killed, injured or captured during an operation": the prepositions of the last verb too
        preps = [p for v in [verb, *verb.conjuncts] for p in v.children if p.dep_ == "prep"]
        for prep in preps:
            if prep.lower_ not in ("in", "during", "amid", "following", "after"):
                continue
            for fight in prep.children:
                if fight.dep_ != "pobj" or fight.lemma_.lower() not in FIGHT_NOUNS:
                    continue
                for part in fight.children:
                    if part.dep_ == "prep" and part.lower_ in ("with", "by"):
                        return self._pobj_actors(part, f"actor:fight-{part.lower_}")
                    if part.dep_ == "acl" and part.tag_ == "VBN":  # "an operation carried out by"
                        return [m for agent in part.children if agent.dep_ == "agent"
                                for m in self._pobj_actors(agent, "actor:fight-by")]
                    if part.dep_ in ("compound", "poss", "amod"):  # "a police raid", "the army's operation"
                        found = self.actors.read(part, "actor:fight-owner")
                        if found:
                            return found
        return []

    def _pobj_actors(self, prep: Token, rule: str) -> list[ActorMention]:
        found = []
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                found += self.actors.read(pobj, rule)
        return found

    def _host_government(self, head: Token) -> list[ActorMention]:
        """The government of the place visited: "traveled to Moscow" meets Russia."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "in"):
                for pobj in child.children:
                    hit = self.named.at(pobj.i)
                    toponym = self.where.toponym_at(pobj)
                    country = hit[1].country if hit else (toponym.place.country if toponym else None)
                    if country:
                        span = hit[0] if hit else toponym.span
                        return [ActorMention(Actor(span.text, country, "GOV"), span.start_char,
                                             span.end_char, HOST_GOVERNMENT)]
        return []


def _protest_subject(head: Token) -> Token | None:
    """Who protests, where no lexicon names them: the subject of the protest verb ("surfers
    protested"), of the verb that holds or stages it ("miners held a protest"), or the verbless
    sentence's subject the parser hung the verb on ("medics of two hospitals protested")."""
    verb = head
    if head.pos_ == "NOUN":
        if head.dep_ == "pobj" and head.head.head.pos_ == "VERB":
            verb = head.head.head  # "took part in a protest"
        elif head.dep_ == "dobj":
            verb = head.head
        else:
            return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        return subject
    if verb.dep_ == "acl":
        noun = verb.head
        while noun.dep_ in ("pobj", "prep", "compound") and noun.head.i != noun.i:
            noun = noun.head
        if noun.dep_ == "ROOT" and noun.pos_ in ("NOUN", "PROPN"):
            return noun
    return None


def _controller(verb: Token) -> Token | None:
    """The subject a verb without one shares with the clause above it."""
    current = verb
    if verb.dep_ == "acl" and verb.head.dep_ == "dobj":  # "issued a statement demanding that..."
        current = verb.head.head
        subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    while current.dep_ in ("xcomp", "conj", "advcl", "acomp") and current.head.i != current.i:
        current = current.head
        subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    return None


def speaker(head: Token) -> Token | None:
    """Who says what the clause of `head` tells: the one "according to" whom its sentence is
    told, else the subject of the reporting verb above the clause."""
    doc = head.doc
    for token in head.sent:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            found = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    current = clause_verb(head)
    while current.head.i != current.i:
        current = clause_verb(current.head)
        if verb_lemma(current) in REPORTING_VERBS:
            found = next((c for c in current.children if c.dep_ == "nsubj"), None)
            if found is not None:
                return found
    return None
