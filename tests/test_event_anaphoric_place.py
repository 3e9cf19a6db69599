""""In the city", "in the town", "in the area" with no name refer to the place named last in
the one or two sentences before, in the same paragraph (extract/events.py, _anaphoric_place).
Sentences written for this test."""
from __future__ import annotations

from extract_helpers import run

PUB = "2024-05-10"


def _places(text: str) -> list:
    return [(e.get("location") or {}).get("name") for e in run(text, PUB)["events"]]


def test_the_city_is_the_city_named_just_before():
    text = ("Insurgents ambushed a bus in Kalat on Monday, killing 18 people. Days later, a roadside "
            "bomb killed 11 coal miners in the city.")
    assert _places(text) == ["Kalat", "Kalat"]


def test_the_town_in_another_paragraph_is_not_resolved():
    text = ("Insurgents ambushed a bus in Kalat on Monday, killing 18 people.\n\nOn Friday a bomb "
            "killed 11 coal miners in the town.")
    assert _places(text)[1] is None


def test_a_named_place_wins_over_the_anaphor():
    text = ("Insurgents ambushed a bus in Kalat on Monday. On Friday a bomb killed 11 coal miners "
            "in Mastung, a town in the area.")
    assert _places(text)[-1] == "Mastung"
