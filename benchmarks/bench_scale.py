"""Queries at scale (issue 9, item 7; issue 10's 300 ms target): a store of N synthetic articles
(default 100,000), and the p50/p95 of the store's query functions and of the web app's pages
and API over it.

The store is built by writing synthetic extraction records (the format of
../shared/extraction-format.md) through the store's own writer (`store.writer.insert_article`:
entity resolution, aliases, incident merging, evidence), so it has the shape a real ingest
gives, without a parse. The counts and skew are chosen to look like a news feed about armed
groups: the gazetteer's 1,309 groups plus discovered ones drawn Zipf-like (a few groups are in
thousands of articles, most in a handful), a fixed web of true ties that articles report again
and again (some hedged, some denied, some attributed), leaders and spokesmen, events over ten
years with several reports per incident, places and tolls, a few dozen outlets, and a share of
articles stored as read but not relevant (the prefilter's).

    python benchmarks/bench_scale.py                     # build /tmp/militantmap-scale-100000.db once, measure
    python benchmarks/bench_scale.py -n 20000 --json
    python benchmarks/bench_scale.py --compare before.json after.json   # a markdown table
    militantmap bench --scale 100000                     # the same, from the CLI

The store is kept (its path is printed) and reused by the next run with the same N.
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import itertools
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

SEED = 20260
START = dt.date(2015, 1, 1)
DAYS = 11 * 365
BATCH = 500  # articles per transaction: one commit (one fsync) per batch, not per article

OUTLETS = ["Reuters", "Associated Press", "AFP", "VOA", "BBC", "Al Jazeera", "Dawn", "The Hindu",
           "Daily Nation", "Premium Times", "Kabul Now", "Rudaw", "The National", "Arab News",
           "Anadolu", "Xinhua", "Garowe Online", "Sahara Reporters", "Le Monde", "El Universal",
           "Express Tribune", "Hiiraan", "The Long War Journal", "Radio Free Europe", "Dhaka Tribune",
           "Irrawaddy", "Rappler", "Jakarta Post", "Punch", "The East African", "Asharq Al-Awsat",
           "Khaama Press", "Shabelle", "Daily Star", "Geo News", "Al-Monitor", "Kurdistan24",
           "The Citizen", "Mail & Guardian", "Caracol"]
FIRST = ["Abu", "Mohammed", "Ahmad", "Ali", "Omar", "Hassan", "Ibrahim", "Yusuf", "Khalid", "Abdul",
         "Musa", "Ismail", "Hamza", "Bilal", "Tariq", "Jamal", "Salim", "Idris", "Karim", "Rashid"]
LAST = ["Rahman", "Khan", "Haqqani", "al-Masri", "Shekau", "Barnawi", "Mansour", "Baghdadi",
        "Noor", "Aziz", "Qureshi", "Farouk", "Diallo", "Kone", "Traore", "Osman", "Warsame",
        "Sheikh", "Latif", "Zaman", "Hakimi", "Yousafzai", "Afridi", "Mehsud", "Wazir"]
EVENT_TYPES = ["attack"] * 60 + ["military_operation"] * 15 + ["arrest"] * 12 + \
    ["leader_killed"] * 8 + ["ban"] * 5
TIE_TYPES = ["cooperates_with"] * 30 + ["affiliated_with"] * 20 + ["rivals"] * 20 + \
    ["allegiance_to"] * 12 + ["faction_of"] * 10 + ["supports"] * 8
ROLE_TYPES = ["leader"] * 30 + ["spokesperson"] * 25 + ["commander"] * 25 + ["founder"] * 5 + \
    ["deputy_leader"] * 10 + ["member"] * 5
MODALITIES = ["asserted"] * 60 + ["reported"] * 30 + ["speculated"] * 6 + ["planned"] * 4
ATTRIBUTIONS = [None] * 55 + [("officials said", "anonymous_official")] * 15 + \
    [("a spokesman for the group", "group_spokesperson")] * 10 + \
    [("the interior minister", "named_official")] * 10 + [("local media", "other_media")] * 10


def _zipf(n: int, s: float = 1.1) -> list[float]:
    """Cumulative Zipf weights over ranks 1..n, for bisect draws."""
    return list(itertools.accumulate(1 / (r ** s) for r in range(1, n + 1)))


class _World:
    """The fixed population the articles talk about: groups, their people, places, true ties."""

    def __init__(self, rng: random.Random, discovered: int = 1500) -> None:
        from militantmap.nlp.gazetteer import get_gazetteer

        places = json.loads((Path(__file__).resolve().parents[1] / "src" / "militantmap" / "data"
                             / "places.json").read_text(encoding="utf-8"))
        self.places: dict[str, list[dict]] = {}
        for p in places["places"]:
            if p.get("country") and p.get("lat") is not None:
                self.places.setdefault(p["country"], []).append(p)
        centroids = places["countries"]
        countries = sorted(self.places)
        gaz = sorted(get_gazetteer(), key=lambda e: e.id)
        self.groups: list[dict] = []
        for e in gaz:
            aliases = [a for a in e.aliases if a != e.name][:3]
            self.groups.append({"name": e.name, "kb_id": e.id, "aliases": aliases,
                                "country": e.country if e.country in centroids else rng.choice(countries)})
        words = ["Brigade", "Front", "Battalion", "Movement", "Army", "Martyrs", "Lions", "Shield"]
        for i in range(discovered):
            place = rng.choice(countries)
            self.groups.append({"name": f"{rng.choice(LAST)} {rng.choice(words)} {i + 1}", "kb_id": None,
                                "aliases": [], "country": place})
        rng.shuffle(self.groups)  # rank (popularity) independent of the alphabet
        self.cum = _zipf(len(self.groups))
        self.centroids = centroids
        for rank, g in enumerate(self.groups):
            g["rank"] = rank
            g["people"] = [f"{rng.choice(FIRST)} {rng.choice(LAST)} {rank}-{k}"
                           for k in range(1 + max(0, 6 - rank // 50) + rng.randrange(2))]
        # true ties: popular groups have many partners, in their own country mostly
        self.ties: list[tuple[int, int, str]] = []
        seen = set()
        while len(self.ties) < 2 * len(self.groups):
            a = self.pick(rng)
            b = self.pick(rng) if rng.random() < 0.5 else rng.randrange(len(self.groups))
            if a == b or (a, b) in seen or (b, a) in seen:
                continue
            seen.add((a, b))
            self.ties.append((a, b, rng.choice(TIE_TYPES)))
        self.ties_of: dict[int, list[int]] = {}
        for i, (a, b, _) in enumerate(self.ties):
            self.ties_of.setdefault(a, []).append(i)
            self.ties_of.setdefault(b, []).append(i)

    def pick(self, rng: random.Random) -> int:
        return bisect.bisect_left(self.cum, rng.random() * self.cum[-1])

    def place(self, rng: random.Random, country: str) -> dict:
        if country in self.places and rng.random() < 0.85:
            p = rng.choice(self.places[country])
            return {"name": p["name"], "country": country, "lat": p["lat"], "lon": p["lon"]}
        lat, lon = self.centroids[country]
        return {"name": country, "country": country, "lat": lat, "lon": lon}


def synthetic_extraction(world: _World, rng: random.Random, index: int,
                         recent: list[dict]) -> tuple[dict, str]:
    """One article's extraction record (extraction-format.md) and its status."""
    published = START + dt.timedelta(days=rng.randrange(DAYS)) if rng.random() < 0.93 else None
    outlet = OUTLETS[bisect.bisect_left(_OUTLET_CUM, rng.random() * _OUTLET_CUM[-1])]
    art = {"id": f"scale-{index}", "url": f"https://news.example.org/{index}", "title": None,
           "publisher": outlet, "published": published.isoformat() if published else None,
           "lang": "en", "removed": []}
    if rng.random() < 0.3:  # read by the prefilter, nothing to extract
        art["title"] = f"Market report {index}"
        art["text"] = f"Markets were calm on day {index}. Trade volumes rose slightly."
        return _record(art, [], [], [], []), "not_relevant"
    sentences: list[str] = []
    offset = 0

    def say(text: str) -> dict:
        nonlocal offset
        start = offset
        sentences.append(text)
        offset += len(text) + 1
        return {"start": start, "end": start + len(text), "sentence": text}

    n_groups = 1 + (rng.random() < 0.45) + (rng.random() < 0.15) + (rng.random() < 0.05)
    picked: list[int] = []
    while len(picked) < n_groups:
        g = world.pick(rng)
        if rng.random() < 0.5 and g in world.ties_of and len(picked) < n_groups - 1:
            a, b, _ = world.ties[rng.choice(world.ties_of[g])]  # its partner tends to be named too
            for x in (g, b if a == g else a):
                if x not in picked:
                    picked.append(x)
        elif g not in picked:
            picked.append(g)
    picked = picked[:n_groups]
    groups = [world.groups[g] for g in picked]
    art["title"] = f"{groups[0]['name']} news, item {index}"
    say(f"Report {index} from {outlet}.")
    ents: list[dict] = []
    local: dict[str, str] = {}
    for g in groups:
        eid = f"e{len(ents) + 1}"
        surface = g["aliases"][0] if g["aliases"] and rng.random() < 0.3 else g["name"]
        ev = say(f"{surface} was mentioned in the report.")
        ents.append({"id": eid, "name": g["name"], "type": "armed_group", "kb_id": g["kb_id"],
                     "aliases": [surface], "mentions": [[ev["start"], ev["start"] + len(surface)]]})
        local[g["name"]] = eid
    relations, roles, events = [], [], []
    tie_ids = {i for g in picked for i in world.ties_of.get(g, [])}
    for i in sorted(tie_ids):
        a, b, type_ = world.ties[i]
        if a in picked and b in picked and rng.random() < 0.7:
            ga, gb = world.groups[a], world.groups[b]
            negated = rng.random() < 0.05
            att = rng.choice(ATTRIBUTIONS)
            verb = type_.replace("_", " ")
            ev = say(f"{ga['name']} {'does not ' if negated else ''}{verb} {gb['name']}, "
                     f"{att[0] if att else 'the report said'} in item {index}.")
            relations.append({"subject": local[ga["name"]], "type": type_, "object": local[gb["name"]],
                              "polarity": "negated" if negated else "positive",
                              "modality": rng.choice(MODALITIES),
                              "attribution": {"text": att[0], "kind": att[1], "entity": None} if att else None,
                              "confidence": round(rng.uniform(0.4, 0.9), 2), "evidence": ev})
    if rng.random() < 0.3:
        g = groups[0]
        k = min(int(rng.expovariate(1.0)), len(g["people"]) - 1)
        person = g["people"][k]
        role = ROLE_TYPES[(g["rank"] + k) % len(ROLE_TYPES)]
        ev = say(f"{person}, the {role.replace('_', ' ')} of {g['name']}, spoke on item {index}.")
        pid = f"e{len(ents) + 1}"
        ents.append({"id": pid, "name": person, "type": "person", "kb_id": None, "aliases": [person],
                     "mentions": [[ev["start"], ev["start"] + len(person)]]})
        roles.append({"person": pid, "role": role, "group": local[g["name"]], "modality": rng.choice(MODALITIES),
                      "attribution": None, "evidence": ev})
    for _ in range((rng.random() < 0.65) + (rng.random() < 0.15)):
        if recent and rng.random() < 0.35:  # another outlet's report of a recent incident
            base = rng.choice(recent)
            etype, date, loc, who = base["type"], base["date"], base["location"], base["who"]
            who = [w for w in who if w in picked] or [picked[0]]
        else:
            etype = rng.choice(EVENT_TYPES)
            g = groups[0]
            loc = world.place(rng, g["country"]) if rng.random() < 0.9 else None
            day = (published or START + dt.timedelta(days=rng.randrange(DAYS))) - dt.timedelta(days=rng.randrange(4))
            date = day.isoformat() if rng.random() < 0.85 else (day.isoformat()[:7] if rng.random() < 0.5 else None)
            who = [picked[0]] + ([picked[1]] if len(picked) > 1 and rng.random() < 0.2 else [])
            recent.append({"type": etype, "date": date, "location": loc, "who": who})
            if len(recent) > 300:
                del recent[: len(recent) - 300]
        names = [world.groups[w]["name"] for w in who]
        killed = rng.choice([None, None, rng.randrange(1, 12), rng.randrange(1, 80)]) if etype in (
            "attack", "military_operation") else None
        where = f" in {loc['name']}" if loc else ""
        ev = say(f"{names[0]} carried out a {etype.replace('_', ' ')}{where}"
                 f"{f', killing {killed}' if killed else ''}, item {index}.")
        if loc and loc["name"] not in local:
            lid = f"e{len(ents) + 1}"
            ents.append({"id": lid, "name": loc["name"], "type": "location", "kb_id": None,
                         "aliases": [loc["name"]], "mentions": [[ev["start"], ev["start"] + 1]]})
            local[loc["name"]] = lid
        ids = [local[n] for n in names]
        concerns = etype in ("arrest", "ban", "leader_killed")
        att = rng.choice(ATTRIBUTIONS)
        events.append({"type": etype, "date": date, "date_text": date,
                       "location": loc, "perpetrators": [] if concerns else ids,
                       "claimed_by": ids[:1] if not concerns and rng.random() < 0.2 else [],
                       "concerns": ids if concerns else [], "target": "a checkpoint" if etype == "attack" else None,
                       "killed": {"value": killed, "qualifier": "exact", "text": str(killed)} if killed else None,
                       "wounded": {"value": killed * 2, "qualifier": "about", "text": str(killed * 2)}
                       if killed and rng.random() < 0.5 else None,
                       "modality": rng.choice(MODALITIES),
                       "attribution": {"text": att[0], "kind": att[1], "entity": None} if att else None,
                       "evidence": ev})
    art["text"] = " ".join(sentences)
    return _record(art, ents, relations, roles, events), "ok"


