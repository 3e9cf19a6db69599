"""What keeps untrusted article text and other web pages from turning the app against its user.

- Every response carries a Content-Security-Policy without 'unsafe-inline' / 'unsafe-eval', so
  even a payload that slipped through escaping cannot run: scripts come only from our own
  /static and /vendor files.
- Away from loopback every request needs the token (header, cookie, or ?token= once).
- On loopback without a token, only loopback Host names are served (a DNS-rebinding page cannot
  read the store) and cross-site writes are refused (another site cannot ingest into it).
- Request bodies are capped before they are read into memory.
- Links taken from articles are kept only when they are http(s).
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import re
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from militantmap.urls import safe_url  # noqa: F401  (re-exported for the app and templates)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
TOKEN_COOKIE = "militantmap_token"
_UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def is_loopback(host: str) -> bool:
    """True for an address or name that only this machine can reach."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def redact(url: str) -> str:
    """The store URL without its password, for the console and page footers."""
    from militantmap.store.db import redact as redact_url

    return redact_url(url)


_TOKEN_IN_QUERY = re.compile(r"(?i)([?&]token=)[^&\s]*")


class RedactTokenFilter(logging.Filter):
    """Access-log filter: a ?token= in a logged path is written as ?token=***."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_TOKEN_IN_QUERY.sub(r"\1***", a) if isinstance(a, str) else a
                                for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _TOKEN_IN_QUERY.sub(r"\1***", record.msg)
        return True


def uvicorn_log_config() -> dict:
    """uvicorn's logging configuration with the token filter on the access log."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    cfg = copy.deepcopy(LOGGING_CONFIG)
    cfg.setdefault("filters", {})["redact_token"] = {"()": RedactTokenFilter}
    cfg["handlers"]["access"].setdefault("filters", []).append("redact_token")
    return cfg


def _host_name(host_header: str) -> str:
    """The name part of a Host header: 'example.org:8000' -> 'example.org', '[::1]:80' -> '::1'."""
    if host_header.startswith("["):
        return host_header[1:].split("]", 1)[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _wants_json(scope: Scope, headers: dict[str, str]) -> bool:
    return scope.get("path", "").startswith("/api/") or "application/json" in headers.get(
        "accept", ""
    )


async def _reply(send: Send, status: int, message: str, hint: str | None, as_json: bool,
                 extra: list[tuple[bytes, bytes]] | None = None) -> None:
    """A refusal before the app runs: the same JSON error shape as the API, or plain text."""
    if as_json:
        body = json.dumps({"error": {"status": status, "message": message, "hint": hint}}).encode()
        ctype = b"application/json"
    else:
        body = (message + (f"\n{hint}" if hint else "") + "\n").encode()
        ctype = b"text/plain; charset=utf-8"
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status,
                "headers": headers + SECURITY_HEADERS + (extra or [])})
    await send({"type": "http.response.body", "body": body})


class SecurityMiddleware:
    """Pure ASGI middleware (so the body cap sees the stream before anything buffers it)."""

    def __init__(self, app: ASGIApp, *, token: str | None, loopback_only: bool,
                 max_body_bytes: int) -> None:
        self.app = app
        self.token = token
        self.loopback_only = loopback_only
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        as_json = _wants_json(scope, headers)
        host = _host_name(headers.get("host", ""))

        if self.token is None and self.loopback_only and host and not is_loopback(host):
            await _reply(send, 421, f"Host {host!r} is not served by this loopback-only server",
                         "open it as http://127.0.0.1:PORT/ or start it with --token", as_json)
            return

        set_cookie: list[tuple[bytes, bytes]] = []
        if self.token is not None:
            given, from_query = self._given_token(scope, headers)
            if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
                await _reply(send, 401, "This server needs its access token",
                             "send 'Authorization: Bearer TOKEN', or open the page once with "
                             "?token=TOKEN", as_json, [(b"www-authenticate", b"Bearer")])
                return
            if from_query and scope["method"] == "GET" and not as_json:
                # Trade the token in the address bar for a cookie, then drop it from the URL so
                # it does not linger in history or get copied along with a link.
                query = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode())
                         if k != "token"]
                location = scope.get("path", "/") + (f"?{urlencode(query)}" if query else "")
                cookie = SimpleCookie()
                cookie[TOKEN_COOKIE] = self.token
                cookie[TOKEN_COOKIE]["httponly"] = True
                cookie[TOKEN_COOKIE]["samesite"] = "Strict"
                cookie[TOKEN_COOKIE]["path"] = "/"
                set_cookie = [(b"set-cookie", cookie[TOKEN_COOKIE].OutputString().encode())]
                await send({"type": "http.response.start", "status": 303,
                            "headers": [(b"location", location.encode()),
                                        (b"content-length", b"0")] + SECURITY_HEADERS + set_cookie})
                await send({"type": "http.response.body", "body": b""})
                return

        if scope["method"] in _UNSAFE_METHODS and self._cross_site(headers):
            await _reply(send, 403, "Cross-site request refused",
                         "submit the form from this app's own pages", as_json)
            return

        length = headers.get("content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body_bytes
            except ValueError:
                await _reply(send, 400, "Bad Content-Length header", None, as_json)
                return
            if too_big:
                await _reply(send, 413, self._too_big_message(), self._too_big_hint(), as_json)
                return

        received = 0
        started = False
        refused = False

        async def capped_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes and not refused:
                    # Answer 413 now and tell the app the client left, so it stops reading
                    # whatever way it parses bodies (its own reply is then dropped).
                    refused = True
                    if not started:
                        await _reply(send, 413, self._too_big_message(), self._too_big_hint(),
                                     as_json)
                    return {"type": "http.disconnect"}
            return message

        async def secure_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in have]
            await send(message)

        await self.app(scope, capped_receive, secure_send)

    def _too_big_message(self) -> str:
        return f"The upload is larger than this server accepts ({self.max_body_bytes // 1024} KiB)"

    @staticmethod
    def _too_big_hint() -> str:
        return "split it into smaller files, or start the server with a larger --max-upload-mb"

    def _given_token(self, scope: Scope, headers: dict[str, str]) -> tuple[str | None, bool]:
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip(), False
        if "cookie" in headers:
            cookie = SimpleCookie()
            try:
                cookie.load(headers["cookie"])
            except CookieError:  # a malformed cookie header is simply no token
                cookie = SimpleCookie()
            if TOKEN_COOKIE in cookie:
                return cookie[TOKEN_COOKIE].value, False
        for key, value in parse_qsl(scope.get("query_string", b"").decode("latin-1")):
            if key == "token":
                return value, True
        return None, False

    @staticmethod
    def _cross_site(headers: dict[str, str]) -> bool:
        site = headers.get("sec-fetch-site")
        if site is not None:
            return site not in ("same-origin", "none")
        origin = headers.get("origin")
        if origin and origin != "null":
            return urlsplit(origin).netloc != headers.get("host", "")
        # No browser headers at all: a script or curl, which a web page cannot impersonate.
        return origin == "null"
