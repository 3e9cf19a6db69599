"""Events reported by several articles merged into one incident.

Two reports are one incident when their type agrees, their places agree (same country and the
same place name, or within MAX_KM of each other, or one is the province or region the other
lies in and both give the same day), and their dates agree within a day (or, when one is only
known to the month or year, fall in it). Reports without a date or place never merge: "an
attack" with nothing to pin it down is not evidence of sameness. An incident known only by its
province takes the town of a report that names one.
"""
from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from militantmap.extract.geo import get_geocoder
from militantmap.nlp.gazetteer import normalize
from militantmap.store.schema import incidents

MAX_KM = 25.0


def _parse(d: str | None) -> dt.date | None:
    if d and len(d) == 10:
        try:
            return dt.date.fromisoformat(d)
        except ValueError:
            return None
    return None


def dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    da, db = _parse(a), _parse(b)
    if da and db:
        return abs((da - db).days) <= 1
    return a.startswith(b) or b.startswith(a)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def places_agree(a: dict, b: dict) -> bool:
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return False
    na, nb = normalize(a.get("location_name") or ""), normalize(b.get("location_name") or "")
    if na and nb and (na == nb or na in nb or nb in na):
        return True
    if None not in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        if km(a["lat"], a["lon"], b["lat"], b["lon"]) <= MAX_KM:
            return True
    # "Balochistan" and "Sibi" on the same day: the province holds the town
    same_day = _parse(a.get("date")) is not None and _parse(b.get("date")) is not None
    return bool(same_day and a.get("country") and (_is_region(a) or _is_region(b)))


def _is_region(p: dict) -> bool:
    return get_geocoder().is_region(p.get("location_name"), p.get("country"))


def assign_incident(conn: Connection, report: dict) -> int:
    """The id of the incident this report belongs to, created if none matches."""
    date = report.get("date")
    if date and (report.get("location_name") or report.get("lat") is not None):
        prefix = date[:7]
        same_month: ColumnElement[bool] = incidents.c.date.like(prefix + "%")
        if conn.dialect.name == "sqlite":
            # SQLite's LIKE is case-insensitive, so it never uses the date index: every new
            # report scanned every incident (ingest slowed as the store grew, issue 9). The same
            # prefix as a range (dates are ASCII digits and hyphens, all below "~") uses it.
            same_month = and_(incidents.c.date >= prefix, incidents.c.date < prefix + "~", same_month)
        cands = conn.execute(
            select(incidents).where(
                incidents.c.type == report["type"],
                or_(incidents.c.country == report.get("country"), incidents.c.country.is_(None)),
                or_(same_month, and_(incidents.c.date == date[:4])),
            ).order_by(incidents.c.id)  # the first match wins: the oldest, whichever index is used
        ).mappings().all()
        for inc in cands:
            if dates_agree(inc["date"], date) and places_agree(dict(inc), report):
                if _is_region(dict(inc)) and report.get("location_name") and not _is_region(report):
                    conn.execute(incidents.update().where(incidents.c.id == inc["id"]).values(
                        location_name=report["location_name"], lat=report.get("lat"), lon=report.get("lon")))
                return int(inc["id"])
    values = {k: report.get(k) for k in ("type", "date", "location_name", "country", "lat", "lon")}
    inserted = conn.execute(incidents.insert(), values).inserted_primary_key
    assert inserted is not None  # an INSERT of one row always has its key
    return int(inserted[0])
