"""What to call an article when its source gave no title (issue 10: no "(untitled article)").

In order: the stored title (the HTML <title> or the feed's, set at ingest); the <title> of the
raw HTML kept in the store; the first line of the text when it reads like a headline; the last
part of the URL's path. Each comes with where it came from, so a page can mark a derived title
as such. A leaf module: the store and the web app both use it.
"""
from __future__ import annotations

import html
import re
from urllib.parse import unquote, urlsplit

MAX_TITLE = 160
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")

# Where a title came from: shown beside a derived one.
FROM_TITLE, FROM_HTML, FROM_FIRST_LINE, FROM_URL, NONE = (
    "title", "HTML title", "first line", "web address", "none")


def article_title(title: str | None, text: str | None = None, url: str | None = None,
                  raw: str | None = None, raw_format: str | None = None) -> tuple[str, str]:
    """(title, source): the best name for an article and where it came from."""
    if title and title.strip():
        return _clip(title), FROM_TITLE
    if raw and raw_format == "html":
        found = _TITLE_TAG.search(raw[:20000])
        if found:
            name = " ".join(html.unescape(_TAGS.sub(" ", found.group(1))).split())
            if name:
                return _clip(name), FROM_HTML
    if text:
        first = " ".join(next((line for line in text.splitlines() if line.strip()), "").split())
        if first:
            # A headline is short; a first paragraph is cut to its first words.
            words = first.split()
            if len(first) > MAX_TITLE or len(words) > 25:
                first = _clip(" ".join(words[:12]).rstrip(",;:") + "…")
            return first, FROM_FIRST_LINE
    slug = _slug(url)
    if slug:
        return slug, FROM_URL
    return "(untitled article)", NONE


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"


def _slug(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    segments = [s for s in unquote(parts.path).split("/") if s]
    for segment in reversed(segments):
        segment = re.sub(r"\.(s?html?|php|aspx?)$", "", segment, flags=re.I)
        words = [w for w in re.split(r"[-_+\s]+", segment) if w and not w.isdigit()]
        if len(words) >= 2 or (words and len(words[0]) > 3 and not segment.isdigit()):
            text = " ".join(words)
            return _clip(text[:1].upper() + text[1:])
    return parts.hostname or None


def outlet_of(publisher: str | None, url: str | None) -> tuple[str | None, bool]:
    """(outlet, derived): the publisher as stored, else the web site's host name (derived)."""
    if publisher and publisher.strip():
        return publisher.strip(), False
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if host:
            return (host[4:] if host.startswith("www.") else host), True
    return None, False
