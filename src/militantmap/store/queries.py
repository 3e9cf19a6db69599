"""The questions analysts ask of the store, answered as plain JSON-ready dicts.

The CLI's query commands, the exports and the web app all call these functions, so they always
agree. The graph is aggregated here, at query time, from the per-article facts:
- an entity merged into another (`merge`) is read as that other entity everywhere;
- a tie is every relation between two groups of one type (either direction for the symmetric
  types), with first/last seen (article dates), articles, independent sources (stories: near-
  duplicate copies count once) and a confidence (graph.confidence);
- an event is an incident with all its reports, each source's casualty figure and their range.
Functions take a store URL (None: the default store) and raise LookupError for an unknown name
or id.
"""
from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, cast, func, or_, select
from sqlalchemy.engine import Connection

from militantmap import schema
from militantmap.graph.confidence import Assertion, explain, sources, tie_confidence
from militantmap.nlp.gazetteer import normalize
from militantmap.schema import SYMMETRIC
from militantmap.store import cache, summaries
from militantmap.store.db import get_engine, read_snapshot
from militantmap.store.decisions import Decisions
from militantmap.store.outlets import grade_for, grades_of
from militantmap.store.schema import (
    aliases,
    article_entities,
    articles,
    entities,
    entity_incidents,
    event_actors,
    event_reports,
    group_people,
    incidents,
    relations,
    roles,
)
from militantmap.store.schema import (
    evidence as evidence_table,
)
from militantmap.urls import safe_url

RELATION_TYPES = list(schema.RELATION_TYPES)


# -- the entity table, with merges applied ---------------------------------------------------

class _Rows(dict):
    """Entity rows by id, fetched on first use when not loaded up front (a query about one
    group reads the few hundred entities it shows, not the store's tens of thousands)."""

    def __init__(self, conn: Connection | None = None) -> None:
        super().__init__()
        self.conn = conn

    def __missing__(self, eid: int) -> dict:
        self.load([eid])
        return dict.__getitem__(self, eid)  # still missing: KeyError, as for a full table

    def load(self, ids: Iterable[int]) -> None:
        if self.conn is None:
            return
        todo = sorted({i for i in ids if i is not None and not dict.__contains__(self, i)})
        for chunk in _chunks(todo):
            for r in self.conn.execute(select(entities).where(entities.c.id.in_(chunk))).mappings():
                self[r["id"]] = dict(r)


class _Canon(dict):
    """id -> id after following merges; only merged entities are stored, the rest map to
    themselves."""

    def __missing__(self, eid: int) -> int:
        return eid


def _chunks(ids: list, size: int = 500) -> Iterable[list]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


@dataclass
class _Entities:
    rows: dict[int, dict]          # id -> entity row
    canon: dict[int, int]          # id -> id after following merges
    # The analyst's fact decisions (rejected, retyped) and entities marked not a group
    # (store.decisions): every query that reads facts applies them.
    facts: Decisions
    complete: bool = True          # every entity is in rows (else rows are read on demand)

    @classmethod
    def load(cls, conn: Connection) -> _Entities:
        """Every entity, for the questions about the whole store (groups list, exports)."""
        rows = {r["id"]: dict(r) for r in conn.execute(select(entities)).mappings()}
        return cls(rows, cls._canon(rows), Decisions.load(conn, rows), True)

    @classmethod
    def lazy(cls, conn: Connection) -> _Entities:
        """Only the merged entities up front (for `canon`); other rows are read when first
        used. Same answers as `load`, for queries that touch a small part of the store."""
        rows = _Rows(conn)
        for r in conn.execute(select(entities).where(entities.c.merged_into.is_not(None))).mappings():
            rows[r["id"]] = dict(r)
        rows.load([r["merged_into"] for r in list(rows.values())])
        return cls(rows, _Canon(cls._canon(rows)), Decisions.load(conn), False)

    @staticmethod
    def _canon(rows: dict[int, dict]) -> dict[int, int]:
        canon = {}
        for eid in list(rows):
            seen, cur = {eid}, eid
            while rows[cur]["merged_into"] is not None and rows[cur]["merged_into"] not in seen:
                cur = rows[cur]["merged_into"]
                seen.add(cur)
            canon[eid] = cur
        return canon

    def hidden(self, eid: int) -> bool:
        """Marked not a group by the analyst: no ties, not in the network."""
        return self.canon[eid] in self.facts.not_groups

    def ref(self, eid: int) -> dict:
        row = self.rows[self.canon[eid]]
        return {"id": row["key"], "name": row["name"]}

    def members(self, cid: int) -> set[int]:
        if self.complete:
            return {e for e, c in self.canon.items() if c == cid}
        return {cid} | {e for e, c in self.canon.items() if c == cid}

    def _first(self, conn: Connection, column, value: str, type_: str | None) -> int | None:
        if self.complete:
            hits = [e for e, r in self.rows.items() if r[column.name] == value
                    and (type_ is None or r["type"] == type_)]
            return hits[0] if hits else None
        q = select(entities).where(column == value)
        if type_ is not None:
            q = q.where(entities.c.type == type_)
        row = conn.execute(q.order_by(entities.c.id).limit(1)).mappings().first()
        if row is None:
            return None
        self.rows[row["id"]] = dict(row)
        return int(row["id"])

    def find(self, conn: Connection, name: str, type_: str | None = "armed_group") -> int:
        """The canonical id of an entity named by key, name or any alias (any case)."""
        name = (name or "").strip()
        by_key = self._first(conn, entities.c.key, name, type_)
        if by_key is not None:
            return self.canon[by_key]
        norm = normalize(name)
        if norm:
            q = (select(aliases.c.entity_id).join(entities, entities.c.id == aliases.c.entity_id)
                 .where(aliases.c.norm == norm))
            if type_ is not None:
                q = q.where(entities.c.type == type_)
            hits = Counter(self.canon[r.entity_id] for r in conn.execute(q))
            if hits:  # an alias shared by two groups: the better-known one
                return max(hits, key=lambda c: (hits[c], -c))
        if type_ in (None, "armed_group"):
            # A gazetteer alias the articles never used ("ISIS" when they wrote "Daesh").
            from militantmap.nlp.gazetteer import get_gazetteer

            entry = get_gazetteer().lookup(name) or get_gazetteer().lookup(name.upper())
            if entry is not None:
                # (of the type asked for: not one the analyst marked not a group)
                by_kb = self._first(conn, entities.c.kb_id, entry.id, type_)
                if by_kb is not None:
                    return self.canon[by_kb]
        what = (type_ or "entity").replace("_", " ")
        raise LookupError(f"no {what} called {name!r} in the store")


def _read(db_url: str | None) -> AbstractContextManager[Connection]:
    """A connection whose statements all read one snapshot of the store (issue 11): a query
    that builds one answer from several SELECTs must not see an ingest's commit between them
    (an evidence row whose article it has not loaded, a tie whose entity it has not)."""
    return read_snapshot(get_engine(db_url))


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


