"""Nouns that name an incident without a verb of harm beside them (row incident_noun_extra of
data/patterns/events_triggers.jsonl). Sentences written for this test."""
from __future__ import annotations

from extract_helpers import run

PUB = "2024-05-10"


def test_an_atrocity_claimed_by_a_group_is_its_attack_but_a_scene_of_carnage_is_none():
    ev = run("The atrocity was claimed by ISIS-K on Thursday.", PUB)["events"]
    assert [e["type"] for e in ev] == ["attack"]
    assert not run("He witnessed a scene of utter carnage at a hospital in Omdurman.", PUB)["events"]
    assert not run("The group has been accused of atrocities in Syria.", PUB)["events"]


def test_the_raid_in_which_forces_killed_militants_is_their_operation_only():
    for text in ("Soldiers killed 12 al-Shabaab militants in a raid near Jilib on Wednesday.",
                 "In an ambush near Jilib on Wednesday, Somali troops killed 12 al-Shabaab fighters."):
        assert [e["type"] for e in run(text, PUB)["events"]] == ["military_operation"], text


def test_a_groups_raid_stays_its_attack():
    ev = run("Al-Shabaab fighters killed 12 soldiers in a raid near Jilib on Wednesday.", PUB)["events"]
    assert [e["type"] for e in ev] == ["attack"]
