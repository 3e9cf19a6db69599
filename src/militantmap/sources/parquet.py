"""Articles from Parquet files: one row per article, with the columns of a JSONL line (text or
html, and optional id, url, title, publisher, published).

Parquet is how large backfills are usually kept (and what Ray Data reads best); reading it needs
pyarrow, which comes with the Ray extra (`pip install 'militantmap[ray]'`) or alone
(`pip install pyarrow`). Rows are read in record batches, so a file of any size streams; each
row is checked like a JSONL line (sources.files.article_from_json), so a bad row is reported
with its row number and the others are read.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from militantmap.article import Article
from militantmap.errors import InputError
from militantmap.sources.files import article_from_json

ROWS_PER_READ = 256  # rows decoded at a time: bounded memory whatever the file's row groups


def _value(v: Any) -> Any:
    """Parquet's date and timestamp columns arrive as Python dates: given as the ISO strings a
    JSONL line would hold, so one reader checks both."""
    return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v


def iter_parquet(path: str | Path) -> Iterator[Article | InputError]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputError(str(path), "reading Parquet needs pyarrow, which is not installed",
                         "pip install 'militantmap[ray]' (or pip install pyarrow), or give JSONL")
        return
    try:
        reader = pq.ParquetFile(path)
    except Exception as err:  # noqa: BLE001 - pyarrow raises ArrowInvalid, OSError, ...
        yield InputError(str(path), f"not a readable Parquet file ({type(err).__name__}: {err})")
        return
    row = 0
    for batch in reader.iter_batches(batch_size=ROWS_PER_READ):
        for rec in batch.to_pylist():
            row += 1
            where = f"{path}:row {row}"
            try:
                yield article_from_json({k: _value(v) for k, v in rec.items()}, where)
            except InputError as err:
                yield err
