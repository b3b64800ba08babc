"""Toponym resolution for a whole document, as `eventscope geocode` reports it.

Toponyms are the places the pipeline finds (spaCy GPE/LOC/FAC and names after a kind of
place) or the spans a caller gives. Demonyms ("Russian") and country names resolve to the
country. Each resolution carries the GeoNames id where the index has a real one.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from ..model import Document
from .mentions import NamedIndex
from .places import PlaceResolver, Toponym


def _country_record(resolver: PlaceResolver, named: NamedIndex, span: Span):
    """A demonym or country name read as its country."""
    hit = named.at(span.start)
    if hit is None or hit[1].kind not in ("demonym", "country") or hit[0].end < span.end - 1:
        return None
    for record in resolver.gazetteer.lookup_country(hit[1].country):
        return record
    return None


def geocode(resolver: PlaceResolver, named: NamedIndex, doc: Doc, document: Document,
            given: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    spans: list[Span] = []
    if given is not None:
        for item in given:
            span = doc.char_span(int(item["start"]), int(item["end"]), alignment_mode="expand")
            if span is not None:
                spans.append(span)
    toponyms = resolver.find(doc, named, spans if given is not None else None).toponyms
    by_start = {t.span.start: t for t in toponyms}
    results = []
    for span in spans if given is not None else [t.span for t in toponyms]:
        toponym: Toponym | None = by_start.get(span.start)
        record = _country_record(resolver, named, span)
        if record is not None and toponym is not None and toponym.record is not None \
                and toponym.record.country != record.country and toponym.span.text == span.text:
            # a country's name that the context reads as a homonym ("Georgia" beside Atlanta)
            record = None
        place = toponym.place if toponym is not None else None
        placed = toponym is not None and toponym.record is None and place.lat is not None
        if record is None and toponym is not None and not placed:
            # a toponym has to be put somewhere: a homonym the events would not trust still
            # beats no answer (a village placed near a known town or in its province has its
            # answer already)
            record = toponym.record or toponym.guess
        answer = {"start": span.start_char, "end": span.end_char, "text": span.text}
        if record is not None:
            answer.update(
                name=record.name, geonameid=record.geonameid if record.geonameid > 0 else None,
                lat=round(record.lat, 5) if record.lat is not None else None,
                lon=round(record.lon, 5) if record.lon is not None else None,
                country=record.country, admin1=record.admin1, feature=record.feature_code)
        elif place is not None and place.lat is None and place.country and (
                country := next(iter(resolver.gazetteer.lookup_country(place.country)), None)) is not None:
            # a place the index lacks in no province the report names: at its country's point,
            # as ACLED puts a village it cannot find (the resolver puts it at its province's
            # point where it knows the province); no id and no feature say it was not found
            answer.update(name=place.name, geonameid=None, lat=country.lat, lon=country.lon,
                          country=place.country, admin1=None, feature=None)
        else:
            answer.update(
                name=place.name if place else None, geonameid=None, lat=place.lat if place else None,
                lon=place.lon if place else None, country=place.country if place else None,
                admin1=place.admin1 if place else None, feature=None)
        results.append(answer)
    return results