class _Articles(dict):
    """id -> {story, date, title, url, publisher, published, grade}, read when first used.
    An article without a publication date has no date: the day we ingested it says nothing
    about when a tie existed. Queries call `need` with the ids they are about to read, so
    a group's thousand articles are read in a few SELECTs, not a thousand (and not the whole
    table: at 100,000 articles reading every row took seconds per query)."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self.conn = conn
        self.grades = grades_of(conn)

    def __missing__(self, aid: int) -> dict:
        self.need([aid])
        return dict.__getitem__(self, aid)

    def need(self, ids: Iterable[int]) -> _Articles:
        todo = sorted({i for i in ids if not dict.__contains__(self, i)})
        for chunk in _chunks(todo):
            self._read(articles.c.id.in_(chunk))
        return self

    def everything(self) -> _Articles:
        self._read(None)
        return self

    def where(self, condition) -> list[int]:
        """Read the articles that meet an SQL condition; their ids."""
        return self._read(condition)

    def _read(self, where) -> list[int]:
        q = select(articles.c.id, articles.c.story_id, articles.c.published,
                   articles.c.title, articles.c.url, articles.c.publisher)
        ids = []
        grade: dict[str | None, str] = {}  # per outlet, not per article (a few dozen outlets)
        for aid, story, published, title, url, publisher in self.conn.execute(q if where is None else q.where(where)):
            ids.append(aid)
            if publisher not in grade:
                grade[publisher] = grade_for(self.grades, publisher)
            self[aid] = {"story": story, "date": published, "title": title, "url": safe_url(url),
                         "publisher": publisher, "published": _iso(published), "grade": grade[publisher]}
        return ids


def _article_dates(conn: Connection) -> _Articles:
    """Articles read on demand (see _Articles)."""
    return _Articles(conn)


def _article_ref(aid: int, arts: dict[int, dict]) -> dict:
    a = arts[aid]
    return {"id": aid, "title": a["title"], "url": safe_url(a["url"]), "publisher": a["publisher"],
            "grade": a.get("grade", "F"),
            "published": a["published"]}


# -- ties -----------------------------------------------------------------------------------

def _tie_key(ents: _Entities, subj: int, type_: str, obj: int) -> tuple[int, str, int]:
    s, o = ents.canon[subj], ents.canon[obj]
    if type_ in SYMMETRIC and ents.rows[o]["key"] < ents.rows[s]["key"]:
        s, o = o, s
    return s, type_, o


def _tie_id(ents: _Entities, key: tuple[int, str, int]) -> str:
    return f"{ents.rows[key[0]]['key']}~{key[1]}~{ents.rows[key[2]]['key']}"


def _assertion(r: dict, arts: dict[int, dict]) -> Assertion:
    art = arts[r["article_id"]]
    return Assertion(story=art["story"], polarity=r["polarity"], confidence=r["confidence"],
                     modality=r["modality"] or "asserted", sentence=r["sentence"],
                     outlet=art["publisher"], asserter=r["attribution_text"], grade=art["grade"])


def _aggregate_ties(conn: Connection, ents: _Entities, arts: dict[int, dict],
                    only: set[int] | None = None) -> dict[tuple[int, str, int], dict]:
    q = select(relations, evidence_table.c.sentence).join(
        evidence_table, evidence_table.c.id == relations.c.evidence_id)
    if only is not None:
        # the relations of these groups and of every entity merged into them (indexed)
        ids = sorted({m for cid in only for m in ents.members(cid)})
        q = q.where(or_(relations.c.subject_id.in_(ids), relations.c.object_id.in_(ids)))
    # in stored order, as a whole-table read gives them (an index may return them otherwise,
    # and the first-seen modality and source order depend on it)
    rows = conn.execute(q.order_by(relations.c.id)).mappings().all()
    if isinstance(ents.rows, _Rows):
        ents.rows.load({ents.canon[r[c]] for r in rows for c in ("subject_id", "object_id")})
    if isinstance(arts, _Articles):
        arts.need(r["article_id"] for r in rows)
    groups: dict[tuple[int, str, int], list[dict]] = defaultdict(list)
    for row in rows:
        r = ents.facts.relation(dict(row))
        if r is None or ents.hidden(r["subject_id"]) or ents.hidden(r["object_id"]):
            continue
        key = _tie_key(ents, r["subject_id"], r["type"], r["object_id"])
        if key[0] == key[2] or (only is not None and key[0] not in only and key[2] not in only):
            continue
        groups[key].append(r)
    ties = {}
    for key, rs in groups.items():
        dates = [d for d in (arts[r["article_id"]]["date"] for r in rs) if d]
        positive = [r for r in rs if r["polarity"] != "negated"]
        said = [_assertion(r, arts) for r in rs]
        kinds = [r["attribution_kind"] for r in rs]
        ties[key] = {
            "id": _tie_id(ents, key), "type": key[1],
            "subject": ents.ref(key[0]), "object": ents.ref(key[2]),
            "polarity": "positive" if positive else "negated",
            "modality": Counter(r["modality"] for r in (positive or rs)).most_common(1)[0][0],
            "confidence": tie_confidence(said),
            "articles": len({r["article_id"] for r in rs}),
            "independent_sources": len(sources([a for a in said if a.polarity != "negated"] or said)),
            "support": explain(said, kinds),
            "denials": len({r["article_id"] for r in rs if r["polarity"] == "negated"}),
            "first_seen": min(dates).isoformat() if dates else None,
            "last_seen": max(dates).isoformat() if dates else None,
            "_relations": rs,
        }
    return ties


def _public(tie: dict) -> dict:
    """A tie as callers get it: a copy (ties may be kept in the cache between queries). The
    keys to copy are worked out once per tie (`_public_keys`): the whole network copies 5,000
    ties per call."""
    keys = tie.get("_keys")
    if keys is None:
        keys = _public_keys(tie)
    plain, nested = keys
    out = {k: tie[k] for k in plain}
    for k in nested:
        out[k] = dict(tie[k])
    return out


def _public_keys(tie: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys of a tie callers see: those kept as they are, those copied (dicts)."""
    public = [k for k in tie if not k.startswith("_")]
    return (tuple(k for k in public if not isinstance(tie[k], dict)),
            tuple(k for k in public if isinstance(tie[k], dict)))


def _whole_store(db_url: str | None, name: str, build: Callable[[Connection], Any]) -> Any:
    """An answer about the whole store, kept while the store is unchanged (store.cache)."""
    engine = get_engine(db_url)
    seen = cache.version(engine)  # before the snapshot: see store.cache
    with read_snapshot(engine) as conn:
        return cache.remembered(engine, name, seen, lambda: build(conn))


def _kept_ties(db_url: str | None) -> dict[tuple[int, str, int], dict] | None:
    """The whole store's ties if they are kept and current (read before the caller's snapshot:
    see cache.peek), else None."""
    engine = get_engine(db_url)
    return cache.peek(engine, "ties", cache.version(engine))


def _ties_of(conn: Connection, ents: _Entities, arts: dict[int, dict], cid: int,
             kept: dict[tuple[int, str, int], dict] | None) -> dict[tuple[int, str, int], dict]:
    """One group's ties: taken from the whole store's when they are kept (the same
    aggregation, a dictionary scan instead of reading and scoring the group's relations),
    else aggregated from its relations."""
    if kept is not None:
        return {key: t for key, t in kept.items() if cid in (key[0], key[2])}
    return _aggregate_ties(conn, ents, arts, only={cid})


