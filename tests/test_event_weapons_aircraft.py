"""A group's weapons as the subject of a verb of violence credit the group ("G drones struck a
ship"); a state's aircraft ("US drones", "air force jets") striking a group is a military
operation, one incident with its result clause's toll. Sentences written for these tests."""
from __future__ import annotations

import pytest
from extract_helpers import events_read

PUBLISHED = "2024-05-10"


@pytest.mark.parametrize("text, group", [
    ("Houthi drones struck a fuel tanker off Mokha on Tuesday, killing two sailors.", "Houthis"),
    ("Hamas rockets hit a school in Sderot, wounding four children.", "Hamas"),
    ("The RSF's drones hit a bus station in Kosti, killing nine people.", "Rapid Support Forces"),
])
def test_a_groups_weapons_credit_the_group(text, group):
    evs = [e for e in events_read(text, PUBLISHED) if e["type"] == "attack"]
    assert evs and all(group in e["perps"] for e in evs), evs


@pytest.mark.parametrize("text", [
    "Kenyan drones struck an al-Shabaab base near Kismayo on Tuesday, killing 11 militants.",
    "Nigerian air force jets bombed an ISWAP camp near Lake Chad, killing 20 fighters.",
])
def test_a_states_aircraft_striking_a_group_is_one_military_operation(text):
    evs = events_read(text, PUBLISHED)
    assert [e["type"] for e in evs] == ["military_operation"], evs
    assert not evs[0]["perps"]
