"""GraphML and GEXF: the network of groups (and, optionally, their people) for Gephi,
Cytoscape, yEd and networkx.

One node per group (id: our key), one edge per tie, keyed by the tie id, in a MultiDiGraph: two
groups can be allies in one tie and rivals in another. Symmetric ties (cooperates_with,
affiliated_with, rivals) are stored once, subject -> object in key order, with symmetric=true.
Every attribute has one type across the file and strings are "" when unknown (networkx's
writers reject None; Gephi types a column by its declaration); only role edges, for which the
store keeps no confidence, lack `confidence`.

GEXF reserves the edge attributes `type` (edge direction), `label`, `weight` and `id`, so there
the tie type is in `relation` and `label`; GraphML has it in `type`, `relation` and `label`.
"""
from __future__ import annotations

import re
from typing import IO

import networkx as nx

from militantmap.export.collect import StoreData
from militantmap.store.queries import SYMMETRIC

ALIAS_SEPARATOR = " | "


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _s(value) -> str:
    return "" if value is None else str(value)


def _xml_safe(attrs: dict) -> dict:
    """Text from articles may hold control characters that XML 1.0 cannot carry at all."""
    return {k: _NOT_XML.sub("", v) if isinstance(v, str) else v for k, v in attrs.items()}


def _group_attrs(g: dict) -> dict:
    parent = g.get("parent") or {}
    return {"label": g["name"], "type": "armed_group", "name": g["name"],
            "aliases": ALIAS_SEPARATOR.join(g.get("aliases") or []),
            "country": _s(g.get("country")), "region": _s(g.get("region")), "kb_id": _s(g.get("kb_id")),
            "parent": _s(parent.get("name")), "roles": "",
            "articles": int(g.get("articles") or 0), "ties": int(g.get("ties") or 0),
            "events": int(g.get("events") or 0),
            "first_seen": _s(g.get("first_seen")), "last_seen": _s(g.get("last_seen"))}


def _tie_attrs(t: dict) -> dict:
    return {"label": t["type"], "type": t["type"], "relation": t["type"], "kind": "tie",
            "polarity": t["polarity"], "modality": _s(t.get("modality")),
            "confidence": float(t["confidence"]), "weight": float(t["confidence"]),
            "articles": int(t["articles"]), "independent_sources": int(t["independent_sources"]),
            "denials": int(t.get("denials") or 0), "symmetric": t["type"] in SYMMETRIC,
            "first_seen": _s(t["first_seen"]), "last_seen": _s(t["last_seen"])}


def _person_attrs(p: dict) -> dict:
    roles = p["roles"]
    return {"label": p["name"], "type": "person", "name": p["name"], "aliases": "", "country": "",
            "region": "", "kb_id": "", "parent": "",
            "roles": ALIAS_SEPARATOR.join(sorted({r["role"] for r in roles})),
            "articles": len({a for r in roles for a in r["article_ids"]}), "ties": 0, "events": 0,
            "first_seen": min((r["first_seen"] for r in roles if r["first_seen"]), default=""),
            "last_seen": max((r["last_seen"] for r in roles if r["last_seen"]), default="")}


def _role_attrs(r: dict) -> dict:
    # No confidence: the store keeps none for roles (weight 1 is Gephi's default).
    return {"label": r["role"], "type": r["role"], "relation": r["role"], "kind": "role",
            "polarity": "positive", "modality": "", "weight": 1.0,
            "articles": int(r["articles"]), "independent_sources": int(r["independent_sources"]),
            "denials": 0, "symmetric": False,
            "first_seen": _s(r["first_seen"]), "last_seen": _s(r["last_seen"])}


def build_graph(data: StoreData, people: bool = False) -> nx.MultiDiGraph:
    """The export graph; `people` adds each person with a role as a node (type "person")
    and an edge person -> group per role (kind "role")."""
    graph = nx.MultiDiGraph(name="militantmap")
    for g in data.groups:
        graph.add_node(g["id"], **_xml_safe(_group_attrs(g)))

    def ensure(ref: dict) -> None:  # a group known only as the other end of a tie
        if ref["id"] not in graph:
            graph.add_node(ref["id"], **_xml_safe(_group_attrs({"name": ref["name"]})))

    for t in data.ties:
        ensure(t["subject"])
        ensure(t["object"])
        graph.add_edge(t["subject"]["id"], t["object"]["id"], key=t["id"], **_xml_safe(_tie_attrs(t)))
    if people:
        for p in data.people:
            graph.add_node(p["id"], **_xml_safe(_person_attrs(p)))
            for r in p["roles"]:
                ensure(r["group"])
                graph.add_edge(p["id"], r["group"]["id"], key=r["id"], **_xml_safe(_role_attrs(r)))
    return graph


def write_graphml(graph: nx.MultiDiGraph, out: IO[bytes]) -> None:
    # Key ids d0, d1...: named ids would repeat (nodes and edges share names such as `type`).
    nx.write_graphml(graph, out, encoding="utf-8", prettyprint=True)


def write_gexf(graph: nx.MultiDiGraph, out: IO[bytes], modified: str | None = None) -> None:
    """GEXF 1.2. networkx stamps today's date in <meta lastmodifieddate>; we write the date the
    data last changed (`modified`, the newest article) so the same store gives the same bytes."""
    gexf = graph.copy()
    for _, _, key, attrs in gexf.edges(keys=True, data=True):
        attrs.pop("type", None)  # GEXF's own `type` is the edge direction
        attrs["id"] = key        # the tie id as the edge id (networkx would number them)
    text = "\n".join(nx.generate_gexf(gexf, encoding="utf-8", prettyprint=True))
    text = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{modified or "1970-01-01"}"', text, count=1)
    out.write(b"<?xml version='1.0' encoding='utf-8'?>\n" + text.encode("utf-8") + b"\n")
