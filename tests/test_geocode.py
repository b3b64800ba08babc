"""`eventscope geocode` and the toponym scorer."""

import json

from click.testing import CliRunner

from eventscope.cli import main
from eventscope.eval.geo import score_geo


def test_geocode_resolves_given_spans_and_demonyms(tmp_path):
    text = "Russian troops shelled Kharkiv, Ukrainian officials said."
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"doc_id": "g1", "date": "2022-03-01", "text": text, "toponyms": [
        {"start": 0, "end": 7, "text": "Russian"}, {"start": 23, "end": 30, "text": "Kharkiv"}]}) + "\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["geocode", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    [document] = [json.loads(line) for line in result.stdout.splitlines()]
    russian, kharkiv = document["toponyms"]
    assert (russian["country"], russian["feature"]) == ("RUS", "PCLI")
    assert (kharkiv["name"], kharkiv["country"], kharkiv["feature"]) == ("Kharkiv", "UKR", "PPL")
    assert abs(kharkiv["lat"] - 49.98) < 0.1 and kharkiv["geonameid"]


def test_geocode_finds_toponyms_itself_and_reports_bad_spans(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"doc_id": "g2", "text": "Floods hit Mombasa and Nairobi on Monday."}) + "\n"
        + json.dumps({"doc_id": "g3", "text": "x", "toponyms": [{"start": "a"}]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["geocode", str(path)])
    assert result.exit_code == 1 and "g3" in result.stderr
    [document] = [json.loads(line) for line in result.stdout.splitlines()]
    assert {t["name"] for t in document["toponyms"]} == {"Mombasa", "Nairobi"}


def test_geo_scorer_counts_distance_and_unresolved():
    gold = {"d": [{"start": 0, "end": 5, "lat": 0.0, "lon": 0.0, "geonameid": 1},
                  {"start": 6, "end": 9, "lat": 10.0, "lon": 10.0}]}
    predicted = [("d", [{"start": 0, "end": 5, "lat": 0.5, "lon": 0.5, "geonameid": 1},
                        {"start": 6, "end": 9, "lat": None, "lon": None}])]
    score = score_geo(gold, predicted)
    assert score.accuracy == 0.5 and score.unresolved == 1 and score.ids_right == 1


def _geocode_found(tmp_path, text: str) -> dict[str, dict]:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"doc_id": "c", "date": "2024-05-01", "text": text}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["geocode", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    [document] = [json.loads(line) for line in result.stdout.splitlines()]
    return {t["text"]: t for t in document["toponyms"]}


def test_neighbouring_names_pick_the_homonym_in_their_state(tmp_path):
    # A local paper: the county and the small town beside "Paris" are in Tennessee, so Paris is
    # the Tennessee town, not the French capital, though the capital is a thousand times larger.
    found = _geocode_found(tmp_path, "The fair in Paris drew crowds from Henry County and from "
                                     "Puryear, the sheriff of Henry County said.")
    assert (found["Paris"]["country"], found["Paris"]["admin1"]) == ("USA", "Tennessee")


def test_a_country_name_read_as_a_state_among_its_counties(tmp_path):
    found = _geocode_found(tmp_path, "Schools in Barrow County and Oconee County will cut staff, "
                                     "the largest layoffs in Georgia this year.")
    assert (found["Georgia"]["country"], found["Georgia"]["feature"]) == ("USA", "ADM1")
    found = _geocode_found(tmp_path, "Russian troops crossed into Georgia near Tskhinvali.")
    assert (found["Georgia"]["country"], found["Georgia"]["feature"]) == ("GEO", "PCLI")


def test_a_place_by_its_own_name_beats_one_that_once_bore_it(tmp_path):
    found = _geocode_found(tmp_path, "The mayor of Dalton, Georgia, flew to Moscow for the talks.")
    assert found["Moscow"]["country"] == "RUS"


def _geocode_given(tmp_path, text: str, names: list[str]) -> dict[str, dict]:
    """Resolve the given names' spans, as a scorer gives them."""
    spans = [{"start": text.index(n), "end": text.index(n) + len(n)} for n in names]
    path = tmp_path / "given.jsonl"
    path.write_text(json.dumps({"doc_id": "g", "text": text, "toponyms": spans}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["geocode", str(path)], catch_exceptions=False)
    return {t["text"]: t for t in json.loads(result.stdout)["toponyms"]}


def test_counties_abbreviations_and_peoples_are_found(tmp_path):
    found = _geocode_given(tmp_path, "Flooding closed roads in Gwinnett and in Loudon Co., and W. Va. "
                                     "officials said Ohioans should stay home.",
                           ["Gwinnett", "Loudon Co.", "W. Va.", "Ohioans"])
    assert (found["Gwinnett"]["feature"], found["Gwinnett"]["admin1"]) == ("ADM2", "Georgia")
    assert found["Loudon Co."]["feature"] == "ADM2"
    assert (found["W. Va."]["feature"], found["W. Va."]["admin1"]) == ("ADM1", "West Virginia")
    assert (found["Ohioans"]["feature"], found["Ohioans"]["admin1"]) == ("ADM1", "Ohio")


def test_conflict_regions_resolve_to_their_country(tmp_path):
    found = _geocode_given(tmp_path, "Fighting spread across Darfur and into South Ossetia.",
                           ["Darfur", "South Ossetia"])
    assert (found["Darfur"]["country"], found["Darfur"]["feature"]) == ("SDN", "RGN")
    assert found["Darfur"]["lat"] is not None and found["South Ossetia"]["country"] == "GEO"


def test_names_inside_an_organisations_name_are_not_places(tmp_path):
    found = _geocode_found(tmp_path, "Militants of the Islamic State West Africa Province (ISWAP) raided "
                                     "a camp near Maiduguri, according to Nigeria Railways.")
    assert "Maiduguri" in found
    assert not {"West Africa Province", "Nigeria Railways"} & set(found)


def test_provinces_carry_geonames_current_names_and_answer_to_the_bare_one(tmp_path):
    found = _geocode_given(tmp_path, "Gunmen attacked farmers near Maiduguri in Borno.", ["Maiduguri", "Borno"])
    assert found["Maiduguri"]["admin1"] == "Borno State"
    assert (found["Borno"]["feature"], found["Borno"]["name"]) == ("ADM1", "Borno State")


def test_provinces_former_divisions_and_compass_forms_are_found(tmp_path):
    found = _geocode_given(tmp_path, "Cases were confirmed in Pangasinan, in Hedmark and in South Darfur.",
                           ["Pangasinan", "Hedmark", "South Darfur"])
    assert (found["Pangasinan"]["country"], found["Pangasinan"]["feature"]) == ("PHL", "ADM2")
    # merged into Innlandet in 2020: still found, and placed in the division that holds it now
    assert (found["Hedmark"]["feature"], found["Hedmark"]["admin1"]) == ("ADM1H", "Innlandet")
    assert (found["South Darfur"]["country"], found["South Darfur"]["feature"]) == ("SDN", "ADM1")


def test_a_name_in_a_list_of_states_is_the_state(tmp_path):
    text = "Illnesses were reported in Missouri, Mississippi, Louisiana, Nevada and Ohio."
    found = _geocode_given(tmp_path, text, ["Missouri", "Mississippi", "Louisiana", "Nevada", "Ohio"])
    # not the Missouri town called Louisiana, nor a Nevada in Missouri or Iowa
    assert {found[n]["feature"] for n in found} == {"ADM1"}


def test_usa_and_wide_regions_in_an_american_report(tmp_path):
    found = _geocode_given(tmp_path, "Made in the USA, the drug was shipped to the Middle East and across the Pacific.",
                           ["USA", "Middle East", "Pacific"])
    assert found["USA"]["feature"] == "PCLI"
    assert (found["Middle East"]["feature"], found["Pacific"]["feature"]) == ("RGN", "SEA")


def test_features_named_after_a_town_are_placed_at_the_town(tmp_path):
    found = _geocode_given(tmp_path, "Farms in the Salinas Valley and schools in Greater Mumbai reported cases.",
                           ["Salinas Valley", "Greater Mumbai"])
    assert (found["Salinas Valley"]["name"], found["Salinas Valley"]["country"]) == ("Salinas", "USA")
    assert (found["Greater Mumbai"]["name"], found["Greater Mumbai"]["country"]) == ("Mumbai", "IND")


def test_districts_by_their_romance_names_and_villages_placed_in_them(tmp_path):
    found = _geocode_given(tmp_path, "Gunmen burned Tiabonkou, a Gourma province village, as cases rose in the "
                                     "province of Bergamo.", ["Tiabonkou", "Gourma", "Bergamo"])
    assert (found["Gourma"]["country"], found["Gourma"]["feature"]) == ("BFA", "ADM2")  # "Province du Gourma"
    assert (found["Bergamo"]["country"], found["Bergamo"]["feature"]) == ("ITA", "ADM2")  # "Provincia di Bergamo"
    # the village the index lacks takes the district's point and province
    assert (found["Tiabonkou"]["country"], found["Tiabonkou"]["admin1"]) == ("BFA", found["Gourma"]["admin1"])
    assert found["Tiabonkou"]["lat"] == found["Gourma"]["lat"]


def test_provinces_abolished_before_2016_are_found_by_their_members(tmp_path):
    text = ("Kenya reported cholera in Nyanza Province and in the Rift Valley, "
            "and the Congo's health ministry reported measles in Orientale.")
    found = _geocode_given(tmp_path, text, ["Kenya", "Nyanza Province", "Rift Valley", "Orientale"])
    # Kenya's provinces gave way to counties in 2013: Nyanza is the province around Kisumu and
    # Kisii, not the Rwandan town, and lies where its counties lie
    assert (found["Nyanza Province"]["country"], found["Nyanza Province"]["feature"]) == ("KEN", "ADM1H")
    assert -1.5 < found["Nyanza Province"]["lat"] < 0.5 and 33.9 < found["Nyanza Province"]["lon"] < 35.5
    assert (found["Rift Valley"]["country"], found["Rift Valley"]["name"]) == ("KEN", "Rift Valley Province")
    assert (found["Orientale"]["country"], found["Orientale"]["feature"]) == ("COD", "ADM1H")


def test_a_world_city_outranks_a_village_of_the_reports_country(tmp_path):
    text = ("United States officials said samples from Texas were sent to a United States military "
            "laboratory in Cairo, and two cases were treated in Toronto.")
    found = _geocode_given(tmp_path, text, ["United States", "Texas", "Cairo", "Toronto"])
    # Cairo, Georgia and Toronto, Ohio are American, but a city of millions needs no country
    assert found["Cairo"]["country"] == "EGY"
    assert found["Toronto"]["country"] == "CAN"


def test_a_place_the_index_lacks_is_put_at_the_province_the_report_is_about(tmp_path):
    text = ("Gunmen attacked farmers in Borno State, Nigeria, on Monday. Residents of Ngarwamiri "
            "said the attackers burned their homes.")
    found = _geocode_given(tmp_path, text, ["Borno State", "Nigeria", "Ngarwamiri"])
    borno, village = found["Borno State"], found["Ngarwamiri"]
    # as ACLED codes a village it cannot find: the province's point, and no id or feature
    # that would claim the village was found
    assert (village["geonameid"], village["feature"]) == (None, None)
    assert (village["country"], village["admin1"]) == ("NGA", "Borno State")
    assert (village["lat"], village["lon"]) == (borno["lat"], borno["lon"])


def test_a_place_the_index_lacks_stays_unplaced_when_the_report_names_no_place(tmp_path):
    text = "Residents of Ngarwamiri said the attackers burned their homes."
    found = _geocode_given(tmp_path, text, ["Ngarwamiri"])
    assert (found["Ngarwamiri"]["lat"], found["Ngarwamiri"]["country"]) == (None, None)


def test_a_division_the_ner_leaves_unlabelled_is_found(tmp_path):
    found = _geocode_found(tmp_path, "Gunmen attacked farmers in Pale Township, Sagaing Region, on Tuesday.")
    assert (found["Sagaing Region"]["feature"], found["Sagaing Region"]["country"]) == ("ADM1", "MMR")
    # the township the index lacks lies in the region the text puts it in
    assert found["Pale Township"]["admin1"] == "Sagaing Region"


def test_a_province_the_text_names_outweighs_one_a_village_homonym_implies(tmp_path):
    text = "Soldiers raided Nyaung Gon on Tuesday. The raids in Sagaing Region go on. Residents of Ngarwamiri fled."
    found = _geocode_given(tmp_path, text, ["Nyaung Gon", "Sagaing Region", "Ngarwamiri"])
    # Nyaung Gon's only namesake in the index lies near Yangon; the report is about Sagaing
    assert found["Ngarwamiri"]["admin1"] == "Sagaing Region"
    assert (found["Ngarwamiri"]["lat"], found["Ngarwamiri"]["lon"]) == (found["Sagaing Region"]["lat"],
                                                                      found["Sagaing Region"]["lon"])


def test_a_village_homonym_in_another_province_yields_to_the_province_the_report_names(tmp_path):
    text = "Junta jets bombed Nyaung Gon village in Sagaing Region on Tuesday, residents in Sagaing Region said."
    found = _geocode_given(tmp_path, text, ["Nyaung Gon", "Sagaing Region"])
    # the index's only Nyaung Gon is a hamlet near Yangon: the report's is in Sagaing
    assert (found["Nyaung Gon"]["admin1"], found["Nyaung Gon"]["feature"]) == ("Sagaing Region", None)


def test_a_name_qualified_by_its_province_is_a_place_whatever_the_ner_says(tmp_path):
    # The NER calls both names persons; written "X (X, Y)" and "X, Y", each lies in the next.
    found = _geocode_found(tmp_path, "On 12 June 2021, traders shut their stalls in Mbour (Mbour, Thies) "
                                     "over new market fees.")
    assert (found["Mbour"]["country"], found["Mbour"]["admin1"]) == ("SEN", "Thiès")
    found = _geocode_found(tmp_path, "Fishermen marched through Tiznit, Souss-Massa, on Saturday.")
    assert (found["Souss-Massa"]["country"], found["Souss-Massa"]["feature"]) == ("MAR", "ADM1")


def test_a_name_before_a_kind_of_place_or_after_a_preposition_of_place_is_a_place(tmp_path):
    found = _geocode_found(tmp_path, "Residents of Kebemer met in Louga town to discuss the drought in Senegal.")
    assert found["Louga"]["country"] == "SEN"
    found = _geocode_found(tmp_path, "On 2 March 2022, herders blocked the road outside Kaolack over cattle thefts.")
    assert found["Kaolack"]["country"] == "SEN"


def test_people_and_organisations_after_a_preposition_are_not_places(tmp_path):
    found = _geocode_found(tmp_path, "Nurses in Smith County said that Ahmed Khan, a doctor, had left "
                                     "for Houston with Acme Holdings.")
    assert set(found) == {"Smith County", "Houston"}


def test_a_hyphenated_name_the_ner_cuts_and_a_town_with_its_kind_are_found_whole(tmp_path):
    found = _geocode_found(tmp_path, "On 2 June 2021, teachers rallied in Kamianets-Podilskyi over pay.")
    assert found["Kamianets-Podilskyi"]["country"] == "UKR"
    found = _geocode_found(tmp_path, "Nurses rallied in Stung-Treng city on Monday.")
    assert found["Stung-Treng"]["country"] == "KHM"


def test_a_village_the_index_lacks_qualified_by_a_province_it_holds_puts_the_report_there(tmp_path):
    found = _geocode_found(tmp_path, "On 2 June 2021, gunmen fired at a checkpoint near Zarechnoye-Vtoroye, Donetsk.")
    assert found["Donetsk"]["country"] == "UKR"


def test_a_village_the_index_lacks_takes_the_point_of_the_district_that_qualifies_it(tmp_path):
    found = _geocode_found(tmp_path, "On 3 June 2021, gunmen kidnapped a farmer in Zzyzxville (Kandi, Alibori).")
    assert (found["Zzyzxville"]["country"], found["Zzyzxville"]["lat"]) == ("BEN", found["Kandi"]["lat"])


def test_a_name_and_the_division_that_qualifies_it_take_the_candidates_that_lie_one_in_the_other():
    import spacy

    from eventscope.extract.places import _pin_qualified
    from eventscope.gazetteer import PlaceRecord

    doc = spacy.blank("en")("Shots were fired in Norvale (Norvale, Essa).")
    abroad = PlaceRecord(1, "Norvale", "AAA", "Upland", "PPL", 90_000, 1.0, 1.0)
    at_home = PlaceRecord(2, "Norvale", "BBB", "Essa", "PPL", 800, 2.0, 2.0)
    capital = PlaceRecord(3, "Essa", "CCC", "Capital", "PPLC", 1_500_000, 3.0, 3.0)
    province = PlaceRecord(4, "Essa", "BBB", "Essa", "ADM1", 200_000, 2.1, 2.1)
    candidates = {4: (abroad, at_home), 6: (abroad, at_home), 8: (capital, province)}
    _pin_qualified([doc[4:5], doc[6:7], doc[8:9]], candidates)
    assert candidates[6] == (at_home,) and candidates[8] == (province,)
    # a list of countries is no name and its qualifier
    listed = spacy.blank("en")("Aid reached Avalia, Borea and Cimmer.")
    country = PlaceRecord(5, "Avalia", "AVA", None, "PCLI", 5_000_000, 0.0, 0.0)
    town = PlaceRecord(6, "Avalia", "BOR", "North", "PPL", 3_000, 0.5, 0.5)
    borea = PlaceRecord(7, "Borea", "BOR", None, "PCLI", 4_000_000, 0.6, 0.6)
    kept = {2: (country, town), 4: (borea,)}
    _pin_qualified([listed[2:3], listed[4:5]], kept)
    assert kept[2] == (country, town)


def test_a_place_read_with_its_qualifier_as_one_name_is_two_names(extractor):
    # the NER may take "Savalou, Collines" for one name: its parts are a town and its province
    from datetime import date

    from spacy.tokens import Span

    doc = extractor.nlp("On 4 August 2022, gunmen abducted a trader in the hamlet of Wendou (Savalou, Collines).")
    start = next(t.i for t in doc if t.text == "Savalou")
    doc.ents = [e for e in doc.ents if e.end <= start or e.start >= start + 3] + [Span(doc, start, start + 3, "GPE")]
    [abduction] = extractor.code(doc, date(2022, 8, 4))
    assert (abduction.location.country, abduction.location.admin1) == ("BEN", "Collines")


def test_of_two_places_a_clause_gives_the_one_in_the_reports_country_is_the_events(code):
    [protest] = code("On 4 August 2022, traders protested outside the Paris bakery in Enugu, Nigeria.", "2022-08-04")
    assert (protest.location.name, protest.location.country) == ("Enugu", "NGA")
