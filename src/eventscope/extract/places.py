"""Places: toponyms in a document resolved against the gazetteer, using the document's context.

Toponyms are spaCy's GPE, LOC and FAC entities, names after a kind of place ("the village of
X"), and one-word towns the NER calls persons or products; a dateline ("CAIRO -") is kept
apart as where the story was filed. A toponym is resolved to the candidate that best fits the
document: the countries it names, the provinces its other names point to, the kind of place
the text says, then population. A toponym the gazetteer lacks (a village) keeps its name and
takes the point of the town the text puts it near, else of its province (the one the text puts
it in, or the one the document is about), so it still counts in the right regional totals.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer, PlaceRecord, district_key, normalise, province_kind
from ..model import Place
from .mentions import NamedIndex, sector_terms
from .toponym_conventions import (ADMIN_WORDS, DISTRICT_WORDS, PLACE_PREPOSITIONS, SIZEABLE_POPULATION, TOWN_WORDS,
                                   ConventionFinder, lies_in)

CONTEXT_WEIGHT = 6.0
# A country outranks its homonyms, unless the text is about the country of a homonym
# ("Georgia" in a report on Atlanta).
COUNTRY_WEIGHT = 5.0
PROVINCE_WEIGHT = 4.0  # a province the text anchors outweighs a hundredfold population
FAMOUS_POPULATION = 100_000  # a place this large may be named without naming its country
# A place this large is meant even where the report names a country with a village of its name
WORLD_CITY_POPULATION = 1_000_000
POPULATION_WEIGHT = 1.5  # per tenfold population
# Other names in the text that could lie in a candidate's province: local news names several
# places of one state ("Paris" beside "Lamar County" and "Roxton" is Paris, Texas).
NEIGHBOUR_WEIGHT = 3.0
NEIGHBOUR_CAP = 2.0
DISTRICT_NAMED_WEIGHT = 4.0  # "Paris ... Henry County": the Paris inside Henry County
# A place called by its own name outranks one that merely lists the name among its alternate
# names ("Moscow" is Russia's capital, not a Georgia town that was once called Moscow).
OWN_NAME_WEIGHT = 2.0
# The kind of place the text says ("Idlib province", "Jere district") outweighs population
KIND_WEIGHT = 10.0
PROVINCE_KINDS = {"province", "provincia", "department", "departement", "departamento"}
WIDE_FEATURES = ("CONT", "RGN", "SEA")  # continents, regions, seas: often of no one country
# Words after a town's name that make the name of a feature by it ("Salinas Valley"), and words
# before it that name a part of it ("North Dallas"); islands and mountains are seldom named
# after a town
FEATURE_WORDS = {"valley", "bay", "delta", "canal", "airport", "international", "square", "harbour", "harbor",
                 "beach", "river"}
PART_WORDS = {"greater", "downtown", "north", "south", "east", "west", "central", "northern", "southern",
              "eastern", "western", "upper", "lower"}
# A list of a country's divisions: a name among three others that could be its divisions is
# one too
PEER_DIVISIONS = 3
PEER_WEIGHT = 4.0
# What the NER may call a place by mistake
MISREAD_LABELS = ("PERSON", "PRODUCT", "ORG")


@dataclass
class Toponym:
    span: Span
    place: Place
    record: PlaceRecord | None
    rule: str
    guess: PlaceRecord | None = None  # the best candidate where the context rejected all of them

    @property
    def rank(self) -> int:
        """Smaller is more precise."""
        return ("town", "district", "province", "country").index(self.place.precision or "country")


def _hint(span: Span) -> str | None:
    doc = span.doc
    if [t.lower_ for t in doc[span.end:span.end + 3]] == ["local", "government", "area"]:
        return "district"  # Nigeria's LGAs
    after = doc[span.end].lemma_.lower() if span.end < len(doc) else ""
    before = doc[span.start - 2].lemma_.lower() if span.start >= 2 and doc[span.start - 1].lower_ == "of" else ""
    last = span[-1].lemma_.lower()
    for word in (after, last, before):
        if word in ADMIN_WORDS:
            return "province"
        if word in DISTRICT_WORDS:
            return "district"
        if word in TOWN_WORDS:
            return "town"
    return None


def _named_by_kind(doc: Doc, known: set[int]) -> list[Span]:
    """"the village of Tall Zaytuna": a capitalised name after a kind of place is a toponym,
    whether or not the NER saw it."""
    found = []
    for token in doc[:-2]:
        # the kind in lower case: "the town of X", not "the Department of Defense"
        if token.is_lower and token.lemma_ in TOWN_WORDS | DISTRICT_WORDS | ADMIN_WORDS and doc[token.i + 1].lower_ == "of":
            start = end = token.i + 2
            while end < len(doc) and (doc[end].is_title or doc[end].text in ("-", "al", "el", "ad", "as")) \
                    and not doc[end].is_sent_start:
                end += 1
            if end > start and start not in known and doc[start].is_title:
                found.append(doc[start:end])
    return found


DATELINE_ENDS = {"-", "—", "–", ":", "(", ","}
MONTH_PREFIXES = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}


def _datelines(doc: Doc) -> list[Span]:
    """Where a story was filed, at the start of a line: "CAIRO - A house in Tripoli...",
    "KYIV, Ukraine:", "Doha, Feb 29:". The place of the filing, not of what happened."""
    found = []
    for token in doc:
        if not (token.i == 0 or "\n" in doc[token.i - 1].text_with_ws):
            continue
        end = token.i
        while end < len(doc) and doc[end].is_alpha and doc[end].is_upper:
            end += 1
        if end > token.i:  # "BAGHDAD (Reuters) -"
            if end < len(doc) and doc[end].text in DATELINE_ENDS and len(doc[token.i:end].text) >= 3:
                found.append(doc[token.i:end])
            continue
        while end < len(doc) and doc[end].is_title:
            end += 1
        # "Doha, Feb 29": a name, a comma, a date
        if token.i < end and end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_[:3] in MONTH_PREFIXES:
            found.append(doc[token.i:end])
    return found


ABBREVIATED_KINDS = {"co": "county", "twp": "township", "par": "parish"}
# How the people of a state or town are named: Ohioans, Ontarians, Minnesotans, Texans,
# Richmondites, New Londoners. Tried in order on names the gazetteer lacks.
DEMONYM_ENDINGS = (("ians", "ia"), ("ians", "io"), ("ans", "a"), ("ans", "o"), ("ans", ""),
                   ("ns", ""), ("ites", ""), ("ers", ""), ("er", ""), ("ans", "as"), ("an", "as"), ("an", "a"),
                   ("ian", "ia"), ("n", ""))
DEMONYM_TOWN_POPULATION = 20_000


class Neighbours:
    """What the other names of a text say about where a candidate lies.

    Each distinct name casts one vote, split evenly over the provinces its candidates lie in,
    so an unambiguous name counts fully and "Washington" (in every state) counts for little.
    A name never votes for itself."""

    def __init__(self, spans: list[Span], candidates: dict[int, tuple[PlaceRecord, ...]]):
        self.votes: dict[str, Counter] = {}
        self.total: Counter = Counter()  # every name's votes added up
        self.districts: dict[str, set[str]] = {}
        # the counties that some candidate of each name lies in
        self.containing: dict[tuple[str | None, str | None, str], set[str]] = {}
        # the names that could be a first-level division, by country
        self.divisions: dict[str | None, set[str]] = {}
        for span in spans:
            name = normalise(span.text)
            if name in self.votes:
                continue
            for record in candidates[span.start]:
                if record.feature_code == "ADM1":
                    self.divisions.setdefault(record.country, set()).add(name)
            provinces = {(r.country, r.admin1) for r in candidates[span.start] if r.admin1}
            self.votes[name] = Counter({p: 1 / len(provinces) for p in provinces})
            self.total.update(self.votes[name])
            self.districts.setdefault(district_key(span.text), set()).add(name)
            for record in candidates[span.start]:
                if record.admin2 and not record.feature_code.startswith("ADM"):
                    self.containing.setdefault((record.country, record.admin1, district_key(record.admin2)),
                                               set()).add(name)

    def province(self, record: PlaceRecord, own: str) -> float:
        key = (record.country, record.admin1)
        return self.total[key] - self.votes.get(own, Counter())[key]

    def peer_divisions(self, record: PlaceRecord, own: str) -> int:
        """How many other names could be divisions of a division's country: a name among
        "Missouri", "Mississippi" and "Nevada" is the state, not a Missouri town."""
        if record.feature_code != "ADM1":
            return 0
        return len(self.divisions.get(record.country, set()) - {own})

    def district_named(self, record: PlaceRecord, own: str) -> bool:
        """A town whose county the text names, or a county that holds a town the text names
        ("Walker County" beside "Huntsville" is the Texas county)."""
        if record.feature_code == "ADM2":
            return bool(self.containing.get((record.country, record.admin1, district_key(record.name)), set()) - {own})
        if not record.admin2 or record.feature_code.startswith("ADM"):
            return False
        return bool(self.districts.get(district_key(record.admin2), set()) - {own})


# The last word of an organisation's name: "Ukraine Railways" and "Kabul University" are not
# places, whatever the NER says.
ORGANISATION_WORDS = {"railway", "railways", "company", "ministry", "bank", "party", "army", "university",
                      "council", "agency", "police", "forces", "group", "airline", "airlines", "corporation",
                      "committee", "commission", "front", "movement", "brigade", "battalion", "network"}


# The units of ISO 4217's currency names: "the US dollar", "the Lebanese pound" name money, not
# a place
CURRENCY_UNITS = {"dollar", "euro", "pound", "lira", "rupee", "dinar", "riyal", "rial", "dirham", "franc",
                  "shilling", "naira", "cedi", "rand", "peso", "yuan", "renminbi", "yen", "ruble", "rouble",
                  "hryvnia", "birr", "kwacha", "taka", "afghani", "kyat", "bolivar", "currency"}


def _names_a_currency(span: Span) -> bool:
    """"US dollar", "Lebanese pound rate": a name before a currency's unit names the money."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and after.lemma_.lower() in CURRENCY_UNITS and span.root.dep_ in ("compound", "amod", "nmod")


