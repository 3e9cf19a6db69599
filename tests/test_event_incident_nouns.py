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
