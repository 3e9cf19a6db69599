"""Between the store's query functions and the pages: view models with links, and the API's
plain JSON.

The web app reads the store only through `militantmap.store.queries` (the same functions as
the CLI's query commands, reached through `store_queries()`) and writes only through
`militantmap.store.ingest_articles` (militantmap.web.intake). A query's not-found (a plain
LookupError or NotInStore, never a KeyError) becomes NotFound (HTTP 404 with a message naming
what was asked for).
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlencode

from militantmap.errors import InputError, is_not_in_store
from militantmap.web.filters import DIRECTED_TYPES, EventFilters, TieFilters, tie_filters
from militantmap.web.security import safe_url


class NotFound(InputError):
    """Something asked for by id or name that the store does not have (HTTP 404)."""

    def __init__(self, what: str, key: str, hint: str | None = None) -> None:
        super().__init__(what, f"{key!r} is not in the store", hint)
        self.what = what
        self.key = key

    def message(self) -> str:
        return f"{self.what.capitalize()} {self.reason}"


# -- the store ------------------------------------------------------------------------------

GROUP_PAGE_ARTICLES = 100  # articles listed on a group page, newest first


def store_queries():
    """The store's query module (imported lazily: no database work at import time)."""
    from militantmap.store import queries

    return queries


# Cached: the network view links thousands of groups and ties on every call, and quote() cost
# a third of its time.
@lru_cache(maxsize=65536)
def group_url(group_id: str) -> str:
    return "/groups/" + quote(str(group_id), safe="")


def evidence_url(evidence_id: object) -> str | None:
    return None if evidence_id is None else "/evidence/" + quote(str(evidence_id), safe="")


@lru_cache(maxsize=65536)
def tie_url(tie_id: object) -> str:
    return "/ties/" + quote(str(tie_id), safe="")


def event_url(event_id: object) -> str:
    return "/events/" + quote(str(event_id), safe="")


def _ref(group: dict | str | None) -> dict | None:
    """A group as the templates link it: {id, name, url}."""
    if group is None:
        return None
    if isinstance(group, str):
        return {"id": group, "name": group, "url": group_url(group)}
    gid = str(group.get("id") or group.get("name") or "")
    return {"id": gid, "name": group.get("name") or gid, "url": group_url(gid)}


def _call(fn_name: str, *args: object, what: str = "", key: str = "", **kwargs: object):
    """Call a store query; its 'not found' becomes our NotFound (HTTP 404)."""
    fn = getattr(store_queries(), fn_name)
    try:
        return fn(*args, **kwargs)
    except LookupError as err:
        # Only the store's own "not found": a KeyError is a bug (or a race), a 500 that shows
        # in the log, never a false "not in the store" (issue 11).
        if not is_not_in_store(err):
            raise
        raise NotFound(what or fn_name, key) from None


# groups ------------------------------------------------------------------------------------

def groups_list(db_url: str) -> list[dict]:
    rows = []
    for g in store_queries().list_groups(db_url):
        row = dict(g)
        row["url"] = group_url(g["id"])
        row.setdefault("aliases", [])
        row.setdefault("ties", g.get("ties", ""))
        row.setdefault("events", g.get("events", ""))
        rows.append(row)
    return rows


def group_detail(db_url: str, key: str) -> dict:
    g = _call("get_group", db_url, key, what="group", key=key, articles_limit=GROUP_PAGE_ARTICLES)
    gid = g["id"]
    ties = []
    for t in g.get("ties", []):
        outgoing = t["subject"]["id"] == gid
        other = t["object"] if outgoing else t["subject"]
        symmetric = t["type"] not in DIRECTED_TYPES
        ties.append(dict(t, other=_ref(other), url=tie_url(t["id"]),
                         sources=t.get("independent_sources", t.get("articles")),
                         direction="sym" if symmetric else ("out" if outgoing else "in")))
    ties.sort(key=lambda t: (t.get("polarity") == "negated", -(t.get("confidence") or 0)))
    events = [_event_row(e) for e in g.get("events", [])]
    people = [dict(p, evidence_url=evidence_url(p.get("evidence_id")),
                   search_url="/search?" + urlencode([("q", p.get("name") or "")]))
              for p in g.get("people", [])]
    # the newest articles only (the store reads no more): the best-covered groups are in tens
    # of thousands (issue 9: their page stays fast); the API's group answer lists every one
    articles = [dict(a, url=evidence_url(f"article:{a['id']}"))
                for a in g.get("articles_list", [])[:GROUP_PAGE_ARTICLES]]
    with_article_names(db_url, articles)
    group = {"id": gid, "name": g["name"], "aliases": g.get("aliases", []),
             "parents": [_ref(p) for p in _as_list(g.get("parent"))],
             "factions": [_ref(f) for f in g.get("factions", [])],
             "countries": g.get("countries") or ([g["country"]] if g.get("country") else []),
             "articles": g.get("articles", len(articles)), "first_seen": g.get("first_seen"),
             "merged": g.get("merged", []),
             "last_seen": g.get("last_seen")}
    return {"group": group, "ties": ties, "people": people, "events": events,
            "articles": articles}


