"""Side by side, on the same articles in one run: bare spaCy, militantmap's extraction, and ingest
into a fresh SQLite store.

Each stage runs in a fresh Python process, so each has its own model load outside the
timing and its own peak RSS. Reported per stage: docs/s, tokens/s (tokens of the bare parse),
seconds, CPU seconds and peak RSS; and `ratio_vs_spacy` = extraction docs/s / bare spaCy docs/s
(>= 1.0 means the extraction costs no more than spaCy's own default pipeline), with
`ingest_ratio_vs_spacy` for ingest and both again in CPU seconds (`cpu_ratio_vs_spacy`,
`ingest_cpu_ratio_vs_spacy`: steadier than wall time on a machine shared with other jobs; the
load average at the end is reported too).

    militantmap bench [--corpus PATH ...] [--json]      (default: the VOA feed + the dev articles)
"""
from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def load_articles(paths: list[Path]) -> list:
    """Articles from JSONL feeds, gold folders (*.json) and text files, in the order given."""
    from militantmap.article import Article
    from militantmap.sources.walk import iter_articles

    out = []
    for path in paths:
        for item in iter_articles([path]):
            if isinstance(item, Article):
                out.append(item)
    return out


def _stage_spacy(paths: list[Path]) -> dict:
    import spacy

    from militantmap.extract.pipeline import Extractor
    from militantmap.nlp.pipeline import MODEL_NAMES

    arts = load_articles(paths)
    ex = Extractor.default()
    texts = []
    for a in arts:
        try:
            texts.append(ex.prepare(a)["text"])
        except Exception:  # noqa: BLE001 - an unusable article is skipped by every stage alike
            continue
    nlp = None
    for name in MODEL_NAMES:  # the model with its default components, as a user loads it
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    assert nlp is not None, "no spaCy model installed"
    nlp.max_length = 6_000_000
    t0, c0 = time.perf_counter(), time.process_time()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=32):
        tokens += len(doc)
    secs = time.perf_counter() - t0
    return {"docs": len(texts), "tokens": tokens, "seconds": round(secs, 2),
            "cpu_seconds": round(time.process_time() - c0, 2),
            "components": list(nlp.pipe_names), "peak_rss_mb": _rss_mb()}


def _stage_extract(paths: list[Path]) -> dict:
    from militantmap.extract import extract_many
    from militantmap.extract.pipeline import Extractor

    arts = load_articles(paths)
    ex = Extractor.default()  # model and gazetteer load outside the timing
    ex.nlp("warm up")
    t0, c0 = time.perf_counter(), time.process_time()
    n = facts = 0
    for out in extract_many(arts):
        if "error" in out:
            continue
        n += 1
        facts += len(out["relations"]) + len(out["roles"]) + len(out["events"])
    secs = time.perf_counter() - t0
    return {"docs": n, "facts": facts, "seconds": round(secs, 2),
            "cpu_seconds": round(time.process_time() - c0, 2),
            "components": list(ex.nlp.pipe_names), "peak_rss_mb": _rss_mb()}


def _stage_ingest(paths: list[Path]) -> dict:
    from militantmap.extract.pipeline import Extractor
    from militantmap.store import ingest_articles

    arts = load_articles(paths)
    Extractor.default().nlp("warm up")
    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), time.process_time()
        summary = ingest_articles(f"sqlite:///{tmp}/bench.db", arts)
        secs = time.perf_counter() - t0
        cpu = time.process_time() - c0
    return {"docs": summary.new + summary.known, "new": summary.new, "skipped": len(summary.skipped),
            "seconds": round(secs, 2), "cpu_seconds": round(cpu, 2), "peak_rss_mb": _rss_mb()}


STAGES = {"spacy": _stage_spacy, "extract": _stage_extract, "ingest": _stage_ingest}


def _in_child(name: str, paths: list[Path]) -> dict:
    """One stage in a fresh interpreter (its own model load and peak RSS), result as JSON."""
    proc = subprocess.run([sys.executable, __file__, "--stage", name, *map(str, paths)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark stage {name} failed: {proc.stderr[-1500:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(paths: list[Path], stages: list[str] | None = None) -> dict:
    results: dict = {}
    for name in stages or list(STAGES):
        results[name] = _in_child(name, paths)
    tokens = results.get("spacy", {}).get("tokens")
    for r in results.values():
        r["docs_per_s"] = round(r["docs"] / r["seconds"], 2) if r["seconds"] else None
        if tokens and r["seconds"]:
            r["tokens_per_s"] = round(tokens / r["seconds"])
    out: dict = {
        "corpus": [str(p) for p in paths],
        "machine": {"cpus": mp.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(terse=True)},
        "date": dt.date.today().isoformat(),
        **results,
    }
    if "spacy" in results and "extract" in results and results["spacy"]["docs_per_s"]:
        out["ratio_vs_spacy"] = round(results["extract"]["docs_per_s"] / results["spacy"]["docs_per_s"], 3)
    if "spacy" in results and "ingest" in results and results["spacy"]["docs_per_s"]:
        out["ingest_ratio_vs_spacy"] = round(results["ingest"]["docs_per_s"] / results["spacy"]["docs_per_s"], 3)
    # The same ratios in CPU seconds (this process's own, user + system): on a machine shared
    # with other jobs the wall-clock ratios swing with their load, these much less.
    spacy_cpu = results.get("spacy", {}).get("cpu_seconds")
    for name, key in (("extract", "cpu_ratio_vs_spacy"), ("ingest", "ingest_cpu_ratio_vs_spacy")):
        if spacy_cpu and results.get(name, {}).get("cpu_seconds"):
            out[key] = round(spacy_cpu / results[name]["cpu_seconds"], 3)
    out["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--stage"]:
        print(json.dumps(STAGES[args[1]]([Path(p) for p in args[2:]])))
    else:
        print(json.dumps(run([Path(p) for p in args]), indent=2))
