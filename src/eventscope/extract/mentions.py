"""Named actor mentions in a parsed document: countries, demonyms, capitals, organisations.

One PhraseMatcher pass per document over the lexicons (countries.tsv, country_aliases.tsv,
organisations.tsv, armed_groups.tsv) gives, for every token inside a mention, what it names.
Actors, places and the document's country context all read from this index instead of
matching again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..tables import read_table


@dataclass(frozen=True)
class Named:
    """What a matched phrase names."""

    kind: str  # country, demonym, capital, organisation
    country: str | None
    sector: str | None
    source: str  # the lexicon row, for evidence


class NamedIndex:
    """Matched mentions of one document, by token."""

    def __init__(self, doc: Doc, spans: list[tuple[Span, Named]]):
        self.doc = doc
        self.spans = spans
        self.by_token: dict[int, tuple[Span, Named]] = {}
        for span, named in spans:
            for i in range(span.start, span.end):
                self.by_token[i] = (span, named)

    def at(self, i: int) -> tuple[Span, Named] | None:
        return self.by_token.get(i)


class NamedMatcher:
    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.entries: dict[str, Named] = {}
        phrases: dict[str, tuple[str, Named]] = {}

        def add(text: str, named: Named) -> None:
            key = text.strip()
            if len(key) < 2:
                return
            # Upper-case short forms ("US", "UN") must not match ordinary words ("us").
            phrases.setdefault(key.lower() if not key.isupper() else key, (key, named))
            if "-" in key:  # "al-Shabab" is also written "al Shabab"
                spaced = key.replace("-", " ")
                phrases.setdefault(spaced.lower(), (spaced, named))

        for row in read_table("lexicons", "organisations.tsv"):
            add(row["text"], Named("organisation", row["country"] or None, row["sector"] or None,
                                   f"organisations.tsv:{row['text']}"))
        for row in read_table("lexicons", "armed_groups.tsv"):
            group = Named("organisation", row["country"] or None, row["sector"] or None,
                          f"armed_groups.tsv:{row['name']}")
            for name in [row["name"].split(":")[0], *filter(None, row["aliases"].split("|"))]:
                add(name, group)
        for row in read_table("lexicons", "countries.tsv"):
            source = f"countries.tsv:{row['iso3']}"
            add(row["name"], Named("country", row["iso3"], "GOV", source))
            for alias in filter(None, row["aliases"].split("|")):
                add(alias, Named("country", row["iso3"], "GOV", source))
            for demonym in filter(None, row["demonyms"].split("|")):
                add(demonym, Named("demonym", row["iso3"], None, source))
            if row["capital"]:
                add(row["capital"], Named("capital", row["iso3"], "GOV", source))
        for row in read_table("lexicons", "country_aliases.tsv"):
            kind = "country" if row["kind"] == "name" else "demonym"
            add(row["text"], Named(kind, row["iso3"], "GOV" if kind == "country" else None,
                                   f"country_aliases.tsv:{row['text']}"))

        self.exact_case: set[str] = set()
        for key, (text, named) in phrases.items():
            label = f"N{len(self.entries)}"
            self.entries[label] = named
            if text.isupper():
                self.exact_case.add(label)
            self.matcher.add(label, [nlp.make_doc(text)])

    def __call__(self, doc: Doc) -> NamedIndex:
        found = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            span = doc[start:end]
            if label in self.exact_case and not span.text.isupper():
                continue
            named = self.entries[label]
            if named.kind != "organisation" and not any(t.text[:1].isupper() for t in span):
                continue  # names of countries, capitals and peoples are capitalised: "male" is no Malé
            if _inside_other_place(span):
                continue  # "Lake Chad", "New Mexico", "the Gulf of Guinea" are not the country
            if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "anti":
                continue  # "anti-Houthi forces", "anti-American protesters" are their opponents
            found.append((span, named))
        # Longest first, so "South Sudan" wins over "Sudan".
        found.sort(key=lambda item: (-(item[0].end - item[0].start), item[0].start))
        taken: set[int] = set()
        kept = []
        for span, named in found:
            if taken.isdisjoint(range(span.start, span.end)):
                kept.append((span, named))
                taken.update(range(span.start, span.end))
        kept.sort(key=lambda item: item[0].start)
        return NamedIndex(doc, kept)


def _entity_at(token) -> Span | None:
    """The entity a token is part of, found from its own IOB tags (Doc.ents would build every
    entity of the document for each question)."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc, start = token.doc, token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type)


def _inside_other_place(span: Span) -> bool:
    for token in span:
        if token.ent_type_ in ("LOC", "GPE", "FAC") and not token.ent_iob_ == "":
            ent = _entity_at(token)
            if ent is not None and (ent.start < span.start or ent.end > span.end) \
                    and ent.text.lower() not in ("the " + span.text.lower(), span.text.lower()):
                return True
    return False


@lru_cache(maxsize=1)
def sector_terms() -> dict[tuple[str, ...], tuple[str, str | None]]:
    """Lemma phrase -> (sector, country) from sectors.tsv."""
    return {
        tuple(row["term"].split()): (row["sector"], row["country"] or None)
        for row in read_table("lexicons", "sectors.tsv")
    }


@lru_cache(maxsize=1)
def dependent_terms() -> frozenset[str]:
    """Terms that name an actor only together with a country (weapons)."""
    return frozenset(row["term"] for row in read_table("lexicons", "sectors.tsv") if row["stands_alone"] == "no")
