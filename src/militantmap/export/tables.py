"""Flat exports: CSV tables for spreadsheets and R/pandas, JSONL for programs.

CSV: `events` (one row per event, GTD-like columns) and `ties` (one row per tie). Lists in a
cell are joined with "; ". Text cells come from untrusted articles, so a cell a spreadsheet
would read as a formula (starting with = + - @, a tab or a carriage return) gets a leading
apostrophe (OWASP's advice against CSV injection); number cells are written as numbers.

JSONL: one JSON object per line with a "kind": group, person, tie (with its evidence
sentences), event (with its reports), in that order; the objects are those the query
functions return, so a line holds exactly what `militantmap group/ties/events --json` prints.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO

from militantmap.errors import InputError
from militantmap.export.collect import StoreData

LIST_SEPARATOR = "; "
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

EVENT_COLUMNS = [
    "event_id", "date", "type", "country", "location", "lat", "lon",
    "perpetrators", "perpetrator_ids", "claimed_by", "claimed_by_ids", "target",
    "killed", "killed_min", "killed_max", "wounded", "wounded_min", "wounded_max",
    "sources", "independent_sources", "source_urls", "evidence_ids", "concerns", "concerns_ids",
]
TIE_COLUMNS = [
    "id", "subject", "subject_id", "type", "object", "object_id", "polarity", "modality",
    "confidence", "articles", "independent_sources", "denials", "first_seen", "last_seen",
    "source_urls", "evidence_ids",
]
TABLES = {"events": EVENT_COLUMNS, "ties": TIE_COLUMNS}


def csv_safe(value) -> str | int | float:
    """A cell value a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START[:4]):
        return "'" + text
    return text


def _join(values) -> str:
    return LIST_SEPARATOR.join(str(v) for v in dict.fromkeys(v for v in values if v))


def event_rows(data: StoreData) -> list[dict]:
    return [event_row(e) for e in data.events]


def event_row(e: dict) -> dict:
    """One event (a queries.events item) as a row of events.csv: the export's and the events
    page's download share it."""
    return {
        "event_id": e["id"], "date": e["date"], "type": e["type"], "country": e["country"],
        "location": e["location"], "lat": e["lat"], "lon": e["lon"],
        "perpetrators": _join(r["name"] for r in e["perpetrators"]),
        "perpetrator_ids": _join(r["id"] for r in e["perpetrators"]),
        "claimed_by": _join(r["name"] for r in e["claimed_by"]),
        "claimed_by_ids": _join(r["id"] for r in e["claimed_by"]),
        "concerns": _join(r["name"] for r in e.get("concerns", [])),
        "concerns_ids": _join(r["id"] for r in e.get("concerns", [])),
        "target": e["target"],
        "killed": e["killed"], "killed_min": e["killed_min"], "killed_max": e["killed_max"],
        "wounded": e["wounded"], "wounded_min": e["wounded_min"], "wounded_max": e["wounded_max"],
        "sources": e["sources"], "independent_sources": e["independent_sources"],
        "source_urls": _join(r["article"]["url"] for r in e["reports"]),
        "evidence_ids": _join(r["evidence_id"] for r in e["reports"]),
    }


def tie_rows(data: StoreData) -> list[dict]:
    rows = []
    for t in data.ties:
        evidence = t.get("evidence", [])
        rows.append({
            "id": t["id"], "subject": t["subject"]["name"], "subject_id": t["subject"]["id"],
            "type": t["type"], "object": t["object"]["name"], "object_id": t["object"]["id"],
            "polarity": t["polarity"], "modality": t["modality"], "confidence": t["confidence"],
            "articles": t["articles"], "independent_sources": t["independent_sources"],
            "denials": t["denials"], "first_seen": t["first_seen"], "last_seen": t["last_seen"],
            "source_urls": _join(e["article"]["url"] for e in evidence),
            "evidence_ids": _join(e["id"] for e in evidence),
        })
    return rows


def write_table(table: str, data: StoreData, out: IO[str]) -> None:
    """One CSV table ("events" or "ties") with its header, RFC 4180 (CRLF line ends)."""
    write_rows(event_rows(data) if table == "events" else tie_rows(data), TABLES[table], out)


def write_rows(rows: list[dict], columns: list[str], out: IO[str]) -> None:
    """Rows as CSV with a header, every cell neutralised against formula injection."""
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_safe(v) for k, v in row.items()})


def write_csv_folder(data: StoreData, folder: Path) -> list[Path]:
    """events.csv and ties.csv in `folder` (created if missing, inside an existing folder);
    returns their paths."""
    if not folder.parent.is_dir():
        raise InputError(str(folder), f"the folder {folder.parent} does not exist",
                         "create it first, or give another --out")
    folder.mkdir(exist_ok=True)
    paths = []
    for table in TABLES:
        path = folder / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            write_table(table, data, fh)
        paths.append(path)
    return paths


def write_jsonl(data: StoreData, out: IO[str]) -> None:
    for kind, items in (("group", data.groups), ("person", data.people), ("tie", data.ties),
                        ("event", data.events)):
        for item in items:
            out.write(json.dumps({"kind": kind, **item}, ensure_ascii=False, allow_nan=False) + "\n")
