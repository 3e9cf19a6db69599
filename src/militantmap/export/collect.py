"""What the exporters read from the store, gathered once: `load(db_url) -> StoreData`.

Groups, ties and events come from the store's query functions (`store.queries`), so an export
shows exactly what the CLI and the web app show. Three things those functions do not give in
one pass are read here with SQLAlchemy Core (read-only), following merges through
`queries._Entities` and naming ties with the same ids as `all_ties`:
- every sentence behind every tie (`tie()` answers for one tie at a time);
- people with their roles in groups, across all groups (`get_group` answers group by group);
- each article with what it supports: groups it names, ties, events and roles it reports
  (STIX report objects point at these).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection

from militantmap.store import queries
from militantmap.store.db import get_engine, read_snapshot
from militantmap.store.schema import (
    article_entities,
    articles,
    event_reports,
    evidence,
    relations,
    roles,
)
from militantmap.urls import safe_url


@dataclass
class StoreData:
    """Everything one export needs, as plain JSON-ready dicts in a fixed order."""

    groups: list[dict] = field(default_factory=list)    # queries.list_groups
    ties: list[dict] = field(default_factory=list)      # queries.all_ties + "evidence"
    events: list[dict] = field(default_factory=list)    # queries.events
    people: list[dict] = field(default_factory=list)    # people with roles (below)
    articles: list[dict] = field(default_factory=list)  # articles with what they support

    @property
    def latest_date(self) -> str | None:
        """The newest publication date in the store: the date the data last changed."""
        dates = [a["published"] for a in self.articles if a["published"]]
        return max(dates) if dates else None

    @property
    def earliest_date(self) -> str | None:
        dates = [a["published"] for a in self.articles if a["published"]]
        return min(dates) if dates else None


def load(db_url: str | None, min_confidence: float = 0.0) -> StoreData:
    """Read the store once for an export. Ties below `min_confidence` (0..1) are left out, and
    so are the articles' pointers to them."""
    groups = queries.list_groups(db_url)
    ties = queries.all_ties(db_url, min_confidence=min_confidence)
    events = queries.events(db_url)
    with read_snapshot(get_engine(db_url)) as conn:  # one snapshot: an ingest may be writing
        ents = queries._Entities.load(conn)
        arts = _articles(conn)
        tie_evidence, tie_articles = _tie_evidence(conn, ents, arts)
        people, role_articles = _people(conn, ents, arts)
        mentions = _mentions(conn, ents)
        event_articles = _event_articles(conn, ents)
    kept = {t["id"] for t in ties}
    for t in ties:
        t["evidence"] = tie_evidence.get(t["id"], [])
    for aid, art in arts.items():
        art["groups"] = sorted(mentions["armed_group"].get(aid, ()))
        art["people"] = sorted(mentions["person"].get(aid, ()))
        art["ties"] = sorted(t for t in tie_articles.get(aid, ()) if t in kept)
        art["events"] = sorted(event_articles.get(aid, ()), key=int)
        art["roles"] = sorted(role_articles.get(aid, ()))
    ordered = sorted(arts.values(), key=lambda a: (a["published"] or "", a["key"]))
    return StoreData(groups=groups, ties=ties, events=events, people=people, articles=ordered)


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def _articles(conn: Connection) -> dict[int, dict]:
    out = {}
    for r in conn.execute(select(articles.c.id, articles.c.article_key, articles.c.title, articles.c.url,
                                 articles.c.publisher, articles.c.published, articles.c.story_id,
                                 articles.c.status).order_by(articles.c.id)):
        # Article links are untrusted: a javascript: or data: URL is dropped from every export.
        out[r.id] = {"id": r.id, "key": r.article_key, "title": r.title, "url": safe_url(r.url),
                     "publisher": r.publisher, "published": _iso(r.published), "story": r.story_id,
                     "status": r.status}
    return out


