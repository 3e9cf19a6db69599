"""An analyst's corrections, each reversible and logged with who, when and why (curation_log).

Entity decisions change the entity tables and keep what they replaced:
- rename: the display name; the old name stays an alias, the new one becomes one;
- add_alias / remove_alias: a removed name is also kept from coming back when an article that
  uses it is re-extracted (graph.resolve);
- merge / split: `merged_into` on the absorbed entity; every per-article fact keeps pointing
  at the entity it was extracted for, and the queries read merged entities as one, so a split
  is exact;
- not_a_group: the entity is retyped (organization by default); its ties leave the graph.
Fact decisions (retype a tie's type or direction; reject a tie, role, event report or one
evidence sentence) change no fact row: the queries apply them (store.decisions), also to the
rows a re-extraction writes. `undo` reverses any decision, itself logged.

Every entity, as the resolver keeps it, survives a re-extraction: names and types are never
rewritten by an ingest, so a rename, a merge or a retype persists.

Errors: NotInStore (unknown entity, fact or decision: a 404), Refused (the decision makes no
sense or the text is unusable: a 400/422, nothing changed), Conflict (a later decision or the
store's state stands in the way: a 409).
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import unicodedata
from collections.abc import Callable

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from militantmap import schema
from militantmap.errors import NotInStore
from militantmap.nlp.gazetteer import normalize
from militantmap.store.db import get_engine, inserted_id, read_snapshot
from militantmap.store.decisions import FACT_KINDS, Decisions, fact_key, key_text
from militantmap.store.queries import _Entities
from militantmap.store.schema import (
    aliases,
    curation_log,
    entities,
    event_reports,
    evidence,
    relations,
    roles,
)

NOT_GROUP_TYPES = (schema.ORGANIZATION, schema.PERSON, schema.LOCATION)
MAX_NAME, MAX_WHY, MAX_WHO = 200, 2000, 100
# Invisible characters that belong in names of some scripts (Persian, Urdu): kept.
_JOINERS = {"\u200c", "\u200d"}


class Refused(ValueError):
    """A decision that makes no sense (a group merged into itself, an empty name, a name with
    markup or control characters): nothing was changed."""


class Conflict(Refused):
    """A decision the store's present state stands in the way of (a later decision on the same
    thing not undone): nothing was changed."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# -- analyst text ------------------------------------------------------------------------------

def clean_text(value: object, field: str, max_len: int, *, markup: bool = False,
               multiline: bool = False) -> str:
    """Analyst-entered text as it may be stored, or Refused naming the problem. Names refuse
    markup characters (< >: no group is called that; a payload is); every text refuses control
    and invisible formatting characters (bidi overrides can make a name read as another). All
    of it is escaped wherever it is shown, like article text."""
    if not isinstance(value, str):
        raise Refused(f"{field} must be text")
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        raise Refused(f"{field} is empty")
    if len(text) > max_len:
        raise Refused(f"{field} is longer than {max_len} characters ({len(text)})")
    for ch in text:
        if multiline and ch in "\n\t\r":
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in _JOINERS:
            raise Refused(f"{field} contains a control or invisible character (U+{ord(ch):04X})")
    if not markup and any(ch in text for ch in "<>"):
        raise Refused(f"{field} contains < or >: names and analyst names may not hold markup")
    return text


def default_who() -> str:
    """Who decides when nobody says: MILITANTMAP_ANALYST, the OS user, or "analyst"."""
    try:
        user = os.environ.get("MILITANTMAP_ANALYST") or getpass.getuser()
    except (KeyError, OSError):
        user = ""
    return user or "analyst"


def _who_why(who: str | None, why: str | None) -> tuple[str, str | None]:
    who_ = clean_text(who, "who", MAX_WHO) if who not in (None, "") else default_who()[:MAX_WHO]
    why_ = clean_text(why, "why", MAX_WHY, markup=True, multiline=True) if why not in (None, "") else None
    return who_, why_


# -- the log ------------------------------------------------------------------------------------

