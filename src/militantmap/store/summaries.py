"""The summary tables (schema 4; issue 9, queries at scale): kept by the writer, read by the queries.

What they hold (store.schema): `article_entities.published` (an article's date beside each of
its mentions), `group_people` (per group, person and role: how many articles, the first row, the
firmest modality) and `entity_incidents` (per entity, the incidents it is an actor of). They
summarise the stored fact rows per stored entity, before merges and before the analyst's fact
decisions, which the queries apply: a summary is read only for a group with nothing merged into
it and no decision in force on what it summarises (else the queries read the fact rows).

How they stay right: the writer adds what an article's new facts add (`Added`: one upsert a
table) after writing them (writer.write_facts), and calls `refresh` with the keys an article's
facts touch after clearing them for a re-extraction (writer.clear_facts), in the same
transaction. `refresh` recomputes those keys from the fact rows (through indexes), so a write,
a rewrite and a partial delete all give what `rebuild` gives from scratch; opening an older store runs `rebuild` (db._upgrade), and the
tests compare every summary with `expected` (a recomputation from the fact rows).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from sqlalchemy import Insert, Select, case, delete, func, insert, select, tuple_, update
from sqlalchemy.engine import Connection

from militantmap.store.schema import (
    article_entities,
    articles,
    entity_incidents,
    event_actors,
    event_reports,
    group_people,
    roles,
)

# How firmly a source put a role: one plain statement outweighs hedged ones (queries._people_of
# shows the firmest). 9: no modality recorded (a row stored before 0.4.0).
FIRMNESS = {"asserted": 0, "reported": 1, "planned": 2, "speculated": 3}
NO_MODALITY = 9
MODALITY_OF = {rank: name for name, rank in FIRMNESS.items()}

PeopleKey = tuple[int, int, str]   # group id, person id, role
IncidentKey = tuple[int, int]      # entity id, incident id


def _firmness():
    return func.min(case(FIRMNESS, value=roles.c.modality, else_=NO_MODALITY))


def _people_rows(where) -> Select:
    """group_people's rows computed from the roles table (grouped; `where` narrows the rows)."""
    agg = (select(roles.c.group_id, roles.c.person_id, roles.c.role,
                  func.count(roles.c.article_id.distinct()).label("articles"),
                  func.min(roles.c.id).label("first_id"), _firmness().label("firmness"))
           .group_by(roles.c.group_id, roles.c.person_id, roles.c.role))
    if where is not None:
        agg = agg.where(where)
    g = agg.subquery()
    first = roles.alias("first_role")
    return (select(g.c.group_id, g.c.person_id, g.c.role, g.c.articles, g.c.first_id,
                   first.c.evidence_id, g.c.firmness)
            .join(first, first.c.id == g.c.first_id))


def _incident_rows(where) -> Select:
    q = (select(event_actors.c.entity_id, event_reports.c.incident_id, func.count().label("actors"))
         .join(event_reports, event_reports.c.id == event_actors.c.report_id)
         .group_by(event_actors.c.entity_id, event_reports.c.incident_id))
    return q if where is None else q.where(where)


_PEOPLE_COLUMNS = ["group_id", "person_id", "role", "articles", "first_id", "evidence_id", "firmness"]


def refresh(conn: Connection, people: Iterable[PeopleKey] = (), incidents: Iterable[IncidentKey] = ()) -> None:
    """Recompute these keys of the summaries from the fact rows as they are now (a key with no
    rows left loses its summary row)."""
    people, incidents = sorted(set(people)), sorted(set(incidents))
    for i in range(0, len(people), 200):
        keys = people[i:i + 200]
        where = tuple_(roles.c.group_id, roles.c.person_id, roles.c.role).in_(keys)
        rows = [r._asdict() for r in conn.execute(_people_rows(where))]
        conn.execute(delete(group_people).where(
            tuple_(group_people.c.group_id, group_people.c.person_id, group_people.c.role).in_(keys)))
        if rows:
            conn.execute(insert(group_people), rows)
    for i in range(0, len(incidents), 200):
        pairs = incidents[i:i + 200]
        # by incident (indexed, a few reports each), then only the pairs asked for
        found = [r._asdict() for r in conn.execute(_incident_rows(
            event_reports.c.incident_id.in_(sorted({p[1] for p in pairs}))))
            if (r.entity_id, r.incident_id) in set(pairs)]
        conn.execute(delete(entity_incidents).where(
            tuple_(entity_incidents.c.entity_id, entity_incidents.c.incident_id).in_(pairs)))
        if found:
            conn.execute(insert(entity_incidents), found)


