"""Extraction on sentences written for these tests (not taken from the dev corpus)."""
from __future__ import annotations

import json

import pytest

from extract_helpers import groups, names, rel, rels, run  # noqa: F401
from militantmap.article import Article
from militantmap.extract import extract


def test_aliases_of_one_group_are_one_entity():
    ex = run("ISIS claimed the attack. Daesh fighters were seen in the area. The Islamic State "
             "group later posted photographs. Local people call the group Da'ish.")
    g = groups(ex)
    assert list(g) == ["Islamic State"]
    assert {"ISIS", "Daesh", "Da'ish"} <= set(g["Islamic State"]["aliases"])
    assert g["Islamic State"]["kb_id"]


def test_acronym_is_not_the_verb_is():
    ex = run("The situation is tense and the army is on alert in the north of the country.")
    assert groups(ex) == {}


def test_acronym_defined_in_text_becomes_alias():
    ex = run("The Tehreek-e-Taliban Pakistan (TTP) attacked a checkpoint. Later the TTP said it "
             "had lost two fighters.")
    g = groups(ex)
    assert len(g) == 1
    (entry,) = g.values()
    assert "TTP" in entry["aliases"]
    assert len(entry["mentions"]) >= 3


def test_named_faction_becomes_its_own_group():
    ex = run("Police said the raid was carried out by the Shura faction of the Lashkar-e-Taiba "
             "(LeT), a group based in Punjab.")
    g = groups(ex)
    faction = [e for e in g.values() if "Shura faction" in e["aliases"]]
    assert faction, g
    assert faction[0]["kb_id"] is None or faction[0]["kb_id"] != g.get("Lashkar-e-Taiba", {}).get("kb_id")
    assert any(t == "faction_of" for _, t, _ in rels(ex))


def test_discovered_group_has_no_kb_id():
    ex = run("A previously unknown militant group called the Black Crescent Brigades claimed "
             "responsibility for the blast in Kirkuk on Monday.", "2023-05-10")
    g = groups(ex)
    assert "Black Crescent Brigades" in g
    assert g["Black Crescent Brigades"]["kb_id"] is None


def test_police_and_army_are_not_armed_groups():
    ex = run("The Nigerian Army and the Borno State Police Command said soldiers repelled the "
             "attack by Boko Haram fighters.")
    assert set(groups(ex)) == {"Boko Haram"}
    types = {e["name"]: e["type"] for e in ex["entities"]}
    assert all(types[n] != "armed_group" for n in types if "Army" in n or "Police" in n)


def test_denied_tie_is_negated_and_attributed():
    ex = run("Hizbul Mujahideen has never had links with Lashkar-e-Taiba, a spokesman for the "
             "group told reporters.")
    r = rel(ex, "affiliated_with")
    assert r["polarity"] == "negated"
    assert r["attribution"] is not None
    assert r["attribution"]["kind"] == "group_spokesperson"


def test_planned_allegiance_with_anonymous_source():
    ex = run("Ansar al-Sunna was set to join the Islamic State, a security official who "
             "requested anonymity told reporters.")
    r = rel(ex, "allegiance_to")
    n = names(ex)
    assert n[r["object"]] == "Islamic State"
    assert r["modality"] == "planned"
    assert r["attribution"]["kind"] == "anonymous_official"


def test_split_from_and_support():
    ex = run("Jamaat-ul-Ahrar split from the Tehrik-i-Taliban Pakistan in 2014. Al-Qaeda has "
             "funded al-Shabaab for years.")
    r = rels(ex)
    assert any(t == "faction_of" and s.startswith("Jamaat") for s, t, _ in r), r
    assert any(t == "supports" and s.lower().startswith("al-qa") for s, t, _ in r), r


def test_symmetric_rivalry():
    ex = run("Boko Haram and ISWAP have been rivals since the split, clashing often around "
             "Lake Chad.")
    assert any(t == "rivals" for _, t, _ in rels(ex))


