"""Throughput and memory of extraction against the cost of the bare spaCy parse.

Run with `make bench` or `militantmap bench --shared ../shared`. Reports articles/s and
characters/s for (a) spaCy alone on the cleaned texts and (b) the whole extractor, the ratio
of the two (the issue asks extraction to stay close to the parse), and the peak RSS.
"""
from __future__ import annotations

import json
import resource
import time
from pathlib import Path


def load_voa(shared: Path, repeat: int = 1) -> list:
    from militantmap.article import Article

    path = shared / "corpus" / "voa" / "voa_stories.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    import datetime as dt

    arts = []
    for r in range(repeat):
        for row in rows:
            pub = (row.get("published") or "")[:10]
            arts.append(Article(text=row["text"], id=f"{row['id']}#{r}", title=row.get("title"),
                                url=row.get("url"),
                                published=dt.date.fromisoformat(pub) if len(pub) == 10 else None))
    return arts


def run(shared: Path, repeat: int = 1) -> dict:
    from militantmap.extract import extract_many
    from militantmap.extract.pipeline import Extractor

    articles = load_voa(shared, repeat)
    ex = Extractor.default()  # model and gazetteer load outside the timings
    texts = [ex.prepare(a)["text"] for a in articles]
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    for _ in ex.nlp.pipe(texts, batch_size=32):
        pass
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_facts = 0
    for out in extract_many(articles):
        n_facts += len(out.get("relations", [])) + len(out.get("roles", [])) + len(out.get("events", []))
    full = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": len(articles), "characters": chars,
        "spacy_parse_s": round(parse, 2), "extract_s": round(full, 2),
        "articles_per_s": round(len(articles) / full, 1), "chars_per_s": round(chars / full),
        "overhead_vs_parse": round(full / parse, 2), "facts": n_facts, "peak_rss_mb": round(peak_mb),
    }


if __name__ == "__main__":
    import sys

    print(json.dumps(run(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")), indent=2))
