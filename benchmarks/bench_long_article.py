"""One very long article through ingest: is it cut at the documented cap, with a warning naming
it, and does the peak RSS stay well under 1 GiB? (issue 9, item 5)

The article (320,000 characters by default) is built by recombining real sentences of the
shared VOA feed and dev articles (seeded), so the parser and the rules see news prose, not
filler. It goes through `ingest_articles` into a fresh SQLite store, the path of
`militantmap ingest`. Reported: the cap (MILITANTMAP_MAX_CHARS), the warning, the seconds taken,
and the peak RSS of this process (the pipeline loaded, the ingest done) next to the RSS with
the pipeline loaded and nothing ingested.

    .venv/bin/python benchmarks/bench_long_article.py [--chars 320000] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_memory import _rss_mb, sentences


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(shared: Path, chars: int, seed: int = 1) -> dict:
    from militantmap.article import Article
    from militantmap.budget import MAX_CHARS
    from militantmap.extract.pipeline import Extractor
    from militantmap.store import ingest_articles

    rng = random.Random(seed)
    pool = sentences(shared)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        para = " ".join(rng.choice(pool) for _ in range(rng.randint(3, 8)))
        paragraphs.append(para)
        size += len(para) + 2
    text = "\n\n".join(paragraphs)[:chars]
    Extractor.default()  # the pipeline loaded first: its memory is not the article's
    loaded = _rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        summary = ingest_articles(f"sqlite:///{tmp}/long.db",
                                  [Article(text=text, id="long-article", source="long-article.txt")])
        took = time.perf_counter() - t0
    return {"chars": len(text), "cap_chars": MAX_CHARS, "stored": summary.new,
            "skipped": [r for _, r in summary.skipped], "warnings": [f"{s}: {w}" for s, w in summary.warnings],
            "seconds": round(took, 1), "rss_pipeline_loaded_mb": loaded, "peak_rss_mb": _peak_mb()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=320_000)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    args = ap.parse_args()
    print(json.dumps(run(args.shared, args.chars), indent=2))


if __name__ == "__main__":
    main()
