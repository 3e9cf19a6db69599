"""A store built once per test module and copied for each test, since building is the slow part
(used by the curation and summary tests)."""
from __future__ import annotations

import shutil
from pathlib import Path

from militantmap.store.db import get_engine


def settle(path: Path) -> str:
    """Fold the write-ahead log into the file, so that copying the file copies all of the store."""
    engine = get_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return str(path)


def copy_of(template: str, tmp_path: Path) -> str:
    """A fresh copy of a settled template store, as a database URL."""
    path = tmp_path / "store.db"
    shutil.copy(template, path)
    return f"sqlite:///{path}"
