"""Cross-article entity resolution: one node per real group, however it is spelled.

Order of evidence: the gazetteer id; then an alias already known in the store (normalized:
case, hyphens, apostrophes, a leading "the"); then a fuzzy match on the aliases of entities of
the same type (rapidfuzz, threshold FUZZY_MIN). People, places and organisations resolve by
normalized name within their type.
"""
from __future__ import annotations

import json
import re

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.engine import Connection

from militantmap.nlp.gazetteer import get_gazetteer, normalize
from militantmap.store.schema import aliases, curation_log, entities

FUZZY_MIN = 92  # transliterations ("Tehreek" / "Tehrik") pass, different groups do not


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-") or "unnamed"


class Resolver:
    """Resolves extraction entities to store entity ids within one connection (transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.gaz = get_gazetteer()
        self._fuzzy_cache: dict[str, tuple[list[str], list[int]]] = {}
        # Names the analyst removed from an entity (store.curate.remove_alias): a re-extraction
        # of an article that uses them must not give them back.
        self._removed: set[tuple[int, str]] = set()
        for r in conn.execute(select(curation_log.c.after).where(
                curation_log.c.action == "remove_alias", curation_log.c.undone_by.is_(None))):
            after = json.loads(r.after)
            self._removed.update((int(eid), after["norm"]) for eid in after["entity_ids"])

    def resolve(self, ent: dict) -> int:
        type_ = ent["type"]
        if type_ == "armed_group" and ent.get("kb_id"):
            return self._by_key(ent["kb_id"], ent, kb=True)
        names = [ent["name"], *ent.get("aliases", [])]
        found = self._by_alias(type_, names)
        if found is None and type_ == "armed_group":
            found = self._by_fuzzy(type_, names)
        if found is not None:
            self._add_aliases(found, names)
            return found
        return self._by_key(f"{type_}:{slug(ent['name'])}", ent, kb=False)

    # -- lookups ---------------------------------------------------------------------------
    def _by_key(self, key: str, ent: dict, kb: bool) -> int:
        row = self.conn.execute(select(entities.c.id).where(entities.c.key == key)).first()
        names = [ent["name"], *ent.get("aliases", [])]
        if row is not None:
            self._add_aliases(row.id, names)
            return row.id
        values = {"key": key, "name": ent["name"], "type": ent["type"], "kb_id": ent.get("kb_id")}
        if kb:
            entry = self.gaz.get(ent["kb_id"])
            if entry is not None:
                values.update(name=entry.name, country=entry.country, region=entry.region)
                if entry.parent:
                    values["parent_id"] = self._by_key(
                        entry.parent, {"name": self.gaz.get(entry.parent).name, "type": "armed_group",  # type: ignore[union-attr]
                                       "kb_id": entry.parent, "aliases": []}, kb=True)
        inserted = self.conn.execute(entities.insert(), values).inserted_primary_key
        assert inserted is not None  # an INSERT of one row always has its key
        new_id = inserted[0]
        self._add_aliases(new_id, [values["name"], *names])
        self._fuzzy_cache.pop(ent["type"], None)
        return int(new_id)

    def _by_alias(self, type_: str, names: list[str]) -> int | None:
        norms = sorted({normalize(n) for n in names if n and normalize(n)})
        if not norms:
            return None
        row = self.conn.execute(
            select(entities.c.id, entities.c.merged_into)
            .join(aliases, aliases.c.entity_id == entities.c.id)
            .where(aliases.c.norm.in_(norms), entities.c.type == type_)
            .order_by(entities.c.id)
            .limit(1)
        ).first()
        return None if row is None else int(row.id)

    def _by_fuzzy(self, type_: str, names: list[str]) -> int | None:
        if type_ not in self._fuzzy_cache:
            rows = self.conn.execute(
                select(aliases.c.norm, aliases.c.entity_id)
                .join(entities, aliases.c.entity_id == entities.c.id)
                .where(entities.c.type == type_)
            ).all()
            self._fuzzy_cache[type_] = ([r.norm for r in rows], [r.entity_id for r in rows])
        choices, ids = self._fuzzy_cache[type_]
        if not choices:
            return None
        for name in names:
            norm = normalize(name)
            if len(norm) < 8:  # short names and acronyms are too ambiguous to guess
                continue
            hit = process.extractOne(norm, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
            if hit is not None:
                return ids[hit[2]]
        return None

    def _add_aliases(self, entity_id: int, names: list[str]) -> None:
        existing = {
            r.alias for r in self.conn.execute(select(aliases.c.alias).where(aliases.c.entity_id == entity_id))
        }
        for name in dict.fromkeys(n for n in names if n):
            if name not in existing and normalize(name) and (entity_id, normalize(name)[:300]) not in self._removed:
                self.conn.execute(aliases.insert(), dict(entity_id=entity_id, alias=name[:300], norm=normalize(name)[:300]))
                existing.add(name)
