"""Exports of the knowledge graph for other tools.

    stix     STIX 2.1 bundle (OpenCTI, MISP, TAXII servers)         export.stix
    graphml  GraphML network (Gephi, Cytoscape, yEd, networkx)     export.graph
    gexf     GEXF network (Gephi)                                  export.graph
    csv      events.csv and ties.csv (Excel, R, pandas)            export.tables
    jsonl    groups, people, ties, events: one JSON object a line  export.tables

The store is read once (`collect.load`); every writer is a pure function of that data, so the
same store always gives byte-identical files. `export()` is what the CLI calls.
"""
from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

from militantmap.errors import InputError
from militantmap.export.collect import StoreData, load
from militantmap.export.graph import build_graph, write_gexf, write_graphml
from militantmap.export.stix import stix_objects, write_stix
from militantmap.export.tables import TABLES, csv_safe, write_csv_folder, write_jsonl, write_table

FORMATS = ("stix", "graphml", "gexf", "csv", "jsonl")

__all__ = ["FORMATS", "TABLES", "StoreData", "build_graph", "csv_safe", "export", "load", "stix_objects",
           "write_csv_folder", "write_gexf", "write_graphml", "write_jsonl", "write_stix", "write_table"]


def _writer(fmt: str, data: StoreData, table: str | None, people: bool) -> Callable[[IO[bytes]], None]:
    """A function writing the export as UTF-8 bytes to a binary stream."""
    if fmt in ("graphml", "gexf"):
        graph = build_graph(data, people=people)
        if fmt == "graphml":
            return lambda fh: write_graphml(graph, fh)
        return lambda fh: write_gexf(graph, fh, modified=data.latest_date)

    def text(fh: IO[bytes]) -> None:
        # newline="": no translation, so CSV keeps its CRLF and the rest their LF everywhere.
        wrapper = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
        try:
            if fmt == "stix":
                write_stix(data, wrapper)
            elif fmt == "jsonl":
                write_jsonl(data, wrapper)
            else:
                write_table(table or "events", data, wrapper)
            wrapper.flush()
        finally:
            wrapper.detach()  # leave the caller's stream open

    return text


def export(fmt: str, db_url: str | None = None, out: Path | None = None, *, stream: IO[bytes] | None = None,
           table: str | None = None, people: bool = False, min_confidence: float = 0.0) -> list[Path]:
    """Export the store at `db_url` as `fmt` to the file `out`, or to the binary `stream` when
    `out` is None. For csv, `out` is a folder receiving events.csv and ties.csv, unless `table`
    names one table: then `out` is that table's file. Returns the files written. A file is
    written under a temporary name and renamed when complete: a failed export leaves no
    half-written file."""
    if fmt not in FORMATS:
        raise InputError("export", f"unknown format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    if table is not None and table not in TABLES:
        raise InputError("export", f"unknown table {table!r}", "use events or ties")
    if fmt == "csv" and out is None and table is None:
        raise InputError("export csv", "two tables cannot share one stream",
                         "give --out FOLDER for events.csv and ties.csv, or --table events|ties")
    _check_store(db_url)
    data = load(db_url, min_confidence=min_confidence)
    if out is None:
        if stream is None:
            raise InputError("export", "nowhere to write", "give a file or a stream")
        _writer(fmt, data, table, people)(stream)
        stream.flush()
        return []
    if fmt == "csv" and table is None:
        if out.exists() and not out.is_dir():
            raise InputError(str(out), "is a file, and csv writes two tables",
                             "give a folder for events.csv and ties.csv, or --table events|ties")
        if not out.parent.is_dir():
            raise InputError(str(out), f"the folder {out.parent} does not exist",
                             "create it first, or give another --out")
        out.mkdir(exist_ok=True)  # the csv folder itself is made, inside an existing one
        return [_write_file(out / f"{t}.csv", _writer(fmt, data, t, people)) for t in TABLES]
    return [_write_file(out, _writer(fmt, data, table, people))]


def _check_store(db_url: str | None) -> None:
    """Exporting a SQLite file that does not exist would create an empty store and export
    nothing: a mistyped --db says so instead."""
    from militantmap.store.db import missing_store

    path = missing_store(db_url)
    if path is not None:
        raise InputError(path, "no store here",
                         "check --db (or MILITANTMAP_DB); `militantmap ingest PATH` creates a store")


def _write_file(path: Path, write: Callable[[IO[bytes]], None]) -> Path:
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        if not path.parent.is_dir():
            raise InputError(str(path), f"the folder {path.parent} does not exist",
                             "create it first, or give another --out")
        with tmp.open("wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except OSError as err:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # the folder itself could not be made: there is no temporary file
        raise InputError(str(path), f"cannot be written ({err.strerror or err})") from None
    return path
