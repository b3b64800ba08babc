"""Where an event happened: the place its trigger governs ("killed in X", "the attack on X",
"reached X"), else for violent and physical events a place of its sentence; talks and
statements in a datelined lead happened where the story was filed; else the town, province or
country the report is about."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..gazetteer import Gazetteer
from ..model import Event, Evidence, Place
from .actors import REPORTING_VERBS, TALK_VERBS
from .candidate import Candidate, evidence
from .mentions import NamedIndex
from .modality import clause_verb
from .places import DocumentPlaces, Toponym
from .toponym_conventions import ADMIN_WORDS, DISTRICT_WORDS, TOWN_WORDS

LOCATIVE_PREPS = {"in", "at", "near", "outside", "around", "inside", "across", "on", "into", "from"}
PLACE_KIND_WORDS = TOWN_WORDS | DISTRICT_WORDS | ADMIN_WORDS
# Where an event of these types names no place, the document's place is a fair guess; for
# statements and diplomacy it is not.
PLACED_TYPES = {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "AID"}


class EventPlaces:
    """The places of one document's events, from the document's resolved toponyms."""

    def __init__(self, doc: Doc, named: NamedIndex, places: DocumentPlaces, gazetteer: Gazetteer):
        self.doc = doc
        self.named = named
        self.places = places
        self.toponyms = places.toponyms
        self.gazetteer = gazetteer

    def toponym_at(self, token: Token) -> Toponym | None:
        for toponym in self.toponyms:
            if toponym.span.start <= token.i < toponym.span.end or toponym.span.root.head == token and toponym.span.root.dep_ == "compound":
                return toponym
        return None

    def place(self, candidate: Candidate) -> None:
        """The place the event of `candidate` happened at, where its sentence or lead says."""
        sentence = candidate.sentence
        in_sentence = [t for t in self.toponyms if sentence.start <= t.span.start < sentence.end]
        if not in_sentence:
            candidate.place = self._dateline_place(candidate)
            return
        people = candidate.actors + ([] if candidate.event.mode == "visit" else candidate.recipients)
        actor_chars = {(m.start, m.end) for m in people}
        head = candidate.trigger.head
        # the trigger and, for a noun, its own predicates ("the attack that hit the school in X")
        chain = {head.i} | {c.i for c in head.children if c.dep_ in ("acl", "relcl") and head.pos_ != "VERB"}
        if head.pos_ == "NOUN" and head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB":
            chain.add(head.head.i)  # "began talks in Jeddah", "talks were held in Jeddah"
        preps = LOCATIVE_PREPS | ({"to"} if candidate.event.mode == "visit" else set())
        attached, described, loose = [], [], []
        others = {i for t in in_sentence for i in range(t.span.start, t.span.end)}
        for toponym in in_sentence:
            root = toponym.span.root
            if _qualifies_other_place(root, others - set(range(toponym.span.start, toponym.span.end))):
                continue  # "Arauquita, a municipality in Arauca department": Arauca says where Arauquita is
            while root.dep_ in ("compound", "amod") and root.head.i != root.i:
                root = root.head
            if root.dep_ == "dobj" and root.head.i in chain and candidate.event.type in PLACED_TYPES:
                # "reached Mekelle", "shelled Kharkiv": the place is where it happened, even
                # when it is also read as the recipient
                attached.append(toponym)
                continue
            if any(s <= toponym.span.start_char and toponym.span.end_char <= e for s, e in actor_chars):
                continue
            if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_KIND_WORDS:
                root = root.head.head  # "hit the village of X": the village is where it happened
                if root.dep_ in ("dobj", "nsubjpass") and (root.head.i in chain or clause_verb(root.head).i in chain):
                    attached.append(toponym)
                    continue
            if root.dep_ == "pobj" and root.head.lower_ in preps:
                attach = root.head.head
                # climb nouns to the clause ("a school in Syria" belongs to "reached")
                via_subject = False
                while attach.pos_ in ("NOUN", "PROPN") and attach.i not in chain and attach.head.i != attach.i:
                    via_subject = via_subject or attach.dep_ == "nsubj"
                    if attach.dep_ == "pobj":
                        attach = attach.head.head
                    else:
                        attach = attach.head
                if attach.i in chain or clause_verb(attach).i in chain:
                    # "the warring parties in Sudan resumed talks in Saudi Arabia": where the
                    # subject comes from yields to where the event is
                    (described if via_subject else attached).append(toponym)
                    continue
            if self.named.at(toponym.span.start) and self.named.at(toponym.span.start)[1].kind == "capital" \
                    and toponym.span.root.dep_ in ("nsubj", "nsubjpass"):
                continue  # "Ankara said": a government, not a place
            if not _clause_of_other_place(toponym.span.root, head):
                loose.append(toponym)
        # ...but "clashes were reported in Khartoum": what is reported, as the subject, happened there
        talked_about = candidate.trigger.entry.pos == "NOUN" and head.dep_ not in ("nsubj", "nsubjpass") and \
            clause_verb(candidate.trigger.head).lemma_.lower() in TALK_VERBS | REPORTING_VERBS
        # "Confirming the attack to reporters in Maiduguri": the sentence's places are the talk's
        # a photo caption shows a scene at one place: the place it names is the event's
        scene = sentence[0]._.in_caption
        pool = attached or described or (loose if (candidate.event.type in PLACED_TYPES or scene) and not talked_about
                                         else [])
        if pool:
            # of two places the clause gives, one in the country the report is about is where
            # it happened ("outside the Geo office in Rawalpindi": not a Georgetown alias)
            main = self.places.main_country
            candidate.place = min(pool, key=lambda t: (bool(main and t.place.country and t.place.country != main),
                                                       t.rank, t.span.start))
        else:
            candidate.place = self._dateline_place(candidate)

    def _dateline_place(self, candidate: Candidate) -> Toponym | None:
        """"OTTAWA: On Friday the foreign ministry announced a travel ban": talks, statements
        and measures told in the story's lead, with no place of their own, happened where the
        story was filed."""
        dateline = self.places.dateline
        if dateline is None or candidate.event.type in PLACED_TYPES:
            return None
        # the lead is the sentence the dateline opens, whether or not the parser split it off
        after = dateline.span.end
        while after < len(self.doc) - 1 and (self.doc[after].is_punct or self.doc[after].is_space):
            after += 1
        lead = {dateline.span.sent.start, self.doc[after].sent.start}
        return dateline if candidate.sentence.start in lead else None

    def fallback(self, event: Event) -> None:
        """A violent or physical event whose sentence names no place: the town the report is
        about, else its province, else its country."""
        if event.location or event.type not in PLACED_TYPES:
            return
        town = self.places.main_town
        if town is not None:
            event.location = town.place
            event.evidence["location"] = evidence(town.span, "places.document-town")
        elif self.places.main_province and self.places.main_country:
            record = self.gazetteer.admin1(self.places.main_country, self.places.main_province)
            event.location = Place(text=self.places.main_province, name=self.places.main_province,
                                   country=self.places.main_country, admin1=self.places.main_province,
                                   precision="province",
                                   lat=round(record.lat, 5) if record and record.lat is not None else None,
                                   lon=round(record.lon, 5) if record and record.lon is not None else None)
            event.evidence["location"] = Evidence(0, 0, self.places.main_province, "places.document-province")
        elif self.places.main_country:
            event.location = Place(text=self.places.main_country, name=self.places.main_country,
                                   country=self.places.main_country, precision="country")
            event.evidence["location"] = Evidence(0, 0, self.places.main_country, "places.document-country")


def _clause_of_other_place(token: Token, trigger: Token) -> bool:
    """"fighting in Donetsk, where Russia says it controls Soledar": a relative clause on
    another noun tells of that noun, not of the trigger outside it."""
    while token.head.i != token.i:
        if token.dep_ == "relcl" and token.head.pos_ in ("PROPN", "NOUN") \
                and not (token.left_edge.i <= trigger.i <= token.right_edge.i):
            return True
        token = token.head
    return False


def _qualifies_other_place(token: Token, other_places: set[int]) -> bool:
    """A place named inside an apposition to another place ("X, a town in Y province") tells
    where that place lies, not where the event happened."""
    doc = token.doc
    while token.head.i != token.i:
        if token.dep_ == "appos" and token.head.i in other_places:
            return True
        token = token.head
        # the parser may hang the apposition elsewhere: "X, a municipality in Y" after a comma
        start = token.left_edge.i
        if token.lemma_.lower() in PLACE_KIND_WORDS and start >= 2 and doc[start - 1].text == "," \
                and start - 2 in other_places:
            return True
    return False
