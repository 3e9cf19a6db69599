"""An incident's date reaches its result clause ("..., killing 15"), and a verb of bombing with
no object and no victim ("the film bombed at the box office") is no attack. Sentences written
for these tests; the publication date is a Friday."""
from __future__ import annotations

import pytest
from extract_helpers import events_read

PUBLISHED = "2024-05-10"  # a Friday


@pytest.mark.parametrize("text, date", [
    ("Gunmen stormed a guest house in Bosaso on Tuesday, killing at least seven people.", "2024-05-07"),
    ("On Monday a truck bomb exploded outside a police post in Gardez, wounding 14 people.", "2024-05-06"),
    ("Fighters of the Hill Front raided Dikwa in March 2021, killing three soldiers.", "2021-03"),
])
def test_the_result_clause_shares_the_incidents_date(text, date):
    evs = [e for e in events_read(text, PUBLISHED) if e["type"] == "attack"]
    assert evs and {e["date"] for e in evs} == {date}, evs


def test_a_result_clause_after_another_clause_keeps_its_own_time():
    # "after" marks another moment: the ambush is not dated by the earlier announcement
    evs = events_read("The ministry spoke on Tuesday after gunmen ambushed a convoy near Bosaso, "
                      "killing four guards.", PUBLISHED)
    assert evs and all(e["date"] != "2024-05-10" for e in evs), evs


@pytest.mark.parametrize("text", [
    "The new superhero film bombed at the box office, earning only $30 million in its first weekend.",
    "The musical bombed on Broadway and closed after two weeks.",
])
def test_a_flop_is_no_attack(text):
    assert not events_read(text, PUBLISHED)


def test_a_bombing_with_an_object_is_still_an_attack():
    evs = events_read("Unknown attackers bombed a bridge near Kandahar overnight.", PUBLISHED)
    assert [e["type"] for e in evs] == ["attack"], evs
