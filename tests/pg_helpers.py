"""A throwaway PostgreSQL database per test, for the store tests that run on both backends."""
from __future__ import annotations

import os

import pytest


def pg_database(request: pytest.FixtureRequest) -> str:
    """A new, empty PostgreSQL database for one test (dropped after it), on the server named by
    MILITANTMAP_TEST_PG_URL; the test skips with a message where none is set."""
    import uuid

    from sqlalchemy import create_engine, text

    from militantmap.store.db import get_engine

    pg_url = os.environ.get("MILITANTMAP_TEST_PG_URL")
    if not pg_url:
        pytest.skip("PostgreSQL run: set MILITANTMAP_TEST_PG_URL to a server where we may create "
                    "databases (.ci/run starts one)")
    name = f"mm_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = pg_url.rsplit("/", 1)[0] + "/" + name

    def drop() -> None:
        get_engine(url).dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return url
