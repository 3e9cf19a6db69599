"""The summary tables of schema 4 (store.summaries; issue 9, queries at scale) are never stale and
never change an answer: every summary equals its recomputation from the fact rows after an
ingest, a merge, an undo, a re-extraction (`reprocess`) and on opening an older store; and the
group page read from them says what the fact rows say (counts, people, newest events), also
for a merged group and with a rejected role, where the queries read the fact rows instead.

The store is the benchmark's synthetic one (benchmarks/bench_scale.py: extraction records written
through the store's own writer), small; one test runs the round on PostgreSQL too."""
from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from pg_helpers import pg_database
from sqlalchemy import delete, func, select, text, update
from store_templates import copy_of, settle

from militantmap.store import queries, summaries
from militantmap.store.curate import merge, reject_fact, undo
from militantmap.store.db import get_engine
from militantmap.store.schema import (
    article_entities,
    articles,
    entities,
    entity_incidents,
    group_people,
    meta,
    roles,
)
from militantmap.store.writer import clear_facts, write_facts

BENCH = runpy.run_path(str(Path(__file__).resolve().parents[1] / "benchmarks" / "bench_scale.py"),
                       run_name="bench_scale")
N = 400


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("summaries") / "template.db"
    BENCH["build"](path, N, progress=False)
    return settle(path)


@pytest.fixture()
def db(built, tmp_path) -> str:
    return copy_of(built, tmp_path)


def assert_summaries_right(url: str) -> None:
    with get_engine(url).connect() as conn:
        got, want = summaries.stored(conn), summaries.expected(conn)
    for name in want:
        assert got[name] == want[name], (name, sorted(got[name] ^ want[name])[:5])
    assert want["group_people"] and want["entity_incidents"]  # not trivially equal


def _ranked_groups(url: str) -> list[str]:
    with get_engine(url).connect() as conn:
        return [r.key for r in conn.execute(
            select(entities.c.key).join(article_entities, article_entities.c.entity_id == entities.c.id)
            .where(entities.c.type == "armed_group", entities.c.merged_into.is_(None))
            .group_by(entities.c.key).order_by(func.count().desc(), entities.c.key))]


