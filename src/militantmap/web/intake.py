"""Articles in: pasted on the ingest page, uploaded as files, or posted to /api/articles, all
read by the CLI's readers and stored by the store's own ingest (the same pipeline as
`militantmap ingest`).
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence

from militantmap.article import Article
from militantmap.errors import InputError
from militantmap.web.data import evidence_url
from militantmap.web.security import safe_url


def pasted_article(text: str, title: str | None, url: str | None,
                   published: dt.date | None) -> Article:
    url = (url or "").strip() or None
    if url is not None and safe_url(url) is None:
        raise InputError("url", f"{url[:80]!r} is not an http(s) address",
                         "leave it empty or give the article's web address")
    return Article(text=text, title=(title or "").strip() or None, url=url, published=published,
                   source="pasted text")


def api_article(item: dict, name: str) -> Article:
    """An article from the API's JSON, read like a .json file given to `militantmap ingest`."""
    from militantmap.sources import article_from_json

    url = item.get("url")
    if url and safe_url(url) is None:
        raise InputError(f"{name}.url", f"{url[:80]!r} is not an http(s) address")
    art = article_from_json({k: v for k, v in item.items() if v is not None}, name)
    if art.warnings:
        # A client that sends a field means it: the API refuses what a batch reader would drop
        # with a warning, so nothing is stored under a date the client did not give.
        raise InputError(name, art.warnings[0].split(";")[0], "fix the field or leave it out")
    return art


# One ingest at a time through the shared extractor (spaCy's memory zones are per process):
# held for one chunk of articles at a time (store.ingest.BATCH), each article bounded in size and
# time (militantmap.budget), so another analyst's ingest waits seconds, not for a whole upload.
_INGEST_LOCK = threading.Lock()


def ingest(db_url: str, articles: Sequence[Article | InputError]) -> dict:
    """Articles through the same pipeline as `militantmap ingest` (inputs that could not be
    read are passed along, so they are reported as skipped, with their reason, like the CLI's)."""
    from militantmap.store import ingest_articles  # the spaCy model loads on the first call

    summary = ingest_articles(db_url, articles, lock=_INGEST_LOCK)
    if isinstance(summary, dict):
        return summary
    return summary.as_dict() if hasattr(summary, "as_dict") else dict(vars(summary))


def ingest_report(summary: dict) -> dict:
    """The ingest summary as the ingest page says it: one sentence and the problems by name."""
    def count(key: str) -> int:
        value = summary.get(key) or 0
        return len(value) if isinstance(value, (list, tuple)) else int(value)

    parts = [f"{count('new')} new article{'s' if count('new') != 1 else ''} added"]
    for key, label in (("known", "already in the store"), ("near_duplicates", "near-duplicates"),
                       ("non_english", "not in English"), ("skipped", "skipped")):
        if count(key):
            parts.append(f"{count(key)} {label}")
    errors = summary.get("errors") or []
    if errors:
        parts.append(f"{len(errors)} could not be read")
    items = [{"label": str(e.get("source", "?")), "note": str(e.get("reason", "")), "url": None}
             for e in errors if isinstance(e, dict)]
    # If the store says which articles it added, link each to its text.
    for art in summary.get("articles") or []:
        if isinstance(art, dict) and art.get("id") is not None:
            items.append({"label": art.get("title") or f"article {art['id']}",
                          "note": art.get("status"),
                          "url": evidence_url(f"article:{art['id']}")})
    return {"summary": "; ".join(parts) + ".", "entries": items, "ok": count("new") > 0}


UPLOAD_SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl"}


def uploaded_articles(uploads: list[tuple[str, bytes]], published: dt.date | None
                      ) -> list[Article | InputError]:
    """Articles from uploaded files, read by the same readers as `militantmap ingest`; a file
    or line that cannot be read becomes an InputError in the list (reported, not fatal).

    Each upload is written to a private temporary folder under a fixed name (only its suffix is
    taken from the client), read there, and the folder is removed: no path from the request ever
    reaches the file system. Messages name the file as the analyst called it.
    """
    import tempfile
    from pathlib import Path, PurePath

    from militantmap.sources import iter_jsonl, read_article

    items: list[Article | InputError] = []
    with tempfile.TemporaryDirectory(prefix="militantmap-upload-") as tmp:
        for index, (name, content) in enumerate(uploads):
            shown = PurePath(name.replace("\\", "/")).name[:120] or f"file {index + 1}"
            suffix = PurePath(shown).suffix.lower()
            if suffix not in UPLOAD_SUFFIXES:
                items.append(InputError(shown, f"{suffix or 'no suffix'}: not a file type we read",
                                        "upload .txt, .html, .json or .jsonl files"))
                continue
            path = Path(tmp) / f"upload-{index}{suffix}"
            path.write_bytes(content)
            try:
                if suffix == ".jsonl":
                    for line_no, item in iter_jsonl(path):
                        items.append(_renamed(item, path, shown) if isinstance(item, InputError)
                                     else _uploaded(item, f"{shown}:{line_no}", published))
                else:
                    items.append(_uploaded(read_article(path), shown, published))
            except InputError as err:
                items.append(_renamed(err, path, shown))
    return items


def _renamed(err: InputError, path: object, shown: str) -> InputError:
    """'<tmp>/upload-0.jsonl:3: ...' -> 'mine.jsonl:3: ...': the name the analyst knows, and
    nothing of the server's file system."""
    where = err.source
    if where.startswith(str(path)):
        where = shown + where[len(str(path)):]
    return InputError(where, err.reason, err.hint)


def _uploaded(article: Article, shown: str, published: dt.date | None) -> Article:
    article.source = shown
    if article.published is None and published is not None:
        article.published = published
    if article.url is not None and safe_url(article.url) is None:
        article.url = None  # keep the article, drop a link we would never show
    return article


# API (the store's own JSON) ------------------------------------------------------------------