class Added:
    """What one article's new fact rows add to the summaries, written by `write` in one
    statement a table (an upsert: the key's row gains them, or is created). Exact because the
    article's rows are new: each key gains one article, and a new row's id is above every
    stored one (the key's first row stays first); a re-extraction clears the article's rows
    first (`refresh`)."""

    def __init__(self) -> None:
        self.people: dict[PeopleKey, dict] = {}
        self.actors: dict[IncidentKey, int] = {}

    def role(self, group_id: int, person_id: int, role: str, role_id: int, evidence_id: int,
             modality: str | None) -> None:
        firm = FIRMNESS.get(modality or "", NO_MODALITY)
        got = self.people.get((group_id, person_id, role))
        if got is None:
            self.people[(group_id, person_id, role)] = {
                "group_id": group_id, "person_id": person_id, "role": role, "articles": 1,
                "first_id": role_id, "evidence_id": evidence_id, "firmness": firm}
        else:
            got["firmness"] = min(got["firmness"], firm)

    def actor(self, entity_id: int, incident_id: int) -> None:
        self.actors[(entity_id, incident_id)] = self.actors.get((entity_id, incident_id), 0) + 1

    def write(self, conn: Connection) -> None:
        upserts = _upserts(conn.dialect.name)
        if upserts is None:  # another database: recompute the keys
            refresh(conn, self.people, self.actors)
            return
        if self.people:  # one statement, executed for each row (compiled once per process)
            conn.execute(upserts[0], list(self.people.values()))
        if self.actors:
            conn.execute(upserts[1], [{"entity_id": e, "incident_id": i, "actors": n}
                                      for (e, i), n in sorted(self.actors.items())])


@cache
def _upserts(dialect: str) -> tuple[Insert, Insert] | None:
    """INSERT ... ON CONFLICT DO UPDATE into group_people and entity_incidents (SQLite and
    PostgreSQL both have it): the key's row gains what the new row brings."""
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as upsert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert  # type: ignore[assignment]
    else:
        return None
    people = upsert(group_people)
    people = people.on_conflict_do_update(
        index_elements=[group_people.c.group_id, group_people.c.person_id, group_people.c.role],
        set_={"articles": group_people.c.articles + people.excluded.articles,
              "firmness": case((people.excluded.firmness < group_people.c.firmness, people.excluded.firmness),
                               else_=group_people.c.firmness)})
    actors = upsert(entity_incidents)
    actors = actors.on_conflict_do_update(
        index_elements=[entity_incidents.c.entity_id, entity_incidents.c.incident_id],
        set_={"actors": entity_incidents.c.actors + actors.excluded.actors})
    return people, actors


def keys_of_article(conn: Connection, article_id: int) -> tuple[set[PeopleKey], set[IncidentKey]]:
    """The summary keys an article's stored facts touch (read before clearing them)."""
    people = {(r.group_id, r.person_id, r.role) for r in conn.execute(
        select(roles.c.group_id, roles.c.person_id, roles.c.role).where(roles.c.article_id == article_id))}
    incidents = {(r.entity_id, r.incident_id) for r in conn.execute(
        select(event_actors.c.entity_id, event_reports.c.incident_id)
        .join(event_reports, event_reports.c.id == event_actors.c.report_id)
        .where(event_reports.c.article_id == article_id))}
    return people, incidents


def rebuild(conn: Connection) -> None:
    """Every summary from the fact rows (opening a store older than schema 4; safe to repeat)."""
    conn.execute(update(article_entities).values(published=select(articles.c.published).where(
        articles.c.id == article_entities.c.article_id).scalar_subquery()))
    conn.execute(delete(group_people))
    conn.execute(insert(group_people).from_select(_PEOPLE_COLUMNS, _people_rows(None)))
    conn.execute(delete(entity_incidents))
    conn.execute(insert(entity_incidents).from_select(
        ["entity_id", "incident_id", "actors"], _incident_rows(None)))


def stored(conn: Connection) -> dict[str, set[tuple]]:
    """The summaries as stored (for the tests: compare with `expected`)."""
    return {
        "published": set(conn.execute(select(article_entities.c.article_id, article_entities.c.entity_id,
                                             article_entities.c.published)).tuples()),
        "group_people": set(conn.execute(select(*[group_people.c[c] for c in _PEOPLE_COLUMNS])).tuples()),
        "entity_incidents": set(conn.execute(select(entity_incidents)).tuples()),
    }


def expected(conn: Connection) -> dict[str, set[tuple]]:
    """The summaries recomputed from the fact rows: what `stored` must give."""
    return {
        "published": set(conn.execute(select(article_entities.c.article_id, article_entities.c.entity_id,
                                             articles.c.published)
                                      .join(articles, articles.c.id == article_entities.c.article_id)).tuples()),
        "group_people": set(conn.execute(_people_rows(None)).tuples()),
        "entity_incidents": set(conn.execute(_incident_rows(None)).tuples()),
    }
