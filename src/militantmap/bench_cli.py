"""`militantmap bench`: the extraction benchmark (benchmarks/bench_extract.py), from the CLI."""
from __future__ import annotations

import json
import runpy
from pathlib import Path

import click

from militantmap.errors import InputError


@click.command("bench")
@click.option("--shared", type=click.Path(path_type=Path), default=Path("../shared"), show_default=True)
@click.option("--repeat", default=1, show_default=True, help="Times the VOA corpus is run through.")
def bench_cmd(shared: Path, repeat: int) -> None:
    """Measure extraction throughput and memory on the VOA corpus."""
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_extract.py"
    if not script.exists():
        raise InputError(str(script), "benchmark script not found", "run from a source checkout")
    if not (shared / "corpus" / "voa").is_dir():
        raise InputError(str(shared), "no corpus/voa folder", "pass --shared with the shared data folder")
    bench = runpy.run_path(str(script))
    click.echo(json.dumps(bench["run"](shared, repeat), indent=2))
