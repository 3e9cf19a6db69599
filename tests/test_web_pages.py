"""Issue 4: the server-rendered pages over a real store of the dev corpus, read as HTML (the
browser tests in tests/e2e click through the same pages in Chromium)."""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from militantmap.web import create_app

pytestmark = pytest.mark.shared
LOCAL = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def site(dev_store: str) -> Iterator[TestClient]:
    with TestClient(create_app(dev_store), base_url=LOCAL) as client:
        yield client


def _h1(page: str) -> str:
    found = re.search(r"<h1>(.*?)</h1>", page, re.DOTALL)
    assert found, page[:500]
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def _main(page: str) -> str:
    return page[page.index("<main"):page.index("</main>")]


@pytest.mark.parametrize("path,heading", [
    ("/network", "Network of armed groups"), ("/groups", "Armed groups"), ("/events", "Events"),
    ("/search?q=Taliban", "Search"), ("/ingest", "Add articles"),
    ("/groups/islamic-state", "Islamic State"), ("/groups/ISIS", "Islamic State"),
])
def test_every_page_renders(site: TestClient, path: str, heading: str):
    response = site.get(path)
    assert response.status_code == 200
    assert heading in _h1(response.text)


def test_home_goes_to_the_network(site: TestClient):
    response = site.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/network"


def test_network_page_lists_groups_and_ties_without_script(site: TestClient):
    page = site.get("/network").text
    assert 'href="/groups/islamic-state"' in page
    assert re.search(r'href="/ties/[^"]+">\d+ sources?</a>', page)
    assert '<script src="/vendor/sigma.min.js"></script>' in page
    only = site.get("/network?type=faction_of").text
    assert 'value="faction_of" checked' in only and 'value="rivals" checked' not in only


def test_group_page_shows_names_ties_people_events_and_articles(site: TestClient):
    page = _main(site.get("/groups/tehrik-i-taliban-pakistan").text)
    assert "TTP" in page and "Pakistani Taliban" in page           # aliases
    assert 'href="/groups/jamaat-ul-ahrar"' in page                 # a faction
    assert re.search(r'<a href="/ties/[^"]+">evidence</a>', page)   # ties with their evidence
    ties = page[page.index('<table class="ties">'):page.index("</table>")]
    assert re.search(r'<td class="num">0\.\d\d</td>', ties)         # confidence
    assert "Baitullah Mehsud" in page or "Fazlullah" in page        # people and roles
    assert '<table class="events">' in page and "attack" in page    # events
    assert re.search(r'href="/evidence/article%3A\d+"', page)       # its articles


def test_group_page_says_which_group_is_missing(site: TestClient):
    response = site.get("/groups/Nobody At All")
    assert response.status_code == 404
    assert "Group &#39;Nobody At All&#39; is not in the store" in response.text
    assert "search box" in response.text


def test_tie_page_lists_every_sentence_linked_to_its_article(site: TestClient):
    tie = site.get("/api/ties").json()[0]
    page = _main(site.get(f"/ties/{tie['id']}").text)
    assert tie["subject"]["name"] in page and tie["object"]["name"] in page
    assert page.count('<blockquote class="sentence">') == tie["articles"]
    assert len(re.findall(r'<a href="/evidence/\d+">in context</a>', page)) == tie["articles"]


def test_evidence_page_highlights_the_sentence_in_its_article(site: TestClient):
    tie = site.get("/api/ties").json()[0]
    item = site.get(f"/api/ties/{tie['id']}").json()["evidence"][0]
    page = site.get(f"/evidence/{item['id']}").text
    marked = re.search(r'<mark id="evidence">(.*?)</mark>', page, re.DOTALL)
    assert marked and html.unescape(marked.group(1)) == item["sentence"]
    for label in ("Article", "Source", "Published", "Attribution", "Hedging"):
        assert f"<dt>{label}</dt>" in page
    assert "every source for this tie" in page
    whole = site.get("/evidence/article:1").text
    assert "<mark" not in whole and "<h1>Article</h1>" in whole


def test_events_page_filters_and_draws_markers(site: TestClient):
    page = site.get("/events?country=Somalia").text
    rows = re.findall(r"<tr>\s*<td class=\"nowrap\">.*?</tr>", page, re.DOTALL)
    assert rows and all("Somalia" in row for row in rows)
    assert '<image href="/map/world.svg"' in page
    assert len(re.findall(r"<circle class=\"ev-", page)) >= 1
    everything = site.get("/events").text
    assert len(re.findall(r"<circle class=\"ev-", everything)) > len(
        re.findall(r"<circle class=\"ev-", page))
    world = site.get("/map/world.svg")
    assert world.headers["content-type"].startswith("image/svg+xml")
    assert "<script" not in world.text


def test_a_bad_filter_is_explained_with_a_way_back(site: TestClient):
    response = site.get("/events?since=last-week")
    assert response.status_code == 422
    assert "since: &#39;last-week&#39; is not a date as YYYY-MM-DD" in response.text
    assert '<a href="/events">Back to this page without the filters</a>' in response.text


def test_search_page_finds_groups_people_and_places(site: TestClient):
    page = _main(site.get("/search?q=TTP").text)
    assert 'href="/groups/tehrik-i-taliban-pakistan"' in page
    people = _main(site.get("/search?q=Abu-Musab").text)
    assert 'spokesperson of <a href="/groups/al-shabaab">' in people
    places = _main(site.get("/search?q=Mogadishu").text)
    assert 'href="/events?country=Somalia&amp;place=Mogadishu"' in places


