"""Extraction on a Ray cluster for `ingest --engine ray` (issue 9).

The division of work is the one of `--workers` (store.parallel): this process reads the input,
plans each chunk (clean, drop texts already stored: store.ingest) and writes the results in
input order; only the costly part, the parse and the rules, runs elsewhere. Here "elsewhere" is
a Ray Data pipeline: `map_batches` with `_ExtractBatch`, a class whose instances (Ray actors)
load the pipeline once each, as many as `concurrency`, on whatever nodes the cluster has.

The feed is sent in windows of planned articles (a few thousand; `window_for`), one Ray
Dataset each, so a feed of any length never sits in this process's memory or in the object
store at once, and what is extracted is written as it streams back. Resume is the store's: an
article is written in one transaction, "already stored" is decided by content hash before
anything is sent to Ray, so a run killed at any point and started again parses only what it
had not yet stored and stores nothing twice. A Ray worker that is lost is restarted by Ray Data
and its batch retried; an article whose extraction raises is stored as skipped with the reason.

Ray is an optional extra (`pip install 'militantmap[ray]'`): nothing here imports it at module
level, and asking for this engine without it is a clear error (exit 2), before the store is
opened or any input read.
"""
from __future__ import annotations

import os
import pickle
import sys
import warnings
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from militantmap.article import Article
from militantmap.errors import EngineFailed, MissingExtra

if TYPE_CHECKING:
    from militantmap.store.ingest import IngestSummary

Plan = list[tuple[Article, dict, str, int | None]]

INSTALL = "pip install 'militantmap[ray]'  (or: pip install 'ray[data]>=2.40,<2.64')"
#: articles per batch handed to one actor (one spaCy nlp.pipe call), as in store.ingest.BATCH
BATCH_SIZE = 16
#: times a lost Ray worker is restarted and its batch retried before the run stops with the reason
MAX_RETRIES = 3
#: the most articles one window holds (their texts sit in this process and in the object store)
MAX_WINDOW = 20_000


def require_ray() -> Any:
    """The ray module, or MissingExtra saying how to install it."""
    try:
        import ray
        import ray.data
    except ImportError as err:
        raise MissingExtra("the Ray engine (`ingest --engine ray`)", "Ray Data", INSTALL,
                           str(err)) from None
    return ray


class _ExtractBatch:
    """One Ray actor: the pipeline loads once, in __init__, and serves every batch after.

    A batch is a dict of columns (Ray Data's numpy format): `seq` (the article's place in its
    window) and `item` (a pickled (Article, prepared) pair: the driver's own objects, so what
    is extracted here is exactly what `--workers` or one process would extract). Out come
    `seq` and `extraction` (the pickled record, an error record when an article fails)."""

    def __init__(self) -> None:
        from militantmap.extract.pipeline import Extractor

        self.extractor = Extractor.default()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        from militantmap.store.parallel import FAULT_ENV

        items = [pickle.loads(b) for b in batch["item"]]
        marker = os.environ.get(FAULT_ENV)
        if marker and any(marker in (p.get("text") or "") for _, p in items):
            os._exit(70)  # fault injection (tests): this worker dies like a crashed one
        arts, prepared = [a for a, _ in items], [p for _, p in items]
        try:
            out = self.extractor.extract_prepared(arts, prepared)
        except Exception:  # noqa: BLE001 - one bad article must not fail the whole dataset
            out = [self._one(a, p) for a, p in items]
        return {"seq": np.asarray(batch["seq"]),
                "extraction": np.array([pickle.dumps(ex) for ex in out], dtype=object)}

    def _one(self, art: Article, prepared: dict) -> dict:
        try:
            return self.extractor.extract_prepared([art], [prepared])[0]
        except Exception as err:  # noqa: BLE001 - reported as the article's skip reason
            return {"id": art.id, "error": f"extraction failed on a Ray worker "
                                           f"({type(err).__name__}: {err})"}


def _english(todo: Plan) -> list[tuple[Article, dict]]:
    return [(a, p) for a, p, _, _ in todo if p["lang"] == "en"]


def window_for(concurrency: int) -> int:
    """Articles per Ray Dataset: enough batches for every actor to stay busy (a new Dataset
    starts new actors, each loading the pipeline, a few seconds), few enough that a window's
    texts are small next to a worker's memory."""
    return min(max(512, 32 * BATCH_SIZE * concurrency), MAX_WINDOW)


LOCAL_START_TRIES = 3


