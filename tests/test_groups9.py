"""Groups, round 9: a name several countries' groups share ("Ansar al-Sharia") is the group of the
country the article's places name, towns and provinces included, not only country names and
nationalities. Sentences written for these tests."""
from __future__ import annotations

import pytest
from extract_helpers import groups, run


@pytest.mark.parametrize(("text", "group"), [
    ("Ansar al-Sharia, an al-Qaeda-linked group, fought the Islamic State in Derna.", "Ansar al-Sharia (Libya)"),
    ("Ansar al-Sharia fighters stormed a police post near Benghazi on Friday.", "Ansar al-Sharia (Libya)"),
    ("Ansar al-Sharia militants attacked a checkpoint in Kairouan, officials said.", "Ansar al-Sharia in Tunisia"),
])
def test_a_shared_name_is_the_group_of_the_country_its_towns_are_in(text, group):
    names = {g["name"] for g in groups(run(text)).values()}
    assert group in names, names


def test_without_any_place_a_shared_name_is_no_listed_groups():
    names = {g["name"] for g in groups(run("Ansar al-Sharia released a statement on Friday.")).values()}
    assert not any(n.startswith("Ansar al-Sharia ") for n in names), names
