"""Issue 10, item 9: helpful mistakes. "Did you mean" (rapidfuzz over names and aliases) for group,
country and place arguments in the CLI, search and the API; a --db naming no store is an error
(only ingest creates one); every "not found" hint names the command or page that lists the ids."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from militantmap.cli import main
from militantmap.store.suggest import did_you_mean
from militantmap.web import create_app

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def client(dev_store):
    with TestClient(create_app(dev_store), base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.mark.parametrize("kind,typo,meant", [
    ("group", "Islamic Stat", "Islamic State"), ("group", "al shabab", "al-Shabaab"),
    ("group", "Boko Harm", "Boko Haram"), ("country", "Somalai", "Somalia"),
    ("place", "Mogadisho", "Mogadishu")])
def test_suggestions(dev_store, kind, typo, meant):
    assert did_you_mean(dev_store, kind, typo)[0] == meant


def test_no_suggestion_for_a_known_name_or_noise(dev_store):
    assert did_you_mean(dev_store, "group", "Islamic State") == []
    assert did_you_mean(dev_store, "group", "zzzzqqq") == []
    assert did_you_mean(dev_store, "group", "Mogadisho") == []  # a place is no group


def test_cli_suggests_and_points_to_the_listing_command(dev_store):
    runner = CliRunner()
    for args in (["group", "Islamic Stat"], ["ties", "Islamic Stat"], ["timeline", "Islamic Stat"],
                 ["events", "--group", "Islamic Stat"]):
        result = runner.invoke(main, args + ["--db", dev_store])
        assert result.exit_code == 2, args
        assert "did you mean “Islamic State”?" in result.output, args
        assert "`militantmap groups` lists the groups" in result.output
    result = runner.invoke(main, ["events", "--country", "Somalai", "--db", dev_store])
    assert result.exit_code == 0 and "did you mean “Somalia”?" in result.output
    result = runner.invoke(main, ["evidence", "999999", "--db", dev_store])
    assert result.exit_code == 2 and "militantmap ties NAME" in result.output


def test_a_db_that_does_not_exist_is_an_error_except_for_ingest(tmp_path, dev_dir):
    runner = CliRunner()
    missing = tmp_path / "typo.db"
    for args in (["groups"], ["group", "ISIS"], ["events"], ["ties"], ["export", "stix"],
                 ["outlet"], ["merge", "--log"]):
        result = runner.invoke(main, args + ["--db", str(missing)])
        assert result.exit_code == 2, (args, result.output)
        assert "no store" in result.output and "ingest" in result.output, args
        assert not missing.exists(), args
    one = sorted(dev_dir.glob("*.json"))[0]
    result = runner.invoke(main, ["ingest", str(one), "--db", str(missing)])
    assert result.exit_code == 0, result.output
    assert missing.exists()
    assert runner.invoke(main, ["groups", "--db", str(missing)]).exit_code == 0


def test_api_and_pages_suggest(client):
    body = client.get("/api/groups/Islamic Stat").json()
    assert "did you mean “Islamic State”?" in body["error"]["hint"] and "/api/groups" in body["error"]["hint"]
    assert client.get("/api/search", params={"q": "Mogadisho"}).json()["did_you_mean"] == ["Mogadishu"]
    assert "did_you_mean" not in client.get("/api/search", params={"q": "Taliban"}).json()
    events = client.get("/api/events", params={"country": "Somalai"})
    assert events.json() == [] and events.headers["X-Did-You-Mean"] == "country=Somalia"
    page = client.get("/events", params={"place": "Peshwar"}).text
    assert 'did you mean <a href="/events?place=Peshawar">Peshawar</a>' in page
    page = client.get("/search", params={"q": "Boko Harm"}).text
    assert 'Did you mean <a href="/search?q=Boko+Haram">Boko Haram</a>' in page
    assert "did you mean “Islamic State”?" in client.get("/groups/Islamic Stat").text


def test_hostile_query_is_escaped_in_the_suggestion(client):
    page = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in page
    for path, params in (("/ties", {"group": "<img src=x onerror=alert(1)>"}),
                         ("/events", {"place": "<img src=x onerror=alert(1)>"}),
                         ("/events", {"group": "<img src=x onerror=alert(1)>"})):
        response = client.get(path, params=params)
        assert response.status_code == 200 and "<img src=x" not in response.text, path
        assert "&lt;img src=x onerror=alert(1)&gt;" in response.text, path


def test_serve_refuses_a_missing_store_unless_asked_to_create_it(tmp_path):
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(main, ["serve", "--db", str(missing)])
    assert result.exit_code == 2 and "no store here" in result.output and "--create" in result.output
    assert not missing.exists()