def _names_an_organisation(span: Span, named: NamedIndex) -> bool:
    hit = named.at(span.start)
    if hit is not None and hit[1].kind == "organisation" and hit[0].start <= span.start and span.end <= hit[0].end:
        return True  # "Sahel Province" inside "Islamic State Sahel Province"
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "(":
        after = named.at(span.end + 1)
        if after is not None and after[1].kind == "organisation":
            return True  # "... for West African Province (ISWAP)": the name the acronym spells out
    return span[-1].lower_ in ORGANISATION_WORDS


def _comma_parts(span: Span) -> list[Span]:
    """"Savalou, Collines" read as one name is a place and its qualifier: each is a name."""
    cuts = [t.i for t in span if t.text == ","]
    if not cuts:
        return [span]
    bounds = [span.start, *[i + 1 for i in cuts]]
    ends = [*cuts, span.end]
    return [span.doc[a:b] for a, b in zip(bounds, ends) if b > a]


def _clean(span: Span) -> Span:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the",) or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    # a hyphenated name the NER cut at its hyphen ("Ivano" of "Ivano-Frankivsk")
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
        end += 2
    return doc[start:end] if end > start else span


def _main_town(named: list[Toponym], country: str | None, province: str | None) -> Toponym | None:
    """The town of the main province that the report names more than once, its dateline
    included ("BAGHDAD (Reuters) - ... in central Baghdad"): where the report's events are
    when their own sentence names no place."""
    towns = [t for t in named if t.record is not None and t.place.precision == "town"
             and (t.place.country, t.place.admin1) == (country, province)]
    counts = Counter(t.record.geonameid for t in towns)
    if not counts or counts.most_common(1)[0][1] < 2:
        return None
    top = counts.most_common(1)[0][0]
    return next(t for t in towns if t.record.geonameid == top)


