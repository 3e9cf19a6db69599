"""Thin command-line layer: parse arguments, call plain functions, print results.

Every command lives in the module of its job and is registered here; errors derived from
MilitantmapError are printed as one line (no traceback) with their exit code.
"""
from __future__ import annotations

import sys

import click

from militantmap import __version__
from militantmap.errors import MilitantmapError


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except MilitantmapError as err:
            click.echo(f"militantmap: error: {err}", err=True)
            sys.exit(err.exit_code)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="militantmap")
def main() -> None:
    """Turn news articles about armed groups into an evidence-backed knowledge graph."""


# Command modules register themselves here (one module per job).
def _register() -> None:
    from militantmap.bench_cli import bench_cmd
    from militantmap.curate_cli import curate_cmd
    from militantmap.demo import demo_cmd
    from militantmap.evaluate_cli import evaluate_cmd
    from militantmap.export_cli import export_cmd
    from militantmap.extract_cli import extract_cmd
    from militantmap.store_cli import COMMANDS as STORE_COMMANDS
    from militantmap.web_cli import serve_cmd

    for cmd in [extract_cmd, *STORE_COMMANDS, curate_cmd, export_cmd, serve_cmd, evaluate_cmd, bench_cmd, demo_cmd]:
        main.add_command(cmd)


_register()
