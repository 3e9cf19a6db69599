"""War between states is outside the map: in an article that names no armed group, an attack or
operation whose doer is a country or its people is no event. With a group in the article, the
state's operation against it stays. Invented sentences."""
from __future__ import annotations

import pytest

from militantmap.article import Article
from militantmap.extract import extract


def _events(text: str) -> list[dict]:
    return extract(Article(id="t", text=text))["events"]


@pytest.mark.parametrize("text", [
    "Relations soured in 2015 after Turkish commandos stormed the Aegean Star, a Greek-owned ferry "
    "that was part of a convoy to Cyprus, killing two sailors.",
    "Both countries recalled envoys in 2019 over Iran's crackdown on protests by students in Tehran.",
])
def test_a_state_at_war_with_a_state_is_no_event(text):
    assert [e for e in _events(text) if e["type"] in ("attack", "military_operation")] == []


@pytest.mark.parametrize("text", [
    # a group in the article: the state's operation is against it
    "Pakistani troops stormed a hideout of Tehrik-i-Taliban Pakistan in North Waziristan on Monday, "
    "killing six militants, the army said.",
    # no group, but no state as the doer either: an attack by unknown gunmen
    "Gunmen attacked a bus near the town of Gusau on Sunday, killing five passengers, police said.",
])
def test_other_attacks_stay(text):
    assert any(e["type"] in ("attack", "military_operation") for e in _events(text))


@pytest.mark.parametrize("text, attack", [
    # the aircraft: no attack
    ("The two air forces flew joint bomber patrols over the Sea of Japan on Thursday, the defence "
     "ministry in Tokyo said.", False),
    ("Strategic bomber flights near the island of Guam resumed in March, officials in Washington said.", False),
    # the attacker: an attack
    ("A suicide bomber struck a crowded market in the town of Baidoa on Thursday, killing nine people, "
     "police said.", True),
])
def test_a_bomber_aircraft_is_no_attacker(text, attack):
    assert any(e["type"] == "attack" for e in _events(text)) is attack
