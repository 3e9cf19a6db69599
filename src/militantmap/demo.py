"""`militantmap demo`: the main job on the seed articles, for a person to read.

1. Extraction of the two seed articles, printed with evidence.
2. Ingest of the seeds, the dev corpus and the VOA corpus
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
    _store_demo(shared, db_url)


def _store_demo(shared: Path, db_url: str | None) -> None:
    """Ingest the seeds, the dev corpus and VOA into the store; show the overview and IS ties."""
    from militantmap.sources.walk import iter_articles
    from militantmap.store import ingest_articles
    from militantmap.store.db import resolve_url
    from militantmap.store.queries import list_groups, ties
    from militantmap.store_cli import _Progress, _tie_line

    inputs = [shared / "seeds", shared / "corpus" / "dev", shared / "corpus" / "voa" / "voa_stories.jsonl"]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise InputError(", ".join(missing), "not found", "pass --shared with the project's shared folder")
    url = resolve_url(db_url)
    click.echo(f"Ingesting {', '.join(str(p) for p in inputs)}\n  into {url} ...")
    with _Progress(quiet=False) as progress:
        summary = ingest_articles(url, iter_articles(inputs), progress=progress)
    for line in summary.lines():
        click.echo("  " + line)

    groups = list_groups(url)
    click.echo(f"\n{len(groups)} armed groups in the store (top 25 by articles):")
    click.echo(f"  {'group':42} {'aliases':>7} {'articles':>8} {'ties':>5} {'events':>6}  seen")
    for g in groups[:25]:
        seen = f"{g['first_seen']}..{g['last_seen']}" if g["first_seen"] else "undated"
        click.echo(f"  {g['name'][:42]:42} {len(g['aliases']):>7} {g['articles']:>8} {g['ties']:>5} "
                   f"{g['events']:>6}  {seen}")
    click.echo("\nTies of the Islamic State:")
    for t in ties(url, "Islamic State"):
        click.echo("  " + _tie_line(t))
    click.echo("\nNext: `militantmap group ISIS`, `militantmap events --group al-Shabaab`, "
               "`militantmap evidence ID`, `militantmap serve` (web app), `militantmap export stix`.")
