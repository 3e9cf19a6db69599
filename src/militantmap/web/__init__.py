"""The analyst web app and REST API (`militantmap serve`); see docs/web.md."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(db_url: str, **options: object) -> FastAPI:
    """Build the FastAPI app over the store at `db_url` (see militantmap.web.app.create_app)."""
    from militantmap.web.app import create_app as _create

    return _create(db_url, **options)  # type: ignore[arg-type]
