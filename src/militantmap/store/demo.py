"""The store part of `make demo`: ingest the seeds, the dev corpus and the VOA corpus into the
default store, then show the group overview and the ties of the Islamic State."""
from __future__ import annotations

from pathlib import Path

import click

from militantmap.errors import InputError
from militantmap.store.db import resolve_url


def run_store_demo(shared: Path, db_url: str | None) -> None:
    from militantmap.sources.walk import iter_articles
    from militantmap.store import ingest_articles
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
