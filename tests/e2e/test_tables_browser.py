"""Issue 10, items 6, 8 and 9 in a real headless Chromium: sorting a table changes its order,
its downloads give files that parse, the ties page and an article page with its facts load
clean, and a mistyped search says what was meant."""
from __future__ import annotations

import csv
import json

import pytest

from test_web_browser import _clean

pytestmark = [pytest.mark.browser, pytest.mark.shared]


def _column(page, table: str, index: int) -> list[str]:
    return page.locator(f"table.{table} tbody tr td:nth-child({index})").all_inner_texts()


def test_sorting_the_groups_table_changes_the_order(page, dev_server):
    page.goto(dev_server + "/groups")
    before = _column(page, "groups", 1)
    page.get_by_role("link", name="Group", exact=True).click()
    page.wait_for_load_state()
    descending = _column(page, "groups", 1)
    assert descending != before and descending == sorted(descending, key=str.casefold, reverse=True)
    page.get_by_role("link", name="Group ▼").click()  # a second click reverses
    page.wait_for_load_state()
    assert _column(page, "groups", 1) == sorted(descending, key=str.casefold)
    assert page.locator("th[aria-sort=ascending]").count() == 1
    _clean(page)


def test_ties_table_sorts_filters_and_downloads(page, dev_server, tmp_path):
    page.goto(dev_server + "/ties")
    total = int(page.locator("h2").first.inner_text().split()[0])
    page.get_by_role("link", name="Confidence").click()
    page.wait_for_load_state()
    values = [float(v) for v in _column(page, "ties", 5)]
    assert values == sorted(values, reverse=True) and len(values) == min(total, 100)
    page.locator("select[name=modality]").select_option("reported")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state()
    shown = int(page.locator("h2").first.inner_text().split()[0])
    assert 0 < shown < total
    assert set(_column(page, "ties", 4)) == {"reported"}
    with page.expect_download() as got:
        page.get_by_role("link", name="CSV").click()
    got.value.save_as(tmp_path / "ties.csv")
    rows = list(csv.DictReader((tmp_path / "ties.csv").open(encoding="utf-8")))
    assert len(rows) == shown and {r["modality"] for r in rows} == {"reported"}
    with page.expect_download() as got:
        page.get_by_role("link", name="JSON").click()
    got.value.save_as(tmp_path / "ties.json")
    assert len(json.loads((tmp_path / "ties.json").read_text())) == shown
    _clean(page)


def test_article_page_lists_its_facts_and_search_suggests(page, dev_server):
    page.goto(dev_server + "/evidence/article:3")
    assert page.locator("h2", has_text="Facts taken from this article").count() == 1
    facts = page.locator("ul.article-facts li")
    assert facts.count() >= 1
    with page.expect_navigation():
        facts.first.get_by_role("link", name="sentence").click()
    assert page.locator("mark#evidence").count() == 1
    page.goto(dev_server + "/search?q=Boko+Harm")
    page.get_by_role("link", name="Boko Haram").first.click()
    page.wait_for_load_state()
    assert "Boko Haram" in page.locator("h1").inner_text()
    _clean(page)
