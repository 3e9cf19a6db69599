"""Issue 4: the network layout is computed on the server; the map and timeline are drawn there."""
from __future__ import annotations

import json
import math
import time

import networkx as nx
import pytest

from militantmap.web.basemap import HEIGHT, WIDTH, country_centre, load_basemap, project
from militantmap.web.charts import map_markers, parse_partial_date, timeline
from militantmap.web.layout import communities, layout


def _two_cliques_and_a_pair():
    a = [f"a{i}" for i in range(6)]
    b = [f"b{i}" for i in range(6)]
    edges = [(x, y, 1.0) for grp in (a, b) for i, x in enumerate(grp) for y in grp[i + 1:]]
    edges.append(("a0", "b0", 1.0))
    edges.append(("p", "q", 1.0))
    return a + b + ["p", "q", "lonely"], edges


def test_layout_places_every_node_deterministically():
    nodes, edges = _two_cliques_and_a_pair()
    first = layout(nodes, edges)
    second = layout(list(reversed(nodes)), list(reversed(edges)))
    assert set(first) == set(nodes)
    assert first == second
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())


def test_layout_keeps_components_apart_and_neighbours_close():
    nodes, edges = _two_cliques_and_a_pair()
    pos = layout(nodes, edges)

    def dist(u, v):
        return math.dist(pos[u], pos[v])

    # The pair p-q is its own island: farther from the cliques than clique members are apart.
    inside = max(dist(f"a{i}", f"a{j}") for i in range(6) for j in range(6))
    assert dist("p", "q") < dist("p", "a3")
    assert min(dist("p", n) for n in nodes if n[0] in "ab") > dist("p", "q")
    assert inside < max(dist("lonely", n) for n in nodes)


def test_communities_separate_two_cliques():
    nodes, edges = _two_cliques_and_a_pair()
    found = communities(nodes, edges)
    assert len({found[f"a{i}"] for i in range(6)}) == 1
    assert found["a1"] != found["b1"]
    assert found["p"] == found["q"] != found["a1"]


def test_two_thousand_groups_lay_out_in_seconds():
    big = nx.barabasi_albert_graph(1200, 2, seed=3)
    edges = [(f"g{a}", f"g{b}", 1.0) for a, b in big.edges]
    edges += [(f"g{i}", f"g{i + 1}", 1.0) for i in range(1200, 2000, 2)]
    started = time.perf_counter()
    pos = layout([f"g{i}" for i in range(2000)], edges)
    assert len(pos) == 2000
    assert time.perf_counter() - started < 30
    # Plain floats: the API sends them as JSON (numpy floats from ForceAtlas2 would not encode).
    assert all(type(x) is float and type(y) is float for x, y in pos.values())
    json.dumps(pos.popitem())


def test_projection_keeps_the_world_inside_the_map():
    west_x, _ = project(0, -180)
    east_x, _ = project(0, 180)
    _, north_y = project(84, 0)
    _, south_y = project(-57, 0)
    assert west_x == pytest.approx(0, abs=1) and east_x == pytest.approx(WIDTH, abs=1)
    assert north_y == pytest.approx(0, abs=1) and south_y == pytest.approx(HEIGHT, abs=1)
    # North is up, east is right.
    assert project(40, 10)[1] < project(10, 10)[1] and project(0, 20)[0] > project(0, 10)[0]


@pytest.fixture(scope="module")
def basemap():
    base = load_basemap()
    if base is None:
        pytest.skip("needs the npm package world-atlas: run `make web-assets`")
    return base


def test_base_map_is_plain_svg_of_countries(basemap):
    assert basemap.svg.startswith("<svg") and "<script" not in basemap.svg.lower()
    assert basemap.svg.count("<path") > 150
    assert 'data-country="Pakistan"' in basemap.svg


@pytest.mark.parametrize("name,lat,lon", [("Pakistan", 30, 70), ("Nigeria", 9, 8),
                                          ("DR Congo", -3, 23), ("the United States", 39, -98),
                                          ("Syria", 35, 38), ("Somalia", 6, 46)])
def test_country_markers_sit_on_their_country(basemap, name, lat, lon):
    centre = country_centre(basemap, name)
    expected = project(lat, lon)
    assert centre is not None
    assert math.dist(centre, expected) < 40  # pixels on a 960-wide world


def test_events_at_one_place_share_a_marker_and_unknown_places_are_counted(basemap):
    events = [
        {"type": "attack", "lat": 30.18, "lon": 66.99, "location": "Quetta",
         "evidence_url": "/evidence/1", "place_url": "/events?place=Quetta"},
        {"type": "attack", "lat": 30.18, "lon": 66.99, "location": "Quetta",
         "evidence_url": "/evidence/2", "place_url": "/events?place=Quetta"},
        {"type": "arrest", "country": "Nigeria", "evidence_url": "/evidence/3"},
        {"type": "ban", "country": "Atlantis", "evidence_url": "/evidence/4"},
    ]
    markers, unplaced = map_markers(basemap, events)
    assert unplaced == 1
    assert len(markers) == 2
    quetta = next(m for m in markers if not m["country_level"])
    assert quetta["url"] == "/events?place=Quetta" and quetta["r"] > 3
    nigeria = next(m for m in markers if m["country_level"])
    assert nigeria["url"] == "/evidence/3" and nigeria["type_class"] == "arrest"


def test_timeline_orders_dots_by_date_and_counts_undated():
    events = [{"type": "attack", "date": "2016-10-24", "evidence_url": "/e/1"},
              {"type": "arrest", "date": "2015", "evidence_url": "/e/2"},
              {"type": "attack", "date": "2016-03", "evidence_url": "/e/3"},
              {"type": "ban", "date": None, "evidence_url": "/e/4"}]
    chart = timeline(events)
    assert chart["undated"] == 1
    xs = {d["url"]: d["x"] for d in chart["dots"]}
    assert xs["/e/2"] < xs["/e/3"] < xs["/e/1"]
    assert all(chart["left"] <= x <= chart["right"] for x in xs.values())
    assert [r["label"] for r in chart["rows"]] == ["attack", "arrest"]
    assert chart["ticks"]


def test_partial_dates():
    assert parse_partial_date("2016").year == 2016
    assert parse_partial_date("2016-10").month == 10
    assert parse_partial_date("2016-02-30") is None
    assert parse_partial_date(None) is None


def test_discs_never_overlap_once_separated():
    """Issue 10: the spring layout alone packs a star's leaves disc on disc; the overlap pass
    leaves no two discs touching on a picture fitted into the graph box."""
    from militantmap.web.layout import layout, overlaps

    nodes = ["hub"] + [f"leaf{i}" for i in range(60)] + ["a", "b", "c"]
    edges = [("hub", f"leaf{i}", 1.0) for i in range(60)] + [("a", "b", 1.0), ("b", "c", 1.0)]
    radii = {n: 40.0 if n == "hub" else 30.0 for n in nodes}
    assert overlaps(layout(nodes, edges), radii) > 0
    separated = layout(nodes, edges, radii)
    assert overlaps(separated, radii, gap_px=2.0) == 0
    assert set(separated) == set(nodes)
    assert layout(nodes, edges, radii) == separated  # deterministic (and cached)