def _log(conn: Connection, action: str, target_kind: str, target: str, label: str,
         before: dict, after: dict, who: str, why: str | None) -> dict:
    at = _now()
    did = inserted_id(conn.execute(curation_log.insert().values(
        at=at, who=who, action=action, target_kind=target_kind, target=target, label=label,
        before=json.dumps(before, ensure_ascii=False), after=json.dumps(after, ensure_ascii=False),
        why=why)))
    return {"id": did, "at": at.isoformat(timespec="seconds"), "who": who, "action": action,
            "target_kind": target_kind, "target": target, "label": label,
            "before": before, "after": after, "why": why}


def _scope(row) -> tuple[str, str, str]:
    """What a decision acts on: two decisions with one scope must be undone last first."""
    field = {"rename": "name", "merge": "merged_into", "split": "merged_into",
             "not_a_group": "type", "reject": "reject", "retype": "retype"}.get(row["action"], "")
    if row["action"] in ("add_alias", "remove_alias"):
        field = "alias:" + json.loads(row["after"]).get("norm", "")
    return row["target_kind"], row["target"], field


def _entity(conn: Connection, ents: _Entities, ref: object, what: str = "entity") -> int:
    if not isinstance(ref, str) or not ref.strip():
        raise Refused(f"{what} is missing: give its id or a name")
    try:
        return ents.find(conn, ref, None)
    except LookupError:
        raise NotInStore(f"no {what} {ref!r} in the store") from None


def _key_of(ents: _Entities, eid: int) -> str:
    return str(ents.rows[eid]["key"])


def _id_of(conn: Connection, key: str) -> int | None:
    row = conn.execute(select(entities.c.id).where(entities.c.key == key)).first()
    return None if row is None else int(row.id)


def _owners(conn: Connection, ents: _Entities, norm: str, type_: str) -> set[int]:
    """Canonical ids of the entities of one type that carry a name."""
    return {ents.canon[r.entity_id] for r in conn.execute(
        select(aliases.c.entity_id).join(entities, entities.c.id == aliases.c.entity_id)
        .where(aliases.c.norm == norm[:300], entities.c.type == type_))}


# -- entity decisions ------------------------------------------------------------------------------

def rename(db_url: str | None, entity: str, name: str, who: str | None = None,
           why: str | None = None) -> dict:
    """Give an entity a new display name; the old name stays one of its aliases."""
    who_, why_ = _who_why(who, why)
    new = clean_text(name, "name", MAX_NAME)
    with get_engine(db_url).begin() as conn:
        ents = _Entities.load(conn)
        cid = _entity(conn, ents, entity)
        row = ents.rows[cid]
        if new == row["name"]:
            raise Refused(f"{row['name']!r} is already called so")
        others = _owners(conn, ents, normalize(new), row["type"]) - {cid}
        if others:
            other = ents.rows[min(others)]["name"]
            raise Refused(f"{new!r} already names {other}: merge the two instead of renaming")
        added = []
        have = {r.alias for r in conn.execute(select(aliases.c.alias).where(
            aliases.c.entity_id.in_(ents.members(cid))))}
        for alias in (row["name"], new):  # the old name stays findable, the new one becomes so
            if alias not in have and normalize(alias):
                added.append(inserted_id(conn.execute(aliases.insert().values(
                    entity_id=cid, alias=alias[:300], norm=normalize(alias)[:300]))))
        conn.execute(update(entities).where(entities.c.id == cid).values(name=new))
        return _log(conn, "rename", "entity", _key_of(ents, cid), row["name"],
                    {"name": row["name"]}, {"name": new, "alias_ids": added}, who_, why_)


def add_alias(db_url: str | None, entity: str, alias: str, who: str | None = None,
              why: str | None = None) -> dict:
    """Another name an entity is known by: searches and lookups find it by this name."""
    who_, why_ = _who_why(who, why)
    new = clean_text(alias, "alias", MAX_NAME)
    norm = normalize(new)[:300]
    if not norm:
        raise Refused(f"alias {new!r} has no letters or digits to match on")
    with get_engine(db_url).begin() as conn:
        ents = _Entities.load(conn)
        cid = _entity(conn, ents, entity)
        row = ents.rows[cid]
        owners = _owners(conn, ents, norm, row["type"])
        if cid in owners:
            raise Refused(f"{new!r} is already a name of {row['name']}")
        if owners:
            other = ents.rows[min(owners)]["name"]
            raise Refused(f"{new!r} already names {other}: merge the two instead")
        aid = inserted_id(conn.execute(aliases.insert().values(entity_id=cid, alias=new, norm=norm)))
        return _log(conn, "add_alias", "entity", _key_of(ents, cid), row["name"],
                    {}, {"alias": new, "norm": norm, "alias_id": aid}, who_, why_)


