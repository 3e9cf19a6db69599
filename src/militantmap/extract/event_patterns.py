"""The event pattern tables under `data/patterns/events_*.jsonl`, loaded once per process.

Each table holds one row per construction (or cue list) with an `example` sentence; the code in
events.py and perpetrators.py applies them to the parse. A new phrasing is a new row (or word in
a row) plus a test case."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=8)
def table(name: str) -> dict[str, dict]:
    """The rows of `data/patterns/<name>.jsonl` by their construction name."""
    text = resources.files("militantmap").joinpath("data", "patterns", f"{name}.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return {row["construction"]: row for row in rows}


# Unbounded: the keys are the tables' rows and columns, a fixed few dozen; a bound below their
# number would rebuild word sets on the hot path of every sentence.
@lru_cache(maxsize=None)
def lemmas(name: str, construction: str, key: str = "lemmas") -> frozenset[str]:
    """A word list of one row, lower-cased."""
    return frozenset(w.lower() for w in table(name)[construction].get(key, []))