def test_spokesperson_and_leader_roles():
    ex = run("Boko Haram leader Abubakar Shekau appeared in a video. Zabihullah Mujahid, a "
             "spokesman for the Taliban, denied the report.")
    n = names(ex)
    roles = {(n[r["person"]], r["role"]) for r in ex["roles"]}
    assert ("Abubakar Shekau", "leader") in roles
    assert ("Zabihullah Mujahid", "spokesperson") in roles


def test_attack_event_fields():
    ex = run("On Sunday, al-Shabaab gunmen stormed a hotel in Mogadishu, killing at least 15 "
             "people and wounding 20 others, police said.", "2024-03-12")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["date"] == "2024-03-10"
    assert ev["location"]["name"] == "Mogadishu"
    assert ev["location"]["country"] == "Somalia"
    assert ev["killed"]["value"] == 15 and ev["killed"]["qualifier"] == "at_least"
    assert ev["wounded"]["value"] == 20
    assert names(ex)[ev["perpetrators"][0]] == "al-Shabaab"


def test_claim_in_a_later_sentence_is_attached():
    ex = run("A suicide bomber killed 9 people at a market in Kabul on Tuesday. The Islamic "
             "State Khorasan Province claimed responsibility for the attack.", "2022-09-08")
    attacks = [e for e in ex["events"] if e["type"] == "attack"]
    assert len(attacks) == 1
    n = names(ex)
    assert [n[c] for c in attacks[0]["claimed_by"]] and "Khorasan" in n[attacks[0]["claimed_by"][0]]


def test_killed_along_with_others_counts_the_person():
    ex = run("Al-Shabaab commander Ahmed Diriye was killed along with 6 others in an airstrike "
             "near Jilib on Friday.", "2021-01-10")
    kinds = {e["type"]: e for e in ex["events"]}
    ev = kinds.get("leader_killed") or kinds.get("military_operation")
    assert ev is not None and ev["killed"]["value"] == 7


def test_absurd_toll_is_dropped():
    ex = run("Militants of Boko Haram attacked the town of Dikwa on Friday and 99999999999 "
             "people were killed.", "2020-03-01")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["killed"] is None


def test_ban_event():
    ex = run("The government banned the Tehreek-e-Labbaik Pakistan in April 2021 after "
             "violent protests.", "2021-06-01")
    bans = [e for e in ex["events"] if e["type"] == "ban"]
    assert bans and bans[0]["date"] == "2021-04"


def test_threats_are_not_events():
    ex = run("The Islamic State has threatened to attack churches across Europe.")
    assert [e for e in ex["events"] if e["type"] == "attack"] == []


def test_evidence_is_exact_substring():
    text = ("Fighters of Jama'at Nusrat al-Islam wal-Muslimin ambushed a convoy near Djibo on "
            "Monday, killing 12 soldiers. JNIM and the Islamic State Sahel Province are rivals.")
    ex = run(text, "2023-02-15")
    items = ex["relations"] + ex["roles"] + ex["events"]
    assert items
    for item in items:
        e = item["evidence"]
        assert ex["article"]["text"][e["start"] : e["end"]] == e["sentence"]


def test_output_is_deterministic():
    text = "Hamas and Palestinian Islamic Jihad fought alongside each other in Gaza on Monday."
    a = json.dumps(run(text, "2023-10-10"), sort_keys=False)
    b = json.dumps(run(text, "2023-10-10"), sort_keys=False)
    assert a == b


def test_empty_text_is_refused():
    from militantmap.errors import InputError

    with pytest.raises(InputError) as err:
        extract(Article(text="   \n ", source="blank.txt"))
    assert "blank.txt" in str(err.value)


def test_a_tie_under_a_verb_of_denial_is_negated():
    ex = run("A spokesman for al-Shabaab denied that the group had pledged allegiance to the Islamic "
             "State, saying its loyalty remained with al-Qaeda.")
    assert rel(ex, "allegiance_to")["polarity"] == "negated"
    ex = run("Boko Haram, which denied any role in the kidnapping, pledged allegiance to the "
             "Islamic State in 2015.")
    assert rel(ex, "allegiance_to")["polarity"] == "positive"


