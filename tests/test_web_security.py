"""Issue 4, Security: CSP on every response, token away from loopback, Host and cross-site
checks on loopback, upload size cap, http(s)-only links, escaped article content, no file served
from outside the app. Runs the real app over real (small, fresh) stores; tests/e2e proves the
same payloads run nothing in Chromium."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from militantmap.web import create_app
from militantmap.web.security import CSP, TOKEN_COOKIE, is_loopback, safe_url

TOKEN = "s3cret-token-for-tests-0123456789"


@pytest.fixture()
def local(tmp_path) -> TestClient:
    app = create_app(f"sqlite:///{tmp_path / 'store.db'}", max_upload_bytes=2048)
    return TestClient(app, base_url="http://127.0.0.1:8000")


@pytest.fixture()
def remote(tmp_path) -> TestClient:
    app = create_app(f"sqlite:///{tmp_path / 'store.db'}", token=TOKEN, loopback_only=False)
    return TestClient(app, base_url="http://analyst-box.example:8000", follow_redirects=False)


@pytest.mark.parametrize("path", ["/ingest", "/static/app.css", "/api/openapi.json",
                                  "/api/no-such-thing", "/no-such-page"])
def test_every_response_carries_a_csp_without_inline_script(local: TestClient, path: str):
    response = local.get(path)
    csp = response.headers["content-security-policy"]
    assert csp == CSP
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script_or_style(local: TestClient):
    html = local.get("/ingest").text
    assert "<script>" not in html and " style=" not in html and "onclick" not in html.lower()


def test_api_docs_pages_that_need_a_cdn_are_off_but_openapi_is_served(local: TestClient):
    assert local.get("/docs").status_code == 404
    spec = local.get("/api/openapi.json").json()
    for path in ("/api/groups", "/api/groups/{key}", "/api/ties", "/api/events",
                 "/api/evidence/{evidence_id}", "/api/search", "/api/articles"):
        assert path in spec["paths"], path


def test_token_is_required_for_every_request_away_from_loopback(remote: TestClient):
    for path in ("/network", "/static/app.css", "/api/groups", "/vendor/sigma.min.js"):
        response = remote.get(path)
        assert response.status_code == 401, path
    body = remote.get("/api/groups").json()
    assert body["error"]["status"] == 401 and "token" in body["error"]["message"].lower()
    assert "Bearer" in body["error"]["hint"]
    assert remote.get("/api/openapi.json", headers={"Authorization": "Bearer wrong"}
                      ).status_code == 401
    ok = remote.get("/api/openapi.json", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200


def test_token_in_the_address_becomes_a_cookie_and_leaves_the_url(remote: TestClient):
    response = remote.get(f"/ingest?token={TOKEN}&x=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/ingest?x=1"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{TOKEN_COOKIE}=") and "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    remote.cookies.set(TOKEN_COOKIE, TOKEN)
    assert remote.get("/ingest").status_code == 200


def test_loopback_server_refuses_other_host_names(local: TestClient):
    # A DNS-rebinding page reaches 127.0.0.1 under its own name; it must not read the store.
    response = local.get("/api/groups", headers={"Host": "attacker.example:8000"})
    assert response.status_code == 421
    assert local.get("/static/app.css", headers={"Host": "localhost:8000"}).status_code == 200
    assert local.get("/static/app.css", headers={"Host": "[::1]:8000"}).status_code == 200


def test_cross_site_writes_are_refused(local: TestClient):
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                    {"Origin": "http://evil.example"}):
        response = local.post("/ingest", data={"text": "x"}, headers=headers)
        assert response.status_code == 403, headers
    response = local.post("/api/articles", json={"text": "x"},
                          headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Cross-site request refused"


def test_uploads_over_the_cap_are_refused_before_reading(local: TestClient):
    big = {"text": "word " * 1000}  # about 5 KB of JSON, cap is 2 KiB
    response = local.post("/api/articles", json=big)
    assert response.status_code == 413
    error = response.json()["error"]
    assert "larger than this server accepts (2 KiB)" in error["message"]
    assert "--max-upload-mb" in error["hint"]

    def chunks():  # no Content-Length: the cap must count the streamed bytes
        for _ in range(10):
            yield b"x" * 1024

    response = local.post("/api/articles", content=chunks(),
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/a?b=1", True),
    ("http://example.org/", True),
    ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False),
    (" javascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("//example.org/x", False),
    ("/relative", False),
    ("https://exa mple.org/", False),
    ("http://example.org/\x00", False),
    ("vbscript:msgbox(1)", False),
    (None, False),
])
def test_only_http_links_survive(url, ok):
    assert (safe_url(url) is not None) is ok


@pytest.mark.parametrize("host,ok", [("127.0.0.1", True), ("127.1.2.3", True), ("::1", True),
                                     ("[::1]", True), ("localhost", True), ("0.0.0.0", False),
                                     ("192.168.1.4", False), ("example.org", False), ("::", False)])
def test_loopback_addresses(host, ok):
    assert is_loopback(host) is ok


# -- untrusted article content -----------------------------------------------------------------

PAYLOAD_TITLE = 'Attack <script>alert("title")</script><img src=x onerror="alert(\'title-img\')">'
PAYLOAD_TEXT = (
    'Al-Shabaab militants stormed a hotel in Mogadishu on Saturday <script>alert("text")</script>, '
    'killing at least 14 people, police said. <img src=x onerror="alert(\'img\')"> The Somali '
    'militant group al-Shabaab <svg onload="alert(\'svg\')"></svg> claimed responsibility '
    'for the attack. <a href="javascript:alert(\'link\')" onmouseover="alert(1)">more</a>')


def test_article_payloads_are_shown_as_text_never_as_markup(tmp_path):
    from militantmap.article import Article
    from militantmap.store import ingest_articles

    db_url = f"sqlite:///{tmp_path / 'store.db'}"
    # Straight into the store (as `militantmap ingest` would), javascript: address included:
    # the web app refuses such links at its door, but a store may hold them.
    summary = ingest_articles(db_url, [Article(text=PAYLOAD_TEXT, title=PAYLOAD_TITLE,
                                               url="javascript:alert('url')", publisher="<b>x</b>")])
    assert summary.new == 1
    client = TestClient(create_app(db_url), base_url="http://127.0.0.1:8000")
    group = client.get("/groups/al-shabaab")
    assert group.status_code == 200
    evidence_links = set(re.findall(r'href="(/evidence/[^"]+)"', group.text))
    assert any("article" in link for link in evidence_links) and len(evidence_links) >= 2
    pages = [group.text] + [client.get(link).text for link in sorted(evidence_links)]
    pages.append(client.get("/search?q=" + "<script>alert(1)</script>").text)
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "<svg onload" not in page and "<b>x</b>" not in page
        assert "javascript:" not in page.replace("&#34;javascript:", "")  # only as escaped text
        scripts = re.findall(r"<script[^>]*>", page)
        assert all(re.fullmatch(r'<script src="/(static|vendor)/[\w.]+\.js">', s) for s in scripts)
    article_page = client.get(min(link for link in evidence_links if "article" in link)).text
    assert "&lt;script&gt;alert(&#34;text&#34;)&lt;/script&gt;" in article_page
    assert "&lt;script&gt;alert(&#34;title&#34;)" in article_page
    assert "not an http(s) address" in article_page  # the bad link is named, not linked


@pytest.mark.parametrize("path", [
    "/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/static/..%2F..%2F..%2Fpyproject.toml", "/vendor/..%2F..%2Fpackage.json",
    "/vendor/package.json", "/vendor/%2Fetc%2Fpasswd", "/static//etc/passwd",
    "/evidence/..%2F..%2Fetc%2Fpasswd", "/groups/..%2F..%2Fetc%2Fpasswd",
])
def test_no_file_outside_the_app_is_served(local: TestClient, path: str):
    response = local.get(path)
    assert response.status_code == 404, path
    assert "root:" not in response.text and "[project]" not in response.text
    assert '"dependencies"' not in response.text


# -- militantmap serve ---------------------------------------------------------------------------

def test_serve_refuses_other_addresses_without_a_good_token(monkeypatch):
    from click.testing import CliRunner

    from militantmap.cli import main

    monkeypatch.delenv("MILITANTMAP_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--db", "sqlite://"])
    assert result.exit_code == 3
    assert "--token" in result.output and "MILITANTMAP_TOKEN" in result.output
    short = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--token", "abc"])
    assert short.exit_code == 3 and "at least 16" in short.output


def test_serve_on_all_addresses_asks_every_request_for_the_token(tmp_path):
    """The real command in its own process, token from the environment (and, pointed at an
    empty folder for its browser libraries, it says how to install them)."""
    import os
    import subprocess
    import sys
    import time

    import httpx

    from militantmap.web.background import free_port

    port = free_port("0.0.0.0")
    env = dict(os.environ, MILITANTMAP_TOKEN=TOKEN,
               MILITANTMAP_WEB_ASSETS=str(tmp_path / "no-assets"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "militantmap", "serve", "--host", "0.0.0.0", "--port", str(port),
         "--db", f"sqlite:///{tmp_path / 'store.db'}", "--create"],  # a new store, on purpose
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/api/groups"
        deadline = time.monotonic() + 60
        while True:
            try:
                refused = httpx.get(url, timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert refused.status_code == 401
        assert refused.json()["error"]["message"] == "This server needs its access token"
        ok = httpx.get(url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5)
        assert ok.status_code == 200 and ok.json() == []
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert "a token is required" in output
    assert "the browser libraries are missing: run `make web-assets`" in output
    assert TOKEN not in output  # never printed
