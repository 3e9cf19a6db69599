"""Date expressions resolved against the publication date, with the precision the text allows."""
from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from militantmap.extract.dates import ResolvedDate, resolve_date

WED = dt.date(2016, 10, 26)  # a Wednesday


@pytest.mark.parametrize(
    "expr, iso, precision",
    [
        ("Sunday", "2016-10-23", "day"),
        ("on Friday", "2016-10-21", "day"),
        ("Wednesday", "2016-10-26", "day"),          # the same day counts
        ("last Wednesday", "2016-10-19", "day"),
        ("late Sunday night", "2016-10-23", "day"),
        ("Friday's", "2016-10-21", "day"),
        ("today", "2016-10-26", "day"),
        ("today's", "2016-10-26", "day"),
        ("this morning", "2016-10-26", "day"),
        ("tonight", "2016-10-26", "day"),
        ("overnight", "2016-10-26", "day"),
        ("yesterday", "2016-10-25", "day"),
        ("last night", "2016-10-25", "day"),
        ("two days ago", "2016-10-24", "day"),
        ("last week", "2016-10", "month"),           # 17-23 October
        ("this week", "2016-10", "month"),
        ("last month", "2016-09", "month"),
        ("this month", "2016-10", "month"),
        ("earlier this month", "2016-10", "month"),
        ("last year", "2015", "year"),
        ("earlier this year", "2016", "year"),
        ("in June this year", "2016-06", "month"),
        ("June last year", "2015-06", "month"),
        ("in June", "2016-06", "month"),
        ("in November", "2015-11", "month"),         # the most recent November not after publication
        ("July 29", "2016-07-29", "day"),
        ("29th of July", "2016-07-29", "day"),
        ("December 25", "2015-12-25", "day"),
        ("April 9, 2014", "2014-04-09", "day"),
        ("9 April 2014", "2014-04-09", "day"),
        ("On January 5th, 2017", "2017-01-05", "day"),
        ("2014-04-09", "2014-04-09", "day"),
        ("Sunday, July 29, 2018", "2018-07-29", "day"),
        ("May 2011", "2011-05", "month"),
        ("September 2015", "2015-09", "month"),
        ("2009", "2009", "year"),
        ("in 2007", "2007", "year"),
        ("mid-2014", "2014", "year"),
        ("the end of 2014", "2014", "year"),
    ],
)
def test_resolves(expr, iso, precision):
    r = resolve_date(expr, WED)
    assert (r.iso, r.precision) == (iso, precision), expr
    assert r.text == expr


@pytest.mark.parametrize(
    "expr",
    ["recent months", "recently", "in recent years", "the 1990s", "decades", "two years", "48 hours",
     "a decade-long", "the past two years", "the early years of their insurgency", "hours",
     "from 2012 through 2014", "2014-2015", "32/13/2020", "99999", "", "   ", "x" * 500, "blah"],
)
def test_not_a_date(expr):
    r = resolve_date(expr, WED)
    assert r.iso is None and r.precision is None


def test_last_week_across_two_months_is_unknown():
    # published Wednesday 5 October 2016: last week ran from 26 September to 2 October
    assert resolve_date("last week", dt.date(2016, 10, 5)).iso is None
    assert resolve_date("this week", dt.date(2016, 11, 2)).iso is None     # 31 Oct - 2 Nov
    assert resolve_date("this week", dt.date(2016, 11, 9)).iso == "2016-11"


@pytest.mark.parametrize("expr, published, iso", [
    ("over the weekend", dt.date(2014, 9, 22), "2014-09"),    # a Monday: Sat 20 and Sun 21 September
    ("the weekend", dt.date(2016, 10, 26), "2016-10"),         # Sat 22 and Sun 23 October
    ("at the weekend", dt.date(2024, 6, 1), "2024-06"),        # published on the Saturday itself
    ("over the weekend", dt.date(2024, 9, 2), None),           # Sat 31 August, Sun 1 September
    ("one last week", dt.date(2014, 2, 27), "2014-02"),        # "..., including one last week on ..."
    ("another on Sunday", WED, "2016-10-23"),
    ("one last week", dt.date(2016, 10, 5), None),             # that week ran over two months
])
def test_weekend_and_a_counted_incident(expr, published, iso):
    assert resolve_date(expr, published).iso == iso


@pytest.mark.parametrize("expr", ["one day", "one of the", "another two weeks", "over two days"])
def test_counted_words_alone_are_no_date(expr):
    assert resolve_date(expr, WED).iso is None


def test_last_month_in_january_is_december_of_the_year_before():
    assert resolve_date("last month", dt.date(2017, 1, 10)).iso == "2016-12"


def test_february_29_goes_back_to_a_leap_year():
    assert resolve_date("February 29", dt.date(2017, 3, 1)).iso == "2016-02-29"


@pytest.mark.parametrize("expr", ["Sunday", "in June", "July 29", "last week", "yesterday", "today",
                                  "last year", "this month", "two days ago"])
def test_relative_needs_a_publication_date(expr):
    assert resolve_date(expr, None) == ResolvedDate(iso=None, text=expr, precision=None)


@pytest.mark.parametrize("expr, iso", [("April 9, 2014", "2014-04-09"), ("May 2011", "2011-05"),
                                       ("2009", "2009")])
def test_absolute_without_publication_date(expr, iso):
    assert resolve_date(expr, None).iso == iso


def test_datetime_publication_is_accepted():
    assert resolve_date("yesterday", dt.datetime(2016, 10, 26, 23, 59)).iso == "2016-10-25"


def test_fast_on_garbage():
    start = time.perf_counter()
    for i in range(200):
        resolve_date(f"{i} zq%$ lorem ipsum {i}", WED)
    assert time.perf_counter() - start < 2.0


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=120), st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1))))
def test_never_raises(expr, published):
    r = resolve_date(expr, published)
    assert r.precision in (None, "day", "month", "year")
    if r.iso is not None:
        assert len(r.iso) == {"day": 10, "month": 7, "year": 4}[r.precision]
