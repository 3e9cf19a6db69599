"""Opening the store: SQLite file by default (WAL, busy timeout, foreign keys), PostgreSQL by URL."""
from __future__ import annotations

import os
import time
from functools import lru_cache

from sqlalchemy import event, inspect, select, text, update
from sqlalchemy.engine import Engine, create_engine
from sqlalchemy.exc import (
    ArgumentError,
    IntegrityError,
    OperationalError,
    ProgrammingError,
    SQLAlchemyError,
)
from sqlalchemy.schema import CreateColumn

from militantmap.errors import ConfigError
from militantmap.store.schema import ADDED_COLUMNS, SCHEMA_VERSION, meta, metadata

DEFAULT_URL = "sqlite:///militantmap.db"


def resolve_url(url: str | None) -> str:
    url = url or os.environ.get("MILITANTMAP_DB") or DEFAULT_URL
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]  # psycopg 3 is the driver we ship
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")     # first: switching to WAL below may have to wait
    cur.execute("PRAGMA journal_mode=WAL")      # readers never block the one writer
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")     # WAL + NORMAL: committed data survives a crash of the process
    cur.close()


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """One engine per URL per process; tables are created on first use."""
    url = resolve_url(url)
    try:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    except (ArgumentError, SQLAlchemyError, ImportError) as err:
        raise ConfigError(f"cannot open the store at {url!r} ({err})",
                          "use sqlite:///path.db or postgresql://user:pass@host/db") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        _create_schema(engine, url)
    except SQLAlchemyError as err:
        raise ConfigError(f"cannot open the store at {url} ({getattr(err, 'orig', err)})",
                          "check the path or the server, and that you may write there") from None
    return engine


def _lost_creation_race(err: SQLAlchemyError) -> bool:
    """Another process created the same table, index or row between our check and our CREATE,
    or (SQLite) holds the lock while it does so, which SQLite reports at once to avoid a deadlock.
    The same for a column another process added while we upgraded an older store."""
    message = str(getattr(err, "orig", err)).lower()
    return any(sign in message for sign in ("already exists", "duplicate key", "unique constraint",
                                            "database is locked", "duplicate column",
                                            "deadlock detected"))


def _create_schema(engine: Engine, url: str) -> None:
    # Two processes opening a new store at once (``serve`` and ``ingest``, or two ingests) both see
    # no tables and both issue CREATE; the loser gets "already exists". Checking again settles it.
    attempts = 8
    for attempt in range(attempts):
        try:
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
            return
        except (OperationalError, ProgrammingError, IntegrityError) as err:
            if attempt == attempts - 1 or not _lost_creation_race(err):
                raise
            time.sleep(0.1 * (attempt + 1))


def _upgrade(engine: Engine) -> None:
    """Bring a store written by an older militantmap to this schema: add the columns it lacks
    (`schema.ADDED_COLUMNS`, all nullable, so its rows stay as they are and read as "not
    recorded"), then record the version. Safe to repeat and to run in several processes at
    once: columns already there are skipped (PostgreSQL: ADD COLUMN IF NOT EXISTS, under the
    table's lock); a column another process added between our look and our ALTER is a lost
    race, which `_create_schema` settles by looking again."""
    with engine.begin() as conn:
        tables = dict.fromkeys(table for table, _ in ADDED_COLUMNS)
        present = {t: {c["name"] for c in inspect(conn).get_columns(t)} for t in tables}
        for table, column in ADDED_COLUMNS:
            if column not in present[table]:
                conn.execute(text(_add_column_sql(engine, table, column)))
        conn.execute(update(meta).where(meta.c.key == "schema_version")
                     .values(value=str(SCHEMA_VERSION)))


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


def has_tables(engine: Engine) -> bool:
    return inspect(engine).has_table("articles")
