"""Bounded work per article (issue 11, item 1): a time budget on one document's rule stages
(militantmap.budget, a watchdog that works in any thread) and a size budget before parsing; an
article over either is skipped with its reason and the run goes on; the web ingest holds its
lock for one chunk at a time."""
from __future__ import annotations

import threading
import time

import pytest

from militantmap.article import Article
from militantmap.budget import OverBudget, time_limit


def _spin(seconds: float) -> int:
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        n += 1
    return n


def test_a_slow_python_loop_is_stopped_in_the_main_thread():
    started = time.monotonic()
    with pytest.raises(OverBudget, match=r"extraction exceeded 0.3 s"):
        with time_limit(0.3):
            _spin(30)
    assert time.monotonic() - started < 5


def test_a_slow_python_loop_is_stopped_in_a_worker_thread():
    """The web app extracts in worker threads, where SIGALRM cannot reach."""
    got: list[object] = []

    def work() -> None:
        try:
            with time_limit(0.3):
                _spin(30)
            got.append("finished")
        except OverBudget as err:
            got.append(err)

    t = threading.Thread(target=work)
    started = time.monotonic()
    t.start()
    t.join(10)
    assert isinstance(got[0], OverBudget) and time.monotonic() - started < 5


def test_work_within_budget_is_left_alone_and_nothing_fires_later():
    for _ in range(50):
        with time_limit(0.2):
            _spin(0.001)
    _spin(0.5)  # a stray exception would arrive here
    with time_limit(0):  # 0: no limit
        _spin(0.05)


def test_an_article_over_budget_is_skipped_with_its_reason_and_the_run_goes_on(tmp_path, monkeypatch):
    from militantmap.extract import pipeline
    from militantmap.store import ingest_articles, queries

    original = pipeline.Extractor._extract_doc

    def slow_on_stall(self, prepared, doc):
        if "STALL" in prepared["text"]:
            _spin(60)
        return original(self, prepared, doc)

    monkeypatch.setattr(pipeline.Extractor, "_extract_doc", slow_on_stall)
    monkeypatch.setattr(pipeline, "MAX_SECONDS", 0.5)
    arts = [Article(id="a", source="a.txt", text="Boko Haram fighters attacked Maiduguri on Monday."),
            Article(id="b", source="b.txt", text="STALL. Al-Shabaab claimed the attack in Mogadishu."),
            Article(id="c", source="c.txt", text="x" * (pipeline.MAX_CHARS + 1)),
            Article(id="d", source="d.txt", text="The Taliban said they captured Kunduz on Friday.")]
    started = time.monotonic()
    summary = ingest_articles(f"sqlite:///{tmp_path / 's.db'}", arts)
    assert time.monotonic() - started < 120
    assert summary.new == 3, summary.as_dict()
    reasons = dict(summary.skipped)
    assert "extraction exceeded 0.5 s" in reasons["b.txt"]
    # over the size cap: read up to it, with a warning naming the article (issue 9, item 5)
    assert "c.txt" not in reasons
    assert f"text longer than {pipeline.MAX_CHARS:,} characters" in dict(summary.warnings)["c.txt"]
    assert queries.overview(f"sqlite:///{tmp_path / 's.db'}")["articles"] == 3


def test_an_article_over_the_size_cap_is_read_up_to_a_sentence_end_with_a_warning(tmp_path, monkeypatch):
    """Issue 9, item 5: a long article is truncated at a paragraph or sentence end before the
    cap, with a warning naming it; the facts before the cut are read, none after it."""
    from militantmap.extract import pipeline
    from militantmap.store import ingest_articles, queries

    monkeypatch.setattr(pipeline, "MAX_CHARS", 2_000)
    head = "Boko Haram fighters attacked a market in Maiduguri on Monday, killing 12 people, police said.\n\n"
    filler = "The weather in the capital stayed dry and markets were busy through the week. " * 40
    tail = "\n\nAl-Shabaab claimed an attack on a hotel in Mogadishu on Tuesday."
    art = Article(id="long", source="long.txt", text=head + filler + tail)
    summary = ingest_articles(f"sqlite:///{tmp_path / 's.db'}", [art])
    assert summary.new == 1 and not summary.skipped, summary.as_dict()
    (source, warning), = summary.warnings
    assert source == "long.txt" and "text longer than 2,000 characters" in warning
    kept = int(warning.split("only the first ")[1].split(" ")[0].replace(",", ""))
    assert kept <= 2_000 and (head + filler)[:kept].endswith("through the week.")
    names = {g["name"] for g in queries.list_groups(f"sqlite:///{tmp_path / 's.db'}")}
    assert "Boko Haram" in names and not any("Shabaab" in n for n in names)


def test_the_web_ingest_holds_its_lock_one_chunk_at_a_time(tmp_path, monkeypatch):
    from militantmap.store import ingest as store_ingest
    from militantmap.web import intake

    held: list[bool] = []

    def batch(self, chunk):
        held.append(intake._INGEST_LOCK.locked())
        assert len(chunk) <= store_ingest.BATCH

    monkeypatch.setattr(store_ingest._Run, "batch", batch)
    arts = [Article(id=str(n), text=f"Article number {n} about nothing.") for n in range(40)]
    intake.ingest(f"sqlite:///{tmp_path / 's.db'}", arts)
    assert held == [True, True, True]  # held in each chunk of 16, released in between
    assert not intake._INGEST_LOCK.locked()


def test_a_stage_that_swallows_the_exception_is_still_over_budget():
    with pytest.raises(OverBudget):
        with time_limit(0.2):
            for _ in range(20):
                try:
                    _spin(0.05)
                except Exception:  # noqa: BLE001 - a careless stage
                    pass
    _spin(0.3)  # nothing pending afterwards


def test_html_over_its_budget_is_refused_before_trafilatura(monkeypatch):
    from militantmap.errors import InputError
    from militantmap.extract import pipeline

    monkeypatch.setattr(pipeline, "MAX_HTML_CHARS", 1000)
    with pytest.raises(InputError, match="HTML longer than 1,000 characters"):
        pipeline.Extractor.default().prepare(Article(text="", html="<p>x</p>" * 200, source="big.html"))
