"""ACLED's codebook: event types decided by who acted against whom and by what the paragraph
says of a demonstration; actors named and typed as ACLED does. Sentences written for the test."""

from eventscope.ontology import acled_rules
from eventscope.tables import read_table

ACLED_SUB_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


def acled(event):
    return (event.acled_event_type, event.acled_sub_event_type, event.acled_inter1, event.acled_inter2,
            event.acled_civilian_targeting)


def coded(events):
    return [e for e in events if e.acled_sub_event_type]


def assert_sub_event_types(code, cases: dict[str, str], published: str) -> None:
    """Each report yields an event of the sub-event type it is paired with."""
    for text, expected in cases.items():
        found = {e.acled_sub_event_type for e in coded(code(text, published))}
        assert expected in found, (text, found)


def protest_coded_as(code, text: str, published: str) -> str | None:
    """The ACLED sub-event type of the demonstration a report tells."""
    return next(e for e in coded(code(text, published)) if e.type == "PROTEST").acled_sub_event_type


def test_the_decision_table_covers_all_25_sub_event_types_each_citing_the_codebook():
    pairs = {(rule.event_type, rule.sub_event_type) for rule in acled_rules()}
    assert pairs == {(t, s) for t, subs in ACLED_SUB_EVENT_TYPES.items() for s in subs}
    for rule in acled_rules():
        assert rule.codebook.startswith(f"{rule.event_type}: {rule.sub_event_type}")


def test_a_quiet_march_is_a_peaceful_protest_by_protesters_with_no_second_actor(code):
    [march] = coded(code("On 14 June 2022, about 200 nurses marched through Kisumu demanding unpaid wages.",
                         "2022-06-14"))
    assert acled(march) == ("Protests", "Peaceful protest", 6, 0, False)
    assert march.acled_actor1 == "Protesters (Kenya)" and march.acled_actor2 is None


def test_stones_thrown_in_the_paragraph_make_the_demonstration_a_riot(code):
    events = coded(code("On 3 March 2021, traders demonstrated in Cotonou against a new market levy. "
                        "Some of them threw stones at passing cars and burned tyres on the main road.",
                        "2021-03-03"))
    protest = next(e for e in events if e.type == "PROTEST")
    assert acled(protest)[:3] == ("Riots", "Violent demonstration", 5)
    assert protest.acled_actor1 == "Rioters (Benin)"
    # the evidence is the word that made it a riot
    assert protest.evidence["acled"].text in ("threw stones", "stones", "tyres", "burned tyres")


def test_tear_gas_in_the_paragraph_is_an_intervention_by_state_forces(code):
    events = coded(code("On 9 August 2023, hundreds of students protested in Dhaka over exam fees. "
                        "Police fired tear gas to disperse them.", "2023-08-09"))
    protest = next(e for e in events if e.type == "PROTEST")
    assert acled(protest) == ("Protests", "Protest with intervention", 6, 1, False)


def test_lethal_force_against_a_demonstration_targets_civilians(code):
    events = coded(code("Soldiers shot dead four demonstrators in Mandalay on Sunday.", "2021-03-15"))
    assert [(e.acled_sub_event_type, e.acled_civilian_targeting) for e in events] == [
        ("Excessive force against protesters", True)]


def test_gunmen_killing_a_shopkeeper_is_violence_against_civilians(code):
    [attack] = coded(code("On 2 May 2021, unidentified gunmen shot dead a shopkeeper in Kabul.",
                          "2021-05-02"))
    assert acled(attack) == ("Violence against civilians", "Attack", 3, 7, True)
    assert attack.acled_actor1 == "Unidentified Armed Group (Afghanistan)"
    assert attack.acled_actor2 == "Civilians (Afghanistan)"


def test_an_official_shot_by_militants_is_a_civilian_target(code):
    [attack] = coded(code("Militants shot and wounded a district judge in Peshawar on Monday.", "2021-05-03"))
    assert acled(attack)[:4] == ("Violence against civilians", "Attack", 2, 7)


def test_a_named_group_against_the_army_is_an_armed_clash_between_their_types(code):
    [clash] = coded(code("On 5 May 2021, al-Shabaab fighters clashed with Somali soldiers near Jowhar.",
                         "2021-05-05"))
    assert acled(clash) == ("Battles", "Armed clash", 2, 1, False)
    assert clash.acled_actor1 == "Al Shabaab"


def test_state_forces_outside_their_country_are_external_forces(code):
    [strike] = coded(code("On 4 April 2022, Russian troops shelled a village near Kharkiv, Ukraine.", "2022-04-04"))
    assert (strike.acled_sub_event_type, strike.acled_inter1) == ("Shelling/artillery/missile attack", 8)


def test_villagers_beating_a_suspect_are_rioters_in_mob_violence(code):
    [mob] = coded(code("On 6 June 2022, villagers beat a man accused of theft in Gulu.", "2022-06-06"))
    assert acled(mob)[:4] == ("Riots", "Mob violence", 5, 7)
    assert mob.acled_actor1 == "Rioters (Uganda)"


def test_talk_and_intentions_carry_no_acled_coding(code):
    events = code("The governor said the army would attack the rebels next week.", "2022-06-06")
    assert events and all(e.acled_sub_event_type is None and e.acled_inter1 is None for e in events)


def test_every_armed_group_row_has_a_known_actor_type_sector_and_country():
    countries = {row["iso3"] for row in read_table("lexicons", "countries.tsv")}
    sectors = {row["sector"] for row in read_table("ontology", "acled_actors.tsv")}
    for row in read_table("lexicons", "armed_groups.tsv"):
        assert int(row["inter"]) in (1, 2, 3, 4, 8), row
        assert row["sector"] in sectors, row
        assert not row["country"] or row["country"] in countries, row


