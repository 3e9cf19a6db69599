"""The relevance prefilter: can this article yield a group, a tie, a role or an event at all?

A cheap first pass over the raw text, before the parse: the gazetteer's name automaton (linear in
the text) and a vocabulary of conflict cues (data/relevance.json, one regex). An article with
neither is not parsed; it is stored as read and not relevant, and `ingest --reprocess` re-reads
it. Recall before speed: the cues are broad, and scripts/prefilter_recall.py checks on every
shared corpus that no article the full pipeline extracts something from is dropped.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Verdict:
    relevant: bool
    reason: str  # what made it relevant ("group: Boko Haram", "cue: ambush") or why not


@lru_cache(maxsize=1)
def _cue_regex() -> re.Pattern[str]:
    data = json.loads(resources.files("militantmap.data").joinpath("relevance.json").read_text("utf-8"))
    stems = sorted({s for row in data["cues"] for s in row["stems"]}, key=len, reverse=True)
    # At a word start only: "ban" is a cue, "urban" is not; the stem may continue ("bans").
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(s) for s in stems) + ")", re.IGNORECASE)


@lru_cache(maxsize=1)
def _proper_head_regex() -> re.Pattern[str]:
    """A capitalised word, then a head word that armed groups' names end with, as discovery
    reads them (data/group_discovery.json: "the Crimson Valley Front", "X Liberation Army")."""
    data = json.loads(resources.files("militantmap.data").joinpath("group_discovery.json").read_text("utf-8"))
    heads = sorted(data["heads"], key=len, reverse=True)
    return re.compile(r"\b[A-Z][\w'’-]+\s+(?:" + "|".join(re.escape(h) for h in heads) + r")\b")


def relevance(text: str) -> Verdict:
    cue = _cue_regex().search(text)
    if cue:
        return Verdict(True, f"cue: {cue.group(0).strip().lower()}")
    head = _proper_head_regex().search(text)
    if head:
        return Verdict(True, f"name: {head.group(0)}")
    from militantmap.nlp.gazetteer import get_gazetteer

    found = get_gazetteer().find_mentions(text)
    if found:
        return Verdict(True, f"group: {found[0].surface}")
    return Verdict(False, "no armed group named and no conflict vocabulary")
