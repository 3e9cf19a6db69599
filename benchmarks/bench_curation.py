"""What the analyst's decisions cost the queries: the main queries timed on a copy of a store
with no decision, then again with N fact rejections (spread over the store's ties), N/4 retypes
and N/10 renames (store.decisions applies them at read time).

    .venv/bin/python benchmarks/bench_curation.py STORE.db [--decisions 400] [--repeat 5]

The store is copied first: the original is never written (opening the copy upgrades it to the
current schema). Prints the median milliseconds of each query in both states.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="an SQLite store to copy")
    parser.add_argument("--decisions", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not args.store.is_file():
        sys.exit(f"bench_curation: no store at {args.store}")
    from sqlalchemy import select

    from militantmap.store import curate, queries
    from militantmap.store.db import get_engine
    from militantmap.store.schema import relations

    with tempfile.TemporaryDirectory(prefix="militantmap-bench-curation-") as tmp:
        copy = Path(tmp) / "store.db"
        shutil.copy(args.store, copy)
        url = f"sqlite:///{copy}"
        groups = queries.list_groups(url)
        top = groups[0]["id"]
        runs = {
            "list_groups": lambda: queries.list_groups(url),
            "all_ties": lambda: queries.all_ties(url),
            "get_group (best covered)": lambda: queries.get_group(url, top),
            "events": lambda: queries.events(url),
        }
        for fn in runs.values():  # warm: the first call loads the gazetteer and fills caches
            fn()
        before = {name: _median_ms(fn, args.repeat) for name, fn in runs.items()}
        with get_engine(url).connect() as conn:
            rel_ids = [r.id for r in conn.execute(select(relations.c.id))]
        rng = random.Random(10)
        chosen = rng.sample(rel_ids, min(len(rel_ids), args.decisions + args.decisions // 4))
        start = time.perf_counter()
        for rid in chosen[: args.decisions]:
            curate.reject_fact(url, "relation", rid, who="bench")
        for rid in chosen[args.decisions:]:
            try:
                curate.retype_fact(url, rid, type="rivals", who="bench")
            except curate.Refused:
                pass  # already rivals
        for g in groups[: args.decisions // 10]:
            curate.rename(url, g["id"], g["name"] + " (renamed)", who="bench")
        made = len(curate.history(url))
        decide_ms = (time.perf_counter() - start) * 1000 / max(made, 1)
        with get_engine(url).connect() as conn:  # compare like with like: the WAL folded back in
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        after = {name: _median_ms(fn, args.repeat) for name, fn in runs.items()}
    print(f"store: {args.store} ({len(groups)} groups, {len(rel_ids)} relations); "
          f"{made} decisions, {decide_ms:.1f} ms each to make")
    print(f"{'query':28} {'no decision':>12} {'with them':>12}")
    for name in runs:
        print(f"{name:28} {before[name]:10.1f}ms {after[name]:10.1f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