def remove_alias(db_url: str | None, entity: str, alias: str, who: str | None = None,
                 why: str | None = None) -> dict:
    """A name that does not belong to an entity: gone from it, and not given back to it by a
    re-extraction of an article that uses it."""
    who_, why_ = _who_why(who, why)
    name = clean_text(alias, "alias", MAX_NAME)
    norm = normalize(name)[:300]
    with get_engine(db_url).begin() as conn:
        ents = _Entities.load(conn)
        cid = _entity(conn, ents, entity)
        row = ents.rows[cid]
        members = ents.members(cid)
        found = conn.execute(select(aliases).where(aliases.c.entity_id.in_(members),
                                                   aliases.c.norm == norm)).mappings().all()
        if not found:
            raise NotInStore(f"{name!r} is not a name of {row['name']}")
        for m in members:  # every entity keeps its own name: a split must leave no name nowhere
            if normalize(ents.rows[m]["name"])[:300] == norm:
                hint = ("rename it first" if m == cid else
                        f"it is the name of {ents.rows[m]['name']}, merged into it: split that off first")
                raise Refused(f"{name!r} is what {row['name']} is called: {hint}")
        conn.execute(delete(aliases).where(aliases.c.id.in_([r["id"] for r in found])))
        removed = [{"entity_id": r["entity_id"], "alias": r["alias"]} for r in found]
        return _log(conn, "remove_alias", "entity", _key_of(ents, cid), row["name"],
                    {"aliases": removed},
                    {"alias": name, "norm": norm, "entity_ids": sorted({r["entity_id"] for r in found})},
                    who_, why_)


def merge(db_url: str | None, absorbed: str, into: str, note: str | None = None,
          who: str | None = None) -> dict:
    """Read `absorbed` as `into` from now on (both named by id, name or alias)."""
    who_, why_ = _who_why(who, note)
    with get_engine(db_url).begin() as conn:
        ents = _Entities.load(conn)
        src, dst = _entity(conn, ents, absorbed), _entity(conn, ents, into)
        if src == dst:
            raise Refused(f"{absorbed!r} and {into!r} are already one entity "
                          f"({ents.rows[src]['name']}): a group cannot be merged into itself")
        if ents.rows[src]["type"] != ents.rows[dst]["type"]:
            raise Refused(f"{ents.rows[src]['name']} is a {ents.rows[src]['type']} and "
                          f"{ents.rows[dst]['name']} a {ents.rows[dst]['type']}: only entities "
                          "of one type merge")
        conn.execute(update(entities).where(entities.c.id == src).values(merged_into=dst))
        done = _log(conn, "merge", "entity", _key_of(ents, src), ents.rows[src]["name"],
                    {"merged_into": None}, {"merged_into": _key_of(ents, dst),
                                            "into_name": ents.rows[dst]["name"]}, who_, why_)
        return {"merged": ents.ref(src), "into": ents.ref(dst), "decision": done}


