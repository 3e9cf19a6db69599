"""Names several groups share: a short name that begins the names of groups in different
countries ("Ansar al-Sharia", "Mujahideen Shura Council") is none of them on its own; the
country the article is about may decide, and otherwise the name is read as a group of its own
rather than credited to one namesake. Sentences of our own invention."""
from __future__ import annotations

import datetime as dt

import pytest

from militantmap.article import Article
from militantmap.extract import extract
from militantmap.extract.entities import _headless_index
from militantmap.nlp.gazetteer import get_gazetteer

PUB = dt.date(2024, 6, 10)


def group_names(text: str) -> set[str]:
    r = extract(Article(text=text, published=PUB))
    return {e["name"] for e in r["entities"] if e["type"] == "armed_group"}


@pytest.mark.parametrize("text, want, never", [
    # the country named decides between namesakes
    ("Fighters from Ansar al-Sharia overran a Houthi checkpoint near Mukalla in Yemen on Friday.",
     {"Ansar al-Sharia (Yemen)"}, {"Ansar al-Sharia in Benghazi", "Ansar al-Sharia (Libya)"}),
    ("Tunisian police arrested twelve men they said belonged to Ansar al-Sharia.",
     {"Ansar al-Sharia in Tunisia"}, {"Ansar al-Sharia in Benghazi"}),
    # no country: a group by that name, not one namesake's
    ("A spokesman for Ansar al-Sharia denied any part in the kidnapping.",
     set(), {"Ansar al-Sharia in Benghazi", "Ansar al-Sharia (Libya)", "Ansar al-Sharia in Tunisia"}),
    # a name that several groups bear is not the Islamic State's, whatever the spelling
    ("In Derna, the Mujahedeen Shura Council drove rival fighters from the old city.",
     set(), {"Islamic State"}),
    # Burkina Faso's civilian auxiliaries are not eastern Congo's Wazalendo
    ("Jihadists overran the town after fighting with the Volunteers for the Defence of the "
     "Homeland (VDP), a government-backed militia.",
     {"Volunteers for the Defence of the Homeland"}, {"Wazalendo"}),
    # a faction's name that begins with its parent's keeps the short name the parent's
    ("Haqqani fighters crossed the border overnight and attacked a checkpoint.",
     {"Haqqani Network"}, set()),
])
def test_namesakes(text: str, want: set[str], never: set[str]) -> None:
    got = group_names(text)
    assert want <= got, f"missing {want - got} in {got}"
    assert not (never & got), f"spurious {never & got} in {got}"


def test_short_name_shared_by_namesakes_is_ambiguous() -> None:
    index = _headless_index(get_gazetteer())
    # "Ansar al-Shariah Brigade" (Benghazi) would give "Ansar al-Sharia" to Benghazi alone
    assert index.get("ansar al sharia", "absent") is None
    # a name no other group's begins with keeps its one group
    assert index.get("haqqani") == "haqqani-network"


# -- a parent named only to describe another group -------------------------------------------
# "X, al-Qaeda's affiliate in ...": the sentence is about X, so "the group" and "its" after it,
# and the perpetrator of what X did, are X, never the parent named in the appositive.
def _facts(text: str) -> tuple[set, list]:
    r = extract(Article(text=text, published=PUB))
    names = {e["id"]: e["name"] for e in r["entities"]}
    ties = {(names[x["subject"]], x["type"], names[x["object"]]) for x in r["relations"]}
    perps = [sorted(names[p] for p in ev["perpetrators"]) for ev in r["events"]]
    return ties, perps


@pytest.mark.parametrize("text, tie, never", [
    ("Hayat Tahrir al-Sham, once al-Qaeda's Syrian branch, controls Idlib. The group was created "
     "in 2017 through a merger of Jabhat Fateh al-Sham and Nour al-Din al-Zenki.",
     ("Harakat Nour al-Din al-Zenki", "allegiance_to", "Hay'at Tahrir al-Sham"),
     ("Harakat Nour al-Din al-Zenki", "allegiance_to", "al-Qaeda")),
    ("Mali's Ansar Dine (an al-Qaeda ally) grew fast in 2012. Two years later it merged with "
     "al-Mourabitoun.",
     ("Ansar Dine", "allegiance_to", "al-Mourabitoun"),
     ("al-Qaeda", "allegiance_to", "al-Mourabitoun")),
    ("The Taliban's Pakistani ally, the Tehrik-i-Taliban Pakistan, bombed a market in Peshawar. "
     "The group later pledged allegiance to the Islamic State.",
     ("Tehrik-i-Taliban Pakistan", "allegiance_to", "Islamic State"),
     ("Afghan Taliban", "allegiance_to", "Islamic State")),
])
def test_appositive_parent_is_no_antecedent(text: str, tie: tuple, never: tuple) -> None:
    ties, _ = _facts(text)
    assert tie in ties, ties
    assert never not in ties, ties


def test_appositive_parent_is_no_perpetrator() -> None:
    _, perps = _facts("Al-Shabaab, al-Qaeda's affiliate in Somalia, has expanded in the south. "
                      "The group attacked a military base in Lower Shabelle on Monday, killing "
                      "nine soldiers.")
    assert perps == [["al-Shabaab"]], perps


# -- a parent's branch named by its place -------------------------------------------------------
@pytest.mark.parametrize("text, branch", [
    ("Al-Shabaab also faces pressure from a smaller Islamic State affiliate in the northern Puntland region.",
     "Islamic State Somalia Province"),
    ("The al-Qaeda branch in Yemen claimed the attack on the port.", "al-Qaeda in the Arabian Peninsula"),
    ("The Islamic State's branch in Afghanistan attacked a Taliban checkpoint.", "Islamic State Khorasan Province"),
])
def test_branch_in_place(text: str, branch: str) -> None:
    assert branch in group_names(text)


def test_a_self_given_name_after_it_names_the_branch() -> None:
    got = group_names("The Islamic State franchise in Libya, the self-declared \"Wilayat Barqa Front,\" "
                      "was driven from the city last week.")
    assert "Islamic State Libya Province" not in got, got
