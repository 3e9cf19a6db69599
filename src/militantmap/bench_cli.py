"""`militantmap bench`: the benchmarks in benchmarks/, from the CLI.

By default, on the same articles in one run (the VOA feed and the dev articles): bare spaCy
(`en_core_web_sm` with its default components), militantmap's extraction, and ingest into a fresh
SQLite store: docs/s, tokens/s, peak RSS, and `ratio_vs_spacy` (extraction docs/s / bare spaCy
docs/s). `--queries` adds the ingest-and-query benchmark (dedup, rerun, query times).
`--scale N` instead measures queries, pages and API calls over a synthetic store of N articles
(benchmarks/bench_scale.py; built once, kept in --scale-db, reused).
"""
from __future__ import annotations

import json
import runpy
from pathlib import Path

import click

from militantmap.errors import InputError

_BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _script(name: str) -> dict:
    path = _BENCH / name
    if not path.exists():
        raise InputError(str(path), "benchmark script not found", "run from a source checkout")
    return runpy.run_path(str(path), run_name="militantmap_bench")


@click.command("bench")
@click.option("--corpus", "corpora", multiple=True, type=click.Path(path_type=Path),
              help="A JSONL feed, a folder or an article file (repeatable). Default: the VOA feed "
                   "and the dev articles of --shared.")
@click.option("--shared", type=click.Path(path_type=Path), default=Path("../shared"), show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (ratio_vs_spacy at the top level).")
@click.option("--queries", is_flag=True, help="Also run the ingest-and-query benchmark on the VOA feed.")
@click.option("--scale", type=click.IntRange(min=1), default=None, metavar="N",
              help="Instead: p50/p95 of queries, pages and API over a synthetic store of N articles.")
@click.option("--scale-db", type=click.Path(path_type=Path), default=None,
              help="SQLite file of the --scale store (default /tmp/militantmap-scale-N.db; reused if present).")
@click.option("--rounds", type=click.IntRange(min=1), default=20, show_default=True,
              help="Calls per query with --scale (varied arguments).")
def bench_cmd(corpora: tuple[Path, ...], shared: Path, as_json: bool, queries: bool,
              scale: int | None, scale_db: Path | None, rounds: int) -> None:
    """Measure throughput and memory: bare spaCy, extraction and ingest side by side."""
    if scale is not None:
        module = _script("bench_scale.py")
        found = module["run"](scale, scale_db, rounds)
        click.echo(json.dumps(found, indent=2) if as_json else module["table"](found))
        return
    paths = list(corpora) or [shared / "corpus" / "voa" / "voa_stories.jsonl", shared / "corpus" / "dev"]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise InputError(str(missing[0]), "no such corpus",
                         "pass --corpus PATH, or --shared with the shared data folder")
    if not as_json:
        click.echo("running bare spaCy, extraction and ingest, each in a fresh process ...", err=True)
    result = _script("bench_pipeline.py")["run"](paths)
    if queries:
        result["queries"] = _script("bench_ingest.py")["run"](shared, 1)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{'stage':10} {'docs':>6} {'seconds':>8} {'docs/s':>8} {'tokens/s':>9} {'peak RSS MB':>12}")
    for name in ("spacy", "extract", "ingest"):
        r = result.get(name)
        if r:
            click.echo(f"{name:10} {r['docs']:>6} {r['seconds']:>8} {r['docs_per_s']:>8} "
                       f"{r.get('tokens_per_s', ''):>9} {r['peak_rss_mb']:>12}")
    click.echo(f"ratio_vs_spacy (extraction docs/s / bare spaCy docs/s): {result.get('ratio_vs_spacy')}")
    if queries:
        click.echo(json.dumps(result["queries"], indent=2))