def split(db_url: str | None, name: str, who: str | None = None, why: str | None = None) -> dict:
    """Undo the merge that absorbed `name` (its id or one of its own aliases)."""
    who_, why_ = _who_why(who, why)
    if not isinstance(name, str) or not name.strip():
        raise Refused("give the id or a name of the merged entity to split off")
    with get_engine(db_url).begin() as conn:
        ents = _Entities.load(conn)
        row = conn.execute(select(entities).where(entities.c.key == name)).mappings().first()
        if row is None:  # a name: the merged entity that carries it itself, not its new owner
            ids = [r.entity_id for r in conn.execute(
                select(aliases.c.entity_id).join(entities, entities.c.id == aliases.c.entity_id)
                .where(aliases.c.norm == normalize(name), entities.c.merged_into.is_not(None)))]
            if not ids:
                raise NotInStore(f"no merged entity called {name!r}; `militantmap curate log` "
                                 "lists the merges")
            row = conn.execute(select(entities).where(entities.c.id == ids[0])).mappings().first()
        if row is None:
            raise NotInStore(f"no entity {name!r}")
        if row["merged_into"] is None:
            raise Refused(f"{row['name']} is not merged into anything")
        target = row["merged_into"]
        _check_split_names(conn, ents, row["id"])
        conn.execute(update(entities).where(entities.c.id == row["id"]).values(merged_into=None))
        done = _log(conn, "split", "entity", row["key"], row["name"],
                    {"merged_into": _key_of(ents, target)}, {"merged_into": None}, who_, why_)
        return {"split": {"id": row["key"], "name": row["name"]}, "from": ents.ref(target),
                "decision": done}


def _check_split_names(conn: Connection, ents: _Entities, leaving: int) -> None:
    """A split must leave every name with an entity that is called by it: the group that stays
    must still carry its display name, and so must the one split off (issue 10, "a split that
    would leave an alias nowhere"). Renames and alias removals keep this so; a store edited by
    hand may not be."""
    stay = ents.canon[leaving]
    after = {e for e in ents.members(stay)} - _subtree(ents, leaving)
    for side, members in ((stay, after), (leaving, _subtree(ents, leaving))):
        norm = normalize(ents.rows[side]["name"])[:300]
        held = conn.execute(select(aliases.c.id).where(aliases.c.entity_id.in_(members),
                                                       aliases.c.norm == norm)).first()
        if held is None:
            raise Conflict(f"splitting {ents.rows[leaving]['name']} off would leave the name "
                           f"{ents.rows[side]['name']!r} with no entity that carries it: "
                           f"add it as an alias of {ents.rows[side]['name']} first")


def _subtree(ents: _Entities, root: int) -> set[int]:
    """`root` and the entities merged into it (directly or through others)."""
    out = {root}
    grew = True
    while grew:
        grew = False
        for eid, row in ents.rows.items():
            if row["merged_into"] in out and eid not in out:
                out.add(eid)
                grew = True
    return out


def not_a_group(db_url: str | None, entity: str, as_type: str = schema.ORGANIZATION,
                who: str | None = None, why: str | None = None) -> dict:
    """An entity the extractor took for an armed group that is none (an army, a ministry, a
    place): retyped, it leaves the groups, the ties and the network."""
    who_, why_ = _who_why(who, why)
    if as_type not in NOT_GROUP_TYPES:
        raise Refused(f"{as_type!r} is not a type an entity can be given: "
                      f"one of {', '.join(NOT_GROUP_TYPES)}")
    with get_engine(db_url).begin() as conn:
        ents = _Entities.load(conn)
        cid = _entity(conn, ents, entity, "group")
        row = ents.rows[cid]
        if row["type"] != schema.ARMED_GROUP:
            raise Refused(f"{row['name']} is not a group but a {row['type']}")
        keys = [ents.rows[m]["key"] for m in sorted(ents.members(cid))
                if ents.rows[m]["type"] == schema.ARMED_GROUP]
        conn.execute(update(entities).where(entities.c.key.in_(keys)).values(type=as_type))
        return _log(conn, "not_a_group", "entity", _key_of(ents, cid), row["name"],
                    {"type": schema.ARMED_GROUP}, {"type": as_type, "keys": keys}, who_, why_)


# -- fact decisions -------------------------------------------------------------------------------

