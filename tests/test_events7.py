"""Round 7 of the event constructions (issue 8): invented wire-news sentences, one test per
construction; each asserts something the extractor got wrong before the round."""
from __future__ import annotations

from extract_helpers import events_of as _of
from extract_helpers import events_read
from extract_helpers import killed_of as _killed

PUB = "2024-03-15"   # a Friday


def test_operation_toll_participle_is_not_an_attack():
    for text in ("The Philippine army launched an offensive against Abu Sayyaf militants on Jolo island "
                 "on Monday, killing seven fighters.",
                 "Troops launched an operation against al-Shabaab in Middle Shabelle, killing 30 militants.",
                 "The military conducted a raid on a Boko Haram hideout in Sambisa Forest on Friday, killing "
                 "11 militants and rescuing 20 hostages."):
        evs = events_read(text, PUB)
        assert [e["type"] for e in evs] == ["military_operation"], (text, evs)


def test_ban_has_no_toll_and_sits_in_the_banning_country():
    evs = events_read("Pakistan on Wednesday banned the Balochistan Liberation Army, a separatist group that "
                      "claimed a bombing that killed 14 people at a railway station in Quetta last month.", PUB)
    ban = _of(evs, "ban")[0]
    attack = _of(evs, "attack")[0]
    assert ban["killed"] is None and ban["place"] is None
    assert ban["location"]["country"] == "Pakistan" and ban["date"] == "2024-03-13"
    assert _killed(attack) == 14 and attack["place"] == "Quetta"
    assert attack["perps"] == {"Balochistan Liberation Army"}


def test_ban_day_written_before_the_verb():
    evs = events_read("The government on Friday banned Jundallah, a little-known Sunni group that claimed a "
                      "suicide attack on a mosque in Zahedan that killed 23 people in May.", PUB)
    assert _of(evs, "ban")[0]["date"] == "2024-03-15"
    assert _of(evs, "attack")[0]["perps"]


def test_appositive_relative_clause_credits_its_claim():
    evs = events_read("Ansar al-Islam, a little-known group that claimed an attack on a police station in "
                      "Djibo on Friday, released a video.", PUB)
    assert evs[0]["perps"] == {"Ansar al-Islam"}


def test_bare_plural_record_yields_to_the_incident():
    evs = events_read("Al-Shabaab, a militant group that has carried out attacks in Kenya, said it was behind "
                      "the bombing of a bus in Mandera on Monday that killed 10.", PUB)
    assert len(evs) == 1 and evs[0]["place"] == "Mandera" and evs[0]["date"] == "2024-03-11"


def test_one_victim_named_with_a():
    evs = events_read("Hours later, gunmen attacked a checkpoint in Bannu, killing a soldier.", PUB)
    assert _killed(evs[0]) == 1
    evs = events_read("A teacher was killed when gunmen stormed a school in Mandera on Tuesday.", PUB)
    assert _killed(evs[0]) == 1
    evs = events_read("Al-Shabaab fighters attacked a base in Lower Shabelle, killing a number of soldiers.", PUB)
    assert _killed(evs[0]) is None


def test_claimed_both_attacks():
    evs = events_read("Two police officers were killed when militants ambushed their patrol in Lakki Marwat on "
                      "Monday night. Hours later, gunmen attacked a checkpoint in Bannu, killing a soldier. "
                      "The Tehreek-e-Taliban Pakistan claimed both attacks.", PUB)
    assert len(evs) == 2 and all(e["perps"] == {"Tehrik-i-Taliban Pakistan"} for e in evs)


def test_speaker_toll_for_the_attacker_joins_the_incident():
    evs = events_read("A suicide bomber struck a police checkpoint in the southern Afghan city of Kandahar on "
                      "Tuesday, killing four officers, police said. The Taliban claimed responsibility for the "
                      "bombing in a statement. Taliban spokesman Zabihullah Mujahid said the attacker had killed "
                      "12 police.", PUB)
    assert len(evs) == 1 and _killed(evs[0]) == 4


def test_the_attackers_tell_more_of_the_same_incident():
    evs = events_read("Ugandan rebels of the ADF killed 42 people in an attack on a school in Mpondwe near the "
                      "Congolese border, police said. The attackers burned dormitories and abducted six "
                      "students before fleeing into Congo's Virunga National Park.", PUB)
    assert len(evs) == 1 and evs[0]["place"] == "Mpondwe"