def _every_tie(db_url: str | None) -> dict[tuple[int, str, int], dict]:
    """The whole store's ties, strongest first (the order of `all_ties`), each with its
    public keys worked out (`_public`): kept while the store is unchanged."""
    def build(conn: Connection) -> dict[tuple[int, str, int], dict]:
        found = _aggregate_ties(conn, _Entities.load(conn), _Articles(conn))
        for t in found.values():
            t["_keys"] = _public_keys(t)
        return dict(sorted(found.items(), key=lambda kv: _strongest(kv[1])))
    return _whole_store(db_url, "ties", build)


def _strongest(t: dict) -> tuple:
    return -t["confidence"], -t["independent_sources"], t["id"]


def all_ties(db_url: str | None = None, min_confidence: float = 0.0, types: Iterable[str] | None = None,
             since: dt.date | None = None, until: dt.date | None = None,
             include_undated: bool = False, read_only: bool = False) -> list[dict]:
    """Every tie between groups, strongest first. A date filter keeps the ties seen in its
    range; undated ties (no article with a date) are left out of it unless include_undated:
    see `undated_left_out` for how many. `read_only`: the kept ties themselves, not copies,
    with internal keys (starting with _) besides: for a caller that only reads them (the
    network view reads 5,000 a call) and must never change them."""
    ties = _every_tie(db_url).values()
    return _filter_ties(ties, min_confidence, types, since, until, include_undated, in_order=True,
                        copies=not read_only)


def _filter_ties(ties: Iterable[dict], min_confidence: float = 0.0, types: Iterable[str] | None = None,
                 since: dt.date | None = None, until: dt.date | None = None,
                 include_undated: bool = False, in_order: bool = False, copies: bool = True) -> list[dict]:
    """The ties that pass the filters, strongest first (`in_order`: they come so already), as
    copies for the caller (else the given dicts)."""
    wanted = set(types) if types else None
    out = [_public(t) if copies else t for t in ties
           if (wanted is None or t["type"] in wanted)
           and (t["confidence"] >= min_confidence or t["polarity"] == "negated" and min_confidence == 0)
           and (include_undated and t["first_seen"] is None or _in_range(t["first_seen"], t["last_seen"], since, until))]
    return out if in_order else sorted(out, key=_strongest)


def _in_range(first: str | None, last: str | None, since: dt.date | None, until: dt.date | None) -> bool:
    """A fact seen from `first` to `last` (ISO dates or prefixes of them; None: undated) overlaps
    [since, until]. An undated fact is in no range."""
    if since is not None and (last is None or last < since.isoformat()[: len(last)]):
        return False
    if until is not None and (first is None or first > until.isoformat()[: len(first)]):
        return False
    return True


def split_undated(rows: list[dict], dated_filter: bool, include_undated: bool
                  ) -> tuple[list[dict], int]:
    """Ties or events fetched with include_undated=True, as the filter shows them, and how many
    undated ones it left out (issue 10: never silently). One query serves both answers."""
    if not dated_filter or include_undated:
        return rows, 0
    kept = [r for r in rows if (r["first_seen"] if "first_seen" in r else r.get("date")) is not None]
    return kept, len(rows) - len(kept)


def ties(db_url: str | None, name: str, type: str | None = None, since: dt.date | None = None,
         min_confidence: float = 0.0, until: dt.date | None = None,
         include_undated: bool = False) -> list[dict]:
    """The ties of one group (any alias names it)."""
    kept = _kept_ties(db_url)
    with _read(db_url) as conn:
        ents = _Entities.lazy(conn)
        cid = ents.find(conn, name)
        found = _ties_of(conn, ents, _article_dates(conn), cid, kept).values()
    return _filter_ties(found, min_confidence, [type] if type else None, since, until, include_undated)


def tie(db_url: str | None, tie_id: str) -> dict:
    """One tie with every sentence behind it."""
    kept = _kept_ties(db_url)
    with _read(db_url) as conn:
        ents = _Entities.lazy(conn)
        arts = _article_dates(conn)
        if kept is not None:
            for t in kept.values():
                if t["id"] == tie_id:
                    return {**_public(t), "evidence": _relation_evidence(conn, ents, arts, t["_relations"])}
            raise LookupError(f"no tie {tie_id!r} in the store")
        # A tie id is "subject key~type~object key": only the subject's relations can hold it.
        # An id that does not parse so is looked for among every tie, as it always was.
        parts = str(tie_id).split("~")
        subject = ents._first(conn, entities.c.key, parts[0], None) if len(parts) == 3 else None
        only = {ents.canon[subject]} if subject is not None else None
        for t in _aggregate_ties(conn, ents, arts, only=only).values():
            if t["id"] == tie_id:
                return {**_public(t), "evidence": _relation_evidence(conn, ents, arts, t["_relations"])}
    raise LookupError(f"no tie {tie_id!r} in the store")


def _relation_evidence(conn: Connection, ents: _Entities, arts: dict[int, dict], rels: list[dict]) -> list[dict]:
    if isinstance(arts, _Articles):
        arts.need(r["article_id"] for r in rels)
    ev_rows = {r.id: r for r in conn.execute(
        select(evidence_table).where(evidence_table.c.id.in_([r["evidence_id"] for r in rels])))}
    out = []
    for r in sorted(rels, key=lambda r: (arts[r["article_id"]]["date"] or dt.date.max, r["id"])):
        ev = ev_rows[r["evidence_id"]]
        out.append({"id": str(ev.id), "relation_id": r["id"], "sentence": ev.sentence, "polarity": r["polarity"],
                    "modality": r["modality"], "confidence": r["confidence"],
                    "direction": f"{ents.ref(r['subject_id'])['name']} {r['type']} {ents.ref(r['object_id'])['name']}",
                    "attribution": _attribution(r),
                    "article": _article_ref(r["article_id"], arts)})
    return out


def _attribution(r: dict) -> dict | None:
    """Who asserted a relation, role or event report ({text, kind}); None when the outlet
    itself asserts it, or, for a role or report with no modality (stored before 0.4.0), when
    it was not recorded."""
    if not r.get("attribution_text") and not r.get("attribution_kind"):
        return None
    return {"text": r.get("attribution_text"), "kind": r.get("attribution_kind")}


# -- groups ---------------------------------------------------------------------------------

def _group_stats(conn: Connection, ents: _Entities, published: dict[int, dt.date | None]) -> dict[int, dict]:
    """Per canonical entity: its articles and incidents; `published` gets each article's date
    (from the mentions: schema 4, without reading the wide article rows)."""
    stats: dict[int, dict] = defaultdict(lambda: {"articles": set(), "ties": 0, "events": set()})
    for r in conn.execute(select(article_entities.c.article_id, article_entities.c.entity_id,
                                 article_entities.c.published)):
        stats[ents.canon[r.entity_id]]["articles"].add(r.article_id)
        published[r.article_id] = r.published
    for r in conn.execute(select(event_actors.c.entity_id, event_reports.c.incident_id,
                                 event_reports.c.id, event_reports.c.evidence_id)
                          .join(event_reports, event_reports.c.id == event_actors.c.report_id)):
        if not ents.facts.keeps("event", r.id, r.evidence_id):
            continue
        stats[ents.canon[r.entity_id]]["events"].add(r.incident_id)
    return stats


