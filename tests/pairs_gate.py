"""Run ../shared/tools/pairs_benchmark.py (Mapping Militants and UN 1267 tie recall) with this
environment's extractor, for the quality gate and scripts/pin_floors.py."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

PAIRS_FLOORS = Path(__file__).with_name("pairs_floors.json")
CORPUS_FILES = {"mmp": "mmp/relationships.jsonl", "un": "un1267/narratives.jsonl"}


def corpus_digest(shared: Path, name: str) -> str:
    return hashlib.sha256((shared / "corpus" / CORPUS_FILES[name]).read_bytes()).hexdigest()


def pair_rates(shared: Path, name: str) -> dict:
    """The benchmark's one JSON line of rates, for `name` in ('mmp', 'un')."""
    mm = Path(sys.executable).with_name("militantmap")
    env = dict(os.environ, MM=str(mm))
    p = subprocess.run([sys.executable, str(shared / "tools" / "pairs_benchmark.py"), name],
                       capture_output=True, text=True, env=env, cwd=Path(__file__).resolve().parents[1])
    if p.returncode != 0:
        raise RuntimeError(f"pairs_benchmark.py {name} failed ({p.returncode}): {p.stderr[-800:]}")
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    return json.loads(lines[-1])
