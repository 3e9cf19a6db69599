"""Issue 11: one bad input is that input's error, never the run's; no text stalls the parser.

Each case sits in a folder beside a good article: the run reports the bad input by name with its
reason and stores the good article.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from militantmap.cli import main
from militantmap.clean.tokens import MAX_PUNCT_RUN, defuse_punctuation_runs
from militantmap.sources.walk import iter_articles
from militantmap.store import ingest_articles

GOOD = "Al-Shabaab fighters attacked a hotel in Mogadishu on Monday, killing five people, police said.\n"


def _ingest_folder(tmp_path: Path, name: str, content: bytes) -> dict:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / name).write_bytes(content)
    summary = ingest_articles(f"sqlite:///{tmp_path / 's.db'}", iter_articles([folder]))
    return summary.as_dict()


def _truncated_warc() -> bytes:
    whole = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\nHTTP/1.1 200 OK\r\n")
    return whole[: len(whole) // 2]


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("b_truncated.warc.gz", _truncated_warc(), "could not be read to the end"),
    ("b_deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("b_deep_line.jsonl", b'{"text": ' + b"[" * 100_000 + b"}\n", "nested too deeply"),
    ("b_object.json", b'{"text": 5}', '"text" must be a string'),
])
def test_a_bad_file_is_reported_and_the_good_article_beside_it_is_stored(tmp_path, name, content, reason):
    report = _ingest_folder(tmp_path, name, content)
    assert report["new"] == 1, report
    assert [e["source"].rsplit("/", 1)[-1].split(":")[0] for e in report["errors"]] == [name]
    assert reason in report["errors"][0]["reason"]


def test_an_unusable_date_is_dropped_with_a_warning_and_the_text_kept(tmp_path):
    text = "Boko Haram fighters killed ten villagers in Borno on Sunday, residents said."
    line = {"id": "x1", "text": text, "published": "31/31/2021", "title": 7}
    report = _ingest_folder(tmp_path, "b_dates.jsonl", (json.dumps(line) + "\n").encode())
    assert report["new"] == 2 and report["skipped"] == 0, report
    reasons = " | ".join(w["reason"] for w in report["warnings"])
    assert "31/31/2021" in reasons and "text kept" in reasons and '"title" must be a string' in reasons


@pytest.mark.parametrize("run", ["(" * 16_000, ")]}" * 3_000, "-=" * 5_000 + "x", "!?" * 40])
def test_long_punctuation_runs_are_broken_without_moving_offsets(run):
    text = f"Before {run} after."
    out, n = defuse_punctuation_runs(text)
    assert len(out) == len(text)
    assert out.startswith("Before ") and out.endswith(" after.")
    longest = max(len(chunk) for chunk in out.split())
    assert longest <= MAX_PUNCT_RUN + 6  # "x" or "after." may touch the last piece
    assert n == (1 if len(run) > MAX_PUNCT_RUN else 0)


def test_words_and_urls_are_left_alone():
    text = "See https://example.org/a/b?c=d&e=f#g and state-of-the-art --- fine..."
    assert defuse_punctuation_runs(text) == (text, 0)


def test_extract_on_a_warc_archive_points_to_ingest(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_truncated_warc())
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 2
    assert "militantmap ingest" in result.output