def list_groups(db_url: str | None = None) -> list[dict]:
    """Every armed group named in at least one article, best-covered first."""
    return [dict(g, aliases=list(g["aliases"]), parent=dict(g["parent"]) if g["parent"] else None)
            for g in _whole_store(db_url, "groups", _list_groups)]


def _list_groups(conn: Connection) -> list[dict]:
    ents = _Entities.load(conn)
    published: dict[int, dt.date | None] = {}
    stats = _group_stats(conn, ents, published)
    tie_count: Counter = Counter()
    for key in _aggregate_ties(conn, ents, _Articles(conn)):
        tie_count[key[0]] += 1
        tie_count[key[2]] += 1
    alias_rows = defaultdict(list)
    for r in conn.execute(select(aliases.c.entity_id, aliases.c.alias).order_by(aliases.c.id)):
        alias_rows[ents.canon[r.entity_id]].append(r.alias)
    out = []
    for cid in sorted({c for c in ents.canon.values()}):
        row = ents.rows[cid]
        if row["type"] != "armed_group" or not stats[cid]["articles"]:
            continue
        dates = [d for d in (published[a] for a in stats[cid]["articles"]) if d]
        out.append({"id": row["key"], "name": row["name"], "kb_id": row["kb_id"],
                    "aliases": list(dict.fromkeys(a for a in alias_rows[cid] if a != row["name"])),
                    "country": row["country"], "region": row["region"],
                    "parent": ents.ref(row["parent_id"]) if row["parent_id"] else None,
                    "articles": len(stats[cid]["articles"]), "ties": tie_count[cid],
                    "events": len(stats[cid]["events"]),
                    "first_seen": min(dates).isoformat() if dates else None,
                    "last_seen": max(dates).isoformat() if dates else None})
    return sorted(out, key=lambda g: (-g["articles"], g["name"].casefold()))


all_groups = list_groups


def group_id(db_url: str | None, name: str) -> str:
    """The id of the group any of its names (key, name, alias) names; LookupError if none."""
    with _read(db_url) as conn:
        ents = _Entities.lazy(conn)
        return str(ents.rows[ents.find(conn, name)]["key"])


def get_group(db_url: str | None, name: str, articles_limit: int | None = None) -> dict:
    """Everything about one group: aliases, parent, factions, people, ties, events, articles
    (all of them, newest first; or the newest `articles_limit`, with the count, first and last
    seen over all of them: the group page, whose best-covered groups are in tens of thousands)."""
    return _group(db_url, name, with_articles=True, articles_limit=articles_limit)


def _group(db_url: str | None, name: str, with_articles: bool, articles_limit: int | None = None) -> dict:
    """get_group; without its articles (none listed, none counted) when not with_articles
    (the timeline: a big group is in tens of thousands)."""
    kept = _kept_ties(db_url)
    with _read(db_url) as conn:
        ents = _Entities.lazy(conn)
        cid = ents.find(conn, name)
        members = ents.members(cid)
        arts = _article_dates(conn)
        row = ents.rows[cid]
        names = [r.alias for r in conn.execute(
            select(aliases.c.alias).where(aliases.c.entity_id.in_(members)).order_by(aliases.c.id))]
        found_ids: set[int] = set()
        mentioned = articles.c.id.in_(
            select(article_entities.c.article_id).where(article_entities.c.entity_id.in_(members)))
        span: tuple[int, dt.date | None, dt.date | None] | None = None
        if with_articles and articles_limit is not None:
            # counted, dated and the newest picked from the mentions' index (schema 4: each
            # mention carries its article's date), not from the group's article rows
            span, newest = _articles_span(conn, members, max(0, articles_limit))
            found_ids = set(newest)
            arts.need(newest)
        elif with_articles:  # read with the articles' rows: one query, not one per 500 ids
            found_ids = set(arts.where(mentioned))
        article_ids = sorted(found_ids, key=lambda a: (arts[a]["date"] or dt.date.min, a), reverse=True)
        tie_keys, group_ties = [], []
        for key, t in _ties_of(conn, ents, arts, cid, kept).items():
            tie_keys.append(key)
            group_ties.append(_public(t))
        factions = {ents.canon[r.id] for r in conn.execute(
            select(entities.c.id).where(entities.c.parent_id.in_(members)))}
        for key, t in zip(tie_keys, group_ties):
            if t["type"] == "faction_of" and t["object"]["id"] == row["key"] and t["polarity"] == "positive":
                factions.add(key[0])  # the tie's subject, merges followed (its key names it)
        parents = [ents.ref(row["parent_id"])] if row["parent_id"] else []
        for t in group_ties:
            if t["type"] == "faction_of" and t["subject"]["id"] == row["key"] and t["polarity"] == "positive":
                ref = t["object"]
                if ref not in parents:
                    parents.append(ref)
        people = _people_of(conn, ents, members)
        events_ = _events(conn, ents, arts, members=members, newest=50)
        if isinstance(ents.rows, _Rows):  # one SELECT for them all, not one each
            ents.rows.load(factions)
        faction_refs = sorted((ents.ref(f) for f in factions - {cid}), key=lambda r: r["name"])
    dates = [arts[a]["date"] for a in article_ids if arts[a]["date"]]
    if span is not None:
        count, first_seen, last_seen = span[0], _iso(span[1]), _iso(span[2])
    else:
        count = len(article_ids)
        first_seen = min(dates).isoformat() if dates else None
        last_seen = max(dates).isoformat() if dates else None
    return {
        "id": row["key"], "name": row["name"], "kb_id": row["kb_id"],
        "aliases": list(dict.fromkeys(n for n in names if n != row["name"])),
        "country": row["country"], "region": row["region"],
        "parent": parents[0] if parents else None, "parents": parents,
        "factions": faction_refs,
        "articles": count,
        "first_seen": first_seen,
        "last_seen": last_seen,
        "ties": sorted(group_ties, key=lambda t: (-t["confidence"], t["id"])),
        "people": people,
        "events": events_[:50],
        "articles_list": [_article_ref(a, arts) for a in article_ids],
        # the entities merged into it (`merge`), each of which a split gives back
        "merged": sorted(({"id": ents.rows[m]["key"], "name": ents.rows[m]["name"]} for m in members - {cid}),
                         key=lambda r: r["name"]),
    }


