"""The analyst's fact decisions as the queries apply them: which stored facts are rejected and
which are retyped, and which entities are marked as not a group.

A fact decision never changes a fact row (rows are stored as extracted, and a re-extraction
deletes and rewrites an article's rows with new ids). It names the fact by what a re-extraction
of the same article gives again: the article, the kind of fact, the entity keys at its ends (as
extracted, before merges), its extracted type and the offsets of its evidence sentence
(`fact_key`). Reading the store, `Decisions.load` matches the decisions not undone to the rows
now stored, so the rows a re-extraction writes are rejected or retyped like the rows they
replace.

Loaded once per query with the entity table (queries._Entities): one SELECT of the decisions
and, only when there are fact decisions, one per kind of fact over the articles they concern.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection

from militantmap.store.schema import (
    curation_log,
    entities,
    event_reports,
    evidence,
    relations,
    roles,
)

FACT_KINDS = ("relation", "role", "event", "evidence")
FACT_ACTIONS = ("reject", "retype")


def fact_key(kind: str, row: dict, start: int, end: int, keys: dict[int, str]) -> dict:
    """The identity of a stored fact that survives a re-extraction (see the module doc).
    `row` is the fact's row (relation, role, event report; or evidence), `keys` entity id -> key."""
    out: dict = {"kind": kind, "article": row["article_id"], "start": start, "end": end}
    if kind == "relation":
        out.update(subject=keys[row["subject_id"]], type=row["type"], object=keys[row["object_id"]])
    elif kind == "role":
        out.update(person=keys[row["person_id"]], role=row["role"], group=keys[row["group_id"]])
    elif kind == "event":
        out.update(type=row["type"])
    return out


def key_text(key: dict) -> str:
    """The one spelling of a fact key stored in curation_log.target."""
    return json.dumps(key, sort_keys=True, ensure_ascii=False)


@dataclass
class Decisions:
    rejected: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # kind -> row ids
    retyped: dict[int, tuple[str, bool]] = field(default_factory=dict)  # relation id -> (type, reversed)
    decided: dict[tuple[str, int], list[int]] = field(default_factory=lambda: defaultdict(list))  # (kind, row id) -> decision ids
    not_groups: set[int] = field(default_factory=set)                   # entity ids

    @classmethod
    def load(cls, conn: Connection, entity_rows: dict[int, dict] | None = None) -> Decisions:
        """The decisions in force. Cheap when there are none (one query); with some, the entity
        keys come from `entity_rows` when the caller has read every entity, else they are read
        here (a lazy caller has only some)."""
        out = cls()
        active = conn.execute(
            select(curation_log.c.id, curation_log.c.action, curation_log.c.target_kind,
                   curation_log.c.target, curation_log.c.after)
            .where(curation_log.c.undone_by.is_(None),
                   curation_log.c.action.in_((*FACT_ACTIONS, "not_a_group")))
            .order_by(curation_log.c.id)).all()
        if not active:
            return out
        by_key: dict[str, list] = defaultdict(list)
        articles: dict[str, set[int]] = defaultdict(set)
        keys = ({eid: r["key"] for eid, r in entity_rows.items()} if entity_rows is not None
                else {r.id: r.key for r in conn.execute(select(entities.c.id, entities.c.key))})
        key_ids = {key: eid for eid, key in keys.items()}
        for d in active:
            if d.action == "not_a_group":
                if d.target in key_ids:
                    out.not_groups.add(key_ids[d.target])
                continue
            target = json.loads(d.target)
            by_key[key_text(target)].append(d)
            articles[target["kind"]].add(int(target["article"]))
        for kind, row in _current_rows(conn, articles):
            for d in by_key.get(key_text(fact_key(kind, row, row["start"], row["end"], keys)), ()):
                out.decided[(kind, row["id"])].append(d.id)
                if d.action == "reject":
                    out.rejected[kind].add(row["id"])
                else:  # retype: the latest decision not undone holds
                    after = json.loads(d.after)
                    out.retyped[row["id"]] = (after["type"], bool(after.get("reversed")))
        return out

    # -- applied by the queries ------------------------------------------------------------
    def relation(self, r: dict) -> dict | None:
        """A relation row as the analyst decided it: None when rejected (or its sentence is),
        else the row with its type and direction retyped."""
        if r["id"] in self.rejected["relation"] or r["evidence_id"] in self.rejected["evidence"]:
            return None
        change = self.retyped.get(r["id"])
        if change is None:
            return r
        r = dict(r, type=change[0])
        if change[1]:
            r["subject_id"], r["object_id"] = r["object_id"], r["subject_id"]
        return r

    def keeps(self, kind: str, row_id: int, evidence_id: int | None) -> bool:
        """A role or event report (kind "role" / "event") neither rejected nor resting on a
        rejected sentence."""
        return row_id not in self.rejected[kind] and evidence_id not in self.rejected["evidence"]


def _current_rows(conn: Connection, articles: dict[str, set[int]]):
    """(kind, row with start/end) of every stored fact of the given kinds in the given articles."""
    specs = {"relation": relations, "role": roles, "event": event_reports}
    for kind, table in specs.items():
        if articles.get(kind):
            q = (select(table, evidence.c.start, evidence.c.end)
                 .join(evidence, evidence.c.id == table.c.evidence_id)
                 .where(table.c.article_id.in_(articles[kind])))
            for row in conn.execute(q).mappings():
                yield kind, dict(row)
    if articles.get("evidence"):
        for row in conn.execute(select(evidence).where(evidence.c.article_id.in_(articles["evidence"]))).mappings():
            yield "evidence", dict(row)