def test_a_rising_death_toll_and_a_groups_own_word_are_read():
    ex = run("The death toll from Friday's ambush on a convoy near Gao climbed to 23, officials said. "
             "JNIM said it carried out the ambush.", published="2023-04-09")
    attack = [e for e in ex["events"] if e["type"] == "attack"]
    assert attack and attack[0]["killed"]["value"] == 23
    n = names(ex)
    assert [n[g] for g in attack[0]["claimed_by"]] == ["Jama'at Nusrat al-Islam wal-Muslimin"]


def test_a_spokesman_named_before_his_title_is_a_person_and_not_an_attacker():
    ex = run("Zabihullah Mujahid, a spokesman for the Taliban, condemned the attack on the market.")
    assert groups(ex).keys() == {"Afghan Taliban"}
    assert [(names(ex)[r["person"]], r["role"]) for r in ex["roles"]] == [("Zabihullah Mujahid", "spokesperson")]
    assert all(not e["perpetrators"] for e in ex["events"])
    ex = run("Hamas denounced the bombing, which killed 20 people at a bus station in Jerusalem.")
    assert all(not e["perpetrators"] for e in ex["events"])


def test_denied_links_are_a_negated_affiliation():
    ex = run("The Allied Democratic Forces denied any links to al-Shabaab, a rebel commander told "
             "reporters on Tuesday.")
    tie = rel(ex, "affiliated_with")
    assert tie["polarity"] == "negated"
    ex = run("The Allied Democratic Forces maintain close links with the Islamic State, officials say.")
    assert rel(ex, "affiliated_with")["polarity"] == "positive"


def test_a_yearless_date_takes_the_year_the_sentence_gives():
    # Written in 2019 about 2015: "July 22" is 2015-07-22, not 2019, and it carries on to the
    # next sentence when the article itself has no date.
    ex = run("On August 5, 2015, Boko Haram claimed responsibility for the July 22 abduction of "
             "an engineer near Maiduguri.", "2019-03-01")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["date"] == "2015-07-22"
    ex = run("On May 3, 2012, al-Shabaab claimed the April 30 attack on a police post. The post in "
             "Baidoa was attacked on April 30 by a dozen gunmen, who killed four officers.")
    dates = {e["date"] for e in ex["events"] if e["type"] == "attack"}
    assert dates == {"2012-04-30"}


def test_the_year_of_a_date_is_not_a_death_toll():
    ex = run("On January 3, 2016 gunmen from the Taliban killed five people in Kabul.", "2016-01-05")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["killed"]["value"] == 5
    assert ev["date"] == "2016-01-03"


def test_statistics_about_many_attacks_are_not_an_incident():
    for text in ("In 2023, the Baloch Liberation Army killed nearly 300 people in over 40 attacks.",
                 "In 2022, the Baloch Liberation Army killed nearly 250 people.",
                 "Deaths in attacks by the TTP rose from 90 in 2022 to 310 in 2023.",
                 "Since 2012, hundreds of people have been killed in suicide attacks by al-Shabaab."):
        assert [e for e in run(text, "2024-01-10")["events"] if e["type"] == "attack"] == [], text
    # ... while twin bombings on one day are one incident
    ex = run("Twin suicide bombings claimed by the TTP killed four policemen in Bannu on Monday.",
             "2024-01-10")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["date"] == "2024-01-08" and ev["killed"]["value"] == 4


def test_an_earlier_attack_named_inside_a_sentence_is_its_own_incident():
    ex = run("Boko Haram gunmen killed 12 farmers in Gwoza on Friday. The massacre came a day after "
             "an ambush in which Boko Haram fighters killed three soldiers near Bama.", "2024-05-12")
    attacks = [e for e in ex["events"] if e["type"] == "attack"]
    assert sorted(e["killed"]["value"] for e in attacks) == [3, 12]
    gwoza = next(e for e in attacks if e["killed"]["value"] == 12)
    assert gwoza["location"]["name"] == "Gwoza" and gwoza["date"] == "2024-05-10"


