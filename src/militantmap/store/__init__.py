"""The knowledge store: ingest articles, query and export the graph they build together."""
from __future__ import annotations

from militantmap.store.ingest import IngestSummary, ingest_articles, reprocess_stored

__all__ = ["IngestSummary", "ingest_articles", "reprocess_stored"]