def _fact(conn: Connection, ents: _Entities, kind: object, fact_id: object) -> tuple[str, dict, str]:
    """(kind, key, label) of a stored fact named by kind and row id."""
    if kind not in FACT_KINDS:
        raise Refused(f"{kind!r} is not a kind of fact: one of {', '.join(FACT_KINDS)}")
    try:
        rid = int(str(fact_id))
    except ValueError:
        raise Refused(f"{str(fact_id)[:40]!r} is not a fact id (a number)") from None
    if not 0 < rid < 2**63:
        raise NotInStore(f"no {kind} {rid} in the store")
    keys = {eid: r["key"] for eid, r in ents.rows.items()}
    if kind == "evidence":
        row = conn.execute(select(evidence).where(evidence.c.id == rid)).mappings().first()
        if row is None:
            raise NotInStore(f"no evidence {rid} in the store")
        return kind, fact_key(kind, dict(row), row["start"], row["end"], keys), \
            f"sentence: {_short(row['sentence'])}"
    table = {"relation": relations, "role": roles, "event": event_reports}[str(kind)]
    row = conn.execute(select(table, evidence.c.start, evidence.c.end, evidence.c.sentence)
                       .join(evidence, evidence.c.id == table.c.evidence_id)
                       .where(table.c.id == rid)).mappings().first()
    if row is None:
        raise NotInStore(f"no {kind} {rid} in the store", )
    r = dict(row)
    name = lambda eid: ents.ref(eid)["name"]
    if kind == "relation":
        what = schema.tie_text(name(r["subject_id"]), r["type"], name(r["object_id"]), r["polarity"])
    elif kind == "role":
        what = f"{name(r['person_id'])}, {r['role'].replace('_', ' ')} of {name(r['group_id'])}"
    else:
        what = f"{r['type'].replace('_', ' ')}{' in ' + r['location_name'] if r['location_name'] else ''}"
    return str(kind), fact_key(str(kind), r, r["start"], r["end"], keys), f"{what}: {_short(r['sentence'])}"


def _short(text: str, n: int = 120) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def reject_fact(db_url: str | None, kind: str, fact_id: object, who: str | None = None,
                why: str | None = None) -> dict:
    """A tie, role or event report the analyst judges wrong (or one evidence sentence, with
    every fact it supports): out of every query and export, also after a re-extraction."""
    who_, why_ = _who_why(who, why)
    with get_engine(db_url).begin() as conn:
        ents = _Entities.load(conn)
        kind_, key, label = _fact(conn, ents, kind, fact_id)
        target = key_text(key)
        earlier = _active(conn, kind_, target, "reject")
        if earlier is not None:
            raise Refused(f"this {kind_} is already rejected (decision {earlier})")
        return _log(conn, "reject", kind_, target, label, {"rejected": False}, {"rejected": True},
                    who_, why_)


def retype_fact(db_url: str | None, fact_id: object, type: str | None = None, reverse: bool = False,
                who: str | None = None, why: str | None = None) -> dict:
    """A tie read with another type ("affiliated_with" -> "rivals") or the other way round."""
    who_, why_ = _who_why(who, why)
    if type is not None and type not in schema.RELATION_TYPES:
        raise Refused(f"{str(type)[:40]!r} is not a tie type: one of {', '.join(schema.RELATION_TYPES)}")
    with get_engine(db_url).begin() as conn:
        ents = _Entities.load(conn)
        kind_, key, label = _fact(conn, ents, "relation", fact_id)
        rid = int(str(fact_id))
        cur_type, cur_rev = ents.facts.retyped.get(rid, (key["type"], False))
        new_type = type or cur_type
        new_rev = cur_rev != bool(reverse)
        if new_type in schema.SYMMETRIC:
            new_rev = False  # a symmetric tie has no direction to turn
        if (new_type, new_rev) == (cur_type, cur_rev):
            raise Refused("that changes nothing: give another type, or reverse a directed tie")
        return _log(conn, "retype", kind_, key_text(key), label,
                    {"type": cur_type, "reversed": cur_rev}, {"type": new_type, "reversed": new_rev},
                    who_, why_)


def _active(conn: Connection, kind: str, target: str, action: str) -> int | None:
    row = conn.execute(select(curation_log.c.id).where(
        curation_log.c.target_kind == kind, curation_log.c.target == target,
        curation_log.c.action == action, curation_log.c.undone_by.is_(None))).first()
    return None if row is None else int(row.id)


# -- undo ------------------------------------------------------------------------------------------

