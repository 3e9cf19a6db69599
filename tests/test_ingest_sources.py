"""`militantmap ingest` as a user runs it: WARC archives, URLs and feeds from a real local
HTTP server, the command line, and a kill in the middle of a run."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from militantmap.cli import main
from militantmap.errors import InputError
from militantmap.sources.walk import iter_articles
from militantmap.sources.web import check_url
from militantmap.store import ingest_articles
from militantmap.store.db import get_engine
from militantmap.store.schema import articles

PAGE = """<!doctype html><html><head><title>Raid near Mosul</title>
<meta property="og:site_name" content="Example Post">
<meta property="article:published_time" content="2024-03-05T09:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Raid near Mosul</h1>
<p>Iraqi forces killed a senior Islamic State commander in a raid near Mosul on Monday, the
military said in a statement.</p>
<p>The commander, Abu Hamza al-Iraqi, had led the group's operations in Nineveh province for
two years, according to the statement.</p></article>
<footer>Subscribe to our newsletter. Leave a Reply</footer></body></html>"""


def _warc(path: Path, url: str, html: str) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                           http_headers=headers)
        writer.write_record(record)


def test_warc_responses_become_articles_with_their_metadata(tmp_path):
    _warc(tmp_path / "crawl.warc.gz", "https://news.example.org/raid", PAGE)
    db = f"sqlite:///{tmp_path / 's.db'}"
    summary = ingest_articles(db, iter_articles([tmp_path / "crawl.warc.gz"]))
    assert summary.new == 1, summary.as_dict()
    with get_engine(db).connect() as conn:
        row = conn.execute(select(articles)).mappings().one()
    assert row["url"] == "https://news.example.org/raid"
    assert row["title"] == "Raid near Mosul"
    assert str(row["published"]) == "2024-03-05"
    assert "Subscribe" not in row["text"] and "Abu Hamza al-Iraqi" in row["text"]


class _Site(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self):  # the http.server API names it so
        ctype, body = self.pages.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in self.pages else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    base = f"http://127.0.0.1:{server.server_port}"
    _Site.pages = {
        "/raid": ("text/html; charset=utf-8", PAGE.encode()),
        "/feed.xml": ("application/rss+xml", f"""<?xml version="1.0"?><rss version="2.0"><channel>
            <title>Example</title><item><title>Raid</title><link>{base}/raid</link></item>
            <item><title>Gone</title><link>{base}/missing</link></item></channel></rss>""".encode()),
    }
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()


def test_loopback_and_private_addresses_are_refused_by_default():
    for url in ("http://127.0.0.1/x", "http://10.0.0.8/", "http://[::1]/", "http://169.254.169.254/latest"):
        with pytest.raises(InputError, match="private|loopback|not public|address"):
            check_url(url)
    with pytest.raises(InputError, match="only http"):
        check_url("file:///etc/passwd")


def test_urls_and_feeds_are_fetched_with_allow_private(tmp_path, site):
    db = f"sqlite:///{tmp_path / 's.db'}"
    runner = CliRunner()
    refused = runner.invoke(main, ["ingest", "--feed", f"{site}/feed.xml", "--db", db])
    assert refused.exit_code == 2 and "127.0.0.1" in refused.output
    done = runner.invoke(main, ["ingest", "--feed", f"{site}/feed.xml", "--allow-private", "--db", db, "--json"])
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    assert summary["new"] == 1 and summary["skipped"] == 1
    assert "404" in summary["errors"][0]["reason"]
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# a comment\n{site}/raid\n", encoding="utf-8")
    again = runner.invoke(main, ["ingest", "--urls", str(urls), "--allow-private", "--db", db, "--json"])
    assert json.loads(again.stdout)["known"] == 1


def test_cli_ingest_then_query(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "raid.html").write_text(PAGE, encoding="utf-8")
    (folder / "batch.jsonl").write_text(
        json.dumps({"id": "b1", "published": "2024-02-01", "text":
                    "Al-Shabaab fighters attacked a military base in Lower Shabelle on Tuesday, killing "
                    "at least nine soldiers, a Somali army officer told reporters."}) + "\n"
        + "{not json\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 's.db'}"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    assert "2 new article(s) stored" in result.stdout
    assert "batch.jsonl:2" in result.output and "malformed JSON" in result.output
    groups = json.loads(runner.invoke(main, ["groups", "--db", db, "--json"]).stdout)
    assert {"Islamic State", "al-Shabaab"} <= {g["name"] for g in groups}
    events = json.loads(runner.invoke(main, ["events", "--country", "Somalia", "--db", db, "--json"]).stdout)
    assert events and events[0]["killed"] == 9 and events[0]["perpetrators"][0]["name"] == "al-Shabaab"
    shown = runner.invoke(main, ["evidence", events[0]["evidence_id"], "--db", db])
    assert "Lower Shabelle" in shown.stdout and "2024-02-01" in shown.stdout
    group = runner.invoke(main, ["group", "al-shabab", "--db", db])   # a spelling the text never used
    assert group.exit_code == 0 and group.stdout.startswith("al-Shabaab")
    missing = runner.invoke(main, ["group", "Imaginary Front", "--db", db])
    assert missing.exit_code == 2 and "militantmap groups" in missing.output
    nothing = runner.invoke(main, ["ingest", str(tmp_path / "nope"), "--db", db])
    assert nothing.exit_code == 2 and "no such file" in nothing.output


def test_killing_ingest_midway_loses_nothing_committed_and_a_rerun_completes(tmp_path, shared_dir):
    corpus = shared_dir / "corpus" / "voa" / "voa_stories.jsonl"
    total = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
    db_path = tmp_path / "killed.db"
    db = f"sqlite:///{db_path}"
    cmd = [sys.executable, "-m", "militantmap", "ingest", str(corpus), "--db", db]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            if db_path.exists():
                with get_engine(db).connect() as conn:
                    stored = conn.execute(select(func.count()).select_from(articles)).scalar() or 0
                if stored >= 20:
                    break
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert 0 < stored < total, "the run should be killed midway"
    get_engine.cache_clear()
    with get_engine(db).connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        before = conn.execute(select(func.count()).select_from(articles)).scalar()
        # Every stored article is complete: its extraction was written with it.
        assert conn.execute(select(func.count()).select_from(articles)
                            .where(articles.c.extractor_version.is_(None))).scalar() == 0
    summary = ingest_articles(db, iter_articles([corpus]))
    assert summary.known == before and summary.new + summary.known == total, summary.as_dict()
    with get_engine(db).connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar() == total
