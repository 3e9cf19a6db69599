"""The FastAPI application: server-rendered pages for analysts and a JSON API under /api/.

Both read the store only through `militantmap.store.queries` (the functions the CLI uses), so
what a page shows and what `militantmap group NAME --json` prints cannot disagree.
`create_app` has no side effects beyond building the app: the store is opened per request by
the query functions, the spaCy model loads on the first ingest.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from militantmap import __version__
from militantmap.errors import ConfigError, InputError, MilitantmapError
from militantmap.web.security import SecurityMiddleware, safe_url

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024
log = logging.getLogger("militantmap.web")


@dataclass(frozen=True)
class Settings:
    db_url: str
    token: str | None = None
    loopback_only: bool = True
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD


class WebError(MilitantmapError):
    """An error the web layer reports with an HTTP status and a message a person can act on."""

    def __init__(self, status: int, message: str, hint: str | None = None) -> None:
        super().__init__(status, message, hint)
        self.status = status
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message + (f" ({self.hint})" if self.hint else "")


def create_app(db_url: str, *, token: str | None = None, loopback_only: bool = True,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD) -> FastAPI:
    """The app over the store at `db_url`. With `token`, every request must carry it."""
    from militantmap.web import api, curation, pages

    settings = Settings(db_url=db_url, token=token or None, loopback_only=loopback_only,
                        max_upload_bytes=max_upload_bytes)
    app = FastAPI(
        title="militantmap API",
        version=__version__,
        description=(
            "Armed groups, their ties, people and events, each fact with the sentence and "
            "article behind it. Errors are JSON: {\"error\": {\"status\", \"message\", \"hint\"}}."
        ),
        openapi_url="/api/openapi.json",
        # The stock Swagger and ReDoc pages load their scripts from a CDN and run inline
        # script, both of which this app forbids; the OpenAPI JSON is the description.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.templates = _templates()
    app.add_middleware(SecurityMiddleware, token=settings.token,
                       loopback_only=settings.loopback_only,
                       max_body_bytes=settings.max_upload_bytes)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(curation.api)
    app.include_router(pages.router)
    app.include_router(curation.pages)
    _error_handlers(app)
    return app


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        # Every template is HTML and every value is escaped unless marked safe (nothing is).
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.globals["version"] = __version__
    from militantmap.schema import RELATION_TYPES

    env.globals["relation_types"] = RELATION_TYPES  # the curation forms' choice of tie types
    return env


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_body(status: int, message: str, hint: str | None = None) -> dict:
    """The one JSON shape of every API error."""
    return {"error": {"status": status, "message": message, "hint": hint}}


def _error_response(request: Request, status: int, message: str, hint: str | None) -> Response:
    if wants_json(request):
        return JSONResponse(error_body(status, message, hint), status_code=status)
    from militantmap.web.pages import render

    titles = {400: "Bad request", 401: "Token needed", 404: "Not found", 409: "Conflict", 413: "Too large",
              422: "Bad input", 500: "Something went wrong"}
    # A bad filter: back to the same page without it; anything else: back to the start.
    back = (request.url.path, "Back to this page without the filters") if status == 422 \
        and request.method == "GET" else ("/network", "Back to the network")
    return render(request, "error.html", status_code=status,
                  title=titles.get(status, f"Error {status}"), message=message, hint=hint,
                  back_url=back[0], back_label=back[1])


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def _web_error(request: Request, err: WebError) -> Response:
        return _error_response(request, err.status, err.message, err.hint)

    from militantmap.web.data import NotFound

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, err: NotFound) -> Response:
        if err.hint:
            hint = err.hint
        elif err.what == "group":
            from militantmap.store.suggest import did_you_mean
            from militantmap.store.suggest import hint as mean

            close = mean(did_you_mean(request.app.state.settings.db_url, "group", err.key))
            hint = ((close + " " if close else "")
                    + ("search for it: /api/search?" + urlencode({"q": err.key}) + "; /api/groups lists every group"
                       if wants_json(request) else "try the search box above, or the groups page"))
        else:
            hint = "ids come from the pages and from /api/groups, /api/ties and /api/events"
        return _error_response(request, 404, err.message(), hint)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, err: InputError) -> Response:
        return _error_response(request, 422, f"{err.source}: {err.reason}", err.hint)

    @app.exception_handler(ConfigError)
    async def _config_error(request: Request, err: ConfigError) -> Response:
        return _error_response(request, 500, err.what, f"to fix: {err.fix}")

    @app.exception_handler(MilitantmapError)
    async def _mm_error(request: Request, err: MilitantmapError) -> Response:
        return _error_response(request, 400, str(err), None)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, err: StarletteHTTPException) -> Response:
        message = err.detail if isinstance(err.detail, str) else "Request failed"
        if err.status_code == 404 and message == "Not Found":
            message = f"Nothing at {request.url.path}"
            hint = "see /api/openapi.json for the API" if wants_json(request) else None
        elif err.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
            hint = "see /api/openapi.json for the methods each path accepts"
        else:
            hint = None
        return _error_response(request, err.status_code, message, hint)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, err: RequestValidationError) -> Response:
        problems = []
        for item in err.errors():
            if item.get("type") == "json_invalid":
                reason = (item.get("ctx") or {}).get("error", "")
                problems.append(f"The request body is not valid JSON ({reason})" if reason
                                else "The request body is not valid JSON")
                continue
            where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "body",
                                                                               "path"))
            problems.append(f"{where or 'request'}: {item.get('msg', 'invalid')}")
        return _error_response(request, 422, "; ".join(problems) or "Invalid request",
                               "check the parameter names and formats in /api/openapi.json")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, err: Exception) -> Response:
        # Log the traceback for the operator; the client gets no internals.
        log.exception("unhandled error on %s", request.url.path)
        return _error_response(request, 500, "The server failed on this request",
                               "the server log has the details")
