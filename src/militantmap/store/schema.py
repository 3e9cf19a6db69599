"""The knowledge store's tables (SQLAlchemy Core; SQLite by default, PostgreSQL for teams).

Per-article facts are stored as extracted (relations, roles, event reports, each with its
evidence); the graph an analyst sees is aggregated from them at query time, so a merge or a
re-extraction never loses a source.

    articles ──< article_entities >── entities ──< aliases
       │                                  │ (merged_into: reversible merges, merge_log)
       ├──< evidence
       ├──< relations  (subject, object -> entities; evidence; attribution)
       ├──< roles      (person, group -> entities; evidence; attribution)
       └──< event_reports ──< event_actors >── entities   (evidence; attribution)
                 └── incident_id -> incidents (one real-world event, several reports)

Schema versions (meta.schema_version); opening an older store adds what it lacks (db.py):
  1  the first tables
  2  roles and event_reports: modality, attribution_text, attribution_kind,
     attribution_entity_id (NULL in rows stored before: "not recorded")
  3  curation_log: every analyst decision (rename, aliases, merge/split, not a group, retype
     or reject a fact, undo) with who/when/why; the merges and splits of merge_log are copied
     into it when an older store is opened, and merge_log is no longer written
  4  summaries for queries at scale (issue 9): article_entities.published (the article's date,
     beside each mention, indexed with the entity), group_people and entity_incidents; the
     writer keeps them in the transaction that writes the facts (store.summaries), opening an
     older store fills them from its facts
"""
from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

SCHEMA_VERSION = 4
metadata = MetaData()


def attribution_columns(modality_required: bool = False) -> list[Column]:
    """Who asserted a fact and how firmly. Relations have had them from the start (modality
    required); roles and event reports since schema 2, nullable: rows stored by an extractor
    before 0.4.0 have none ("not recorded")."""
    return [
        Column("modality", String(16), nullable=not modality_required),  # asserted | reported | planned | speculated
        Column("attribution_text", Text),
        Column("attribution_kind", String(32)),
        Column("attribution_entity_id", Integer, ForeignKey("entities.id")),
    ]


# Columns added to existing tables since schema 1, in order: opening an older store adds the
# ones it lacks (ALTER TABLE ... ADD COLUMN; db._add_missing_columns). Only nullable columns
# without a server default may be added this way.
ADDED_COLUMNS: list[tuple[str, str]] = [
    (table, column) for table in ("roles", "event_reports")
    for column in ("modality", "attribution_text", "attribution_kind", "attribution_entity_id")
] + [("article_entities", "published")]                            # schema 4

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_key", String(200), nullable=False, unique=True),   # input id or sha256
    Column("content_hash", String(64), nullable=False, unique=True),   # sha256 of cleaned text
    Column("url", Text), Column("title", Text), Column("publisher", Text),
    Column("published", Date), Column("lang", String(16)),
    Column("source", Text),                                            # path, URL or "<stdin>"
    Column("raw_text", Text, nullable=False),                          # the input as given
    Column("raw_format", String(8), nullable=False, default="text"),   # text | html
    Column("text", Text, nullable=False),                              # cleaned; offsets point here
    Column("removed", Text, nullable=False, default="[]"),             # JSON boilerplate ranges
    Column("status", String(20), nullable=False, default="ok"),  # ok | non_english | not_relevant | no_text
    Column("story_id", Integer, nullable=False),                       # near-duplicates share it
    Column("duplicate_of", Integer, ForeignKey("articles.id")),
    Column("minhash", LargeBinary),
    Column("extractor_version", String(32)),
    Column("ingested_at", DateTime, nullable=False),
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_story", articles.c.story_id)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False, unique=True),   # gazetteer id, or "<type>:<slug>"
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),                # armed_group | person | location | organization
    Column("kb_id", String(200)),
    Column("parent_id", Integer, ForeignKey("entities.id")),
    Column("country", Text), Column("region", Text),
    Column("lat", Float), Column("lon", Float),
    Column("merged_into", Integer, ForeignKey("entities.id")),  # set by `merge`, cleared by `split`
)
Index("ix_entities_type", entities.c.type)
# Indexes added for queries at scale (issue 9): opening a store that lacks one creates it
# (db._add_missing_indexes), so an older store gets them too.
Index("ix_entities_kb", entities.c.kb_id)             # a group named by a gazetteer alias
Index("ix_entities_parent", entities.c.parent_id)     # a group's factions
Index("ix_entities_merged", entities.c.merged_into)   # merges, read before any query

