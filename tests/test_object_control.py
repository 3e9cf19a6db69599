"""Object control: in "X accused Y of funding Z" the one funding is Y, not X, so no tie of X
and Z is read off the gerund (data/patterns/object_control.json); the subject still does what
its own gerund says ("X claimed responsibility for attacking Z"). Sentences of our own."""
from __future__ import annotations

import pytest

from militantmap.article import Article
from militantmap.extract import extract


def ties(text: str) -> set[tuple[str, str, str]]:
    r = extract(Article(text=text))
    names = {e["id"]: e["name"] for e in r["entities"]}
    return {(names[x["subject"]], x["type"], names[x["object"]]) for x in r["relations"]}


@pytest.mark.parametrize("text, never", [
    ("Hamas accused Iran of funding the Houthis.", ("Hamas", "supports", "Houthis")),
    ("The Syrian Democratic Forces accuse Ankara of arming the Sultan Murad Division.",
     ("Syrian Democratic Forces", "supports", "Firqat al-Sultan Murad")),
    ("Hezbollah thanked Tehran for supporting the Houthis in Yemen.", ("Hezbollah", "supports", "Houthis")),
    ("Al-Shabaab blamed the government for training the Macawisley militias.",
     ("al-Shabaab", "supports", "Macawisley")),
])
def test_the_object_does_the_gerund(text: str, never: tuple) -> None:
    assert never not in ties(text)


@pytest.mark.parametrize("text, tie", [
    # the object is a group: its own act
    ("Al-Shabaab accused the Islamic State of killing its fighters in Puntland.",
     ("Islamic State", "rivals", "al-Shabaab")),
    # no object: the subject's act
    ("The Houthis have been accused of arming al-Shabaab.", ("Houthis", "supports", "al-Shabaab")),
    ("Hezbollah is known for training Kata'ib Hezbollah fighters.", ("Hezbollah", "supports", "Kata'ib Hezbollah")),
])
def test_the_subject_keeps_its_own_gerund(text: str, tie: tuple) -> None:
    assert tie in ties(text)


# -- a predicate keeps its clause's attribution ------------------------------------------------
def _tie_modality(text: str) -> list[tuple[str, str | None]]:
    r = extract(Article(text=text))
    return [(x["modality"], (x["attribution"] or {}).get("text")) for x in r["relations"]]


@pytest.mark.parametrize("text, modality, source", [
    # "is a front for" inside "officials say": the officials' word
    ("Officials say Tehreek-e-Jihad Pakistan is a front for the Pakistani Taliban.", "reported", "Officials"),
    ("Ankara says the YPG is an offshoot of the PKK.", "reported", "Ankara"),
    # an appositive is the writer's own description, even in a reported sentence
    ("Tehreek-e-Jihad Pakistan, a front for the Pakistani Taliban, claimed the attack, police said.",
     "asserted", None),
])
def test_predicate_is_attributed(text: str, modality: str, source: str | None) -> None:
    assert _tie_modality(text) == [(modality, source)]


@pytest.mark.parametrize("text", [
    "The Tariq Gidar Group was accused of cooperating with Lashkar-e-Jhangvi.",
    "Prosecutors accuse the Gulf Clan of funding the Revolutionary Armed Forces of Colombia.",
    "The Houthis accused Hamas of funding the Islamic State.",
    "Hezbollah has been accused of training Kata'ib Hezbollah fighters.",
])
def test_an_accusation_is_no_finding(text: str) -> None:
    assert [m for m, _ in _tie_modality(text)] == ["speculated"], _tie_modality(text)