def test_a_statement_posted_on_x_ends_its_sentence():
    ex = run("The spokesman said in a statement posted on X. Militants of the Baloch Liberation Army "
             "attacked a train near Sibi on Tuesday.", "2025-03-13")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["evidence"]["sentence"].startswith("Militants of the Baloch Liberation Army")
    assert ev["date"] == "2025-03-11"


@pytest.mark.parametrize("text, place", [
    ("Boko Haram fighters abducted 30 pupils from their school in the village of Kuriga on Friday.", "Kuriga"),
    ("ISKP claimed a bombing on Saturday outside a mosque in Kabul's western Qala-e-Nazir neighborhood.",
     "Qala-e-Nazir"),
    ("TTP gunmen stormed a police station in Mir Ali, North Waziristan, on Sunday.", "Mir Ali"),
    ("Boko Haram abducted 110 schoolgirls from Dapchi in Yobe State in 2018.", "Dapchi"),
    ("A court in Paris on Monday opened the trial over the 2016 bombing by Ansar Dine of a "
     "hotel in Gao.", "Gao"),
    ("Al-Shabaab claimed a deadly attack on the Ambassador Hotel in Mogadishu on Sunday.",
     "Ambassador Hotel"),
])
def test_an_event_is_placed_at_the_most_specific_place_its_clause_names(text, place):
    ex = run(text, "2024-03-12")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["location"]["name"] == place


def test_a_place_the_gazetteer_lacks_takes_its_coordinates_from_the_place_it_lies_in():
    ex = run("Gunmen from al-Shabaab attacked the Hotel Maka Al-Mukarama in Mogadishu on Friday.",
             "2024-03-12")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    loc = ev["location"]
    assert loc["name"] != "Mogadishu" and loc["country"] == "Somalia"
    assert abs(loc["lat"] - 2.04) < 0.2 and abs(loc["lon"] - 45.34) < 0.2


def test_a_toll_with_a_breakdown_between_count_and_verb_is_read():
    ex = run("Officials said 27 people, including 18 soldiers, lost their lives in Monday's hijacking "
             "of a bus by the Baloch Liberation Army near Turbat.", "2025-03-14")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["killed"]["value"] == 27 and ev["date"] == "2025-03-10"


def test_a_date_after_since_is_a_span_not_the_incident_date():
    ex = run("The abduction of 40 farmers by Boko Haram near Damboa is the third such incident "
             "since January.", "2024-06-02")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["date"] is None


def test_an_operation_conducted_by_an_agency_is_a_military_operation():
    ex = run("The raid follows an operation conducted by the intelligence agency against "
             "al-Shabaab in the Lower Juba region on Sunday.", "2024-06-04")
    assert [e for e in ex["events"] if e["type"] == "military_operation"]


def test_a_town_and_the_province_it_lies_in_are_one_incident():
    ex = run("Gunmen of the Baloch Liberation Army attacked a bus near Turbat on Tuesday. Officials "
             "condemned the attack in Balochistan province and said 9 passengers died.", "2025-03-14")
    attacks = [e for e in ex["events"] if e["type"] == "attack"]
    assert len(attacks) == 1 and attacks[0]["location"]["name"] == "Turbat"


@pytest.mark.parametrize("text, type_", [
    ("Suspected jihadists killed 15 villagers in northern Burkina Faso on Sunday.", "attack"),
    ("Houthi rebels fired two missiles at a tanker in the Red Sea on Tuesday.", "attack"),
    ("The M23 rebel group seized the town of Rubaya on Friday.", "attack"),
    ("The army said it had killed 35 Boko Haram fighters near Bama on Monday.", "military_operation"),
    ("Six militants of the TTP were killed by security forces in Bannu on Monday.", "military_operation"),
])
def test_who_does_the_harm_decides_attack_or_operation(text, type_):
    types = {e["type"] for e in run(text, "2024-06-08")["events"]}
    assert type_ in types and not ({"attack", "military_operation"} - {type_}) & types, types


def test_a_release_of_a_kidnapped_person_is_not_a_kidnapping():
    ex = run("The ELN released a kidnapped soldier in Arauca on Thursday.", "2024-06-08")
    assert [e for e in ex["events"] if e["type"] == "attack"] == []


