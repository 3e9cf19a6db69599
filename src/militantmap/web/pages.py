"""Server-rendered HTML pages: network, groups, group, tie, events, evidence, search, ingest."""
from __future__ import annotations

import io
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from militantmap import schema
from militantmap.article import Article
from militantmap.errors import InputError
from militantmap.web import data, filters, intake, network
from militantmap.web.assets import INSTALL_HINT, vendor_installed, vendor_path
from militantmap.web.basemap import load_basemap
from militantmap.export.tables import TABLES, event_row, write_rows
from militantmap.web.charts import EVENT_TYPES, map_markers, timeline
from militantmap.web.tables import EVENT_SORTS, PER_PAGE, paginate, sort_rows

router = APIRouter(include_in_schema=False)
MAX_EVENT_ROWS = 1000


def render(request: Request, template: str, status_code: int = 200, **context: object
           ) -> HTMLResponse:
    from militantmap.web.security import redact

    settings = request.app.state.settings
    env = request.app.state.templates
    context.setdefault("title", "militantmap")
    context.setdefault("store_label", redact(settings.db_url))
    html = env.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code)


def _db(request: Request) -> str:
    return request.app.state.settings.db_url


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/network", status_code=303)


@router.get("/network")
def network_page(request: Request,
                 chosen: Annotated[filters.GraphFilters, Depends(filters.graph_query)]) -> HTMLResponse:
    view = network.graph_view(_db(request), chosen, with_layout=False)
    query = chosen.query_pairs()
    include_undated_url = "/network?" + urlencode(query + [("include_undated", "1")])
    return render(
        request, "network.html", title="Network", nav="network", wide=True,
        filters=chosen, view=view, relation_types=filters.RELATION_TYPES,
        directed_types=filters.DIRECTED_TYPES,
        api_url="/api/graph" + (f"?{urlencode(query)}" if query else ""),
        vendor_ok=vendor_installed(), install_hint=INSTALL_HINT,
        include_undated_url=include_undated_url,
    )


@router.get("/groups")
def groups_page(request: Request) -> HTMLResponse:
    groups = data.groups_list(_db(request))
    return render(request, "groups.html", title="Groups", nav="groups", groups=groups,
                  total=len(groups))


@router.get("/groups/{key:path}")
def group_page(request: Request, key: str) -> HTMLResponse:
    detail = data.group_detail(_db(request), key)
    chart = timeline(detail["events"])
    history = data.group_timeline(_db(request), detail["group"]["id"])
    return render(request, "group.html", title=detail["group"]["name"], nav="groups",
                  timeline=chart, history=history, **detail)


@router.get("/ties/{tie_id}")
def tie_page(request: Request, tie_id: str) -> HTMLResponse:
    detail = data.tie_detail(_db(request), tie_id)
    tie = detail["tie"]
    title = schema.tie_text(tie["subject"]["name"], tie["type"], tie["object"]["name"], tie["polarity"])
    return render(request, "tie.html", title=title, nav="network", **detail)


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str) -> HTMLResponse:
    ev = data.event_detail(_db(request), event_id)
    title = f"{ev['type'].replace('_', ' ')}{' in ' + ev['location'] if ev.get('location') else ''}"
    return render(request, "event.html", title=title, nav="events", ev=ev)


@router.get("/events")
def events_page(
    request: Request,
    chosen: Annotated[filters.EventFilters, Depends(filters.event_query)],
    sort: str | None = None,
    order: str | None = None,
    page: str | None = None,
) -> HTMLResponse:
    notice = None
    undated_left_out = 0
    total: int | None = None
    try:
        if not sort and (page or "1").isdigit() and int(page or 1) * PER_PAGE <= MAX_EVENT_ROWS:
            # In the store's order the map and the first pages need only the newest
            # MAX_EVENT_ROWS + 1 events: only those are built (a whole store has tens of thousands)
            found, total, undated_left_out = data.events_window(_db(request), chosen, MAX_EVENT_ROWS + 1)
        else:
            found, undated_left_out = data.events_matching(_db(request), chosen)
        events = data.event_rows(found)
    except data.NotFound as err:
        events, notice = [], err.message()
    params = [(k, v) for k, v in request.query_params.multi_items()]
    include_undated_url = "/events?" + urlencode(
        [(k, v) for k, v in params if k != "include_undated"] + [("include_undated", "1")])
    table = paginate(sort_rows(events, sort, order, EVENT_SORTS), page, total=total)
    keep = [(k, v) for k, v in params if k not in ("sort", "order", "page")]
    sort_urls = {col: "/events?" + urlencode(keep + [("sort", col), ("order", "asc" if (sort, order) == (col, "desc") else "desc")])
                 for col in EVENT_SORTS}
    page_url = "/events?" + urlencode([(k, v) for k, v in params if k != "page"] + [("page", "")])
    download = urlencode([(k, v) for k, v in params if k not in ("page",)])
    truncated = (total if total is not None else len(events)) > MAX_EVENT_ROWS
    events = events[:MAX_EVENT_ROWS]  # the map: every filtered event, up to the cap
    base = load_basemap()
    map_view = None
    if base is not None:
        markers, unplaced = map_markers(base, events)
        from militantmap.web.basemap import HEIGHT, WIDTH

        map_view = {"width": f"{WIDTH:g}", "height": f"{HEIGHT:g}", "markers": markers,
                    "unplaced": unplaced}
    return render(request, "events.html", title="Events", nav="events", wide=True,
                  filters=chosen, events=events, truncated=truncated, map=map_view,
                  notice=notice, event_types=EVENT_TYPES, install_hint=INSTALL_HINT,
                  undated_left_out=undated_left_out, include_undated_url=include_undated_url,
                  table=table, sort=sort, order=order, sort_urls=sort_urls, page_url=page_url,
                  download=download)


