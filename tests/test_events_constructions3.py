"""Issue 8, event fields: constructions that analytic and background prose uses for incidents
(sentences written for these tests, with other names and word orders than any corpus text).
Each row pins one general rule of extract/events.py or extract/perpetrators.py."""
from __future__ import annotations

import pytest
from extract_helpers import names, run

PUB = "2022-11-21"


def _events(text: str) -> tuple[list[dict], dict[str, str]]:
    ex = run(text, PUB)
    return ex["events"], names(ex)


def _perps(ev: dict, n: dict[str, str]) -> set[str]:
    return {n[p] for p in ev.get("perpetrators") or []}


# A plural incident noun that a place or day name makes the name of one incident.
@pytest.mark.parametrize("text, perp", [
    ("Jemaah Islamiyah staged the 2005 Jimbaran bombings, which left 20 people dead.", "Jemaah Islamiyah"),
    ("Al-Shabaab was responsible for the 2010 Kampala bombings that killed 74 football fans.", "al-Shabaab"),
    ("The Kabul airport bombings of 2021 were carried out by the Islamic State Khorasan Province.",
     "Islamic State Khorasan Province"),
])
def test_a_named_plural_incident_is_one_attack(text, perp):
    evs, n = _events(text)
    attacks = [e for e in evs if e["type"] == "attack"]
    assert len(attacks) == 1, evs
    assert perp in _perps(attacks[0], n)


def test_plural_attacks_without_a_name_stay_a_statistic():
    evs, _ = _events("Boko Haram killed more than 300 villagers in attacks across Borno in 2019.")
    assert not [e for e in evs if e["type"] == "attack"], evs


# "the G1-affiliated G2": G2 did it, G1 only describes G2.
@pytest.mark.parametrize("text, doer, not_doer", [
    ("Gunmen of the al-Qaeda affiliated Jama'at Nusrat al-Islam wal-Muslimin ambushed a convoy near "
     "Djibo on Tuesday.", "Jama'at Nusrat al-Islam wal-Muslimin", "al-Qaeda"),
    ("Fighters from the Islamic State-linked Allied Democratic Forces raided a clinic in Oicha on "
     "Friday.", "Allied Democratic Forces", "Islamic State"),
])
def test_a_group_modifier_is_not_the_perpetrator(text, doer, not_doer):
    evs, n = _events(text)
    assert evs and doer in _perps(evs[0], n) and not_doer not in _perps(evs[0], n), evs


def test_links_to_another_group_are_no_blame():
    evs, n = _events("Hizbul Mujahideen, which has long had links to Lashkar-e-Taiba, ambushed an army "
                     "patrol near Sopore on Sunday.")
    assert _perps(evs[0], n) == {"Hizbul Mujahideen"}, evs


@pytest.mark.parametrize("text", [
    "Police linked the grenade blast in Srinagar on Sunday to Lashkar-e-Taiba.",
    "The grenade blast in Srinagar on Sunday was blamed on Lashkar-e-Taiba.",
])
def test_blame_for_an_incident_still_credits(text):
    evs, n = _events(text)
    assert evs and _perps(evs[0], n) == {"Lashkar-e-Taiba"}, evs


# A named victim with a leader's title makes the killing a leader_killed event.
@pytest.mark.parametrize("text, killer", [
    ("Hay'at Tahrir al-Sham gunmen assassinated Abu Yahya, a senior figure in Hurras al-Din, near "
     "Sarmada on Monday.", "Hay'at Tahrir al-Sham"),
    ("Al-Shabaab militants killed Ahmed Warsame, the deputy commander of Hizbul Islam, in Kismayo "
     "in March 2021.", "al-Shabaab"),
    ("Kenyan troops killed Ali Dheere, a top commander of al-Shabaab, near Lamu on Saturday.", None),
])
def test_a_titled_victim_makes_a_leader_killed_event(text, killer):
    evs, n = _events(text)
    assert [e["type"] for e in evs] == ["leader_killed"], evs
    assert _perps(evs[0], n) == ({killer} if killer else set())


def test_a_plain_victim_is_an_attack():
    evs, _ = _events("Al-Shabaab militants killed Ahmed Warsame, a shopkeeper, in Kismayo in March 2021.")
    assert [e["type"] for e in evs] == ["attack"], evs


def test_a_leader_who_died_in_a_strike():
    evs, _ = _events("Hurras al-Din said its commander Abu Yahya died in a drone strike near Sarmada "
                     "on Monday.")
    assert [e["type"] for e in evs] == ["leader_killed"], evs


