"""The publication date of an article that came without metadata, from its URL or dateline."""
from __future__ import annotations

import datetime as dt

import pytest

from militantmap.article import Article
from militantmap.clean.dateline import published_from
from militantmap.extract import extract


@pytest.mark.parametrize("url, text, expected", [
    ("https://news.example.org/2019/07/04/attack-in-kano/", "Gunmen attacked a market.", "2019-07-04"),
    ("https://example.com/world/2021-11-30-bombing.html", "A bomb went off.", "2021-11-30"),
    (None, "Attack on checkpoint\n\nby Staff Reporter April 3, 2022\n\nMilitants attacked a post.",
     "2022-04-03"),
    (None, "Press release\nWashington, DC\nMarch 2, 2018\n\nThe Department announced ...", "2018-03-02"),
    (None, "12 June 2020 – The Council condemned the attack in Gao on Sunday.", "2020-06-12"),
    (None, "Published: 2023-05-09 14:00\nTroops killed 12 militants.", "2023-05-09"),
])
def test_the_date_comes_from_the_url_or_the_dateline(url, text, expected):
    assert published_from(url, text, today=dt.date(2026, 1, 1)) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize("url, text", [
    (None, "Militants attacked a police post in 2019 and again in March 2020."),
    (None, "The group was founded in Kunar. " * 10 + "On June 3, 2015, it attacked a base near the "
     "border, killing 14 soldiers and wounding many more in a long fight that lasted hours."),
    ("https://example.com/2031/01/01/future/", "A date in the future is no publication date."),
    ("https://example.com/2020/13/45/x", "Not a real date in the URL."),
    (None, ""),
])
def test_no_date_is_guessed_from_a_year_a_story_or_an_impossible_date(url, text):
    assert published_from(url, text, today=dt.date(2026, 1, 1)) is None


def test_relative_dates_resolve_against_an_inferred_dateline():
    ex = extract(Article(text="Blast in Quetta\n\nPosted on May 8, 2024\n\nA bomb claimed by the "
                              "Baloch Liberation Army killed six people in Quetta on Monday.",
                         source="test"))
    assert ex["article"]["published"] == "2024-05-08"
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["date"] == "2024-05-06"
