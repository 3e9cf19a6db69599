"""Readers for local articles: .txt, .html/.htm, .json (one article), .jsonl (one per line), stdin.

Every problem becomes an InputError naming the input and the reason; nothing here raises
anything else for bad content.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from militantmap.article import Article
from militantmap.errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # one article; larger inputs are refused, not parsed for minutes
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_FIELDS = ("id", "url", "title", "publisher")


def read_article(path: str | Path, published: dt.date | None = None) -> Article:
    """Read one article from a file or "-" (stdin: a JSON object, or plain text)."""
    if str(path) == "-":
        data = _read_limited(sys.stdin.buffer, "<stdin>")
        return _from_bytes(data, "<stdin>", kind=None, published=published)
    p = Path(path)
    name = str(p)
    if not p.exists():
        raise InputError(name, "no such file", "check the path")
    if p.is_dir():
        raise InputError(name, "is a directory", "give one article file (or use `militantmap ingest` for folders)")
    try:
        with p.open("rb") as fh:
            data = _read_limited(fh, name)
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from None
    suffix = p.suffix.lower()
    kind = "html" if suffix in HTML_SUFFIXES else "json" if suffix == ".json" else "text"
    if suffix == ".jsonl":
        raise InputError(name, "is a JSONL batch", "use `--format jsonl` to extract one article per line")
    return _from_bytes(data, name, kind=kind, published=published)


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, Article | InputError]]:
    """(line number, Article or InputError) for each non-blank line of a JSONL file or stdin."""
    name = "<stdin>" if str(path) == "-" else str(path)
    if name != "<stdin>":
        p = Path(path)
        if not p.is_file():
            raise InputError(name, "no such file" if not p.exists() else "is not a file")
        try:
            fh: BinaryIO = p.open("rb")
        except OSError as err:
            raise InputError(name, f"cannot be read ({err.strerror or err})") from None
    else:
        fh = sys.stdin.buffer
    with fh:
        for line_no, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            where = f"{name}:{line_no}"
            try:
                yield line_no, _article_from_line(raw, where)
            except InputError as err:
                yield line_no, err


def _article_from_line(raw: bytes, where: str) -> Article:
    if len(raw) > MAX_BYTES:
        raise InputError(where, f"line too long ({len(raw):,} bytes; the limit is {MAX_BYTES:,})")
    text = _decode(raw, where)
    return article_from_json(_loads(text, where), where)


def _loads(text: str, where: str) -> Any:
    """json.loads with every failure as an InputError: malformed, or nested too deep for the
    parser (a hostile '[[[[...' recurses once per level)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(where, f"malformed JSON ({err.msg} at line {err.lineno} column {err.colno})") from None
    except RecursionError:
        raise InputError(where, "JSON nested too deeply to be an article", "give one flat JSON object") from None


def article_from_json(obj: Any, where: str, published: dt.date | None = None) -> Article:
    """An Article from a JSON object with text (or html) and optional metadata."""
    if not isinstance(obj, dict):
        raise InputError(where, f"expected a JSON object, got {type(obj).__name__}")
    art_id = obj.get("id")
    art_id = None if art_id is None else str(art_id)
    try:
        text, html = obj.get("text"), obj.get("html")
        if text is not None and not isinstance(text, str):
            raise InputError(where, '"text" must be a string')
        if html is not None and not isinstance(html, str):
            raise InputError(where, '"html" must be a string')
        if not (text and text.strip()) and not (html and html.strip()):
            raise InputError(where, 'no "text" (or "html") to extract from')
        warnings: list[str] = []
        try:
            pub = parse_published(obj.get("published"), where) or published
        except InputError as err:
            # A bad optional field never costs the text: the date is dropped with a warning.
            pub = published
            warnings.append(f"{err.reason}; the date was dropped and the text kept")
        meta = {k: obj[k] for k in _FIELDS[1:] if isinstance(obj.get(k), str)}
        warnings += [f'"{k}" must be a string, got {type(obj[k]).__name__}; dropped'
                     for k in _FIELDS[1:] if obj.get(k) is not None and not isinstance(obj[k], str)]
        art = Article(text=text or "", id=art_id, published=pub, html=html if not text else None,
                      source=where, warnings=warnings, **meta)
    except InputError as err:
        err.article_id = art_id  # type: ignore[attr-defined]  # a batch reports the line's id
        raise
    return art


def parse_published(value: Any, where: str) -> dt.date | None:
    """YYYY-MM-DD or an ISO datetime; anything else is an error naming the field."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(where, f'"published" must be a date string, got {value!r}')
    try:
        if len(value) > 10 and value[10] in "T ":
            return dt.datetime.fromisoformat(value).date()
        return dt.date.fromisoformat(value[:10] if len(value) >= 10 else value)
    except ValueError:
        raise InputError(where, f'"published" is not a valid date: {value!r}', "use YYYY-MM-DD") from None


def _read_limited(fh: BinaryIO | io.BufferedReader, name: str) -> bytes:
    data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(name, f"too large (over {MAX_BYTES // (1024 * 1024)} MB for one article)",
                         "split it into articles")
    return data


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:65536]:
        raise InputError(name, "binary content (NUL bytes), not a text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(name, f"not UTF-8 text (invalid byte at offset {err.start})",
                         "convert it with iconv -t UTF-8") from None


def _from_bytes(data: bytes, name: str, kind: str | None, published: dt.date | None) -> Article:
    if not data.strip():
        raise InputError(name, "empty file")
    text = _decode(data, name)
    if not text.strip():
        raise InputError(name, "empty file (only whitespace)")
    if kind is None:  # stdin: a JSON object if it looks like one, HTML if it looks like it
        stripped = text.lstrip()
        kind = "json" if stripped.startswith("{") else "html" if stripped[:15].lower().startswith(("<!doctype", "<html")) else "text"
    if kind == "json":
        return article_from_json(_loads(text, name), name, published)
    if kind == "html":
        return Article(text="", html=text, published=published, source=name)
    return Article(text=text, published=published, source=name)
