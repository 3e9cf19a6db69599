"""Tables as analysts expect them: sorted on any column, paginated with counts that match what is
listed, and the filtered table downloadable as CSV or JSON."""
from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from militantmap.errors import InputError

PER_PAGE = 100
Column = str | Callable[[dict], Any]


def _names(field: str) -> Callable[[dict], Any]:
    def read(row: dict) -> str | None:
        names = [str((p or {}).get("name") or "") for p in row.get(field) or []]
        return ", ".join(n for n in names if n) or None
    return read


def _name_of(field: str) -> Callable[[dict], Any]:
    return lambda row: (row.get(field) or {}).get("name")


# Sortable columns of each table: column -> the row's key, or a function reading the row.
EVENT_SORTS: dict[str, Column] = {
    "date": "date", "type": "type", "perpetrators": _names("perpetrators"), "place": "location",
    "target": "target", "killed": "killed", "wounded": "wounded", "sources": "sources"}
GROUP_SORTS: dict[str, Column] = {
    "name": "name", "aliases": lambda g: len(g.get("aliases") or []), "country": "country",
    "articles": "articles", "ties": "ties", "events": "events", "first_seen": "first_seen",
    "last_seen": "last_seen"}
TIE_SORTS: dict[str, Column] = {
    "subject": _name_of("subject"), "type": "type", "object": _name_of("object"),
    "modality": "modality", "confidence": "confidence", "sources": "independent_sources",
    "denials": "denials", "first_seen": "first_seen", "last_seen": "last_seen"}
GROUP_COLUMNS = ["id", "name", "aliases", "country", "region", "parent", "articles", "ties",
                 "events", "first_seen", "last_seen"]


@dataclass
class Page:
    rows: list[dict]
    total: int
    page: int
    pages: int
    first: int  # 1-based index of the first row shown (0 when none)
    last: int


def sort_rows(rows: list[dict], sort: str | None, order: str | None,
              columns: dict[str, Column]) -> list[dict]:
    """Rows sorted on a column; missing values last whichever the order."""
    if not sort:
        return rows
    if sort not in columns:
        raise InputError("sort", f"cannot sort on {sort!r}", "sort on one of " + ", ".join(columns))
    if order not in (None, "", "asc", "desc"):
        raise InputError("order", f"{order!r} is not an order", "use asc or desc")
    column = columns[sort]
    read: Callable[[dict], Any] = column if callable(column) else (lambda r: r.get(column))
    present = [r for r in rows if read(r) is not None]
    missing = [r for r in rows if read(r) is None]

    def value(r: dict) -> Any:
        v = read(r)
        return v.casefold() if isinstance(v, str) else v

    return sorted(present, key=value, reverse=order == "desc") + missing


def paginate(rows: list[dict], page: int | str | None, per_page: int = PER_PAGE,
             total: int | None = None) -> Page:
    """One page of rows. `total`: rows are only the first of that many, enough to hold the
    page (the rest were never built)."""
    try:
        number = int(page) if page not in (None, "") else 1
    except (TypeError, ValueError):
        raise InputError("page", f"{page!r} is not a page number") from None
    total = len(rows) if total is None else total
    pages = max(1, math.ceil(total / per_page))
    if not 1 <= number <= pages:
        raise InputError("page", f"page {number} is outside 1..{pages}")
    start = (number - 1) * per_page
    shown = rows[start:start + per_page]
    return Page(shown, total, number, pages, start + 1 if shown else 0, start + len(shown))


def window(rows: list[Any], limit: int | None, offset: int) -> list[Any]:
    """The API's limit/offset slice (the total goes in the X-Total-Count header)."""
    return rows[offset:offset + limit] if limit is not None else rows[offset:]


def table_view(path: str, params: list[tuple[str, str]], rows: list[dict], columns: dict[str, Column],
               sort: str | None, order: str | None, page: str | None, total: int | None = None) -> dict:
    """What a page template needs for a sortable, paginated table with downloads: the page of
    rows, links that sort on each column (a second click reverses), the pager's base link and
    the query string of the downloads (every filter and the sort, every page). `total`: the
    rows are only the first of that many (see `paginate`)."""
    table = paginate(sort_rows(rows, sort, order, columns), page, total=total)
    keep = [(k, v) for k, v in params if k not in ("sort", "order", "page")]
    sort_urls = {col: path + "?" + urlencode(
        keep + [("sort", col), ("order", "asc" if (sort, order) == (col, "desc") else "desc")])
        for col in columns}
    page_url = path + "?" + urlencode([(k, v) for k, v in params if k != "page"] + [("page", "")])
    download = urlencode([(k, v) for k, v in params if k != "page"])
    return {"table": table, "sort": sort, "order": order, "sort_urls": sort_urls,
            "page_url": page_url, "download": download}


def csv_text(rows: list[dict], columns: list[str]) -> str:
    """Rows as CSV (the exports' writer: formula-safe cells, CRLF)."""
    from militantmap.export.tables import write_rows

    out = io.StringIO()
    write_rows([{c: _cell(r.get(c)) for c in columns} for r in rows], columns, out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, dict):
        return value.get("name") or value.get("id")
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_cell(v)) for v in value)
    return value
