"""Issue 10: repetition is not corroboration. Independent sources are clusters of assertions that
share no story, no sentence and no outlet-and-asserter (graph.confidence); confidence never
reaches 1.00 and stays under the ceiling of the firmest word used."""
from __future__ import annotations

import datetime as dt

from militantmap.article import Article
from militantmap.graph.confidence import Assertion, explain, sources, tie_confidence
from militantmap.store import ingest_articles, queries


def A(story, sentence, conf=0.8, pol="positive", modality="asserted", outlet=None, who=None):
    return Assertion(story, pol, conf, modality, sentence, outlet, who)


def test_the_same_sentence_in_many_stories_is_one_source():
    said = [A(i, "Group X pledged allegiance to Group Y in 2015.") for i in range(22)]
    assert len(sources(said)) == 1
    assert tie_confidence(said) == 0.8


def test_the_same_outlet_repeating_one_voice_is_one_source():
    said = [A(1, "X works with Y, a spokesman said.", outlet="Daily A", who="a spokesman"),
            A(2, "A spokesman said X and Y cooperate.", outlet="Daily A", who="a spokesman"),
            A(3, "X cooperates with Y.", outlet="Wire B")]
    assert len(sources(said)) == 2


def test_independent_sources_raise_confidence_but_never_to_one():
    said = [A(i, f"Sentence number {i} says X backs Y.", outlet=f"Outlet {i}") for i in range(30)]
    assert len(sources(said)) == 30
    assert 0.9 <= tie_confidence(said) <= 0.95


def test_speculation_stays_speculation_however_often_repeated():
    said = [A(i, f"X may have ties to Y, analyst {i} said.", conf=0.4, modality="speculated",
              outlet=f"Outlet {i}") for i in range(10)]
    assert tie_confidence(said) <= 0.6


def test_a_denial_lowers_confidence_and_is_named_in_the_explanation():
    said = [A(1, "X joined Y.", outlet="A"), A(2, "X denied joining Y.", conf=0.7, pol="negated", outlet="B")]
    assert tie_confidence(said) < 0.8
    text = explain(said, [None, "group_spokesperson"])
    assert text == "1 independent source (1 outlet); 1 denial"


def test_in_the_store_a_repeated_background_sentence_counts_once(tmp_path):
    line = "Jamaat-ul-Ahrar is a breakaway faction of the Tehrik-i-Taliban Pakistan."
    arts = [Article(id=f"a{i}", published=dt.date(2024, 1, 1 + i), publisher=f"Outlet {i % 3}",
                    text=f"Story {i}: police in district number {i} reported a quiet week "
                         f"with {i + 2} minor incidents and no casualties. {line}")
            for i in range(6)]
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert ingest_articles(db, arts).new == 6
    (tie,) = [t for t in queries.all_ties(db) if t["type"] == "faction_of"]
    assert tie["articles"] == 6 and tie["independent_sources"] == 1
    assert tie["confidence"] < 0.9 and tie["support"].startswith("1 independent source")


def test_an_outlet_grade_weighs_its_ties_and_shows_beside_the_evidence(tmp_path):
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from militantmap.cli import main
    from militantmap.web import create_app

    db = f"sqlite:///{tmp_path / 's.db'}"
    art = Article(id="x", publisher="Daily Rumour", published=dt.date(2024, 2, 2),
                  text="Ansar Dine and the Macina Liberation Front worked together in central Mali.")
    assert ingest_articles(db, [art]).new == 1
    (before,) = [t for t in queries.all_ties(db) if t["type"] == "cooperates_with"]
    runner = CliRunner()
    out = runner.invoke(main, ["outlet", "Daily Rumour", "e", "--note", "fabricated stories", "--db", db])
    assert out.exit_code == 0 and "graded E" in out.output
    (after,) = [t for t in queries.all_ties(db) if t["type"] == "cooperates_with"]
    assert after["confidence"] == round(before["confidence"] * 0.5, 2)
    assert "E  Daily Rumour" in runner.invoke(main, ["outlet", "--db", db]).output
    page = TestClient(create_app(db), base_url="http://127.0.0.1:8000").get(f"/ties/{after['id']}").text
    assert "source E" in page
    assert runner.invoke(main, ["outlet", "Daily Rumour", "F", "--db", db]).exit_code == 0
    (reset,) = [t for t in queries.all_ties(db) if t["type"] == "cooperates_with"]
    assert reset["confidence"] == before["confidence"]
