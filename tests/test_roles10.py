"""Roles, session 10: a title in a part of a group ("leader of the Islamic State's Khorasan
branch") is the part's, not the parent's the phrase names. Sentences written for this test."""
from __future__ import annotations

import pytest
from extract_helpers import check_role_absent, check_roles_found


@pytest.mark.parametrize(("text", "role", "absent"), [
    ("Sanaullah Ghafari, leader of the Islamic State's Khorasan branch, was killed.",
     ("Sanaullah Ghafari", "leader", "Islamic State Khorasan Province"),
     ("Sanaullah Ghafari", "leader", "Islamic State")),
    ("Officials said Abu Yusuf, the chief of al-Qaeda's Yemen branch, had fled.",
     ("Abu Yusuf", "leader", "al-Qaeda in the Arabian Peninsula"),
     ("Abu Yusuf", "leader", "al-Qaeda")),
])
def test_a_title_in_a_groups_part_is_not_the_parents(text, role, absent):
    check_roles_found(text, [role])
    check_role_absent(text, absent)


@pytest.mark.parametrize(("text", "role"), [
    ("Twelve militants from al-Shabaab were killed, including commander Abdi Nur Hassan.",
     ("Abdi Nur Hassan", "commander", "al-Shabaab")),
    ("Twelve al-Shabaab militants were killed, including a senior commander, Abdi Nur Hassan.",
     ("Abdi Nur Hassan", "commander", "al-Shabaab")),
    ("Troops killed ten Boko Haram fighters, including commander Abubakar Mustapha.",
     ("Abubakar Mustapha", "commander", "Boko Haram")),
])
def test_a_title_among_a_groups_dead_is_that_groups(text, role):
    check_roles_found(text, [role])


def test_a_title_among_soldiers_is_no_groups():
    check_role_absent("Twelve soldiers and al-Shabaab militants were killed, including commander Abdi Nur Hassan.",
                      ("Abdi Nur Hassan", "commander", "al-Shabaab"))