def test_a_named_group_is_an_actor_by_its_name_and_an_acronym_only_as_written(code):
    from eventscope.extract.acled_coding import armed_groups

    def group_in(text):
        return next((g.name for g in armed_groups() if g.pattern.search(text)), None)

    assert group_in("fighters loyal to IS") == "Islamic State" and group_in("the man who is armed") is None
    assert group_in("Kia drivers") is None and group_in("KIA units") == "KIA: Kachin Independence Army"
    [killing] = coded(code("On 22 July 2022, members of the Gulf Cartel killed a trader in Reynosa.", "2022-07-22"))
    assert killing.actor[0].sector == "CRM" and killing.acled_inter1 == 3


def test_a_day_before_the_month_and_the_first_day_of_a_range_date_the_event(code):
    [killing] = code("Around 4 May 2021, gunmen killed a farmer in Kaduna.", "2021-05-09")
    assert str(killing.date_start) == "2021-05-04"
    [abduction] = code("Overnight between 14 and 15 March 2021, militants abducted a trader in Djibo.", "2021-03-20")
    assert str(abduction.date_start) == "2021-03-14"
    [blast] = code("On 29 Apr 2021, a bomb exploded in Kirkuk, killing two.", "2021-05-02")
    assert str(blast.date_start) == "2021-04-29"


def test_who_throws_or_plants_the_weapon_is_the_attacker(code):
    [blast] = code("On 2 June 2021, a roadside bomb planted by unidentified militants exploded near Gao.", "2021-06-02")
    assert [a.text for a in blast.actor] == ["unidentified militants"]
    [grenade] = coded(code("A man threw a grenade at a police post in Garissa on Monday.", "2021-06-07"))
    assert [a.text for a in grenade.actor] == ["A man"]
    # a lone attacker with an explosive is an unidentified armed group, not a rioter
    assert (grenade.acled_sub_event_type, grenade.acled_inter1) == ("Grenade", 3)


def test_a_verbless_sentence_subject_with_a_past_form_is_a_predicate(code):
    [protest] = code("Hundreds of teachers protested in Accra on Monday.", "2021-06-08")
    assert (protest.type, [a.text for a in protest.actor]) == ("PROTEST", ["teachers"])


def test_a_body_found_is_a_killing_and_released_prisoners_a_strategic_development(code):
    [killing] = coded(code("On 2 July 2021, a man was found dead on a road outside Culiacan.", "2021-07-02"))
    assert killing.acled_event_type == "Violence against civilians"
    [release] = coded(code("On 3 July 2021, the government released 40 prisoners in Kabul.", "2021-07-03"))
    assert (release.acled_event_type, release.acled_sub_event_type) == ("Strategic developments", "Other")
    [deployment] = coded(code("On 4 July 2021, the army deployed troops to the border town of Kidal.", "2021-07-04"))
    assert deployment.acled_sub_event_type == "Change to group/activity"


def test_one_victim_of_two_verbs_and_a_stated_tally_of_fatalities_count(code):
    [shooting] = code("On 3 May 2021, in Tijuana, a taxi driver was shot and killed by gunmen.", "2021-05-03")
    assert shooting.count("fatalities") == 1
    [attack] = code("On 3 May 2021, gunmen attacked a bus near Zamfara. 3 fatalities.", "2021-05-03")
    assert attack.count("fatalities") == 3
    [killing] = code("Gunmen shot and killed two guards in Kano on Monday.", "2021-05-03")
    assert killing.count("fatalities") == 2


def test_people_who_attack_with_guns_are_an_armed_group_not_rioters(code):
    [shooting] = coded(code("Farmers shot dead two herders in Benue on Monday.", "2021-05-03"))
    assert acled(shooting)[:4] == ("Violence against civilians", "Attack", 3, 7)
    [beating] = coded(code("Farmers beat a man with sticks in Benue on Monday.", "2021-05-03"))
    assert acled(beating)[:3] == ("Riots", "Mob violence", 5)


def test_violence_by_demonstrators_or_by_a_crowd_voicing_a_demand_is_a_violent_demonstration(code):
    [stoning] = coded(code("On 2 July 2022, demonstrators hurled rocks at riot police in Kasese.", "2022-07-02"))
    assert stoning.acled_sub_event_type == "Violent demonstration"
    events = coded(code("On 2 July 2022, traders stoned police officers in Kasese, demanding that the "
                        "market be reopened.", "2022-07-02"))
    assert "Violent demonstration" in {e.acled_sub_event_type for e in events}
    [beating] = coded(code("On 2 July 2022, villagers beat a suspected thief in Kasese.", "2022-07-02"))
    assert beating.acled_sub_event_type == "Mob violence"


def test_what_a_demonstration_is_against_is_not_what_happened_at_it(code):
    assert protest_coded_as(code, "On 5 July 2022, teachers protested in Jinja against the arrest of their union "
                                  "leader and demanded his release. He was detained last week.",
                            "2022-07-05") == "Peaceful protest"
    assert protest_coded_as(code, "On 5 July 2022, teachers protested in Jinja. Police arrested 14 of them.",
                            "2022-07-05") == "Protest with intervention"