def undo(db_url: str | None, decision_id: object, who: str | None = None,
         why: str | None = None) -> dict:
    """Reverse one logged decision. Refused for an undo (make the decision again instead) and
    for a decision already undone; a Conflict while a later decision on the same thing stands
    (undo that one first) or when the store no longer holds what the decision left."""
    who_, why_ = _who_why(who, why)
    try:
        did = int(str(decision_id))
    except ValueError:
        raise Refused(f"{str(decision_id)[:40]!r} is not a decision id (a number)") from None
    with get_engine(db_url).begin() as conn:
        row = conn.execute(select(curation_log).where(curation_log.c.id == did)).mappings().first() \
            if 0 < did < 2**63 else None
        if row is None:
            raise NotInStore(f"no decision {did} in the curation log")
        if row["action"] == "undo":
            raise Refused(f"decision {did} is an undo: make the decision again instead")
        if row["undone_by"] is not None:
            raise Refused(f"decision {did} is already undone (by decision {row['undone_by']})")
        scope = _scope(row)
        for later in conn.execute(select(curation_log).where(
                curation_log.c.id > did, curation_log.c.undone_by.is_(None),
                curation_log.c.action != "undo", curation_log.c.target == row["target"])).mappings():
            if _scope(later) == scope:
                raise Conflict(f"decision {later['id']} ({later['action']}) changed this later: "
                               "undo it first")
        _REVERSE[row["action"]](conn, row["target"], json.loads(row["before"]), json.loads(row["after"]))
        done = _log(conn, "undo", "decision", str(did), f"{row['action']}: {row['label']}",
                    json.loads(row["after"]), json.loads(row["before"]), who_, why_)
        conn.execute(update(curation_log).where(curation_log.c.id == did).values(undone_by=done["id"]))
        return done


def _entity_row(conn: Connection, key: str) -> dict:
    row = conn.execute(select(entities).where(entities.c.key == key)).mappings().first()
    if row is None:
        raise Conflict(f"entity {key!r} is no longer in the store")
    return dict(row)


def _undo_rename(conn: Connection, key: str, before: dict, after: dict) -> None:
    row = _entity_row(conn, key)
    if row["name"] != after["name"]:
        raise Conflict(f"{key} is now called {row['name']!r}, not {after['name']!r}")
    old = normalize(before["name"])[:300]
    for r in conn.execute(select(curation_log.c.id, curation_log.c.after).where(
            curation_log.c.action == "remove_alias", curation_log.c.target == key,
            curation_log.c.undone_by.is_(None))):
        if json.loads(r.after).get("norm") == old:  # the name it would get back was taken away
            raise Conflict(f"decision {r.id} removed the name {before['name']!r}: undo it first")
    conn.execute(update(entities).where(entities.c.id == row["id"]).values(name=before["name"]))
    if after.get("alias_ids"):
        # the new name leaves with the rename; the old one stays as it was before
        conn.execute(delete(aliases).where(aliases.c.id.in_(after["alias_ids"]),
                                           aliases.c.norm != normalize(before["name"])[:300]))


def _undo_add_alias(conn: Connection, key: str, before: dict, after: dict) -> None:
    conn.execute(delete(aliases).where(aliases.c.id == after["alias_id"]))


def _undo_remove_alias(conn: Connection, key: str, before: dict, after: dict) -> None:
    for a in before["aliases"]:
        there = conn.execute(select(aliases.c.id).where(aliases.c.entity_id == a["entity_id"],
                                                        aliases.c.alias == a["alias"])).first()
        if there is None and conn.execute(select(entities.c.id).where(entities.c.id == a["entity_id"])).first():
            conn.execute(aliases.insert().values(entity_id=a["entity_id"], alias=a["alias"],
                                                 norm=normalize(a["alias"])[:300]))


def _undo_merge(conn: Connection, key: str, before: dict, after: dict) -> None:
    row = _entity_row(conn, key)
    into = _id_of(conn, after["merged_into"])
    if row["merged_into"] != into:
        raise Conflict(f"{row['name']} is no longer merged into {after.get('into_name') or after['merged_into']}")
    conn.execute(update(entities).where(entities.c.id == row["id"]).values(merged_into=None))


