"""Whole-store answers kept between queries while the store is unchanged.

The network, the groups list and the ties of the whole store aggregate every relation and
article mention of the store: about a second at 100,000 articles, on every page view. They are
kept here and rebuilt when anything has been committed since (by this process or any other).

How a change is seen (SQLite): one watcher connection per store file asks `PRAGMA
data_version`, which changes whenever another connection commits (sqlite.org/pragma.html#pragma_data_version);
the watcher never writes, so every commit is another connection's. The version is read
*before* the caller takes its read snapshot: a commit that lands between the two makes the
entry look older than it is (rebuilt once more, never served stale). PostgreSQL has no such
cheap, snapshot-safe counter: there every call builds its answer afresh (no cache).
"""
from __future__ import annotations

import gc
import os
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine

_lock = threading.Lock()
_watchers: dict[str, tuple[int, sqlite3.Connection]] = {}
_entries: dict[tuple[str, str], tuple[tuple[int, int], Any]] = {}


def version(engine: Engine) -> tuple[int, int] | None:
    """The store's data version (with the file's inode: a store file replaced under the same
    path is another store), or None when it cannot be known (not SQLite)."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None
    path = engine.url.database
    try:
        inode = os.stat(path).st_ino
    except OSError:
        return None
    with _lock:
        inode_seen, watcher = _watchers.get(path, (None, None))
        try:
            if watcher is None or inode_seen != inode:
                if watcher is not None:
                    watcher.close()
                watcher = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
                _watchers[path] = (inode, watcher)
            return inode, int(watcher.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:  # e.g. a read-only store whose WAL index we may not open: no cache
            _watchers.pop(path, None)
            return None


def remembered(engine: Engine, name: str, seen: tuple[int, int] | None, build: Callable[[], Any]) -> Any:
    """`build()`'s answer, or the one kept from an earlier call at the same data version
    `seen` (read with `version` before the caller's snapshot). Callers must not change it."""
    if seen is None:
        return build()
    key = (str(engine.url), name)
    with _lock:
        kept = _entries.get(key)
    if kept is not None and kept[0] == seen:
        return kept[1]
    value = build()
    with _lock:
        _entries[key] = (seen, value)
        _settle()
    return value


def _settle() -> None:
    """Take the kept answers out of the cyclic garbage collector's generations. They are
    hundreds of thousands of objects that live until the store changes; every full collection
    that later queries trigger walked them all (the whole network's p95 was four times its
    p50). Collected first (what was frozen before too), so nothing that is garbage stays
    frozen; a replaced answer without cycles is freed by reference counting as usual."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def peek(engine: Engine, name: str, seen: tuple[int, int] | None) -> Any:
    """The kept answer if it is of data version `seen`, else None (nothing is built). A
    caller that uses it takes its own read snapshot afterwards, so its snapshot holds at least
    what the kept answer was built from."""
    if seen is None:
        return None
    with _lock:
        kept = _entries.get((str(engine.url), name))
    return kept[1] if kept is not None and kept[0] == seen else None


def forget() -> None:
    """Drop every kept answer (tests; a store file replaced under the same path)."""
    with _lock:
        _entries.clear()
        for _, watcher in _watchers.values():
            watcher.close()
        _watchers.clear()
