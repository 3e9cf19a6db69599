"""Links that come from articles are untrusted: one rule for every place that shows or exports one."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

# Control characters and spaces in a URL are how filters get fooled (one regex: pages list
# thousands of article links, and a Python loop over each character cost 0.2 ms a link).
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
# The common case, decided without urlsplit (pages list thousands of links): http(s), a plain
# host name, an optional port, then anything but control characters and spaces. Every URL it
# matches is one urlsplit accepts with that scheme and a host; any other goes the long way.
_PLAIN = re.compile(r"(?i:https?)://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#][^\x00-\x20\x7f]*)?")


def safe_url(url: object) -> str | None:
    """The URL when it is an absolute http(s) link, else None (no javascript:, data:, etc.)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if _PLAIN.fullmatch(url):
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if _CONTROL.search(url):  # refused outright (see _CONTROL)
        return None
    return url
