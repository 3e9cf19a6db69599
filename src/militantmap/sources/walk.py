"""Turning the paths a user gives `ingest` into a stream of articles (or reasons to skip)."""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from militantmap.article import Article
from militantmap.errors import InputError
from militantmap.sources.files import iter_jsonl, read_article, special_kind
from militantmap.sources.parquet import iter_parquet
from militantmap.sources.warc import iter_warc

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".xhtml", ".json"}
BATCH_SUFFIXES = {".jsonl", ".warc", ".gz", ".parquet"}


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files under the given paths, recursively, in a stable order. A symlink that points
    outside the directory being walked is skipped (reported), never followed."""
    for raw in paths:
        root = Path(raw)
        try:
            mode = root.stat().st_mode
        except FileNotFoundError:
            yield InputError(str(root), "no such file or directory")
            continue
        except OSError as err:
            yield InputError(str(root), f"cannot be read ({err.strerror or err})", "check its permissions")
            continue
        if stat.S_ISREG(mode):
            yield root
            continue
        if not stat.S_ISDIR(mode):
            yield InputError(str(root), f"{special_kind(mode)}, not a regular file: not opened",
                             "give files or folders of articles")
            continue
        real_root = root.resolve()
        unreadable: list[OSError] = []  # folders os.walk could not list: reported, not skipped silently
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable.append):
            yield from _unreadable(unreadable)
            dirnames.sort()
            for d in list(dirnames):
                full = Path(dirpath) / d
                if full.is_symlink() and not _inside(full.resolve(), real_root):
                    dirnames.remove(d)
                    yield InputError(str(full), "symlink to a folder outside the ingested directory, not followed")
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                full = Path(dirpath) / name
                if full.is_symlink() and not _inside(full.resolve(), real_root):
                    yield InputError(str(full), "symlink to a file outside the ingested directory, not followed")
                    continue
                try:
                    mode = full.stat().st_mode
                except OSError as err:
                    yield InputError(str(full), f"cannot be read ({err.strerror or err})",
                                     "check its permissions (a broken link?)")
                    continue
                if not stat.S_ISREG(mode):  # a FIFO would hang the run; a device may never end
                    yield InputError(str(full), f"{special_kind(mode)}, not a regular file: not opened")
                    continue
                yield full
        yield from _unreadable(unreadable)


def _unreadable(errors: list[OSError]) -> Iterator[InputError]:
    while errors:
        err = errors.pop(0)
        yield InputError(str(err.filename), f"folder cannot be read ({err.strerror or err}), skipped",
                         "check its permissions")


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Articles from files of any supported kind; "-" is JSONL on stdin."""
    for raw in paths:
        if str(raw) == "-":
            for _, item in iter_jsonl("-"):
                yield item
            continue
        for path in iter_paths([raw]):
            if isinstance(path, InputError):
                yield path
                continue
            yield from _articles_of(path)


def _articles_of(path: Path) -> Iterator[Article | InputError]:
    name = path.name.lower()
    try:
        if name.endswith(".jsonl"):
            for _, item in iter_jsonl(path):
                yield item
        elif name.endswith((".warc", ".warc.gz")):
            yield from iter_warc(path)
        elif name.endswith(".parquet"):
            yield from iter_parquet(path)
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            yield read_article(path)
        else:
            yield InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}",
                             "militantmap reads .txt, .html, .json, .jsonl, .parquet and .warc(.gz)")
    except InputError as err:
        yield err
    except Exception as err:  # noqa: BLE001 - a reader's bug on one file must not end the run
        # Third-party readers (warcio on a truncated archive) raise what they like; the file is
        # reported with the reason and the articles read before the failure are kept.
        yield InputError(str(path), f"could not be read to the end ({type(err).__name__}: {err})",
                         "check that the file is complete; the articles before the fault were read")
