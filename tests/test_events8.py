"""Round 8 of the event constructions (issue 8): invented wire-news sentences, one test per
construction; each asserts something the extractor got wrong before the round, and the
negatives something it must keep not doing."""
from __future__ import annotations

from extract_helpers import events_of as _of
from extract_helpers import events_read
from extract_helpers import killed_of as _killed

PUB = "2024-03-15"   # a Friday


def test_attack_told_again_as_the_subject_of_follow():
    evs = events_read("Gunmen stormed a guesthouse in Kismayo on Monday, killing six people. Al-Shabaab "
                      "claimed the assault. This attack follows an operation conducted by the national army a "
                      "day earlier, which resulted in the deaths of 12 al-Shabaab fighters.", PUB)
    attacks = _of(evs, "attack")
    assert len(attacks) == 1 and _killed(attacks[0]) == 6, evs
    assert attacks[0]["perps"] == {"al-Shabaab"}
    assert [_killed(e) for e in _of(evs, "military_operation")] == [12]


def test_attack_that_came_on_a_day_is_not_a_sequel():
    # "The attack came on Sunday" tells the incident's day: still read
    evs = events_read("The attack came on Sunday, when Ansaru gunmen killed nine traders near Birnin Gwari.", PUB)
    assert _of(evs, "attack"), evs


def test_relative_clause_attack_keeps_its_own_toll():
    evs = events_read("Police in Nigeria say they killed all four attackers who raided a prison in Kuje and "
                      "later killed at least 30 Boko Haram militants in airstrikes.", PUB)
    attack = _of(evs, "attack")[0]
    assert _killed(attack) is None and attack["place"] == "Kuje"
    assert _killed(_of(evs, "military_operation")[0]) == 30


def test_standing_relative_clause_places_nothing():
    evs = events_read("The Africa Command, which oversees American operations in the Horn of Africa, said the "
                      "ISIS-Somalia commander was killed in an airstrike on Friday.", PUB)
    assert evs and all(e["place"] != "Horn of Africa" for e in evs), evs


def test_claim_by_planting_the_device():
    evs = events_read("A bomb blast ripped through a bus in Mastung on Friday, killing nine passengers. The "
                      "Balochistan Liberation Front later said it had planted the device.", PUB)
    assert len(evs) == 1 and evs[0]["perps"] == {"Balochistan Liberation Front"}, evs


def test_things_banned_by_a_group_are_no_ban():
    assert not events_read("The novel was among 300 titles banned by the Taliban last year.", PUB)
    assert not events_read("Alongside the book ban and curbs on women, the Taliban return has hurt writers.", PUB)
    # the group banned by a state still is one
    evs = events_read("The Pakistani government on Tuesday banned Tehreek-e-Labbaik Pakistan after violent "
                      "protests.", PUB)
    assert [e["type"] for e in evs] == ["ban"]


def test_day_of_mourning_does_not_date_the_attack():
    evs = events_read("The Baloch Liberation Army attacked a police station in Turbat on Sunday. The governor "
                      "declared Wednesday a day of mourning for the victims of the Turbat attack.", PUB)
    assert len(evs) == 1 and evs[0]["date"] == "2024-03-10", evs


def test_cause_phrase_lends_no_toll_or_place():
    evs = events_read("Hezbollah fired dozens of rockets into northern Israel on Wednesday in response to an "
                      "Israeli strike that killed one of its commanders in Tyre.", PUB)
    attack = _of(evs, "attack")[0]
    assert _killed(attack) is None and attack["place"] != "Tyre"
    assert attack["perps"] == {"Hezbollah"}


def test_negatives_stay_negative():
    # figurative attacks, a film that bombed, a foiled plot, a state's raid
    for text in ("The film bombed at the box office, and critics attacked its script.",
                 "Police foiled a plot by Hizbul Mujahideen to attack a temple in Jammu.",
                 "The opposition leader attacked the budget in parliament on Tuesday."):
        assert not _of(events_read(text, PUB), "attack"), text
    evs = events_read("Troops stormed a Lashkar-e-Taiba hideout in Kupwara on Friday, killing three militants.", PUB)
    assert [e["type"] for e in evs] == ["military_operation"]