def group_timeline(db_url: str, key: str) -> list[dict]:
    """Everything dated about a group (events, ties, roles), oldest first, each with its evidence."""
    items = _call("timeline", db_url, key, what="group", key=key)
    rows = [dict(item, kind=item.get("kind") or "event",
                 evidence_url=evidence_url(item.get("evidence_id")),
                 tie_url=tie_url(item["tie_id"]) if item.get("tie_id") else None)
            for item in items]
    # Dated first, oldest first; what has no date goes after, not before 1900.
    return sorted(rows, key=lambda r: (r.get("date") is None, r.get("date") or ""))


def _as_list(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


# ties --------------------------------------------------------------------------------------

def tie_detail(db_url: str, tie_id: str) -> dict:
    t = _call("tie", db_url, tie_id, what="tie", key=tie_id)
    tie = dict(t, subject=_ref(t["subject"]), object=_ref(t["object"]),
               sources=t.get("independent_sources", t.get("articles")))
    evidence = []
    for item in t.get("evidence", []):
        art = item.get("article") or {}
        attribution = item.get("attribution") or {}
        evidence.append({"sentence": item["sentence"], "url": evidence_url(item["id"]),
                         "relation_id": item.get("relation_id"),  # for the curation forms
                         "polarity": item.get("polarity"), "modality": item.get("modality"),
                         "attribution": attribution.get("text") if isinstance(attribution, dict)
                         else attribution,
                         "article": dict(art), "published": art.get("published"),
                         "publisher": art.get("publisher"), "grade": art.get("grade") or "F"})
    with_article_names(db_url, [e["article"] for e in evidence])
    return {"tie": tie, "evidence": evidence}


# events ------------------------------------------------------------------------------------

def _event_row(e: dict) -> dict:
    from militantmap.web.charts import type_class

    row = dict(e)
    row["perpetrators"] = [_ref(p) for p in e.get("perpetrators", [])]
    row["claimed_by"] = [_ref(p) for p in e.get("claimed_by", [])]
    row["concerns"] = [_ref(p) for p in e.get("concerns", [])]
    row["url"] = event_url(e["id"]) if e.get("id") else None
    row["type_class"] = type_class(e.get("type"))
    row["evidence_url"] = evidence_url(e.get("evidence_id"))
    # Reports disagree on tolls: show the range the sources give, not one number picked.
    row["killed_text"] = _toll(e.get("killed"), e.get("killed_min"), e.get("killed_max"))
    row["wounded_text"] = _toll(e.get("wounded"), e.get("wounded_min"), e.get("wounded_max"))
    place = ", ".join(x for x in (e.get("location"), e.get("country")) if x)
    who = ", ".join(p["name"] for p in row["perpetrators"])
    row["title"] = " · ".join(x for x in (e.get("date"), e.get("type", "").replace("_", " "),
                                          place, who) if x)
    if e.get("location") or e.get("country"):
        query = [("country", e["country"])] if e.get("country") else []
        if e.get("location"):
            query.append(("place", e["location"]))
        row["place_url"] = "/events?" + urlencode(query)
    return row


def _toll(value: object, low: object, high: object) -> str:
    if isinstance(low, int) and isinstance(high, int) and low != high:
        return f"{low}–{high}"
    for candidate in (value, low, high):
        if isinstance(candidate, int):
            return str(candidate)
    return ""


def events_matching(db_url: str, filters: EventFilters) -> tuple[list[dict], int]:
    """The events that match, as the store query gives them, and how many undated events the
    date filter left out (issue 10: never silently)."""
    rows = _call("events", db_url, group=filters.group, country=filters.country,
                 since=filters.since, until=filters.until, include_undated=True,
                 type=filters.type or None, place=filters.place or None,
                 what="group", key=filters.group or "")
    from militantmap.store.select import pick_events

    rows = pick_events(rows, filters.type, filters.place)
    return store_queries().split_undated(rows, filters.dated(), filters.include_undated)


def event_rows(events: list[dict]) -> list[dict]:
    """Events as rows of the events table, newest first."""
    out = [_event_row(e) for e in events]
    out.sort(key=lambda r: r.get("date") or "", reverse=True)
    return out


# evidence ----------------------------------------------------------------------------------

def evidence_detail(db_url: str, evidence_id: str) -> dict:
    item = _call("evidence", db_url, evidence_id, what="evidence", key=evidence_id)
    art = dict(item.get("article") or {})
    text = art.get("text") or ""
    start, end = item.get("start"), item.get("end")
    sentence = item.get("sentence") or ""
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
            and text[start:end] == sentence):
        # Offsets that do not point at the sentence (e.g. text re-cleaned): find it instead.
        found = text.find(sentence) if sentence else -1
        start, end = (found, found + len(sentence)) if found >= 0 else (len(text), len(text))
    art["safe_url"] = safe_url(art.get("url"))
    with_article_names(db_url, [art])
    view = dict(_hedging_view(item), sentence=sentence)
    fact = item.get("fact")
    if isinstance(fact, str):
        fact = {"kind": None, "text": fact}
    if isinstance(fact, dict) and fact.get("tie_id"):
        fact = dict(fact, url=tie_url(fact["tie_id"]))  # the tie with all its other sentences
    # Every fact of the sentence with its own hedging: a role named in a sentence a spokesman
    # speaks is the outlet's, while the tie he states is his.
    facts = [dict(f, **_hedging_view(f), url=tie_url(f["tie_id"]) if f.get("tie_id") else None)
             for f in item.get("facts") or [] if isinstance(f, dict)]
    article_facts = []
    if not sentence and art.get("id") is not None:
        from militantmap.store.provenance import article_facts as facts_of

        for f in facts_of(db_url, int(art["id"])):
            url = tie_url(f["tie_id"]) if f.get("tie_id") else (
                event_url(f["event_id"]) if f.get("event_id") else None)
            article_facts.append(dict(f, url=url, evidence_url=evidence_url(f["evidence_id"])))
    return {"item": view, "article": art, "fact": fact, "facts": facts,
            "evidence_id": item.get("id"), "rejected_facts": item.get("rejected_facts") or [],
            "sentence_rejected": item.get("rejected"),
            "article_facts": article_facts,
            "before": text[:start], "highlighted": text[start:end], "after": text[end:]}


