"""Defusing text that would stall the tokenizer.

spaCy's tokenizer peels prefix and suffix punctuation off a whitespace-delimited chunk one
character at a time, re-scanning the rest each time: a chunk of N punctuation characters costs
O(N^2) (16,000 "(" take about 28 s; a 155 kB file of brackets about 35 minutes). No real word is
a run of more than a few dozen punctuation marks, so such runs are broken up with spaces. The
replacement keeps the length, so every offset into the cleaned text stays valid.
"""
from __future__ import annotations

import re

MAX_PUNCT_RUN = 64
_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_PUNCT_RUN + 1))


def defuse_punctuation_runs(text: str) -> tuple[str, int]:
    """The text with every run of more than MAX_PUNCT_RUN punctuation characters broken by a
    space every MAX_PUNCT_RUN characters, and the number of runs broken."""
    count = 0

    def _break(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        run = m.group(0)
        return "".join(" " if i % MAX_PUNCT_RUN == MAX_PUNCT_RUN - 1 else c for i, c in enumerate(run))

    return _RUN.sub(_break, text), count
