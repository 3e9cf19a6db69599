"""The place of an incident named with its administrative unit, as incident summaries write
them ("in Quiche department, Guatemala", "in Walikale territory", "in Menaka commune"), even
when the tagger calls the name an organisation; and never a country name the tagger cut short
("Democratic Republic of the" | "Congo"). Sentences written for this test."""
from __future__ import annotations

import pytest

from extract_helpers import run

PUB = "2021-03-15"


def _place(ev: dict) -> str | None:
    loc = ev.get("location")
    return loc.get("name") if isinstance(loc, dict) else loc


@pytest.mark.parametrize(("text", "place", "country"), [
    ("Assailants attacked a bus in Quiche department, Guatemala.", "Quiche", "Guatemala"),
    ("Gunmen attacked a village in Walikale territory, Democratic Republic of the Congo, killing eight.",
     "Walikale", "Democratic Republic of the Congo"),
    ("Gunmen killed two guards at a mine in Menaka commune on Sunday.", "Menaka", "Mali"),
    ("Militants torched a school in Santa Rosa municipality, Colombia, on Friday.", "Santa Rosa", "Colombia"),
])
def test_an_incident_in_an_administrative_unit_is_placed_there(text, place, country):
    events = [e for e in run(text, PUB)["events"] if e["type"] == "attack"]
    assert events, text
    assert _place(events[0]) == place
    assert events[0]["location"]["country"] == country


def test_a_government_department_is_no_place():
    events = run("The Justice department said gunmen attacked a bus on Friday.", PUB)["events"]
    assert all(_place(e) != "Justice" for e in events)


def test_a_country_cut_short_by_the_tagger_is_no_place():
    events = run("Five soldiers died in an ambush in Ituri, Democratic Republic of the Congo.", PUB)["events"]
    assert events and _place(events[0]) == "Ituri"
    assert not any((_place(e) or "").endswith(" the") for e in events)


@pytest.mark.parametrize(("text", "place"), [
    ("Rebels attacked nearly ten villages between the towns of Bocaranga and Bazoum on Tuesday.", "Bocaranga"),
    ("Gunmen raided the villages of Kautikari and Dalori in Borno on Sunday.", "Kautikari"),
])
def test_a_plural_kind_of_place_names_its_first_place(text, place):
    events = [e for e in run(text, PUB)["events"] if e["type"] == "attack"]
    assert events and _place(events[0]) == place