def with_article_names(db_url: str, arts: list[dict]) -> None:
    """Title (or a stand-in, marked), outlet and a link for each article dict (in place)."""
    from militantmap.store.provenance import article_names

    names = article_names(db_url, [a["id"] for a in arts if isinstance(a.get("id"), int)])
    for a in arts:
        if isinstance(a.get("id"), int):
            a.update(names.get(a["id"], {}))
            a["page_url"] = evidence_url(f"article:{a['id']}")


def _hedging_view(item: dict) -> dict:
    """Polarity, modality and attribution (text and kind) as the evidence page shows them."""
    attribution = item.get("attribution") or {}
    return {"polarity": item.get("polarity"), "modality": item.get("modality"),
            "attribution": attribution.get("text") if isinstance(attribution, dict) else attribution,
            "attribution_kind": attribution.get("kind") if isinstance(attribution, dict) else None}


# search ------------------------------------------------------------------------------------

def did_you_mean(db_url: str, q: str) -> list[str]:
    """Group names, countries and places close to a query that found nothing."""
    from militantmap.store.suggest import did_you_mean as near

    out: list[str] = []
    for kind in ("group", "country", "place"):
        out += [n for n in near(db_url, kind, q) if n not in out]
    return out[:5]


def place_suggestions(db_url: str, filters: EventFilters) -> dict[str, list[str]]:
    """For an events filter that matched nothing: the countries and places it may have meant."""
    from militantmap.store.suggest import did_you_mean as near

    out = {}
    for kind, value in (("country", filters.country), ("place", filters.place)):
        if value:
            close = near(db_url, kind, value)
            if close:
                out[kind] = close
    return out


def search_all(db_url: str, q: str) -> dict:
    found = store_queries().search(db_url, q)
    groups = [dict(g, url=group_url(g["id"])) for g in found.get("groups", [])]
    people = []
    for p in found.get("people", []):
        roles = [dict(r, group=_ref(r.get("group")), evidence_url=evidence_url(r.get("evidence_id")))
                 for r in p.get("roles", [])]
        people.append(dict(p, roles=roles))
    places = []
    for p in found.get("places", []):
        query = ([("country", p["country"])] if p.get("country") else []) + (
            [("place", p["name"])] if p.get("name") != p.get("country") else [])
        places.append(dict(p, url="/events?" + urlencode(query)))
    suggestions = [] if groups or people or places else [
        {"name": n, "url": "/search?" + urlencode({"q": n})} for n in did_you_mean(db_url, q)]
    return {"groups": groups, "people": people, "places": places, "did_you_mean": suggestions}


