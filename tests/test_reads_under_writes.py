"""Reads stay right while an ingest writes (issue 11, item 3).

Every query that builds one answer from several SELECTs reads one snapshot (store.db.
read_snapshot); only the store's own not-found becomes a 404 (a KeyError is a bug, a 500).
The load test serves a store (`militantmap serve`, a subprocess on loopback) while another
process ingests, and drives 20 client threads over the API and the pages for
MILITANTMAP_LOAD_SECONDS (default 25): zero 5xx, zero 404 for ids known before the load,
zero dropped connections; `militantmap groups` run meanwhile never fails. On SQLite always, on
PostgreSQL when MILITANTMAP_TEST_PG_URL is set.
"""
from __future__ import annotations

import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from pg_helpers import pg_database
from sqlalchemy import func, insert, select

from militantmap.errors import NotInStore, is_not_in_store
from militantmap.store.db import get_engine, read_snapshot
from militantmap.store.schema import meta

REPO = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("MILITANTMAP_TEST_PG_URL")
LOAD_SECONDS = float(os.environ.get("MILITANTMAP_LOAD_SECONDS", "25"))
CLIENTS = 20


# -- the snapshot itself ------------------------------------------------------------------------

@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return pg_database(request)


def test_a_read_sees_one_snapshot_whatever_is_committed_meanwhile(db_url):
    engine = get_engine(db_url)
    count = lambda conn: conn.execute(select(func.count()).select_from(meta)).scalar()
    with read_snapshot(engine) as conn:
        before = count(conn)
        with engine.begin() as writer:
            writer.execute(insert(meta).values(key="issue-11", value="x"))
        assert count(conn) == before  # the commit is not seen inside the read
    with read_snapshot(engine) as conn:
        assert count(conn) == before + 1


def test_only_the_stores_own_not_found_is_a_404(monkeypatch):
    from militantmap.web import data

    class Queries:
        @staticmethod
        def get_group(db_url, key, articles_limit=None):
            raise {"missing": LookupError("no armed group called 'x' in the store"),
                   "store": NotInStore("no armed group called 'x'"),
                   "bug": KeyError(17)}[key]

    monkeypatch.setattr(data, "store_queries", lambda: Queries)
    for key in ("missing", "store"):
        with pytest.raises(data.NotFound):
            data.group_detail("sqlite:///unused.db", key)
    with pytest.raises(KeyError):  # a bug or a race: a 500 in the log, never "not in the store"
        data.group_detail("sqlite:///unused.db", "bug")
    assert not is_not_in_store(KeyError(1)) and not is_not_in_store(IndexError(1))


# -- serve + ingest + load ----------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("MILITANTMAP_TOKEN", None)
    return env