def test_spokesman_for_the_group_speaks_for_it():
    evs = events_read("A spokesman for Jama'at Nusrat al-Islam wal-Muslimin said its fighters had ambushed an "
                      "army convoy near Djibo.", PUB)
    assert evs[0]["perps"] == {"Jama'at Nusrat al-Islam wal-Muslimin"}
    evs = events_read("Gunmen killed 14 farmers in the village of Kulkul in Borno State on Saturday. A "
                      "spokesman for ISWAP condemned the attack.", PUB)
    assert not evs[0]["perps"]


def test_participle_on_the_claimant_describes_it():
    evs = events_read("The Resistance Front, seen as an offshoot of Lashkar-e-Taiba, claimed the attack in "
                      "Pahalgam that killed 26 people.", PUB)
    assert evs[0]["perps"] == {"The Resistance Front"}


def test_vague_record_toll_yields_to_the_number():
    evs = events_read("The Tehreek-e-Taliban Pakistan, which has killed thousands since 2007, on Friday claimed "
                      "an attack on a police station in Dera Ismail Khan that killed three officers.", PUB)
    assert _killed(evs[0]) == 3


def test_toll_rise_day_is_not_the_incident_day():
    evs = events_read("The death toll from a suicide bombing at a mosque in northwest Pakistan rose to 59 on "
                      "Saturday. The Islamic State claimed the attack, which took place during Friday prayers "
                      "in Mastung.", PUB)
    assert len(evs) == 1 and _killed(evs[0]) == 59 and evs[0]["perps"] == {"Islamic State"}


def test_standing_task_in_a_relative_clause_is_no_operation():
    evs = events_read("Al-Shabaab fighters attacked a base in Jilib. The strike was announced by U.S. Africa "
                      "Command, which oversees U.S. military operations in Africa.", PUB)
    assert not _of(evs, "military_operation")


def test_forces_recapture_a_town():
    evs = events_read("Al-Shabaab fighters attacked a base in Jilib. Somali forces recaptured the town of "
                      "Harardhere from al-Shabab on Thursday.", PUB)
    op = _of(evs, "military_operation")
    assert op and op[0]["place"] == "Harardhere" and op[0]["date"] == "2024-03-14"


def test_year_on_the_incident_noun_and_long_designation():
    evs = events_read("The United States has designated the Islamic State Khorasan Province, a little-known "
                      "group that claimed responsibility for a 2022 bombing in Ankara that killed six people, "
                      "as a terrorist organization.", PUB)
    assert _of(evs, "ban")
    assert _of(evs, "attack")[0]["date"] == "2022"


def test_leader_killed_in_a_dated_relative_clause():
    evs = events_read("Isnilon Hapilon, who was killed in Marawi in 2017, was the leader of the Abu Sayyaf "
                      "group.", PUB)
    assert evs[0]["type"] == "leader_killed" and evs[0]["date"] == "2017"


def test_leader_died_during_clashes():
    evs = events_read("Abubakar Shekau, the Boko Haram leader, died in May 2021 during clashes with ISWAP.", PUB)
    assert evs and evs[0]["type"] == "leader_killed" and evs[0]["date"] == "2021-05"


def test_the_bombers_were_members_of_the_group():
    evs = events_read("Two suicide bombers blew themselves up outside a Shiite mosque in Quetta on Friday, "
                      "killing 20 worshippers and wounding 40. Police said the bombers were members of "
                      "Lashkar-e-Jhangvi.", PUB)
    assert evs[0]["perps"] == {"Lashkar-e-Jhangvi"}
    evs = events_read("Gunmen killed nine villagers in Kanam on Monday. The attackers were not members of "
                      "Boko Haram, police said.", PUB)
    assert not evs[0]["perps"]


def test_an_earlier_incident_after_came():
    evs = events_read("The attack in the village of Tondikiwindi came a day after jihadists killed 12 soldiers "
                      "in the Tillaberi region.", PUB)
    assert len(evs) == 2
    assert _killed(evs[0]) is None and _killed(evs[1]) == 12


def test_running_toll_in_attacks_is_a_statistic():
    evs = events_read("Hundreds of people have been killed in attacks by the group in the past year. On "
                      "Tuesday, its fighters ambushed a convoy in Kidal, killing eight soldiers.", PUB)
    assert len(evs) == 1 and evs[0]["place"] == "Kidal"


def test_day_split_from_time_of_day():
    evs = events_read("On Thursday morning, militants attacked a base in Bulo Marer.", PUB)
    assert evs[0]["date"] == "2024-03-14" and evs[0]["place"] == "Bulo Marer"


