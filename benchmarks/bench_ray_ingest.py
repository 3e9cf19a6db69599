"""Ingest throughput of the Ray engine next to the single-machine ingest, on one feed, in one run
(issue 9, item 6).

The feed (default: the shared VOA feed) is ingested into a fresh SQLite store three times:
`engine="local"` (one process), `engine="local", workers=2`, then `engine="ray"` on a local Ray
(started here, its start timed apart; --ray-address joins a cluster instead). Reported for each:
seconds, articles/s, and whether the store holds the same articles, groups, ties and events as
the one-process store. On one machine Ray runs its actors on the same cores as everything
else: the figure shows the engine's overhead, not a cluster's speed.

    .venv/bin/python benchmarks/bench_ray_ingest.py [--corpus FILE.jsonl] [--concurrency 2]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


def _contents(db: str) -> list:
    from sqlalchemy import select

    from militantmap.store.db import get_engine
    from militantmap.store.schema import articles, entities, event_reports, relations, roles

    with get_engine(db).connect() as conn:
        return [[tuple(r) for r in conn.execute(select(*[c for c in t.c if c.name not in ("ingested_at",)])
                                                .order_by(*t.primary_key.columns))]
                for t in (articles, entities, relations, roles, event_reports)]


def _timed(db: str, corpus: Path, **kw) -> dict:
    from militantmap.sources.walk import iter_articles
    from militantmap.store import ingest_articles

    t0 = time.perf_counter()
    summary = ingest_articles(db, iter_articles([corpus]), **kw)
    took = time.perf_counter() - t0
    n = summary.seen
    return {"articles": n, "new": summary.new, "seconds": round(took, 1),
            "docs_per_s": round(n / took, 2) if took else None}


def run(corpus: Path, concurrency: int, address: str | None) -> dict:
    from militantmap.extract.pipeline import Extractor
    from militantmap.store.ray_engine import RayExtraction

    Extractor.default()  # loaded once, before any clock starts
    out: dict = {"corpus": str(corpus)}
    with tempfile.TemporaryDirectory() as tmp:
        one, two, on_ray = (f"sqlite:///{tmp}/{n}.db" for n in ("one", "two", "ray"))
        out["local_1_process"] = _timed(one, corpus)
        out["local_2_workers"] = _timed(two, corpus, workers=2)
        t0 = time.perf_counter()
        with RayExtraction(address, concurrency, local_cpus=None if address else 2):
            out["ray_start_s"] = round(time.perf_counter() - t0, 1)
            out["ray"] = _timed(on_ray, corpus, engine="ray", ray_address=address,
                                ray_concurrency=concurrency)
        out["ray"]["same_store_as_local"] = _contents(on_ray) == _contents(one)
        out["local_2_workers"]["same_store_as_local"] = _contents(two) == _contents(one)
    out["ray_vs_local_1"] = round(out["ray"]["docs_per_s"] / out["local_1_process"]["docs_per_s"], 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1].parent / "shared/corpus/voa/voa_stories.jsonl"
    ap.add_argument("--corpus", type=Path, default=default)
    ap.add_argument("--concurrency", type=int, default=2, help="Ray actors (pipelines) at once")
    ap.add_argument("--ray-address", default=None, help="a running cluster (default: a local Ray)")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: not found (give --corpus FILE.jsonl)")
    print(json.dumps(run(args.corpus, args.concurrency, args.ray_address), indent=2))


if __name__ == "__main__":
    main()
