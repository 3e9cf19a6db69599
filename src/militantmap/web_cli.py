"""`militantmap serve`: the analyst web app and REST API over a store."""
from __future__ import annotations

import click

from militantmap.errors import ConfigError

MIN_TOKEN_LENGTH = 16


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve the store beyond this machine without a token worth the name."""
    from militantmap.web.security import is_loopback

    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise ConfigError(
            f"The token is {len(token)} characters long; it needs at least {MIN_TOKEN_LENGTH}",
            "make one with: python -c 'import secrets; print(secrets.token_urlsafe(24))'")
    if not is_loopback(host) and token is None:
        raise ConfigError(
            f"Serving on {host} would let anyone who can reach this machine read the store",
            "pass --token TOKEN or set MILITANTMAP_TOKEN (or keep the default --host 127.0.0.1)")


@click.command("serve")
@click.option("--db", "db_url", default=None,
              help="Store URL (default: $MILITANTMAP_DB, else sqlite:///militantmap.db).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback requires a token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="MILITANTMAP_TOKEN", default=None, show_envvar=True,
              help="Access token every request must carry (Authorization: Bearer TOKEN, or "
                   "open a page once with ?token=TOKEN).")
@click.option("--max-upload-mb", default=10.0, show_default=True,
              type=click.FloatRange(0.01, 1024),
              help="Largest request body accepted (uploads on the ingest page and API).")
@click.option("--create", is_flag=True,
              help="Create the store when it does not exist (to fill it from the ingest page).")
def serve_cmd(db_url: str | None, host: str, port: int, token: str | None,
              max_upload_mb: float, create: bool) -> None:
    """Start the analyst web app and the JSON API (/api/, described at /api/openapi.json)."""
    import uvicorn

    from militantmap.store.db import get_engine, missing_store, resolve_url
    from militantmap.web import create_app
    from militantmap.web.assets import INSTALL_HINT, vendor_installed, world_atlas_path
    from militantmap.web.security import is_loopback, redact, uvicorn_log_config

    token = token or None
    check_bind(host, token)
    url = resolve_url(db_url)
    missing = missing_store(url)
    if missing is not None and not create:
        raise click.BadParameter(f"{missing}: no store here (check the path, or MILITANTMAP_DB); "
                                 "`militantmap ingest PATH --db ...` creates one, or pass --create "
                                 "to start empty and add articles on the ingest page",
                                 param_hint="'--db'")
    get_engine(url)  # a corrupt, newer, foreign or unreachable store is refused now, not per page
    app = create_app(url, token=token, loopback_only=is_loopback(host),
                     max_upload_bytes=int(max_upload_mb * 1024 * 1024))
    if not vendor_installed() or world_atlas_path() is None:
        # The pages still work (tables instead of the graph and the map), so warn, not refuse.
        click.echo(f"militantmap: warning: the browser libraries are missing: {INSTALL_HINT}; "
                   "until then the network graph and the events map are not drawn", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"militantmap: serving the store {redact(url)} at http://{shown}:{port}/")
    if token:
        click.echo("militantmap: a token is required: open the page once with ?token=TOKEN, "
                   "or send 'Authorization: Bearer TOKEN'")
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False,
                proxy_headers=False, log_config=uvicorn_log_config())
