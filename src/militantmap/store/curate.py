"""An analyst's corrections to entity resolution: merge two entities, split them again.

A merge only sets `merged_into` on the absorbed entity and logs it; every per-article fact keeps
pointing at the entity it was extracted for, and the queries read merged entities as one. So a
split is exact: clearing `merged_into` restores the graph as it was.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from militantmap.store.db import get_engine
from militantmap.store.queries import _Entities
from militantmap.store.schema import entities, merge_log


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def merge(db_url: str | None, absorbed: str, into: str, note: str | None = None) -> dict:
    """Read `absorbed` as `into` from now on (both named by id, name or alias)."""
    with get_engine(db_url).begin() as conn:
        ents = _Entities.load(conn)
        src, dst = ents.find(conn, absorbed, None), ents.find(conn, into, None)
        if src == dst:
            raise ValueError(f"{absorbed!r} and {into!r} are already one entity "
                             f"({ents.rows[src]['name']})")
        if ents.rows[src]["type"] != ents.rows[dst]["type"]:
            raise ValueError(f"{ents.rows[src]['name']} is a {ents.rows[src]['type']} and "
                             f"{ents.rows[dst]['name']} a {ents.rows[dst]['type']}: only entities "
                             "of one type merge")
        conn.execute(update(entities).where(entities.c.id == src).values(merged_into=dst))
        conn.execute(merge_log.insert().values(at=_now(), action="merge", source_id=src,
                                               target_id=dst, note=note))
        return {"merged": ents.ref(src), "into": ents.ref(dst)}


def split(db_url: str | None, name: str) -> dict:
    """Undo the merge that absorbed `name` (its id or one of its own aliases)."""
    with get_engine(db_url).begin() as conn:
        ents = _Entities.load(conn)
        row = conn.execute(select(entities).where(entities.c.key == name)).mappings().first()
        if row is None:  # a name: the merged entity that carries it itself, not its new owner
            from militantmap.nlp.gazetteer import normalize
            from militantmap.store.schema import aliases

            ids = [r.entity_id for r in conn.execute(
                select(aliases.c.entity_id).join(entities, entities.c.id == aliases.c.entity_id)
                .where(aliases.c.norm == normalize(name), entities.c.merged_into.is_not(None)))]
            if not ids:
                raise LookupError(f"no merged entity called {name!r}; `militantmap merge --log` "
                                  "lists the merges")
            row = conn.execute(select(entities).where(entities.c.id == ids[0])).mappings().first()
        if row is None:
            raise LookupError(f"no entity {name!r}")
        if row["merged_into"] is None:
            raise ValueError(f"{row['name']} is not merged into anything")
        target = row["merged_into"]
        conn.execute(update(entities).where(entities.c.id == row["id"]).values(merged_into=None))
        conn.execute(merge_log.insert().values(at=_now(), action="split", source_id=row["id"],
                                               target_id=target))
        return {"split": {"id": row["key"], "name": row["name"]}, "from": ents.ref(target)}


def merge_history(db_url: str | None) -> list[dict]:
    with get_engine(db_url).connect() as conn:
        ents = _Entities.load(conn)
        rows = conn.execute(select(merge_log).order_by(merge_log.c.id)).mappings().all()
        return [{"at": r["at"].isoformat(timespec="seconds"), "action": r["action"],
                 "entity": {"id": ents.rows[r["source_id"]]["key"], "name": ents.rows[r["source_id"]]["name"]},
                 "target": ({"id": ents.rows[r["target_id"]]["key"], "name": ents.rows[r["target_id"]]["name"]}
                            if r["target_id"] else None),
                 "note": r["note"]} for r in rows]
