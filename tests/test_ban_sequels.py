"""A ban told again ("The ban came a day after police arrested X") is no second ban, and an
arrest with its own subject beside a ban is an incident of its own. Sentences written for these
tests."""
from __future__ import annotations

from extract_helpers import events_read

PUBLISHED = "2024-05-10"


def test_the_ban_told_again_is_no_second_ban_and_its_arrest_stays():
    evs = events_read("The Interior Ministry banned the Hill Front on Thursday. The ban came two days after "
                      "police arrested Omar Dalil, a senior commander of the Hill Front, in Peshawar.", PUBLISHED)
    assert sorted(e["type"] for e in evs) == ["arrest", "ban"], evs
    assert [e["place"] for e in evs if e["type"] == "arrest"] == ["Peshawar"], evs


def test_an_arrest_with_its_own_subject_beside_a_ban():
    evs = events_read("The Interior Ministry banned the Baloch Liberation Army on Friday and police "
                      "arrested 12 of its members in Quetta.", PUBLISHED)
    assert sorted(e["type"] for e in evs) == ["arrest", "ban"], evs


def test_an_arrest_word_inside_the_ban_is_no_incident():
    evs = events_read("Pakistan banned the TTP on Friday, saying it would detain anyone who joined it.", PUBLISHED)
    assert [e["type"] for e in evs] == ["ban"], evs
