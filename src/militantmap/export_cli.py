"""`militantmap export`: the graph for other tools (STIX 2.1, GraphML, GEXF, CSV, JSONL).

A thin layer over `militantmap.export.export`; docs/exports.md says what each format holds."""
from __future__ import annotations

from pathlib import Path

import click

from militantmap.store_cli import DB_OPTION

# Spelled out rather than imported: `militantmap --help` should not load networkx and stix
# (tests check these match militantmap.export.FORMATS and TABLES).
FORMATS = ("stix", "graphml", "gexf", "csv", "jsonl")
TABLES = ("events", "ties")


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS))
@DB_OPTION
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output). For csv: a folder that receives "
                   "events.csv and ties.csv, or with --table the file of that one table.")
@click.option("--table", type=click.Choice(list(TABLES)), default=None,
              help="csv only: write just this table (to --out FILE or standard output).")
@click.option("--people", is_flag=True,
              help="graphml/gexf: add people with roles as nodes, with an edge to each group they serve.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out ties below this confidence (0-1).")
def export_cmd(fmt: str, db_url: str | None, out: Path | None, table: str | None, people: bool,
               min_confidence: float) -> None:
    """Export the graph as FORMAT: stix (STIX 2.1 bundle), graphml or gexf (Gephi), csv
    (events and ties tables) or jsonl (groups, people, ties and events, one per line).

    The same store always exports the same bytes.

    \b
    Examples:
      militantmap export stix --out groups.stix.json
      militantmap export gexf --people --out network.gexf
      militantmap export csv --out exports/          (exports/events.csv, exports/ties.csv)
      militantmap export csv --table ties | head
    """
    from militantmap.export import export

    if table is not None and fmt != "csv":
        raise click.UsageError("--table is for csv only")
    if people and fmt not in ("graphml", "gexf"):
        raise click.UsageError("--people is for graphml and gexf (stix and jsonl always hold people)")
    if fmt == "csv" and out is None and table is None:
        raise click.UsageError("csv writes two tables: give --out FOLDER (events.csv and ties.csv), "
                               "or --table events|ties to print one")
    written = export(fmt, db_url, out, stream=click.get_binary_stream("stdout"), table=table, people=people,
                     min_confidence=min_confidence)
    for path in written:
        click.echo(f"wrote {path}", err=True)