def test_siege_that_ended_keeps_the_start_day_and_joins_its_claim():
    evs = events_read("Gunmen laid siege to a hotel in Kismayo on Monday. Officials said the hotel siege ended "
                      "early Tuesday. Al-Shabaab claimed responsibility for the hotel attack on Monday.", PUB)
    assert len(evs) == 1 and evs[0]["date"] == "2024-03-11" and evs[0]["perps"] == {"al-Shabaab"}, evs


def test_comparison_of_attacks_is_a_statistic():
    assert not events_read("Kismayo has suffered more bomb attacks than any other town in Somalia except "
                           "Mogadishu, where al-Shabaab is strong.", PUB)


def test_ends_of_a_journey_are_not_the_place():
    evs = events_read("The convoy was travelling from Gao, Mali, to Niamey, Niger, when it came under attack "
                      "by JNIM fighters on Sunday.", PUB)
    assert evs[0]["place"] not in ("Niamey", "Gao")


def test_came_under_attack_or_fire_by_a_group():
    evs = events_read("The convoy came under attack by JNIM fighters near Gao on Sunday.", PUB)
    assert evs[0]["perps"] == {"Jama'at Nusrat al-Islam wal-Muslimin"}
    evs = events_read("A patrol came under fire from al-Shabaab militants near Afgoye on Sunday.", PUB)
    assert [e["type"] for e in evs] == ["attack"] and evs[0]["perps"] == {"al-Shabaab"}
    # criticism is no attack
    assert not events_read("The finance minister came under fire from lawmakers on Sunday over the budget.", PUB)


def test_death_in_fighting_with_a_group_credits_it():
    evs = events_read("Boko Haram was led by Abubakar Shekau. Shekau died in May 2021 during fighting with ISWAP.", PUB)
    assert _of(evs, "leader_killed")[0]["perps"] == {"Islamic State West Africa Province"}
    evs = events_read("The TTP said its chief Fazlullah had been killed in clashes with the Afghan Taliban in Kunar.", PUB)
    assert _of(evs, "leader_killed")[0]["perps"] == {"Afghan Taliban"}
    # a state's forces are no perpetrator
    evs = events_read("Abu Sayyaf leader Isnilon Hapilon was killed in a gunfight with the Philippine army in "
                      "Marawi in October 2017.", PUB)
    assert not _of(evs, "leader_killed")[0]["perps"]


def test_unresolved_they_is_the_storys_doer():
    evs = events_read("Houthi rebels fired a missile at a tanker in the Gulf of Aden on Monday, the US military "
                      "said. The tanker caught fire. A day later, they targeted a second ship near Mokha.", PUB)
    assert [e["perps"] for e in evs] == [{"Houthis"}, {"Houthis"}], evs


def test_named_attack_inside_a_list_of_attacks():
    evs = events_read("Ansar Dine and al-Mourabitoun are based in northern Mali. Together, they carried out "
                      "attacks in Niger, Chad and the Agadez market attack in Niger in late 2017 and early 2018.", PUB)
    assert len(evs) == 1 and evs[0]["place"] == "Agadez", evs
    assert evs[0]["perps"] == {"Ansar Dine", "al-Mourabitoun"}
    # a statistic of attacks alone stays none
    assert not events_read("In 2023, al-Mourabitoun carried out more than 40 attacks in Niger and Mali.", PUB)


def test_fighting_that_broke_out_has_two_sides():
    evs = events_read("Fighting broke out on Tuesday on the island of Kangarwa in Kukawa when ISWAP fighters "
                      "launched an attack on the camp of Ali Ngulde, a Boko Haram commander.", PUB)
    assert evs[0]["perps"] == {"Islamic State West Africa Province", "Boko Haram"}
    # a one-sided attack on a group's position names one doer
    evs = events_read("ISWAP fighters attacked a Boko Haram camp near Kukawa on Tuesday.", PUB)
    assert evs[0]["perps"] == {"Islamic State West Africa Province"}
