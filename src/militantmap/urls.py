"""Links that come from articles are untrusted: one rule for every place that shows or exports one."""
from __future__ import annotations

from urllib.parse import urlsplit


def safe_url(url: object) -> str | None:
    """The URL when it is an absolute http(s) link, else None (no javascript:, data:, etc.)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Control characters and spaces in a URL are how filters get fooled; refuse them outright.
    if any(ord(ch) < 0x21 or ch == "\x7f" for ch in url):
        return None
    return url
