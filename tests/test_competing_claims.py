"""Issue 10: competing claims side by side. An event page shows every source's toll, date, place
and perpetrators and flags where they disagree; the events list marks disputed incidents; the tie
page puts the claims for and against in two columns."""
from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from militantmap.article import Article
from militantmap.store import ingest_articles, queries
from militantmap.store.queries import disagreements
from militantmap.web import create_app

ARMY = Article(id="army", publisher="State Radio", published=dt.date(2024, 3, 5), text=(
    "Al-Shabaab fighters attacked an army base in Baidoa on Monday, killing four soldiers, the army said."))
GROUP = Article(id="group", publisher="Militant Wire", published=dt.date(2024, 3, 5), text=(
    "Al-Shabaab said its fighters stormed an army base in Baidoa on Monday and killed 30 soldiers, "
    "a spokesman for the group said in a statement."))
TIE_FOR = Article(id="for", publisher="Daily A", published=dt.date(2024, 1, 1), text=(
    "Jamaat-ul-Ahrar has links with the Islamic State group, analysts said."))
TIE_AGAINST = Article(id="against", publisher="Daily B", published=dt.date(2024, 1, 2), text=(
    "Jamaat-ul-Ahrar denied that it has links with the Islamic State group."))


def test_disagreements_name_each_figure_and_its_source():
    reports = [{"killed": 4, "date": "2024-03-04", "location": "Baidoa", "perpetrators": [],
                "attribution": {"text": "the army"}, "article": {"id": 1}},
               {"killed": 30, "date": "2024-03-04", "location": "Baidoa", "perpetrators": [],
                "attribution": {"text": "a spokesman for the group"}, "article": {"id": 2}},
               {"killed": None, "date": "2024-03-04", "location": None, "perpetrators": [],
                "attribution": None, "article": {"id": 3, "publisher": "Wire C"}}]
    assert disagreements(reports) == ["tolls differ: 4 (the army) vs 30 (a spokesman for the group)"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('claims') / 's.db'}"
    assert ingest_articles(db, [ARMY, GROUP, TIE_FOR, TIE_AGAINST]).new == 4
    return db, TestClient(create_app(db), base_url="http://127.0.0.1:8000")


def test_the_event_page_sets_the_accounts_side_by_side(client):
    db, web = client
    attacks = [e for e in queries.events(db) if e["type"] == "attack" and e["location"] == "Baidoa"]
    assert len(attacks) == 1, attacks
    event = attacks[0]
    assert event["sources"] == 2 and any(d.startswith("tolls differ") for d in event["disputed"])
    page = web.get(f"/events/{event['id']}").text
    assert "The sources disagree" in page and "tolls differ" in page
    assert "State Radio" in page and "Militant Wire" in page
    assert "disputed" in web.get("/events").text
    assert web.get(f"/api/events/{event['id']}").json()["disputed"] == event["disputed"]
    assert web.get("/events/999999").status_code == 404


def test_the_tie_page_puts_claims_for_and_against_in_two_columns(client):
    db, web = client
    ties = [t for t in queries.all_ties(db) if t["type"] == "affiliated_with"]
    assert ties and ties[0]["denials"] >= 1
    page = web.get(f"/ties/{ties[0]['id']}").text
    assert "Claims for it (1)" in page and "Claims against it (1)" in page
