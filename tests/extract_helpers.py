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
