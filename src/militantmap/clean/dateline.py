"""The publication date of an article that came without one: from its URL or its dateline.

Relative dates ("on Sunday") resolve against the publication date, so a text file or a pasted
article without metadata would lose every such date. News sites put the date in the URL path
(/2016/10/26/) and pages put it on a line of its own near the top ("March 21, 2019", "by VOA
News November 01, 2015", "Published: 12 May 2023", "27 February 2014 – The Security Council
said"). Only a full date (day, month and year) near the top counts: a year or a month alone, or a
date deep in the story, is more likely an event's date than the publication's.
"""
from __future__ import annotations

import datetime as dt
import re

from militantmap.extract.dates import resolve_date

__all__ = ["published_from"]

HEAD_CHARS = 700        # where a dateline can be: title, byline, date
MAX_LINE_CHARS = 80     # a dateline is a short line, or the start of the first paragraph

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?:19|20)\d\d|"
    rf"(?:19|20)\d\d-\d\d-\d\d)\b"
)
# Words that introduce a dateline, or a dateline that opens the first paragraph ("27 February
# 2014 – The Council said"; "ISLAMABAD, March 3, 2024 (AP) —").
_BYLINE = re.compile(r"(?i)^\W*(?:by\b|published|posted|updated|last\s+updated|date[d:]|on\b)")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?=[/\-_.]|$)")


def published_from(url: str | None, text: str, today: dt.date | None = None) -> dt.date | None:
    """The publication date the URL or the dateline gives, or None."""
    today = today or dt.date.today()
    for candidate in (_from_url(url), _from_dateline(text)):
        if candidate is not None and dt.date(1900, 1, 1) <= candidate <= today:
            return candidate
    return None


def _from_url(url: str | None) -> dt.date | None:
    if not isinstance(url, str):
        return None
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _from_dateline(text: str) -> dt.date | None:
    if not isinstance(text, str):
        return None
    for line in text[:HEAD_CHARS].splitlines():
        stripped = line.strip()
        m = _DATE.search(stripped)
        if not m:
            continue
        opens_paragraph = m.start() <= 30 and re.match(r"\s*[-–—:,(]", stripped[m.end():])
        if len(stripped) <= MAX_LINE_CHARS or _BYLINE.match(stripped) or opens_paragraph:
            resolved = resolve_date(m.group(0), None)
            if resolved.precision == "day" and resolved.iso:
                return dt.date.fromisoformat(resolved.iso)
    return None