def _stories(shared_dir: Path) -> list[dict]:
    path = shared_dir / "corpus" / "voa" / "voa_stories.jsonl"
    if not path.is_file():
        pytest.skip(f"needs {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _mixes(stories: list[dict], seed: int):
    """Endless new articles: paragraphs of two stories spliced, so each has a new text and new
    co-mentions (new ties and events for the store to merge) while the load runs."""
    rng = random.Random(seed)
    n = 0
    while True:
        a, b = rng.sample(stories, 2)
        pa, pb = a["text"].split("\n"), b["text"].split("\n")
        body = "\n".join(pa[: max(1, len(pa) // 2)] + pb[len(pb) // 2:])
        n += 1
        yield {"id": f"mix-{seed}-{n}", "title": f"{a['title']} / {b['title']}",
               "published": a["published"][:10], "text": body}


def _get(port: int, path: str) -> tuple[int | None, str]:
    """One request on its own connection: (status, "") or (None, what went wrong)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=180)
    try:
        conn.request("GET", path, headers={"Accept": "application/json, text/html"})
        resp = conn.getresponse()
        resp.read()
        return resp.status, ""
    except (OSError, http.client.HTTPException) as err:
        return None, f"{type(err).__name__}: {err}"
    finally:
        conn.close()


def churn(db_url: str, records_file: str, rounds: int = 10**9, stop_file: str | None = None,
          first: int = 0) -> int:
    """Write copies of extraction records as fast as the store takes them, each in its own
    transaction as the ingest writes one (store.writer): every other round with the groups and
    people renamed (new entities, aliases and ties), else as they are (new facts on the known
    ones). The real ingest runs beside it; this only makes the writes many. Returns the count."""
    import hashlib

    from militantmap.extract.geo import get_geocoder
    from militantmap.store.writer import insert_article

    records = json.loads(Path(records_file).read_text(encoding="utf-8"))
    engine = get_engine(db_url)
    get_geocoder()  # loaded by the first event written: seconds, before the load starts
    if stop_file:
        print("ready", flush=True)
    written = 0
    for n in range(first, rounds):
        for i, record in enumerate(records):
            if stop_file and Path(stop_file).exists():
                return written
            ex = json.loads(json.dumps(record))
            if n:
                ex["article"]["id"] = f"churn-{n}-{i}"
                ex["article"]["text"] += f"\n\n(copy {n})"
            if n % 2:
                for ent in ex["entities"]:
                    if ent["type"] in ("armed_group", "person"):
                        ent["name"] = f"{ent['name']} {n}"
                        ent["aliases"] = [f"{a} {n}" for a in ent.get("aliases", [])]
                        ent["kb_id"] = None
            text_ = ex["article"]["text"]
            digest = hashlib.sha256(text_.encode("utf-8")).hexdigest()
            with engine.begin() as conn:
                insert_article(conn, ex, text_, "text", f"churn {n}:{i}", digest, None, None, None)
            written += 1
    return written


def _known_paths(db_url: str) -> list[str]:
    """Paths of things in the store before the load: none of them may ever answer 404."""
    from militantmap.store import queries

    groups = queries.list_groups(db_url)
    ties = queries.all_ties(db_url)
    events = queries.events(db_url)
    assert groups and ties and events, "the seed store should have groups, ties and events"
    paths = ["/api/groups", "/api/events", "/api/ties", "/api/search?q=state", "/groups",
             "/events", "/network", "/api/graph", "/search?q=al", "/events?country=Nigeria"]
    for g in groups[:12]:
        key = quote(g["id"], safe="")
        paths += [f"/api/groups/{key}", f"/groups/{key}", f"/api/timeline/{key}",
                  f"/api/ties?group={key}", f"/api/events?group={key}"]
    for t in ties[:12]:
        paths += [f"/api/ties/{quote(t['id'], safe='')}", f"/ties/{quote(t['id'], safe='')}"]
    for e in events[:12]:
        paths += [f"/api/evidence/{e['evidence_id']}", f"/evidence/{e['evidence_id']}"]
    return paths


def _serve_ingest_and_load(db_url: str, shared_dir: Path, tmp_path: Path) -> dict:
    from militantmap.extract.pipeline import Extractor
    from militantmap.sources import article_from_json

    stories = _stories(shared_dir)
    seed = [article_from_json(s, f"voa:{s['id']}") for s in stories[:25]]
    records = [r for r in Extractor.default().extract_batch(seed) if "error" not in r]
    (tmp_path / "records.json").write_text(json.dumps(records, default=str), encoding="utf-8")
    seeded = churn(db_url, str(tmp_path / "records.json"), rounds=1)
    assert seeded >= 20
    paths = _known_paths(db_url)
    env = _env()
    port = _free_port()
    stop_file = tmp_path / "stop-churn"
    churner = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
         "from test_reads_under_writes import churn; "
         "print(churn(sys.argv[2], sys.argv[3], stop_file=sys.argv[4], first=1))",
         str(Path(__file__).parent), db_url, str(tmp_path / "records.json"), str(stop_file)],
        env=env, stdout=subprocess.PIPE, stderr=open(tmp_path / "churn.log", "w"), text=True)
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "militantmap", "serve", "--db", db_url,
                               "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    writer = None
    try:
        deadline = time.monotonic() + 120
        while _get(port, "/api/groups")[0] != 200:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)
        writer = subprocess.Popen([sys.executable, "-m", "militantmap", "ingest", "-", "--db", db_url],
                                  env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  stderr=open(tmp_path / "ingest.log", "w"), text=True)
        assert churner.stdout is not None
        assert churner.stdout.readline().strip() == "ready", (tmp_path / "churn.log").read_text()
        feed_stop = threading.Event()

        def feed() -> None:  # the rest of the corpus, then new articles for as long as the load runs
            items = iter(stories[25:])
            mixes = _mixes(stories, seed=11)
            assert writer is not None and writer.stdin is not None
            try:
                while not feed_stop.is_set():
                    item = next(items, None) or next(mixes)
                    writer.stdin.write(json.dumps(item) + "\n")
                    writer.stdin.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ValueError):
                pass
            finally:
                try:
                    writer.stdin.close()
                except (BrokenPipeError, ValueError):
                    pass

        results: Counter = Counter()
        problems: list[str] = []
        lock = threading.Lock()
        stop = threading.Event()

        def client(n: int) -> None:
            rng = random.Random(n)
            while not stop.is_set():
                path = rng.choice(paths)
                status, error = _get(port, path)
                with lock:
                    results["requests"] += 1
                    if status is None:
                        results["dropped"] += 1
                        problems.append(f"{path}: {error}")
                    elif status >= 500:
                        results["5xx"] += 1
                        problems.append(f"{path}: {status}")
                    elif status == 404:
                        results["false 404"] += 1
                        problems.append(f"{path}: 404")
                    elif status != 200:
                        results[f"status {status}"] += 1
                        problems.append(f"{path}: {status}")

        def groups_cli() -> None:  # `militantmap groups` while the ingest writes
            while not stop.is_set():
                done = subprocess.run([sys.executable, "-m", "militantmap", "groups", "--db", db_url,
                                       "--json"], env=env, capture_output=True, text=True, timeout=300)
                with lock:
                    results["groups runs"] += 1
                    if done.returncode != 0:
                        results["groups failures"] += 1
                        problems.append(f"militantmap groups: exit {done.returncode}: {done.stderr[-500:]}")

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        workers = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
        workers.append(threading.Thread(target=groups_cli, daemon=True))
        started = time.monotonic()
        for w in workers:
            w.start()
        time.sleep(LOAD_SECONDS)
        stop.set()
        for w in workers:
            w.join(timeout=300)
        results["seconds"] = round(time.monotonic() - started)
        feed_stop.set()
        stop_file.touch()
        out, _ = churner.communicate(timeout=120)
        results["churn exit"] = churner.returncode
        results["synthetic articles written"] = int(out.strip() or 0)
        assert churner.returncode == 0, (tmp_path / "churn.log").read_text()[-2000:]
        feeder.join(timeout=30)
        writer.wait(timeout=600)
        results["ingest exit"] = writer.returncode
        from militantmap.store.schema import articles
        with get_engine(db_url).connect() as conn:
            results["articles stored"] = conn.execute(select(func.count()).select_from(articles)).scalar()
        results["articles during load"] = results["articles stored"] - seeded
        results["ingested by the CLI"] = results["articles during load"] - results["synthetic articles written"]
        print(f"\nload on {get_engine(db_url).dialect.name}: {dict(results)}")
        return {"results": results, "problems": problems}
    finally:
        if churner.poll() is None:
            churner.kill()
            churner.wait()
        if writer is not None and writer.poll() is None:
            writer.kill()
            writer.wait()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.mark.shared
def test_serve_while_ingesting_under_load(db_url, shared_dir, tmp_path):
    out = _serve_ingest_and_load(db_url, shared_dir, tmp_path)
    results, problems = out["results"], out["problems"]
    assert results["requests"] >= 100, results
    assert results["ingested by the CLI"] > 0, "the ingest wrote nothing during the load"
    assert results["synthetic articles written"] >= 5, "too few writes to test anything"
    assert results["ingest exit"] == 0, (tmp_path / "ingest.log").read_text()[-2000:]
    assert results["churn exit"] == 0, (tmp_path / "churn.log").read_text()[-2000:]
    assert results["groups runs"] >= 1
    assert (results["5xx"], results["false 404"], results["dropped"], results["groups failures"]) \
        == (0, 0, 0, 0), (results, problems[:20], (tmp_path / "serve.log").read_text()[-3000:])
    assert not [k for k in results if k.startswith("status ")], (results, problems[:20])
