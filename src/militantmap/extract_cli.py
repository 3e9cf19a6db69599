"""`militantmap extract`: one article (or a JSONL batch) to the JSON of the extraction format."""
from __future__ import annotations

import datetime as dt
import json
import sys

import click

from militantmap.errors import InputError


def _dumps(obj: dict) -> str:
    # Deterministic output: fixed key order from construction, no NaN, UTF-8 kept readable.
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


def _parse_published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date as YYYY-MM-DD") from None


@click.command("extract")
@click.argument("path")
@click.option("--published", help="Publication date YYYY-MM-DD; relative dates resolve against it.")
@click.option("--format", "fmt", type=click.Choice(["json", "text", "jsonl"]), default="json",
              show_default=True,
              help="json: one extraction; text: a summary for a person; jsonl: PATH is a JSONL batch "
                   "(one article per line), one extraction per output line.")
def extract_cmd(path: str, published: str | None, fmt: str) -> None:
    """Extract groups, ties, roles and events from one article (.txt, .html, .json; - for stdin)."""
    from militantmap.extract import extract
    from militantmap.extract.summary import format_summary
    from militantmap.sources import read_article

    pub = _parse_published(published)
    if fmt == "jsonl":
        _batch(path, pub)
        return
    if path.lower().endswith((".warc", ".warc.gz")):
        raise InputError(path, "is a WARC archive of many pages",
                         "use `militantmap ingest` for archives, or extract one page's HTML")
    article = read_article(path, published=pub)
    if pub is not None:
        article.published = pub
    result = extract(article)
    for w in article.warnings:  # after extract, which warns of a text cut at the size cap
        click.echo(f"militantmap: warning: {article.source}: {w}", err=True)
    if fmt == "text":
        click.echo(format_summary(result))
    else:
        click.echo(_dumps(result))


def _batch(path: str, published: dt.date | None) -> None:
    """One output line per input line, in input order; a bad line gives an error line.
    Lines are read and extracted in chunks, so memory stays flat on large batches."""
    from itertools import islice

    from militantmap.extract import extract_many
    from militantmap.sources import iter_jsonl

    lines = iter_jsonl(path)  # raises InputError if the file itself cannot be read
    out = sys.stdout
    while True:
        chunk = list(islice(lines, 64))
        if not chunk:
            break
        good = []
        for _, item in chunk:
            if not isinstance(item, InputError):
                if published is not None and item.published is None:
                    item.published = published
                good.append(item)
        results = iter(list(extract_many(good)))
        for item in good:  # after extraction, which warns of a text cut at the size cap
            for w in item.warnings:
                click.echo(f"militantmap: warning: {item.source}: {w}", err=True)
        for line_no, item in chunk:
            if isinstance(item, InputError):
                record = {"id": getattr(item, "article_id", None), "line": line_no, "error": str(item)}
            else:
                record = next(results)
            out.write(_dumps(record) + "\n")
        out.flush()
