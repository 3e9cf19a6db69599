"""Fetching articles from URLs and RSS/Atom feeds, safely.

Only http(s). The host is resolved ONCE per hop; every address it resolves to must be public (no
private, loopback, link-local, multicast, reserved, shared, NAT64, 6to4, Teredo, IPv4-compatible
or IPv4-mapped form) unless allow_private, and the connection goes to the checked address, with
the host name kept for the Host header, TLS SNI and certificate check: a name that resolves
differently the second time (DNS rebinding) is never resolved a second time. Redirects are
followed by hand so each hop is checked; each fetch has a total deadline and a size cap on the
decoded body, besides the per-read timeout.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from militantmap.article import Article
from militantmap.errors import InputError

TIMEOUT = 20.0          # per connect / read
DEADLINE = 60.0         # per fetch, all hops and reads included: a trickling server cannot hold it
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "militantmap/0.4 (+https://github.com/militantmap)"

# Address blocks that translate or embed another address: what they reach is decided elsewhere,
# so they are never "public" here.
_TRANSLATED = [ipaddress.ip_network(n) for n in (
    "64:ff9b::/96", "64:ff9b:1::/48",   # NAT64
    "2002::/16",                         # 6to4
    "2001::/32",                         # Teredo
    "::/96",                             # IPv4-compatible (deprecated)
    "::ffff:0:0/96",                     # IPv4-mapped
    "100.64.0.0/10",                     # carrier-grade NAT (shared address space)
)]

Resolver = Callable[[str, int], list[str]]


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]).split("%")[0] for info in infos]


resolve: Resolver = _system_resolver  # tests replace it with a stub resolver


def is_public(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if any(addr.version == net.version and addr in net for net in _TRANSLATED):
        return False
    return addr.is_global and not addr.is_multicast and not addr.is_reserved


def _parts(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL, every malformation as an InputError."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as err:  # "Port out of range", "Invalid IPv6 URL"
        raise InputError(url, f"not a valid URL ({err})") from None
    if parts.scheme not in ("http", "https"):
        raise InputError(url, f"only http(s) URLs are fetched, not {parts.scheme or 'a bare path'!r}")
    if not host:
        raise InputError(url, "URL without a host")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


def check_url(url: str, allow_private: bool = False) -> str | None:
    """The address to connect to for `url`, after checking that it is public; None with
    allow_private (connect by name). Raises InputError with the reason."""
    _, host, port = _parts(url)
    if allow_private:
        return None
    try:
        literal = ipaddress.ip_address(host)
        addrs = [literal]
    except ValueError:
        try:
            addrs = [ipaddress.ip_address(a) for a in resolve(host, port)]
        except (OSError, UnicodeError, ValueError) as err:
            raise InputError(url, f"host {host!r} does not resolve ({getattr(err, 'strerror', None) or err})") from None
    if not addrs:
        raise InputError(url, f"host {host!r} does not resolve")
    for addr in addrs:
        if not is_public(addr):
            raise InputError(url, f"{host} resolves to a non-public address ({addr})",
                             "pass --allow-private to fetch from your own network")
    return str(addrs[0])


def _pinned(url: str, addr: str) -> tuple[str, dict[str, str], dict]:
    """The URL rewritten to connect to `addr`, with the Host header and the TLS server name of
    the original host."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc_ip = f"[{addr}]" if ":" in addr else addr
    if parts.port:
        netloc_ip += f":{parts.port}"
    host_header = host if not parts.port else f"{host}:{parts.port}"
    ext = {"sni_hostname": host} if parts.scheme == "https" else {}
    return urlunsplit((parts.scheme, netloc_ip, parts.path or "/", parts.query, "")), {"Host": host_header}, ext


def fetch(url: str, allow_private: bool = False, client: httpx.Client | None = None) -> tuple[str, bytes, str]:
    """(final URL, body, content type). Raises InputError with the reason."""
    own = client is None
    client = client or new_client()
    deadline = time.monotonic() + DEADLINE
    try:
        for _ in range(MAX_REDIRECTS + 1):
            addr = check_url(url, allow_private)
            target, headers, ext = (url, {}, {}) if addr is None else _pinned(url, addr)
            try:
                with client.stream("GET", target, headers=headers, extensions=ext) as resp:
                    if resp.is_redirect:
                        url = urljoin(url, resp.headers.get("location", ""))
                        continue
                    if resp.status_code >= 400:
                        raise InputError(url, f"HTTP {resp.status_code}")
                    chunks, size = [], 0
                    for chunk in resp.iter_bytes():  # decoded: the cap holds for gzip bombs too
                        size += len(chunk)
                        if size > MAX_BYTES:
                            raise InputError(url, f"response larger than {MAX_BYTES // (1024 * 1024)} MB")
                        if time.monotonic() > deadline:
                            raise InputError(url, f"not fetched within {DEADLINE:.0f} s",
                                             "the server is too slow; try again later")
                        chunks.append(chunk)
                    return url, b"".join(chunks), resp.headers.get("content-type", "")
            except httpx.TimeoutException:
                raise InputError(url, f"timed out after {TIMEOUT:.0f} s") from None
            except (httpx.HTTPError, httpx.InvalidURL, ValueError) as err:
                raise InputError(url, f"cannot be fetched ({err.__class__.__name__}: {err})") from None
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects")
    finally:
        if own:
            client.close()


def new_client() -> httpx.Client:
    return httpx.Client(timeout=TIMEOUT, follow_redirects=False, headers={"User-Agent": USER_AGENT})


def fetch_urls(urls: Iterable[str], allow_private: bool = False) -> Iterator[Article | InputError]:
    with new_client() as client:
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
