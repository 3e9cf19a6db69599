"""Issue 11: fetching stays on the public internet. Only loopback servers and stub resolvers are
used here; no real non-loopback address is ever contacted (a mock transport answers instead)."""
from __future__ import annotations

import ipaddress
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from militantmap.errors import InputError
from militantmap.sources import web

PUBLIC = "93.184.216.34"


@pytest.mark.parametrize("addr", [
    "127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
    "::1", "::127.0.0.1", "::ffff:127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::", "2001:0:4136:e378::1",
    "fe80::1", "fc00::1", "ff02::1",
])
def test_every_non_public_form_is_refused(addr):
    assert not web.is_public(ipaddress.ip_address(addr))
    url = f"http://[{addr}]/x" if ":" in addr else f"http://{addr}/x"
    with pytest.raises(InputError, match="non-public"):
        web.check_url(url)


def test_a_public_address_passes():
    assert web.is_public(ipaddress.ip_address(PUBLIC))
    assert web.is_public(ipaddress.ip_address("2606:4700::1111"))


@pytest.mark.parametrize("url", ["http://example.com:99999/x", "http://[::1/x", "ftp://example.com/",
                                 "http:///nohost"])
def test_malformed_urls_are_input_errors(url):
    with pytest.raises(InputError):
        web.fetch(url)


def test_the_checked_address_is_the_one_connected_to(monkeypatch):
    """DNS rebinding: the stub answers a public address first and loopback after. The host is
    resolved once, and the request goes to the public address with the name as Host."""
    answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]])
    calls = []

    def stub(host, port):
        calls.append(host)
        return next(answers)

    monkeypatch.setattr(web, "resolve", stub)
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((str(request.url), request.headers["host"]))
        return httpx.Response(200, headers={"content-type": "text/html"}, content=b"<p>ok</p>")

    client = httpx.Client(transport=httpx.MockTransport(handler))
    final, body, _ = web.fetch("http://news.example.org/story?id=1", client=client)
    assert body == b"<p>ok</p>" and final == "http://news.example.org/story?id=1"
    assert calls == ["news.example.org"]
    assert seen == [(f"http://{PUBLIC}/story?id=1", "news.example.org")]


def test_a_redirect_to_a_private_address_is_refused(monkeypatch):
    monkeypatch.setattr(web, "resolve", lambda host, port: [PUBLIC] if host == "a.example" else ["10.0.0.5"])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http://b.example/admin"})

    with pytest.raises(InputError, match="non-public"):
        web.fetch("http://a.example/", client=httpx.Client(transport=httpx.MockTransport(handler)))


class _Trickle(BaseHTTPRequestHandler):
    def do_GET(self):  # the http.server API names it so
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            for _ in range(40):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def log_message(self, *args):
        pass


def test_a_trickling_server_cannot_hold_a_fetch_past_the_deadline(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(web, "DEADLINE", 1.0)
    try:
        started = time.monotonic()
        with pytest.raises(InputError, match="not fetched within"):
            web.fetch(f"http://127.0.0.1:{server.server_port}/", allow_private=True)
        assert time.monotonic() - started < 4.0
    finally:
        server.shutdown()
