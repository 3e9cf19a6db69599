"""Curation in the web app (issue 10, item 7): the JSON API under /api/curation/, the forms on
the group, tie, event and evidence pages (posted to /curation/...), the log page /curation with
an undo button per decision, and its export as CSV or JSON.

Every decision goes through `militantmap.store.curate` (the functions the CLI's `curate`
commands call). Who decides: the form's or body's "who", else the X-Analyst header, else the
server's default (MILITANTMAP_ANALYST, the OS user, "analyst"). Writes are POSTs, so the
security middleware's cross-site refusal applies to them as to the ingest form; everything an
analyst typed is escaped on every page like article text (the templates autoescape).

Errors: an unknown group, fact or decision is a 404; a decision that makes no sense (a merge
into itself, an empty or hostile name) a 422; one a later decision stands in the way of a 409.
The message names the problem and nothing is changed.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from militantmap.errors import is_not_in_store
from militantmap.web.data import group_url

_ERROR = {"application/json": {"example": {"error": {
    "status": 422, "message": "'TTP' and 'Pakistani Taliban' are already one entity (Tehrik-i-Taliban "
    "Pakistan): a group cannot be merged into itself", "hint": None}}}}
api = APIRouter(prefix="/api/curation", tags=["curation"], responses={
    404: {"description": "Unknown group, fact or decision", "content": _ERROR},
    409: {"description": "A later decision on the same thing stands in the way: undo it first", "content": _ERROR},
    422: {"description": "A decision that makes no sense, or an empty, overlong or hostile text", "content": _ERROR},
})
pages = APIRouter(include_in_schema=False)
ANALYST_HEADER = "x-analyst"


def _curate():
    from militantmap.store import curate

    return curate


def _db(request: Request) -> str:
    return request.app.state.settings.db_url


def _who(request: Request, given: str | None) -> str | None:
    return given if given not in (None, "") else request.headers.get(ANALYST_HEADER)


async def _decide(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one store decision; its refusals become the app's 404 / 409 / 422."""
    from militantmap.web.app import WebError

    curate = _curate()
    try:
        return await run_in_threadpool(fn, *args, **kwargs)
    except curate.Conflict as err:
        raise WebError(409, str(err), "the curation log (/curation) lists the decisions") from None
    except curate.Refused as err:
        raise WebError(422, str(err), None) from None
    except LookupError as err:
        if not is_not_in_store(err):
            raise
        raise WebError(404, str(err).strip("'\""),
                       "ids come from the pages, /api/groups, /api/ties and /api/curation/log") from None


# -- the JSON API ------------------------------------------------------------------------------

class _By(BaseModel):
    who: str | None = Field(None, description="Who decides (default: X-Analyst header, then the server's user).")
    why: str | None = Field(None, description="Why, kept in the log.")


class RenameIn(_By):
    group: str = Field(description="The group's id, name or an alias.")
    name: str = Field(description="Its new display name; the old one stays an alias.")


class AliasIn(_By):
    group: str
    alias: str


class MergeIn(_By):
    group: str = Field(description="The group absorbed.")
    into: str = Field(description="The group it is read as from now on.")


class SplitIn(_By):
    group: str = Field(description="The id or own name of a group merged into another.")


class NotGroupIn(_By):
    group: str
    as_type: str = Field("organization", description="organization, person or location")


class RetypeIn(_By):
    relation: int = Field(description="The relation's id (relation_id in /api/ties/{id}).")
    type: str | None = Field(None, description="The tie type it should have.")
    reverse: bool = Field(False, description="Turn a directed tie the other way round.")


class RejectIn(_By):
    kind: str = Field(description="relation, role, event (one report) or evidence (a sentence, with all its facts)")
    id: int


class UndoIn(_By):
    decision: int


@api.post("/rename", status_code=201)
async def api_rename(request: Request, body: RenameIn) -> dict:
    """Rename a group (the old name stays an alias)."""
    return await _decide(_curate().rename, _db(request), body.group, body.name,
                         _who(request, body.who), body.why)


@api.post("/alias/add", status_code=201)
async def api_add_alias(request: Request, body: AliasIn) -> dict:
    return await _decide(_curate().add_alias, _db(request), body.group, body.alias,
                         _who(request, body.who), body.why)


@api.post("/alias/remove", status_code=201)
async def api_remove_alias(request: Request, body: AliasIn) -> dict:
    return await _decide(_curate().remove_alias, _db(request), body.group, body.alias,
                         _who(request, body.who), body.why)


@api.post("/merge", status_code=201)
async def api_merge(request: Request, body: MergeIn) -> dict:
    done = await _decide(_curate().merge, _db(request), body.group, body.into, body.why,
                         _who(request, body.who))
    return dict(done["decision"], merged=done["merged"], into=done["into"])


@api.post("/split", status_code=201)
async def api_split(request: Request, body: SplitIn) -> dict:
    done = await _decide(_curate().split, _db(request), body.group, _who(request, body.who), body.why)
    return dict(done["decision"], split=done["split"], **{"from": done["from"]})


@api.post("/not-a-group", status_code=201)
async def api_not_a_group(request: Request, body: NotGroupIn) -> dict:
    return await _decide(_curate().not_a_group, _db(request), body.group, body.as_type,
                         _who(request, body.who), body.why)


@api.post("/retype", status_code=201)
async def api_retype(request: Request, body: RetypeIn) -> dict:
    return await _decide(_curate().retype_fact, _db(request), body.relation, body.type, body.reverse,
                         _who(request, body.who), body.why)