def test_general_cameo_verbs_code_to_their_codebook_sub_event(code):
    cases = {
        "On 6 July 2022, customs officers seized four tons of cocaine at the port of Callao.":
            "Looting/property destruction",
        "On 6 July 2022, soldiers destroyed a clandestine airstrip near Puerto Lempira.":
            "Looting/property destruction",
        "On 6 July 2022, a shoot-out between gunmen and police broke out in Culiacan.": "Armed clash",
        "On 6 July 2022, the body of a farmer was found near Apatzingan.": "Attack",
        "On 6 July 2022, party youths beat two polling officials in Mzuzu.": "Mob violence",
        "On 6 July 2022, the army sent reinforcements to its base in Kidal.": "Change to group/activity",
        "On 6 July 2022, shells fired by rebel forces fell on a market in Sake.": "Shelling/artillery/missile attack",
        "On 6 July 2022, a guard allegedly molested a detainee in Goma.": "Sexual violence",
        "On 6 July 2022, government troops repelled an assault by rebels near Kalemie.": "Armed clash",
        "On 6 July 2022, rival party supporters fought one another in Uvira.": "Mob violence",
        "On 6 July 2022, the air force targeted a rebel depot near Bunia.": "Air/drone strike",
        "On 6 July 2022, intelligence agents forcibly disappeared a trader in Beni.":
            "Abduction/forced disappearance",
        "On 6 July 2022, rebels overtook the village of Kibirizi.": "Non-state actor overtakes territory",
        "On 6 July 2022, militants mortar shelled an army post near Rutshuru.": "Shelling/artillery/missile attack",
    }
    assert_sub_event_types(code, cases, "2022-07-06")


def test_a_fights_joint_subjects_are_its_two_sides_and_crowds_on_both_sides_are_rioters(code):
    [clash] = coded(code("On 8 July 2022, army troops and militia fighters clashed in Kismayo.", "2022-07-08"))
    assert clash.acled_sub_event_type == "Armed clash" and clash.acled_inter2 != 0
    [fight] = coded(code("On 8 July 2022, farmers and herders clashed in the village of Dassa.", "2022-07-08"))
    assert acled(fight) == ("Riots", "Mob violence", 5, 5, False)


def test_an_attack_on_the_positions_of_an_army_targets_the_army(code):
    [shelling] = coded(code("On 8 July 2022, separatist fighters fired on the positions of the military forces "
                            "of Georgia near Zemo Nikozi.", "2022-07-08"))
    assert shelling.acled_inter2 == 1


def test_a_demonstrations_force_is_named_by_the_event_of_its_paragraph(code):
    events = coded(code("On 8 July 2022, traders demonstrated in Kumasi and clashed with police.", "2022-07-08"))
    protest = next(e for e in events if e.type == "PROTEST")
    assert protest.acled_sub_event_type == "Violent demonstration"
    assert protest.acled_inter2 == 1 and protest.acled_actor2.startswith("Police Forces of Ghana")


def test_identity_militias_and_rebel_forces_take_their_acled_types(code):
    [raid] = coded(code("On 9 July 2022, a tribal militia attacked a cattle camp near Rumbek, killing four herders.",
                        "2022-07-09"))
    assert (raid.acled_inter1, raid.acled_actor1) == (4, "Unidentified Communal Militia (South Sudan)")
    [shelling] = coded(code("On 9 July 2022, rebel forces shelled army positions near Goma.", "2022-07-09"))
    assert shelling.acled_inter1 == 2


def test_a_clash_with_sticks_and_blades_between_unarmed_sides_is_mob_violence(code):
    [brawl] = coded(code("On 10 July 2022, supporters of two rival candidates clashed with sticks and machetes "
                         "in Kakamega.", "2022-07-10"))
    assert brawl.acled_sub_event_type == "Mob violence"
    [battle] = coded(code("On 10 July 2022, soldiers clashed with militants in Mandera.", "2022-07-10"))
    assert battle.acled_sub_event_type == "Armed clash"


def test_demonstrators_beaten_but_not_killed_make_a_protest_with_intervention(code):
    assert protest_coded_as(code, "On 11 July 2022, nurses staged a protest in Mombasa. Guards beat the nurses "
                                  "and injured four.", "2022-07-11") == "Protest with intervention"
    assert protest_coded_as(code, "On 11 July 2022, nurses staged a protest in Mombasa. Police removed them from "
                                  "the road.", "2022-07-11") == "Protest with intervention"


def test_an_ambush_of_civilians_or_of_a_former_soldier_is_an_attack_on_civilians(code):
    [ambush] = coded(code("On 12 July 2022, rebels ambushed a group of traders near Kalehe.", "2022-07-12"))
    assert acled(ambush) == ("Violence against civilians", "Attack", 2, 7, True)
    [shooting] = coded(code("On 12 July 2022, gunmen shot a retired police officer in Kalehe.", "2022-07-12"))
    assert (shooting.acled_sub_event_type, shooting.acled_inter2) == ("Attack", 7)


def test_coordinated_verbs_share_their_object(code):
    [assault] = coded(code("On 12 July 2022, a guard assaulted and threatened two reporters in Kalehe.", "2022-07-12"))
    assert assault.acled_inter2 == 7 and assault.acled_civilian_targeting


def test_an_attack_whose_text_names_no_agent_carries_acleds_implied_actor_marked_as_such(code):
    [shooting] = coded(code("On 13 July 2022, a taxi driver was shot dead in Culiacan.", "2022-07-13"))
    assert [(a.text, a.country, a.sector) for a in shooting.actor] == [
        ("Unidentified Armed Group (Mexico)", "MEX", "UAF")]
    assert shooting.evidence["actor[0]"].rule == "acled:implied-actor1"
    [named] = coded(code("On 13 July 2022, soldiers shot dead a taxi driver in Culiacan.", "2022-07-13"))
    assert named.evidence["actor[0]"].rule != "acled:implied-actor1"