def init_ray(ray: Any, **kwargs: Any) -> None:
    """`ray.init`, tried again when a local Ray's node does not come up in time: Ray gives its
    raylet a fixed 30 s to register, which a machine busy on both cores can miss ("The current
    node timed out during startup"); a second start on the same machine then succeeds."""
    for attempt in range(1, LOCAL_START_TRIES + 1):
        try:
            ray.init(**kwargs)
            return
        except Exception as err:  # Ray raises a bare Exception for this
            if "timed out during startup" not in str(err) or attempt == LOCAL_START_TRIES:
                raise
            print(f"warning: the local Ray node did not start in time (attempt {attempt} of "
                  f"{LOCAL_START_TRIES}, machine busy?); starting it again", file=sys.stderr)
            ray.shutdown()


class RayExtraction:
    """Connected to Ray (a cluster at `address`, RAY_ADDRESS, or a local Ray started here and
    stopped at the end): `extract(plans)` streams (plan, extractions) in the order given."""

    def __init__(self, address: str | None = None, concurrency: int | None = None,
                 local_cpus: int | None = None) -> None:
        self.ray = require_ray()
        self.started = False
        if not self.ray.is_initialized():
            import logging

            # With no address and no RAY_ADDRESS, ray.init starts a local Ray (as many CPUs as
            # the machine has, or local_cpus); with one, it joins that cluster.
            init_ray(self.ray, address=address, include_dashboard=False, log_to_driver=False,
                     logging_level=logging.WARNING,
                     num_cpus=local_cpus if not (address or os.environ.get("RAY_ADDRESS")) else None)
            self.started = True
            logging.getLogger("ray.data").setLevel(logging.WARNING)  # its INFO lines drown ingest's own
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        self.concurrency = concurrency or max(1, cpus)
        ctx = self.ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # the store's ids follow the input
        ctx.enable_progress_bars = False             # ingest prints its own progress

    def close(self) -> None:
        if self.started:
            self.ray.shutdown()
            self.started = False

    def __enter__(self) -> RayExtraction:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def extract(self, plans: Iterable[Plan], summary: IngestSummary) -> Iterator[tuple[Plan, list[dict]]]:
        window: list[Plan] = []
        size, limit = 0, window_for(self.concurrency)
        for todo in plans:
            window.append(todo)
            size += len(_english(todo))
            if size >= limit:
                yield from self._window(window)
                window, size = [], 0
        if window:
            yield from self._window(window)

    def _window(self, window: list[Plan]) -> Iterator[tuple[Plan, list[dict]]]:
        """One Ray Dataset over a window of plans; each plan is yielded as soon as the
        extractions of all its articles are back (out-of-order rows wait in `ready`)."""
        rows = [{"seq": i, "item": pickle.dumps(pair)}
                for i, pair in enumerate(pair for todo in window for pair in _english(todo))]
        if not rows:
            for todo in window:
                yield todo, []
            return
        ds = self.ray.data.from_items(rows, override_num_blocks=max(1, len(rows) // BATCH_SIZE))
        actors = min(self.concurrency, -(-len(rows) // BATCH_SIZE))  # no idle actor on a short feed
        with warnings.catch_warnings():
            # Ray Data restarts a lost actor and retries its batch forever by default, so an
            # article that kills every worker would hang the run; the only way to bound that
            # (Ray 2.60) is the remote arguments it calls deprecated: hence the extra's < 2.64.
            warnings.filterwarnings("ignore", message=".*ray_remote_args.*")
            ds = ds.map_batches(_ExtractBatch, batch_size=BATCH_SIZE, batch_format="numpy",
                                compute=self.ray.data.ActorPoolStrategy(size=actors), num_cpus=1,
                                max_restarts=MAX_RETRIES, max_task_retries=MAX_RETRIES)
        ready: dict[int, dict] = {}
        results = iter(ds.iter_rows())
        seq = 0
        for todo in window:
            need = len(_english(todo))
            out = []
            for want in range(seq, seq + need):
                while want not in ready:
                    try:
                        row = next(results)
                    except Exception as err:
                        lines = str(err).strip().splitlines()  # Ray's last line is the cause
                        reason = type(err).__name__ + (f": {lines[-1][:300]}" if lines else "")
                        raise EngineFailed("Ray", todo[0][0].source, reason) from err
                    ready[int(row["seq"])] = pickle.loads(row["extraction"])
                out.append(ready.pop(want))
            seq += need
            yield todo, out
