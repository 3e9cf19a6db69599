#!/usr/bin/env python3
"""Pin the quality gate's floors, on purpose, after looking at the scores.

  .venv/bin/python scripts/pin_floors.py [--shared ../shared]

Writes tests/eval_floors.json (the scored-only part of the dev set, `evaluate --split scored`) and
tests/pairs_floors.json (the two pair benchmarks of ../shared/tools/pairs_benchmark.py). Floors are
pinned on text nobody tuned rules on, so the gate measures reading, not memory.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args(argv)
    from militantmap.evaluate import evaluate, headline_scores, write_floors
    from pairs_gate import PAIRS_FLOORS, corpus_digest, pair_rates

    dev = args.shared / "corpus" / "dev"
    report = evaluate(dev, split="scored")
    data = write_floors(report, Path("../shared/corpus/dev"), REPO / "tests" / "eval_floors.json", "scored")
    # write_floors hashes the directory it is given; hash the real one.
    from militantmap.evaluate import corpus_sha256
    data["corpus_sha256"] = corpus_sha256(dev, "scored")
    (REPO / "tests" / "eval_floors.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print("dev (scored part):", json.dumps(headline_scores(report)))
    pairs: dict = {"about": "Floors of tests/test_pairs_gate.py; re-pin on purpose with scripts/pin_floors.py",
                   "sets": {}}
    for name in ("mmp", "un"):
        rates = pair_rates(args.shared, name)
        print(name, json.dumps(rates))
        pairs["sets"][name] = {"corpus_sha256": corpus_digest(args.shared, name),
                               "floors": {k: v for k, v in rates.items() if isinstance(v, float)}}
    PAIRS_FLOORS.write_text(json.dumps(pairs, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