def _drop_homonyms_outside_province(toponyms: list[Toponym], provinces: Counter, country: str | None,
                                    province: str | None) -> None:
    """A village of another province, where the report names its own province and nothing else
    places the village there, is a homonym ("Nyaung Kone" in a Sagaing story is no Yangon
    hamlet): it becomes a place the index lacks, kept as a guess."""
    named = {(t.record.country, t.record.admin1) for t in toponyms
             if t.record is not None and t.record.feature_code in ("ADM1", "ADM1H")}
    if (country, province) not in named:
        return
    for index, toponym in enumerate(toponyms):
        record = toponym.record
        if record is not None and record.precision == "town" and record.population < SIZEABLE_POPULATION \
                and record.country == country and (record.country, record.admin1) not in named \
                and provinces[(record.country, record.admin1)] <= 1:
            place = Place(text=toponym.span.text, name=toponym.span.text, precision="town")
            toponyms[index] = Toponym(toponym.span, place, None, "places.homonym-outside-province", guess=record)


# The kinds of place that qualify a name ("X, Y", "X (Y)"): divisions and countries
QUALIFYING_FEATURES = ("ADM1", "ADM1H", "ADM2", "PCLI")


def _qualifier_start(span: Span, places: Container[int] = ()) -> int | None:
    """Where the place that qualifies a name would begin: after its comma or parenthesis, which
    follow the name, or, given the starts of the text's other places, follow the words after
    it up to the next place ("X district, Y")."""
    doc, after = span.doc, span.end
    while places and after < len(doc) and after not in places and doc[after].text not in ("(", ","):
        after += 1
    return after + 1 if after + 1 < len(doc) and doc[after].text in ("(", ",") else None


