"""Writing one extracted article into the store. The caller wraps each call in a transaction:
an article is either wholly in the store, with all its facts, or not at all."""
from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Connection

from militantmap.graph.incidents import assign_incident
from militantmap.graph.resolve import Resolver, ResolverCache
from militantmap.store import summaries
from militantmap.store.db import inserted_id
from militantmap.store.schema import (
    article_entities,
    articles,
    event_actors,
    event_reports,
    evidence,
    incidents,
    relations,
    roles,
)

# Statements run once per article, built once (building one costs more than running it).
_INSERT_ARTICLE = articles.insert()
_OWN_STORY = update(articles).where(articles.c.id == bindparam("article_id")).values(story_id=bindparam("story"))


def insert_article(conn: Connection, ex: dict, raw_text: str, raw_format: str, source: str,
                   content_hash: str, minhash: bytes | None, duplicate_of: int | None,
                   story_id: int | None, status: str = "ok", cache: ResolverCache | None = None) -> int:
    art = ex["article"]
    published = dt.date.fromisoformat(art["published"]) if art.get("published") else None
    values = {
        "article_key": str(art["id"])[:200], "content_hash": content_hash,
        "url": art.get("url"), "title": art.get("title"), "publisher": art.get("publisher"),
        "published": published, "lang": art.get("lang"), "source": source,
        "raw_text": raw_text, "raw_format": raw_format, "text": art["text"], "removed": json.dumps(art.get("removed", [])),
        "status": status, "story_id": story_id or 0, "duplicate_of": duplicate_of,
        "minhash": minhash, "extractor_version": ex["extractor"]["version"],
        "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
    }
    article_id = inserted_id(conn.execute(_INSERT_ARTICLE, values))
    if not story_id:  # a new story is its own first article
        conn.execute(_OWN_STORY, {"article_id": article_id, "story": article_id})
    if status == "ok":
        _write_facts(conn, article_id, ex, cache, published)
    return article_id


def clear_facts(conn: Connection, article_id: int) -> None:
    """Remove an article's facts (before re-extraction); the article itself stays."""
    people, actors = summaries.keys_of_article(conn, article_id)
    report_ids = select(event_reports.c.id).where(event_reports.c.article_id == article_id)
    touched = [row[0] for row in conn.execute(
        select(event_reports.c.incident_id).where(event_reports.c.article_id == article_id).distinct())]
    conn.execute(delete(event_actors).where(event_actors.c.report_id.in_(report_ids)))
    for table in (event_reports, relations, roles, article_entities):
        conn.execute(delete(table).where(table.c.article_id == article_id))
    conn.execute(delete(evidence).where(evidence.c.article_id == article_id))
    summaries.refresh(conn, people, actors)  # before the incidents left without reports go
    # An incident only this article reported is gone with its report; the new extraction makes
    # its own (or joins another's).
    if touched:
        still = select(event_reports.c.incident_id).where(event_reports.c.incident_id.in_(touched))
        conn.execute(delete(incidents).where(incidents.c.id.in_(touched), incidents.c.id.not_in(still)))


def write_facts(conn: Connection, article_id: int, ex: dict, cache: ResolverCache | None = None) -> None:
    """The facts of an article that has none stored (new, or cleared by `clear_facts`).
    `cache`: the ingest run's (graph.resolve.ResolverCache), kept from one article to the next."""
    published = conn.execute(select(articles.c.published).where(articles.c.id == article_id)).scalar()
    _write_facts(conn, article_id, ex, cache, published)


