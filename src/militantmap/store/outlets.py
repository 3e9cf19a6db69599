"""Outlet reliability grades (Admiralty scale A-F), set by the analyst, logged with when and why.

Every outlet nobody graded is F ("reliability cannot be judged"). A grade enters the confidence
of every tie its articles support (graph.confidence.RELIABILITY) and is shown beside each
evidence row.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from militantmap.graph.confidence import GRADES
from militantmap.store.db import get_engine
from militantmap.store.schema import articles, outlets

DEFAULT = "F"


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def set_grade(db_url: str | None, outlet: str, grade: str, note: str | None = None) -> dict:
    """Grade an outlet (a publisher as stored with its articles); F removes the grade."""
    grade = grade.strip().upper()
    if grade not in GRADES:
        raise ValueError(f"{grade!r} is not an Admiralty grade (one of {', '.join(GRADES)})")
    name = " ".join(outlet.split())
    if not name:
        raise ValueError("give the outlet's name as its articles carry it")
    with get_engine(db_url).begin() as conn:
        known = conn.execute(select(articles.c.id).where(articles.c.publisher.is_not(None))
                             .where(articles.c.publisher.ilike(name)).limit(1)).first()
        conn.execute(delete(outlets).where(outlets.c.norm == _norm(name)))
        if grade != DEFAULT:
            conn.execute(outlets.insert().values(norm=_norm(name), name=name, grade=grade, note=note,
                                                 at=dt.datetime.now(dt.UTC).replace(tzinfo=None)))
    return {"outlet": name, "grade": grade, "articles_in_store": known is not None}


def grades_of(conn: Connection) -> dict[str, str]:
    """casefolded outlet name -> grade, for the outlets an analyst graded."""
    return {r.norm: r.grade for r in conn.execute(select(outlets.c.norm, outlets.c.grade))}


def grade_for(grades: dict[str, str], publisher: str | None) -> str:
    return grades.get(_norm(publisher), DEFAULT) if publisher else DEFAULT


def list_grades(db_url: str | None) -> list[dict]:
    with get_engine(db_url).connect() as conn:
        return [{"outlet": r.name, "grade": r.grade, "at": r.at.isoformat(timespec="seconds"), "note": r.note}
                for r in conn.execute(select(outlets).order_by(outlets.c.norm))]
