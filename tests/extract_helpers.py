"""Helpers shared by the extraction tests: run the extractor on a sentence and read its output."""
from __future__ import annotations

import datetime as dt

from militantmap.article import Article
from militantmap.extract import extract


def run(text: str, published: str | None = None) -> dict:
    pub = dt.date.fromisoformat(published) if published else None
    return extract(Article(text=text, published=pub, source="test"))


def groups(ex: dict) -> dict[str, dict]:
    return {e["name"]: e for e in ex["entities"] if e["type"] == "armed_group"}


def names(ex: dict) -> dict[str, str]:
    return {e["id"]: e["name"] for e in ex["entities"]}


def rels(ex: dict) -> set[tuple[str, str, str]]:
    n = names(ex)
    return {(n[r["subject"]], r["type"], n[r["object"]]) for r in ex["relations"]}


def rel(ex: dict, type_: str) -> dict:
    found = [r for r in ex["relations"] if r["type"] == type_]
    assert found, f"no {type_} relation in {ex['relations']}"
    return found[0]


def has_tie(found: set[tuple[str, str, str]], a: str, type_: str, b: str) -> bool:
    """(a, type, b) is among the ties found; a symmetric type in either direction."""
    from militantmap.schema import SYMMETRIC

    return (a, type_, b) in found or (type_ in SYMMETRIC and (b, type_, a) in found)


def check_ties(name: str, found: set[tuple[str, str, str]], expected: list, absent: list) -> None:
    """The construction tables' assertion: every expected tie found, no absent one (as written)."""
    for a, t, b in expected:
        assert has_tie(found, a, t, b), f"{name}: missing {(a, t, b)} in {found}"
    for a, t, b in absent:
        assert (a, t, b) not in found, f"{name}: unexpected {(a, t, b)} in {found}"


def events_read(text: str, published: str | None = None) -> list[dict]:
    """The events of a text, each with its perpetrators' names ("perps") and place name ("place")."""
    ex = run(text, published)
    n = names(ex)
    out = []
    for e in ex["events"]:
        e = dict(e)
        e["perps"] = {n[p] for p in e["perpetrators"]}
        e["place"] = (e.get("location") or {}).get("name")
        out.append(e)
    return out


def roles_read(ex: dict) -> set[tuple[str, str, str]]:
    """The roles of an extraction as (person, role, group) names."""
    n = names(ex)
    return {(n[r["person"]], r["role"], n[r["group"]]) for r in ex["roles"]}


def has_role(found: set[tuple[str, str, str]], person: str, role: str, group: str) -> bool:
    """Whether `found` holds that role, the person's name compared as the evaluation does."""
    from militantmap.evaluate import same_person

    return any(same_person(p, person) and r == role and g == group for p, r, g in found)


def check_roles_found(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = roles_read(run(text))
    for person, role, group in expected:
        assert has_role(found, person, role, group), f"missing {(person, role, group)} in {found}"


def check_role_absent(text: str, absent: tuple[str, str, str]) -> None:
    found = roles_read(run(text))
    assert not has_role(found, *absent), f"unexpected {absent} in {found}"


def events_of(evs: list[dict], type_: str) -> list[dict]:
    return [e for e in evs if e["type"] == type_]


def killed_of(e: dict) -> int | None:
    return (e.get("killed") or {}).get("value")

