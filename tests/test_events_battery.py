"""Events in the forms wire services and local outlets write them (sentences written for these
tests). Each test pins one general rule of extract/events.py."""
from __future__ import annotations

import pytest

from extract_helpers import names, run

PUB = "2024-06-10"  # a Monday


def _events(text: str, published: str = PUB) -> tuple[list[dict], dict[str, str]]:
    ex = run(text, published)
    return ex["events"], names(ex)


def test_the_one_in_drone_is_not_a_toll():
    evs, _ = _events("A drone strike killed three suspected al-Qaeda militants in Shabwa province "
                     "on Thursday, local officials said.")
    assert [e["type"] for e in evs] == ["military_operation"]
    assert evs[0]["killed"]["value"] == 3


def test_a_lone_a_after_and_counts_one_more_victim():
    evs, _ = _events("Two soldiers and a civilian were killed when a roadside bomb hit a military "
                     "convoy in Mali's Mopti region on Wednesday.")
    assert evs[0]["killed"]["value"] == 3


@pytest.mark.parametrize("text, toll", [
    ("Three gunmen killed seven villagers in Zamfara state on Sunday.", 7),
    ("Two suicide bombers killed 15 people at a market in Maiduguri on Friday.", 15),
    ("Four attackers on motorbikes killed at least 20 worshippers near Djibo.", 20),
])
def test_the_number_of_killers_is_not_the_toll(text, toll):
    evs, _ = _events(text)
    assert evs and evs[0]["killed"]["value"] == toll, evs


def test_shot_dead_gives_the_toll():
    evs, _ = _events("Gunmen shot dead four polio workers in Bajaur on Saturday, police said.")
    assert evs[0]["type"] == "attack"
    assert evs[0]["killed"]["value"] == 4


def test_attackers_shot_dead_by_soldiers_are_not_the_attacks_toll():
    evs, _ = _events("During the 18-hour hotel siege in Beledweyne, our brave soldiers shot dead two "
                     "militants, the commander said.")
    assert [e["type"] for e in evs] == ["attack"]
    assert evs[0]["killed"] is None


# The date of an incident comes from its trigger's clause, whatever the parse hangs it on.
DATED = [
    # a "when" clause shares the date of its main clause
    ("At least nine people were killed on Sunday when a suicide bomber targeted a bus in Kohistan, "
     "police said.", "2024-06-09", None),
    # a participle phrase around the trigger takes the clause's date
    ("Somali forces backed by U.S. airstrikes killed more than 30 al-Shabaab fighters near Jilib on "
     "Monday.", "2024-06-10", "military_operation"),
    # a date the parser attaches to an -ing phrase still dates the attack
    ("Militants shot dead two policemen guarding a polio vaccination team in Swabi on Monday.",
     "2024-06-10", None),
    # the small model may hang "when ..." on the date itself rather than on the main verb
    ("The violence erupted on May 28 near the village of Tongo, close to the river, when Boko Haram "
     "fighters launched a raid on a camp of herders.", "2024-05-28", None),
    # a cleft sentence dates its that-clause
    ("It was on Thursday that Boko Haram fighters torched the market of Gubio, killing five traders.",
     "2024-06-06", None),
]


@pytest.mark.parametrize(("sentence", "date", "type_"), DATED)
def test_the_trigger_clause_dates_the_incident(sentence: str, date: str, type_: str | None):
    evs, _ = _events(sentence)
    assert evs[0]["date"] == date
    if type_:
        assert evs[0]["type"] == type_


def test_the_day_of_a_claim_does_not_make_a_second_incident():
    evs, n = _events("A car bomb hit a police post in Galkayo on Saturday, killing six officers. On "
                     "Monday, al-Shabaab claimed responsibility for the bombing.")
    attacks = [e for e in evs if e["type"] == "attack"]
    assert len(attacks) == 1 and attacks[0]["date"] == "2024-06-08"
    assert [n[p] for p in attacks[0]["perpetrators"]] == ["al-Shabaab"]


def test_a_participle_trigger_keeps_its_own_time():
    # "freed on Tuesday" does not date the kidnapping the participle tells of
    evs, _ = _events("More than 200 students kidnapped in Kaduna state were freed by their captors "
                     "on Tuesday, officials said.")
    assert all(e["date"] != "2024-06-04" for e in evs if e["type"] == "attack")


def test_the_strike_that_killed_a_leader_is_not_another_event():
    evs, _ = _events("Abu Khadija, a senior Islamic State commander, was killed in a U.S. airstrike "
                     "in western Iraq on Thursday, the military said.")
    assert [e["type"] for e in evs] == ["leader_killed"]
    assert evs[0]["date"] == "2024-06-06"