def _undo_split(conn: Connection, key: str, before: dict, after: dict) -> None:
    row = _entity_row(conn, key)
    if row["merged_into"] is not None:
        raise Conflict(f"{row['name']} is merged again")
    into = _id_of(conn, before["merged_into"])
    if into is None:
        raise Conflict(f"entity {before['merged_into']!r} is no longer in the store")
    ents = _Entities.load(conn)
    if ents.canon[into] == row["id"]:
        raise Conflict(f"{before['merged_into']} is now merged into {row['name']}: merging back would loop")
    conn.execute(update(entities).where(entities.c.id == row["id"]).values(merged_into=into))


def _undo_not_a_group(conn: Connection, key: str, before: dict, after: dict) -> None:
    conn.execute(update(entities).where(entities.c.key.in_(after["keys"]),
                                        entities.c.type == after["type"])
                 .values(type=schema.ARMED_GROUP))


def _undo_fact(conn: Connection, key: str, before: dict, after: dict) -> None:
    """Fact decisions live in the log only: marking them undone is the whole undo."""


_REVERSE: dict[str, Callable[[Connection, str, dict, dict], None]] = {
    "rename": _undo_rename, "add_alias": _undo_add_alias, "remove_alias": _undo_remove_alias,
    "merge": _undo_merge, "split": _undo_split, "not_a_group": _undo_not_a_group,
    "reject": _undo_fact, "retype": _undo_fact,
}


# -- reading the log --------------------------------------------------------------------------------

def history(db_url: str | None, limit: int | None = None) -> list[dict]:
    """Every decision, newest first, with who/when/why and whether (and by what) it was undone."""
    with read_snapshot(get_engine(db_url)) as conn:
        q = select(curation_log).order_by(curation_log.c.id.desc())
        if limit:
            q = q.limit(limit)
        rows = conn.execute(q).mappings().all()
    out = []
    for r in rows:
        out.append({"id": r["id"], "at": r["at"].isoformat(timespec="seconds"), "who": r["who"],
                    "action": r["action"], "target_kind": r["target_kind"], "target": r["target"],
                    "label": r["label"], "before": json.loads(r["before"] or "{}"),
                    "after": json.loads(r["after"] or "{}"), "why": r["why"],
                    "undone_by": r["undone_by"],
                    "undoes": int(r["target"]) if r["action"] == "undo" else None})
    return out


LOG_FIELDS = ["id", "at", "who", "action", "target_kind", "target", "label", "before", "after",
              "why", "undone_by", "undoes"]


def csv_row(decision: dict) -> dict:
    """One decision as a CSV row: before and after as JSON text."""
    return {k: json.dumps(decision[k], ensure_ascii=False) if isinstance(decision[k], dict) else decision[k]
            for k in LOG_FIELDS}


def merge_history(db_url: str | None) -> list[dict]:
    """The merges and splits, oldest first (the shape `militantmap merge --log` prints)."""
    with read_snapshot(get_engine(db_url)) as conn:
        ents = _Entities.load(conn)
        keys = {r["key"]: r for r in ents.rows.values()}
        rows = conn.execute(select(curation_log).where(curation_log.c.action.in_(("merge", "split")))
                            .order_by(curation_log.c.id)).mappings().all()
    out = []
    for r in rows:
        other = json.loads(r["after"] if r["action"] == "merge" else r["before"]).get("merged_into")
        ent = keys.get(r["target"])
        tgt = keys.get(other) if other else None
        out.append({"at": r["at"].isoformat(timespec="seconds"), "action": r["action"],
                    "entity": {"id": r["target"], "name": ent["name"] if ent else r["label"]},
                    "target": {"id": tgt["key"], "name": tgt["name"]} if tgt else None,
                    "note": r["why"], "who": r["who"], "decision": r["id"],
                    "undone_by": r["undone_by"]})
    return out


def decisions_loaded(db_url: str | None) -> Decisions:
    """The fact decisions as the queries apply them (for tests and the CLI)."""
    with read_snapshot(get_engine(db_url)) as conn:
        return _Entities.load(conn).facts