def assert_group_page_agrees(url: str, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The group page (summaries) against the fact rows: the count, dates and newest articles
    against the page without a limit (every article read), the people against `_people_of` with
    the summary switched off, the newest events against the group's whole event list."""
    page = queries.get_group(url, name, articles_limit=5)
    full = queries.get_group(url, name)
    assert (page["articles"], page["first_seen"], page["last_seen"]) == \
        (full["articles"], full["first_seen"], full["last_seen"]) == (len(full["articles_list"]),) + \
        (full["first_seen"], full["last_seen"])
    assert page["articles_list"] == full["articles_list"][:5]
    assert page["events"] == queries.events(url, group=name)[:50]
    with monkeypatch.context() as m:
        m.setattr(queries, "_people_summed", lambda *a: None)
        assert queries.get_group(url, name, articles_limit=5)["people"] == page["people"]


def _reextract(url: str, article_ids: list[int]) -> None:
    """What `militantmap ingest --reprocess` does to an article (ingest._Run._reextract): its facts
    cleared and written again, here from a changed extraction (half its roles and events kept,
    one role added), in one transaction."""
    from militantmap.store.schema import event_actors, event_reports, evidence

    with get_engine(url).begin() as conn:
        for aid in article_ids:
            ents = {r.entity_id: r for r in conn.execute(
                select(article_entities.c.entity_id, article_entities.c.local_id, entities.c.key,
                       entities.c.name, entities.c.type, entities.c.kb_id)
                .join(entities, entities.c.id == article_entities.c.entity_id)
                .where(article_entities.c.article_id == aid))}
            local = {eid: f"e{i}" for i, eid in enumerate(ents)}
            text_ = conn.execute(select(articles.c.text).where(articles.c.id == aid)).scalar()
            ev = {"start": 0, "end": min(40, len(text_)), "sentence": text_[:40]}
            ex_roles = [{"person": local[r.person_id], "group": local[r.group_id], "role": r.role,
                         "evidence": ev, "modality": "reported"}
                        for r in conn.execute(select(roles).where(roles.c.article_id == aid))][::2]
            people = [e for e, r in ents.items() if r.type == "person"]
            groups = [e for e, r in ents.items() if r.type == "armed_group"]
            if people and groups:
                ex_roles.append({"person": local[people[0]], "group": local[groups[-1]], "role": "commander",
                                 "evidence": ev, "modality": "asserted"})
            ex_events = []
            for rep in list(conn.execute(select(event_reports).where(event_reports.c.article_id == aid)))[::2]:
                acts = conn.execute(select(event_actors).where(event_actors.c.report_id == rep.id)).all()
                ex_events.append({"type": rep.type, "date": rep.date,
                                  "location": {"name": rep.location_name, "country": rep.country,
                                               "lat": rep.lat, "lon": rep.lon},
                                  "perpetrators": [local[a.entity_id] for a in acts if a.role == "perpetrator"],
                                  "evidence": ev})
            assert conn.execute(select(func.count()).select_from(evidence)
                                .where(evidence.c.article_id == aid)).scalar()
            ex = {"entities": [{"id": local[e], "name": r.name, "type": r.type, "kb_id": r.kb_id,
                                "aliases": [r.name], "mentions": []} for e, r in ents.items()],
                  "relations": [], "roles": ex_roles, "events": ex_events}
            clear_facts(conn, aid)
            write_facts(conn, aid, ex)


def _round(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_summaries_right(url)
    ranked = _ranked_groups(url)
    big, other = ranked[0], ranked[1]
    for name in (big, ranked[len(ranked) // 2], ranked[-1]):
        assert_group_page_agrees(url, name, monkeypatch)
    before = queries.get_group(url, big, articles_limit=5)

    # a merge: the summaries, of stored rows, stay as they are; the page of the merged group
    # is read from the fact rows and says what they say
    done = merge(url, other, big, who="test")["decision"]
    assert_summaries_right(url)
    merged = queries.get_group(url, big, articles_limit=5)
    assert merged["articles"] > before["articles"]
    assert_group_page_agrees(url, big, monkeypatch)

    # undone: the page is the one before the merge
    undo(url, done["id"], who="test")
    assert_summaries_right(url)
    assert queries.get_group(url, big, articles_limit=5) == before

    # a rejected role: the people are counted from the rows the analyst kept
    with get_engine(url).connect() as conn:
        role = conn.execute(select(group_people.c.first_id).where(group_people.c.group_id == select(
            entities.c.id).where(entities.c.key == big).scalar_subquery()).order_by(group_people.c.first_id)).first()
    assert role is not None
    rejected = reject_fact(url, "role", role[0], who="test")
    assert_group_page_agrees(url, big, monkeypatch)
    undo(url, rejected["id"], who="test")

    # a re-extraction of the big group's articles (facts cleared and written again, changed):
    # those with facts (an article may name the group and state nothing about it)
    from militantmap.store.schema import evidence

    with get_engine(url).connect() as conn:
        some = [r[0] for r in conn.execute(
            select(article_entities.c.article_id).join(entities, entities.c.id == article_entities.c.entity_id)
            .where(entities.c.key == big,
                   select(evidence.c.id).where(evidence.c.article_id == article_entities.c.article_id).exists())
            .order_by(article_entities.c.article_id).limit(12))]
    assert some
    _reextract(url, some)
    assert_summaries_right(url)
    for name in (big, other):
        assert_group_page_agrees(url, name, monkeypatch)


def test_summaries_stay_right_through_merge_undo_and_reextraction(db, monkeypatch):
    _round(db, monkeypatch)


def test_summaries_stay_right_on_postgresql(request, monkeypatch):
    url = pg_database(request)
    BENCH["build"](url, 150, progress=False)  # a smaller synthetic store, through the writer
    _round(url, monkeypatch)


def test_reprocess_keeps_the_summaries_right(db):
    """The real `--reprocess` path (ingest.reprocess_stored: the extractor reads the articles
    again): a few articles re-read, their summaries recomputed in the same transaction."""
    from militantmap.extract.pipeline import Extractor
    from militantmap.store.ingest import reprocess_stored

    version = Extractor.default().info["version"]
    with get_engine(db).begin() as conn:
        conn.execute(update(articles).values(extractor_version=version))
        conn.execute(update(articles).where(articles.c.status == "not_relevant").values(status="non_english"))
        chosen = [r[0] for r in conn.execute(select(articles.c.id).join(
            article_entities, article_entities.c.article_id == articles.c.id)
            .where(articles.c.status == "ok").group_by(articles.c.id).order_by(func.count().desc()).limit(6))]
        conn.execute(update(articles).where(articles.c.id.in_(chosen)).values(extractor_version="old"))
        before = summaries.stored(conn)
    assert reprocess_stored(db).reprocessed == 6
    assert_summaries_right(db)
    with get_engine(db).connect() as conn:
        assert summaries.stored(conn) != before  # the re-read changed what they summarise


def test_opening_an_older_store_fills_the_summaries(db):
    with get_engine(db).begin() as conn:  # a schema 3 store: no summaries, no dates beside mentions
        conn.execute(delete(group_people))
        conn.execute(delete(entity_incidents))
        conn.execute(update(article_entities).values(published=None))
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="3"))
        conn.execute(text("DROP INDEX ix_article_entities_entity_published"))
    get_engine.cache_clear()
    get_engine(db)  # opening it upgrades it
    assert_summaries_right(db)
    with get_engine(db).connect() as conn:
        assert conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar() == "4"
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "ix_article_entities_entity_published" in names
