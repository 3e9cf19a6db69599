"""The article as it enters the pipeline: raw text or HTML plus metadata.

Readers in `militantmap.sources` produce Articles; `militantmap.extract.extract` consumes them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Article:
    text: str                      # plain text, or "" when only html is given
    id: str | None = None          # input id; None means "sha256 of the cleaned text"
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    html: str | None = None        # raw HTML when the input was HTML; text is then derived from it
    source: str = "<article>"      # where it came from, for error messages
    meta: dict[str, str] = field(default_factory=dict)
    # Optional fields dropped on reading (an impossible date, a non-string title): the text is
    # kept, and the reader says what it dropped and why.
    warnings: list[str] = field(default_factory=list)
