"""HTML page -> article text and metadata, with trafilatura.

trafilatura finds the main text (paragraphs become lines; scripts, styles, navigation and
comments are dropped) and reads the page's metadata (og:title, article:published_time,
og:site_name, the canonical URL). The title is returned apart from the text. Hostile pages
(binary junk, absurd size or nesting, broken markup) give an InputError with the reason or an
empty text, never a crash.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from militantmap.errors import InputError

__all__ = ["HtmlText", "html_to_text"]

# Bigger than any news page; parsing more would only cost memory and time (1 MB takes ~1 s).
MAX_HTML_CHARS = 5_000_000
# Share of control characters above which the input is binary data, not markup.
MAX_CONTROL_SHARE = 0.01


@dataclass
class HtmlText:
    text: str
    title: str | None
    published: dt.date | None
    publisher: str | None
    url: str | None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def html_to_text(html: str, url: str | None = None) -> HtmlText:
    """Main text of an HTML page (one paragraph per line) and its metadata."""
    source = url or "<html>"
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not isinstance(html, str):
        raise InputError(source, f"HTML must be text, not {type(html).__name__}")
    if len(html) > MAX_HTML_CHARS:
        raise InputError(source, f"HTML too large ({len(html):,} characters; the limit is "
                         f"{MAX_HTML_CHARS:,})", "save the article page alone")
    head = html[:65536]
    if head and len(_CONTROL.findall(head)) / len(head) > MAX_CONTROL_SHARE:
        raise InputError(source, "binary content, not HTML", "pass a text or HTML file")
    html = _CONTROL.sub("", html)
    empty = HtmlText(text="", title=None, published=None, publisher=None, url=url)
    if not html.strip() or "<" not in html:
        return empty

    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_formatting=False, include_links=False, deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError, MemoryError) as err:
        # lxml and trafilatura signal unparseable markup this way; the page is unusable.
        raise InputError(source, f"unreadable HTML ({type(err).__name__})") from None
    if doc is None:
        meta = _metadata(html, url)
        return HtmlText(text="", title=meta.title, published=meta.published,
                        publisher=meta.publisher, url=meta.url)
    title = _clean(getattr(doc, "title", None))
    text = _drop_title_line(getattr(doc, "text", None) or "", title)
    return HtmlText(
        text=text,
        title=title,
        published=_date(getattr(doc, "date", None)),
        publisher=_clean(getattr(doc, "sitename", None)) or _clean(getattr(doc, "hostname", None)),
        url=_clean(getattr(doc, "url", None)) or url,
    )


def _metadata(html: str, url: str | None) -> HtmlText:
    """Metadata of a page whose main text trafilatura could not find."""
    from trafilatura import extract_metadata

    try:
        meta = extract_metadata(html, default_url=url)
    except (ValueError, TypeError, RecursionError, MemoryError):
        meta = None
    if meta is None:
        return HtmlText(text="", title=None, published=None, publisher=None, url=url)
    return HtmlText(
        text="",
        title=_clean(meta.title),
        published=_date(meta.date),
        publisher=_clean(meta.sitename) or _clean(meta.hostname),
        url=_clean(meta.url) or url,
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; the title is returned on its own."""
    text = text.strip("\n")
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if re.sub(r"\W+", " ", first).strip().lower() == re.sub(r"\W+", " ", title).strip().lower():
        return rest.lstrip("\n")
    return text
