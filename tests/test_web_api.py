"""Issue 4: the JSON REST API under /api/ over a real store of the dev corpus (built by the real
ingest), and its one error shape. Ingest tests write to their own fresh store."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from militantmap.web import create_app

pytestmark = pytest.mark.shared
LOCAL = "http://127.0.0.1:8000"


def _error(response, status: int) -> dict:
    """The one error shape: {"error": {"status", "message", "hint"}} and nothing else."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message", "hint"}
    assert body["error"]["status"] == status and body["error"]["message"]
    assert "Traceback" not in response.text
    return body["error"]


@pytest.fixture(scope="module")
def api(dev_store: str) -> Iterator[TestClient]:
    with TestClient(create_app(dev_store), base_url=LOCAL) as client:
        yield client


# -- reading -----------------------------------------------------------------------------------

def test_groups_list_every_group_with_counts(api: TestClient):
    groups = api.get("/api/groups").json()
    ids = {g["id"] for g in groups}
    assert {"islamic-state", "al-shabaab", "tehrik-i-taliban-pakistan"} <= ids
    for g in groups:
        assert {"id", "name", "aliases", "articles", "ties", "events"} <= set(g)
        assert g["articles"] >= 1
    counts = [g["articles"] for g in groups]
    assert counts == sorted(counts, reverse=True)  # best-covered first


@pytest.mark.parametrize("key", ["islamic-state", "ISIS", "isis", "Islamic State", "Daesh"])
def test_a_group_is_found_by_id_or_any_alias_in_any_case(api: TestClient, key: str):
    group = api.get(f"/api/groups/{key}").json()
    assert group["id"] == "islamic-state"
    assert "ISIS" in group["aliases"]
    assert {"parent", "factions", "people", "ties", "events", "articles_list"} <= set(group)
    assert all(t["subject"]["id"] == "islamic-state" or t["object"]["id"] == "islamic-state"
               for t in group["ties"])


def test_unknown_group_is_a_404_that_says_what_to_do(api: TestClient):
    error = _error(api.get("/api/groups/No Such Front"), 404)
    assert error["message"] == "Group 'No Such Front' is not in the store"
    assert "/api/search?q=No+Such+Front" in error["hint"]


def test_ties_filter_by_group_type_and_confidence(api: TestClient):
    every = api.get("/api/ties").json()
    assert every and all(0 <= t["confidence"] <= 1 for t in every)
    ttp = api.get("/api/ties", params={"group": "TTP"}).json()
    assert ttp and len(ttp) < len(every)
    assert all("tehrik-i-taliban-pakistan" in (t["subject"]["id"], t["object"]["id"])
               for t in ttp)
    allegiance = api.get("/api/ties", params={"type": "allegiance_to"}).json()
    assert allegiance and {t["type"] for t in allegiance} == {"allegiance_to"}
    strong = api.get("/api/ties", params={"min_confidence": 0.75}).json()
    assert all(t["confidence"] >= 0.75 for t in strong) and len(strong) < len(every)


@pytest.mark.parametrize("query,field", [("since=2016-13-01", "since"), ("type=friends", "type"),
                                         ("min_confidence=2", "min_confidence")])
def test_bad_filters_name_the_parameter(api: TestClient, query: str, field: str):
    error = _error(api.get(f"/api/ties?{query}"), 422)
    assert error["message"].startswith(field)


def test_a_tie_comes_with_every_sentence_and_its_article(api: TestClient):
    first = api.get("/api/ties").json()[0]
    tie = api.get(f"/api/ties/{first['id']}").json()
    assert tie["id"] == first["id"] and len(tie["evidence"]) == tie["articles"] >= 1
    for item in tie["evidence"]:
        evidence = api.get(f"/api/evidence/{item['id']}").json()
        assert evidence["sentence"] == item["sentence"]
        text = evidence["article"]["text"]
        assert text[evidence["start"]:evidence["end"]] == evidence["sentence"]
        assert evidence["fact"]["kind"] == "relation"
    _error(api.get("/api/ties/nobody~rivals~nobody-else"), 404)


