"""Opening the store: SQLite file by default (WAL, busy timeout, foreign keys), PostgreSQL by URL."""
from __future__ import annotations

import json
import os
import random
import re
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import event, inspect, select, text, update
from sqlalchemy.engine import Connection, CursorResult, Engine, create_engine, make_url
from sqlalchemy.exc import (
    ArgumentError,
    IntegrityError,
    OperationalError,
    ProgrammingError,
    SQLAlchemyError,
)
from sqlalchemy.schema import Column, CreateColumn, CreateIndex

from militantmap.errors import ConfigError
from militantmap.store.schema import ADDED_COLUMNS, SCHEMA_VERSION, meta, metadata

DEFAULT_URL = "sqlite:///militantmap.db"


def resolve_url(url: str | None) -> str:
    url = url or os.environ.get("MILITANTMAP_DB") or DEFAULT_URL
    if "://" not in url:  # a plain path: an SQLite file
        url = "sqlite:///" + os.path.abspath(url)
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]  # psycopg 3 is the driver we ship
    return url


def missing_store(url: str | None) -> str | None:
    """The path of the SQLite file `url` names when no such file exists (None otherwise: it
    exists, or the store is a server). Only `ingest` creates a store: a mistyped --db must not
    silently open a new, empty one."""
    try:
        parsed = make_url(resolve_url(url))
    except ArgumentError:
        return None  # get_engine reports a malformed URL with its own message
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" \
            or database.startswith("file:"):
        return None
    return None if os.path.exists(database) else database


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")     # first: switching to WAL below may have to wait
    cur.execute("PRAGMA journal_mode=WAL")      # readers never block the one writer
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")     # WAL + NORMAL: committed data survives a crash of the process
    cur.close()


