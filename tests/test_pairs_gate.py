"""Quality gate on prose nobody here tuned rules on: the Mapping Militants tie descriptions and
the UN 1267 narratives (../shared/tools/pairs_benchmark.py). The rates may not fall below the
floors pinned in pairs_floors.json; re-pin on purpose with scripts/pin_floors.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pairs_gate import PAIRS_FLOORS, corpus_digest, pair_rates

pytestmark = pytest.mark.shared
REPIN = ".venv/bin/python scripts/pin_floors.py"


@pytest.mark.parametrize("name", ["mmp", "un"])
def test_pair_rates_stay_above_their_floors(shared_dir: Path, name: str) -> None:
    if not (shared_dir / "tools" / "pairs_benchmark.py").is_file():
        pytest.skip(f"needs {shared_dir / 'tools' / 'pairs_benchmark.py'}")
    pinned = json.loads(PAIRS_FLOORS.read_text(encoding="utf-8"))["sets"][name]
    if corpus_digest(shared_dir, name) != pinned["corpus_sha256"]:
        pytest.fail(f"the {name} corpus changed: check the rates and re-pin with {REPIN}")
    rates = pair_rates(shared_dir, name)
    below = [f"{k}: {rates.get(k, 0.0):.3f} < floor {v:.3f}" for k, v in sorted(pinned["floors"].items())
             if rates.get(k, 0.0) < v - 1e-9]
    assert not below, f"{name}: tie recall fell below the floors: " + "; ".join(below) + f" (re-pin: {REPIN})"
