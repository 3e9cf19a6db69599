"""Issue 11: stores and paths as given. A store that cannot be what the user means is refused by
every command with a clear message; passwords and tokens never reach a message or a log."""
from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from militantmap.cli import main
from militantmap.errors import ConfigError
from militantmap.store import ingest_articles
from militantmap.store.db import get_engine, redact, resolve_url
from militantmap.sources.walk import iter_articles

TEXT = "Boko Haram fighters attacked a village in Borno on Sunday, killing seven people, residents said.\n"


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_an_in_memory_store_is_refused(url):
    with pytest.raises(ConfigError, match="in-memory"):
        get_engine(url)


def test_another_programs_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    with pytest.raises(ConfigError, match="not a militantmap store"):
        get_engine(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"invoices"}


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(ConfigError, match="not a militantmap store|not a database"):
        get_engine(f"sqlite:///{path}")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_store_says_so(tmp_path):
    path = tmp_path / "ro.db"
    get_engine(f"sqlite:///{path}").dispose()
    path.chmod(0o444)
    with pytest.raises(ConfigError):
        get_engine(f"sqlite:///{path}?mode=ro")


def test_a_plain_path_is_an_sqlite_file(tmp_path):
    assert resolve_url(str(tmp_path / "s.db")) == f"sqlite:///{tmp_path / 's.db'}"


def test_passwords_are_redacted_in_urls_and_errors():
    assert "s3cret" not in redact("postgresql+psycopg://me:s3cret@db.example:5432/mm")
    with pytest.raises(ConfigError) as info:
        get_engine("postgresql+psycopg://me:s3cret@127.0.0.1:1/nothing")
    assert "s3cret" not in str(info.value) and "***" in str(info.value)


def test_the_access_log_never_shows_the_token():
    from militantmap.web.security import RedactTokenFilter

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5", "GET", "/groups?token=abc123&x=1", "1.1", 200), None)
    assert RedactTokenFilter().filter(record)
    assert "abc123" not in record.getMessage() and "token=***&x=1" in record.getMessage()


def _store(tmp_path: Path) -> str:
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a1", "text": TEXT, "url": "javascript:alert(1)"}) + "\n")
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert ingest_articles(db, iter_articles([tmp_path / "a.jsonl"])).new == 1
    return db


def test_unsafe_urls_never_reach_an_export_and_missing_folders_are_errors(tmp_path):
    db = _store(tmp_path)
    runner = CliRunner()
    out = runner.invoke(main, ["export", "jsonl", "--db", db])
    assert out.exit_code == 0 and "javascript:" not in out.output
    res = runner.invoke(main, ["export", "csv", "--out", str(tmp_path / "csv"), "--db", db])
    assert res.exit_code == 0, res.output
    assert all("javascript:" not in p.read_text() for p in (tmp_path / "csv").glob("*.csv"))
    missing = tmp_path / "no" / "such" / "x.stix.json"
    res = runner.invoke(main, ["export", "stix", "--out", str(missing), "--db", db])
    assert res.exit_code != 0 and "does not exist" in res.output and not missing.parent.exists()


def test_an_absurd_evidence_id_is_not_found(tmp_path):
    db = _store(tmp_path)
    res = CliRunner().invoke(main, ["evidence", "99999999999999999999", "--db", db])
    assert res.exit_code != 0 and "no evidence" in res.output and "Traceback" not in res.output
