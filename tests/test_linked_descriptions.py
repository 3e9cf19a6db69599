"""A definite description that holds another group's name ("the al-Qaeda affiliate", "the
Taliban-allied network", "the Hezbollah-backed group") refers to a group named before it and
states its tie to the group it names (extract/coref.py, _linked_descriptions). Sentences
written for these tests, with other names and word orders than any corpus text."""
from __future__ import annotations

import pytest
from extract_helpers import has_tie, rels, run


@pytest.mark.parametrize(("text", "expected", "absent"), [
    ("JNIM claimed the ambush that killed 12 soldiers. The al-Qaeda affiliate has since expanded into Benin.",
     [("Jama'at Nusrat al-Islam wal-Muslimin", "affiliated_with", "al-Qaeda")], []),
    # the clause's tie is the described group's, not the named one's
    ("ISWAP fighters overran a base in Borno. The Islamic State affiliate split from Boko Haram in 2016.",
     [("Islamic State West Africa Province", "affiliated_with", "Islamic State"),
      ("Islamic State West Africa Province", "faction_of", "Boko Haram")],
     [("Islamic State", "faction_of", "Boko Haram")]),
    ("The Haqqani Network was behind the blast, officials said. The Taliban-allied network also works "
     "with al-Qaeda.",
     [("Haqqani Network", "cooperates_with", "Afghan Taliban"), ("Haqqani Network", "cooperates_with", "al-Qaeda")],
     [("Afghan Taliban", "cooperates_with", "al-Qaeda")]),
    ("Kataib Hezbollah fired drones at the base on Monday. The Hezbollah-trained militia denied any role.",
     [("Hezbollah", "supports", "Kata'ib Hezbollah")], []),
    ("Jamaat-ul-Ahrar bombed a court in Peshawar. The TTP offshoot said it acted alone.",
     [("Jamaat-ul-Ahrar", "faction_of", "Tehrik-i-Taliban Pakistan")], []),
])
def test_a_description_naming_another_group_refers_back_and_ties(text, expected, absent):
    found = rels(run(text))
    for a, type_, b in expected:
        assert has_tie(found, a, type_, b), f"{(a, type_, b)} not in {found}"
    for a, type_, b in absent:
        assert not has_tie(found, a, type_, b), f"{(a, type_, b)} in {found}"


@pytest.mark.parametrize("text", [
    # no group named before: the phrase refers to nothing
    "The al-Qaeda affiliate in Yemen released a video on Sunday.",
    # the phrase names its own group right after it
    "Ansar Dine fought the rival al-Qaeda affiliate Katiba Salaheddine near Gao.",
])
def test_a_description_with_no_antecedent_or_with_its_own_name_ties_nothing_back(text):
    found = rels(run(text))
    assert not any(t == "affiliated_with" and b == "al-Qaeda" and a == "Ansar Dine" for a, t, b in found), found
    assert not any(a == b for a, _, b in found)
