"""Events, round 9: an armed group striking or hitting a physical target, a barrage or volley of
rockets fired, a border crossing or an airport seized, and "a drone strike by G". Sentences
written for these tests, with other names and words than any text they were met in; and the
figurative uses of the same verbs, which stay no incident."""
from __future__ import annotations

import pytest
from extract_helpers import events_of, events_read


@pytest.mark.parametrize(("text", "doer", "place"), [
    ("Houthi rebels struck a commercial ship in the Red Sea on Monday, the U.S. military said.",
     "Houthis", "Red Sea"),
    ("On Wednesday al-Shabaab fighters pounded an army outpost near Beledweyne with mortars.",
     "al-Shabaab", "Beledweyne"),
    ("A bomb planted by the Tehrik-i-Taliban Pakistan hit a van in Bajaur on Friday.",
     "Tehrik-i-Taliban Pakistan", "Bajaur"),
    # seizing a border crossing or an airport, not only a town or a base
    ("The M23 rebels seized the border crossing at Bunagana on Monday.", "March 23 Movement", "Bunagana"),
    ("ISWAP fighters captured the airport in Baga on Saturday after a day of fighting.",
     "Islamic State West Africa Province", "Baga"),
])
def test_an_armed_group_striking_or_seizing_a_target_is_an_attack(text, doer, place):
    attacks = events_of(events_read(text, "2024-05-10"), "attack")
    assert any(doer in e["perps"] and e["place"] == place for e in attacks), attacks


def test_militants_striking_again_without_an_object_is_an_attack():
    attacks = events_of(events_read(
        "The Pakistani Taliban have stepped up their campaign in the north-west. The militants struck again "
        "on Thursday, hitting a police station in Tank and killing three officers.",
        "2024-05-10"), "attack")
    assert [e["place"] for e in attacks] == ["Tank"], attacks


@pytest.mark.parametrize("text", [
    "The rebels struck a deal with the government on Monday in Doha.",
    "Houthi leaders hit out at the United States on Tuesday over the sanctions.",
    "Taliban fighters struck a defiant tone in a statement on Sunday.",
    "The ceasefire struck between Hamas and Israel collapsed on Monday.",
    "Al-Shabaab militants were hit hard by the drought in Gedo last year.",
    # men who strike and hit in a story that names no armed group: boxers and ball players
    "Both fighters hit the canvas in the third round in Las Vegas on Saturday.",
    "Pirates struck first in Pittsburgh on Tuesday, beating the Cubs 5-3.",
    "The rebels in the squad struck twice in the second half at Wembley on Sunday.",
])
def test_figurative_striking_and_hitting_is_no_incident(text):
    assert events_read(text, "2024-05-10") == []


@pytest.mark.parametrize(("text", "doer"), [
    ("Hezbollah fighters fired a barrage of rockets at an army base in Metula on Friday.", "Hezbollah"),
    ("Al-Shabaab launched a volley of mortar shells at the airport in Mogadishu on Sunday.", "al-Shabaab"),
])
def test_a_barrage_or_volley_fired_is_an_attack(text, doer):
    attacks = events_of(events_read(text, "2024-05-10"), "attack")
    assert any(doer in e["perps"] for e in attacks), attacks


def test_seizing_weapons_is_no_seizure_of_a_place():
    evs = events_read("Police seized weapons and ammunition from a house in Quetta on Monday.", "2024-05-10")
    assert events_of(evs, "attack") == [], evs


@pytest.mark.parametrize(("text", "doer"), [
    ("A drone strike by ISWAP destroyed an army vehicle near Monguno on Saturday.",
     "Islamic State West Africa Province"),
    ("A drone strike by the Islamic State's Sinai Province destroyed an army vehicle near Rafah on Saturday.",
     "Islamic State Sinai Province"),
])
def test_a_strike_by_an_armed_group_is_its_attack_not_an_operation(text, doer):
    evs = events_read(text, "2024-05-10")
    assert any(e["type"] == "attack" and doer in e["perps"] for e in evs), evs
    assert events_of(evs, "military_operation") == [], evs


def test_a_drone_strike_by_the_army_stays_an_operation():
    evs = events_read("A drone strike by the Nigerian army killed 12 ISWAP fighters near Monguno on Saturday.",
                      "2024-05-10")
    assert events_of(evs, "military_operation"), evs
    assert not any("Islamic State West Africa Province" in e["perps"] for e in events_of(evs, "attack")), evs


@pytest.mark.parametrize("text", [
    "Nigeria's army said on Monday it had freed 30 hostages held by Boko Haram in the Sambisa forest.",
    "Troops rescued 20 kidnapped passengers in Kaduna on Sunday after a gunfight with bandits.",
])
def test_a_rescue_of_hostages_is_the_forces_operation_not_an_attack(text):
    evs = events_read(text, "2024-05-10")
    assert events_of(evs, "military_operation"), evs
    assert events_of(evs, "attack") == [], evs


def test_a_release_of_hostages_is_no_attack():
    evs = events_read("Boko Haram released 82 of the kidnapped schoolgirls in Banki on Saturday in exchange "
                      "for five commanders. The hostages were released after talks.", "2024-05-10")
    assert events_of(evs, "attack") == [], evs


@pytest.mark.parametrize("text", [
    "Gunmen took 12 hostages at a hotel in Bamako on Friday.",
    "Militants attacked a passenger train near Sibi on Tuesday, taking hundreds hostage.",
])
def test_a_taking_of_hostages_stays_an_attack(text):
    assert events_of(events_read(text, "2024-05-10"), "attack")


def test_an_incident_named_as_the_scene_of_another_is_not_told_again():
    evs = events_read("Troops killed the IS leader in an airstrike in Syria on Thursday. Intelligence collected at "
                      "the scene of the airstrike further led to the arrest of another IS official in Irbil.",
                      "2024-05-10")
    assert [e["type"] for e in evs] == ["leader_killed", "arrest"], evs


@pytest.mark.parametrize(("text", "country"), [
    ("Turkey launched an offensive against the YPG in northeast Syria last month.", "Syria"),
    ("Kenya said al-Shabaab militants attacked a police post in Somalia on Monday.", "Somalia"),
    ("Pakistan said gunmen attacked a checkpoint on Monday, killing three soldiers.", "Pakistan"),
])
def test_the_country_that_does_or_tells_it_is_not_where_it_happened_when_another_is_named(text, country):
    evs = events_read(text, "2024-05-10")
    assert evs and all((e.get("location") or {}).get("country") == country for e in evs), evs


def test_one_leaders_death_told_twice_with_different_days_is_one_incident():
    evs = events_read("Iraqi officials said on Friday that Abu Khadija, the Islamic State's leader in Iraq, was "
                      "killed in an airstrike in Anbar on Thursday. In a statement on Saturday, U.S. Central "
                      "Command said Abu Khadija had been killed in a strike near Rawa on Wednesday night.",
                      "2024-05-10")
    assert len(events_of(evs, "leader_killed")) == 1, evs


def test_two_leaders_killed_on_different_days_stay_two_incidents():
    evs = events_read("Abu Khadija, the Islamic State's leader in Iraq, was killed in Anbar on Thursday. Abu "
                      "Omar, the Islamic State's leader in Syria, was killed in Deir ez-Zor on Monday.", "2024-05-10")
    assert len(events_of(evs, "leader_killed")) == 2, evs
