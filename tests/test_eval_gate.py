"""Quality gate: the dev-set scores may not fall below the floors pinned in eval_floors.json.

The floors are pinned on the scored-only part of the dev set (`evaluate --split scored`: articles
nobody reads to write rules from), next to a hash of that part, so a changed corpus cannot
silently move them. To re-pin, on purpose and after looking at the scores:
    .venv/bin/python scripts/pin_floors.py
"""
from __future__ import annotations

from pathlib import Path

import pytest

from militantmap.evaluate import HEADLINE, corpus_sha256, evaluate, headline_scores, read_floors

pytestmark = pytest.mark.shared

FLOORS = Path(__file__).with_name("eval_floors.json")
TOLERANCE = 1e-6
REPIN = ".venv/bin/python scripts/pin_floors.py"


def test_floors_file_names_every_headline_metric() -> None:
    floors = read_floors(FLOORS)["floors"]
    assert sorted(floors) == sorted(HEADLINE), f"{FLOORS.name} must pin exactly {sorted(HEADLINE)}"
    assert all(isinstance(v, (int, float)) and 0.0 <= v <= 1.0 for v in floors.values())


def test_dev_scores_stay_above_their_floors(dev_dir: Path) -> None:
    try:
        from militantmap.extract import extract_many  # noqa: F401
    except ImportError as err:
        pytest.skip(f"the extractor (militantmap.extract.extract_many) is not importable yet: {err}")
    pinned = read_floors(FLOORS)
    split = pinned.get("split", "all")
    digest = corpus_sha256(dev_dir, split)
    if digest != pinned["corpus_sha256"]:
        pytest.fail(
            f"the dev corpus at {dev_dir} ({split} part) changed (sha256 {digest}, pinned "
            f"{pinned['corpus_sha256']}): the floors no longer describe it. Check the scores and "
            f"re-pin on purpose with: {REPIN}"
        )
    report = evaluate(dev_dir, split=split)
    assert not report.errors, "bad dev gold files: " + "; ".join(str(e) for e in report.errors)
    scores = headline_scores(report)
    below = [
        f"{name}: score {scores[name]:.4f} < floor {floor:.4f}"
        for name, floor in sorted(pinned["floors"].items())
        if scores[name] < floor - TOLERANCE
    ]
    assert not below, (
        "extraction quality fell below the pinned floors: " + "; ".join(below)
        + f". Fix the regression, or lower a floor on purpose with: {REPIN}"
    )