def test_a_leader_killed_by_forces_named_title_first():
    evs, _ = _events("Pakistani security forces killed a top TTP commander, Mufti Ghufran, in a "
                     "raid in South Waziristan late Friday.")
    assert [e["type"] for e in evs] == ["leader_killed"]
    assert evs[0]["perpetrators"] == []


def test_the_attack_an_arrest_is_about_is_not_reported_again():
    evs, _ = _events("Police in Karachi arrested three suspected members of the Baloch Liberation "
                     "Army on Sunday in connection with the attack on Chinese nationals.")
    assert [e["type"] for e in evs] == ["arrest"]


def test_a_running_total_since_a_year_is_no_incident():
    evs, _ = _events("Boko Haram has killed more than 35,000 people since its insurgency began in 2009.")
    assert evs == []


def test_adding_a_group_to_a_list_of_terrorist_entities_is_a_ban():
    evs, _ = _events("Canada on Wednesday added the Bishnoi gang to its list of terrorist entities.")
    assert [e["type"] for e in evs] == ["ban"]
    assert evs[0]["date"] == "2024-06-05"
    assert evs[0]["location"]["country"] == "Canada"


def test_hundreds_of_group_fighters_are_the_attackers():
    evs, n = _events("Hundreds of JNIM fighters attacked the town of Barsalogho on Saturday, "
                     "killing scores of civilians.")
    assert [n[p] for p in evs[0]["perpetrators"]] == ["Jama'at Nusrat al-Islam wal-Muslimin"]


def test_dozens_of_group_members_killed_are_not_the_attackers():
    evs, _ = _events("An explosion at a market in Lamu on Tuesday killed dozens of al-Shabaab "
                     "members, police said.")
    assert [e["type"] for e in evs] == ["attack"]
    assert evs[0]["perpetrators"] == []


def test_the_year_naming_an_incident_is_not_its_toll():
    evs, _ = _events("A 2017 truck bombing in Mogadishu killed more than 500 people, the deadliest "
                     "attack in the country's history.")
    assert evs[0]["killed"]["value"] == 500
    assert evs[0]["date"] == "2017"


def test_a_group_that_has_not_claimed_is_no_claimant():
    evs, n = _events("Officials said al-Shabaab was behind Monday's attack, though the group has not "
                     "claimed it.")
    assert evs[0]["claimed_by"] == []


def test_counted_leaders_killed_is_a_leader_killed_event():
    evs, _ = _events("The Kurdistan Workers' Party says three senior commanders of its Zap unit were "
                     "killed in a Turkish drone strike on Saturday.")
    assert [e["type"] for e in evs] == ["leader_killed"]


def test_leaders_in_general_being_killed_is_no_event():
    evs, _ = _events("Hamas is weaker than it was, and many of its leaders have been killed or jailed, "
                     "an analyst said.")
    assert [e for e in evs if e["type"] == "leader_killed"] == []


def test_two_groups_named_by_a_plural_fight_a_battle():
    # "the two groups" of the mention layer stands for both; each is a side of the fight
    evs, n = _events("Ansar Dine and the MNLA have long quarrelled over Kidal. On Saturday, the two "
                     "groups fought a battle near Anefis that killed nine people.")
    attacks = [e for e in evs if e["type"] == "attack"]
    assert attacks and {n[p] for p in attacks[0]["perpetrators"]} >= {"Ansar Dine"}
    assert len({n[p] for p in attacks[0]["perpetrators"]}) == 2


def test_a_groups_own_toll_is_no_second_incident():
    evs, n = _events("Gunmen stormed a guesthouse in Bosaso on Sunday, leaving four people dead. "
                     "Al-Shabaab claimed the raid. In a statement, the group said it had killed "
                     "more than 12 people.")
    attacks = [e for e in evs if e["type"] == "attack"]
    assert len(attacks) == 1 and attacks[0]["killed"]["value"] == 4


def test_plural_army_campaigns_are_an_operation():
    evs, _ = _events("During the military campaigns in Kunar and Nuristan in 2011, many Lashkar-e-Taiba "
                     "fighters fled across the border.")
    assert "military_operation" in [e["type"] for e in evs]


def test_a_trigger_word_naming_a_trade_or_threat_is_no_incident():
    for text in ("Police arrested a Jemaah Islamiyah bomb maker in Poso on Friday.",
                 "A bomb squad defused a device left near a church in Kaduna on Sunday.",
                 "Officials received a bomb threat against a school in Lahore on Monday."):
        evs, _ = _events(text)
        assert "attack" not in [e["type"] for e in evs], text
    evs, _ = _events("A bomb attack killed four people in Poso on Friday.")
    assert [e["type"] for e in evs] == ["attack"]
