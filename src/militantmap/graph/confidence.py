"""Confidence of an aggregated tie between two groups, and what counts as an independent source.

Independent sources (issue 10: repetition is not corroboration). Each stored assertion of a tie
(one article's relation) is joined to others that cannot be independent of it; a source is one
such cluster. Two assertions are one source when they share
- the story: near-duplicate copies of one article (wire copy, syndication) are one story;
- the text: the same evidence sentence, normalised (case, spacing, punctuation), wherever it
  appears: a background paragraph repeated in 22 articles is said once;
- the outlet and the asserter: one publisher repeating what one person said (or what it says
  itself) across its articles is one voice.
Confidence:
- each source counts with its strongest assertion (asserted 0.8, reported 0.7, planned 0.5,
  speculated 0.4 from the extractor, lowered for anonymous or militant sources), scaled by its
  outlet's Admiralty grade (RELIABILITY; ungraded outlets are F and keep their value);
- positive sources combine by noisy-or, 1 - prod(1 - c_i), so each independent source raises
  the confidence; denials combine the same way and scale it down: conf * (1 - deny);
- the result never exceeds the ceiling of the firmest word any source used (asserted 0.95,
  reported 0.9, planned 0.7, speculated 0.6): many sources that only speculate stay speculation,
  and nothing reaches 1.00.
Rounded to two decimals; 0..1 here, 0..100 in STIX.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

CEILING = {"asserted": 0.95, "reported": 0.9, "planned": 0.7, "speculated": 0.6}
# The Admiralty grade of the outlet scales what one of its assertions is worth. A grade only ever
# lowers it: F ("cannot be judged", every outlet nobody graded) leaves it as the words say, as A
# does; B to E say the analyst has reasons for doubt.
RELIABILITY = {"A": 1.0, "B": 0.95, "C": 0.85, "D": 0.7, "E": 0.5, "F": 1.0}
GRADES = tuple(RELIABILITY)
_RANK = ["speculated", "planned", "reported", "asserted"]


@dataclass(frozen=True)
class Assertion:
    story: int | None
    polarity: str
    confidence: float
    modality: str = "asserted"
    sentence: str = ""
    outlet: str | None = None
    asserter: str | None = None
    grade: str = "F"  # the outlet's Admiralty grade

    @property
    def weight(self) -> float:
        return self.confidence * RELIABILITY.get(self.grade, 1.0)


def noisy_or(values: Iterable[float]) -> float:
    p = 1.0
    for v in values:
        p *= 1.0 - max(0.0, min(1.0, v))
    return 1.0 - p


@lru_cache(maxsize=65536)  # the same sentences come back in every tie of a group (syndication)
def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def sources(assertions: list[Assertion]) -> list[list[int]]:
    """The independent sources among `assertions`: clusters of their indexes (see the module
    docstring for the rule), in order of first assertion."""
    parent = list(range(len(assertions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple, int] = {}
    for i, a in enumerate(assertions):
        keys: list[tuple] = []
        if a.story is not None:
            keys.append(("story", a.story))
        if a.sentence:
            keys.append(("text", _norm(a.sentence)))
        if a.outlet:
            keys.append(("voice", a.outlet.casefold(), _norm(a.asserter or "")))
        for key in keys:
            j = first.setdefault(key, i)
            if j != i:
                parent[find(i)] = find(j)
    clusters: dict[int, list[int]] = {}
    for i in range(len(assertions)):
        clusters.setdefault(find(i), []).append(i)
    return sorted(clusters.values(), key=lambda c: c[0])


def tie_confidence(assertions: Iterable[Assertion | tuple[int, str, float]]) -> float:
    """The confidence of a tie from its assertions (Assertion, or the older (story, polarity,
    confidence) triple)."""
    items = [a if isinstance(a, Assertion) else Assertion(a[0], a[1], a[2]) for a in assertions]
    pos = [a for a in items if a.polarity != "negated"]
    neg = [a for a in items if a.polarity == "negated"]
    support = noisy_or(max(pos[i].weight for i in c) for c in sources(pos))
    denial = noisy_or(max(neg[i].weight for i in c) for c in sources(neg))
    firmest = max((_RANK.index(a.modality) for a in pos if a.modality in _RANK), default=len(_RANK) - 1)
    return round(min(support * (1.0 - denial), CEILING[_RANK[firmest]]), 2)


def explain(assertions: list[Assertion], kinds: list[str | None]) -> str:
    """One sentence on what a tie rests on: '3 independent sources (2 outlets, 1 group
    spokesperson); one denial'. `kinds` are the attribution kinds, parallel to assertions."""
    pos = [i for i, a in enumerate(assertions) if a.polarity != "negated"]
    neg = [i for i, a in enumerate(assertions) if a.polarity == "negated"]
    clusters = sources([assertions[i] for i in pos])
    counts: dict[str, int] = {}
    for c in clusters:
        kind = next((kinds[pos[i]] for i in c if kinds[pos[i]]), None) or "outlet"
        counts[kind] = counts.get(kind, 0) + 1
    parts = ", ".join(f"{n} {k.replace('_', ' ')}{'s' if n != 1 else ''}" for k, n in sorted(counts.items()))
    head = f"{len(clusters)} independent source{'s' if len(clusters) != 1 else ''}"
    text = f"{head} ({parts})" if parts else head
    n_deny = len(sources([assertions[i] for i in neg]))
    if n_deny:
        text += f"; {n_deny} denial{'s' if n_deny != 1 else ''}"
    return text
