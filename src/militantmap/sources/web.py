"""Fetching articles from URLs and RSS/Atom feeds, safely.

Only http(s); every address a host name resolves to must be public (no private, loopback,
link-local, multicast or reserved ranges) unless allow_private; redirects are followed by hand
so each hop is checked; time and size are capped.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin, urlparse

import httpx

from militantmap.article import Article
from militantmap.errors import InputError

TIMEOUT = 20.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "militantmap/0.4 (+https://github.com/militantmap)"


def check_url(url: str, allow_private: bool = False) -> None:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        raise InputError(url, f"only http(s) URLs are fetched, not {parsed.scheme or 'a bare path'!r}")
    host = parsed.hostname
    if not host:
        raise InputError(url, "URL without a host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parsed.port or (443 if parsed.scheme == "https" else 80))
    except socket.gaierror as err:
        raise InputError(url, f"host {host!r} does not resolve ({err.strerror})") from None
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%")[0])
        if not addr.is_global or addr.is_multicast:
            raise InputError(url, f"{host} resolves to a non-public address ({addr})",
                             "pass --allow-private to fetch from your own network")


def fetch(url: str, allow_private: bool = False, client: httpx.Client | None = None) -> tuple[str, bytes, str]:
    """(final URL, body, content type). Raises InputError with the reason."""
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=False,
                                    headers={"User-Agent": USER_AGENT})
    try:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, allow_private)
            try:
                with client.stream("GET", url) as resp:
                    if resp.is_redirect:
                        url = urljoin(url, resp.headers.get("location", ""))
                        continue
                    if resp.status_code >= 400:
                        raise InputError(url, f"HTTP {resp.status_code}")
                    chunks, size = [], 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > MAX_BYTES:
                            raise InputError(url, f"response larger than {MAX_BYTES // (1024 * 1024)} MB")
                        chunks.append(chunk)
                    return url, b"".join(chunks), resp.headers.get("content-type", "")
            except httpx.TimeoutException:
                raise InputError(url, f"timed out after {TIMEOUT:.0f} s") from None
            except httpx.HTTPError as err:
                raise InputError(url, f"cannot be fetched ({err.__class__.__name__}: {err})") from None
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects")
    finally:
        if own:
            client.close()


def fetch_urls(urls: Iterable[str], allow_private: bool = False) -> Iterator[Article | InputError]:
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        for url in urls:
            url = url.strip()
            if not url or url.startswith("#"):
                continue
            try:
                final, body, ctype = fetch(url, allow_private, client)
            except InputError as err:
                yield err
                continue
            text = body.decode(_charset(ctype), errors="replace")
            if "html" in ctype.lower() or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
                yield Article(text="", html=text, url=final, source=url)
            else:
                yield Article(text=text, url=final, source=url)


def read_feed(url: str, allow_private: bool = False) -> Iterator[Article | InputError]:
    """The articles an RSS/Atom feed links to, each fetched with the same checks."""
    import feedparser

    try:
        _, body, _ = fetch(url, allow_private)
    except InputError as err:
        yield err
        return
    feed = feedparser.parse(body)
    if feed.bozo and not feed.entries:
        yield InputError(url, f"not a readable RSS/Atom feed ({feed.get('bozo_exception')})")
        return
    links = [e.get("link") for e in feed.entries if e.get("link")]
    yield from fetch_urls(links, allow_private)


def _charset(ctype: str) -> str:
    if "charset=" in ctype.lower():
        cs = ctype.lower().split("charset=", 1)[1].split(";")[0].strip()
        try:
            "".encode(cs)
            return cs
        except LookupError:
            pass
    return "utf-8"