def _articles_span(conn: Connection, members: set[int], limit: int
                   ) -> tuple[tuple[int, dt.date | None, dt.date | None], list[int]]:
    """How many articles mention the group (any of its members), the first and last date, and
    the ids of the `limit` newest (dated newest first, then undated, the higher id first),
    read from article_entities' (entity, published, article) index alone."""
    mine = article_entities.c.entity_id.in_(sorted(members))
    published, article_id = article_entities.c.published, article_entities.c.article_id
    # one member: one row per article (the primary key); several: an article may mention two
    counted = func.count() if len(members) == 1 else func.count(article_id.distinct())
    n, first, last = conn.execute(select(counted, func.min(published), func.max(published)).where(mine)).one()
    pick = select(article_id, published).where(mine)
    if len(members) > 1:
        pick = pick.distinct()
    newest = [r[0] for r in conn.execute(pick.where(published.is_not(None))
                                         .order_by(published.desc(), article_id.desc()).limit(limit))]
    if len(newest) < limit:
        newest += [r[0] for r in conn.execute(pick.where(published.is_(None))
                                              .order_by(article_id.desc()).limit(limit - len(newest)))]
    return (n, first, last), newest


_FIRMNESS = summaries.FIRMNESS


def _people_of(conn: Connection, ents: _Entities, members: set[int]) -> list[dict]:
    summed = _people_summed(conn, ents, members)
    if summed is not None:
        return summed
    found: dict[tuple[int, str], dict] = {}
    # only the columns used: a big group has thousands of role rows
    wanted = select(roles.c.id, roles.c.person_id, roles.c.role, roles.c.article_id,
                    roles.c.evidence_id, roles.c.modality)
    rows = [r for r in conn.execute(wanted.where(roles.c.group_id.in_(members)).order_by(roles.c.id))
            if ents.facts.keeps("role", r.id, r.evidence_id)]
    if isinstance(ents.rows, _Rows):
        ents.rows.load({ents.canon[r.person_id] for r in rows})
    for r in rows:
        key = (ents.canon[r.person_id], r.role)
        if key not in found:
            ref = ents.ref(r.person_id)
            found[key] = {"id": ref["id"], "name": ref["name"], "role": r.role,
                          "evidence_id": str(r.evidence_id), "articles": set(), "modality": None}
        found[key]["articles"].add(r.article_id)
        # the firmest any source put it: one plain statement outweighs hedged ones
        if r.modality and _FIRMNESS.get(r.modality, 9) < _FIRMNESS.get(found[key]["modality"], 9):
            found[key]["modality"] = r.modality
    return _people_sorted([dict(p, articles=len(p["articles"])) for p in found.values()])


def _people_sorted(out: list[dict]) -> list[dict]:
    order = {"leader": 0, "founder": 1, "deputy_leader": 2, "commander": 3, "spokesperson": 4, "member": 5}
    return sorted(out, key=lambda p: (order.get(p["role"], 9), -p["articles"], p["name"]))


def _people_summed(conn: Connection, ents: _Entities, members: set[int]) -> list[dict] | None:
    """`_people_of` from the group_people summary (a big group has thousands of role rows, a
    few dozen people), or None when the summary cannot say it: something merged into the group
    or into one of its people (their rows would have to be counted together), or a role or a
    sentence rejected by the analyst (the summary counts every stored row)."""
    if len(members) > 1 or ents.facts.rejected["role"] or ents.facts.rejected["evidence"]:
        return None
    rows = conn.execute(select(group_people).where(group_people.c.group_id.in_(members))
                        .order_by(group_people.c.first_id)).all()
    merged = {e for e, c in ents.canon.items() if e != c} | {c for e, c in ents.canon.items() if e != c}
    if any(r.person_id in merged for r in rows):
        return None
    if isinstance(ents.rows, _Rows):
        ents.rows.load({r.person_id for r in rows})
    out = []
    for r in rows:  # in the order of their first rows, as _people_of meets them
        ref = ents.ref(r.person_id)
        out.append({"id": ref["id"], "name": ref["name"], "role": r.role, "evidence_id": str(r.evidence_id),
                    "articles": r.articles, "modality": summaries.MODALITY_OF.get(r.firmness)})
    return _people_sorted(out)



# -- events ---------------------------------------------------------------------------------

def _figure(values: list[int]) -> tuple[int | None, int | None, int | None]:
    """(best, min, max) of the casualty figures the sources gave: the median is the best
    single figure when sources disagree; the range shows by how much."""
    if not values:
        return None, None, None
    return int(statistics.median_low(values)), min(values), max(values)


def _candidates(members: set[int] | None, country: str | None, since: dt.date | None,
                until: dt.date | None, incident: int | None, type_: str | None, place: str | None):
    """The ids of the incidents that may match, as a subquery: SQL narrows with the indexes
    (group, type, country, place, date range), Python's filters in `_events` still decide, so
    the answer is the same as filtering every incident (an undated incident is always a
    candidate: its date may come from a report). Country and place are compared in SQL only
    when ASCII, where SQL's lower() and Python's casefold() agree."""
    q = select(incidents.c.id)
    if incident is not None:
        q = q.where(incidents.c.id == incident)
    if members is not None:  # the incidents they are actors of (summary: store.summaries)
        mine = select(entity_incidents.c.incident_id).where(entity_incidents.c.entity_id.in_(members))
        q = q.where(incidents.c.id.in_(mine))
    if type_:
        q = q.where(incidents.c.type == type_)
    if country and country.isascii():
        q = q.where(func.lower(incidents.c.country) == country.lower())
    if place and place.isascii():
        q = q.where(func.lower(incidents.c.location_name) == place.lower())
    # _in_range on a date prefix: compared with as many characters of the bound as it has
    if since is not None:  # the year bound alone lets the date index narrow the scan
        q = q.where(or_(incidents.c.date.is_(None),
                        and_(incidents.c.date >= since.isoformat()[:4],
                             incidents.c.date >= func.substr(since.isoformat(), 1, func.length(incidents.c.date)))))
    if until is not None:
        q = q.where(or_(incidents.c.date.is_(None),
                        incidents.c.date <= func.substr(until.isoformat(), 1, func.length(incidents.c.date))))
    return q


def _newest(conn: Connection, members: set[int], type_: str | None, n: int) -> list[int]:
    """The n newest incidents the members are actors of (of one type, if given), in `_events`'
    order (date, then id as text, newest first), from the entity_incidents summary and two
    columns of the incidents instead of building every event (the best-covered group has
    thousands). An undated incident takes the date of its first dated report, as in
    `_dates_of`; every incident of the summary has a report (an actor is in one)."""
    q = (select(incidents.c.id, incidents.c.date)
         .join(entity_incidents, entity_incidents.c.incident_id == incidents.c.id)
         .where(entity_incidents.c.entity_id.in_(sorted(members))))
    if type_:
        q = q.where(incidents.c.type == type_)
    rows: dict[int, str | None] = dict(conn.execute(q).tuples().all())
    _date_undated(conn, rows)
    return [i for i, _ in sorted(rows.items(), key=lambda kv: (kv[1] or "", str(kv[0])), reverse=True)[:max(0, n)]]


def _date_undated(conn: Connection, rows: dict[int, str | None]) -> bool:
    """Give each undated incident of `rows` the date of its first dated report; whether any got one."""
    dated = False
    for chunk in _chunks(sorted(i for i, d in rows.items() if d is None)):
        for r in conn.execute(select(event_reports.c.incident_id, event_reports.c.date)
                              .where(event_reports.c.incident_id.in_(chunk), event_reports.c.date.is_not(None))
                              .order_by(event_reports.c.id)):
            if rows[r.incident_id] is None:
                rows[r.incident_id] = r.date
                dated = True
    return dated


