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


def test_every_row_of_the_pattern_tables_has_its_own_id():
    # (two role rows once shared an id, and a bulk edit by id rewrote the wrong one)
    import json
    from importlib import resources

    for table in ("roles.jsonl", "ties.jsonl"):
        text = resources.files("militantmap").joinpath("data", "patterns", table).read_text("utf-8")
        ids = [json.loads(line)["id"] for line in text.splitlines()
               if line.strip() and not line.lstrip().startswith("//") and "\"id\"" in line]
        assert len(ids) == len(set(ids)), (table, sorted({i for i in ids if ids.count(i) > 1}))