def _pin_qualified(spans: list[Span], candidates: dict[int, tuple[PlaceRecord, ...]]) -> None:
    """"Analalava (Analalava, Sofia)", "Paris, Texas": a name and the division that qualifies
    it are the candidates of each that lie one in the other, whatever else either could be
    (Sofia is then Madagascar's region, not Bulgaria's capital)."""
    found = dict(candidates)  # each name read by its own candidates, before any pairing narrows them
    for span in spans:
        qualifier, records = _qualifier_start(span, candidates), found[span.start]
        if qualifier not in candidates:
            continue
        if any(r.feature_code in ("PCLI", "ADM1", "ADM1H") for r in records):
            continue  # "Iraq, Iran and Syria", "Illinois, Missouri": a list, no qualified name
        # a place called by its own name ("X," written just so) before one that merely has it as
        # an alternate name; "X district," says a district, whatever the candidates are called
        own = normalise(span.doc[span.start:qualifier - 1].text)
        records = tuple(sorted(records, key=lambda r: normalise(r.name) != own))
        # a qualifier is read as a division before a town of its name ("Donetsk" the oblast)
        qualifiers = tuple(sorted(found[qualifier], key=lambda r: r.feature_code not in QUALIFYING_FEATURES))
        pair = lies_in(records, qualifiers)
        if pair is not None:
            candidates[span.start], candidates[qualifier] = (pair[0],), (pair[1],)
            continue
        # the qualifier of a place the index lacks is still a division: "X (Mandritsara, Sofia)"
        divisions = tuple(r for r in found[qualifier] if r.feature_code in QUALIFYING_FEATURES)
        if not records and divisions:
            candidates[qualifier] = divisions


def _drop_homonyms_outside_qualifier(toponyms: list[Toponym]) -> None:
    """"Rosales, Chihuahua", "Rosales (Chihuahua)": a town qualified by a province, district or
    country it does not lie in is a homonym of a place the index lacks there; it becomes such a
    place, kept as a guess, to be put at its qualifier (see _place_by_neighbour)."""
    by_start = {t.span.start: t for t in toponyms}
    for index, toponym in enumerate(toponyms):
        record = toponym.record
        qualifier = by_start.get(_qualifier_start(toponym.span))
        if record is None or record.precision != "town" or qualifier is None or qualifier.record is None:
            continue
        # a division it does not lie in, or a town of another country ("Chihuahua" read as the city)
        division = qualifier.record.feature_code in QUALIFYING_FEATURES
        if division and lies_in((record,), (qualifier.record,)) is None \
                or not division and qualifier.record.country != record.country:
            place = Place(text=toponym.span.text, name=toponym.span.text, precision="town")
            toponyms[index] = Toponym(toponym.span, place, None, "places.homonym-outside-qualifier", guess=record)


NEAR_PREPS = {"near", "outside", "in", "of"}


def _place_by_neighbour(toponyms: list[Toponym]) -> None:
    """A village the index lacks, placed by the town or district the text puts it near or in:
    "Kuchi village near Maiduguri", "Kuchi, a village in Jere district". It takes the known
    place's point, country and province, as ACLED codes a village it cannot find at the
    nearest known town; a province it is put in ("a Kossi province village", "in Borno
    State") gives its province and country, not a point."""
    known = {i: t for t in toponyms if t.record is not None and t.place.precision in ("town", "district", "province")
             for i in range(t.span.start, t.span.end)}
    for toponym in toponyms:
        if toponym.record is not None:
            continue
        root = toponym.span.root
        # the word the name belongs to: "Kuchi village", "the village of Kuchi", "Kuchi, a village"
        holders = [root]
        if root.dep_ in ("compound", "nmod", "appos"):
            holders.append(root.head)
        if root.dep_ == "pobj" and root.head.lower_ == "of":
            holders.append(root.head.head)
        holders += [c for c in root.children if c.dep_ == "appos"]
        # "attacked Kuchi village near Maiduguri": the parser hangs "near" on the verb
        holders += [h.head for h in holders if h.dep_ in ("dobj", "nsubjpass") and h.head.pos_ == "VERB"]
        anchors = [known[g.i] for holder in holders for c in holder.children
                   if c.dep_ == "prep" and c.lower_ in NEAR_PREPS for g in c.children if g.dep_ == "pobj" and g.i in known]
        # "a Kossi province village"
        anchors += [known[g.i] for holder in holders[1:] for c in holder.children if c.dep_ in ("compound", "nmod")
                    for g in c.subtree if g.i in known and g.i not in range(toponym.span.start, toponym.span.end)]
        # "Kuchi (Jere, Borno)", "Kuchi, Jere": the division the note qualifies it by
        qualifier = _qualifier_start(toponym.span)
        if qualifier in known:
            anchors.append(known[qualifier])
        if not anchors:
            continue
        anchor = min(anchors, key=lambda t: t.rank)  # the most precise
        place = toponym.place
        place.country, place.admin1 = anchor.place.country, anchor.place.admin1
        if anchor.place.precision != "province":
            place.lat, place.lon = anchor.place.lat, anchor.place.lon
        if anchor.place.precision == "district":
            place.precision = "district"  # a point for the district, not for the village
        toponym.rule = f"places.near:{anchor.place.name}"