def api_groups(db_url: str) -> list[dict]:
    return store_queries().list_groups(db_url)


def api_group(db_url: str, key: str) -> dict:
    return _call("get_group", db_url, key, what="group", key=key)


def api_ties(db_url: str, group: str | None, types: list[str] | None, since: str | None,
             until: str | None, min_confidence: float, include_undated: bool = False,
             modality: str | None = None, polarity: str | None = None) -> tuple[list[dict], int]:
    """The ties that match, and how many undated ties the date filter left out."""
    return ties_matching(db_url, tie_filters(group, types, since, until, str(min_confidence),
                                             modality, "1" if include_undated else None, polarity))


def ties_matching(db_url: str, filters: TieFilters) -> tuple[list[dict], int]:
    """The ties that match (the API's, the ties page's and its downloads'), strongest first,
    and how many undated ties the date filter left out."""
    from militantmap.store.select import pick_ties

    # the group's id only (its whole page, with every article, is not needed here)
    gid = _call("group_id", db_url, filters.group, what="group", key=filters.group) if filters.group else None
    ties = store_queries().all_ties(db_url, min_confidence=filters.min_confidence,
                                    types=filters.types or None, since=filters.since,
                                    until=filters.until, include_undated=True)
    ties = pick_ties(ties, None, filters.modality, gid, filters.polarity)
    return store_queries().split_undated(ties, filters.dated(), filters.include_undated)


def tie_rows(ties: list[dict]) -> list[dict]:
    """Ties as rows of the ties table: flat columns to sort on, links to follow."""
    out = []
    for t in ties:
        out.append(dict(t, url=tie_url(t["id"]), subject=_ref(t["subject"]), object=_ref(t["object"]),
                        subject_name=t["subject"]["name"], object_name=t["object"]["name"],
                        sources=t.get("independent_sources", t.get("articles"))))
    return out


def api_tie(db_url: str, tie_id: str) -> dict:
    return _call("tie", db_url, tie_id, what="tie", key=tie_id)


def api_timeline(db_url: str, key: str) -> list[dict]:
    return _call("timeline", db_url, key, what="group", key=key)


def api_events(db_url: str, filters: EventFilters) -> tuple[list[dict], int]:
    """The events that match, and how many undated events the date filter left out."""
    return events_matching(db_url, filters)


def events_window(db_url: str, filters: EventFilters, count: int) -> tuple[list[dict], int, int]:
    """The first `count` events that match in the store's order (newest first), how many
    match in all, and how many undated ones the date filter left out."""
    return api_events_page(db_url, filters, count, 0)


def api_events_page(db_url: str, filters: EventFilters, limit: int | None, offset: int
                    ) -> tuple[list[dict], int, int]:
    """One page of the events that match (only the page is built), how many match in all,
    and how many undated events the date filter left out."""
    return _call("events_page", db_url, group=filters.group, country=filters.country,
                 since=filters.since, until=filters.until, include_undated=filters.include_undated,
                 type=filters.type or None, place=filters.place or None, limit=limit, offset=offset,
                 what="group", key=filters.group or "")


def event_detail(db_url: str, event_id: str) -> dict:
    """One incident and every source's account of it, for the event page."""
    e = _call("event", db_url, event_id, what="event", key=event_id)
    row = _event_row(e)
    row["reports"] = [dict(r, perpetrators=[_ref(p) for p in r.get("perpetrators", [])],
                           evidence_url=evidence_url(r.get("evidence_id")),
                           who=(r.get("attribution") or {}).get("text") if isinstance(r.get("attribution"), dict) else None)
                      for r in e.get("reports", [])]
    for r in row["reports"]:
        if isinstance(r.get("article"), dict):
            r["article"] = dict(r["article"])
    with_article_names(db_url, [r["article"] for r in row["reports"] if isinstance(r.get("article"), dict)])
    return row


def api_event(db_url: str, event_id: str) -> dict:
    return _call("event", db_url, event_id, what="event", key=event_id)


def api_evidence(db_url: str, evidence_id: str) -> dict:
    return _call("evidence", db_url, evidence_id, what="evidence", key=evidence_id)


def api_search(db_url: str, q: str) -> dict:
    found = store_queries().search(db_url, q)
    if not any(found.get(k) for k in ("groups", "people", "places")):
        found = dict(found, did_you_mean=did_you_mean(db_url, q))
    return found
