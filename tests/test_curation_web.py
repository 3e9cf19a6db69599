"""Issue 10, item 7 in the web app: the curation API's answers and refusals (a clear 4xx naming
the problem, nothing changed), the forms on the pages, the log page with its undo, and its
CSV / JSON export. Analyst text is escaped like article text."""
from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from test_curation import ALLEGIANCE, FACTION, built, db  # noqa: F401  (fixtures)

from militantmap.store import queries
from militantmap.web import create_app

HOSTILE = "<script>alert('x')</script>"


@pytest.fixture()
def client(db):  # noqa: F811
    with TestClient(create_app(db), base_url="http://127.0.0.1:8000") as c:
        yield c


def _log(client) -> list[dict]:
    return client.get("/api/curation/log").json()


def test_rename_through_the_api_then_undo(client, db):  # noqa: F811
    r = client.post("/api/curation/rename", json={"group": "TTP", "name": "TTP (main)", "why": "style"},
                    headers={"X-Analyst": "ayesha"})
    assert r.status_code == 201, r.text
    assert (r.json()["who"], r.json()["action"]) == ("ayesha", "rename")
    assert client.get("/api/groups/TTP").json()["name"] == "TTP (main)"
    u = client.post("/api/curation/undo", json={"decision": r.json()["id"], "who": "sam"})
    assert u.status_code == 201 and u.json()["who"] == "sam"
    assert client.get("/api/groups/TTP").json()["name"] == "Tehrik-i-Taliban Pakistan"
    assert [d["action"] for d in _log(client)] == ["undo", "rename"]


@pytest.mark.parametrize("path, body, status, words", [
    ("/api/curation/rename", {"group": "Hamas", "name": "x"}, 404, "no entity 'Hamas'"),
    ("/api/curation/rename", {"group": "TTP", "name": HOSTILE}, 422, "markup"),
    ("/api/curation/rename", {"group": "TTP", "name": "  "}, 422, "name is empty"),
    ("/api/curation/rename", {"group": "TTP", "name": "a\u202eb"}, 422, "invisible character"),
    ("/api/curation/rename", {"group": "TTP", "name": "x", "who": HOSTILE}, 422, "who contains"),
    ("/api/curation/rename", {"group": "TTP"}, 422, "name: Field required"),
    ("/api/curation/alias/add", {"group": "TTP", "alias": "Daesh"}, 422, "already names Islamic State"),
    ("/api/curation/alias/remove", {"group": "TTP", "alias": "Hamas"}, 404, "not a name of"),
    ("/api/curation/merge", {"group": "TTP", "into": "Pakistani Taliban"}, 422, "merged into itself"),
    ("/api/curation/merge", {"group": "TTP", "into": "nowhere"}, 404, "no entity 'nowhere'"),
    ("/api/curation/split", {"group": "TTP"}, 404, "no merged entity"),
    ("/api/curation/not-a-group", {"group": "TTP", "as_type": "armed_group"}, 422, "not a type"),
    ("/api/curation/retype", {"relation": 999999, "type": "rivals"}, 404, "no relation 999999"),
    ("/api/curation/retype", {"relation": 1, "type": "friends"}, 422, "not a tie type"),
    ("/api/curation/reject", {"kind": "article", "id": 1}, 422, "not a kind of fact"),
    ("/api/curation/reject", {"kind": "role", "id": 999999}, 404, "no role 999999"),
    ("/api/curation/reject", {"kind": "relation", "id": "x"}, 422, "id: Input should be a valid integer"),
    ("/api/curation/undo", {"decision": 77}, 404, "no decision 77"),
])
def test_bad_requests_are_4xx_naming_the_problem_and_change_nothing(client, path, body, status, words):
    before = (client.get("/api/groups").json(), client.get("/api/ties").json())
    r = client.post(path, json=body)
    assert r.status_code == status, r.text
    assert words in r.json()["error"]["message"]
    assert (client.get("/api/groups").json(), client.get("/api/ties").json()) == before
    assert _log(client) == []


def test_a_conflicting_undo_is_409(client):
    first = client.post("/api/curation/rename", json={"group": "TTP", "name": "TTP one"}).json()
    client.post("/api/curation/rename", json={"group": "TTP", "name": "TTP two"})
    r = client.post("/api/curation/undo", json={"decision": first["id"]})
    assert r.status_code == 409 and "undo it first" in r.json()["error"]["message"]
    assert client.post("/api/curation/undo", json={"decision": first["id"] + 1}).status_code == 201
    again = client.post("/api/curation/undo", json={"decision": first["id"] + 1})
    assert again.status_code == 422 and "already undone" in again.json()["error"]["message"]


