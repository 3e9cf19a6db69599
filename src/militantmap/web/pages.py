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
from militantmap.export.tables import TABLES, event_row, write_rows
from militantmap.web import data, filters, intake, network
from militantmap.web.assets import INSTALL_HINT, vendor_installed, vendor_path
from militantmap.web.basemap import load_basemap
from militantmap.web.charts import EVENT_TYPES, map_markers, timeline
from militantmap.web.tables import (
    EVENT_SORTS,
    GROUP_COLUMNS,
    GROUP_SORTS,
    PER_PAGE,
    TIE_SORTS,
    csv_text,
    sort_rows,
    table_view,
)

router = APIRouter(include_in_schema=False)
# the newest events the map draws (and the first pages are built from): 500 markers are as many
# as a map can show apart, and building them stays under the 300 ms target at 100,000 articles
MAX_EVENT_ROWS = 500


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
    # The ties table with the network's filters: the same ties (denied ones only when drawn).
    tie_query = [(k, v) for k, v in query if k in ("type", "since", "until", "min_confidence",
                                                   "include_undated")]
    if not chosen.denied:
        tie_query.append(("polarity", "positive"))
    return render(
        request, "network.html", title="Network", nav="network", wide=True,
        filters=chosen, view=view, relation_types=filters.RELATION_TYPES,
        directed_types=filters.DIRECTED_TYPES,
        api_url="/api/graph" + (f"?{urlencode(query)}" if query else ""),
        download_query=f"?{urlencode(query)}" if query else "",
        ties_url="/ties" + (f"?{urlencode(tie_query)}" if tie_query else ""),
        vendor_ok=vendor_installed(), install_hint=INSTALL_HINT,
        include_undated_url=include_undated_url,
    )


@router.get("/network.gexf")
@router.get("/network.stix.json")
def network_download(request: Request,
                     chosen: Annotated[filters.GraphFilters, Depends(filters.graph_query)]) -> Response:
    """The filtered network as the page draws it (same groups, same ties), as GEXF for Gephi
    or as a STIX 2.1 bundle, written by the exporters of `militantmap export`."""
    stix = request.url.path.endswith(".json")
    body = network.network_export(_db(request), chosen, "stix" if stix else "gexf")
    name, kind = ("network.stix.json", "application/json") if stix else ("network.gexf", "application/xml")
    return Response(body, media_type=kind,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/groups")
def groups_page(request: Request, sort: str | None = None, order: str | None = None,
                page: str | None = None) -> HTMLResponse:
    groups = data.groups_list(_db(request))
    params = list(request.query_params.multi_items())
    return render(request, "groups.html", title="Groups", nav="groups", total=len(groups),
                  **table_view("/groups", params, groups, GROUP_SORTS, sort, order, page))


@router.get("/groups.csv")
@router.get("/groups.json")
def groups_download(request: Request, sort: str | None = None, order: str | None = None) -> Response:
    """The groups table, whole, in the order asked for, as CSV or JSON."""
    rows = sort_rows(data.api_groups(_db(request)), sort, order, GROUP_SORTS)
    return _download(request, rows, GROUP_COLUMNS, "groups")


@router.get("/ties")
def ties_page(request: Request, chosen: Annotated[filters.TieFilters, Depends(filters.tie_query)],
              sort: str | None = None, order: str | None = None,
              page: str | None = None) -> HTMLResponse:
    notice = None
    undated_left_out = 0
    try:
        found, undated_left_out = data.ties_matching(_db(request), chosen)
    except data.NotFound as err:
        found, notice = [], err.message()
    params = list(request.query_params.multi_items())
    include_undated_url = "/ties?" + urlencode(
        [(k, v) for k, v in params if k != "include_undated"] + [("include_undated", "1")])
    return render(request, "ties.html", title="Ties", nav="ties", filters=chosen,
                  relation_types=filters.RELATION_TYPES, modalities=schema.MODALITIES,
                  notice=notice, undated_left_out=undated_left_out,
                  include_undated_url=include_undated_url,
                  **table_view("/ties", params, data.tie_rows(found), TIE_SORTS, sort, order, page))


@router.get("/ties.csv")
@router.get("/ties.json")
def ties_download(request: Request, chosen: Annotated[filters.TieFilters, Depends(filters.tie_query)],
                  sort: str | None = None, order: str | None = None) -> Response:
    """The filtered ties table, whole, as CSV (the export's columns, without the per-sentence
    ones: each tie's page lists its sentences) or JSON."""
    from militantmap.export.tables import TIE_COLUMNS

    rows, _ = data.ties_matching(_db(request), chosen)
    rows = sort_rows(rows, sort, order, TIE_SORTS)
    columns = [c for c in TIE_COLUMNS if c not in ("source_urls", "evidence_ids")]
    flat = [dict(t, subject=t["subject"]["name"], subject_id=t["subject"]["id"],
                 object=t["object"]["name"], object_id=t["object"]["id"]) for t in rows]
    return _download(request, rows if request.url.path.endswith(".json") else flat, columns, "ties")


def _download(request: Request, rows: list[dict], columns: list[str], name: str) -> Response:
    if request.url.path.endswith(".json"):
        return JSONResponse(rows, headers={"Content-Disposition": f'attachment; filename="{name}.json"'})
    return Response(csv_text(rows, columns), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


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
    notice = notice_hint = None
    undated_left_out = 0
    suggestions: dict[str, list[str]] = {}
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
        from militantmap.store.suggest import did_you_mean, hint

        notice_hint = hint(did_you_mean(_db(request), "group", chosen.group or ""))
    params = [(k, v) for k, v in request.query_params.multi_items()]
    if not events and not notice:
        suggestions = data.place_suggestions(_db(request), chosen)
    suggestion_urls = {kind: {n: "/events?" + urlencode([(k, v) for k, v in params if k not in (kind, "page")]
                                                         + [(kind, n)]) for n in names}
                       for kind, names in suggestions.items()}
    include_undated_url = "/events?" + urlencode(
        [(k, v) for k, v in params if k != "include_undated"] + [("include_undated", "1")])
    listing = table_view("/events", params, events, EVENT_SORTS, sort, order, page, total=total)
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
                  notice_hint=notice_hint, suggestions=suggestions, suggestion_urls=suggestion_urls,
                  **listing)


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

