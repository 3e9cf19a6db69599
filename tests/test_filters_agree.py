"""Issue 10, item 6: the same filters (type, place, country, group, date range, modality, min
confidence) in the CLI, the API and the pages, and the same answer from each: the count the
CLI prints as JSON, the API's X-Total-Count, the page's heading and its downloads agree.
Also: every column of the groups, ties and events tables sorts, and pages cover every row."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from militantmap.cli import main
from militantmap.web import create_app
from militantmap.web.tables import EVENT_SORTS, GROUP_SORTS, TIE_SORTS

pytestmark = pytest.mark.shared

EVENT_CASES = [
    {},
    {"type": "attack"},
    {"country": "Somalia"},
    {"country": "Somalia", "place": "Mogadishu"},
    {"group": "al-Shabaab", "type": "attack"},
    {"since": "2016-01-01", "until": "2020-12-31", "include_undated": "1"},
    {"since": "2016-01-01", "until": "2020-12-31"},
]
TIE_CASES = [
    {},
    {"type": "rivals"},
    {"modality": "reported"},
    {"min_confidence": "0.5"},
    {"group": "Islamic State", "type": "allegiance_to"},
    {"since": "2018-01-01", "include_undated": "1", "min_confidence": "0.3"},
    {"since": "2018-01-01"},
    {"polarity": "positive", "type": "affiliated_with"},
]


@pytest.fixture(scope="module")
def client(dev_store):
    with TestClient(create_app(dev_store), base_url="http://127.0.0.1:8000") as c:
        yield c


def _cli(dev_store: str, command: str, case: dict) -> list[dict]:
    args = [command, "--db", dev_store, "--json"]
    for key, value in case.items():
        if key == "group" and command == "ties":
            args.insert(1, value)
        elif key == "include_undated":
            args.append("--include-undated")
        else:
            args += ["--" + key.replace("_", "-"), value]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _heading_count(html: str, noun: str) -> int:
    found = re.search(rf"<h2>(\d+) {noun}s?\b", html)
    assert found, html[:2000]
    return int(found.group(1))


@pytest.mark.parametrize("case", EVENT_CASES, ids=lambda c: ",".join(c) or "all")
def test_events_agree_across_cli_api_page_and_downloads(dev_store, client, case):
    cli = _cli(dev_store, "events", case)
    api = client.get("/api/events", params=case)
    assert api.status_code == 200, api.text
    assert int(api.headers["X-Total-Count"]) == len(api.json()) == len(cli)
    assert sorted(e["id"] for e in api.json()) == sorted(e["id"] for e in cli)
    page = client.get("/events", params=case)
    assert _heading_count(page.text, "event") == len(cli)
    assert len(client.get("/events.json", params=case).json()) == len(cli)
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv", params=case).text)))
    assert len(rows) == len(cli)
    if case.get("since") and not case.get("include_undated"):
        assert "undated event" in page.text or len(cli) == len(_cli(dev_store, "events", {**case, "include_undated": "1"}))
    if case:
        assert len(cli) < len(_cli(dev_store, "events", {})) or case.get("include_undated")


@pytest.mark.parametrize("case", TIE_CASES, ids=lambda c: ",".join(c) or "all")
def test_ties_agree_across_cli_api_page_and_downloads(dev_store, client, case):
    cli = _cli(dev_store, "ties", case)
    api = client.get("/api/ties", params=case)
    assert api.status_code == 200, api.text
    assert int(api.headers["X-Total-Count"]) == len(api.json()) == len(cli)
    assert sorted(t["id"] for t in api.json()) == sorted(t["id"] for t in cli)
    page = client.get("/ties", params=case)
    assert page.status_code == 200
    assert _heading_count(page.text, "tie") == len(cli)
    assert len(client.get("/ties.json", params=case).json()) == len(cli)
    rows = list(csv.DictReader(io.StringIO(client.get("/ties.csv", params=case).text)))
    assert len(rows) == len(cli)
    if "modality" in case:
        assert cli and all(t["modality"] == case["modality"] for t in cli)


def test_bad_filters_are_refused_everywhere(dev_store, client):
    assert client.get("/api/ties", params={"modality": "rumoured"}).status_code == 422
    page = client.get("/ties", params={"modality": "rumoured"})
    assert page.status_code == 422 and "modality" in page.text
    result = CliRunner().invoke(main, ["ties", "--modality", "rumoured", "--db", dev_store])
    assert result.exit_code == 2 and "rumoured" in result.output
    assert client.get("/groups", params={"sort": "nonsense"}).status_code == 422
    assert client.get("/ties", params={"page": "99"}).status_code == 422


@pytest.mark.parametrize("path,columns,key", [
    ("/groups", GROUP_SORTS, "name"), ("/ties", TIE_SORTS, "id"), ("/events", EVENT_SORTS, "id")])
def test_every_column_sorts_both_ways(client, path, columns, key):
    for column in columns:
        asc = client.get(path + ".json", params={"sort": column, "order": "asc"})
        desc = client.get(path + ".json", params={"sort": column, "order": "desc"})
        assert asc.status_code == desc.status_code == 200, (column, asc.text)
        assert len(asc.json()) == len(desc.json())
        page = client.get(path, params={"sort": column, "order": "desc"})
        assert page.status_code == 200 and 'aria-sort="descending"' in page.text, column
    by_name = client.get(path + ".json", params={"sort": list(columns)[0], "order": "asc"}).json()
    reverse = client.get(path + ".json", params={"sort": list(columns)[0], "order": "desc"}).json()
    assert [r[key] for r in by_name] != [r[key] for r in reverse]


def test_groups_table_pages_cover_every_group(dev_store, client):
    total = len(client.get("/api/groups").json())
    assert total == len(_cli(dev_store, "groups", {})) == int(client.get("/api/groups").headers["X-Total-Count"])
    html = client.get("/groups").text
    assert f"Armed groups ({total})" in html
    listed = html.count('<tr><td><a href="/groups/')
    assert listed == min(total, 100)
    rows = list(csv.DictReader(io.StringIO(client.get("/groups.csv").text)))
    assert len(rows) == total and {"name", "aliases", "articles"} <= set(rows[0])


@pytest.mark.parametrize("query", ["", "?type=rivals", "?min_confidence=0.4&since=2016-01-01",
                                   "?denied=1"])
def test_the_networks_ties_link_lists_as_many_ties_as_its_heading_says(client, query):
    import html as html_lib

    page = client.get("/network" + query).text
    shown = int(re.search(r"Strongest ties in this view \((\d+)\)", page).group(1))
    link = re.search(r'<a href="(/ties[^"]*)">all \d+ in the ties table</a>', page)
    if link is None:  # every tie is in the short table already
        return
    ties_page = client.get(html_lib.unescape(link.group(1))).text
    assert _heading_count(ties_page, "tie") == shown
