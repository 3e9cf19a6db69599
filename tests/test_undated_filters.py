"""Issue 10: a date filter never drops undated facts silently. Every view (CLI, API, pages) says
how many undated ties or events it left out and can include them."""
from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from militantmap.article import Article
from militantmap.cli import main
from militantmap.store import ingest_articles
from militantmap.web import create_app

DATED = Article(id="dated", published=dt.date(2023, 5, 2), text=(
    "Ansar Dine and the Macina Liberation Front worked together in central Mali, officials said. "
    "Al-Shabaab fighters attacked a hotel in Mogadishu on Monday, killing five people."))
UNDATED = Article(id="undated", text=(
    "Boko Haram fighters clashed with the Islamic State West Africa Province near Lake Chad. "
    "Jamaat Nusrat al-Islam wal-Muslimin militants attacked an army post in Djibo, killing nine soldiers."))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('undated') / 's.db'}"
    assert ingest_articles(db, [DATED, UNDATED]).new == 2
    return db


def test_the_cli_says_how_many_undated_facts_a_filter_left_out(store):
    runner = CliRunner()
    every = runner.invoke(main, ["events", "--db", store, "--json"])
    dated = runner.invoke(main, ["events", "--since", "2000-01-01", "--db", store])
    assert "undated event(s) left out" in dated.output and "--include-undated" in dated.output
    both = runner.invoke(main, ["events", "--since", "2000-01-01", "--include-undated", "--db", store, "--json"])
    assert both.output.count('"id"') >= 2 and every.output.count('"type"') == both.output.count('"type"')


def test_api_and_pages_count_and_offer_the_undated(store):
    client = TestClient(create_app(store), base_url="http://127.0.0.1:8000")
    all_events = client.get("/api/events").json()
    since = client.get("/api/events?since=1900-01-01")
    left = int(since.headers["X-Undated-Left-Out"])
    assert left >= 1 and len(since.json()) + left == len(all_events)
    assert len(client.get("/api/events?since=1900-01-01&include_undated=true").json()) == len(all_events)

    ties = client.get("/api/ties").json()
    dated_ties = client.get("/api/ties?since=1900-01-01")
    assert len(dated_ties.json()) + int(dated_ties.headers["X-Undated-Left-Out"]) == len(ties)
    graph = client.get("/api/graph?since=1900-01-01").json()
    assert graph["undated_left_out"] == int(dated_ties.headers["X-Undated-Left-Out"]) - sum(
        1 for t in ties if t["polarity"] == "negated" and t["first_seen"] is None)

    page = client.get("/events?since=1900-01-01").text
    assert f"{left} undated event" in page and "include_undated=1" in page
    assert "left out by the date filter" not in client.get("/events?since=1900-01-01&include_undated=1").text
