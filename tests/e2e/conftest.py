"""Browser tests: the real app (uvicorn in a thread) over a real store, driven in Debian's
headless Chromium through Playwright. They skip, saying why, when chromium is absent."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Nothing but our own server: no GPU process, no QUIC, no calls home (updates, sync, first run).
# Playwright's launch() gives every run a fresh temporary --user-data-dir of its own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium; "
                    ".ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser) -> Iterator[object]:
    """A fresh page that records console errors, page errors and dialogs for the asserts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []  # type: ignore[attr-defined]
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda err: pg.problems.append(f"page error: {err}"))
    pg.on("console", lambda msg: pg.problems.append(f"console {msg.type}: {msg.text}")
          if msg.type == "error" else None)

    def on_dialog(dialog) -> None:
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture(scope="session")
def web_assets() -> None:
    from militantmap.web.assets import INSTALL_HINT, vendor_installed

    if not vendor_installed():
        pytest.skip(f"needs sigma.js and graphology from npm: {INSTALL_HINT}")


@pytest.fixture(scope="session")
def dev_server(dev_store: str) -> Iterator[str]:
    from militantmap.web import create_app
    from militantmap.web.background import serve_in_thread

    with serve_in_thread(create_app(dev_store)) as base:
        yield base


@pytest.fixture()
def fresh_server(tmp_path) -> Iterator[tuple[str, str]]:
    """(base URL, store URL) of the app over an empty store of its own, for tests that ingest."""
    from militantmap.web import create_app
    from militantmap.web.background import serve_in_thread

    db_url = f"sqlite:///{tmp_path / 'fresh.db'}"
    with serve_in_thread(create_app(db_url)) as base:
        yield base, db_url
