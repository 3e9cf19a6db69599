"""Memory over a long run: is the peak RSS flat?

A synthetic feed of N articles (default 20,000) is built by recombining real sentences of the
shared VOA feed and dev articles (seeded, so every run sees the same feed), streamed through
`extract_many` (the path of `ingest` and `extract --format jsonl`), and the resident set size is
sampled every 500 articles. Reported: RSS at the 2,000th and at the last article, the growth
between them (the target: no more than 10%) and the peak (target: under 1 GiB).

    .venv/bin/python benchmarks/bench_memory.py [--n 20000] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def sentences(shared: Path) -> list[str]:
    texts = [json.loads(x)["text"] for x in (shared / "corpus/voa/voa_stories.jsonl").read_text("utf-8").splitlines() if x.strip()]
    texts += [json.loads(p.read_text("utf-8"))["text"] for p in sorted((shared / "corpus/dev").glob("*.json"))]
    pool = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t)]
    return [s for s in pool if 40 <= len(s) <= 400]


def feed(pool: list[str], n: int, seed: int = 1) -> Iterator:
    from militantmap.article import Article

    rng = random.Random(seed)
    for i in range(n):
        body = " ".join(rng.choice(pool) for _ in range(rng.randint(6, 24)))
        yield Article(text=body, id=f"syn{i}")


def run(shared: Path, n: int) -> dict:
    from militantmap.extract import extract_many

    pool = sentences(shared)
    samples: list[tuple[int, float]] = []
    t0 = time.perf_counter()
    for i, _ in enumerate(extract_many(feed(pool, n)), 1):
        if i % 500 == 0 or i == n:
            samples.append((i, _rss_mb()))
            print(f"{i} articles, RSS {samples[-1][1]} MB, {i / (time.perf_counter() - t0):.1f}/s",
                  file=sys.stderr, flush=True)
    at = dict(samples)
    ref = at.get(2000) or samples[min(3, len(samples) - 1)][1]
    last = samples[-1][1]
    return {"articles": n, "sentences_in_pool": len(pool), "rss_at_2000_mb": ref, "rss_at_end_mb": last,
            "growth_pct": round(100 * (last - ref) / ref, 1), "peak_mb": max(v for _, v in samples),
            "seconds": round(time.perf_counter() - t0, 1), "samples": samples}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    args = ap.parse_args()
    print(json.dumps(run(args.shared, args.n), indent=1))
