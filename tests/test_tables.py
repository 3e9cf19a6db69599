"""Issue 10: tables analysts expect. Sorting on the events table's columns, pagination whose
counts match what is listed, CSV and JSON downloads of the filtered table, limit/offset with a
total on the API."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from fastapi.testclient import TestClient

from militantmap.article import Article
from militantmap.errors import InputError
from militantmap.store import ingest_articles
from militantmap.web import create_app
from militantmap.web.tables import paginate, sort_rows

TOWNS = ["Baidoa", "Kismayo", "Afgoye", "Beledweyne", "Jowhar", "Marka", "Bosaso"]


def test_sort_puts_missing_values_last_both_ways():
    rows = [{"k": 3}, {"k": None}, {"k": 10}, {"k": 1}]
    cols = {"killed": "k"}
    assert [r["k"] for r in sort_rows(rows, "killed", "asc", cols)] == [1, 3, 10, None]
    assert [r["k"] for r in sort_rows(rows, "killed", "desc", cols)] == [10, 3, 1, None]
    with pytest.raises(InputError):
        sort_rows(rows, "colour", None, cols)


def test_pages_count_what_they_show():
    rows = [{"i": i} for i in range(250)]
    last = paginate(rows, "3")
    assert (last.total, last.pages, last.first, last.last, len(last.rows)) == (250, 3, 201, 250, 50)
    with pytest.raises(InputError):
        paginate(rows, "4")


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('tables') / 's.db'}"
    arts = [Article(id=f"a{i}", published=dt.date(2024, 1, 10 + i), text=(
        f"Al-Shabaab fighters attacked a police station in {town} on Monday, killing {i + 2} officers, "
        f"police said. Residents of {town} fled the area number {i}."))
        for i, town in enumerate(TOWNS)]
    assert ingest_articles(db, arts).new == len(TOWNS)
    return TestClient(create_app(db), base_url="http://127.0.0.1:8000")


def test_events_sort_download_and_api_agree(web):
    every = web.get("/api/events").json()
    assert len(every) == len(TOWNS)
    page = web.get("/events?sort=killed&order=desc").text
    positions = [page.find(f">{t}<") if f">{t}<" in page else page.find(t) for t in reversed(TOWNS)]
    assert positions == sorted(positions)  # the most killed (last town) first
    assert f"{len(TOWNS)} events" in page
    rows = list(csv.DictReader(io.StringIO(web.get("/events.csv?sort=killed&order=desc").text)))
    assert [r["location"] for r in rows] == list(reversed(TOWNS))
    assert len(web.get("/events.json?place=Baidoa").json()) == 1
    part = web.get("/api/events?limit=2&offset=1")
    assert part.headers["X-Total-Count"] == str(len(TOWNS)) and part.json() == every[1:3]
    groups = web.get("/api/groups?limit=1")
    assert len(groups.json()) == 1 and int(groups.headers["X-Total-Count"]) >= 1
