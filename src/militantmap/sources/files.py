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
    with open_regular(p, name) as fh:
        try:
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
        if not p.exists():
            raise InputError(name, "no such file")
        fh: BinaryIO = open_regular(p, name)
    else:
        fh = sys.stdin.buffer
    with fh:
        line_no = 0
        while True:
            # Never more than MAX_BYTES of one line in memory: a longer line is reported and
            # skipped up to its newline (issue 11: a 300 MB line was read whole first).
            raw = fh.readline(MAX_BYTES + 1)
            if not raw:
                break
            line_no += 1
            where = f"{name}:{line_no}"
            if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
                skipped = len(raw) + _skip_line(fh)
                yield line_no, InputError(where, f"line longer than {MAX_BYTES:,} bytes "
                                                 f"({skipped:,}), skipped", "one article a line")
                continue
            if not raw.strip():
                continue
            try:
                yield line_no, _article_from_line(raw, where)
            except InputError as err:
                yield line_no, err


def _skip_line(fh: BinaryIO) -> int:
    """Read past the rest of a line, a megabyte at a time; the bytes skipped."""
    skipped = 0
    while chunk := fh.readline(1024 * 1024):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def open_regular(path: Path, name: str) -> BinaryIO:
    """Open a regular file for reading, or raise InputError: a FIFO, a device or a socket is
    never read (opening a FIFO would wait for a writer forever; a device may never end). The
    file is opened without blocking and checked on the open descriptor, so a file swapped for a
    FIFO after a check is still refused."""
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})",
                         "check its permissions") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = special_kind(mode)
            raise InputError(name, f"{kind}, not a regular file: not opened",
                             "give files of articles")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def special_kind(mode: int) -> str:
    import stat

    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _article_from_line(raw: bytes, where: str) -> Article:
    if len(raw) > MAX_BYTES:
        raise InputError(where, f"line longer than {MAX_BYTES:,} bytes ({len(raw):,})")
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