@dataclass
class TextEvidence:
    """What one document says about where its names lie, beyond the countries it names."""
    vouched: dict[str, Counter]  # the countries a name itself stands for: no evidence for it
    neighbours: Neighbours
    # Countries named only by their people ("Israeli strikes", "Turkish forces"): who acts, which
    # in conflict reports is often not where
    peoples: Counter


@dataclass
class DocumentPlaces:
    """A document's toponyms, resolved, and the places it is about."""
    toponyms: list[Toponym]
    main_country: str | None = None
    main_province: str | None = None
    main_town: Toponym | None = None  # the town of the main province it names more than once
    dateline: Toponym | None = None  # the city it was filed from


def _names_a_partys_country(span: Span) -> bool:
    """"US airstrikes", "the Turkish-made drone", "United States air force": a country's name
    that modifies a noun naming a force or its weapon says whose they are, as a demonym does,
    not where anything happened."""
    root = span.root
    if root.dep_ not in ("compound", "amod", "nmod", "poss") or root.head.pos_ not in ("NOUN", "PROPN"):
        return False
    head = root.head
    words = [c.lemma_.lower() for c in head.children if c.dep_ == "compound" and span.end <= c.i < head.i]
    terms = sector_terms()
    return (head.lemma_.lower(),) in terms or tuple(words + [head.lemma_.lower()]) in terms


def _countries_misread(named: NamedIndex, taken: set[int]) -> list[Span]:
    """A country's name that the NER left unlabelled or called a product, a person or an
    organisation (the small model reads "Niger" as a product), where the text uses it as a place:
    the object of a preposition of place ("in neighbouring Niger", "across Chad"); "a trader
    from Niger" says where a person comes from, not where anything happened."""
    found = []
    for span, entry in named.spans:
        if entry.kind != "country" or span.start in taken or not span[0].is_title:
            continue
        root = span.root
        if root.ent_type_ not in ("", *MISREAD_LABELS) or root.dep_ != "pobj" \
                or root.head.lower_ not in PLACE_PREPOSITIONS:
            continue
        found.append(span)
    return found