def test_cross_site_posts_are_refused(client):
    r = client.post("/curation/rename", data={"group": "TTP", "name": "x"},
                    headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert _log(client) == []


def test_forms_on_the_pages_decide_and_the_log_page_undoes(client, db):  # noqa: F811
    page = client.get("/groups/tehrik-i-taliban-pakistan").text
    assert 'action="/curation/rename"' in page and 'action="/curation/not-a-group"' in page
    r = client.post("/curation/rename", data={"group": "tehrik-i-taliban-pakistan", "name": "TTP & co",
                                              "who": "ayesha", "why": HOSTILE}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/groups/tehrik-i-taliban-pakistan?decided=")
    assert "<h1>TTP &amp; co</h1>" in client.get(r.headers["location"]).text
    log = client.get("/curation").text
    assert HOSTILE not in log and "&lt;script&gt;alert(" in log
    did = _log(client)[0]["id"]
    assert f'name="decision" value="{did}"' in log
    r = client.post("/curation/undo", data={"decision": str(did)}, follow_redirects=False)
    assert r.status_code == 303
    assert queries.get_group(db, "TTP")["name"] == "Tehrik-i-Taliban Pakistan"
    assert "undone by" in client.get("/curation").text


def test_a_merge_and_a_split_from_the_group_pages(client, db):  # noqa: F811
    assert 'action="/curation/split"' not in client.get("/groups/lashkar-e-jhangvi").text
    r = client.post("/curation/merge", data={"group": "lashkar-e-jhangvi-al-alami", "into": "LeJ"},
                    follow_redirects=False)
    assert r.headers["location"].startswith("/groups/lashkar-e-jhangvi?decided=")
    page = client.get("/groups/lashkar-e-jhangvi").text
    assert '<option value="lashkar-e-jhangvi-al-alami">Lashkar-e-Jhangvi al-Alami</option>' in page
    r = client.post("/curation/split", data={"group": "lashkar-e-jhangvi-al-alami"}, follow_redirects=False)
    assert r.headers["location"].startswith("/groups/lashkar-e-jhangvi-al-alami?decided=")
    assert queries.get_group(db, "LeJ")["merged"] == []


def test_a_form_error_is_a_page_with_the_reason(client):
    r = client.post("/curation/merge", data={"group": "TTP", "into": "TTP"})
    assert r.status_code == 422 and "merged into itself" in r.text and "text/html" in r.headers["content-type"]
    r = client.post("/curation/undo", data={"decision": "12abc"})
    assert r.status_code == 422 and "not a decision id" in r.text


def test_tie_event_and_evidence_pages_reject_facts(client, db):  # noqa: F811
    tie = client.get(f"/api/ties/{FACTION}").json()
    page = client.get(f"/ties/{FACTION}").text
    rid = tie["evidence"][0]["relation_id"]
    assert f'name="relation" value="{rid}"' in page and 'action="/curation/reject"' in page
    r = client.post("/curation/retype", data={"relation": str(rid), "type": "rivals"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/curation?decided=")
    assert client.get(f"/ties/{FACTION}").status_code == 404
    (event,) = client.get("/api/events").json()
    assert 'action="/curation/reject"' in client.get(f"/events/{event['id']}").text
    sentence = client.get(f"/api/ties/{ALLEGIANCE}").json()["evidence"][0]["id"]
    r = client.post("/curation/reject", data={"kind": "evidence", "id": sentence,
                                               "next": f"/evidence/{sentence}"}, follow_redirects=False)
    assert r.headers["location"].startswith(f"/evidence/{sentence}?decided=")
    assert "This sentence is rejected" in client.get(f"/evidence/{sentence}").text
    # a `next` that leaves the app is not followed
    other = client.get(f"/api/ties/{ALLEGIANCE}").json()["evidence"][0]["relation_id"]
    r = client.post("/curation/reject", data={"kind": "relation", "id": str(other),
                                               "next": "//evil.example/x"}, follow_redirects=False)
    assert r.headers["location"].startswith("/curation?decided=")


def test_the_log_downloads_as_csv_and_json(client):
    client.post("/api/curation/alias/add", json={"group": "TTP", "alias": "Tehreek, \"TTP\"", "why": "a\nb"})
    client.post("/api/curation/alias/add", json={"group": "TTP", "alias": "TTP-2", "why": "=HYPERLINK(\"x\")"})
    rows = list(csv.DictReader(io.StringIO(client.get("/curation.csv").text)))
    assert rows[0]["why"] == "'=HYPERLINK(\"x\")"  # a spreadsheet shows it, never runs it
    assert rows[1]["action"] == "add_alias" and rows[1]["why"] == "a\nb"
    assert '"alias": "Tehreek, \\"TTP\\""' in rows[1]["after"]
    data = client.get("/curation.json").json()
    assert data[1]["after"]["alias"] == 'Tehreek, "TTP"'
    assert "attachment" in client.get("/curation.json").headers["content-disposition"]


def test_not_a_group_leaves_the_network_and_the_group_pages(client):
    def nodes() -> set[str]:
        return {n["id"] for n in client.get("/api/graph").json()["nodes"]}

    assert "lashkar-e-jhangvi" in nodes()
    done = client.post("/api/curation/not-a-group", json={"group": "Lashkar-e-Jhangvi", "why": "test"})
    assert done.status_code == 201
    assert "lashkar-e-jhangvi" not in nodes()
    assert client.get("/groups/lashkar-e-jhangvi").status_code == 404
    assert FACTION not in {t["id"] for t in client.get("/api/ties").json()}
    client.post("/api/curation/undo", json={"decision": done.json()["id"]})
    assert "lashkar-e-jhangvi" in nodes()
