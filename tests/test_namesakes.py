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
