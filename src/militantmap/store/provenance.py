"""Provenance of articles (issue 10, item 8): the title and outlet of any article, and every
fact taken from one article. Read-only, following merges like `queries` (whose entity table
and tie ids it shares, as `export.collect` does)."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from militantmap import schema
from militantmap.store import queries
from militantmap.store.db import get_engine, read_snapshot
from militantmap.store.schema import articles, event_reports, evidence, relations, roles
from militantmap.titles import article_title, outlet_of


def article_names(db_url: str | None, ids: Iterable[int]) -> dict[int, dict]:
    """id -> {title, title_source, outlet, outlet_derived} for the given article ids."""
    wanted = sorted({int(i) for i in ids if i is not None})
    out: dict[int, dict] = {}
    if not wanted:
        return out
    with read_snapshot(get_engine(db_url)) as conn:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            rows = conn.execute(select(articles.c.id, articles.c.title, articles.c.url,
                                       articles.c.publisher, articles.c.raw_format,
                                       articles.c.raw_text, articles.c.text)
                                .where(articles.c.id.in_(chunk)))
            for r in rows:
                out[r.id] = names_of(r.title, r.text, r.url, r.raw_text, r.raw_format, r.publisher)
    return out


def names_of(title: str | None, text: str | None, url: str | None, raw: str | None,
             raw_format: str | None, publisher: str | None) -> dict:
    name, source = article_title(title, (text or "")[:2000], url, raw, raw_format)
    outlet, derived = outlet_of(publisher, url)
    return {"title": name, "title_source": source, "outlet": outlet, "outlet_derived": derived}


def article_facts(db_url: str | None, article_id: int) -> list[dict]:
    """Every fact the store took from one article, in text order: ties, roles and event
    reports, each with its evidence id (and the tie or event it supports)."""
    with read_snapshot(get_engine(db_url)) as conn:
        ents = queries._Entities.load(conn)
        sentences = {r.id: (r.start, r.sentence) for r in conn.execute(
            select(evidence.c.id, evidence.c.start, evidence.c.sentence)
            .where(evidence.c.article_id == article_id))}
        facts: list[dict] = []
        for rel in conn.execute(select(relations).where(relations.c.article_id == article_id)).mappings():
            subject, obj = ents.ref(rel["subject_id"]), ents.ref(rel["object_id"])
            if subject["id"] == obj["id"]:
                continue  # merged into one group: no tie left
            key = queries._tie_key(ents, rel["subject_id"], rel["type"], rel["object_id"])
            facts.append({"kind": "tie", "evidence_id": rel["evidence_id"],
                          "text": schema.tie_text(subject["name"], rel["type"], obj["name"],
                                                  rel["polarity"]),
                          "modality": rel["modality"], "polarity": rel["polarity"],
                          "tie_id": queries._tie_id(ents, key)})
        for role in conn.execute(select(roles).where(roles.c.article_id == article_id)).mappings():
            facts.append({"kind": "role", "evidence_id": role["evidence_id"],
                          "text": f"{ents.ref(role['person_id'])['name']}, "
                                  f"{role['role'].replace('_', ' ')} of {ents.ref(role['group_id'])['name']}",
                          "modality": role["modality"], "polarity": None})
        for rep in conn.execute(select(event_reports).where(event_reports.c.article_id == article_id)).mappings():
            place = rep["location_name"] or rep["country"]
            facts.append({"kind": "event", "evidence_id": rep["evidence_id"],
                          "text": f"{rep['type'].replace('_', ' ')}{' in ' + place if place else ''}"
                                  f"{' on ' + rep['date'] if rep['date'] else ''}",
                          "modality": rep["modality"], "polarity": None,
                          "event_id": str(rep["incident_id"])})
    for f in facts:
        start, sentence = sentences.get(f["evidence_id"], (None, ""))
        f["start"], f["sentence"] = start, sentence
    facts.sort(key=lambda f: (f["start"] is None, f["start"] or 0, f["kind"], f["text"]))
    return facts
