"""Screenshots of the real web app for the README: the network, a group page, the tables of
groups and ties, an article with every fact taken from it, an incident's sources and the curation log.

Builds a fresh SQLite store of the dev and VOA corpora with the real ingest, serves it with the
real app (uvicorn in a thread) and photographs it in Debian's headless Chromium via Playwright:

    .venv/bin/python scripts/screenshots.py [--shared ../shared] [--out docs/img]
        [--group TTP]

Needs `make web-assets` (sigma.js, graphology, world-atlas) and /usr/bin/chromium.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def build_store(db_url: str, shared: Path) -> None:
    from militantmap.sources import iter_jsonl, read_article
    from militantmap.store import ingest_articles

    items: list = [read_article(p) for p in sorted((shared / "corpus" / "dev").glob("*.json"))]
    voa = shared / "corpus" / "voa" / "voa_stories.jsonl"
    if voa.is_file():
        items += [item for _, item in iter_jsonl(voa)]
    summary = ingest_articles(db_url, items)
    print("store:", ", ".join(summary.lines()[:2]))


def take(base: str, out: Path, group: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
        page.goto(f"{base}/network")
        page.wait_for_selector("#graph[data-ready=true]", timeout=60_000)
        box = page.locator("#graph").bounding_box()
        page.wait_for_timeout(500)  # labels are drawn on the frame after the graph
        shots.append(out / "network.png")
        page.screenshot(path=str(shots[-1]), full_page=True,
                        clip={"x": 0, "y": 0, "width": 1400,
                              "height": box["y"] + box["height"] + 40})
        page.set_viewport_size({"width": 1400, "height": 1250})
        page.goto(f"{base}/groups/{group}")
        shots.append(out / "group.png")
        page.screenshot(path=str(shots[-1]), full_page=False)
        page.set_viewport_size({"width": 1400, "height": 1000})
        for name, path in (("groups", "/groups?sort=ties&order=desc"),
                           ("ties", "/ties?sort=confidence&order=desc"),
                           ("article", "/evidence/article:" + _article_with_most_facts(base)),
                           ("event", "/events/" + _event_with_most_sources(base))):
            page.goto(base + path)
            shots.append(out / f"{name}.png")
            page.screenshot(path=str(shots[-1]), full_page=False)
        browser.close()
    return shots


def curation_shot(base: str, db_url: str, out: Path, group: str) -> Path:
    """A few analyst decisions (an alias added, one sentence's tie rejected and undone), then
    the curation log page that lists them (with the group page's curation box open first)."""
    from playwright.sync_api import sync_playwright

    from militantmap.store import curate, queries

    ties = queries.ties(db_url, group)
    curate.add_alias(db_url, group, f"{queries.get_group(db_url, group)['name']} (analyst's alias)",
                     who="screenshot", why="an example decision")
    if ties:
        rid = queries.tie(db_url, ties[0]["id"])["evidence"][0]["relation_id"]
        done = curate.reject_fact(db_url, "relation", rid, who="screenshot", why="misread sentence")
        curate.undo(db_url, done["id"], who="screenshot", why="on second reading it holds")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 700}, device_scale_factor=1)
        page.goto(f"{base}/curation")
        shot = out / "curation.png"
        page.screenshot(path=str(shot), full_page=False)
        browser.close()
    return shot
def _article_with_most_facts(base: str) -> str:
    import httpx

    ties = httpx.get(f"{base}/api/ties").json()
    counts: dict[str, int] = {}
    for t in ties[:40]:
        for ev in httpx.get(f"{base}/api/ties/{t['id']}").json().get("evidence", []):
            key = str(ev["article"]["id"])
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else "1"


def _event_with_most_sources(base: str) -> str:
    import httpx

    events = httpx.get(f"{base}/api/events").json()
    return str(max(events, key=lambda e: e.get("sources") or 0)["id"]) if events else "1"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("MILITANTMAP_SHARED", REPO.parent / "shared")))
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    parser.add_argument("--group", default="TTP", help="group id or alias to show")
    args = parser.parse_args()
    if not (args.shared / "corpus" / "dev").is_dir():
        sys.exit(f"screenshots: no corpus at {args.shared}/corpus/dev (pass --shared)")
    if not Path(CHROMIUM).exists():
        sys.exit(f"screenshots: needs Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    from militantmap.web import create_app
    from militantmap.web.assets import INSTALL_HINT, vendor_installed
    from militantmap.web.background import serve_in_thread

    if not vendor_installed():
        sys.exit(f"screenshots: the browser libraries are missing: {INSTALL_HINT}")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="militantmap-shots-") as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'screenshots.db'}"
        build_store(db_url, args.shared)
        with serve_in_thread(create_app(db_url)) as base:
            for path in take(base, args.out, args.group):
                print("saved", path)
            print("saved", curation_shot(base, db_url, args.out, args.group))
    return 0


if __name__ == "__main__":
    sys.exit(main())
