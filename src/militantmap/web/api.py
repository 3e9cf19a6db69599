"""The JSON REST API under /api/ (OpenAPI description at /api/openapi.json).

Read endpoints return what the store's query functions return (the same JSON as the CLI's
--json), so scripts can move between the two. Every error has one shape:
{"error": {"status": 404, "message": "...", "hint": "..."}}.
"""
from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from militantmap.errors import InputError
from militantmap.web import data, filters, intake, network, tables

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found", "content": {"application/json": {"example": {
        "error": {"status": 404, "message": "Group 'Foo' is not in the store",
                  "hint": "search for it: /api/search?q=Foo"}}}}},
    422: {"description": "Bad input", "content": {"application/json": {"example": {
        "error": {"status": 422, "message": "since: 'yesterday' is not a date as YYYY-MM-DD",
                  "hint": None}}}}},
}
router = APIRouter(prefix="/api", tags=["militantmap"], responses=ERRORS)
# How many undated facts a date filter left out of a list answer (issue 10): never silently.
UNDATED_HEADER = "X-Undated-Left-Out"
TOTAL_HEADER = "X-Total-Count"
# kind=name, name; ...: names percent-encoded (UTF-8), as a header carries only ASCII safely
SUGGEST_HEADER = "X-Did-You-Mean"


class ArticleIn(BaseModel):
    """One article to ingest: its text (or HTML) and what is known about it. Other fields (as in
    the corpus files: lang, annotations) are ignored, so a file for `militantmap ingest` can be
    posted as it is."""

    text: str | None = Field(None, description="Plain text of the article.")
    html: str | None = Field(None, description="Raw HTML, when there is no plain text.")
    id: str | None = Field(None, max_length=200, description="Your id; default: content hash.")
    url: str | None = Field(None, max_length=2000, description="http(s) address of the article.")
    title: str | None = Field(None, max_length=1000)
    publisher: str | None = Field(None, max_length=300)
    published: str | None = Field(None, description="YYYY-MM-DD", examples=["2016-10-26"])


class IngestIn(ArticleIn):
    """One article (the fields above), or a batch in "articles" (then nothing else)."""

    articles: list[ArticleIn] | None = Field(None, min_length=1, max_length=1000,
                                             description="A batch of articles.")


def _db(request: Request) -> str:
    return request.app.state.settings.db_url


Limit = Annotated[int | None, Query(ge=1, le=100_000, description="At most this many items")]
Offset = Annotated[int, Query(ge=0, description="Skip this many items first")]


def _answer(content: Any) -> JSONResponse:
    """An answer as JSON. The query functions return JSON-ready values (str, numbers, lists,
    dicts), written out as they are: FastAPI's default (jsonable_encoder, which walks every
    value first) took twice as long as building the network itself (2.7 MB at 100,000
    articles). Anything not JSON-ready goes through jsonable_encoder, as before."""
    try:
        return JSONResponse(content)
    except TypeError:
        from fastapi.encoders import jsonable_encoder

        return JSONResponse(jsonable_encoder(content))


def _listing(items: list, limit: int | None, offset: int, undated_left_out: int | None = None) -> JSONResponse:
    """A list answer, paginated: X-Total-Count says how many match in all."""
    headers = {TOTAL_HEADER: str(len(items))}
    if undated_left_out is not None:
        headers[UNDATED_HEADER] = str(undated_left_out)
    return JSONResponse(tables.window(items, limit, offset), headers=headers)


@router.get("/groups", summary="All armed groups in the store (paginated: limit, offset)")
def api_groups(request: Request, limit: Limit = None, offset: Offset = 0) -> Any:
    return _listing(data.api_groups(_db(request)), limit, offset)


@router.get("/groups/{key:path}", summary="One group by id, name or any alias")
def api_group(request: Request, key: str) -> Any:
    return _answer(data.api_group(_db(request), key))


