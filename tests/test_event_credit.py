"""An attack the text credits to no one stays uncredited when the text says nobody claimed it,
in its own sentence or the next ("No group immediately claimed responsibility, but the area is
a stronghold of G"), however often G is named around it. Articles of our own invention."""
from __future__ import annotations

import datetime as dt

import pytest

from militantmap.article import Article
from militantmap.extract import extract

PUB = dt.date(2024, 5, 20)


def attack_perpetrators(text: str) -> list[list[str]]:
    r = extract(Article(text=text, published=PUB))
    names = {e["id"]: e["name"] for e in r["entities"]}
    return [sorted(names[p] for p in ev["perpetrators"]) for ev in r["events"] if ev["type"] == "attack"]


@pytest.mark.parametrize("text", [
    "Gunmen killed nine soldiers at a checkpoint near Mopti on Sunday.\n\n"
    "No group immediately claimed responsibility, but Jama'at Nusrat al-Islam wal-Muslimin is active "
    "in the area and controls much of the countryside around the town.",
    "A bomb tore through a market in Mogadishu on Friday, killing 14 people. There was no immediate "
    "claim of responsibility. Al-Shabaab often bombs markets and hotels in the capital, and al-Shabaab "
    "fighters control much of the south.",
    "A roadside bomb killed four policemen in Kurram on Monday. Nobody has so far claimed the attack.\n\n"
    "The Tehrik-i-Taliban Pakistan has stepped up its campaign. TTP militants killed two soldiers last week.",
])
def test_unclaimed_attack_is_nobody_s(text: str) -> None:
    perps = attack_perpetrators(text)
    assert perps and perps[0] == [], perps


def test_a_claim_after_still_counts() -> None:
    perps = attack_perpetrators(
        "Gunmen killed nine soldiers at a checkpoint near Mopti on Sunday. "
        "Jama'at Nusrat al-Islam wal-Muslimin claimed responsibility for the attack.")
    assert perps and perps[0] == ["Jama'at Nusrat al-Islam wal-Muslimin"], perps


@pytest.mark.parametrize("text, kept", [
    # no armed group in the text and no armed actor in the sentence: no leader of a group died
    ("The opposition party leader was killed in a car crash on Sunday.", False),
    ("A tribal chief was shot dead in a land dispute near the river.", False),
    # an armed actor in the sentence, or a group concerned, keeps it
    ("Troops killed a senior militant commander in Kunar on Monday.", True),
    ("Security forces killed Maulvi Faqir, a TTP commander, in a raid in Bajaur.", True),
])
def test_a_leader_killed_is_an_armed_group_s(text: str, kept: bool) -> None:
    r = extract(Article(text=text, published=PUB))
    assert ("leader_killed" in [e["type"] for e in r["events"]]) is kept, r["events"]