def _dates_of(conn: Connection, candidates) -> dict[int, str | None]:
    """The date `_events` gives each candidate incident that has a report (its own, or the
    first its reports give), in `_events`' order: date, then id as text, newest first."""
    q = select(incidents.c.id, incidents.c.date).where(
        incidents.c.id.in_(candidates), incidents.c.id.in_(select(event_reports.c.incident_id)))
    in_order = conn.dialect.name == "sqlite"  # SQLite compares text as Python does (PostgreSQL: by locale)
    if in_order:
        q = q.order_by(func.coalesce(incidents.c.date, "").desc(),
                       cast(incidents.c.id, String).desc())
    rows: dict[int, str | None] = dict(conn.execute(q).tuples().all())
    if _date_undated(conn, rows):
        in_order = False  # dated from a report: its place in the order changed
    if not in_order:
        rows = dict(sorted(rows.items(), key=lambda kv: (kv[1] or "", str(kv[0])), reverse=True))
    return rows


def _events(conn: Connection, ents: _Entities, arts: dict[int, dict], members: set[int] | None = None,
            country: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
            include_undated: bool = False, incident: int | None = None, type_: str | None = None,
            place: str | None = None, newest: int | None = None, ids: list[int] | None = None) -> list[dict]:
    """Events, newest first. `newest` (only without country, date or place filters): the
    first n of them, built without building the others (a group page shows 50 of thousands)."""
    wanted = _candidates(members, country, since, until, incident, type_, place)
    if ids is not None:
        wanted = select(incidents.c.id).where(incidents.c.id.in_(ids))
    if newest is not None:
        assert members is not None and incident is None and ids is None
        assert country is None and since is None and until is None and place is None
        wanted = select(incidents.c.id).where(incidents.c.id.in_(_newest(conn, members, type_, newest)))
    reports = [r for r in conn.execute(select(event_reports).where(event_reports.c.incident_id.in_(wanted))
                                       .order_by(event_reports.c.id)).mappings()
               if ents.facts.keeps("event", r["id"], r["evidence_id"])]
    actors: dict[int, list] = defaultdict(list)
    if reports:
        for actor in conn.execute(select(event_actors).join(
                event_reports, event_reports.c.id == event_actors.c.report_id)
                .where(event_reports.c.incident_id.in_(wanted))
                .order_by(event_actors.c.report_id, event_actors.c.entity_id, event_actors.c.role)):
            actors[actor.report_id].append((actor.role, actor.entity_id))
    incident_rows = {r["id"]: dict(r) for r in conn.execute(
        select(incidents).where(incidents.c.id.in_(wanted))).mappings()}
    if isinstance(arts, _Articles):
        arts.need(r["article_id"] for r in reports)
    if isinstance(ents.rows, _Rows):
        ents.rows.load({ents.canon[eid] for acts in actors.values() for _, eid in acts})
    by_incident: dict[int, list] = defaultdict(list)
    for r in reports:
        by_incident[r["incident_id"]].append(r)
    out = []
    for iid, reps in by_incident.items():
        inc = incident_rows[iid]
        if country and (inc["country"] or "").casefold() != country.casefold():
            continue
        if type_ and inc["type"] != type_:
            continue
        if place and (inc["location_name"] or "").lower() != place.lower():
            continue
        date = inc["date"] or next((r["date"] for r in reps if r["date"]), None)
        if not (include_undated and date is None or _in_range(date, date, since, until)):
            continue
        refs: dict[str, list[dict]] = {"perpetrator": [], "claimed_by": [], "concerns": []}
        for r in reps:
            for role, eid in actors[r["id"]]:
                ref = ents.ref(eid)
                if ref not in refs[role]:
                    refs[role].append(ref)
        killed = _figure([r["killed"] for r in reps if r["killed"] is not None])
        wounded = _figure([r["wounded"] for r in reps if r["wounded"] is not None])
        first = reps[0]
        out.append({
            "id": str(iid), "type": inc["type"], "date": date,
            "location": inc["location_name"], "country": inc["country"],
            "lat": inc["lat"], "lon": inc["lon"],
            "perpetrators": refs["perpetrator"], "claimed_by": refs["claimed_by"],
            "concerns": [r for r in refs["concerns"] if r not in refs["perpetrator"]],
            "target": next((r["target"] for r in reps if r["target"]), None),
            "killed": killed[0], "killed_min": killed[1], "killed_max": killed[2],
            "wounded": wounded[0], "wounded_min": wounded[1], "wounded_max": wounded[2],
            "sources": len({r["article_id"] for r in reps}),
            "independent_sources": len({arts[r["article_id"]]["story"] for r in reps}),
            "evidence_id": str(first["evidence_id"]),
            "reports": (reports_out := [
                {"article": _article_ref(r["article_id"], arts), "killed": r["killed"],
                 "killed_text": r["killed_text"], "wounded": r["wounded"],
                 "wounded_text": r["wounded_text"], "date": r["date"], "date_text": r["date_text"],
                 "location": r["location_name"], "country": r["country"],
                 "perpetrators": [ents.ref(eid) for role, eid in actors[r["id"]] if role == "perpetrator"],
                 "evidence_id": str(r["evidence_id"]), "report_id": r["id"],
                 # who this source says reported it, and how firmly (None: not
                 # recorded, for reports stored before 0.4.0)
                 "modality": r["modality"], "attribution": _attribution(dict(r))}
                for r in reps]),
            "disputed": disagreements(reports_out),
        })
    return sorted(out, key=lambda e: (e["date"] or "", e["id"]), reverse=True)


def _who(report: dict) -> str:
    att = report.get("attribution") or {}
    return (att.get("text") if isinstance(att, dict) else None) or report["article"].get("publisher") \
        or report["article"].get("title") or f"article {report['article']['id']}"


def disagreements(reports: list[dict]) -> list[str]:
    """Where the sources of one incident disagree, one line a field, each figure with who gave
    it: "tolls differ: 4 (the army) vs 30 (a group spokesman)". Empty when they agree (a source
    that gives no figure disagrees with nobody)."""
    out = []
    for field, label in (("killed", "tolls"), ("date", "dates"), ("location", "places")):
        seen: dict[object, list[str]] = {}
        for r in reports:
            if r.get(field) is not None:
                seen.setdefault(r[field], []).append(_who(r))
        if len(seen) > 1:
            out.append(f"{label} differ: " + " vs ".join(
                f"{value} ({', '.join(dict.fromkeys(who))})" for value, who in seen.items()))
    named = {tuple(sorted(p["id"] for p in r["perpetrators"])) for r in reports if r["perpetrators"]}
    if len(named) > 1:
        out.append("perpetrators differ: " + " vs ".join(
            f"{', '.join(p['name'] for p in r['perpetrators'])} ({_who(r)})" for r in reports if r["perpetrators"]))
    return out