_OUTLET_CUM = _zipf(len(OUTLETS), 0.9)


def _record(art: dict, ents: list, relations: list, roles: list, events: list) -> dict:
    return {"schema": "militantmap.extraction/1",
            "extractor": {"name": "militantmap", "version": "bench-scale", "pipeline": "synthetic"},
            "article": art, "entities": ents, "relations": relations, "roles": roles, "events": events}


def build(path: Path | str, n: int, seed: int = SEED, progress: bool = True) -> dict:
    """Write n synthetic articles into a new store (an SQLite file, or a database URL),
    BATCH per transaction."""
    from sqlalchemy import func, select

    from militantmap.store.db import get_engine
    from militantmap.store.schema import articles
    from militantmap.store.writer import insert_article

    url = path if isinstance(path, str) and "://" in path else f"sqlite:///{path}"
    engine = get_engine(url)
    with engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(articles)).scalar() or 0
    if have:
        raise SystemExit(f"{path} already holds {have} articles: remove it or pass --rebuild")
    rng = random.Random(seed)
    world = _World(rng)
    recent: list[dict] = []
    t0 = time.perf_counter()
    for start in range(0, n, BATCH):
        with engine.begin() as conn:
            for i in range(start, min(n, start + BATCH)):
                ex, status = synthetic_extraction(world, rng, i, recent)
                text = ex["article"]["text"]
                insert_article(conn, ex, text, "text", f"synthetic:{i}",
                               hashlib.sha256(text.encode()).hexdigest(), None, None, None, status)
        if progress and (start // BATCH) % 20 == 19:
            done = min(n, start + BATCH)
            rate = done / (time.perf_counter() - t0)
            print(f"  {done:>7} articles, {rate:.0f}/s", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - t0
    return {"articles": n, "build_s": round(seconds, 1), "articles_per_s": round(n / seconds, 1)}


def store_counts(url: str) -> dict:
    from militantmap.store import queries

    return queries.overview(url)


# -- measuring ----------------------------------------------------------------------------------

def _timed(fn, runs: list[float]) -> None:
    t0 = time.perf_counter()
    fn()
    runs.append((time.perf_counter() - t0) * 1000)


def _summary(runs: list[float]) -> dict:
    runs = sorted(runs)
    p95 = runs[min(len(runs) - 1, max(0, round(0.95 * len(runs)) - 1))]
    return {"calls": len(runs), "p50_ms": round(statistics.median(runs), 1), "p95_ms": round(p95, 1),
            "max_ms": round(runs[-1], 1)}


def _arguments(url: str, rng: random.Random) -> dict:
    """Popular and rare groups, real tie, event, evidence and article ids, from the store."""
    from sqlalchemy import func, select

    from militantmap.store.db import get_engine
    from militantmap.store.schema import (
        article_entities,
        articles,
        entities,
        event_reports,
        evidence,
        incidents,
    )

    with get_engine(url).connect() as conn:
        ranked = conn.execute(
            select(entities.c.key, func.count().label("n"))
            .join(article_entities, article_entities.c.entity_id == entities.c.id)
            .where(entities.c.type == "armed_group").group_by(entities.c.key)
            .order_by(func.count().desc(), entities.c.key)).all()
        popular = [r.key for r in ranked[:5]]
        middle = [r.key for r in ranked[len(ranked) // 10: len(ranked) // 10 + 5]]
        rare = [r.key for r in ranked[-200:]]
        incident_ids = [str(r[0]) for r in conn.execute(select(incidents.c.id).order_by(incidents.c.id))]
        evidence_ids = [r[0] for r in conn.execute(select(func.max(evidence.c.id)))]
        article_max = conn.execute(select(func.max(articles.c.id))).scalar() or 1
        countries = [r[0] for r in conn.execute(
            select(incidents.c.country).where(incidents.c.country.is_not(None))
            .group_by(incidents.c.country).order_by(func.count().desc()).limit(10))]
        places = [r[0] for r in conn.execute(
            select(event_reports.c.location_name).where(event_reports.c.location_name.is_not(None))
            .group_by(event_reports.c.location_name).order_by(func.count().desc()).limit(10))]
    groups = popular + middle + rng.sample(rare, min(10, len(rare)))
    return {"groups": groups, "popular": popular, "incidents": rng.sample(incident_ids, min(20, len(incident_ids))),
            "max_evidence": evidence_ids[0] or 1, "max_article": article_max, "countries": countries, "places": places}


def _date(rng: random.Random) -> dt.date:
    return START + dt.timedelta(days=rng.randrange(DAYS - 400))


def measure_queries(url: str, rounds: int, seed: int = 7, only: str | None = None) -> dict[str, dict]:
    from militantmap.store import queries

    rng = random.Random(seed)
    args = _arguments(url, rng)
    groups = args["groups"]
    # real tie ids: those of a few groups
    tie_ids = [t["id"] for g in groups[:8] for t in queries.ties(url, g)[:5]]
    cases = {
        "get_group (group page)": lambda i: queries.get_group(url, groups[i % len(groups)], articles_limit=100),
        "ties (one group)": lambda i: queries.ties(url, groups[i % len(groups)]),
        "ties (group, type, since, min conf)": lambda i: queries.ties(
            url, groups[i % len(groups)], type=rng.choice(["cooperates_with", "rivals", "faction_of"]),
            since=_date(rng), min_confidence=0.3),
        "tie (one, with evidence)": lambda i: queries.tie(url, tie_ids[i % len(tie_ids)]),
        "all_ties (whole network)": lambda i: queries.all_ties(url),
        "all_ties (type, date range, min conf)": lambda i: queries.all_ties(
            url, min_confidence=0.5, types=["cooperates_with", "allegiance_to"],
            since=(d := _date(rng)), until=d + dt.timedelta(days=365)),
        "list_groups": lambda i: queries.list_groups(url),
        # `militantmap events` (text): the newest 100 and how many match; whole lists below
        "events (group, CLI: newest 50 + total)": lambda i: _page(url, group=groups[i % len(groups)], limit=50),
        "events (country, date range, CLI: newest 50 + total)": lambda i: _page(
            url, country=args["countries"][i % len(args["countries"])],
            since=(d := _date(rng)), until=d + dt.timedelta(days=90), limit=50),
        "events (group, country, since, CLI: newest 50 + total)": lambda i: _page(
            url, group=groups[i % len(groups)], country=args["countries"][0], since=_date(rng), limit=50),
        # every event in full, with every report: `events --json`, /api/events without limit,
        # the downloads and exports (a dump of thousands of events for a program, not a view)
        "events (group, whole list: --json, export)": lambda i: queries.events(url, group=groups[i % len(groups)]),
        "events_page (group, 50)": lambda i: _page(url, group=groups[i % len(groups)], limit=50),
        "events_page (type, country, dates, 50)": lambda i: _page(
            url, type=rng.choice(["attack", "arrest", "military_operation"]),
            country=args["countries"][i % len(args["countries"])], since=(d := _date(rng)),
            until=d + dt.timedelta(days=730), limit=50),
        "events_page (all, offset 1000, 50)": lambda i: _page(url, limit=50, offset=1000),
        "events (country, date range, whole list)": lambda i: queries.events(
            url, country=args["countries"][i % len(args["countries"])],
            since=(d := _date(rng)), until=d + dt.timedelta(days=90)),
        "events (group, country, since, whole list)": lambda i: queries.events(
            url, group=groups[i % len(groups)], country=args["countries"][0], since=_date(rng)),
        "event (one)": lambda i: queries.event(url, args["incidents"][i % len(args["incidents"])]),
        "timeline (group)": lambda i: queries.timeline(url, groups[i % len(groups)]),
        "search": lambda i: queries.search(url, rng.choice(["state", "al", "taliban", "brigade", "khan", "front"])),
        "evidence (sentence)": lambda i: queries.evidence(url, str(rng.randrange(1, args["max_evidence"]))),
    }
    return _run(cases, rounds, only)


def _page(url: str, **kw) -> object:
    """events_page (the events page, /api/events with a limit, `militantmap events`)."""
    from militantmap.store import queries

    if not hasattr(queries, "events_page"):  # the code before events_page: the whole list
        rows = queries.events(url, **{k: v for k, v in kw.items() if k in ("group", "country", "since", "until")})
        return rows[kw.get("offset", 0):kw.get("offset", 0) + kw["limit"]]
    return queries.events_page(url, **kw)


def measure_pages(url: str, rounds: int, seed: int = 8, only: str | None = None) -> dict[str, dict]:
    from urllib.parse import quote

    from fastapi.testclient import TestClient

    from militantmap.store import queries
    from militantmap.web.app import create_app

    rng = random.Random(seed)
    args = _arguments(url, rng)
    groups = args["groups"]
    tie_ids = [t["id"] for g in groups[:8] for t in queries.ties(url, g)[:5]]
    client = TestClient(create_app(url), base_url="http://127.0.0.1")

    def get(path: str) -> None:
        r = client.get(path)
        if r.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {r.status_code} {r.text[:200]}")

    g = lambda i: quote(groups[i % len(groups)], safe="")
    cases = {
        "/network": lambda i: get("/network"),
        "/network?type=rivals&since=…": lambda i: get(f"/network?type=rivals&since={_date(rng)}"),
        "/groups/{id}": lambda i: get(f"/groups/{g(i)}"),
        "/events?group=…": lambda i: get(f"/events?group={g(i)}"),
        "/events?country=…&since=…": lambda i: get(
            f"/events?country={quote(args['countries'][i % len(args['countries'])])}&since={_date(rng)}"),
        "/events (all, page 1)": lambda i: get("/events"),
        "/events/{id}": lambda i: get(f"/events/{args['incidents'][i % len(args['incidents'])]}"),
        "/ties/{id}": lambda i: get(f"/ties/{quote(tie_ids[i % len(tie_ids)], safe='')}"),
        "/evidence/article:N": lambda i: get(f"/evidence/article:{rng.randrange(1, args['max_article'] + 1)}"),
        "/search?q=…": lambda i: get(f"/search?q={rng.choice(['state', 'taliban', 'brigade', 'khan'])}"),
        "/api/graph": lambda i: get("/api/graph"),
        "/api/graph?type=…&min_confidence=…": lambda i: get("/api/graph?type=cooperates_with&min_confidence=0.6"),
        "/api/ties?group=…": lambda i: get(f"/api/ties?group={g(i)}"),
        "/api/events?group=…&limit=50": lambda i: get(f"/api/events?group={g(i)}&limit=50"),
        "/api/events?type=attack&limit=50&offset=100": lambda i: get("/api/events?type=attack&limit=50&offset=100"),
        "/api/groups/{id}": lambda i: get(f"/api/groups/{g(i)}"),
    }
    return _run(cases, rounds, only)


BUDGET_S = 60.0  # per case: a slow case stops repeating after this (its calls are counted)


def cold_start(url: str) -> dict:
    """The first whole-store answers after a change (nothing kept yet): what the first
    network or groups view pays after an ingest commits, before the cache serves the rest."""
    from militantmap.store import queries

    try:
        from militantmap.store import cache
    except ImportError:  # a version without the cache: every call is cold
        cache = None
    out = {}
    for name, call in (("all_ties_ms", lambda: queries.all_ties(url)),
                       ("list_groups_ms", lambda: queries.list_groups(url))):
        if cache is not None:
            cache.forget()
        runs: list[float] = []
        _timed(call, runs)
        out[name] = round(runs[0], 1)
    queries.all_ties(url)  # the measures below are of a store at rest: its answers kept
    print(f"  cold (nothing kept): {out}", file=sys.stderr, flush=True)
    return out


def _run(cases: dict, rounds: int, only: str | None = None) -> dict[str, dict]:
    import re

    out = {}
    for name, call in cases.items():
        if only and not re.search(only, name):
            continue
        call(0)  # the first call pays one-time costs (imports, connections, the kept answers)
        runs: list[float] = []
        for i in range(rounds):
            _timed(lambda: call(i), runs)
            if sum(runs) > BUDGET_S * 1000:
                break
        out[name] = _summary(runs)
        print(f"  {name:45} p50 {out[name]['p50_ms']:>8} ms  p95 {out[name]['p95_ms']:>8} ms",
              file=sys.stderr, flush=True)
    return out


def run(n: int = 100_000, path: Path | None = None, rounds: int = 20, rebuild: bool = False,
        pages: bool = True, only: str | None = None) -> dict:
    path = path or Path(os.environ.get("TMPDIR", "/tmp")) / f"militantmap-scale-{n}.db"
    built = None
    if rebuild or not path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        print(f"building {n} synthetic articles into {path} ...", file=sys.stderr, flush=True)
        built = build(path, n)
    url = f"sqlite:///{path}"
    result: dict = {"store": str(path), "articles": n, "build": built, "counts": store_counts(url),
                    "store_mb": round(path.stat().st_size / 2**20, 1), "cpus": os.cpu_count(),
                    "load_avg": [round(x, 2) for x in os.getloadavg()], "rounds": rounds}
    result["cold"] = cold_start(url)
    print("queries:", file=sys.stderr)
    result["queries"] = measure_queries(url, rounds, only=only)
    if pages:
        print("pages and API:", file=sys.stderr)
        result["pages"] = measure_pages(url, rounds, only=only)
    result["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    return result


def table(result: dict) -> str:
    lines = [f"store {result['store']}: {result['counts']}", f"cpus {result['cpus']}, load {result['load_avg']}"]
    if result.get("build"):
        b = result["build"]
        lines.append(f"built {b['articles']} articles in {b['build_s']} s ({b['articles_per_s']}/s)")
    if result.get("cold"):
        lines.append(f"first whole-store answers after a change (cold): {result['cold']}")
    for section, target in (("queries", 50), ("pages", 300)):
        if section not in result:
            continue
        lines.append(f"\n{section:47} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  target p95 < {target} ms")
        for name, s in result[section].items():
            flag = "" if s["p95_ms"] < target else "  OVER"
            lines.append(f"  {name:45} {s['p50_ms']:>8} {s['p95_ms']:>8} {s['max_ms']:>8}{flag}")
    return "\n".join(lines)


def compare(before: dict, after: dict) -> str:
    """A markdown table of two --json results (before and after a change), p50 / p95 in ms."""
    lines = ["| query or page | before p50 / p95 ms | after p50 / p95 ms | target p95 |", "|---|---|---|---|"]
    for section, target in (("queries", "50"), ("pages", "300")):
        for name, s in after.get(section, {}).items():
            b = before.get(section, {}).get(name)
            was = f"{b['p50_ms']:g} / {b['p95_ms']:g}" + ("" if b["calls"] >= after["rounds"] else f" ({b['calls']} calls)") \
                if b else "n/a"
            lines.append(f"| `{name}` | {was} | {s['p50_ms']:g} / {s['p95_ms']:g} | {target} |")
    cold_b, cold_a = before.get("cold") or {}, after.get("cold") or {}
    lines.append(f"| first `all_ties` / `list_groups` after a commit (cold) | {cold_b.get('all_ties_ms')} / "
                 f"{cold_b.get('list_groups_ms')} | {cold_a.get('all_ties_ms')} / {cold_a.get('list_groups_ms')} | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    global BUDGET_S
    if argv is None and len(sys.argv) == 4 and sys.argv[1] == "--compare":
        print(compare(*(json.loads(Path(p).read_text()) for p in sys.argv[2:])))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="SQLite file (default /tmp/militantmap-scale-N.db, reused)")
    ap.add_argument("--rounds", type=int, default=20, help="calls per query (varied arguments)")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--no-pages", action="store_true")
    ap.add_argument("--only", help="measure only the cases whose name matches this regex")
    ap.add_argument("--budget", type=float, default=BUDGET_S,
                    help="seconds per case after which a slow case stops repeating")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    BUDGET_S = a.budget
    result = run(a.articles, a.db, a.rounds, a.rebuild, not a.no_pages, a.only)
    print(json.dumps(result, indent=2) if a.json else table(result))


if __name__ == "__main__":
    main()
