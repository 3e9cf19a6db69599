"""People, round 9: a name the tagger cut short is grown over the proper nouns its parse joins to
it, so that a role's pattern finds the person at its subject; an office before or after a name
stays out of it. Sentences written for these tests."""
from __future__ import annotations

import pytest
from extract_helpers import check_role_absent, check_roles_found, run


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


def test_a_bare_title_told_by_the_army_is_the_salient_groups():
    check_roles_found(
        "The Allied Democratic Forces attacked a village in Beni on Sunday. A senior commander, Musa "
        "Baluku Kato, was killed in the fighting, the army said.",
        [("Musa Baluku Kato", "commander", "Allied Democratic Forces")])
    check_roles_found(
        "Boko Haram attacked Monguno on Friday. The military said a senior commander, Ali Ngulde, led the raid.",
        [("Ali Ngulde", "commander", "Boko Haram")])


@pytest.mark.parametrize("text", [
    # the troops of the sentence before may be his
    "Troops raided an al-Shabaab camp near Jilib. A senior commander, Ahmed Farah, was killed in the raid, "
    "the army said.",
    # the army is more than the speaker: it tells of its own commander
    "Al-Shabaab attacked a base near Afgoye. The army said its commander, Colonel Ahmed Farah, had "
    "repelled the assault.",
])
def test_a_bare_title_near_the_forces_is_nobodys(text):
    check_role_absent(text, ("Ahmed Farah", "commander", "al-Shabaab"))


@pytest.mark.parametrize(("text", "role"), [
    ("Police named the suspect as Kareem Lawal. They said he was a member of ISWAP.",
     ("Kareem Lawal", "member", "Islamic State West Africa Province")),
    ("The man, identified as Omar Diallo, was a member of Katiba Macina, police said.",
     ("Omar Diallo", "member", "Katiba Macina")),
    ("The attacker, named as Idris Kamara, was a commander of al-Shabaab.",
     ("Idris Kamara", "commander", "al-Shabaab")),
    ("The army identified him as Musa Bello, a commander of Boko Haram.",
     ("Musa Bello", "commander", "Boko Haram")),
])
def test_a_name_someone_is_identified_as_is_a_persons_and_holds_the_role(text, role):
    check_roles_found(text, [role])


def test_a_group_identified_as_a_group_stays_a_group():
    ex = run("The assailants were identified as members of Ansar al-Islam by the police.")
    assert not [e for e in ex["entities"] if e["type"] == "person"], ex["entities"]
