"""`militantmap evaluate GOLD_DIR`: run the extractor on gold-annotated articles and score it.

A thin layer over `militantmap.evaluate`; see there for the matching rules.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from militantmap.errors import InputError


@click.command("evaluate")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object: metrics and per-file details.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also list, per file, the misses, false positives and wrong event fields.")
@click.option("--write-floors", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Pin the current scores as the quality gate's floors in this file "
                   "(tests/eval_floors.json); do it on purpose, after checking the scores.")
@click.option("--split", type=click.Choice(["all", "read", "scored"]), default="all", show_default=True,
              help="Score one part of the dev set: 'read' (the articles rules may be written "
                   "from) or 'scored' (the blind part, only ever scored; the quality gate's).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar while extracting (default: when stderr is a terminal).")
def evaluate_cmd(gold_dir: Path, as_json: bool, verbose: bool, write_floors: Path | None,
                 split: str, progress: bool | None) -> None:
    """Score the extractor against the gold files (*.json) of GOLD_DIR.

    Prints precision, recall and F1 for groups, relations (typed and untyped), roles and events,
    and the accuracy of event location, killed, date and perpetrators, micro-averaged over the
    directory. Bad gold files are reported by name and skipped (exit status 1); a missing or
    empty directory is an error (exit status 2).
    """
    from militantmap import evaluate as ev

    if progress is None:
        progress = sys.stderr.isatty()
    report = ev.evaluate(gold_dir, progress=progress, split=split)
    for err in report.errors:
        click.echo(f"militantmap: skipped bad gold file {err}", err=True)

    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(report.format_text(verbose=verbose), nl=False)

    if write_floors is not None:
        if report.errors:
            raise InputError(str(gold_dir), "floors not written: some gold files are bad",
                             "fix them first, so the floors cover the whole corpus")
        data = ev.write_floors(report, gold_dir, write_floors, split)
        click.echo(f"militantmap: wrote {len(data['floors'])} floors to {write_floors}", err=True)
    if report.errors:
        sys.exit(1)