def test_every_group_of_a_joint_claim_is_a_claimant():
    ex = run("Both Lashkar-e-Jhangvi and the Islamic State claimed the bombing in Mastung on Friday, "
             "which killed 20 people.", "2024-06-08")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    n = names(ex)
    assert {n[c] for c in ev["claimed_by"]} == {"Lashkar-e-Jhangvi", "Islamic State"}


def test_declaring_a_group_a_terrorist_organisation_is_a_ban():
    ex = run("Canada declared the Lashkar-e-Taiba a terrorist organisation on Monday.", "2024-06-08")
    assert [e for e in ex["events"] if e["type"] == "ban"]


def test_an_event_named_as_the_cause_is_not_reported_again():
    ex = run("Hezbollah said it fired dozens of rockets at northern Israel on Wednesday in response "
             "to the killing of its commander.", "2024-06-08")
    assert {e["type"] for e in ex["events"]} == {"attack"}


def test_a_town_after_in_that_the_tagger_missed_is_the_place():
    ex = run("Gunmen from Ansar al-Sunna beheaded five villagers in Mocimboa da Praia on Sunday.",
             "2024-06-08")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["location"]["name"] == "Mocimboa da Praia" and ev["location"]["country"] == "Mozambique"


def test_a_leaders_death_told_twice_is_one_event():
    ex = run("Police said Qari Zahid, the chief of Lashkar-e-Jhangvi, was killed days before he was "
             "to join the Islamic State. Zahid was killed along with 5 others on March 3 in a raid "
             "in Multan.", "2024-06-08")
    deaths = [e for e in ex["events"] if e["type"] == "leader_killed"]
    assert len(deaths) == 1 and deaths[0]["killed"]["value"] == 6


def test_a_group_named_as_the_attacker_wins_over_a_description_resolved_elsewhere():
    ex = run("Gunmen of the Baloch Liberation Army attacked a train near Sibi on Tuesday. The Afghan "
             "Taliban denied that the attack was planned in Afghanistan. The militants blew up the "
             "tracks and stormed the train.", "2025-03-14")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert [names(ex)[p] for p in ev["perpetrators"]] == ["Balochistan Liberation Army"]


def test_the_military_claiming_the_killing_of_militants_is_an_operation_with_its_toll():
    ex = run("The army claimed the killing of 21 terrorists in a raid near Mir Ali on Sunday.", "2025-03-13")
    (ev,) = [e for e in ex["events"] if e["type"] == "military_operation"]
    assert ev["killed"]["value"] == 21 and not [e for e in ex["events"] if e["type"] == "attack"]


def test_a_country_in_the_triggers_own_phrase_beats_a_city_outside_it():
    ex = run("A trial opened in Paris on Monday over the 2004 bombing by rebels of a French base in "
             "Ivory Coast.", "2024-06-10")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["location"]["name"] is None and ev["location"]["country"] == "Ivory Coast"


def test_an_unknown_place_takes_the_country_written_after_it():
    ex = run("The Council condemned the attack by Islamic State in the Greater Sahara in Banibangou, "
             "Niger, on 21 March, which killed 12 soldiers.", "2024-06-10")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["location"]["country"] == "Niger"


def test_arrests_unrelated_to_armed_groups_are_not_events():
    ex = run("A court in Guatemala City on Monday revoked the publisher's house arrest.", "2024-06-10")
    assert [e for e in ex["events"] if e["type"] == "arrest"] == []
    ex = run("Police arrested three suspected militants in Peshawar on Monday.", "2024-06-10")
    assert [e for e in ex["events"] if e["type"] == "arrest"]


def test_the_ends_of_a_journey_are_not_where_an_attack_happened():
    ex = run("The bus was travelling from Quetta to Karachi when Baloch Liberation Army gunmen "
             "stopped it near Khuzdar on Friday and killed 9 passengers.", "2024-06-10")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["location"]["name"] == "Khuzdar"


