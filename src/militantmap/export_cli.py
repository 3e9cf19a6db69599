"""`militantmap export`: the graph for other tools (STIX 2.1, GraphML, GEXF, CSV, JSONL).

Placeholder command registered while the exporters are written; see militantmap.export."""
from __future__ import annotations

import click


@click.command("export")
def export_cmd() -> None:
    """Export the graph (being written)."""
    raise click.UsageError("export is not available yet")