@api.post("/reject", status_code=201)
async def api_reject(request: Request, body: RejectIn) -> dict:
    return await _decide(_curate().reject_fact, _db(request), body.kind, body.id,
                         _who(request, body.who), body.why)


@api.post("/undo", status_code=201)
async def api_undo(request: Request, body: UndoIn) -> dict:
    return await _decide(_curate().undo, _db(request), body.decision, _who(request, body.who), body.why)


@api.get("/log")
async def api_log(request: Request) -> list[dict]:
    """Every decision, newest first."""
    return await run_in_threadpool(_curate().history, _db(request))


# -- the pages ------------------------------------------------------------------------------------

def _back(next_url: str | None, fallback: str) -> str:
    """Where a form returns to: a path of this app only (never another site's address)."""
    if next_url and next_url.startswith("/") and not next_url.startswith("//") and "\\" not in next_url \
            and all(ord(c) > 31 for c in next_url):
        return next_url
    return fallback


def _done(url: str, decision: dict) -> RedirectResponse:
    sep = "&" if "?" in url else "?"
    return RedirectResponse(f"{url}{sep}decided={decision['id']}", status_code=303)


Text = Annotated[str | None, Form()]


@pages.get("/curation")
def log_page(request: Request, decided: int | None = None) -> HTMLResponse:
    from militantmap.web.pages import render

    rows = _curate().history(_db(request))
    for r in rows:
        r["change"] = _change(r)
    return render(request, "curation.html", title="Curation log", nav="curation", rows=rows,
                  decided=decided)


def _change(r: dict) -> str:
    """before -> after, as a person reads it."""
    before, after = r["before"], r["after"]
    if r["action"] == "rename":
        return f"{before.get('name')} → {after.get('name')}"
    if r["action"] in ("add_alias", "remove_alias"):
        return str(after.get("alias"))
    if r["action"] == "merge":
        return f"into {after.get('into_name') or after.get('merged_into')}"
    if r["action"] == "split":
        return f"off {before.get('merged_into')}"
    if r["action"] == "not_a_group":
        return f"now a {after.get('type')}"
    if r["action"] == "retype":
        turn = lambda d: f"{d.get('type')}{' (reversed)' if d.get('reversed') else ''}"
        return f"{turn(before)} → {turn(after)}"
    if r["action"] == "undo":
        return f"undoes decision {r['undoes']}"
    return ""


@pages.get("/curation.csv")
@pages.get("/curation.json")
def log_download(request: Request) -> Response:
    rows = _curate().history(_db(request))
    if request.url.path.endswith(".json"):
        return JSONResponse(rows, headers={"content-disposition": 'attachment; filename="curation.json"'})
    from militantmap.export.tables import write_rows  # cells neutralised against formula injection

    out = io.StringIO()
    write_rows([_curate().csv_row(r) for r in rows], _curate().LOG_FIELDS, out)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="curation.csv"'})


@pages.post("/curation/rename")
async def form_rename(request: Request, group: Text = None, name: Text = None, who: Text = None,
                      why: Text = None) -> RedirectResponse:
    done = await _decide(_curate().rename, _db(request), group or "", name, _who(request, who), why)
    return _done(group_url(done["target"]), done)


@pages.post("/curation/alias")
async def form_alias(request: Request, group: Text = None, alias: Text = None, action: Text = None,
                     who: Text = None, why: Text = None) -> RedirectResponse:
    fn = _curate().remove_alias if action == "remove" else _curate().add_alias
    done = await _decide(fn, _db(request), group or "", alias, _who(request, who), why)
    return _done(group_url(done["target"]), done)


@pages.post("/curation/merge")
async def form_merge(request: Request, group: Text = None, into: Text = None, who: Text = None,
                     why: Text = None) -> RedirectResponse:
    done = await _decide(_curate().merge, _db(request), group or "", into or "", why, _who(request, who))
    return _done(group_url(done["into"]["id"]), done["decision"])


@pages.post("/curation/split")
async def form_split(request: Request, group: Text = None, who: Text = None,
                     why: Text = None) -> RedirectResponse:
    done = await _decide(_curate().split, _db(request), group or "", _who(request, who), why)
    return _done(group_url(done["split"]["id"]), done["decision"])


@pages.post("/curation/not-a-group")
async def form_not_a_group(request: Request, group: Text = None, as_type: Text = None,
                           who: Text = None, why: Text = None) -> RedirectResponse:
    done = await _decide(_curate().not_a_group, _db(request), group or "", as_type or "organization",
                         _who(request, who), why)
    return _done("/curation", done)


@pages.post("/curation/retype")
async def form_retype(request: Request, relation: Text = None, type: Text = None, reverse: Text = None,
                      who: Text = None, why: Text = None) -> RedirectResponse:
    # To the log, not back: a retyped tie has another id, its old page is gone.
    done = await _decide(_curate().retype_fact, _db(request), relation or "", type or None,
                         reverse in ("1", "on", "true"), _who(request, who), why)
    return _done("/curation", done)


@pages.post("/curation/reject")
async def form_reject(request: Request, kind: Text = None, id: Text = None, who: Text = None,
                      why: Text = None, next: Text = None) -> RedirectResponse:
    # Back to an evidence page (it stays); from a tie, to the log: the tie may be gone.
    done = await _decide(_curate().reject_fact, _db(request), kind or "", id or "", _who(request, who), why)
    return _done(_back(next, "/curation"), done)


@pages.post("/curation/undo")
async def form_undo(request: Request, decision: Text = None, who: Text = None, why: Text = None,
                    next: Text = None) -> RedirectResponse:
    done = await _decide(_curate().undo, _db(request), decision or "", _who(request, who), why)
    return _done(_back(next, "/curation"), done)
