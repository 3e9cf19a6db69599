"""Readers: articles from files, stdin, JSONL batches, WARC archives, URLs and feeds."""
from militantmap.sources.files import article_from_json, iter_jsonl, parse_published, read_article

__all__ = ["article_from_json", "iter_jsonl", "parse_published", "read_article"]