def _write_facts(conn: Connection, article_id: int, ex: dict, cache: ResolverCache | None,
                 published: dt.date | None) -> None:
    """write_facts, given the article's stored publication date."""
    resolver = Resolver(conn, ex["entities"], cache)
    ids: dict[str, int] = {}
    people = summaries.Added()  # what this article adds to the summaries
    linked: list[dict] = []
    linked_ids: set[int] = set()
    for ent in ex["entities"]:
        eid = resolver.resolve(ent)
        ids[ent["id"]] = eid
        if eid not in linked_ids:  # two local entities may resolve to one stored entity
            linked_ids.add(eid)
            linked.append(dict(
                article_id=article_id, entity_id=eid, local_id=ent["id"],
                surface_forms=json.dumps(ent.get("aliases", []), ensure_ascii=False),
                mentions=json.dumps(ent.get("mentions", [])), published=published))
    resolver.flush()
    if linked:
        conn.execute(article_entities.insert(), linked)
    evidence_ids: dict[tuple[int, int], int] = {}

    def evidence_id(ev: dict) -> int:
        key = (ev["start"], ev["end"])
        if key not in evidence_ids:
            evidence_ids[key] = inserted_id(conn.execute(evidence.insert(), dict(
                article_id=article_id, start=ev["start"], end=ev["end"], sentence=ev["sentence"])
            ))
        return evidence_ids[key]

    for r in ex["relations"]:
        if ids[r["subject"]] == ids[r["object"]]:
            continue
        conn.execute(relations.insert(), dict(
            article_id=article_id, subject_id=ids[r["subject"]], object_id=ids[r["object"]],
            type=r["type"], polarity=r["polarity"], **_hedging(r, ids),
            confidence=float(r.get("confidence", 0.5)), evidence_id=evidence_id(r["evidence"])))
    for r in ex["roles"]:
        hedging = _hedging(r, ids)
        values = dict(article_id=article_id, person_id=ids[r["person"]], group_id=ids[r["group"]],
                      role=r["role"], evidence_id=evidence_id(r["evidence"]), **hedging)
        role_id = inserted_id(conn.execute(roles.insert(), values))
        people.role(values["group_id"], values["person_id"], values["role"], role_id,
                    values["evidence_id"], hedging["modality"])
    for ev in ex["events"]:
        loc = ev.get("location") or {}
        killed, wounded = ev.get("killed") or {}, ev.get("wounded") or {}
        report = {
            "type": ev["type"], "date": ev.get("date"), "date_text": ev.get("date_text"),
            "location_name": loc.get("name"), "country": loc.get("country"),
            "lat": loc.get("lat"), "lon": loc.get("lon"), "target": ev.get("target"),
            "killed": killed.get("value"), "killed_qualifier": killed.get("qualifier"),
            "killed_text": killed.get("text"), "wounded": wounded.get("value"),
            "wounded_qualifier": wounded.get("qualifier"), "wounded_text": wounded.get("text"),
        }
        incident_id = assign_incident(conn, report)
        report_id = inserted_id(conn.execute(event_reports.insert(), dict(
            article_id=article_id, incident_id=incident_id, evidence_id=evidence_id(ev["evidence"]),
            **report, **_hedging(ev, ids))))
        seen: set[tuple[int, str]] = set()
        for role, key in [("perpetrator", p) for p in ev.get("perpetrators", [])] + [
                ("claimed_by", c) for c in ev.get("claimed_by", [])] + [
                ("concerns", c) for c in ev.get("concerns", [])]:
            if key in ids and (ids[key], role) not in seen:
                seen.add((ids[key], role))
                people.actor(ids[key], incident_id)
                conn.execute(event_actors.insert(), dict(report_id=report_id, entity_id=ids[key], role=role))
    people.write(conn)  # in this transaction: never stale


def _hedging(fact: dict, ids: dict[str, int]) -> dict:
    """The modality and attribution columns of a relation, role or event report. An extraction
    of an extractor before 0.4.0 has none for roles and events: NULL, "not recorded"."""
    att = fact.get("attribution") or {}
    return {"modality": fact.get("modality"),
            "attribution_text": att.get("text"), "attribution_kind": att.get("kind"),
            "attribution_entity_id": ids.get(att["entity"]) if att.get("entity") else None}
