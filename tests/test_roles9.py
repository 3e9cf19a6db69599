"""People, round 9: a name the tagger cut short is grown over the proper nouns its parse joins to
it, so that a role's pattern finds the person at its subject; an office before or after a name
stays out of it. Sentences written for these tests."""
from __future__ import annotations

import pytest
from extract_helpers import check_roles_found, run


def persons(text: str) -> set[str]:
    return {e["name"] for e in run(text)["entities"] if e["type"] == "person"}


def test_a_name_cut_short_by_the_tagger_holds_its_role():
    check_roles_found("Iyad Ag Ghaly heads JNIM.",
                      [("Iyad Ag Ghaly", "leader", "Jama'at Nusrat al-Islam wal-Muslimin")])
    assert "Iyad Ag Ghaly" in persons("Iyad Ag Ghaly heads JNIM.")


@pytest.mark.parametrize(("text", "office"), [
    ("Police Commissioner John Otieno said al-Shabaab was behind the attack.", "Commissioner"),
    ("Mayor Omar Filish said the militants had fled the town.", "Mayor"),
    ("Congressman Andy Levin said the Houthis should be designated again.", "Congressman"),
])
def test_an_office_before_a_name_is_not_part_of_it(text, office):
    found = persons(text)
    assert found and not any(office in p for p in found), found
