"""Extraction in worker processes for `ingest --workers N`.

The main process plans each chunk (clean, drop known texts) and writes the results in input
order; N worker processes, each with its own pipeline loaded once, do the costly part (the parse
and the rules). Up to 2 x N chunks are in flight, so memory stays bounded on a long feed.

A worker that dies (killed, out of memory, a crash in native code) is reported: its pool is
replaced and every chunk that was in flight is extracted again; a chunk that kills its worker a
second time is extracted article by article, and an article that kills a worker on its own is
skipped with the reason. Nothing is lost or stored twice: writes happen only here, in order,
and "already stored" is decided by content hash.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from militantmap.article import Article

if TYPE_CHECKING:
    from militantmap.store.ingest import IngestSummary

Plan = list[tuple[Article, dict, str, int | None]]
# Fault injection (tests only): a worker given an article whose text contains this variable's
# value exits at once, as a worker killed by the OOM killer would.
FAULT_ENV = "MILITANTMAP_FAULT_KILL_WORKER"


def _extract(items: list[tuple[Article, dict]]) -> list[dict]:
    """In a worker: the extractions of prepared articles (the pipeline loads once per process)."""
    from militantmap.extract.pipeline import Extractor

    marker = os.environ.get(FAULT_ENV)
    if marker and any(marker in (p.get("text") or "") for _, p in items):
        os._exit(70)  # fault injection for the tests: this worker dies like a crashed one
    return Extractor.default().extract_prepared([a for a, _ in items], [p for _, p in items])


def _english(todo: Plan) -> list[tuple[Article, dict]]:
    return [(a, p) for a, p, _, _ in todo if p["lang"] == "en"]


def _new_pool(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: a forked copy of a process that already holds a spaCy model and SQLite
    # connections is neither small nor safe.
    return ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"))


def extract_in_workers(plans: Iterable[Plan], workers: int,
                       summary: IngestSummary) -> Iterator[tuple[Plan, list[dict]]]:
    """(plan, extractions) for each plan, in the order given."""
    pool = _new_pool(workers)
    inflight: deque[tuple[Plan, Future[Any]]] = deque()
    try:
        it = iter(plans)
        while True:
            while len(inflight) < 2 * workers:
                todo = next(it, None)
                if todo is None:
                    break
                inflight.append((todo, pool.submit(_extract, _english(todo))))
            if not inflight:
                return
            todo, future = inflight.popleft()
            try:
                yield todo, future.result()
            except BrokenProcessPool:
                summary.warnings.append(("ingest", "a worker process died; its pool was restarted "
                                         "and the articles in flight are extracted again"))
                pool.shutdown(cancel_futures=True)
                pool = _new_pool(workers)
                yield todo, _retry(pool, todo, summary)
                pool = _new_pool(workers) if _broken(pool) else pool
                inflight = deque((t, pool.submit(_extract, _english(t))) for t, _ in inflight)
    finally:
        pool.shutdown(cancel_futures=True)


def _broken(pool: ProcessPoolExecutor) -> bool:
    return bool(getattr(pool, "_broken", False))


def _retry(pool: ProcessPoolExecutor, todo: Plan, summary: IngestSummary) -> list[dict]:
    """A chunk whose worker died: once whole, then article by article; an article that kills
    a worker alone becomes an error record (skipped with the reason)."""
    items = _english(todo)
    try:
        return pool.submit(_extract, items).result()
    except BrokenProcessPool:
        pass
    out = []
    single = _new_pool(1)  # one pool for the chunk; replaced only after an article kills it
    try:
        for art, prepared in items:
            try:
                out.extend(single.submit(_extract, [(art, prepared)]).result())
            except BrokenProcessPool:
                out.append({"id": art.id, "error": "extraction killed its worker process twice; "
                                                   "the article was skipped (try it alone with "
                                                   "`militantmap extract`)"})
                single.shutdown(cancel_futures=True)
                single = _new_pool(1)
    finally:
        single.shutdown(cancel_futures=True)
    return out
