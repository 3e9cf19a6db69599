"""Issue 9: `ingest --workers N` extracts in N processes and writes in input order; a worker that
dies is reported and its articles retried, nothing lost or stored twice."""
from __future__ import annotations

from sqlalchemy import select

from militantmap.article import Article
from militantmap.store import ingest_articles
from militantmap.store.db import get_engine
from militantmap.store.parallel import FAULT_ENV
from militantmap.store.schema import articles, relations

GROUPS = ["Al-Shabaab", "Boko Haram", "the Taliban", "Hezbollah", "Hamas", "Ansar Dine"]


def _articles(n: int) -> list[Article]:
    out = []
    for i in range(n):
        g, h = GROUPS[i % len(GROUPS)], GROUPS[(i + 1) % len(GROUPS)]
        out.append(Article(id=f"a{i:02d}", text=(
            f"Report {i}: {g} fighters attacked a checkpoint in district {i}, killing {i + 2} soldiers, "
            f"officials said. {g} has worked closely with {h} since {2000 + i}, analysts say.")))
    return out


def _rows(db: str) -> tuple[list[str], int]:
    with get_engine(db).connect() as conn:
        keys = [r.article_key for r in conn.execute(select(articles.c.article_key).order_by(articles.c.id))]
        n_rel = len(conn.execute(select(relations.c.id)).all())
    return keys, n_rel


def test_two_workers_store_the_same_as_one_in_input_order(tmp_path):
    arts = _articles(36)
    one, two = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    assert ingest_articles(one, arts).new == 36
    summary = ingest_articles(two, _articles(36), workers=2)
    assert summary.new == 36 and not summary.skipped
    assert _rows(two) == _rows(one)
    assert _rows(two)[0] == [a.id for a in arts]


def test_a_dying_worker_is_reported_and_its_articles_retried(tmp_path, monkeypatch):
    arts = _articles(20)
    arts[5].text += " POISON-PILL"
    monkeypatch.setenv(FAULT_ENV, "POISON-PILL")
    db = f"sqlite:///{tmp_path / 's.db'}"
    summary = ingest_articles(db, arts, workers=2)
    assert any("worker process died" in r for _, r in summary.warnings)
    assert [s for s, _ in summary.skipped] == [arts[5].source]
    assert "killed its worker" in summary.skipped[0][1]
    keys, _ = _rows(db)
    assert keys == [a.id for i, a in enumerate(arts) if i != 5]  # nothing lost, nothing twice
    monkeypatch.delenv(FAULT_ENV)
    again = ingest_articles(db, arts, workers=2)  # the rerun resumes: only the skipped one is new
    assert (again.new, again.known) == (1, 19)
