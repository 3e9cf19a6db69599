"""A parent's branch named by a world region ("al-Qaeda's North African branch", "the Islamic
State's Central African province") is that branch, and a tie to the phrase is the branch's, not
the parent's (the parent is the phrase's complement). Sentences written for these tests."""
from __future__ import annotations

import pytest
from extract_helpers import has_tie, names, rels, run

from militantmap.extract.geo import get_geocoder


@pytest.mark.parametrize("word, region", [
    ("North African", "North Africa"), ("Maghrebi", "North Africa"), ("Sahel", "West Africa"),
    ("East African", "East Africa"), ("Southeast Asian", "South-East Asia"), ("Paris", None),
])
def test_world_region_words(word, region):
    assert get_geocoder().world_region(word) == region


@pytest.mark.parametrize("text, expected, absent", [
    ("Last year the Gourma Brigade pledged allegiance to al-Qaeda's North African branch.",
     [("Gourma Brigade", "allegiance_to", "al-Qaeda in the Islamic Maghreb"),
      ("al-Qaeda in the Islamic Maghreb", "faction_of", "al-Qaeda")],
     [("Gourma Brigade", "allegiance_to", "al-Qaeda")]),
    ("Police say the Lakurawa fighters are linked to the Islamic State's Sahel branch.",
     [("Lakurawa", "affiliated_with", "Islamic State Sahel Province")],
     [("Lakurawa", "affiliated_with", "Islamic State")]),
    ("Hundreds of recruits crossed into Somalia to join al-Qaeda's East African affiliate.",
     [], []),  # recruits are no group: nothing to tie, and no error
    ("The Islamic State's West African branch and Boko Haram clashed near the lake on Monday.",
     [("Islamic State West Africa Province", "rivals", "Boko Haram")],
     [("Islamic State", "rivals", "Boko Haram")]),
])
def test_a_branch_named_by_its_region(text, expected, absent):
    found = rels(run(text))
    for tie in expected:
        assert has_tie(found, *tie), (tie, found)
    for tie in absent:
        assert not has_tie(found, *tie), (tie, found)


def test_a_region_shared_by_two_branches_picks_neither():
    # the Islamic State has several North African branches (Libya, Sinai, Algeria, Tunisia):
    # "its North African branch" names none of them
    ex = run("The cell answered to the Islamic State's North African branch, officials said.")
    assert not {"Islamic State Libya Province", "Islamic State Sinai Province"} & set(names(ex).values())