def test_a_bomb_maker_named_with_his_title_is_no_incident():
    evs, _ = _events("Jemaah Islamiyah's leaders included the Indonesian bomb maker Umar Faruq alias "
                     "Abu Hanif, who trained its recruits.")
    assert not [e for e in evs if e["type"] == "attack"], evs


def test_a_vague_toll_gives_no_count():
    evs, _ = _events("Al-Shabaab fighters stormed a hotel in Kismayo on Friday; dozens were killed.")
    assert evs and evs[0]["killed"] is None, evs


# The date comes from the trigger's clause, not from a relative clause of its subject.
def test_a_date_in_the_subjects_relative_clause_is_not_the_incidents():
    evs, _ = _events("Ansaru, which broke away from Boko Haram in 2012, kidnapped seven foreign "
                     "workers in Jama'are in February 2013.")
    assert evs and evs[0]["date"] == "2013-02", evs


# "G1, together with G2, attacked": both did it.
@pytest.mark.parametrize("text", [
    "Ansaru, together with Boko Haram, raided a prison in Kuje on Monday.",
    "Ansaru, alongside Boko Haram, raided a prison in Kuje on Monday.",
])
def test_a_companion_group_is_a_perpetrator(text):
    evs, n = _events(text)
    assert evs and _perps(evs[0], n) == {"Ansaru", "Boko Haram"}, evs


def test_soldiers_along_with_defectors_credit_no_group():
    evs, n = _events("Soldiers, along with Boko Haram defectors, raided a camp in Gwoza on Monday.")
    assert all(not _perps(e, n) for e in evs), evs


# An arrest of a named person is an incident even without a date or place; a capture by armed
# men is not an arrest.
def test_the_arrest_of_a_named_predecessor_is_an_arrest():
    evs, _ = _events("The Lord's Resistance Army is led by Joseph Kony. Okot Odhiambo took charge of "
                     "its southern units following the arrest of his deputy, Thomas Kwoyelo.")
    assert "arrest" in [e["type"] for e in evs], evs


def test_militants_who_capture_a_man_make_no_arrest():
    evs, _ = _events("Al-Shabaab is a Somali group. Fighting broke out in Baidoa when militants captured "
                     "and beat a trader named Hassan Abdi.")
    assert "arrest" not in [e["type"] for e in evs], evs


# An attack no sentence credits is the doing of the group the article is about, but never a
# group named once, nor one that denied it.
def test_an_uncredited_attack_in_a_story_about_a_group():
    evs, n = _events("The Allied Democratic Forces operate in North Kivu. The Allied Democratic Forces "
                     "pledged allegiance to the Islamic State in 2019. On Sunday a bomb exploded in a "
                     "church in Kasindi, killing 14 worshippers.")
    attacks = [e for e in evs if e["type"] == "attack"]
    assert attacks and _perps(attacks[-1], n) == {"Allied Democratic Forces"}, evs


def test_no_story_group_when_it_denied_the_attack():
    evs, n = _events("The Allied Democratic Forces operate in North Kivu. On Sunday a bomb exploded in a "
                     "church in Kasindi, killing 14 worshippers. The Allied Democratic Forces denied any "
                     "role in the blast.")
    assert all(not _perps(e, n) for e in evs if e["type"] == "attack"), evs


def test_no_story_group_when_it_condemned_the_attack():
    evs, n = _events("Hamas runs Gaza. Hamas officials met Egyptian mediators on Sunday. A gunman shot "
                     "dead three tourists in Sharm el-Sheikh on Monday. Hamas condemned the shooting.")
    assert all(not _perps(e, n) for e in evs if e["type"] == "attack"), evs


# A person the article calls a group leader anywhere: his killing is a leader's death, however
# the killing sentence names him; a state title does not count.
@pytest.mark.parametrize("text", [
    "Hurras al-Din's emir is Abu Yahya. An airstrike near Sarmada on Monday killed nine people, "
    "including Abu Yahya.",
    "Abu Yahya, who founded Hurras al-Din, survived two raids. Abu Yahya and two of his guards were "
    "killed in an airstrike near Sarmada on Monday.",
])
def test_the_killing_of_a_person_called_a_leader_elsewhere(text):
    evs, _ = _events(text)
    assert "leader_killed" in [e["type"] for e in evs], evs


def test_a_state_commander_killed_is_no_leader_killed():
    evs, _ = _events("Al-Shabaab stormed a base in Lower Shabelle. Colonel Ahmed Nur, the army commander "
                     "of the region, was among 12 soldiers killed in the attack on Monday.")
    assert "leader_killed" not in [e["type"] for e in evs], evs
