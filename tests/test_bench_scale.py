"""benchmarks/bench_scale.py (issue 9, item 7): the synthetic store it builds through the writer
is one the queries and the web app read, and the queries' SQL narrowing and whole-store cache
give the answers of the plain Python filters. No timings are asserted (benchmarks measure)."""
from __future__ import annotations

import datetime as dt
import hashlib
import runpy
from pathlib import Path

import pytest

from militantmap.store import cache, queries
from militantmap.store.db import get_engine
from militantmap.store.writer import insert_article

BENCH = runpy.run_path(str(Path(__file__).resolve().parents[1] / "benchmarks" / "bench_scale.py"),
                       run_name="bench_scale")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("scale") / "scale.db"
    built = BENCH["build"](path, 300, progress=False)
    assert built["articles"] == 300
    return f"sqlite:///{path}"


def test_the_generated_store_has_the_shape_of_a_feed(store):
    counts = queries.overview(store)
    assert counts["articles"] == 300
    assert counts["relations"] > 10 and counts["roles"] > 10 and counts["incidents"] > 50
    # several reports of one incident merge into it
    assert counts["event_reports"] > counts["incidents"]
    groups = queries.list_groups(store)
    # Zipf-like: the best-covered group is in many more articles than the median one
    assert groups[0]["articles"] >= 5 * groups[len(groups) // 2]["articles"]


def test_every_query_and_page_of_the_benchmark_answers(store):
    # one round each: a page that fails (not HTTP 200) or a query that raises fails the test
    assert set(BENCH["measure_queries"](store, 1)) >= {"get_group (group page)", "events_page (group, 50)"}
    assert "/groups/{id}" in BENCH["measure_pages"](store, 1)


def test_event_filters_narrowed_in_sql_give_the_python_answer(store):
    every = queries.events(store)
    from collections import Counter

    country = Counter(e["country"] for e in every if e["country"]).most_common(1)[0][0]
    since, until = dt.date(2016, 3, 15), dt.date(2024, 6, 30)
    expected = [e for e in every if (e["country"] or "").casefold() == country.casefold()
                and e["date"] is not None and queries._in_range(e["date"], e["date"], since, until)]
    got = queries.events(store, country=country.upper(), since=since, until=until)
    assert got == expected and got
    attacks = queries.events(store, type="attack")
    assert attacks == [e for e in every if e["type"] == "attack"]
    place = next(e["location"] for e in every if e["location"])
    assert queries.events(store, place=place.lower()) == [
        e for e in every if (e["location"] or "").lower() == place.lower()]


def test_a_group_page_shows_its_50_newest_events_in_order(store):
    top = queries.list_groups(store)[0]["id"]
    full = queries.events(store, group=top)
    assert queries.get_group(store, top)["events"] == full[:50]


def test_a_tie_found_by_its_id_is_the_one_in_the_whole_list(store):
    for t in queries.all_ties(store)[:20]:
        one = queries.tie(store, t["id"])
        assert {k: v for k, v in one.items() if k != "evidence"} == t
    with pytest.raises(LookupError):
        queries.tie(store, "no-such~rivals~group")


def test_the_kept_whole_store_answers_change_when_the_store_does(tmp_path):
    path = tmp_path / "small.db"
    BENCH["build"](path, 40, progress=False)
    url = f"sqlite:///{path}"
    before_ties, before_groups = queries.all_ties(url), queries.list_groups(url)
    assert queries.all_ties(url) == before_ties  # kept: the same answer
    ex = {"schema": "militantmap.extraction/1", "extractor": {"name": "t", "version": "t", "pipeline": "t"},
          "article": {"id": "new-one", "published": "2024-01-02", "text": "A rivals B. X", "removed": []},
          "entities": [{"id": "e1", "name": "Zeta Front", "type": "armed_group", "kb_id": None,
                        "aliases": ["Zeta Front"], "mentions": [[0, 1]]},
                       {"id": "e2", "name": "Omega Brigade", "type": "armed_group", "kb_id": None,
                        "aliases": ["Omega Brigade"], "mentions": [[9, 10]]}],
          "relations": [{"subject": "e1", "type": "rivals", "object": "e2", "polarity": "positive",
                         "modality": "asserted", "attribution": None, "confidence": 0.8,
                         "evidence": {"start": 0, "end": 12, "sentence": "A rivals B. X"[:12]}}],
          "roles": [], "events": []}
    with get_engine(url).begin() as conn:  # another connection commits: the cache must see it
        insert_article(conn, ex, "A rivals B. X", "text", "test", hashlib.sha256(b"new-one").hexdigest(),
                       None, None, None)
    after = queries.all_ties(url)
    assert len(after) == len(before_ties) + 1
    assert {"zeta front", "omega brigade"} <= {g["name"].casefold() for g in queries.list_groups(url)}
    assert len(queries.list_groups(url)) == len(before_groups) + 2
    # callers may change what they get without changing what is kept
    after[0]["subject"]["name"] = "changed"
    assert queries.all_ties(url)[0]["subject"]["name"] != "changed"
    cache.forget()
    assert queries.all_ties(url) == queries.all_ties(url)


def test_the_kept_order_of_events_changes_when_the_store_does(tmp_path):
    path = tmp_path / "small.db"
    BENCH["build"](path, 40, progress=False)
    url = f"sqlite:///{path}"
    first, total, _ = queries.events_page(url, limit=5)
    assert queries.events_page(url, limit=5)[0] == first  # kept: the same page
    text = "Gunmen attacked a market in Kano on Monday."
    ex = {"schema": "militantmap.extraction/1", "extractor": {"name": "t", "version": "t", "pipeline": "t"},
          "article": {"id": "newest", "published": "2099-01-05", "text": text, "removed": []},
          "entities": [], "relations": [], "roles": [],
          "events": [{"type": "attack", "date": "2099-01-04", "date_text": "Monday", "location": None,
                      "perpetrators": [], "claimed_by": [], "concerns": [], "target": None,
                      "killed": None, "wounded": None, "modality": "asserted", "attribution": None,
                      "evidence": {"start": 0, "end": len(text), "sentence": text}}]}
    with get_engine(url).begin() as conn:  # another connection commits: the kept order is stale
        insert_article(conn, ex, text, "text", "test", hashlib.sha256(b"newest").hexdigest(),
                       None, None, None)
    rows, after, _ = queries.events_page(url, limit=5)
    assert after == total + 1 and rows[0]["date"] == "2099-01-04"
    assert rows == queries.events(url)[:5]


def test_a_store_that_lacks_an_index_gets_it_when_opened(tmp_path):
    import sqlite3

    from militantmap.store import db

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = get_engine(url)
    with sqlite3.connect(tmp_path / "old.db") as raw:  # as a store written before the index
        raw.execute("DROP INDEX ix_relations_evidence")
        raw.execute("DROP INDEX ix_incidents_country_date")   # an index on lower(country)
    for _ in range(2):  # what opening the store in a new process does; again: nothing to do
        db._create_schema(engine, url)
    with sqlite3.connect(tmp_path / "old.db") as raw:
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        plan = " ".join(str(r) for r in raw.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM incidents WHERE lower(country) = 'mali'"))
    assert {"ix_relations_evidence", "ix_incidents_type_date", "ix_entities_kb", "ix_incidents_country_date"} <= names
    assert "ix_incidents_country_date" in plan   # the events of a country are found by it


@pytest.mark.parametrize("kw", [{}, {"type": "attack"}, {"since": dt.date(2018, 1, 1)},
                                {"since": dt.date(2016, 5, 3), "until": dt.date(2022, 2, 1), "include_undated": True},
                                {"until": dt.date(2020, 12, 31), "type": "arrest"}])
def test_a_page_of_events_is_that_slice_of_the_whole_list(store, kw):
    dated = "since" in kw or "until" in kw
    every = queries.events(store, **{**kw, "include_undated": True})
    rows, left_out = queries.split_undated(every, dated, kw.get("include_undated", False))
    for limit, offset in ((10, 0), (25, 7), (None, 3)):
        assert queries.events_page(store, **kw, limit=limit, offset=offset) == (
            rows[offset:offset + limit if limit is not None else None], len(rows), left_out)
    top = queries.list_groups(store)[0]["id"]
    grouped = queries.events(store, group=top, include_undated=True)
    assert queries.events_page(store, group=top, limit=5)[0] == grouped[:5]


def test_a_group_id_from_any_of_its_names(store):
    top = queries.get_group(store, queries.list_groups(store)[0]["id"])
    for name in [top["id"], top["name"], top["name"].upper(), *top["aliases"][:2]]:
        assert queries.group_id(store, name) == top["id"]
    with pytest.raises(LookupError):
        queries.group_id(store, "No Such Front")


def test_paged_and_newest_events_on_postgresql(request):
    # PostgreSQL orders text by its locale: the page order is sorted in Python there
    from pg_helpers import pg_database

    url = pg_database(request)
    BENCH["build"](url, 150, progress=False)
    every = queries.events(url, include_undated=True)
    assert queries.events_page(url, limit=20, offset=5) == (every[5:25], len(every), 0)
    since = dt.date(2018, 1, 1)
    rows, left_out = queries.split_undated(queries.events(url, since=since, include_undated=True), True, False)
    assert queries.events_page(url, since=since, limit=10) == (rows[:10], len(rows), left_out)
    top = queries.list_groups(url)[0]["id"]
    assert queries.get_group(url, top)["events"] == queries.events(url, group=top)[:50]
