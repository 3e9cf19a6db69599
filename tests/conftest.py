"""Shared fixtures. Tests that read ../shared skip with a clear message where it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path:
    env = os.environ.get("MILITANTMAP_SHARED")
    return Path(env) if env else REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = _shared_dir()
    if not (path / "corpus" / "dev").is_dir():
        pytest.skip(
            f"needs the shared corpus at {path} (absent in a fresh clone; set MILITANTMAP_SHARED "
            "to its location to run this test)"
        )
    return path


@pytest.fixture(scope="session")
def dev_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "dev"


@pytest.fixture(scope="session")
def dev_store(tmp_path_factory: pytest.TempPathFactory, dev_dir: Path) -> str:
    """A SQLite store of the dev corpus built by the real ingest (real extractor, no mocks).
    Read-only for its users: tests that ingest make their own store."""
    from militantmap.sources import read_article
    from militantmap.store import ingest_articles

    db_url = f"sqlite:///{tmp_path_factory.mktemp('dev-store') / 'dev.db'}"
    summary = ingest_articles(db_url, [read_article(p) for p in sorted(dev_dir.glob("*.json"))])
    assert summary.new == len(list(dev_dir.glob("*.json"))), summary.as_dict()
    return db_url


@pytest.fixture()
def fresh(tmp_path):
    """The web app over a new, empty store (tests that ingest through it)."""
    from fastapi.testclient import TestClient

    from militantmap.web import create_app

    with TestClient(create_app(f"sqlite:///{tmp_path / 'fresh.db'}"), base_url="http://127.0.0.1:8000") as client:
        yield client

