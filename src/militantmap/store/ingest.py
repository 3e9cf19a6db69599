"""Ingest: articles in, one evidence-backed graph out.

For each article, in input order:
  clean (HTML, boilerplate, language)  ->  exact duplicate?  (sha256 of the cleaned text: known)
  ->  near duplicate?  (MinHash LSH, verified: another copy of a stored story)
  ->  extract (batched spaCy parse)  ->  write article + facts in ONE transaction.

A crash between two articles loses nothing committed and leaves no half-written article, and
because "already stored" is decided by content hash, running the same command again resumes
where it stopped. Non-English articles are stored (status non_english) without facts.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from militantmap.article import Article
from militantmap.clean.dedup import (
    NearDuplicateIndex,
    content_hash,
    from_bytes,
    minhash_of,
    shingles,
    to_bytes,
)
from militantmap.errors import InputError
from militantmap.store.db import get_engine
from militantmap.store.schema import articles
from militantmap.store.writer import clear_facts, insert_article, write_facts

BATCH = 16  # articles parsed together by spaCy; each is still written in its own transaction
_KEY_TAKEN = select(articles.c.id).where(articles.c.article_key == bindparam("key"))  # built once


@dataclass
class IngestSummary:
    new: int = 0
    known: int = 0
    near_duplicates: int = 0
    non_english: int = 0
    reprocessed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (source, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (source, what was dropped)

    @property
    def seen(self) -> int:
        return self.new + self.known + self.reprocessed + len(self.skipped)

    def as_dict(self) -> dict:
        return {"new": self.new, "known": self.known, "near_duplicates": self.near_duplicates,
                "non_english": self.non_english, "reprocessed": self.reprocessed,
                "skipped": len(self.skipped),
                "errors": [{"source": s, "reason": r} for s, r in self.skipped],
                "warnings": [{"source": s, "reason": r} for s, r in self.warnings]}

    def lines(self) -> list[str]:
        out = [f"{self.new} new article(s) stored"
               + (f" ({self.near_duplicates} near-duplicate copies of stored stories,"
                  f" {self.non_english} not in English: stored without facts)"
                  if self.near_duplicates or self.non_english else ""),
               f"{self.known} already in the store"
               + (f", {self.reprocessed} re-extracted" if self.reprocessed else ""),
               f"{len(self.skipped)} skipped"]
        out += [f"  skipped {s}: {r}" for s, r in self.skipped]
        out += [f"  warning {s}: {r}" for s, r in self.warnings]
        return out


Progress = Callable[[IngestSummary, str], None]


def ingest_articles(db_url: str | None, items: Iterable[Article | InputError], *,
                    reprocess: bool = False, progress: Progress | None = None,
                    lock: AbstractContextManager | None = None, workers: int = 1,
                    engine: str = "local", ray_address: str | None = None,
                    ray_concurrency: int | None = None) -> IngestSummary:
    """Store articles (and reasons to skip inputs) from any source; see the module doc.

    `workers` > 1 extracts in that many processes (one pipeline each) while this process
    cleans, deduplicates and writes, in input order (store ids follow the input); see
    store.parallel for what happens when a worker dies. `engine="ray"` extracts on a Ray
    cluster instead (`ray_address`, RAY_ADDRESS, or a local Ray), `ray_concurrency` pipelines
    at once (default: one per CPU of the cluster), with the same planning and writing here;
    see store.ray_engine.

    `lock` (the web app's): held for one chunk of BATCH articles at a time, never for the whole
    run, so another user's ingest goes between two chunks; each article of a chunk is bounded in
    size and time (militantmap.budget)."""
    from militantmap.extract.pipeline import Extractor

    if engine not in ("local", "ray"):
        raise ValueError(f"unknown engine {engine!r}")
    if engine == "ray":
        from militantmap.store.ray_engine import require_ray

        require_ray()  # before the store is opened or any input read: a missing extra changes nothing
    db = get_engine(db_url)
    extractor = Extractor.default()
    run = _Run(db, extractor, reprocess, progress)
    it = iter(items)
    if engine == "ray":
        from militantmap.store.ray_engine import RayExtraction

        with RayExtraction(ray_address, ray_concurrency) as ray_run:
            plans = (run.plan(chunk) for chunk in iter(lambda: list(islice(it, BATCH)), []))
            for todo, extracted in ray_run.extract(plans, run.summary):
                run.commit(todo, extracted)
        return run.summary
    if workers > 1:
        from militantmap.store.parallel import extract_in_workers

        plans = (run.plan(chunk) for chunk in iter(lambda: list(islice(it, BATCH)), []))
        for todo, extracted in extract_in_workers(plans, workers, run.summary):
            run.commit(todo, extracted)
        return run.summary
    while chunk := list(islice(it, BATCH)):
        with lock or nullcontext():
            run.batch(chunk)
    return run.summary


def reprocess_stored(db_url: str | None, progress: Progress | None = None) -> IngestSummary:
    """Re-extract every stored article whose extractor version differs from this one, and
    read in full every article the relevance prefilter passed over (status not_relevant)."""
    from militantmap.extract.pipeline import Extractor

    engine = get_engine(db_url)
    extractor = Extractor.default()
    version = extractor.info["version"]
    with engine.connect() as conn:
        ids = [r.id for r in conn.execute(
            select(articles.c.id).where(
                (articles.c.status == "not_relevant")
                | ((articles.c.status == "ok") & ((articles.c.extractor_version != version)
                                                  | articles.c.extractor_version.is_(None))))
            .order_by(articles.c.id))]
    run = _Run(engine, extractor, True, progress)
    saved, extractor.prefilter = extractor.prefilter, False  # asked to re-read: parse them all
    try:
        for start in range(0, len(ids), BATCH):
            run.batch(list(_stored_articles(engine, ids[start:start + BATCH])))
    finally:
        extractor.prefilter = saved
    return run.summary


def _stored_articles(engine: Engine, ids: list[int]) -> Iterator[Article]:
    with engine.connect() as conn:
        for row in conn.execute(select(articles).where(articles.c.id.in_(ids)).order_by(articles.c.id)):
            html = row.raw_text if row.raw_format == "html" else None
            yield Article(text="" if html else row.raw_text, id=row.article_key, url=row.url,
                          title=row.title, publisher=row.publisher, published=row.published,
                          html=html, source=row.source or row.article_key)


class _Run:
    def __init__(self, engine: Engine, extractor, reprocess: bool, progress: Progress | None):
        self.engine, self.extractor, self.reprocess, self.progress = engine, extractor, reprocess, progress
        self.version = extractor.info["version"]
        self.summary = IngestSummary()
        self.index = NearDuplicateIndex()
        from militantmap.graph.resolve import ResolverCache  # graph.resolve imports the store's schema

        self.resolver_cache = ResolverCache()  # what entity resolution keeps between articles
        with engine.connect() as conn:
            for row in conn.execute(select(articles.c.id, articles.c.minhash)
                                    .where(articles.c.minhash.is_not(None), articles.c.duplicate_of.is_(None))):
                self.index.add(row.id, from_bytes(row.minhash))

    def _tick(self, source: str) -> None:
        if self.progress is not None:
            self.progress(self.summary, source)

    def batch(self, chunk: list[Article | InputError]) -> None:
        """Clean a chunk, drop what is known, parse the rest together, write one by one."""
        todo = self.plan(chunk)
        self.commit(todo, self.extract(todo))

    def extract(self, todo: list[tuple[Article, dict, str, int | None]]) -> list[dict]:
        """The extractions of the English articles of a plan, in order."""
        english = [(a, p) for a, p, _, _ in todo if p["lang"] == "en"]
        return self.extractor.extract_prepared([a for a, _ in english], [p for _, p in english])

    def plan(self, chunk: list[Article | InputError]) -> list[tuple[Article, dict, str, int | None]]:
        """Clean a chunk and drop what is known: the articles left to extract and write, each
        with its prepared text, content hash and stored id (when re-extracting)."""
        cleaned: list[tuple[Article, dict, str]] = []
        for item in chunk:
            if isinstance(item, InputError):
                self._skip(item.source, item.reason)
                continue
            try:
                prepared = self.extractor.prepare(item)
            except InputError as err:
                self._skip(err.source, err.reason)
                continue
            finally:  # after prepare, which may add one (a text over the size cap, truncated)
                self.summary.warnings += [(item.source, w) for w in item.warnings]
            cleaned.append((item, prepared, content_hash(prepared["text"])))
        with self.engine.connect() as conn:  # one lookup for the whole chunk
            stored = {r.content_hash: r for r in conn.execute(
                select(articles.c.id, articles.c.content_hash, articles.c.extractor_version, articles.c.status)
                .where(articles.c.content_hash.in_({h for _, _, h in cleaned})))}
        todo: list[tuple[Article, dict, str, int | None]] = []   # article, prepared, hash, stored id
        hashes_here: set[str] = set()
        for item, prepared, digest in cleaned:
            old = stored.get(digest)
            if digest in hashes_here or (old is not None and not (
                    self.reprocess and (old.status == "not_relevant" or old.status == "ok"
                                        and old.extractor_version != self.version))):
                self.summary.known += 1
                self._tick(item.source)
                continue
            hashes_here.add(digest)
            todo.append((item, prepared, digest, old.id if old is not None else None))
        return todo

    def commit(self, todo: list[tuple[Article, dict, str, int | None]], extracted: list[dict]) -> None:
        """Write a plan's articles in order, each in its own transaction."""
        from militantmap.extract.pipeline import bare_extraction

        english = [p for _, p, _, _ in todo if p["lang"] == "en"]
        results = {id(p): ex for p, ex in zip(english, extracted)}
        for art, prepared, digest, stored_id in todo:
            ex = results.get(id(prepared)) or bare_extraction(prepared, self.extractor.info, relevant=True)
            if "error" in ex:
                self._skip(art.source, ex["error"])
                continue
            if stored_id is not None:
                self._reextract(stored_id, ex)
            else:
                self._store(art, prepared, digest, ex)
            self._tick(art.source)

    def _skip(self, source: str, reason: str) -> None:
        self.summary.skipped.append((source, reason))
        self._tick(source)

    def _reextract(self, article_id: int, ex: dict) -> None:
        with self.engine.begin() as conn:
            clear_facts(conn, article_id)
            write_facts(conn, article_id, ex, self.resolver_cache)
            conn.execute(update(articles).where(articles.c.id == article_id)
                         .values(extractor_version=self.version, status=_status(True, ex)))
        self.summary.reprocessed += 1

    def _store(self, art: Article, prepared: dict, digest: str, ex: dict) -> None:
        english = prepared["lang"] == "en"
        sh = shingles(prepared["text"])
        mh = minhash_of(sh)
        raw, raw_format = (art.html, "html") if art.html is not None and not art.text.strip() else (art.text, "text")
        try:
            with self.engine.begin() as conn:
                copy_of = self.index.find(mh, sh, lambda aid: _text_of(conn, aid)) if english else None
                story = None
                if copy_of is not None:
                    story = conn.execute(select(articles.c.story_id).where(articles.c.id == copy_of)).scalar()
                ex["article"]["id"] = _free_key(conn, str(ex["article"]["id"]), digest)
                new_id = insert_article(conn, ex, raw, raw_format, art.source, digest,
                                        to_bytes(mh), copy_of, story,
                                        status=_status(english, ex), cache=self.resolver_cache)
        except IntegrityError:
            # Another process stored the same text between our check and our write.
            self.resolver_cache.clear()  # it may hold aliases of the transaction rolled back
            self.summary.known += 1
            return
        if copy_of is None and english:
            self.index.add(new_id, mh)
        self.summary.new += 1
        self.summary.near_duplicates += copy_of is not None
        self.summary.non_english += not english


def _text_of(conn: Connection, article_id: int) -> str:
    return conn.execute(select(articles.c.text).where(articles.c.id == article_id)).scalar() or ""


def _free_key(conn: Connection, key: str, digest: str) -> str:
    """Input ids are not unique across sources ("1", "article.txt"): a taken key gets the
    content hash appended, so both articles keep a recognisable name."""
    key = key[:180]
    taken = conn.execute(_KEY_TAKEN, {"key": key}).first()
    return key if taken is None else f"{key}#{digest[:12]}"


def _status(english: bool, ex: dict) -> str:
    """ok: read; non_english: stored without facts; not_relevant: the prefilter found nothing
    a group or an event could be read from (not parsed; `--reprocess` re-reads it)."""
    if not english:
        return "non_english"
    return "not_relevant" if ex["article"].get("relevant") is False else "ok"
