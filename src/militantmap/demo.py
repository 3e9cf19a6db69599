"""`militantmap demo`: the main job on the seed articles, for a person to read.

1. Extraction of the two seed articles, printed with evidence.
2. When the knowledge store is installed: ingest of the seeds, the dev corpus and the VOA corpus
   into the default SQLite store, then the group overview and the ties of the Islamic State.
"""
from __future__ import annotations

from pathlib import Path

import click

from militantmap.errors import InputError


@click.command("demo")
@click.option("--shared", "shared", type=click.Path(path_type=Path), default=Path("../shared"),
              show_default=True, help="Folder with seeds/ and corpus/ (the project's shared data).")
@click.option("--db", "db_url", default=None, help="Store URL (default: sqlite:///militantmap.db).")
@click.option("--extract-only", is_flag=True, help="Only extract the seed articles.")
def demo_cmd(shared: Path, db_url: str | None, extract_only: bool) -> None:
    """Extract the seed articles and build the graph of the bundled corpora."""
    from militantmap.extract import extract_many
    from militantmap.extract.summary import format_summary
    from militantmap.sources import read_article

    seeds = sorted((shared / "seeds").glob("*.txt"))
    if not seeds:
        raise InputError(str(shared / "seeds"), "no seed articles found",
                         "pass --shared with the folder that holds seeds/ and corpus/")
    click.echo(f"Extracting {len(seeds)} seed articles (the spaCy model loads once)...\n")
    articles = [read_article(p) for p in seeds]
    for path, ex in zip(seeds, extract_many(articles)):
        click.echo(f"[{path.name}]")
        click.echo(format_summary(ex))
        click.echo("")
    if extract_only:
        return
    try:
        from militantmap.store.demo import run_store_demo
    except ImportError:
        return
    run_store_demo(shared, db_url)