def test_events_filter_by_country_group_and_type(api: TestClient):
    somalia = api.get("/api/events", params={"country": "Somalia"}).json()
    assert somalia and all(e["country"] == "Somalia" for e in somalia)
    mogadishu = [e for e in somalia if e["location"] == "Mogadishu" and e["type"] == "attack"]
    assert mogadishu and mogadishu[0]["perpetrators"][0]["id"] == "al-shabaab"
    shabaab = api.get("/api/events", params={"group": "Al-Shabab"}).json()
    # the group's events: done, claimed, or about it (arrests, bans, operations: issue 10)
    assert all(any(p["id"] == "al-shabaab" for p in e["perpetrators"] + e["claimed_by"] + e["concerns"])
               for e in shabaab)
    attacks = api.get("/api/events", params={"type": "attack"}).json()
    assert attacks and {e["type"] for e in attacks} == {"attack"}
    _error(api.get("/api/events", params={"group": "Nobody"}), 404)
    assert "arrest" in _error(api.get("/api/events?type=raid"), 422)["hint"]


def test_evidence_of_a_whole_article_and_bad_ids(api: TestClient):
    article = api.get("/api/evidence/article:1").json()
    assert article["sentence"] == "" and len(article["article"]["text"]) > 200
    assert _error(api.get("/api/evidence/999999"), 404)["message"].startswith("Evidence")
    _error(api.get("/api/evidence/not-a-number"), 404)


def test_search_finds_aliases_people_and_places(api: TestClient):
    found = api.get("/api/search", params={"q": "TTP"}).json()
    # the group first; then only its factions, whose surface forms name it ("the Orakzai
    # Agency branch of TTP")
    ids = [g["id"] for g in found["groups"]]
    assert ids[0] == "tehrik-i-taliban-pakistan"
    assert all(i.startswith("armed_group:tehrik-i-taliban-pakistan-") for i in ids[1:]), ids
    assert api.get("/api/search", params={"q": "Abu-Musab"}).json()["people"]
    assert any(p["name"] == "Mogadishu"
               for p in api.get("/api/search", params={"q": "mogadishu"}).json()["places"])
    assert "q" in _error(api.get("/api/search"), 422)["message"]


def test_graph_has_server_positions_and_respects_filters(api: TestClient):
    graph = api.get("/api/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["nodes"] and all(isinstance(n["x"], float) and isinstance(n["y"], float)
                                  for n in graph["nodes"])
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert all(n["url"].startswith("/groups/") for n in graph["nodes"])
    only = api.get("/api/graph", params={"type": "faction_of"}).json()
    assert only["edges"] and {e["type"] for e in only["edges"]} == {"faction_of"}
    assert len(only["nodes"]) < len(graph["nodes"])
    # Issue 10: a filtered view is laid out afresh from the ties it shows (the same each time).
    where = {n["id"]: (n["x"], n["y"]) for n in graph["nodes"]}
    assert any(where[n["id"]] != (n["x"], n["y"]) for n in only["nodes"])
    again = api.get("/api/graph", params={"type": "faction_of"}).json()
    assert [(n["x"], n["y"]) for n in again["nodes"]] == [(n["x"], n["y"]) for n in only["nodes"]]
    # communities are named after their best-sourced group
    assert all(not n["group_label"].startswith("community ") for n in graph["nodes"])
    by_region = api.get("/api/graph", params={"color": "region"}).json()
    assert {n["group_label"] for n in by_region["nodes"]} != {
        n["group_label"] for n in graph["nodes"]}


def test_openapi_describes_every_endpoint(api: TestClient):
    paths = api.get("/api/openapi.json").json()["paths"]
    for path in ("/api/groups", "/api/groups/{key}", "/api/ties", "/api/ties/{tie_id}",
                 "/api/events", "/api/evidence/{evidence_id}", "/api/search", "/api/articles",
                 "/api/timeline/{key}", "/api/graph"):
        assert path in paths, path
    assert "post" in paths["/api/articles"]


def test_unknown_paths_and_methods_have_the_error_shape(api: TestClient):
    assert "openapi" in _error(api.get("/api/nothing-here"), 404)["hint"]
    assert _error(api.delete("/api/groups"), 405)["message"] == (
        "DELETE is not allowed on /api/groups")