def event(db_url: str | None, event_id: str) -> dict:
    """One incident with every source's account of it."""
    try:
        wanted = int(event_id)
    except ValueError:
        raise LookupError(f"{event_id!r} is not an event id") from None
    if not 0 < wanted < 2**63:  # ids are 64-bit: a larger number names nothing (and would overflow)
        raise LookupError(f"no event {event_id!r} in the store")
    with _read(db_url) as conn:
        ents = _Entities.lazy(conn)
        arts = _article_dates(conn)
        found = _events(conn, ents, arts, include_undated=True, incident=wanted)
    if not found:
        raise LookupError(f"no event {event_id!r} in the store")
    return found[0]


def events(db_url: str | None = None, group: str | None = None, country: str | None = None,
           since: dt.date | None = None, until: dt.date | None = None,
           include_undated: bool = False, type: str | None = None,
           place: str | None = None) -> list[dict]:
    """Events (merged incidents), newest first. Undated events are left out of a date filter
    unless include_undated (see `undated_left_out`). `type`: one event type; `place`: the
    incident's place name (any case)."""
    with _read(db_url) as conn:
        ents = _Entities.lazy(conn)
        members = ents.members(ents.find(conn, group)) if group else None
        return _events(conn, ents, _article_dates(conn), members, country, since, until, include_undated,
                       type_=type, place=place)


def events_page(db_url: str | None = None, group: str | None = None, country: str | None = None,
                since: dt.date | None = None, until: dt.date | None = None,
                include_undated: bool = False, type: str | None = None, place: str | None = None,
                limit: int | None = None, offset: int = 0) -> tuple[list[dict], int, int]:
    """A page of `events` (the same filters, the same order: events[offset:offset + limit]),
    how many events match in all, and how many undated ones the date filter left out. Only
    the page is built: the order comes from the incidents' dates (an unfiltered store of
    100,000 articles has some 40,000 incidents; building each took seconds)."""
    dated = since is not None or until is not None
    ascii_names = not (country and not country.isascii()) and not (place and not place.isascii())
    unfiltered = not (group or country or place or type or dated)
    # the whole store's order (every incident's date) is kept while the store is unchanged
    order = _whole_store(db_url, "incident_dates", lambda conn: _dates_of(
        conn, _candidates(None, None, None, None, None, None, None))) if unfiltered else None
    with _read(db_url) as conn:
        ents = _Entities.lazy(conn)
        rejected = ents.facts.rejected
        # SQL narrows only on ASCII names (see _candidates), and knows nothing of the reports an
        # analyst rejected (an incident may have none left): then every event is filtered below
        if ascii_names and not (rejected.get("event") or rejected.get("evidence")):
            members = ents.members(ents.find(conn, group)) if group else None
            dates = order if order is not None else _dates_of(
                conn, _candidates(members, country, since, until, None, type, place))
            left_out = sum(1 for d in dates.values() if d is None) if dated and not include_undated else 0
            keep = [i for i, d in dates.items()
                    if (d is None and (include_undated or not dated)) or (d is not None and _in_range(d, d, since, until))]
            page = keep[offset:offset + limit if limit is not None else None]
            rows = _events(conn, ents, _article_dates(conn), include_undated=True, ids=page) if page else []
            return rows, len(keep), left_out
    rows, left_out = split_undated(events(db_url, group, country, since, until, True, type, place),
                                   dated, include_undated)
    return rows[offset:offset + limit if limit is not None else None], len(rows), left_out


def timeline(db_url: str | None, name: str) -> list[dict]:
    """A group's history: its events, the first report of each tie, its people's roles."""
    group = _group(db_url, name, with_articles=False)
    items = []
    for e in group["events"]:
        place = ", ".join(x for x in (e["location"], e["country"]) if x)
        killed = f", {e['killed']} killed" if e["killed"] is not None else ""
        items.append({"date": e["date"], "kind": "event", "type": e["type"],
                      "text": f"{e['type'].replace('_', ' ')}{' in ' + place if place else ''}{killed}",
                      "evidence_id": e["evidence_id"]})
    for t in group["ties"]:
        # Issue 10: written from this group's side in the tie's own direction (schema.tie_text),
        # so "Jamaat-ul-Ahrar is a faction of TTP" never becomes "TTP faction of Jamaat-ul-Ahrar".
        me = t["subject"]["name"] if t["subject"]["id"] == group["id"] else t["object"]["name"]
        text = schema.tie_text(t["subject"]["name"], t["type"], t["object"]["name"], t["polarity"],
                               viewpoint=me)
        items.append({"date": t["first_seen"], "kind": "tie", "type": t["type"],
                      "text": f"{text} (first reported)",
                      "evidence_id": None, "tie_id": t["id"]})
    # Undated items last: they happened, but the text does not say when.
    return sorted(items, key=lambda i: (i["date"] is None, i["date"] or "", i["kind"], i["text"]))


# -- evidence and search ----------------------------------------------------------------------

