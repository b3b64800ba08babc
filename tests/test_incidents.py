"""Incidents across reports: what merges, what stays apart, how fields are reconciled."""

from datetime import date

from eventscope.incidents import IncidentIndex
from eventscope.model import Count, Event, Place

IDLIB = Place(text="Jobas", name="Jubas", country="SYR", admin1="Idlib", lat=35.80, lon=36.72, precision="town")
ALEPPO = Place(text="Aleppo", name="Aleppo", country="SYR", admin1="Aleppo", lat=36.20, lon=37.16, precision="town")


def strike(sentence: str, day: date, place: Place, deaths: int | None, mode: str = "aerial") -> Event:
    counts = {"fatalities": Count(deaths, low=deaths)} if deaths is not None else {}
    return Event("ASSAULT", "strike", sentence, mode=mode, date_start=day, date_end=day, date_precision="day",
                 location=place, counts=counts)


def test_two_outlets_reporting_one_strike_make_one_incident_with_the_range_of_tolls():
    index = IncidentIndex()
    [first] = index.add("a", date(2019, 12, 24), [strike(
        "A missile strike on a school in Jobas killed eight people.", date(2019, 12, 24), IDLIB, 8)])
    [second] = index.add("b", date(2019, 12, 25), [strike(
        "Ten people were killed when missiles hit a school sheltering families in Jobas.", date(2019, 12, 24), IDLIB, 10)])
    assert first == second
    incident = index.incidents[first]
    assert incident.sources == 2
    assert incident.fatalities() == {"low": 8, "best": 8, "high": 10, "reports": 2,
                                     "rule": "median of the reports' best figures"}


def test_strikes_on_other_days_or_in_other_towns_stay_apart():
    index = IncidentIndex()
    [a] = index.add("a", date(2019, 12, 24), [strike("An air strike hit Jobas.", date(2019, 12, 24), IDLIB, 8)])
    [b] = index.add("b", date(2019, 12, 28), [strike("An air strike hit Jobas.", date(2019, 12, 28), IDLIB, 8)])
    [c] = index.add("c", date(2019, 12, 24), [strike("An air strike hit Aleppo.", date(2019, 12, 24), ALEPPO, 8)])
    assert len({a, b, c}) == 3


def test_one_report_keeps_its_own_events_apart_but_joins_a_killing_and_an_abduction():
    index = IncidentIndex()
    day = date(2023, 6, 22)
    two_strikes = index.add("a", day, [strike("Jets bombed Jobas.", day, IDLIB, 3),
                                       strike("Jets also bombed a second village near Jobas.", day, IDLIB, 2)])
    assert two_strikes[0] != two_strikes[1]
    attack = index.add("b", day, [strike("Gunmen killed eight farmers in Jobas.", day, IDLIB, 8, mode="firearms"),
                                  strike("The gunmen abducted three others.", day, IDLIB, None, mode="abduct")])
    assert attack[0] == attack[1]


def test_clustering_is_deterministic():
    def run():
        index = IncidentIndex()
        return [index.add(name, date(2019, 12, 24), [strike(f"Strike on Jobas ({name}).", date(2019, 12, 24), IDLIB, 8)])
                for name in ("a", "b", "c")]
    assert run() == run()


def test_a_province_under_its_older_and_newer_name_is_one_province():
    index = IncidentIndex()
    day = date(2023, 6, 22)
    old = Place(text="Borno", name="Borno", country="NGA", admin1="Borno", precision="province")
    new = Place(text="Borno", name="Borno State", country="NGA", admin1="Borno State", precision="province")
    [a] = index.add("a", day, [strike("Insurgents killed eight farmers in Borno.", day, old, 8, mode="firearms")])
    [b] = index.add("b", day, [strike("Eight farmers were killed by insurgents in Borno State.", day, new, 8,
                                      mode="firearms")])
    assert a == b
