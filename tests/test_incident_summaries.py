"""Incident summaries and chronologies: one or two terse sentences per incident, the date first
("08/14/1989: Assailants attacked ..."), the doers named as "members of / assailants from X",
"gunmen suspected to be from X", "a group calling itself X", or nobody ("No group claimed
responsibility"). The perpetrator is named where the text credits a group, and never invented
where it does not. Invented summaries, in the register of incident databases."""
from __future__ import annotations

import pytest

from militantmap.article import Article
from militantmap.extract import extract


def _attacks(text: str) -> tuple[list[dict], dict[str, str]]:
    out = extract(Article(id="t", text=text))
    names = {e["id"]: e["name"] for e in out["entities"]}
    return [e for e in out["events"] if e["type"] == "attack"], names


def _perpetrators(text: str) -> list[str]:
    attacks, names = _attacks(text)
    assert attacks, text
    return sorted({names[p] for e in attacks for p in e["perpetrators"]})


@pytest.mark.parametrize("text, date", [
    ("03/09/1993: Assailants set off a car bomb outside a courthouse in Bogota, Colombia. Two guards "
     "were killed.", "1993-03-09"),
    ("11/23/2007: Gunmen opened fire on a minibus near Kismayo, Somalia, killing four passengers.", "2007-11-23"),
    # a chronology's entry
    ("Timeline of the insurgency\nJune 4, 2016: Fighters of the Ogaden National Liberation Front "
     "ambushed a convoy near Degehabur.\nMay 2017: Rebels attacked a police post in Jijiga.",
     "2016-06-04"),
    # the incident's own date wins over the line's
    ("2019-02-01: Police said gunmen stormed a village in Zamfara on January 28, killing nine.", "2019-01-28"),
])
def test_the_date_that_opens_the_line_dates_its_incident(text, date):
    attacks, _ = _attacks(text)
    assert attacks[0]["date"] == date


def test_a_chronology_dates_each_line_by_its_own_date():
    text = ("Timeline of the insurgency\nJune 4, 2016: Fighters of the Ogaden National Liberation Front "
            "ambushed a convoy near Degehabur.\nMay 2017: Rebels attacked a police post in Jijiga.")
    attacks, _ = _attacks(text)
    assert sorted(e["date"] for e in attacks) == ["2016-06-04", "2017-05"]


def test_a_dateline_with_a_dash_is_the_publication_day_not_the_incident_date():
    text = ("27 February 2014 - Gunmen attacked a checkpoint near the town of Bama, killing three "
            "soldiers, officials said.")
    attacks, _ = _attacks(text)
    assert attacks and attacks[0]["date"] is None


@pytest.mark.parametrize("text, perpetrator", [
    ("10/02/1981: Assailants from the Scarlet Dawn Front set off an incendiary device at a car "
     "showroom in Turin, Italy.", "Scarlet Dawn Front"),
    ("02/19/1990: Attackers from the Silver River Liberation Army burned a tax office in Loja, Ecuador.",
     "Silver River Liberation Army"),
    ("07/07/2004: Gunmen suspected to be from the Karbi Longri National Liberation Front shot dead two "
     "traders in Diphu, Assam, India.", "Karbi Longri National Liberation Front"),
    ("04/12/1986: A group calling itself the Black Flag Brigade kidnapped a banker in Beirut, Lebanon.",
     "Black Flag Brigade"),
    ("08/30/1995: An outfit styling itself the Sword of the Delta torched two oil barges near Warri, "
     "Nigeria.", "Sword of the Delta"),
    ("09/21/2003: An individual affiliated with al-Shabaab threw a grenade at a bus in Nairobi, Kenya.",
     "al-Shabaab"),
    ("06/06/2001: Gunmen claiming to be members of the Moro Islamic Liberation Front (MILF) abducted a "
     "teacher in Basilan, Philippines.", "Moro Islamic Liberation Front"),
    ("03/15/2017: A bomb exploded near a bridge in Cotabato, Philippines. The Bangsamoro Islamic Freedom "
     "Fighters (BIFF) were suspected of involvement.", "Bangsamoro Islamic Freedom Fighters"),
])
def test_the_group_the_summary_credits_is_the_perpetrator(text, perpetrator):
    assert _perpetrators(text) == [perpetrator]


@pytest.mark.parametrize("text, perpetrators", [
    ("04/30/2013: Assailants fired mortars at a base in Kidal, Mali. Ansar Dine and the Movement for "
     "Oneness and Jihad in West Africa (MUJAO) claimed joint responsibility for the attack.",
     ["Ansar Dine", "Movement for Unity and Jihad in West Africa"]),
    ("10/10/2010: Tehrik-i-Taliban Pakistan (TTP) and Lashkar-e-Jhangvi (LeJ) claimed responsibility "
     "for a bombing at a shrine in Karachi, Pakistan.", ["Lashkar-e-Jhangvi", "Tehrik-i-Taliban Pakistan"]),
])
def test_every_group_of_a_joint_claim_is_a_perpetrator(text, perpetrators):
    assert _perpetrators(text) == perpetrators


@pytest.mark.parametrize("text", [
    "05/14/2012: Unknown assailants threw a grenade at a police post in Yala, Thailand. One officer was "
    "wounded. No group claimed responsibility for the incident.",
    "01/03/2015: Gunmen shot and killed a tribal elder in Khost, Afghanistan. No group claimed "
    "responsibility.",
])
def test_nobody_is_invented_where_the_summary_names_no_group(text):
    assert _perpetrators(text) == []