def test_gunmen_who_stop_a_bus_are_attackers_but_a_foiled_attack_is_no_attack():
    ex = run("Police foiled an attack by Lashkar-e-Taiba on a temple in Jammu on Friday.", "2024-06-10")
    assert [e for e in ex["events"] if e["type"] == "attack"] == []


@pytest.mark.parametrize("text, type_", [
    ("The Allied Democratic Forces (ADF), which pledged allegiance to IS in 2019, killed more than "
     "30 villagers in Beni on Sunday.", "attack"),
    ("CODECO militiamen killed at least 12 people at a camp in Djugu on Monday.", "attack"),
    ("Sudan's paramilitary Rapid Support Forces shelled a market in Omdurman on Monday.", "attack"),
    ("Iran's Revolutionary Guards struck bases of the Kurdish group PJAK in northern Iraq on Monday.",
     "military_operation"),
    ("A drone strike killed Saleh al-Arouri, the deputy leader of Hamas, in Beirut on Tuesday.",
     "leader_killed"),
    ("Boko Haram leader Abubakar Shekau blew himself up during clashes with ISWAP fighters in May 2021.",
     "leader_killed"),
])
def test_the_doer_and_the_victim_decide_the_event_type(text, type_):
    types = {e["type"] for e in run(text, "2024-06-11")["events"]}
    assert type_ in types, types


def test_a_spokesman_reporting_deaths_is_no_leader_killed_and_a_police_raid_no_attack():
    ex = run("Abu Obeida, the spokesman for the Qassam Brigades, said in a video on Monday that "
             "several soldiers had been killed.", "2024-06-11")
    assert [e for e in ex["events"] if e["type"] == "leader_killed"] == []
    ex = run("Police arrested four suspected members of Ansar al-Islam in a raid in Sylhet on Monday.",
             "2024-06-11")
    assert {e["type"] for e in ex["events"]} == {"arrest"}


def test_officials_blaming_a_group_for_a_bombing_report_an_attack_by_it():
    ex = run("Officials blamed the Barisan Revolusi Nasional (BRN) for a roadside bomb in Yala that "
             "killed three rangers on Monday.", "2024-06-11")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["killed"]["value"] == 3 and names(ex)[ev["perpetrators"][0]] == "Barisan Revolusi Nasional"


@pytest.mark.parametrize("text", [
    "Police busted a Jaish-e-Mohammed module in Srinagar on Monday.",
    "On March 3, the counterterrorism agency broke up an Islamic State cell in Casablanca.",
    "A Lashkar-e-Taiba network was dismantled in Jammu in November, police said.",
])
def test_breaking_up_a_militant_cell_is_an_arrest(text):
    assert "arrest" in {e["type"] for e in run(text, "2024-12-10")["events"]}


def test_dismantling_a_criminal_ring_is_not_our_arrest():
    assert run("The army dismantled a drug trafficking ring in the north.", "2024-12-10")["events"] == []


def test_an_offensive_is_a_military_operation_dated_by_its_own_clause():
    ex = run("General Omar, who led the offensive that drove al-Shabaab out of Kismayo in September "
             "2012, died on Monday.", "2024-06-10")
    (ev,) = [e for e in ex["events"] if e["type"] == "military_operation"]
    assert ev["date"] == "2012-09"
    assert run("The minister made offensive remarks about the Taliban.", "2024-06-10")["events"] == []


def test_an_announced_ban_is_dated_by_its_announcement():
    ex = run("The Home Office has proscribed the Terrorgram Collective as a terrorist group.",
             "2024-04-22")
    (ev,) = [e for e in ex["events"] if e["type"] == "ban"]
    assert ev["date"] == "2024-04-22"
    ex = run("In May 2019, the Department of State amended Boko Haram's designation to add two aliases.",
             "2024-04-22")
    (ev,) = [e for e in ex["events"] if e["type"] == "ban"]
    assert ev["date"] == "2019-05"


def test_the_town_an_attack_is_on_is_its_place():
    ex = run("Hamas claimed a rocket attack on Ashkelon on Monday that wounded three people.", "2024-06-10")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["location"]["name"] == "Ashkelon" and ev["location"]["country"] == "Israel"