@router.get("/events.csv")
@router.get("/events.json")
def events_download(
    request: Request,
    chosen: Annotated[filters.EventFilters, Depends(filters.event_query)],
    sort: str | None = None,
    order: str | None = None,
) -> Response:
    """The filtered events table, whole (every page), as CSV (the export's columns) or JSON."""
    rows, _ = data.events_matching(_db(request), chosen)
    rows = sort_rows(rows, sort, order, EVENT_SORTS)
    if request.url.path.endswith(".json"):
        return JSONResponse(rows, headers={"Content-Disposition": 'attachment; filename="events.json"'})
    out = io.StringIO()
    write_rows([event_row(e) for e in rows], TABLES["events"], out)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/evidence/{evidence_id}")
def evidence_page(request: Request, evidence_id: str) -> HTMLResponse:
    detail = data.evidence_detail(_db(request), evidence_id)
    title = "Evidence" if detail["item"]["sentence"] else (detail["article"].get("title")
                                                           or "Article")
    return render(request, "evidence.html", title=title, **detail)


@router.get("/search")
def search_page(request: Request, q: str = "") -> HTMLResponse:
    q = q.strip()[:200]
    results = data.search_all(_db(request), q) if q else {"groups": [], "people": [],
                                                           "places": []}
    return render(request, "search.html", title=f"Search {q}" if q else "Search", query=q,
                  results=results)


@router.get("/ingest")
def ingest_form(request: Request) -> HTMLResponse:
    return _ingest_page(request)


@router.post("/ingest")
async def ingest_submit(
    request: Request,
    text: Annotated[str | None, Form()] = None,
    title: Annotated[str | None, Form()] = None,
    url: Annotated[str | None, Form()] = None,
    published: Annotated[str | None, Form()] = None,
    files: Annotated[list[UploadFile] | None, File()] = None,
) -> HTMLResponse:
    try:
        pub = filters.parse_date(published, "published")
        uploads = []
        for upload in files or []:
            if upload.filename or upload.size:
                uploads.append((upload.filename or "upload", await upload.read()))
        articles: list[Article | InputError]
        if text and text.strip():
            articles = [intake.pasted_article(text, title, url, pub)]
        elif uploads:
            articles = intake.uploaded_articles(uploads, pub)
        else:
            raise InputError("the form", "no article given",
                             "paste a text or choose at least one file")
        summary = await run_in_threadpool(intake.ingest, _db(request), articles)
    except InputError as err:
        return _ingest_page(request, error=str(err), status_code=422)
    return _ingest_page(request, report=intake.ingest_report(summary))


def _ingest_page(request: Request, status_code: int = 200, **context: object) -> HTMLResponse:
    settings = request.app.state.settings
    return render(request, "ingest.html", status_code=status_code, title="Ingest", nav="ingest",
                  max_upload=_size(settings.max_upload_bytes), **context)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.3g} MB" if n >= 1024 * 1024 else f"{n // 1024} KiB"


@router.get("/vendor/{name}")
def vendor_file(name: str) -> Response:
    from fastapi.responses import FileResponse

    from militantmap.web.app import WebError

    path = vendor_path(name)  # a fixed list of file names, never a path from the request
    if path is None:
        raise WebError(404, f"/vendor/{name} is not available", INSTALL_HINT)
    return FileResponse(path, media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})


@router.get("/map/world.svg")
def world_map() -> Response:
    from militantmap.web.app import WebError

    base = load_basemap()
    if base is None:
        raise WebError(404, "The base map is not installed", INSTALL_HINT)
    return Response(base.svg, media_type="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=86400"})

