"""Issue 9, item 6: `militantmap ingest --engine ray` extracts with Ray Data (map_batches, one
pipeline per actor) and stores exactly what the single-machine ingest stores; a rerun after a
partial run resumes, nothing stored twice. Ray runs in local mode here (a local Ray of 2 CPUs,
started once for the module). Without Ray, asking for the engine says how to install it and
exits 2, changing nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from militantmap.cli import main
from militantmap.sources.walk import iter_articles
from militantmap.store import ingest_articles
from militantmap.store.db import get_engine
from militantmap.store.ray_engine import init_ray
from militantmap.store.schema import (
    article_entities,
    articles,
    entities,
    event_reports,
    incidents,
    relations,
    roles,
)

REPO = Path(__file__).resolve().parents[1]

try:
    import pyarrow as pa
    import ray
    import ray.data
    HAVE_RAY = True
except ImportError:
    HAVE_RAY = False

NO_RAY = "Ray is not installed: `pip install 'militantmap[ray]'` (make test installs it from requirements/dev.txt)"

# Invented reports (not from any corpus): groups, ties, roles, events, an article the
# prefilter passes over, and an exact repeat that must be stored once.
_GROUPS = ["Boko Haram", "Al-Shabaab", "the Taliban", "Hezbollah", "Ansar Dine", "the Pakistani Taliban"]
_PLACES = ["Maiduguri", "Mogadishu", "Kunduz", "Beirut", "Timbuktu", "Peshawar"]


def _lines() -> list[dict]:
    out = []
    for i in range(18):
        g, h, p = _GROUPS[i % 6], _GROUPS[(i + 1) % 6], _PLACES[i % 6]
        out.append({"id": f"r{i:02d}", "published": f"2024-03-{i + 1:02d}", "text": (
            f"Report {i}: {g} fighters attacked an army post near {p} on Monday, killing {i + 3} "
            f"soldiers, officials said. {g} has fought alongside {h} since {2001 + i}, analysts say. "
            f"Abu Example{i}, a spokesman for {g}, said the group carried out the raid.")})
    out.insert(5, {"id": "quiet", "text": "Farmers near the river welcomed an early harvest this "
                                          "week as the dry season ended and markets reopened."})
    out.append(dict(out[2], id="r02-again"))
    return out


def _write(path: Path, lines: list[dict]) -> Path:
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def _contents(db: str) -> dict[str, list[tuple]]:
    """What the store holds, row by row in id order: equal contents mean the same groups,
    ties, roles and events under the same ids. Left out: timestamps, and the file an article
    was read from (the resumed run read its first articles from another file)."""
    tables = {"articles": articles, "entities": entities, "article_entities": article_entities,
              "relations": relations, "roles": roles, "incidents": incidents,
              "event_reports": event_reports}
    out = {}
    with get_engine(db).connect() as conn:
        for name, table in tables.items():
            cols = [c for c in table.c if c.name not in ("ingested_at", "at", "source")]
            out[name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*table.primary_key.columns))]
    return out


@pytest.fixture(scope="module")
def local_ray():
    if not HAVE_RAY:
        pytest.skip(NO_RAY)
    init_ray(ray, num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _ray_ingest(path: Path, db: str) -> dict:
    result = CliRunner().invoke(main, ["ingest", "--engine", "ray", "--ray-concurrency", "2",
                                       str(path), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.ray
@pytest.mark.skipif(not HAVE_RAY, reason=NO_RAY)
@pytest.mark.usefixtures("local_ray")
def test_the_ray_engine_stores_what_the_normal_ingest_stores_and_resumes(tmp_path):
    feed = _write(tmp_path / "feed.jsonl", _lines())
    normal, on_ray = f"sqlite:///{tmp_path / 'normal.db'}", f"sqlite:///{tmp_path / 'ray.db'}"
    assert ingest_articles(normal, iter_articles([feed])).new == 19

    # A run "killed" after its first articles: the first eight are in the store.
    first = _write(tmp_path / "first.jsonl", _lines()[:8])
    assert _ray_ingest(first, on_ray)["new"] == 8

    # The rerun over the whole feed resumes; it reads the feed as Parquet, the other input
    # a backfill comes in.
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.Table.from_pylist(_lines()), tmp_path / "feed.parquet")
    summary = _ray_ingest(tmp_path / "feed.parquet", on_ray)
    assert (summary["new"], summary["known"], summary["skipped"]) == (11, 9, 0), summary
    want = _contents(normal)
    got = _contents(on_ray)
    assert got == want
    keys = [r[1] for r in got["articles"]]
    assert keys == [x["id"] for x in _lines() if x["id"] != "r02-again"]  # input order kept
    assert len(got["relations"]) >= 18 and len(got["event_reports"]) >= 18 and got["roles"]
    status = {r.article_key: r.status for r in _rows(on_ray)}
    assert status["quiet"] == "not_relevant"  # the prefilter ran on the Ray workers too

    again = _ray_ingest(feed, on_ray)  # and once more, from the JSONL: nothing new, nothing twice
    assert (again["new"], again["known"]) == (0, 20)
    assert _contents(on_ray) == want


@pytest.mark.ray
@pytest.mark.postgres
@pytest.mark.skipif(not HAVE_RAY, reason=NO_RAY)
@pytest.mark.usefixtures("local_ray")
def test_the_ray_engine_writes_a_postgresql_store(tmp_path, request):
    """The shared team store of a cluster run: the groups, ties and events read back from
    PostgreSQL are those of the single-machine ingest into SQLite."""
    from pg_helpers import pg_database

    from militantmap.store import queries

    pg = pg_database(request)
    feed = _write(tmp_path / "feed.jsonl", _lines()[:10])
    lite = f"sqlite:///{tmp_path / 'normal.db'}"
    assert ingest_articles(lite, iter_articles([feed])).new == 10
    assert _ray_ingest(feed, pg)["new"] == 10

    def graph(db: str) -> tuple:
        return (queries.list_groups(db), queries.all_ties(db), queries.events(db, include_undated=True))

    assert graph(pg) == graph(lite)


def _rows(db: str) -> list:
    with get_engine(db).connect() as conn:
        return list(conn.execute(select(articles.c.article_key, articles.c.status)))


def test_without_ray_the_engine_says_how_to_install_it_and_exits_2(tmp_path):
    """Ray made unimportable in a real process (sys.modules entry None: `import ray` raises
    ImportError), whatever this environment has installed."""
    feed = _write(tmp_path / "feed.jsonl", _lines()[:2])
    db = tmp_path / "store.db"
    code = ("import sys; sys.modules['ray'] = None; sys.modules['ray.data'] = None\n"
            "from militantmap.cli import main\n"
            f"sys.argv = ['militantmap', 'ingest', '--engine', 'ray', {str(feed)!r}, '--db', "
            f"{'sqlite:///' + str(db)!r}]\n"
            "main()\n")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 2, done.stderr
    assert "Ray" in done.stderr and "pip install 'militantmap[ray]'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not db.exists()  # nothing was opened or written


def test_parquet_rows_are_read_like_jsonl_lines(tmp_path):
    """Each row an article; a date column becomes the publication date; a bad row is reported
    by its row number and the rest are read."""
    pa_ = pytest.importorskip("pyarrow", reason="reading Parquet needs pyarrow (the ray extra)")
    import datetime as dt

    import pyarrow.parquet as pq

    table = pa_.table({"id": ["p1", "p2", "p3"],
                       "text": ["Boko Haram attacked Damboa on Monday.", "", "Al-Shabaab attacked Baidoa."],
                       "published": [dt.date(2024, 3, 4), None, dt.date(2024, 3, 6)]})
    pq.write_table(table, tmp_path / "feed.parquet")
    items = list(iter_articles([tmp_path / "feed.parquet"]))
    assert [getattr(i, "id", None) for i in items] == ["p1", None, "p3"]
    assert items[0].published == dt.date(2024, 3, 4) and items[0].source.endswith("feed.parquet:row 1")
    assert "row 2" in items[1].source and 'no "text"' in items[1].reason
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    (bad,) = list(iter_articles([tmp_path / "broken.parquet"]))
    assert "not a readable Parquet file" in bad.reason