def test_a_clash_is_no_crude_weapon_of_its_own(code):
    [clash] = coded(code("On 10 July 2022, clashes were reported in Bunia.", "2022-07-10"))
    assert clash.acled_sub_event_type != "Mob violence"


def test_what_is_fired_says_the_weapon_and_small_arms_among_them_make_a_clash(code):
    # ACLED codebook: shelling is long-range heavy weapons; an exchange that also uses small
    # arms is direct armed engagement (an armed clash); tear gas is crowd control.
    cases = {
        "On 9 July 2022, rebel fighters fired 120mm mortars at an army checkpoint near Kiwanja.":
            "Shelling/artillery/missile attack",
        "On 9 July 2022, rebel fighters fired mortars and small arms at an army checkpoint near Kiwanja.":
            "Armed clash",
        "On 9 July 2022, gendarmes fired tear gas at students marching in Bafoussam.":
            "Protest with intervention",
    }
    assert_sub_event_types(code, cases, "2022-07-09")


def test_an_explosion_told_with_the_weapons_fired_takes_their_kind_of_fire(code):
    cases = {
        "On 10 July 2022, monitors recorded seven explosions involving artillery near Kadugli.":
            "Shelling/artillery/missile attack",
        "On 10 July 2022, monitors recorded 30 explosions and bursts of fire involving machine guns near Kadugli.":
            "Armed clash",
        "On 10 July 2022, monitors recorded nine explosions involving rockets in both directions near Kadugli.":
            "Armed clash",
        "On 10 July 2022, a bomb explosion tore through a cattle market in Kadugli.":
            "Remote explosive/landmine/IED",
        "On 10 July 2022, an explosion hit a weapons depot in Kadugli.":
            "Remote explosive/landmine/IED",
    }
    assert_sub_event_types(code, cases, "2022-07-10")


def test_a_forces_movements_and_an_armed_groups_handouts_change_its_activity(code):
    cases = {
        "On 11 July 2022, the gendarmerie stepped up patrols around Kaya.": "Change to group/activity",
        "On 11 July 2022, militia fighters on motorbikes were spotted near Djibasso.": "Change to group/activity",
        "On 11 July 2022, soldiers placed checkpoints on the road to Fada.": "Change to group/activity",
        "On 11 July 2022, members of the Sinaloa Cartel delivered food to families in Navolato.":
            "Change to group/activity",
    }
    assert_sub_event_types(code, cases, "2022-07-11")
    [handout] = coded(code("On 11 July 2022, members of the Sinaloa Cartel delivered food to families in Navolato.",
                           "2022-07-11"))
    assert handout.acled_inter1 == 3


def test_who_claims_or_planted_the_device_is_the_attacker_and_who_struck_it_the_target(code):
    [bomb] = coded(code("On 12 July 2022, a police pickup hit a roadside bomb near Bama, killing two officers. "
                        "ISWAP claimed responsibility for the attack.", "2022-07-12"))
    assert [a.text for a in bomb.actor] == ["ISWAP"] and bomb.acled_inter1 == 2
    assert [r.text for r in bomb.recipient] == ["a police pickup"]
    [mine] = coded(code("On 12 July 2022, three soldiers were wounded by the explosion of a mine near Menaka, "
                        "the device was planted by ISGS fighters.", "2022-07-12"))
    assert mine.acled_inter1 == 2 and mine.acled_inter2 == 1


def test_a_passive_toll_in_a_fight_takes_the_other_side_of_the_fight_as_attacker(code):
    [clash] = coded(code("On 12 July 2022, 3 soldiers were killed during clashes with Ansaru fighters near Birnin "
                         "Gwari.", "2022-07-12"))
    assert (clash.acled_inter1, clash.acled_inter2) == (2, 1)
    [raid] = coded(code("On 12 July 2022, 5 PKK militants were killed during an operation carried out by the "
                        "gendarmerie near Hakkari.", "2022-07-12"))
    assert (raid.acled_inter1, raid.acled_inter2) == (1, 2)


def test_a_passive_wounding_by_someone_and_a_beating_sharing_its_object_are_events(code):
    [wounding] = coded(code("On 13 July 2022, two herders were wounded by army fire near Niono.", "2022-07-13"))
    assert wounding.acled_event_type == "Violence against civilians"
    [beating] = coded(code("On 13 July 2022, villagers beat and tied up a suspected goat thief in Savalou.",
                           "2022-07-13"))
    assert beating.acled_sub_event_type == "Mob violence"
    assert not coded(code("On 13 July 2022, two climbers were injured in a fall near Kasese.", "2022-07-13"))


def test_a_verbless_sentences_subject_fights(code):
    [fight] = coded(code("On 14 July 2022, a band of youths clashed with traders in the Akwa market of Douala.",
                         "2022-07-14"))
    assert acled(fight)[:4] == ("Riots", "Mob violence", 5, 5)