def test_group_members_arrested_in_the_simple_past():
    evs = events_read("Turkish police detained 25 suspected Islamic State militants in raids across eight "
                      "provinces, state media reported.", PUB)
    assert [e["type"] for e in evs] == ["arrest"]


def test_arrest_over_an_attack_told_as_its_reason():
    evs = events_read("Police arrested a suspected member of the Islamic State in Istanbul on Tuesday over the "
                      "New Year's Eve nightclub attack that killed 39 people.", PUB)
    assert [e["type"] for e in evs] == ["arrest"]


def test_later_attack_by_the_same_doers_is_another_incident():
    evs = events_read("JNIM fighters attacked an army post in Boulkessi on Monday, killing 20 soldiers. "
                      "Residents said the jihadists later attacked a nearby village, killing four civilians.", PUB)
    assert sorted(_killed(e) for e in evs) == [4, 20]


def test_separate_attack_takes_no_story_group():
    evs = events_read("JNIM fighters attacked an army post in Boulkessi on Monday, killing 20 soldiers. "
                      "In a separate attack on Tuesday, gunmen killed seven people in Koutougou.", PUB)
    other = [e for e in evs if e["place"] == "Koutougou"]
    assert other and not other[0]["perps"]


def test_seized_or_captured_a_town():
    evs = events_read("M23 rebels captured the eastern Congolese city of Goma on Monday, the United Nations "
                      "said.", PUB)
    assert [e["type"] for e in evs] == ["attack"] and evs[0]["place"] == "Goma"
    evs = events_read("The Arakan Army seized a key border town in Rakhine State on Sunday after weeks of "
                      "fighting with the military.", PUB)
    assert evs[0]["date"] == "2024-03-10"


def test_participle_toll_takes_its_clause_doer_and_day():
    evs = events_read("Hamas fighters crossed into southern Israel on October 7, killing about 1,200 people "
                      "and taking 251 hostages.", PUB)
    assert evs[0]["perps"] == {"Hamas"} and evs[0]["date"] == "2023-10-07" and _killed(evs[0]) == 1200


def test_definite_mention_of_nothing_is_no_incident():
    evs = events_read("Israeli strikes killed at least 30 people in Gaza on Tuesday, the health ministry said. "
                      "The Israeli military said it targeted Hamas militants.", PUB)
    assert [e["type"] for e in evs] == ["military_operation"]


def test_earlier_told_is_about_the_telling():
    evs = events_read("Gunmen attacked a passenger train near Sibi on Tuesday, killing 21 people. Earlier, a "
                      "railway official in Quetta told reporters that 70 passengers had reached a station near "
                      "the site of that attack.", PUB)
    assert len(evs) == 1


def test_clause_describing_the_claimant_tells_another_incident():
    evs = events_read("The attack was claimed by Ansar al-Islam, a little-known group that claimed an attack on "
                      "a hotel in Ouagadougou in 2016.", PUB)
    assert len(evs) == 2 and {e["date"] for e in evs} == {None, "2016"}


def test_feast_day_is_not_last_weekday():
    evs = events_read("Jamaat-ul-Ahrar, a little-known faction that claimed the Easter Sunday bombing in Lahore "
                      "that killed more than 70 people, was designated by the United States.", PUB)
    assert _of(evs, "attack")[0]["date"] is None


def test_group_before_linked_describes_the_claimant():
    evs = events_read("Al-Shabab extremists stormed a beach hotel in Mogadishu late Friday, killing at least "
                      "nine people, police said. The al-Qaida-linked group claimed responsibility for the assault "
                      "via its Andalus radio station.", PUB)
    assert len(evs) == 1 and evs[0]["perps"] == {"al-Shabaab"} and evs[0]["place"] == "Mogadishu"


def test_fighting_that_continued_is_the_same_incident():
    evs = events_read("Al-Shabab extremists stormed a beach hotel in Mogadishu late Friday, killing at least "
                      "nine people. Gunfire and explosions continued into Saturday as security forces battled "
                      "the attackers holed up inside the Pearl Beach Hotel.", PUB)
    assert len(evs) == 1 and evs[0]["date"] != "2024-03-09"


def test_incident_picked_out_of_many():
    evs = events_read("Al-Shabab has carried out many attacks in Mogadishu, including a 2022 bombing at the "
                      "Hayat Hotel that killed 21 people.", PUB)
    assert len(evs) == 1 and evs[0]["date"] == "2022" and _killed(evs[0]) == 21


def test_present_perfect_record_is_no_incident():
    evs = events_read("The militants, who are fighting to overthrow the government, have killed thousands of "
                      "people in the past decade.", PUB)
    assert evs == []