# -- ingesting ---------------------------------------------------------------------------------

ARTICLE = {
    "id": "web-api-1",
    "title": "Al-Shabaab attack in Mogadishu",
    "url": "https://example.org/shabaab",
    "published": "2016-06-25",
    "text": ("Al-Shabaab militants stormed a hotel in Mogadishu on Saturday, killing at least "
             "14 people, police said. The Somali militant group al-Shabaab, which is allied "
             "with al-Qaeda, claimed responsibility for the attack."),
}


def test_post_an_article_then_read_what_was_extracted(fresh: TestClient):
    assert fresh.get("/api/groups").json() == []
    response = fresh.post("/api/articles", json=ARTICLE)
    assert response.status_code == 201, response.text
    assert response.json()["new"] == 1
    group = fresh.get("/api/groups/al-shabab").json()
    assert group["articles"] == 1
    assert group["articles_list"][0]["title"] == ARTICLE["title"]
    again = fresh.post("/api/articles", json={"articles": [ARTICLE]}).json()
    assert again["new"] == 0 and again["known"] == 1


def test_the_time_range_keeps_ties_seen_in_it(fresh: TestClient):
    assert fresh.post("/api/articles", json=ARTICLE).status_code == 201
    ties = fresh.get("/api/ties").json()
    assert ties and {t["first_seen"] for t in ties} == {"2016-06-25"}
    for query, shown in [("since=2016-01-01", True), ("since=2017-01-01", False),
                         ("until=2016-12-31", True), ("until=2015-12-31", False),
                         ("since=2016-06-25&until=2016-06-25", True)]:
        assert bool(fresh.get(f"/api/ties?{query}").json()) is shown, query
        assert bool(fresh.get(f"/api/graph?{query}").json()["edges"]) is shown, query
    error = _error(fresh.get("/api/graph?since=2017-01-01&until=2016-01-01"), 422)
    assert error["message"] == "since: 2017-01-01 is after until (2016-01-01)"


def test_bad_articles_are_refused_before_anything_is_stored(fresh: TestClient):
    cases = [
        ({"articles": []}, "articles"),
        ({"title": "no text"}, 'no "text"'),
        ({"text": "x", "published": "soon"}, '"published" is not a valid date'),
        ({"text": "x", "url": "javascript:alert(1)"}, "not an http(s) address"),
        ({"articles": [{"text": "ok"}], "text": "both"}, "both a batch and article fields"),
        ({"articles": [{"text": "ok"}, {"text": ""}]}, "articles[1]"),
    ]
    for body, expected in cases:
        assert expected in _error(fresh.post("/api/articles", json=body), 422)["message"], body
    broken = fresh.post("/api/articles", content=b"{not json",
                        headers={"Content-Type": "application/json"})
    assert "not valid JSON" in _error(broken, 422)["message"]
    assert fresh.get("/api/groups").json() == []


REPORTED = {
    "title": "Gunmen kill five in Baidoa", "published": "2024-03-04", "url": "https://example.org/baidoa",
    "text": ("Police said al-Shabaab gunmen killed five people in Baidoa on Monday.\n\n"
             "Ahmed Diriye, the alleged leader of al-Shabaab, is believed to be hiding near Jilib."),
}


def test_events_and_evidence_say_who_reported_them(fresh: TestClient):
    assert fresh.post("/api/articles", json=REPORTED).status_code == 201
    (event,) = fresh.get("/api/events").json()
    (report,) = event["reports"]
    assert report["attribution"] == {"text": "Police", "kind": "anonymous_official"}
    assert report["modality"] == "reported"
    item = fresh.get(f"/api/evidence/{report['evidence_id']}").json()
    assert item["fact"]["kind"] == "event"
    assert (item["modality"], item["attribution"]) == ("reported", {"text": "Police", "kind": "anonymous_official"})
    assert item["fact"]["attribution"] == item["attribution"]
    (person,) = fresh.get("/api/groups/al-shabaab").json()["people"]
    role = fresh.get(f"/api/evidence/{person['evidence_id']}").json()
    assert (role["fact"]["kind"], role["modality"], role["attribution"]) == ("role", "speculated", None)