def test_a_weapon_named_by_the_attacker_or_the_subject_gives_the_means(code):
    cases = {
        "On 15 July 2022, 9 ISKP fighters were killed by Afghan air force airstrikes in Chapa Dara.":
            "Air/drone strike",
        "On 15 July 2022, a bomb planted by Taliban fighters killed a district official in Sayedabad.":
            "Remote explosive/landmine/IED",
        "On 15 July 2022, militants detonated a culvert on the road to Arbinda.": "Remote explosive/landmine/IED",
        "On 15 July 2022, a stray rocket killed two shepherds near Zintan.":
            "Shelling/artillery/missile attack",
        # what a participle modifies is its object; a day after "on" is no target of fire
        "A nurse was wounded by shells fired by rebels in Cuito on Friday.": "Shelling/artillery/missile attack",
    }
    assert_sub_event_types(code, cases, "2022-07-15")
    [bomb] = coded(code("On 15 July 2022, a bomb planted by Taliban fighters killed a district official in Sayedabad.",
                        "2022-07-15"))
    assert bomb.acled_inter1 == 2


def test_an_ied_attack_struck_or_carried_out_is_a_remote_explosive_and_its_unnamed_victims_civilians(code):
    cases = {
        "On 16 July 2022, a police officer was killed when his car was hit by a mine in Kunduz.":
            "Remote explosive/landmine/IED",
        "On 16 July 2022, insurgents carried out an IED attack on a convoy near Bama.":
            "Remote explosive/landmine/IED",
    }
    assert_sub_event_types(code, cases, "2022-07-16")
    [blast] = coded(code("A grenade attack by unknown men leaves two dead and many injured at a bar in Lamu.",
                         "2022-07-16"))
    assert (blast.acled_sub_event_type, blast.acled_inter2, blast.acled_civilian_targeting) == ("Grenade", 7, True)


def test_a_protest_against_one_persons_arrest_is_not_broken_up_by_telling_of_that_arrest(code):
    text = ("On 17 July 2022, lawyers held a rally outside the high court in Peshawar against the detention of a "
            "bar council leader and demanded his release. His arrest is seen as an attack on the bar.")
    assert protest_coded_as(code, text, "2022-07-17") == "Peaceful protest"


def test_demonstrators_violence_makes_the_riot_even_where_the_paragraph_tells_the_protest_and_deaths(code):
    text = ("On 18 July 2022, traders held a protest against new market fees in Kumasi. The demonstrators "
            "stoned a council vehicle, and police shot dead one of them.")
    assert protest_coded_as(code, text, "2022-07-18") == "Violent demonstration"


def test_the_marked_word_of_a_pattern_carries_the_event_and_a_raids_owner_is_its_attacker(code):
    [disappearance] = coded(code("On 19 July 2022, army soldiers forcibly disappeared a trader in Mopti.", "2022-07-19"))
    assert [a.text for a in disappearance.actor] == ["army soldiers"] and disappearance.acled_inter1 == 1
    [raid] = coded(code("On 19 July 2022, a robbery suspect was killed during a police raid in Cavite.", "2022-07-19"))
    assert raid.acled_inter1 == 1


def test_a_suspected_criminal_a_mob_turns_on_is_a_civilian(code):
    [lynching] = coded(code("On 20 July 2022, residents of Lira beat a suspected bicycle thief.", "2022-07-20"))
    assert acled(lynching) == ("Riots", "Mob violence", 5, 7, True)


def test_a_suicide_attackers_explosion_is_a_suicide_bomb_and_burnt_property_part_of_the_attack(code):
    [bombing] = coded(code("On 21 July 2022, a suicide bomber detonated his vest at a wedding in Kunduz, killing 9 "
                           "guests.", "2022-07-21"))
    assert bombing.acled_sub_event_type == "Suicide bomb"
    [ambush] = coded(code("On 21 July 2022, gunmen burned the vehicles of six soldiers they had ambushed and "
                          "killed near Tillaberi.", "2022-07-21"))
    assert ambush.acled_sub_event_type != "Looting/property destruction"


def test_weapons_recovered_and_a_device_that_goes_off_in_its_carriers_hands_are_disrupted_weapons_use(code):
    cases = {
        "On 23 July 2022, soldiers recovered three IEDs and a rifle near Borongan.": "Disrupted weapons use",
        "On 23 July 2022, two fighters were killed when a bomb they were carrying exploded prematurely near Spin "
        "Boldak.": "Disrupted weapons use",
    }
    assert_sub_event_types(code, cases, "2022-07-23")


def test_property_a_group_loots_or_destroys_is_civilians_where_no_owner_is_named(code):
    [looting] = coded(code("On 24 July 2022, militiamen looted shops in the village of Djugu.", "2022-07-24"))
    assert (looting.acled_sub_event_type, looting.acled_inter2, looting.acled_civilian_targeting) == (
        "Looting/property destruction", 7, False)


def test_government_positions_fired_upon_are_the_state_forces(code):
    [shelling] = coded(code("On 25 July 2022, separatist fighters fired mortars at government positions near Ambam.",
                            "2022-07-25"))
    assert (shelling.acled_sub_event_type, shelling.acled_inter2) == ("Shelling/artillery/missile attack", 1)


def test_groups_conjoined_before_one_head_are_one_actor_each(code):
    [attack] = coded(code("On 26 July 2022, TPLF and OLA forces attacked a convoy near Dessie.", "2022-07-26"))
    assert [a.text for a in attack.actor] == ["TPLF", "OLA"]


def test_a_crowd_police_disperse_is_a_demonstration_broken_up_and_armed_men_are_not_a_crowd(code):
    events = coded(code("On 27 July 2022, police dispersed about 90 fishermen outside the port office in "
                        "Mombasa.", "2022-07-27"))
    assert [(e.acled_sub_event_type, e.acled_inter1, e.acled_inter2) for e in events] == [
        ("Protest with intervention", 6, 1)]
    events = coded(code("On 27 July 2022, soldiers dispersed a band of gunmen near Mopti.", "2022-07-27"))
    assert "Protest with intervention" not in {e.acled_sub_event_type for e in events}


