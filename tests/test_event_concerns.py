"""Issue 10: arrests, bans, leaders killed and operations carry the group they concern as a typed
role (`concerns`) in extraction, store, queries, filters, group pages and exports."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from militantmap.article import Article
from militantmap.cli import main
from militantmap.extract import extract
from militantmap.store import ingest_articles, queries

BAN = ("The interior ministry on Thursday banned Hizb ut-Tahrir, saying the group threatened public "
       "order, officials said.")
ARREST = ("Counter-terrorism police arrested three members of Lashkar-e-Taiba in Lahore on Monday, "
          "a police spokesman said.")


def _concerned(text: str) -> list[tuple[str, list[str]]]:
    out = extract(Article(text=text, published=dt.date(2024, 5, 9)))
    names = {e["id"]: e["name"] for e in out["entities"]}
    return [(e["type"], [names[c] for c in e["concerns"]]) for e in out["events"]]


def test_extraction_names_the_banned_and_the_arrested_group():
    assert ("ban", ["Hizb ut-Tahrir"]) in _concerned(BAN)
    assert ("arrest", ["Lashkar-e-Taiba"]) in _concerned(ARREST)


def test_an_attack_concerns_no_group_it_was_done_by():
    text = "Al-Shabaab fighters attacked a hotel in Mogadishu on Monday, killing five people."
    assert all(not concerns for _, concerns in _concerned(text))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('concerns') / 's.db'}"
    arts = [Article(id="ban", text=BAN, published=dt.date(2024, 5, 9)),
            Article(id="arrest", text=ARREST, published=dt.date(2024, 5, 6))]
    assert ingest_articles(db, arts).new == 2
    return db


def test_the_group_page_and_the_group_filter_list_what_concerns_the_group(store):
    events = queries.events(store, group="Lashkar-e-Taiba")
    assert [(e["type"], [c["name"] for c in e["concerns"]]) for e in events] == [("arrest", ["Lashkar-e-Taiba"])]
    group = queries.get_group(store, "LeT")
    assert any(e["type"] == "arrest" for e in group["events"])
    line = CliRunner().invoke(main, ["events", "--group", "Hizb ut-Tahrir", "--db", store]).output
    assert "ban" in line and "concerns Hizb ut-Tahrir" in line


def test_exports_carry_the_role(store, tmp_path):
    runner = CliRunner()
    csv_out = runner.invoke(main, ["export", "csv", "--table", "events", "--db", store]).output
    assert "concerns" in csv_out.splitlines()[0] and "Lashkar-e-Taiba" in csv_out
    bundle = json.loads(runner.invoke(main, ["export", "stix", "--db", store]).output)
    rels = [o for o in bundle["objects"] if o["type"] == "relationship" and o.get("description") == "banned"]
    assert len(rels) == 1 and rels[0]["relationship_type"] == "related-to"
