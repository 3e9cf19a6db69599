"""Confidence of an aggregated tie between two groups.

Each article's assertion already carries a confidence from the extractor (asserted 0.8,
reported 0.7, planned 0.5, speculated 0.4, lowered for anonymous or militant sources). Across
articles:
- assertions are grouped by story (near-duplicate copies of one wire story are one story), and
  a story counts with its strongest assertion only: syndication is not corroboration;
- positive stories combine by noisy-or: 1 - prod(1 - c_i), so each independent source raises
  the confidence and no amount of sources reaches 1;
- denials (negated assertions) combine the same way and scale it down: conf * (1 - deny).
The result is rounded to two decimals; 0..1 here, 0..100 in STIX.
"""
from __future__ import annotations

from collections.abc import Iterable


def noisy_or(values: Iterable[float]) -> float:
    p = 1.0
    for v in values:
        p *= 1.0 - max(0.0, min(1.0, v))
    return 1.0 - p


def tie_confidence(assertions: Iterable[tuple[int, str, float]]) -> float:
    """assertions: (story_id, polarity, per-article confidence)."""
    best_pos: dict[int, float] = {}
    best_neg: dict[int, float] = {}
    for story, polarity, conf in assertions:
        table = best_neg if polarity == "negated" else best_pos
        table[story] = max(table.get(story, 0.0), conf)
    support = noisy_or(best_pos.values())
    denial = noisy_or(best_neg.values())
    return round(support * (1.0 - denial), 2)