def test_burning_material_or_violence_done_to_demand_something_makes_a_violent_demonstration(code):
    # codebook 'Riots: Violent demonstration': road blocks with burning tyres or other material
    assert protest_coded_as(code, "On 28 July 2022, about 60 traders blocked a highway with burning logs to "
                                  "protest against a market closure.", "2022-07-28") == "Violent demonstration"
    [burning] = coded(code("On 28 July 2022, residents of a suburb torched two buses to demand the return of "
                           "water.", "2022-07-28"))
    assert burning.acled_sub_event_type == "Violent demonstration"


def test_demonstrators_seriously_injured_by_force_suffer_excessive_force(code):
    told = ("On 29 July 2022, teachers marched in Bouake demanding pay. Four of them were {} when police broke "
            "up the march.")
    excessive = "Excessive force against protesters"
    assert protest_coded_as(code, told.format("seriously injured"), "2022-07-29") == excessive
    assert protest_coded_as(code, told.format("hurt"), "2022-07-29") != excessive


def test_an_event_with_no_first_actor_still_says_whom_it_targeted(code):
    # no agent and no place that names a country: ACLED's actor1 cannot be named, but the
    # record still says there was no civilian target and no second actor
    events = coded(code("On 30 July 2022, a cache of rifles was seized in a house.", "2022-07-30"))
    assert events and all(e.acled_actor1 is None for e in events)
    assert [(e.acled_inter2, e.acled_civilian_targeting) for e in events] == [(0, False)] * len(events)


def test_a_clash_that_broke_out_between_two_sides_has_them_as_its_actors(code):
    [clash] = coded(code("On 31 July 2022, a clash broke out between striking miners and riot police in Obuasi.",
                         "2022-07-31"))
    assert [a.text for a in clash.actor] == ["striking miners"]
    assert [a.text for a in clash.recipient] == ["riot police"]
    assert clash.acled_inter2 == 1


def test_demonstrators_who_turn_on_people_have_them_as_second_actor_without_civilian_targeting(code):
    events = coded(code("On 1 August 2022, demonstrators in Parakou beat two poll workers during a protest "
                        "against the election results.", "2022-08-01"))
    beating = next(e for e in events if e.type == "ASSAULT")
    assert (beating.acled_sub_event_type, beating.acled_inter2, beating.acled_civilian_targeting) == (
        "Violent demonstration", 7, False)
    [lynching] = coded(code("On 1 August 2022, villagers in Parakou beat two suspected thieves.", "2022-08-01"))
    assert (lynching.acled_sub_event_type, lynching.acled_civilian_targeting) == ("Mob violence", True)


def test_a_policewoman_attacked_is_a_state_force_target(code):
    [attack] = coded(code("On 2 August 2022, a policewoman was attacked by traders in a market in Kumasi.",
                          "2022-08-02"))
    assert attack.acled_inter2 == 1


def test_what_an_attack_is_aimed_at_is_its_target(code):
    [strike] = coded(code("On 3 August 2022, the air force conducted airstrikes targeting Ansar Dine militants "
                          "near Kidal.", "2022-08-03"))
    assert [a.text for a in strike.recipient] == ["Ansar Dine militants"] and strike.acled_inter2 in (2, 3)
    [shelling] = coded(code("On 3 August 2022, separatists fired two mortar rounds and a rocket at the positions "
                            "of the army near Bamenda.", "2022-08-03"))
    assert shelling.acled_inter2 == 1


def test_an_arrest_by_a_non_state_armed_group_is_an_abduction(code):
    [seizure] = coded(code("On 5 August 2022, Hayat Tahrir al-Sham members arrested a schoolteacher in Sarmin.",
                           "2022-08-05"))
    assert (seizure.acled_sub_event_type, seizure.acled_inter1, seizure.acled_civilian_targeting) == (
        "Abduction/forced disappearance", 2, True)
    [arrest] = coded(code("On 5 August 2022, police arrested a schoolteacher in Sarmin.", "2022-08-05"))
    assert arrest.acled_sub_event_type == "Arrests"


def test_a_demonstration_the_report_calls_violent_is_a_riot(code):
    assert protest_coded_as(code, "On 6 August 2022, stranded travellers staged a violent protest at the airport "
                                  "in Lome.", "2022-08-06") == "Violent demonstration"


def test_bursts_of_fire_and_projectiles_a_report_counts_are_violent_events(code):
    events = coded(code("On 7 August 2022, monitors counted 12 bursts of fire from machine guns near Marinka.",
                        "2022-08-07"))
    assert events and events[0].type == "ASSAULT" and events[0].acled_event_type is not None
    events = coded(code("On 7 August 2022, four projectiles landed in a field near Marinka.", "2022-08-07"))
    assert events and events[0].acled_event_type == "Explosions/Remote violence"


def test_a_countrys_vehicle_or_post_attacked_is_its_state_but_its_officials_are_civilians(code):
    # no word says whose truck but the country's: it is the state's, not civilians'
    [blast] = coded(code("On 8 August 2022, a roadside bomb hit a Nigerien truck near Tillaberi.", "2022-08-08"))
    assert (blast.acled_inter2, blast.acled_civilian_targeting) == (1, False)
    [attack] = coded(code("On 8 August 2022, gunmen shot dead two district officials near Tillaberi.", "2022-08-08"))
    assert (attack.acled_inter2, attack.acled_civilian_targeting) == (7, True)