aliases = Table(
    "aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("norm", String(300), nullable=False),
    UniqueConstraint("entity_id", "alias", name="uq_alias"),
)
Index("ix_aliases_norm", aliases.c.norm)

article_entities = Table(
    "article_entities", metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), primary_key=True),
    Column("local_id", String(16), nullable=False),            # "e3" in the extraction
    Column("surface_forms", Text, nullable=False),             # JSON list
    Column("mentions", Text, nullable=False),                  # JSON [[start, end], ...]
    # schema 4: the article's publication date, copied by the writer (an article's date never
    # changes), so a group's article count, first/last seen and newest articles are read from
    # the index below without touching the articles table (15,000 wide rows for a big group)
    Column("published", Date),
)
Index("ix_article_entities_entity", article_entities.c.entity_id)
Index("ix_article_entities_entity_published", article_entities.c.entity_id,
      article_entities.c.published, article_entities.c.article_id)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
)
Index("ix_evidence_article", evidence.c.article_id)

relations = Table(
    "relations", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("subject_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("object_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("type", String(32), nullable=False),
    Column("polarity", String(16), nullable=False),
    *attribution_columns(modality_required=True),
    Column("confidence", Float, nullable=False),
    Column("evidence_id", Integer, ForeignKey("evidence.id"), nullable=False),
)
Index("ix_relations_subject", relations.c.subject_id)
Index("ix_relations_object", relations.c.object_id)
Index("ix_relations_evidence", relations.c.evidence_id)    # the facts of one evidence sentence
Index("ix_relations_article", relations.c.article_id)      # an article's facts; re-extraction

roles = Table(
    "roles", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("group_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("role", String(32), nullable=False),
    Column("evidence_id", Integer, ForeignKey("evidence.id"), nullable=False),
    *attribution_columns(),                                    # schema 2; NULL before
)
Index("ix_roles_group", roles.c.group_id)
Index("ix_roles_person", roles.c.person_id)
Index("ix_roles_evidence", roles.c.evidence_id)
Index("ix_roles_article", roles.c.article_id)
Index("ix_roles_group_person", roles.c.group_id, roles.c.person_id, roles.c.role)  # group_people's keys

incidents = Table(
    "incidents", metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(32), nullable=False),
    Column("date", String(10)),                                # YYYY, YYYY-MM or YYYY-MM-DD
    Column("location_name", Text), Column("country", Text),
    Column("lat", Float), Column("lon", Float),
)
Index("ix_incidents_date", incidents.c.date)
Index("ix_incidents_type_date", incidents.c.type, incidents.c.date)   # events of one type, by date
# events of one country (compared case-blind, as queries._candidates does), by date
Index("ix_incidents_country_date", func.lower(incidents.c.country), incidents.c.date)

event_reports = Table(
    "event_reports", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("incident_id", Integer, ForeignKey("incidents.id"), nullable=False),
    Column("type", String(32), nullable=False),
    Column("date", String(10)), Column("date_text", Text),
    Column("location_name", Text), Column("country", Text),
    Column("lat", Float), Column("lon", Float),
    Column("target", Text),
    Column("killed", Integer), Column("killed_qualifier", String(16)), Column("killed_text", Text),
    Column("wounded", Integer), Column("wounded_qualifier", String(16)), Column("wounded_text", Text),
    Column("evidence_id", Integer, ForeignKey("evidence.id"), nullable=False),
    *attribution_columns(),                                    # schema 2; NULL before
)
Index("ix_event_reports_incident", event_reports.c.incident_id)
Index("ix_event_reports_evidence", event_reports.c.evidence_id)
Index("ix_event_reports_article", event_reports.c.article_id)

event_actors = Table(
    "event_actors", metadata,
    Column("report_id", Integer, ForeignKey("event_reports.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), primary_key=True),
    Column("role", String(16), primary_key=True),              # perpetrator | claimed_by
)
Index("ix_event_actors_entity", event_actors.c.entity_id)

# -- summaries (schema 4; issue 9, queries at scale) -----------------------------------------
# Aggregates of the stored fact rows per stored entity (before merges, before the analyst's fact
# decisions), written by the writer in the transaction that writes or clears an article's facts
# (store.summaries), so they are never stale. Curation changes no fact row, so it never has to
# touch them: the queries use them for a group with nothing merged into it and no decision in
# force on the facts they summarise, and read the fact rows otherwise.

# A group's people: one row per (group, person, role) of the roles table.
group_people = Table(
    "group_people", metadata,
    Column("group_id", Integer, ForeignKey("entities.id"), primary_key=True),
    Column("person_id", Integer, ForeignKey("entities.id"), primary_key=True),
    Column("role", String(32), primary_key=True),
    Column("articles", Integer, nullable=False),               # distinct articles saying so
    Column("first_id", Integer, nullable=False),               # the first role row: its evidence is shown
    Column("evidence_id", Integer, nullable=False),
    Column("firmness", Integer, nullable=False),               # the firmest modality: summaries.FIRMNESS, 9 none
)

# The incidents an entity is an actor of (perpetrator, claimed_by or concerns in any report).
entity_incidents = Table(
    "entity_incidents", metadata,
    Column("entity_id", Integer, ForeignKey("entities.id"), primary_key=True),
    Column("incident_id", Integer, ForeignKey("incidents.id"), primary_key=True),
    Column("actors", Integer, nullable=False),                 # event_actors rows behind it
)
Index("ix_entity_incidents_incident", entity_incidents.c.incident_id)

# Schema 1-2: merges and splits. Superseded by curation_log (schema 3), which holds a copy of
# its rows; kept so an older store's history can be copied, never written any more.
merge_log = Table(
    "merge_log", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("action", String(8), nullable=False),               # merge | split
    Column("source_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("target_id", Integer, ForeignKey("entities.id")),
    Column("note", Text),
)

# Every analyst decision, in order: the one place to read the history (store.curate).
# Entity decisions (rename, add/remove alias, merge, split, not_a_group) change the entities and
# aliases tables and keep the values they replaced in `before`; fact decisions (retype, reject)
# change no fact row: `target` names the fact by what survives a re-extraction (article,
# kind, entity keys, type, evidence offsets; store.decisions) and the queries apply every
# decision not undone. An undo is a decision too (action "undo", target the undone id).
curation_log = Table(
    "curation_log", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("who", String(100), nullable=False),
    Column("action", String(24), nullable=False),
    Column("target_kind", String(16), nullable=False),        # entity | relation | role | event | evidence | decision
    Column("target", Text, nullable=False),                   # entity key, fact key (JSON) or decision id
    Column("label", Text, nullable=False),                    # what the target was, as a person reads it
    Column("before", Text, nullable=False, default="{}"),     # JSON
    Column("after", Text, nullable=False, default="{}"),      # JSON
    Column("why", Text),
    Column("undone_by", Integer, ForeignKey("curation_log.id")),
)
Index("ix_curation_log_action", curation_log.c.action)

# An analyst's reliability grade of an outlet (publisher), on the Admiralty scale: A completely
# reliable ... E unreliable, F reliability cannot be judged (the default for every outlet not
# listed). Set with `militantmap outlet NAME GRADE`; it enters tie confidence
# (graph.confidence.RELIABILITY) and shows beside each evidence row.
outlets = Table(
    "outlets", metadata,
    Column("norm", String(200), primary_key=True),             # casefolded publisher name
    Column("name", String(200), nullable=False),
    Column("grade", String(1), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("note", Text),
)

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
