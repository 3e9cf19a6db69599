"""Geometry for the server-drawn SVG charts: a group's timeline and the events map markers.

Drawn on the server as plain SVG (no script, so nothing for the CSP to allow), with every label
passed through the template's escaping.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

from militantmap import schema
from militantmap.web.basemap import BaseMap, country_centre, project

EVENT_TYPES = list(schema.EVENT_TYPES)


def type_class(event_type: str | None) -> str:
    return event_type if event_type in EVENT_TYPES else "other"


def parse_partial_date(value: str | None) -> dt.date | None:
    """'2016', '2016-10' or '2016-10-24' -> a date (middle of the period for partial dates)."""
    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 7, 1)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 15)
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def timeline(events: list[dict], width: int = 960) -> dict:
    """One row per event type, one dot per dated event, linked to its evidence.

    Each event dict needs: type, date, evidence_url, and a title for the tooltip.
    """
    parsed = [(parse_partial_date(e.get("date")), e) for e in events]
    undated = sum(1 for d, _ in parsed if d is None)
    dated = [(d, e) for d, e in parsed if d is not None]
    left, right = 130, width - 20
    if not dated:
        return {"dots": [], "undated": undated, "width": width, "height": 0}
    types = [t for t in EVENT_TYPES if any(type_class(e.get("type")) == t for _, e in dated)]
    if any(type_class(e.get("type")) == "other" for _, e in dated):
        types.append("other")
    rows = {t: 24 + i * 26 for i, t in enumerate(types)}
    axis_y = 24 + len(types) * 26
    start = min(d for d, _ in dated)
    end = max(d for d, _ in dated)
    # Pad the range so a single date or a short burst still sits inside the axis.
    span_days = max((end - start).days, 1)
    pad = max(span_days // 20, 15)
    start, end = start - dt.timedelta(days=pad), end + dt.timedelta(days=pad)
    total = (end - start).days

    def x_of(day: dt.date) -> float:
        return round(left + (day - start).days / total * (right - left), 1)

    stacked: Counter[tuple[str, float]] = Counter()
    dots = []
    for day, ev in sorted(dated, key=lambda p: p[0]):
        cls = type_class(ev.get("type"))
        x = x_of(day)
        # Events on (nearly) the same day stack upward instead of hiding one another.
        slot = (cls, round(x / 6))
        y = rows[cls] - 5 * stacked[slot]
        stacked[slot] += 1
        dots.append({"x": x, "y": y, "r": 5, "type_class": cls, "url": ev.get("evidence_url"),
                     "title": ev.get("title") or ev.get("type", "")})
    ticks = [{"x": x_of(d), "label": label} for d, label in _ticks(start, end)]
    return {"dots": dots, "ticks": ticks, "undated": undated, "width": width,
            "height": axis_y + 26, "axis_y": axis_y, "left": left, "right": right,
            "rows": [{"label": t.replace("_", " "), "y": y} for t, y in rows.items()]}


def _ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    days = (end - start).days
    if days > 3 * 365:
        step = max(1, math.ceil((end.year - start.year) / 10))
        return [(dt.date(y, 1, 1), str(y)) for y in range(start.year + 1, end.year + 1, step)]
    months = []
    y, m = start.year, start.month
    while True:
        m += 1
        if m > 12:
            y, m = y + 1, 1
        day = dt.date(y, m, 1)
        if day > end:
            break
        months.append(day)
    step = max(1, math.ceil(len(months) / 12))
    return [(d, d.strftime("%b %Y")) for d in months[::step]]


def map_markers(base: BaseMap, events: list[dict]) -> tuple[list[dict], int]:
    """Markers for events with coordinates (place) or at least a country; and how many had
    neither. Events at the same spot are drawn as one bigger marker."""
    spots: dict[tuple[float, float, bool], list[dict]] = {}
    unplaced = 0
    for ev in events:
        lat, lon = ev.get("lat"), ev.get("lon")
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
            key = (*project(float(lat), float(lon)), False)
        else:
            centre = country_centre(base, ev.get("country"))
            if centre is None:
                unplaced += 1
                continue
            key = (*centre, True)
        spots.setdefault(key, []).append(ev)
    markers: list[dict[str, Any]] = []
    for (x, y, country_level), evs in sorted(spots.items(), key=lambda kv: -len(kv[1])):
        first = evs[0]
        place = first.get("location") or first.get("country") or ""
        title = f"{place}: {len(evs)} event(s)" if len(evs) > 1 else first.get("title", place)
        markers.append({"x": x, "y": y, "r": round(3 + 2.2 * math.sqrt(len(evs) - 1), 1),
                        "type_class": type_class(first.get("type")),
                        "country_level": country_level, "title": title,
                        # One event: its evidence; several: the table filtered to this place.
                        "url": first.get("evidence_url") if len(evs) == 1
                        else first.get("place_url") or first.get("evidence_url")})
    # Big markers first so small ones on top stay clickable.
    markers.sort(key=lambda m: -m["r"])
    return markers, unplaced
