"""`extract(article) -> dict`: one article in, evidence-backed facts out.

A pure function of the article and the pipeline version (see ../shared/extraction-format.md);
it knows nothing of storage. `extract_many` runs the same on a stream with one model load and
spaCy's batching, so it is what the CLI, the store and the cluster runner call.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from militantmap import __version__
from militantmap.article import Article
from militantmap.errors import InputError
from militantmap.schema import SCHEMA

BATCH = 32

__all__ = ["SCHEMA", "extract", "extract_many", "extractor_info"]


def extract(article: Article) -> dict:
    """Extract one article. Raises InputError when the article has no usable text."""
    from militantmap.extract.pipeline import Extractor

    return Extractor.default().extract(article)


def extract_many(articles: Iterable[Article]) -> Iterator[dict]:
    """Extract a stream of articles, in order. An unusable article yields
    {"id": ..., "error": "..."} in its place; the stream goes on."""
    from militantmap.extract.pipeline import Extractor

    extractor = Extractor.default()
    it = iter(articles)
    while True:
        chunk = list(islice(it, BATCH))
        if not chunk:
            return
        yield from extractor.extract_batch(chunk)


def extractor_info() -> dict:
    from militantmap.nlp.pipeline import pipeline_description

    return {"name": "militantmap", "version": __version__, "pipeline": pipeline_description()}


def error_record(article: Article, err: InputError) -> dict:
    return {"id": article.id, "error": str(err)}
