"""`militantmap bench`: the benchmarks in benchmarks/ (extraction, ingest), from the CLI."""
from __future__ import annotations

import json
import runpy
from pathlib import Path

import click

from militantmap.errors import InputError


@click.command("bench")
@click.option("--shared", type=click.Path(path_type=Path), default=Path("../shared"), show_default=True)
@click.option("--repeat", default=1, show_default=True, help="Times the VOA corpus is run through.")
@click.option("--only", type=click.Choice(["extract", "ingest"]), default=None, help="Run one benchmark.")
def bench_cmd(shared: Path, repeat: int, only: str | None) -> None:
    """Measure extraction and ingest throughput and memory on the VOA corpus."""
    if not (shared / "corpus" / "voa").is_dir():
        raise InputError(str(shared), "no corpus/voa folder", "pass --shared with the shared data folder")
    results = {}
    for name in ["extract", "ingest"] if only is None else [only]:
        script = Path(__file__).resolve().parents[2] / "benchmarks" / f"bench_{name}.py"
        if not script.exists():
            raise InputError(str(script), "benchmark script not found", "run from a source checkout")
        click.echo(f"running {script.name} ...", err=True)
        results[name] = runpy.run_path(str(script))["run"](shared, repeat)
    click.echo(json.dumps(results, indent=2))