def evidence_of(db_url: str | None, evidence_id: str) -> dict:
    """The sentence behind a fact, its article (whole text) and who asserted it."""
    with _read(db_url) as conn:
        ents = _Entities.lazy(conn)
        key = str(evidence_id).strip()
        if key.startswith("article:"):
            aid = _int(key.split(":", 1)[1], key)
            art = conn.execute(select(articles).where(articles.c.id == aid)).mappings().first()
            if art is None:
                raise LookupError(f"no article {aid} in the store")
            return {"id": key, "sentence": "", "start": 0, "end": 0, "polarity": None, "modality": None,
                    "attribution": None, "fact": None, "facts": [], "article": _article_full(art)}
        ev = conn.execute(select(evidence_table).where(evidence_table.c.id == _int(key, key))).mappings().first()
        if ev is None:
            raise LookupError(f"no evidence {key!r} in the store")
        art = conn.execute(select(articles).where(articles.c.id == ev["article_id"])).mappings().first()
        out = {"id": str(ev["id"]), "sentence": ev["sentence"], "start": ev["start"], "end": ev["end"],
               "polarity": None, "modality": None, "attribution": None, "fact": None,
               "article": _article_full(art)}
        # One sentence may support several facts: all are listed, the first is "fact". Each
        # fact has its modality and attribution (None for a role or an event report stored
        # before 0.4.0: not recorded); the item has those of the first fact that records them.
        # The analyst's rejections: a rejected fact leaves `facts` for `rejected_facts` (the
        # evidence page offers the undo); a retyped relation reads as retyped.
        facts, rejected_facts = [], []
        decided = ents.facts
        sentence_rejected = ev["id"] in decided.rejected["evidence"]
        for stored in conn.execute(select(relations).where(relations.c.evidence_id == ev["id"])
                                   .order_by(relations.c.id)).mappings():
            rel = decided.relation(dict(stored))
            if rel is None:
                rejected_facts.append({"kind": "relation", "id": stored["id"],
                                       "text": schema.tie_text(ents.ref(stored['subject_id'])['name'], stored['type'],
                                                               ents.ref(stored['object_id'])['name']),
                                       "decisions": decided.decided[("relation", stored["id"])]})
                continue
            facts.append({"kind": "relation", "id": rel["id"], "type": rel["type"],
                          "retyped": rel["id"] in decided.retyped,
                          "decisions": decided.decided[("relation", rel["id"])],
                          "polarity": rel["polarity"], "modality": rel["modality"],
                          "attribution": _attribution(dict(rel)),
                          "text": schema.tie_text(ents.ref(rel['subject_id'])['name'], rel['type'],
                                                  ents.ref(rel['object_id'])['name']),
                          "tie_id": _tie_id(ents, _tie_key(ents, rel["subject_id"], rel["type"], rel["object_id"]))})
        for role in conn.execute(select(roles).where(roles.c.evidence_id == ev["id"]).order_by(roles.c.id)).mappings():
            text = (f"{ents.ref(role['person_id'])['name']}, "
                    f"{role['role'].replace('_', ' ')} of {ents.ref(role['group_id'])['name']}")
            if not decided.keeps("role", role["id"], ev["id"]):
                rejected_facts.append({"kind": "role", "id": role["id"], "text": text,
                                       "decisions": decided.decided[("role", role["id"])]})
                continue
            facts.append({"kind": "role", "id": role["id"], "modality": role["modality"], "attribution": _attribution(dict(role)),
                          "text": text, "group": ents.ref(role["group_id"])})
        for rep in conn.execute(select(event_reports).where(event_reports.c.evidence_id == ev["id"])
                                .order_by(event_reports.c.id)).mappings():
            place = rep["location_name"] or rep["country"]
            text = (f"{rep['type'].replace('_', ' ')}"
                    f"{' in ' + place if place else ''}{' on ' + rep['date'] if rep['date'] else ''}")
            if not decided.keeps("event", rep["id"], ev["id"]):
                rejected_facts.append({"kind": "event", "id": rep["id"], "text": text,
                                       "decisions": decided.decided[("event", rep["id"])]})
                continue
            facts.append({"kind": "event", "id": rep["id"], "modality": rep["modality"], "attribution": _attribution(dict(rep)),
                          "text": text, "event_id": str(rep["incident_id"])})
        recorded = next((f for f in facts if f["modality"] is not None), None)
        if recorded is not None:
            out.update(polarity=recorded.get("polarity"), modality=recorded["modality"],
                       attribution=recorded["attribution"])
        out["facts"] = facts
        out["fact"] = facts[0] if facts else None
        out["rejected_facts"] = rejected_facts
        out["rejected"] = ({"decisions": decided.decided[("evidence", ev["id"])]}
                           if sentence_rejected else None)
        return out


evidence = evidence_of  # the web app and the CLI call it `evidence`


def _int(value: str, shown: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise LookupError(f"{shown!r} is not an evidence id (a number, or article:N)") from None
    if not 0 < n < 2**63:  # ids are 64-bit: a larger number names nothing (and would overflow)
        raise LookupError(f"no evidence {shown} in the store")
    return n


def _article_full(art) -> dict:
    return {"id": art["id"], "key": art["article_key"], "title": art["title"], "url": art["url"],
            "publisher": art["publisher"], "published": _iso(art["published"]), "lang": art["lang"],
            "status": art["status"], "source": art["source"], "text": art["text"],
            "duplicate_of": art["duplicate_of"], "extractor_version": art["extractor_version"]}


def search(db_url: str | None, q: str, limit: int = 50) -> dict:
    """Groups (by name or any alias), people and places whose names contain the query."""
    norm = normalize(q or "")
    if not norm:
        return {"groups": [], "people": [], "places": []}
    like = f"%{norm}%"
    known_places = _whole_store(db_url, "places", _places)  # before the snapshot: see store.cache
    with _read(db_url) as conn:
        ents = _Entities.lazy(conn)
        matched_rows = conn.execute(select(aliases.c.entity_id, aliases.c.alias).where(aliases.c.norm.like(like))
                                    .order_by(func.length(aliases.c.norm))).all()
        # which of the matched entities (or entities merged into them) an article names
        candidates = {ents.canon[r.entity_id] for r in matched_rows}
        ids = sorted({m for c in candidates for m in ents.members(c)})
        mentioned = set()
        for chunk in _chunks(ids):
            mentioned |= {ents.canon[r.entity_id] for r in conn.execute(
                select(article_entities.c.entity_id).where(article_entities.c.entity_id.in_(chunk)).distinct())}
        if isinstance(ents.rows, _Rows):
            ents.rows.load(mentioned)
        hits: dict[int, str] = {}
        for r in matched_rows:
            cid = ents.canon[r.entity_id]
            if cid in mentioned and cid not in hits:
                hits[cid] = r.alias
        groups, people, places = [], [], []
        by_len = lambda d: (len(d["name"]), d["name"])
        for cid, matched in hits.items():
            row = ents.rows[cid]
            if row["type"] == "armed_group":
                groups.append({"id": row["key"], "name": row["name"], "matched": matched})
            elif row["type"] == "person":
                people.append({"id": row["key"], "name": row["name"], "_cid": cid})
            elif row["type"] == "location":
                places.append({"name": row["name"], "country": row["country"]})
        # roles only for the people shown (a two-letter query matches a thousand people)
        people = sorted(people, key=by_len)[:limit]
        # their roles in one read (not one per person), their groups loaded together
        person_of = {m: p["_cid"] for p in people for m in ents.members(p["_cid"])}
        role_rows = sorted((r for chunk in _chunks(sorted(person_of)) for r in conn.execute(
            select(roles.c.id, roles.c.person_id, roles.c.group_id, roles.c.role, roles.c.evidence_id)
            .where(roles.c.person_id.in_(chunk)))), key=lambda r: r.id)
        if isinstance(ents.rows, _Rows):
            ents.rows.load({ents.canon[r.group_id] for r in role_rows})
        roles_of: dict[int, list[dict]] = defaultdict(list)
        for r in role_rows:
            if ents.facts.keeps("role", r.id, r.evidence_id):
                roles_of[person_of[r.person_id]].append(
                    {"role": r.role, "group": ents.ref(r.group_id), "evidence_id": str(r.evidence_id)})
        for p in people:
            p["roles"] = roles_of[p.pop("_cid")]
        for name, country, normed in known_places:
            if norm in normed:
                place = {"name": name, "country": country}
                if place not in places:
                    places.append(place)
    return {"groups": sorted(groups, key=by_len)[:limit], "people": people,
            "places": sorted(places, key=by_len)[:limit]}


def _places(conn: Connection) -> list[tuple[str, str | None, str]]:
    """Every place and country name of the incidents (name, its country, name normalized), in
    the order search has always met them: a search reads them all (tens of thousands of
    incidents at scale), kept while the store is unchanged."""
    out = []
    for r in conn.execute(select(incidents.c.location_name, incidents.c.country).distinct()):
        for name in (r.location_name, r.country):
            if name:
                out.append((name, r.country, normalize(name)))
    return out


def overview(db_url: str | None = None) -> dict:
    """Counts for a person: how big is this store."""
    with _read(db_url) as conn:
        n = lambda t: conn.execute(select(func.count()).select_from(t)).scalar() or 0
        return {"articles": n(articles), "entities": n(entities), "relations": n(relations),
                "roles": n(roles), "event_reports": n(event_reports), "incidents": n(incidents)}