def test_torture_and_beatings_named_as_nouns_are_attacks(code):
    [death] = coded(code("On 9 August 2022, a detained farmer died under torture in a prison in Deraa.", "2022-08-09"))
    assert (death.type, death.acled_sub_event_type, death.acled_civilian_targeting) == ("ASSAULT", "Attack", True)
    events = coded(code("On 9 August 2022, a journalist suffered a severe beating at a checkpoint near Deraa.",
                        "2022-08-09"))
    assert [e.type for e in events] == ["ASSAULT"]
    # torture as a topic is no event: only torture someone died under, suffered or was subjected to
    assert not coded(code("On 9 August 2022, a rights group published research into torture in prisons "
                          "across the region.", "2022-08-09"))


def test_people_hitting_a_person_is_a_beating_but_an_air_strike_hitting_a_school_is_a_strike(code):
    [strike] = coded(code("On 10 August 2022, an air strike hit a boarding school near Misrata.", "2022-08-10"))
    assert strike.acled_sub_event_type == "Air/drone strike"


def test_people_hitting_a_person_is_a_beating_and_displaced_people_are_refugees(code):
    [beating] = coded(code("On 10 August 2022, traders hit a man accused of pickpocketing in Kano market.",
                           "2022-08-10"))
    assert (beating.mode, beating.acled_sub_event_type) == ("beat", "Mob violence")
    [attack] = coded(code("On 10 August 2022, soldiers beat three IDPs at a camp near Bama.", "2022-08-10"))
    assert attack.recipient[0].sector == "REF" and attack.acled_inter2 == 7


def test_a_toll_that_followed_an_attack_by_someone_is_theirs(code):
    [killing] = coded(code("On 11 August 2022, two rangers were killed following an attack by Ansar al-Islam "
                           "fighters on their post near Djibo.", "2022-08-11"))
    assert [a.text for a in killing.actor] == ["Ansar al-Islam fighters"]
    assert killing.acled_inter1 == 2


def test_a_beating_by_attackers_the_report_does_not_name_is_mob_violence(code):
    [beating] = coded(code("On 12 August 2022, a herder accused of cattle theft was beaten to death near Kaya.",
                           "2022-08-12"))
    assert (beating.acled_sub_event_type, beating.acled_inter1, beating.acled_inter2) == ("Mob violence", 5, 7)
    [shooting] = coded(code("On 12 August 2022, a herder was shot dead near Kaya.", "2022-08-12"))
    assert shooting.acled_inter1 == 3  # a shooting's unnamed attackers are an armed group


def test_a_militia_named_after_a_people_is_an_identity_militia_and_one_named_after_a_nation_is_not(code):
    [attack] = coded(code("On 13 August 2022, suspected Murle militiamen attacked a cattle camp near Pibor and "
                          "killed two herders.", "2022-08-13"))
    assert attack.acled_inter1 == 4
    [attack] = coded(code("On 13 August 2022, Sudanese militiamen attacked a cattle camp near Pibor and killed "
                          "two herders.", "2022-08-13"))
    assert attack.acled_inter1 == 3


def test_shelling_that_hits_a_hospital_is_no_beating(code):
    events = coded(code("On 14 August 2022, shelling hit a district hospital near Misrata.", "2022-08-14"))
    assert "Mob violence" not in {e.acled_sub_event_type for e in events}


def test_a_de_facto_governments_forces_are_state_forces_and_their_opponents_are_not_them(code):
    [shelling] = coded(code("On 15 August 2022, Houthi fighters shelled a market in Taiz, killing three "
                            "civilians.", "2022-08-15"))
    assert (shelling.acled_actor1, shelling.acled_inter1) == (
        "Military Forces of Yemen (2016-) Supreme Political Council", 1)
    [clash] = coded(code("On 15 August 2022, anti-Houthi tribal fighters clashed with Houthi forces near "
                         "Harib.", "2022-08-15"))
    assert clash.acled_actor1 != "Military Forces of Yemen (2016-) Supreme Political Council"
    assert clash.acled_inter2 == 1


def test_the_saudi_led_coalition_is_named_as_acled_names_it(code):
    [strike] = coded(code("On 16 August 2022, Saudi-led coalition airstrikes hit a depot near Saada.", "2022-08-16"))
    assert (strike.acled_actor1, strike.acled_inter1) == ("Operation Restoring Hope", 8)


def test_an_actors_text_leaves_out_the_date_the_parser_hung_on_its_modifier(code):
    [blast] = coded(code("On 4 March 2021, presumed Macina Liberation Front (JNIM) militants detonated the "
                         "mayor's office in Dori.", "2021-03-04"))
    assert [a.text for a in blast.actor] == ["presumed Macina Liberation Front (JNIM) militants"]


def test_a_group_named_by_acleds_own_acronym_is_that_group(code):
    [arrest] = coded(code("On 17 August 2022, QSD fighters detained two shepherds near Hajin.", "2022-08-17"))
    assert arrest.acled_inter1 == 2


def test_every_note_label_names_one_of_acleds_25_sub_event_types_citing_the_codebook():
    for row in read_table("ontology", "acled_labels.tsv"):
        assert row["acled_sub_event_type"] in ACLED_SUB_EVENT_TYPES[row["acled_event_type"]], row
        assert row["codebook"].startswith(f"{row['acled_event_type']}: {row['acled_sub_event_type']}"), row


