"""Throughput of `ingest` (clean, dedup, extract, write) and of the main queries, on the VOA
corpus, into a fresh SQLite store in a temporary folder.

Run with `make bench` or `militantmap bench --shared ../shared`. The VOA stories are ingested
`repeat` times with different ids and a changed first word per copy, so every copy is a new
article; copies 2.. are near-duplicates of copy 1 (the dedup path is measured too).
"""
from __future__ import annotations

import dataclasses
import resource
import runpy
import tempfile
import time
from pathlib import Path


def run(shared: Path, repeat: int = 1) -> dict:
    from militantmap.extract.pipeline import Extractor
    from militantmap.store import ingest_articles, queries

    load_articles = runpy.run_path(str(Path(__file__).with_name("bench_pipeline.py")))["load_articles"]
    voa = load_articles([shared / "corpus" / "voa" / "voa_stories.jsonl"])
    articles = []
    for copy in range(repeat):
        for a in voa:
            articles.append(dataclasses.replace(a, id=f"{a.id}#{copy}"))
    for a in articles:
        copy = int(a.id.rsplit("#", 1)[1])
        if copy:
            a.text = f"Copy {copy}: " + a.text
    Extractor.default()  # the model loads outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        t0 = time.perf_counter()
        summary = ingest_articles(url, articles)
        ingest_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = ingest_articles(url, articles)
        rerun_s = time.perf_counter() - t0
        timings = {}
        for name, call in [("groups", lambda: queries.list_groups(url)),
                           ("group_islamic_state", lambda: queries.get_group(url, "Islamic State")),
                           ("all_ties", lambda: queries.all_ties(url)),
                           ("events", lambda: queries.events(url))]:
            runs = []
            for _ in range(3):  # the first call pays one-time costs (connection, caches)
                t0 = time.perf_counter()
                call()
                runs.append(time.perf_counter() - t0)
            timings[name + "_ms"] = round(runs[0] * 1000, 1)
            timings[name + "_warm_ms"] = round(min(runs[1:]) * 1000, 1)
        size_mb = Path(tmp, "bench.db").stat().st_size / 2**20
    return {
        "articles": len(articles), "new": summary.new, "near_duplicates": summary.near_duplicates,
        "ingest_s": round(ingest_s, 2), "ingest_articles_per_s": round(len(articles) / ingest_s, 1),
        "rerun_all_known_s": round(rerun_s, 2), "rerun_known": again.known,
        "store_mb": round(size_mb, 1), **timings,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
