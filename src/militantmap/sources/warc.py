"""Articles from WARC archives (.warc, .warc.gz): the HTML of each HTTP response record."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from militantmap.article import Article
from militantmap.errors import InputError

MAX_RECORD = 20 * 1024 * 1024


def iter_warc(path: str | Path) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from militantmap.sources.files import open_regular

    name = str(path)
    try:
        fh = open_regular(Path(path), name)  # closed by the with below; a FIFO is never opened
    except InputError as err:
        yield err
        return
    with fh:
        try:
            for n, record in enumerate(ArchiveIterator(fh), 1):
                if record.rec_type != "response":
                    continue
                where = f"{name}#{n}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if "html" not in ctype.lower():
                    continue
                body = record.content_stream().read(MAX_RECORD + 1)
                if len(body) > MAX_RECORD:
                    yield InputError(where, "response too large", f"{url}")
                    continue
                charset = "utf-8"
                if "charset=" in ctype.lower():
                    charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip() or "utf-8"
                try:
                    html = body.decode(charset, errors="replace")
                except LookupError:
                    html = body.decode("utf-8", errors="replace")
                published = None
                wdate = record.rec_headers.get_header("WARC-Date")
                if wdate:
                    try:
                        published = dt.datetime.fromisoformat(wdate).date()
                    except ValueError:
                        published = None
                # The crawl date is only a fallback: the page's own date wins (html_to_text).
                yield Article(text="", html=html, url=url, source=where,
                              meta={"crawl_date": published.isoformat() if published else ""})
        except ArchiveLoadFailed as err:
            yield InputError(name, f"not a readable WARC archive ({err})")
            return
        except (OSError, EOFError, ValueError) as err:
            yield InputError(name, f"truncated or corrupt WARC archive ({err})")
            return
    problem = _gzip_problem(path)
    if problem:
        yield InputError(name, f"could not be read to the end ({problem})",
                         "check that the file is complete; the articles before the fault were read")


def _gzip_problem(path: str | Path) -> str | None:
    """warcio ends quietly at a .warc.gz cut inside a record (a partial download): the records
    before it come out and the rest is lost without a word. One streaming pass of gzip over
    the file tells a complete archive from a cut one (issue 11)."""
    import gzip
    import zlib

    with open(path, "rb") as fh:
        if fh.read(2) != b"\x1f\x8b":
            return None  # not gzip: an uncompressed .warc
    try:
        with gzip.open(path, "rb") as gz:
            while gz.read(1024 * 1024):
                pass
    except EOFError:
        return "truncated: the archive ends inside a record"
    except (OSError, zlib.error) as err:
        return f"corrupt gzip data: {err}"
    return None
