"""Tables as analysts expect them: sorted on any column, paginated with counts that match what is
listed, and the filtered table downloadable as CSV or JSON."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from militantmap.errors import InputError

PER_PAGE = 100

# Sortable columns of the events table: column -> how to read it from an event row.
EVENT_SORTS = {"date": "date", "type": "type", "place": "location", "killed": "killed",
               "wounded": "wounded", "sources": "sources"}


@dataclass
class Page:
    rows: list[dict]
    total: int
    page: int
    pages: int
    first: int  # 1-based index of the first row shown (0 when none)
    last: int


def sort_rows(rows: list[dict], sort: str | None, order: str | None, columns: dict[str, str]) -> list[dict]:
    """Rows sorted on a column; missing values last whichever the order."""
    if not sort:
        return rows
    if sort not in columns:
        raise InputError("sort", f"cannot sort on {sort!r}", "sort on one of " + ", ".join(columns))
    if order not in (None, "", "asc", "desc"):
        raise InputError("order", f"{order!r} is not an order", "use asc or desc")
    key = columns[sort]
    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]

    def value(r: dict) -> Any:
        v = r[key]
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