@router.get("/ties", summary="Ties between groups, for one group or the whole store")
def api_ties(
    request: Request,
    group: Annotated[str | None, Query(description="Group id, name or alias")] = None,
    type: Annotated[list[str] | None, Query(description="Relation type(s)")] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.0,
    modality: Annotated[str | None, Query(description="asserted, reported, planned or speculated")] = None,
    polarity: Annotated[str | None, Query(description="positive (asserted) or negated (denied); default both")] = None,
    include_undated: Annotated[bool, Query(description="Keep undated ties in a date filter")] = False,
    limit: Limit = None,
    offset: Offset = 0,
) -> Any:
    found, left_out = data.api_ties(_db(request), group, type, since, until, min_confidence,
                                    include_undated, modality, polarity)
    return _listing(found, limit, offset, left_out)


@router.get("/ties/{tie_id}", summary="One tie with every evidence sentence behind it")
def api_tie(request: Request, tie_id: str) -> Any:
    return _answer(data.api_tie(_db(request), tie_id))


@router.get("/timeline/{key:path}", summary="A group's events and ties in date order")
def api_timeline(request: Request, key: str) -> Any:
    return _answer(data.api_timeline(_db(request), key))


@router.get("/events", summary="Events (attacks, arrests, bans...) with filters")
def api_events(
    request: Request,
    group: str | None = None,
    country: str | None = None,
    type: str | None = None,
    place: Annotated[str | None, Query(description="Place name as the events list it")] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    include_undated: Annotated[bool, Query(description="Keep undated events in a date filter")] = False,
    limit: Limit = None,
    offset: Offset = 0,
) -> Any:
    chosen = filters.event_filters(group, country, type, since, until, place,
                                   include_undated="1" if include_undated else None)
    # only the page asked for is built (a whole store has tens of thousands of events)
    found, total, left_out = data.api_events_page(_db(request), chosen, limit, offset)
    response = JSONResponse(found, headers={TOTAL_HEADER: str(total), UNDATED_HEADER: str(left_out)})
    if not total:
        # A country or place no event has: say what the store has that is close (issue 10).
        near = data.place_suggestions(_db(request), chosen)
        if near:
            response.headers[SUGGEST_HEADER] = "; ".join(
                f"{kind}={', '.join(quote(n, safe=' -') for n in names)}" for kind, names in near.items())
    return response


@router.get("/events/{event_id}", summary="One incident with every source's account and where they disagree")
def api_event(request: Request, event_id: str) -> Any:
    return _answer(data.api_event(_db(request), event_id))


@router.get("/evidence/{evidence_id}", summary="The sentence, article and attribution behind a fact")
def api_evidence(request: Request, evidence_id: str) -> Any:
    return _answer(data.api_evidence(_db(request), evidence_id))


@router.get("/search", summary="Search group names and aliases, people and places")
def api_search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)]) -> Any:
    return _answer(data.api_search(_db(request), q.strip()))


@router.get("/graph", summary="The network with server-computed positions (for the network page)")
def api_graph(request: Request,
              chosen: Annotated[filters.GraphFilters, Depends(filters.graph_query)]) -> Any:
    return _answer(network.graph_view(_db(request), chosen, with_layout=True))


@router.post("/articles", status_code=201, summary="Add articles (same pipeline as the CLI)")
async def api_articles(
    request: Request,
    payload: Annotated[IngestIn, Body(description=(
        "One article, or {\"articles\": [...]}. The request body is capped in size."))],
) -> JSONResponse:
    single = payload.model_dump(exclude={"articles"}, exclude_none=True)
    if payload.articles is None:
        articles = [intake.api_article(single, "article")]
    elif single:
        raise InputError("the request", f"both a batch and article fields ({', '.join(single)})",
                         'send one article, or {"articles": [...]} alone')
    else:
        articles = [intake.api_article(item.model_dump(), f"articles[{index}]")
                    for index, item in enumerate(payload.articles)]
    summary = await run_in_threadpool(intake.ingest, _db(request), articles)
    return JSONResponse(summary, status_code=201)