# -- ingest page ---------------------------------------------------------------------------------

TEXT = ("Al-Shabaab militants stormed a hotel in Mogadishu on Saturday, killing at least 14 "
        "people, police said. The Somali militant group al-Shabaab claimed responsibility.")


def test_pasted_article_goes_through_the_pipeline(fresh: TestClient):
    response = fresh.post("/ingest", data={"text": TEXT, "title": "Hotel attack",
                                           "url": "https://example.org/a",
                                           "published": "2016-06-25"})
    assert response.status_code == 200
    assert "1 new article added." in response.text
    group = fresh.get("/api/groups/al-shabaab").json()
    assert group["articles_list"][0]["title"] == "Hotel attack"
    assert group["articles_list"][0]["published"] == "2016-06-25"


def test_uploads_are_read_like_the_cli_reads_files(fresh: TestClient):
    jsonl = (json.dumps({"id": "u1", "text": TEXT}) + '\n{"id": "u2"}\n').encode()
    files = [("files", ("batch.jsonl", jsonl, "application/jsonl")),
             ("files", ("notes.txt", b"Boko Haram fighters attacked Maiduguri.", "text/plain")),
             ("files", ("tool.exe", b"MZ\x90\x00", "application/octet-stream"))]
    response = fresh.post("/ingest", files=files, data={"published": "2016-06-25"})
    assert response.status_code == 200
    report = response.text
    assert "2 new articles added" in report and "2 could not be read" in report
    assert "batch.jsonl:2" in report and 'no &#34;text&#34;' in report
    assert "tool.exe" in report and "not a file type we read" in report
    assert "militantmap-upload-" not in report  # the server's temporary paths stay private


def test_an_empty_form_says_what_is_missing(fresh: TestClient):
    response = fresh.post("/ingest", data={"text": "  "})
    assert response.status_code == 422
    assert "paste a text or choose at least one file" in response.text
    bad = fresh.post("/ingest", data={"text": TEXT, "url": "javascript:alert(1)"})
    assert bad.status_code == 422 and "not an http(s) address" in bad.text
    assert fresh.get("/api/groups").json() == []


# -- without the npm assets ------------------------------------------------------------------------

def test_pages_say_how_to_install_missing_browser_libraries(tmp_path, monkeypatch):
    monkeypatch.setenv("MILITANTMAP_WEB_ASSETS", str(tmp_path / "nothing-here"))
    with TestClient(create_app(f"sqlite:///{tmp_path / 's.db'}"), base_url=LOCAL) as client:
        network = client.get("/network").text
        assert "make web-assets" in network and "/vendor/" not in network
        assert "make web-assets" in client.get("/events").text
        assert client.get("/vendor/sigma.min.js").status_code == 404
        assert client.get("/map/world.svg").status_code == 404


def test_evidence_page_of_an_event_says_who_reported_it(fresh: TestClient):
    article = {"title": "Gunmen kill five in Baidoa", "published": "2024-03-04",
               "text": "Police said al-Shabaab gunmen killed five people in Baidoa on Monday."}
    assert fresh.post("/api/articles", json=article).status_code == 201
    (event,) = fresh.get("/api/events").json()
    page = _main(fresh.get(f"/evidence/{event['evidence_id']}").text)
    assert '<span class="tag">event</span>' in page
    attribution = re.search(r'<dt>Attribution</dt><dd class="attribution">(.*?)</dd>', page, re.DOTALL)
    assert attribution, page
    assert "Police" in attribution.group(1) and "anonymous official" in attribution.group(1)
    assert re.search(r'<dt>Hedging</dt><dd class="hedging">reported</dd>', page)
    assert "not recorded" not in page


def test_evidence_page_gives_each_fact_of_the_sentence_its_own_speaker(fresh: TestClient):
    # The spokesman states the tie; his title is the outlet's description of him.
    article = {"title": "Statement", "published": "2024-03-04",
               "text": "Ali Dhere, a spokesman for al-Shabaab, said the group, which is allied with "
                       "al-Qaeda, would fight on."}
    assert fresh.post("/api/articles", json=article).status_code == 201
    (person,) = fresh.get("/api/groups/al-shabaab").json()["people"]
    page = _main(fresh.get(f"/evidence/{person['evidence_id']}").text)
    listed = page[page.index('<ul class="sentence-facts">'):]
    listed = listed[:listed.index("</ul>")]
    items = {re.search(r'<span class="tag">(\w+)</span>', li).group(1): re.sub(r"\s+", " ", li)
             for li in re.findall(r"<li>(.*?)</li>", listed, re.DOTALL)}
    assert "asserted, by the outlet itself" in items["role"]
    assert "reported, according to Ali Dhere, a spokesman for al-Shabaab" in items["relation"]


def test_a_group_page_lists_its_newest_articles_and_says_how_many_in_all(fresh: TestClient, monkeypatch):
    from militantmap.web import data

    for n, day in enumerate(("2016-06-25", "2016-07-02", "2016-07-09")):
        fresh.post("/ingest", data={"text": TEXT.replace("14", str(20 + n)), "title": f"Raid {n}",
                                    "published": day})
    monkeypatch.setattr(data, "GROUP_PAGE_ARTICLES", 2)
    page = _main(fresh.get("/groups/al-shabaab").text)
    assert "The 2 newest of 3" in page and "Raid 2" in page and "Raid 1" in page and "Raid 0" not in page
    assert len(fresh.get("/api/groups/al-shabaab").json()["articles_list"]) == 3
