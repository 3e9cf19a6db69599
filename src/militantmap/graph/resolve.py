"""Cross-article entity resolution: one node per real group, however it is spelled.

Order of evidence: the gazetteer id; then an alias already known in the store (normalized:
case, hyphens, apostrophes, a leading "the"); then a fuzzy match on the aliases of entities of
the same type (rapidfuzz, threshold FUZZY_MIN). People, places and organisations resolve by
normalized name within their type.

Cost (issue 9): a `Resolver` serves one article (one transaction) and reads what the article's
entities need in three queries up front (their aliases' owners, their keys, the aliases those
entities already have) instead of a few queries per entity, and writes the aliases it adds in
one statement (`Resolver.flush`); a `ResolverCache`, owned by an
ingest run, keeps from one article to the next what would otherwise be read again for each:
the names analysts removed and the alias list fuzzy matching reads (see its doc for why it
never goes stale).
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left

from rapidfuzz import fuzz, process
from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection

from militantmap.nlp.gazetteer import get_gazetteer, normalize
from militantmap.store.schema import aliases, curation_log, entities

FUZZY_MIN = 92  # transliterations ("Tehreek" / "Tehrik") pass, different groups do not

# Statements built once: an article resolves a dozen entities, and building a statement (and
# its cache key) anew cost more than running it.
_INSERT_ENTITY = entities.insert()
_INSERT_ALIASES = aliases.insert()
_ENTITY_BY_KEY = select(entities.c.id).where(entities.c.key == bindparam("key"))
_LAST_DECISION = select(func.max(curation_log.c.id))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-") or "unnamed"


class _FuzzyList:
    """The aliases of the entities of one type, in the order the store lists them (entity id,
    then alias: SQLite reads them through the (entity_id, alias) index), up to alias id `mark`."""

    def __init__(self) -> None:
        self.order: list[tuple[int, str]] = []   # (entity id, alias), sorted
        self.norms: list[str] = []
        self.ids: list[int] = []
        self.mark = 0                            # the highest alias id read

    def add(self, rows: list[tuple[int, str, str]]) -> None:
        """Add (entity id, alias, norm) rows in their place."""
        if len(rows) <= 16:  # an article's few: each in its place
            for entity_id, alias, norm in rows:
                at = bisect_left(self.order, (entity_id, alias))
                self.order.insert(at, (entity_id, alias))
                self.norms.insert(at, norm)
                self.ids.insert(at, entity_id)
            return
        merged = sorted([*zip(self.order, self.norms), *(((e, a), n) for e, a, n in rows)])
        self.order = [k for k, _ in merged]
        self.norms = [n for _, n in merged]
        self.ids = [k[0] for k in self.order]


class ResolverCache:
    """What resolution keeps from one article to the next within one ingest run (bounded by the
    store itself; gone with the run).

    - the names analysts removed from an entity (curation_log, remove_alias), and
    - per entity type, the alias list fuzzy matching reads (it grows with the store: reading
      it whole for every article with an unknown group made ingest slower as the store grew).

    Never stale: every curation decision writes a curation_log row, and every change that could
    make these wrong (an alias removed, an entity retyped, a decision undone) is a decision, so
    the log's highest id is checked at each article and any new decision drops everything. New
    aliases (this run's or another process's) are read by id past the highest one read, when the
    list is next used. That relies on alias ids becoming visible in order, which holds for
    SQLite (one writer at a time); on a server store nothing is kept between articles. A run
    whose article transaction fails calls `clear` (the list may hold that article's aliases)."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self._log_mark: int | None = None
        self.removed: set[tuple[int, str]] | None = None
        self.fuzzy: dict[str, _FuzzyList] = {}

    def sync(self, conn: Connection) -> None:
        """At the start of an article: drop what a curation decision since may have changed."""
        if conn.dialect.name != "sqlite":
            self.clear()
            return
        mark = conn.execute(_LAST_DECISION).scalar() or 0
        if mark != self._log_mark:
            self.clear()
            self._log_mark = mark

    def removed_names(self, conn: Connection) -> set[tuple[int, str]]:
        """(entity id, normalized name) of the names the analyst removed (store.curate.remove_alias):
        a re-extraction of an article that uses them must not give them back."""
        if self.removed is None:
            self.removed = set()
            for r in conn.execute(select(curation_log.c.after).where(
                    curation_log.c.action == "remove_alias", curation_log.c.undone_by.is_(None))):
                after = json.loads(r.after)
                self.removed.update((int(eid), after["norm"]) for eid in after["entity_ids"])
        return self.removed

    def fuzzy_list(self, conn: Connection, type_: str) -> _FuzzyList:
        """The aliases of `type_`'s entities as the store holds them now (this transaction's
        own inserts included)."""
        found = self.fuzzy.setdefault(type_, _FuzzyList())
        top = conn.execute(select(func.max(aliases.c.id))).scalar() or 0
        if top > found.mark:
            found.add([(r.entity_id, r.alias, r.norm) for r in conn.execute(
                select(aliases.c.entity_id, aliases.c.alias, aliases.c.norm)
                .join(entities, aliases.c.entity_id == entities.c.id)
                .where(entities.c.type == type_, aliases.c.id > found.mark, aliases.c.id <= top))])
            found.mark = top
        return found


class Resolver:
    """Resolves extraction entities to store entity ids within one connection (transaction).

    `ents`, the article's entities, are looked up in three queries up front; `cache` is the
    ingest run's (a fresh one, for this article only, when none is given)."""

    def __init__(self, conn: Connection, ents: list[dict] | None = None,
                 cache: ResolverCache | None = None) -> None:
        self.conn = conn
        self.gaz = get_gazetteer()
        self.cache = cache if cache is not None else ResolverCache()
        self.cache.sync(conn)
        self._removed = self.cache.removed_names(conn)
        # What this transaction has read of the store, kept up to date with its own writes:
        # normalized alias -> [(entity id, type)] of the entities that have it (a norm absent
        # from the dict is not read yet; one this resolver adds an alias under is dropped and
        # read again), entity key -> id, and entity id -> its aliases.
        self._owners: dict[str, list[tuple[int, str]]] = {}
        self._keys: dict[str, int | None] = {}
        self._aliases_of: dict[int, set[str]] = {}
        self._pending: list[dict] = []  # alias rows not yet written (see flush)
        if ents:
            self._prefetch(ents)

    def _prefetch(self, ents: list[dict]) -> None:
        norms: set[str] = set()
        keys: set[str] = set()
        for ent in ents:
            for n in (ent["name"], *ent.get("aliases", [])):
                if n and normalize(n):
                    norms.add(normalize(n))
            if ent["type"] == "armed_group" and ent.get("kb_id"):
                keys.add(ent["kb_id"])
            else:
                keys.add(f"{ent['type']}:{slug(ent['name'])}")
        self._read_owners(norms)
        self._keys.update(dict.fromkeys(keys))
        for r in self.conn.execute(select(entities.c.id, entities.c.key).where(entities.c.key.in_(keys))):
            self._keys[r.key] = r.id
        known = {eid for rows in self._owners.values() for eid, _ in rows} | {
            i for i in self._keys.values() if i is not None}
        self._read_aliases(known)

    def _read_owners(self, norms: set[str]) -> None:
        new = sorted(n for n in norms if n not in self._owners)
        if not new:
            return
        self.flush()  # the aliases this resolver added are owners too
        for n in new:
            self._owners[n] = []
        for r in self.conn.execute(
                select(aliases.c.norm, entities.c.id, entities.c.type)
                .join(entities, aliases.c.entity_id == entities.c.id)
                .where(aliases.c.norm.in_(new))):
            self._owners[r.norm].append((r.id, r.type))

    def _read_aliases(self, ids: set[int]) -> None:
        new = sorted(i for i in ids if i not in self._aliases_of)
        if not new:
            return
        for i in new:
            self._aliases_of[i] = set()
        for r in self.conn.execute(select(aliases.c.entity_id, aliases.c.alias).where(aliases.c.entity_id.in_(new))):
            self._aliases_of[r.entity_id].add(r.alias)

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
        if key not in self._keys:
            row = self.conn.execute(_ENTITY_BY_KEY, {"key": key}).first()
            self._keys[key] = None if row is None else row.id
        found = self._keys[key]
        names = [ent["name"], *ent.get("aliases", [])]
        if found is not None:
            self._add_aliases(found, names)
            return found
        values = {"key": key, "name": ent["name"], "type": ent["type"], "kb_id": ent.get("kb_id")}
        if kb:
            entry = self.gaz.get(ent["kb_id"])
            if entry is not None:
                values.update(name=entry.name, country=entry.country, region=entry.region)
                if entry.parent:
                    values["parent_id"] = self._by_key(
                        entry.parent, {"name": self.gaz.get(entry.parent).name, "type": "armed_group",  # type: ignore[union-attr]
                                       "kb_id": entry.parent, "aliases": []}, kb=True)
        inserted = self.conn.execute(_INSERT_ENTITY, values).inserted_primary_key
        assert inserted is not None  # an INSERT of one row always has its key
        new_id = int(inserted[0])
        self._keys[key] = new_id
        self._aliases_of[new_id] = set()
        self._add_aliases(new_id, [values["name"], *names])
        return new_id

    def _by_alias(self, type_: str, names: list[str]) -> int | None:
        norms = {normalize(n) for n in names if n and normalize(n)}
        if not norms:
            return None
        self._read_owners(norms)
        # the lowest id of an entity of this type that has one of the names (as the store
        # orders them)
        ids = [eid for n in norms for eid, t in self._owners[n] if t == type_]
        return min(ids) if ids else None

    def _by_fuzzy(self, type_: str, names: list[str]) -> int | None:
        self.flush()  # the list is read from the store
        found = self.cache.fuzzy_list(self.conn, type_)
        if not found.norms:
            return None
        for name in names:
            norm = normalize(name)
            if len(norm) < 8:  # short names and acronyms are too ambiguous to guess
                continue
            hit = process.extractOne(norm, found.norms, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
            if hit is not None:
                return found.ids[hit[2]]
        return None

    def _add_aliases(self, entity_id: int, names: list[str]) -> None:
        self._read_aliases({entity_id})
        existing = self._aliases_of[entity_id]
        rows = []
        for name in dict.fromkeys(n for n in names if n):
            norm = normalize(name)
            if name not in existing and norm and (entity_id, norm[:300]) not in self._removed:
                rows.append(dict(entity_id=entity_id, alias=name[:300], norm=norm[:300]))
                existing.add(name)
                self._owners.pop(norm, None)  # read again if asked: it has a new owner
                self._owners.pop(norm[:300], None)
        self._pending += rows

    def flush(self) -> None:
        """Write the aliases added since the last flush, in the order they were added (so with
        the ids they would have had one by one), in one statement: before anything reads
        aliases from the store, and when the article's entities are resolved (the caller's)."""
        if self._pending:
            self.conn.execute(_INSERT_ALIASES, self._pending)
            self._pending = []