def _tie_evidence(conn: Connection, ents: queries._Entities, arts: dict[int, dict]
                  ) -> tuple[dict[str, list[dict]], dict[int, set[str]]]:
    """tie id -> its sentences (oldest article first); article id -> the tie ids it supports."""
    q = (select(relations.c.id, relations.c.article_id, relations.c.subject_id, relations.c.object_id,
                relations.c.type, relations.c.polarity, relations.c.modality, relations.c.confidence,
                relations.c.attribution_text, relations.c.attribution_kind,
                evidence.c.id.label("evidence_id"), evidence.c.sentence)
         .join(evidence, evidence.c.id == relations.c.evidence_id).order_by(relations.c.id))
    by_tie: dict[str, list[tuple]] = defaultdict(list)
    by_article: dict[int, set[str]] = defaultdict(set)
    for row in conn.execute(q).mappings():
        r = ents.facts.relation(dict(row))  # the analyst's rejections and retypes, as in all_ties
        if r is None or ents.hidden(r["subject_id"]) or ents.hidden(r["object_id"]):
            continue
        key = queries._tie_key(ents, r["subject_id"], r["type"], r["object_id"])
        if key[0] == key[2]:  # both sides merged into one entity: not a tie (as in all_ties)
            continue
        tie_id = queries._tie_id(ents, key)
        art = arts[r["article_id"]]
        item = {"id": str(r["evidence_id"]), "sentence": r["sentence"], "polarity": r["polarity"],
                "modality": r["modality"], "confidence": r["confidence"],
                "attribution": queries._attribution(r),
                "article": {"id": art["id"], "title": art["title"], "url": art["url"],
                            "publisher": art["publisher"], "published": art["published"]}}
        by_tie[tie_id].append((art["published"] or "9999", r["id"], item))
        by_article[r["article_id"]].add(tie_id)
    return ({t: [i for *_, i in sorted(items, key=lambda x: x[:2])] for t, items in by_tie.items()},
            by_article)


def role_id(person_key: str, role: str, group_key: str) -> str:
    return f"{person_key}~{role}~{group_key}"


def _people(conn: Connection, ents: queries._Entities, arts: dict[int, dict]
            ) -> tuple[list[dict], dict[int, set[str]]]:
    """People who hold a role in a group, each with their roles aggregated across articles."""
    found: dict[tuple[int, str, int], dict] = {}
    by_article: dict[int, set[str]] = defaultdict(set)
    for r in conn.execute(select(roles).order_by(roles.c.id)):
        if not ents.facts.keeps("role", r.id, r.evidence_id):
            continue
        pid, gid = ents.canon[r.person_id], ents.canon[r.group_id]
        key = (pid, r.role, gid)
        rid = role_id(ents.rows[pid]["key"], r.role, ents.rows[gid]["key"])
        item = found.setdefault(key, {"id": rid, "role": r.role, "group": ents.ref(gid),
                                      "_articles": set(), "_evidence": []})
        item["_articles"].add(r.article_id)
        item["_evidence"].append(str(r.evidence_id))
        by_article[r.article_id].add(rid)
    people: dict[int, dict] = {}
    for (pid, _, _), item in found.items():
        person = people.setdefault(pid, {**ents.ref(pid), "roles": []})
        dates = sorted(d for d in (arts[a]["published"] for a in item["_articles"]) if d)
        person["roles"].append({
            "id": item["id"], "role": item["role"], "group": item["group"],
            "articles": len(item["_articles"]),
            "independent_sources": len({arts[a]["story"] for a in item["_articles"]}),
            "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
            "evidence_ids": item["_evidence"], "article_ids": sorted(item["_articles"])})
    for person in people.values():
        person["roles"].sort(key=lambda r: (r["role"], r["group"]["id"]))
    return sorted(people.values(), key=lambda p: (p["name"].casefold(), p["id"])), by_article


def _mentions(conn: Connection, ents: queries._Entities) -> dict[str, dict[int, set[str]]]:
    """entity type -> article id -> keys of the (merged) entities the article names."""
    out: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in conn.execute(select(article_entities.c.article_id, article_entities.c.entity_id)):
        row = ents.rows[ents.canon[r.entity_id]]
        out[row["type"]][r.article_id].add(row["key"])
    return out


def _event_articles(conn: Connection, ents: queries._Entities) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    for r in conn.execute(select(event_reports.c.article_id, event_reports.c.incident_id,
                                 event_reports.c.id, event_reports.c.evidence_id)):
        if not ents.facts.keeps("event", r.id, r.evidence_id):
            continue
        out[r.article_id].add(str(r.incident_id))
    return out
