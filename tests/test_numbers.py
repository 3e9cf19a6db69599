"""Counts in toll phrases: value and how exact the text is about it."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from militantmap.extract.numbers import Count, parse_count, word_to_int


@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("more than 60", 60, "at_least"),
        ("at least 12 people", 12, "at_least"),
        ("over 100", 100, "at_least"),
        ("no fewer than 8 soldiers", 8, "at_least"),
        ("40-plus villagers", 40, "at_least"),
        ("nearly 30", 30, "at_most"),
        ("almost 30", 30, "at_most"),
        ("up to 30", 30, "at_most"),
        ("as many as 45", 45, "at_most"),
        ("about 40", 40, "about"),
        ("around 40", 40, "about"),
        ("some 40", 40, "about"),
        ("roughly 40", 40, "about"),
        ("approximately 40", 40, "about"),
        ("an estimated 40 civilians", 40, "about"),
        ("12", 12, "exact"),
        ("twelve", 12, "exact"),
        ("twenty-three", 23, "exact"),
        ("Twenty three", 23, "exact"),
        ("1,200", 1200, "exact"),
        ("one hundred and five", 105, "exact"),
        ("two thousand", 2000, "exact"),
        ("dozens", 24, "at_least"),
        ("scores", 40, "at_least"),
        ("hundreds", 200, "at_least"),
        ("a dozen", 12, "about"),
        ("more than a dozen", 12, "at_least"),
        ("two dozen fighters", 24, "exact"),
        ("two lawmakers", 2, "exact"),
        ("All 224 passengers and seven crew members", 231, "exact"),
        ("three soldiers, and two civilians", 5, "exact"),
        ("at least 12 people and three policemen", 15, "at_least"),
        ("AT LEAST 5", 5, "at_least"),
    ],
)
def test_counts(text, value, qualifier):
    c = parse_count(text)
    assert c is not None, text
    assert (c.value, c.qualifier) == (value, qualifier)


def test_text_keeps_the_qualifier_as_written():
    assert parse_count("killing more than 60 people") == Count(60, "at_least", "more than 60")
    assert parse_count("All 224 passengers and seven crew members died").text == (
        "All 224 passengers and seven crew members")


def test_no_sum_across_a_verb_or_including():
    # "13 others including his two sons": the sons are among the 13
    assert parse_count("13 others including his two sons").value == 13
    # "killed 12 and wounded 13" are two different tolls
    assert parse_count("12 and wounded 13").value == 12


@pytest.mark.parametrize(
    "text",
    ["", "   ", "99999999999", "2 million", "1.5 million", "no number here", "the first attack",
     "the second bomber", "several people", "killed in 2015"],
)
def test_no_count(text):
    assert parse_count(text) is None


def test_year_is_not_a_count_but_a_toll_after_it_is():
    c = parse_count("in 2015 at least 7 people")
    assert c is not None and c.value == 7


def test_word_to_int():
    assert word_to_int("twenty-three") == 23
    assert word_to_int("ninety-nine") == 99
    assert word_to_int("one hundred and five") == 105
    assert word_to_int("three thousand four hundred") == 3400
    assert word_to_int("a dozen") == 12
    assert word_to_int("1,200") == 1200
    assert word_to_int("zero") == 0
    assert word_to_int("five three") is None
    assert word_to_int("twenty thirty") is None
    assert word_to_int("policemen") is None
    assert word_to_int("") is None
    assert word_to_int("two million") is None  # beyond any toll


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=400))
def test_parse_count_never_raises(text):
    c = parse_count(text)
    assert c is None or (0 <= c.value <= 1_000_000 and c.qualifier in ("exact", "at_least", "about", "at_most"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["more", "than", "at", "least", "twenty", "-", "one", "hundred", "and",
                                 "dozen", "a", "1,000", "7", "people", "soldiers", ",", "nearly"]),
                max_size=20))
def test_parse_count_on_number_soup(words):
    c = parse_count(" ".join(words))
    assert c is None or 0 <= c.value <= 1_000_000
