"""Issue 10, item 8: every article shows a title (its own, or one derived from the HTML <title>,
the first line or the web address, marked as such), an outlet and a date; every evidence row
shows its outlet; the article page lists every fact taken from the article."""
from __future__ import annotations

import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from militantmap.titles import (
    FROM_FIRST_LINE,
    FROM_HTML,
    FROM_TITLE,
    FROM_URL,
    NONE,
    article_title,
    outlet_of,
)
from militantmap.web import create_app

TITLE_CASES = [
    # (title, text, url, raw, raw_format) -> (title, source)
    (("Bombing in Kabul", "Body.", None, None, None), ("Bombing in Kabul", FROM_TITLE)),
    ((None, "Body.", None, "<html><head><title>Blast &amp; fire | News</title></head>", "html"),
     ("Blast & fire | News", FROM_HTML)),
    ((None, "Twin blasts hit Peshawar\n\nAuthorities said...", None, None, "text"),
     ("Twin blasts hit Peshawar", FROM_FIRST_LINE)),
    ((None, " ".join(["word"] * 40), None, None, "text"), (" ".join(["word"] * 12) + "…", FROM_FIRST_LINE)),
    ((None, "", "https://example.org/news/2024/05/al-shabaab-attacks-hotel.html", None, None),
     ("Al shabaab attacks hotel", FROM_URL)),
    ((None, None, None, None, None), ("(untitled article)", NONE)),
    (("   ", "", "https://example.org/", None, None), ("example.org", FROM_URL)),
]


@pytest.mark.parametrize("args,expected", TITLE_CASES)
def test_article_title_rules(args, expected):
    assert article_title(*args) == expected


def test_outlet_falls_back_to_the_site():
    assert outlet_of("Reuters", "https://www.voanews.com/a/x") == ("Reuters", False)
    assert outlet_of(None, "https://www.voanews.com/a/x") == ("voanews.com", True)
    assert outlet_of("", None) == (None, False)


@pytest.fixture(scope="module")
def client(dev_store):
    with TestClient(create_app(dev_store), base_url="http://127.0.0.1:8000") as c:
        yield c


def _db_file(dev_store: str) -> str:
    return dev_store.removeprefix("sqlite:///")


@pytest.mark.shared
def test_article_page_lists_every_fact_taken_from_it(dev_store, client):
    con = sqlite3.connect(_db_file(dev_store))
    counts = {}
    for table in ("relations", "roles", "event_reports"):
        for aid, n in con.execute(f"select article_id, count(*) from {table} group by article_id"):
            counts[aid] = counts.get(aid, 0) + n
    aid = max(counts, key=counts.get)
    html = client.get(f"/evidence/article:{aid}").text
    listed = re.search(r'<ul class="sentence-facts article-facts">(.*?)</ul>', html, re.S).group(1)
    assert listed.count("<li>") == counts[aid] >= 2
    assert f"Facts taken from this article ({counts[aid]})" in html
    # Each fact links to its sentence, and the sentence's page links back to the article.
    first = re.search(r'href="(/evidence/\d+)">sentence', listed).group(1)
    assert f'href="/evidence/article%3A{aid}"' in client.get(first).text


@pytest.mark.shared
def test_no_page_shows_an_untitled_article_and_evidence_rows_show_outlets(dev_store, client):
    con = sqlite3.connect(_db_file(dev_store))
    ids = [r[0] for r in con.execute("select id from articles order by id")]
    for aid in ids:
        html = client.get(f"/evidence/article:{aid}").text
        assert "(untitled article)" not in html, aid
        assert re.search(r"<dt>Outlet</dt><dd>(?!<span class=\"muted\">outlet unknown)", html) or \
            con.execute("select publisher, url from articles where id=?", (aid,)).fetchone() == (None, None)
    for tie in client.get("/api/ties").json()[:15]:
        html = client.get(f"/ties/{tie['id']}").text
        rows = re.findall(r'<blockquote class="sentence">.*?</blockquote>', html, re.S)
        assert rows
        for row in rows:
            assert "(untitled article)" not in row
            assert 'class="tag" title="outlet reliability' in row
            assert re.search(r'<div class="small muted">.*?(?:\w).*? · <a href="/evidence/article%3A\d+">', row, re.S)
    group = client.get("/groups/islamic-state").text
    assert "(untitled article)" not in group
