"""Place names the NER misses, found by the conventions news and field notes write them in.

The small English model labels many a town it has not seen as a person, an organisation or
a language, or not at all ("in Ravar", "near Massakory", "Thoothukudi district"). English
writes a place in a few fixed ways, and each is evidence that a capitalised name is a place:

- qualified by the division it lies in: "Juliaca, Puno", "Bante (Bante, Collines)",
  "Cawayan, Masbate"; the name is a place when the gazetteer holds it inside the qualifier;
- followed by a lower-case kind of place: "Herat city", "Abadam LGA", "Baraki Barak district";
- the object of a preposition of place ("in", "near", "outside"...), held by the gazetteer as
  a town or division of a country the text names or implies.

A name that names an actor (an organisation, a people) or a date is none of these.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer, PlaceRecord, district_key, province_keys
from .mentions import NamedIndex

# The lower-case particles of place names in the languages ACLED's regions write them in
# (Portuguese "Gaucha do Norte", Spanish "San Juan de la Cruz", Arabic "Tall al Ahmar").
NAME_PARTICLES = frozenset({"de", "do", "da", "dos", "das", "del", "di", "du", "des", "la", "le", "les",
                            "al", "el", "ad", "ar", "ash", "bin", "ibn", "y"})
# Lower-case words that name a kind of place ("Idlib province", "the town of X")
ADMIN_WORDS = frozenset({"province", "region", "governorate", "state", "department", "oblast", "prefecture"})
DISTRICT_WORDS = frozenset({"district", "county", "municipality", "township", "lga"})
TOWN_WORDS = frozenset({"city", "town", "village", "capital", "hamlet"})
# ... and those after a name that say it is a place, with the smaller units notes name
KIND_WORDS = ADMIN_WORDS | DISTRICT_WORDS | TOWN_WORDS | {"commune", "subdistrict", "sub-district", "neighbourhood",
                                                         "neighborhood"}
# Prepositions whose object is where something is or happens (English grammar's prepositions
# of place and direction).
PLACE_PREPOSITIONS = frozenset({"in", "into", "inside", "within", "at", "near", "across", "throughout",
                                "around", "outside", "to", "towards", "toward"})
# A name after these is a place too, though not where anything happened ("a trader from X",
# "between X and Y")
NAMING_PREPOSITIONS = PLACE_PREPOSITIONS | {"from", "between"}
# NER labels that never name a place
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "EVENT",
                              "LAW"})
# What joins a place to the division it lies in: "X, Y", "X (Y)", "X in Y", "X district of Y"
QUALIFYING_LINKS = frozenset({",", "(", "in", "of"})
MAX_NAME_TOKENS = 5
# How large a town must be to be read from weak evidence (a misread label, a dateline, a
# preposition in a text that names none of its country)
SIZEABLE_POPULATION = 10_000


def name_runs(doc: Doc) -> Iterator[Span]:
    """Maximal runs of capitalised words, with the particles and hyphens inside place names."""
    i = 0
    while i < len(doc):
        token = doc[i]
        if not _capitalised(token):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end - i < MAX_NAME_TOKENS:
            current = doc[end]
            if _capitalised(current) and not current.is_sent_start:
                end += 1
            elif current.text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc) \
                    and _capitalised(doc[end + 1]):
                end += 2  # "Bobo-Dioulasso", tokenised on the hyphen
            elif current.lower_ in NAME_PARTICLES and current.is_lower and end + 1 < len(doc) \
                    and _capitalised(doc[end + 1]):
                end += 2
            else:
                break
        yield doc[i:end]
        i = end


def _capitalised(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper() and (token.is_title or len(token) <= 4 and token.is_upper)


def lies_in(inner: tuple[PlaceRecord, ...], outer: tuple[PlaceRecord, ...]) -> tuple[PlaceRecord, PlaceRecord] | None:
    """A place of `inner` inside a division (or country) of `outer`, with that division."""
    for division in outer:
        for place in inner:
            if place.geonameid == division.geonameid or place.country != division.country:
                continue
            code = division.feature_code
            if code == "PCLI" and place.feature_code != "PCLI":
                return place, division
            if code in ("ADM1", "ADM1H") and place.admin1 and province_keys(place.admin1) & province_keys(division.name):
                return place, division
            if code in ("ADM1", "ADM1H", "ADM2", "PPL", "PPLA", "PPLA2") and place.admin2 \
                    and district_key(place.admin2) == district_key(division.name):
                return place, division
            if place.feature_code == "ADM2" and code in ("ADM1", "ADM1H") and place.admin1 \
                    and province_keys(place.admin1) & province_keys(division.admin1 or division.name):
                return place, division
    return None


class ConventionFinder:
    """The toponyms of one document that only the writing conventions reveal."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def find(self, doc: Doc, named: NamedIndex, taken: set[int], context: Counter) -> list[Span]:
        runs = [run for run in name_runs(doc) if self._may_be_place(run, named)]
        found: dict[int, Span] = {}
        implied: Counter[str] = Counter()
        # 1. qualified names: each name of a chain lies in the next ("X (Y, Z)", "X, Y")
        by_start = {run.start: run for run in runs}
        for run in runs:
            chain = [run] + self._qualifiers(doc, run, by_start)
            for inner, outer in ((a, b) for k, a in enumerate(chain) for b in chain[k + 1:]):
                pair = lies_in(self.gazetteer.lookup(inner.text), self.gazetteer.lookup(outer.text))
                if pair is None:
                    # a village the index lacks, qualified by a province it holds ("Pisky,
                    # Donetsk"): both are places; the village is put in the province
                    division = next((r for r in self.gazetteer.lookup(outer.text)
                                     if r.feature_code in ("ADM1", "ADM1H")), None)
                    if division is None or outer is not chain[-1] or inner is not run:
                        continue
                    pair = (None, division)
                for span in (inner, outer):
                    if not any(i in taken for i in range(span.start, span.end)):
                        found[span.start] = span
                implied[pair[1].country] += 1
        countries = context + implied
        # 2. a name followed by its kind, 3. a name after a preposition of place
        for run in runs:
            if run.start in found or any(i in taken for i in range(run.start, run.end)):
                continue
            after = doc[run.end] if run.end < len(doc) else None
            kind_follows = after is not None and after.is_lower and after.lower_ in KIND_WORDS
            before = doc[run.start - 1] if run.start else None
            after_preposition = before is not None and before.lower_ in NAMING_PREPOSITIONS or _second_of_between(run)
            if not (kind_follows or after_preposition):
                continue  # no convention marks the name as a place: not worth a lookup
            records = [r for r in self.gazetteer.lookup(run.text) if r.feature_code != "PCLI"]
            if not records:
                continue
            if kind_follows:
                found[run.start] = run
                continue
            if any(r.country in countries for r in records) or (
                    not countries and any(r.population >= SIZEABLE_POPULATION for r in records)):
                found[run.start] = run
        return sorted(found.values(), key=lambda s: s.start)

    def _may_be_place(self, run: Span, named: NamedIndex) -> bool:
        if any(t.ent_type_ in NOT_PLACE_LABELS for t in run):
            return False
        if any(named.at(t.i) for t in run):
            return False  # a country, a people or an organisation the lexicons know
        return all(t.pos_ == "PROPN" or t.lower_ in NAME_PARTICLES or t.text == "-" for t in run)

    def _qualifiers(self, doc: Doc, run: Span, by_start: dict[int, Span]) -> list[Span]:
        """The divisions a name is qualified by, narrowest first: "X, Y", "X (Y)", "X (W, Y)",
        "X in Y", "X district of Y", "X village, Y province"."""
        found: list[Span] = []
        current = run
        while len(found) < 2:
            at = current.end
            if at < len(doc) and doc[at].is_lower and doc[at].lower_ in KIND_WORDS:
                at += 1  # "Obe district, Herat"
            if at + 1 >= len(doc) or doc[at].lower_ not in QUALIFYING_LINKS:
                break
            nxt = by_start.get(at + 1)
            if nxt is None:
                break
            found.append(nxt)
            current = nxt
        return found


def _second_of_between(run: Span) -> bool:
    """"between X and Y": Y follows "and", after "between"."""
    doc = run.doc
    if run.start < 3 or doc[run.start - 1].lower_ != "and":
        return False
    return any(t.lower_ == "between" for t in doc[max(run.sent.start, run.start - 8):run.start - 1])