def test_a_notes_label_types_the_event_its_sentence_states(code):
    # without the label a shot fired to scare gunmen off is a fight
    [labelled] = coded(code("Other: On 9 July 2021, police fired shots in the air to chase off three gunmen "
                            "near Segbana.", "2021-07-09"))
    assert (labelled.acled_event_type, labelled.acled_sub_event_type) == ("Strategic developments", "Other")
    assert labelled.evidence["acled"].text == "Other"
    [unlabelled] = coded(code("On 9 July 2021, police fired shots in the air to chase off three gunmen near "
                              "Segbana.", "2021-07-09"))
    assert unlabelled.acled_sub_event_type != "Other"


def test_a_label_types_every_event_of_its_note(code):
    events = coded(code("Other: On 9 July 2021, soldiers patrolled Segbana. They fired warning shots near the "
                        "market.", "2021-07-09"))
    assert [e.acled_sub_event_type for e in events] == ["Other", "Other"]


def test_a_label_stands_for_the_event_where_its_sentence_names_no_trigger(code):
    [moved] = coded(code("Movement of forces: On 2 February 2023, about thirty gunmen on motorbikes crossed "
                         "the river near Tanguieta.", "2023-02-04"))
    assert moved.acled_sub_event_type == "Change to group/activity"
    assert moved.type == "MOBILIZE" and moved.acled_inter1 == 3
    assert str(moved.date_start) == "2023-02-02"
    assert not coded(code("On 2 February 2023, about thirty gunmen on motorbikes crossed the river near "
                          "Tanguieta.", "2023-02-02"))


def test_a_colon_after_words_that_name_no_category_is_no_label(code):
    assert not coded(code("Local residents: On 2 February 2023, about thirty gunmen on motorbikes crossed "
                          "the river near Tanguieta.", "2023-02-02"))


def test_a_crowd_size_mark_makes_a_note_without_a_trigger_a_peaceful_protest(code):
    text = "On 5 June 2021, retired teachers stood outside the pension office in Lokossa with placards."
    [stood] = coded(code(text + " [size=about 30]", "2021-06-05"))
    assert (stood.acled_sub_event_type, stood.acled_actor1) == ("Peaceful protest", "Protesters (Benin)")
    assert stood.evidence["type"].text == "[size=about 30]"
    assert not coded(code(text, "2021-06-05"))


def test_in_a_crowd_size_note_an_arrest_is_an_intervention_and_force_a_riot(code):
    arrest = "On 5 June 2021, police detained four students who were demanding lower fees in Abomey-Calavi."
    [detained] = coded(code(arrest + " [size=4]", "2021-06-05"))
    assert acled(detained)[:4] == ("Protests", "Protest with intervention", 6, 1)
    assert coded(code(arrest, "2021-06-05"))[0].acled_sub_event_type == "Arrests"
    force = "On 5 June 2021, gendarmes attacked a group of traders who refused to leave a closed market in Kara."
    [attacked] = coded(code(force + " [size=about 50]", "2021-06-05"))
    assert (attacked.acled_event_type, attacked.acled_inter1) == ("Riots", 5)
    assert coded(code(force, "2021-06-05"))[0].acled_event_type == "Violence against civilians"


def test_in_a_crowd_size_note_the_crowds_own_destruction_makes_a_protest_a_riot(code):
    text = "On 5 June 2021, police dispersed about 80 traders who were burning old furniture in Parakou."
    [marked] = coded(code(text + " [size=about 80]", "2021-06-05"))
    assert marked.acled_event_type == "Riots"
    assert coded(code(text, "2021-06-05"))[0].acled_event_type == "Protests"


def test_in_a_crowd_size_note_a_crowd_that_does_not_demonstrate_is_a_mob(code):
    text = "On 5 June 2021, villagers caught a suspected thief in Savalou and held him until police arrested him."
    [held] = coded(code(text + " [size=no report]", "2021-06-05"))
    assert (held.acled_event_type, held.acled_sub_event_type, held.acled_inter1) == ("Riots", "Mob violence", 5)


def test_a_fight_told_with_its_shelling_is_an_armed_clash_and_one_sided_shelling_is_not(code):
    [fight] = coded(code("On 3 June 2021, a clash between army units and SPLM-N rebels involving an exchange of "
                         "shelling was reported near Kadugli.", "2021-06-03"))
    assert (fight.mode, fight.acled_sub_event_type) == ("heavy-weapons", "Armed clash")
    [shelled] = coded(code("On 3 June 2021, soldiers shelled SPLM-N positions near Kadugli.", "2021-06-03"))
    assert shelled.acled_sub_event_type == "Shelling/artillery/missile attack"


def test_a_notes_label_is_no_event_of_its_own(code):
    [surrender] = coded(code("Agreement: On 3 May 2021, 40 rebels surrendered to the army near Beni.", "2021-05-03"))
    assert (surrender.acled_sub_event_type, surrender.acled_inter1) == ("Agreement", 2)


def test_a_country_that_owns_the_force_is_not_where_it_struck(code):
    [strike] = coded(code("On 2 March 2021, United States air force jets struck Al Shabaab fighters near Jamaame.",
                          "2021-03-02"))
    assert strike.location.country == "SOM"
    assert (strike.acled_actor1, strike.acled_inter1) == ("Military Forces of United States", 8)


def test_a_label_naming_a_codebook_example_of_a_category_is_that_category(code):
    [truce] = coded(code("Ceasefire: On 4 May 2021, the army and the rebels stopped shooting around Kamanyola.",
                         "2021-05-04"))
    assert (truce.acled_sub_event_type, truce.type) == ("Agreement", "RETREAT")
    [shelled] = coded(code("Shelling: On 3 May 2021, two houses in Kadugli were damaged.", "2021-05-03"))
    assert shelled.acled_sub_event_type == "Shelling/artillery/missile attack"
