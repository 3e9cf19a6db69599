"""Server-side layout of the group network, so the browser only draws (sigma.js) and stays smooth.

Each connected component is laid out on its own with a force-directed layout, then the
components are packed on shelves, biggest first. This is quicker than one layout of the whole
graph (isolated pairs do not push the big component around) and the picture reads better: one
alliance web per island. The layout is deterministic (fixed seed, sorted input) and cached per
graph, so positions stay put while an analyst flips filters over the same store.

Issue 10: discs must not overlap. A force layout knows nothing of disc sizes, so a last pass
(`_separate`, in the spirit of graphology's noverlap) pushes apart every pair of discs that
would touch on screen when the whole picture is fitted into VIEW_PX pixels (the network page's
graph box). Labels are kept apart in the browser, which alone knows the font and the zoom.
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from functools import lru_cache

import networkx as nx

Pos = tuple[float, float]
_SEED = 7
# The fitted picture's smaller side in pixels: the graph box is 72% of the window's height
# (at least 420 px), less sigma's 30 px padding on each side. A smaller screen than the one
# assumed shows discs closer; zooming in always separates them (sizes grow slower than
# distances).
VIEW_PX = 560.0
GAP_PX = 3.0  # free pixels between two discs


def layout(nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable, float]],
           radii: dict[Hashable, float] | None = None) -> dict[Hashable, Pos]:
    """Positions (x, y) for every node; edges are (source, target, weight), direction ignored.
    `radii` are the discs' radii in screen pixels: with them, no two discs overlap when the
    picture is fitted into VIEW_PX pixels."""
    node_key = tuple(sorted(set(nodes), key=repr))
    edge_key = tuple(sorted(((a, b, float(w)) if repr(a) <= repr(b) else (b, a, float(w))
                             for a, b, w in edges), key=repr))
    radius_key = tuple(float((radii or {}).get(n, 0.0)) for n in node_key)
    return dict(_layout_cached(node_key, edge_key, radius_key))


def overlaps(pos: dict[Hashable, Pos], radii: dict[Hashable, float], view_px: float = VIEW_PX,
             gap_px: float = 0.0) -> int:
    """How many pairs of discs overlap (closer than gap_px) when the picture is fitted into
    view_px pixels: the measure `_separate` drives to zero."""
    import numpy as np
    from scipy.spatial import cKDTree

    keys = list(pos)
    if len(keys) < 2:
        return 0
    xy = np.array([pos[k] for k in keys], dtype=float)
    r = np.array([radii.get(k, 0.0) for k in keys], dtype=float)
    unit = _extent(xy) / view_px
    reach = (r + gap_px / 2) * unit
    pairs = cKDTree(xy).query_pairs(float(2 * reach.max()), output_type="ndarray")
    if not len(pairs):
        return 0
    d = np.hypot(*(xy[pairs[:, 0]] - xy[pairs[:, 1]]).T)
    return int((d < (reach[pairs[:, 0]] + reach[pairs[:, 1]]) * (1 - 1e-6)).sum())


def communities(nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable, float]]
                ) -> dict[Hashable, int]:
    """A community number per node (Louvain, fixed seed); 0 is the largest community."""
    return dict(_communities_cached(tuple(sorted(set(nodes), key=repr)), tuple(edges)))


@lru_cache(maxsize=16)
def _communities_cached(nodes: tuple, edges: tuple) -> tuple[tuple[Hashable, int], ...]:
    # cached like the layout: Louvain over thousands of groups took most of /api/graph's time,
    # and the same graph gives the same communities (fixed seed, same input order)
    graph = _graph(nodes, edges)
    found = nx.community.louvain_communities(graph, weight="weight", seed=_SEED)
    found.sort(key=lambda c: (-len(c), min(map(repr, c))))
    return tuple((node, i) for i, members in enumerate(found) for node in members)


def _graph(nodes: tuple, edges: tuple) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for a, b, w in edges:
        if a == b:
            continue
        if graph.has_edge(a, b):
            graph[a][b]["weight"] += w
        else:
            graph.add_edge(a, b, weight=w)
    return graph


@lru_cache(maxsize=16)
def _layout_cached(nodes: tuple, edges: tuple, radii: tuple) -> tuple[tuple[Hashable, Pos], ...]:
    graph = _graph(nodes, edges)
    parts = sorted((sorted(c, key=repr) for c in nx.connected_components(graph)),
                   key=lambda c: (-len(c), repr(c[0])))
    placed: dict[Hashable, Pos] = {}
    boxes = [_component_layout(graph.subgraph(part)) for part in parts]
    # Shelf packing: rows about as wide as the square root of the total area, so the picture
    # comes out roughly square whatever the mix of component sizes.
    gap = 1.0
    width = math.sqrt(sum((2 * r + gap) ** 2 for _, r in boxes)) or 1.0
    width = max(width, max((2 * r for _, r in boxes), default=1.0))
    x = y = row_height = 0.0
    for pos, radius in boxes:
        size = 2 * radius
        if x > 0 and x + size > width:
            x, y = 0.0, y + row_height + gap
            row_height = 0.0
        cx, cy = x + radius, y + radius
        for node, (px, py) in pos.items():
            # float(): ForceAtlas2 gives numpy float32, which JSON cannot encode.
            placed[node] = (round(float(cx + px), 4), round(float(-(cy + py)), 4))
        x += size + gap
        row_height = max(row_height, size)
    if any(radii):
        placed = _separate(placed, dict(zip(nodes, radii)))
    return tuple(placed.items())


def _extent(xy) -> float:
    span = xy.max(axis=0) - xy.min(axis=0)
    return float(max(span.max(), 1e-9))


def _separate(pos: dict[Hashable, Pos], radii: dict[Hashable, float], view_px: float = VIEW_PX,
              gap_px: float = GAP_PX, rounds: int = 1000) -> dict[Hashable, Pos]:
    """Push apart every pair of discs that overlap on screen, each by half the overlap along
    the line between them, until none does (noverlap's rule). The scale from layout units to
    pixels is the fitted picture's: when the pushes widen the picture, discs shrink in layout
    units, so the loop settles. Sparse pictures settle in a few rounds; a dense 2,000-group web
    (1,367 overlapping pairs after ForceAtlas2) needed about 600 rounds, ~3 s here, once per
    view (the layout is cached)."""
    import numpy as np
    from scipy.spatial import cKDTree

    keys = list(pos)
    if len(keys) < 2:
        return pos
    xy = np.array([pos[k] for k in keys], dtype=float)
    r = np.array([radii.get(k, 0.0) for k in keys], dtype=float)
    rng = np.random.default_rng(_SEED)
    for _ in range(rounds):
        unit = _extent(xy) / view_px
        reach = (r + gap_px / 2) * unit
        pairs = cKDTree(xy).query_pairs(float(2 * reach.max()), output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[j] - xy[i]
        dist = np.hypot(delta[:, 0], delta[:, 1])
        need = reach[i] + reach[j]
        hit = dist < need
        if not hit.any():
            break
        i, j, delta, dist, need = i[hit], j[hit], delta[hit], dist[hit], need[hit]
        same = dist < 1e-12  # two nodes on one spot: part them in a fixed random direction
        if same.any():
            angle = rng.uniform(0, 2 * np.pi, int(same.sum()))
            delta[same] = np.column_stack([np.cos(angle), np.sin(angle)])
            dist[same] = 1.0
        # 0.55 rather than 0.5: a little more than the overlap, so a pair is settled in one go.
        push = (delta / dist[:, None]) * ((need - np.where(same, 0.0, dist)) * 0.55)[:, None]
        moves = np.zeros_like(xy)
        np.add.at(moves, i, -push)
        np.add.at(moves, j, push)
        xy += moves
    return {k: (round(float(x), 4), round(float(y), 4)) for k, (x, y) in zip(keys, xy)}


def _component_layout(graph: nx.Graph) -> tuple[dict[Hashable, Pos], float]:
    """Positions centred on 0 and the radius of the disc they fill (grows with sqrt(size))."""
    n = graph.number_of_nodes()
    nodes = sorted(graph.nodes, key=repr)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}, 0.5
    if n == 2:
        return {nodes[0]: (-0.5, 0.0), nodes[1]: (0.5, 0.0)}, 1.0
    radius = max(1.0, math.sqrt(n) * 0.9)
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(graph.edges(data=True), key=lambda e: (repr(e[0]), repr(e[1]))))
    if n <= 400:
        raw = nx.spring_layout(ordered, seed=_SEED, weight=None, iterations=80)
    else:
        # Big webs: ForceAtlas2 (vectorised numpy) spreads hubs better and is quicker than
        # Fruchterman-Reingold's per-node loop at this size.
        raw = nx.forceatlas2_layout(ordered, seed=_SEED, max_iter=60, scaling_ratio=2.0,
                                    strong_gravity=True, distributed_action=True)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(math.hypot(p[0] - cx, p[1] - cy) for p in raw.values()), 1e-9)
    pos = {node: ((p[0] - cx) / span * radius, (p[1] - cy) / span * radius)
           for node, p in raw.items()}
    return pos, radius