class PlaceResolver:
    """Resolves the toponyms of one document at a time; keeps no state between documents."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.conventions = ConventionFinder(gazetteer)

    def find(self, doc: Doc, named: NamedIndex, spans: list[Span] | None = None) -> DocumentPlaces:
        """The toponyms of a document resolved in its context; `spans` to resolve given spans
        instead of finding them (as scorers give them)."""
        given = spans is not None
        if spans is None:
            datelines = _datelines(doc)
            filed = {i for span in datelines for i in range(span.start, span.end)}
            spans = [_clean(part) for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC") and ent.start not in filed
                     for part in _comma_parts(ent)]
            spans += _named_by_kind(doc, {s.start for s in spans})
            spans = [s for s in spans if not _names_an_organisation(s, named) and not _names_a_currency(s)
                     and not _names_a_partys_country(s)]
        # Countries the text names (as places or as actors) are the context for everything else.
        context: Counter[str] = Counter()
        # A name is no evidence for itself: "Paris" in a Texas paper is not France, nor is
        # "Georgia" beside Barrow County the Caucasian republic.
        vouched: dict[str, Counter] = {}
        peoples: Counter[str] = Counter()
        for span, entry in named.spans:
            if entry.kind == "country" and self._shared_name(span.text, entry.country):
                continue  # "Georgia" is as much the American state: no evidence either way
            if _names_a_currency(span):
                continue  # "the US dollar rate" in a report on Lebanon says nothing of where
            if entry.country and entry.kind in ("country", "capital", "demonym"):
                context[entry.country] += 1
                if entry.kind == "demonym" or entry.kind == "country" and _names_a_partys_country(span):
                    peoples[entry.country] += 1
                    continue
                if entry.kind in ("country", "capital"):
                    vouched.setdefault(normalise(span.text), Counter())[entry.country] += 1
        if not given:
            spans += self._misread(doc, named, {s.start for s in spans}, context)
            spans += _countries_misread(named, {i for s in spans for i in range(s.start, s.end)})
            spans += self._divisions_by_kind(doc, named, spans, context)
            spans += self.conventions.find(doc, named, {i for s in spans for i in range(s.start, s.end)}, context)
        candidates = {span.start: self._lookup(span, context) for span in spans}
        _pin_qualified(spans, candidates)
        text = TextEvidence(vouched, Neighbours(spans, candidates), peoples)
        for span in spans:
            for record in candidates[span.start][:1]:
                if record.feature_code == "PCLI":
                    context[record.country] += 2
        # Divisions the text names, and places it names that have only one candidate, anchor
        # the rest to their province ("Alexandria" near "Rapides Parish" is in Louisiana).
        # Two rounds: a division read in the light of the first round's anchors ("Georgia" once
        # Atlanta and its counties are placed) anchors the rest in the second.
        named_countries = Counter(context)
        anchors: set[tuple[str, str]] = set()
        for _ in range(2):
            found: set[tuple[str, str]] = set()
            for span in spans:
                records = candidates[span.start]
                first = self._resolve(span, records, context, text, anchors or None)
                # a division anchors; so does a town with one candidate, unless the countries the
                # text names (peoples included) all lie elsewhere
                if first and first.record and first.record.admin1 and (
                        first.record.feature_code in ("ADM1", "ADM2") or len({(r.country, r.admin1) for r in records}) == 1
                        and (not named_countries or first.record.country in named_countries)):
                    found.add((first.record.country, first.record.admin1))
            anchors = found
            # the countries of the divisions named count as named too
            # (in a fixed order: a tie for the main country must not depend on set order)
            context = named_countries + Counter(country for country, _ in sorted(anchors, key=str) if country)
        provinces: Counter[tuple[str, str]] = Counter()
        toponyms = []
        for span in spans:
            toponym = self._resolve(span, candidates[span.start], context, text, anchors)
            if toponym:
                toponyms.append(toponym)
                if toponym.place.admin1 and toponym.place.country:
                    # a province the text names outweighs one its towns imply: a village's
                    # homonym elsewhere in the country does not move the report
                    named_division = toponym.record is not None and toponym.record.feature_code in ("ADM1", "ADM1H")
                    provinces[(toponym.place.country, toponym.place.admin1)] += 2 if named_division else 1
        # The country the report is about: the countries it names as places and those of the
        # places it names; a people's country only where it names no place of any country.
        about = context - peoples
        about.update(t.place.country for t in toponyms if t.record is not None and t.place.country)
        if not about:
            about = context
        found = DocumentPlaces(toponyms)
        found.main_country = about.most_common(1)[0][0] if about else None
        main_provinces = [p for p, _ in provinces.most_common() if p[0] == found.main_country]
        found.main_province = main_provinces[0][1] if main_provinces else None
        _drop_homonyms_outside_province(toponyms, provinces, found.main_country, found.main_province)
        _drop_homonyms_outside_qualifier(toponyms)
        for toponym in toponyms:
            if toponym.record is None:  # unknown village: the document's country and province
                toponym.place.country = found.main_country
                toponym.place.admin1 = found.main_province
        _place_by_neighbour(toponyms)
        self._place_in_province(toponyms)
        if given:
            return found
        # a dateline names a city: "WASHINGTON" is not the state, "US-Afghan deal" no dateline,
        # and "NATO:" no hamlet abroad
        filings = [
            toponym for span in datelines
            if (toponym := self._resolve(span, tuple(r for r in self._lookup(span, context) if r.precision == "town"),
                                         context, text, anchors)) and toponym.record
            and (toponym.record.country in context or toponym.record.population >= SIZEABLE_POPULATION)]
        found.dateline = filings[0] if filings else None
        found.main_town = _main_town(toponyms + filings, found.main_country, found.main_province)
        return found

    def _place_in_province(self, toponyms: list[Toponym]) -> None:
        """A place the index lacks, with no known town beside it, is put where ACLED puts a
        village it cannot find: at its province's point, with the precision of that point."""
        for toponym in toponyms:
            place = toponym.place
            if toponym.record is not None or place.lat is not None or not (place.country and place.admin1):
                continue
            province = self.gazetteer.admin1(place.country, place.admin1)
            if province is not None and province.lat is not None:
                place.lat, place.lon = round(province.lat, 5), round(province.lon, 5)
                place.precision = "province"
                toponym.rule = f"places.in-province:{place.admin1}"

    def _misread(self, doc: Doc, named: NamedIndex, known: set[int], context: Counter) -> list[Span]:
        """Towns the NER calls a person, a product or an organisation ("Mekelle", "Kramatorsk"):
        a one-word name that the gazetteer holds as a sizeable place of a country the text names
        (or a large one anywhere), that names no actor, acts as no subject, and is nobody's
        surname here."""
        surnames = {ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
        found = []
        for ent in doc.ents:
            if ent.label_ not in MISREAD_LABELS or ent.start in known:
                continue
            span = _clean(ent)
            if len(span) != 1 or not span[0].is_title or span[0].lower_ in surnames or named.at(span.start):
                continue
            if span[0].dep_ == "nsubj":
                continue  # "Jackson said": who acts and speaks is a person
            if any(not r.feature_code.startswith("PCL") and r.population >= (
                    SIZEABLE_POPULATION if r.country in context else FAMOUS_POPULATION)
                   for r in self.gazetteer.lookup(span.text)):
                found.append(span)
        return found

    def _divisions_by_kind(self, doc: Doc, named: NamedIndex, spans: list[Span], context: Counter) -> list[Span]:
        """A capitalised name and a division's kind that the NER left unlabelled ("Pale
        Township, Sagaing Region") or called an organisation or a person ("Adamawa State"), held
        by the gazetteer as a division."""
        taken = {i for span in spans for i in range(span.start, span.end)}
        found = []
        for token in doc[1:]:
            if not (token.is_title and token.lemma_.lower() in ADMIN_WORDS | DISTRICT_WORDS) or token.i in taken \
                    or token.ent_type_ not in ("", *MISREAD_LABELS):
                continue
            start = token.i
            while start > token.sent.start and token.i - start < 3 and doc[start - 1].is_title \
                    and doc[start - 1].ent_type_ == token.ent_type_ and start - 1 not in taken:
                start -= 1
            span = doc[start:token.i + 1]
            if start < token.i and not named.at(start) \
                    and any(r.feature_code.startswith("ADM") for r in self._lookup(span, context)):
                found.append(span)
        return found

    def _shared_name(self, name: str, country: str) -> bool:
        """A country's name that a division or city at least half its size also bears."""
        records = self.gazetteer.lookup(name)
        size = max((r.population for r in records if r.feature_code == "PCLI" and r.country == country), default=0)
        return any(r.feature_code != "PCLI" and r.population * 2 >= size > 0 for r in records)

    def _lookup(self, span: Span, context: Counter) -> tuple[PlaceRecord, ...]:
        """"Barrow County" by its whole name, else "Idlib province" as "Idlib"; "Loudon Co."
        as "Loudon County"; a people ("Ohioans", "New Londoners") as their place."""
        records = self.gazetteer.lookup(span.text)
        if not records and len(span) > 1 and span[-1].lemma_.lower() in ADMIN_WORDS | DISTRICT_WORDS | {"city", "town"}:
            records = self.gazetteer.lookup(span[:-1].text)
        if not records:
            words = normalise(span.text).split()
            if len(words) > 1 and words[-1] in ABBREVIATED_KINDS:
                records = self.gazetteer.lookup(" ".join(words[:-1] + [ABBREVIATED_KINDS[words[-1]]]))
        if not records and len(span) > 1:
            records = self._namesake(span, context)
        if not records and span.text[:1].isupper():
            for ending, replacement in DEMONYM_ENDINGS:
                if span.text.endswith(ending) and len(span.text) > len(ending) + 2:
                    found = self.gazetteer.lookup(span.text[: -len(ending)] + replacement)
                    # only a division or a sizeable town: "Ohioans" is Ohio, not a hamlet
                    records = tuple(r for r in found if r.feature_code.startswith(("ADM1", "PCL"))
                                    or r.population >= DEMONYM_TOWN_POPULATION and r.feature_code not in WIDE_FEATURES)
                    if records:
                        break
        return records

    def _namesake(self, span: Span, context: Counter) -> tuple[PlaceRecord, ...]:
        """A feature the index lacks, by the town it is named after or lies in: "Salinas
        Valley", "Da Nang International Airport", "Lake Erie", "Greater Mumbai", "North Dallas"."""
        words = [t.text for t in span]
        lowered = [w.lower() for w in words]
        if lowered[0] in PART_WORDS or lowered[0] == "lake":
            rest = words[1:]
        else:
            end = len(words)
            while end > 1 and lowered[end - 1] in FEATURE_WORDS:
                end -= 1
            rest = words[:end] if end < len(words) else []
        if not rest:
            return ()
        # towns only ("West Midlands" is no Midlands province, "Eastern Mediterranean" not the
        # sea's middle), and a small one only in a country the text names ("Western Kasai" is no
        # Japanese town)
        return tuple(r for r in self.gazetteer.lookup(" ".join(rest)) if r.precision == "town" and (
            not context or r.country in context or r.population >= FAMOUS_POPULATION))

    def _resolve(self, span: Span, records: tuple[PlaceRecord, ...], context: Counter, text: TextEvidence,
                 anchors: set[tuple[str, str]] | None = None) -> Toponym | None:
        hint = _hint(span)
        if not records:
            if not span.text[:1].isupper():
                return None
            place = Place(text=span.text, name=span.text, precision=hint or "town")
            return Toponym(span, place, None, "places.unresolved+document-context")

        own = normalise(span.text)
        if own in text.vouched:
            context = context - text.vouched[own]

        namesakes = {(r.country, r.admin1) for r in records if not r.feature_code.startswith(("ADM", "PCL"))}
        largest = max((r.population for r in records if r.precision == "town"), default=0)

        def score(record: PlaceRecord) -> float:
            value = POPULATION_WEIGHT * math.log10(record.population + 10)
            # A country the report names outweighs any difference in population, except a world
            # city's: "a United States laboratory in Cairo" is in Egypt
            weight = CONTEXT_WEIGHT
            if largest >= WORLD_CITY_POPULATION and record.precision == "town" and record.population * 100 < largest:
                weight /= 2
            value += weight * min(context.get(record.country or "", 0), 3) / 3
            if record.country is None and record.feature_code in WIDE_FEATURES:
                # a region of several countries lies in no other country than the text's: "the
                # Middle East" in a report on the United States is not a town there
                value += CONTEXT_WEIGHT * min(max(context.values(), default=0), 3) / 3
            if record.admin1 and record.feature_code != "PCLI":
                value += NEIGHBOUR_WEIGHT * min(text.neighbours.province(record, own), NEIGHBOUR_CAP)
            if text.neighbours.peer_divisions(record, own) >= PEER_DIVISIONS:
                value += PEER_WEIGHT
            if text.neighbours.district_named(record, own):
                value += DISTRICT_NAMED_WEIGHT
            if normalise(record.name) == own:
                value += OWN_NAME_WEIGHT
            if anchors and (record.country, record.admin1) in anchors:
                value += PROVINCE_WEIGHT
            if record.feature_code == "PCLI":
                value += COUNTRY_WEIGHT
            if hint == "province" and record.feature_code in ("ADM1", "ADM1H"):
                value += KIND_WEIGHT
            elif hint == "province" and record.feature_code == "ADM2" and province_kind(record.name) in PROVINCE_KINDS:
                value += KIND_WEIGHT - 2  # Italy's and Burkina Faso's provinces are second-level
            elif hint == "district" and record.feature_code == "ADM2":
                value += KIND_WEIGHT - 2
            elif record.feature_code == "ADM1" and (record.country, record.admin1) in namesakes:
                value -= 1.5  # the city that gives a province its name is the likelier referent
            return value

        best = max(records, key=score)
        placed = context - text.peoples
        if placed and best.country not in placed and best.feature_code != "PCLI" \
                and best.population < FAMOUS_POPULATION:
            # A small place in a country the report never names is a homonym, not the place
            # meant ("Pale" in a report on Myanmar is not the Bosnian town).
            place = Place(text=span.text, name=span.text, precision=hint or "town")
            return Toponym(span, place, None, "places.homonym-outside-context+document-context", guess=best)
        place = Place(
            text=span.text, name=best.name, country=best.country, admin1=best.admin1,
            lat=round(best.lat, 5) if best.lat is not None else None,
            lon=round(best.lon, 5) if best.lon is not None else None,
            precision=best.precision, geonameid=best.geonameid if best.geonameid > 0 else None,
        )
        return Toponym(span, place, best, f"places.gazetteer:{best.feature_code}")