def redact(url: str) -> str:
    """The URL with its password hidden: every message and log shows this form."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def _redacted(message: str, url: str) -> str:
    try:
        password = make_url(url).password
    except (ArgumentError, ValueError):
        password = None
    return message.replace(str(password), "***") if password else message


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """One engine per URL per process; tables are created on first use.

    Refused, with a message that says why: an in-memory SQLite store (it would keep nothing), a
    file that is not SQLite, another program's database (tables, none of ours), a store written
    by a newer militantmap, an unreachable server. Passwords never appear in a message."""
    url = resolve_url(url)
    shown = redact(url)
    try:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    except (ArgumentError, SQLAlchemyError, ImportError, ValueError) as err:
        raise ConfigError(f"cannot open the store at {shown!r} ({_redacted(str(err), url)})",
                          "use sqlite:///path.db or postgresql://user:pass@host/db") from None
    if engine.dialect.name == "sqlite":
        if engine.url.database in (None, "", ":memory:") or "mode=memory" in str(engine.url):
            raise ConfigError(f"{shown!r} is an in-memory store: it would keep nothing",
                              "give a file: sqlite:///path/to/store.db")
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        # (the first connection of a process switches the file to WAL, which SQLite may refuse
        # at once while another process writes: a lost race like the others below)
        _race_settled(_refuse_foreign, engine, shown)
        _create_schema(engine, shown)
    except SQLAlchemyError as err:
        reason = _redacted(str(getattr(err, "orig", err)), url)
        hint = "check the path or the server, and that you may write there"
        if "readonly" in reason.replace("-", "").replace(" ", "").lower():
            hint = "the store is read-only: open a copy you may write, or fix its permissions"
        elif "not a database" in reason:
            hint = "the file is not a militantmap store (not SQLite, or corrupt): give another path"
        raise ConfigError(f"cannot open the store at {shown} ({reason})", hint) from None
    return engine


def _refuse_foreign(engine: Engine, shown: str) -> None:
    """A database with tables but none of ours belongs to another program: adding our tables to
    it would be a silent mess."""
    names = set(inspect(engine).get_table_names())
    if names and "meta" not in names and "articles" not in names:
        raise ConfigError(f"the database at {shown} holds other tables ({', '.join(sorted(names)[:5])}) "
                          "and is not a militantmap store", "give the path of a militantmap store or a new file")


def _lost_creation_race(err: SQLAlchemyError) -> bool:
    """Another process created the same table, index or row between our check and our CREATE,
    or (SQLite) holds the lock while it does so, which SQLite reports at once to avoid a deadlock.
    The same for a column another process added while we upgraded an older store."""
    message = str(getattr(err, "orig", err)).lower()
    return any(sign in message for sign in ("already exists", "duplicate key", "unique constraint",
                                            "database is locked", "duplicate column",
                                            "deadlock detected"))


_RACE_SECONDS = 30.0  # as long as PRAGMA busy_timeout


def _create_schema(engine: Engine, url: str) -> None:
    # Two processes opening a new store at once (``serve`` and ``ingest``, or two ingests) both see
    # no tables and both issue CREATE; the loser gets "already exists". Checking again settles it.
    # SQLite answers "database is locked" at once (no busy wait) to a writer whose snapshot went
    # stale; with several processes upgrading together a few quick tries were not always enough,
    # so the retries last as long as the busy timeout, with jitter so the processes fall apart.
    _race_settled(_create_schema_once, engine, url)


def _create_schema_once(engine: Engine, url: str) -> None:
    metadata.create_all(engine)
    with engine.begin() as conn:
        got = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
        if got is None:
            conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        elif int(got) > SCHEMA_VERSION:
            raise ConfigError(f"the store at {url} was written by a newer militantmap (schema {got})",
                              "upgrade militantmap")
    if got is not None and int(got) < SCHEMA_VERSION:
        _upgrade(engine)
    # after the upgrade: an index may be on a column it adds (schema 4)
    _add_missing_indexes(engine)


def _race_settled(step: Callable[[Engine, str], None], engine: Engine, url: str) -> None:
    """Run `step`, again after a race another process won, until it passes or the race lasts
    longer than the busy timeout."""
    deadline = time.monotonic() + _RACE_SECONDS
    attempt = 0
    while True:
        attempt += 1
        try:
            step(engine, url)
            return
        except (OperationalError, ProgrammingError, IntegrityError) as err:
            if time.monotonic() > deadline or not _lost_creation_race(err):
                raise
            time.sleep(min(0.1 * attempt, 1.0) * (0.5 + random.random()))


def _add_missing_indexes(engine: Engine) -> None:
    """Create the indexes of `schema.metadata` a store lacks. create_all creates a table's
    indexes with the table only: a store written before an index was added to the schema
    would never get it. checkfirst asks the database (a read) before each CREATE INDEX."""
    with engine.begin() as conn, warnings.catch_warnings():
        # reflection cannot read an index on an expression ("lower(country)"): it says so, and
        # such an index is looked up by name in the catalogue instead (a read, like checkfirst:
        # opening a store writes nothing when nothing is missing)
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        for table in metadata.tables.values():
            for ix in table.indexes:
                if all(isinstance(e, Column) for e in ix.expressions):
                    ix.create(conn, checkfirst=True)
                elif not _index_named(conn, str(ix.name)):
                    conn.execute(CreateIndex(ix, if_not_exists=True))


def _index_named(conn: Connection, name: str) -> bool:
    if conn.dialect.name == "sqlite":
        found = conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = :n"), {"n": name})
    else:
        found = conn.execute(text("SELECT 1 FROM pg_indexes WHERE indexname = :n"), {"n": name})
    return found.first() is not None


def _upgrade(engine: Engine) -> None:
    """Bring a store written by an older militantmap to this schema: add the columns it lacks
    (`schema.ADDED_COLUMNS`, all nullable, so its rows stay as they are and read as "not
    recorded"), fill the summary tables from its facts (store.summaries), then record the
    version. Safe to repeat and to run in several processes at
    once: columns already there are skipped (PostgreSQL: ADD COLUMN IF NOT EXISTS, under the
    table's lock); a column another process added between our look and our ALTER is a lost
    race, which `_create_schema` settles by looking again."""
    with engine.begin() as conn:
        tables = dict.fromkeys(table for table, _ in ADDED_COLUMNS)
        present = {t: {c["name"] for c in inspect(conn).get_columns(t)} for t in tables}
        for table, column in ADDED_COLUMNS:
            if column not in present[table]:
                conn.execute(text(_add_column_sql(engine, table, column)))
        _copy_merge_log(conn)
        # schema 4: the summary tables (created empty by create_all) filled from the facts
        from militantmap.store import summaries

        summaries.rebuild(conn)
        conn.execute(update(meta).where(meta.c.key == "schema_version")
                     .values(value=str(SCHEMA_VERSION)))


def _copy_merge_log(conn: Connection) -> None:
    """Schema 3: the merges and splits of merge_log become the first decisions of curation_log
    (one place to read the history). Each keeps its id, so a second process upgrading at the
    same time fails on the primary key (a lost race, settled by looking again), and a store
    whose curation_log already has rows is left as it is."""
    from militantmap.store.schema import curation_log, entities, merge_log

    if conn.execute(select(curation_log.c.id).limit(1)).first() is not None:
        return
    keys = {r.id: (r.key, r.name) for r in conn.execute(select(entities.c.id, entities.c.key, entities.c.name))}
    rows = conn.execute(select(merge_log).order_by(merge_log.c.id)).mappings().all()
    for r in rows:
        src, dst = keys[r["source_id"]], keys.get(r["target_id"], (None, None))
        merged = {"merged_into": dst[0]}
        conn.execute(curation_log.insert().values(
            id=r["id"], at=r["at"], who="(not recorded)", action=r["action"], target_kind="entity",
            target=src[0], label=src[1],
            before=json.dumps({"merged_into": None} if r["action"] == "merge" else merged),
            after=json.dumps(merged if r["action"] == "merge" else {"merged_into": None}),
            why=r["note"]))
    if rows and conn.engine.dialect.name == "postgresql":  # explicit ids leave the sequence behind
        conn.execute(text("SELECT setval(pg_get_serial_sequence('curation_log', 'id'), "
                          "(SELECT max(id) FROM curation_log))"))


def _add_column_sql(engine: Engine, table: str, column: str) -> str:
    """ALTER TABLE ... ADD COLUMN for a column of `schema.metadata`, with its foreign key
    (SQLite accepts a REFERENCES clause on an added column whose default is NULL)."""
    dialect = engine.dialect
    quote = dialect.identifier_preparer.quote
    col = metadata.tables[table].c[column]
    spec = str(CreateColumn(col).compile(dialect=dialect))
    for fk in col.foreign_keys:
        spec += f" REFERENCES {quote(fk.column.table.name)} ({quote(fk.column.name)})"
    if_absent = "IF NOT EXISTS " if dialect.name == "postgresql" else ""
    return f"ALTER TABLE {quote(table)} ADD COLUMN {if_absent}{spec}"


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection in one read transaction: every SELECT on it sees the same snapshot, whatever
    an ingest commits meanwhile (issue 11: answers built from several SELECTs, each on its own
    snapshot, were wrong, with KeyErrors and false "not found", while an ingest wrote).

    SQLite (WAL): pysqlite opens a transaction only before an INSERT/UPDATE/DELETE, so SELECTs
    run in autocommit, one snapshot each, even inside SQLAlchemy's ``begin()``. We issue
    ``BEGIN`` ourselves; the snapshot is taken at the first SELECT and held until the
    connection goes back to the pool (rolled back: a read never commits). Only read connections
    do this: writers keep pysqlite's behaviour, which takes the write lock at the first write
    (a deferred BEGIN before their reads could fail with SQLITE_BUSY_SNAPSHOT instead of waiting).
    PostgreSQL: REPEATABLE READ, one snapshot from the first statement to the end (read-only
    transactions at this level never fail with serialization errors)."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN")
        elif engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
            conn.begin()
        yield conn


def inserted_id(result: CursorResult) -> int:
    """The primary key of the one row an INSERT wrote."""
    key = result.inserted_primary_key
    assert key is not None, "an INSERT of one row always has its key"
    return int(key[0])


def has_tables(engine: Engine) -> bool:
    return inspect(engine).has_table("articles")
