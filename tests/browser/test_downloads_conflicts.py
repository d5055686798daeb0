"""The search, partners and conflicts pages in Chromium (#17): their CSV links download what
the page shows, and a tier upgrade told by two articles shows as one flagged conflict with
both sentences."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SHOTS, serving
from upgradecorpus import UPGRADE_A, UPGRADE_B

from diplograph.jobs import ingest_documents
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

pytestmark = pytest.mark.browser


def downloaded(page: Any, link: str) -> tuple[str, list[dict[str, str]]]:
    """Click a download link; the suggested file name and the CSV rows."""
    with page.expect_download() as info:
        page.click(link)
    download = info.value
    with Path(download.path()).open(encoding="utf-8", newline="") as fh:
        return download.suggested_filename, list(csv.DictReader(fh))


def test_browser_search_csv_link_downloads_the_hits(page: Any, live_server: str) -> None:
    page.goto(live_server + "/search")
    page.fill("input[name=q]", "visit")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    cards = page.locator("ol.hits li.card")
    shown = cards.evaluate_all("els => els.map(e => [e.dataset.doc, e.dataset.idx])")
    assert shown and len(shown) < 25  # one page: the file holds exactly these
    name, rows = downloaded(page, "#downloads a:text('CSV')")
    assert name == "search-visit.csv"
    assert [[r["doc_id"], r["idx"]] for r in rows] == shown
    assert page.errors == []


def test_browser_partners_csv_link_downloads_the_tiers(page: Any, live_server: str) -> None:
    page.goto(live_server + "/partners")
    shown = page.locator(".tiers li a").evaluate_all(
        "els => els.map(e => e.getAttribute('href').split('/').pop())"
    )
    name, rows = downloaded(page, "#downloads a:text('CSV')")
    assert name == "tiers-VNM.csv" and shown
    assert [r["code"] for r in rows] == shown
    nga = next(r for r in rows if r["code"] == "NGA")
    assert nga["tier"] == "strategic partnership" and nga["wikidata"] == "Q1033"
    assert page.errors == []


@pytest.fixture(scope="module")
def upgrade_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store holding one upgrade told by two articles."""
    folder = tmp_path_factory.mktemp("upgrade")
    (folder / "in").mkdir()
    for name, text in {"a.txt": UPGRADE_A, "b.txt": UPGRADE_B}.items():
        (folder / "in" / name).write_text(text, encoding="utf-8")
    db = folder / "upgrade.db"
    store = SQLiteStore(str(db))
    try:
        ingest_documents([str(folder / "in")], store, Settings(db=str(db)))
    finally:
        store.close()
    with serving(db) as url:
        yield url


def test_browser_conflicts_flag_an_upgrade_told_twice(page: Any, upgrade_server: str) -> None:
    response = page.goto(upgrade_server + "/conflicts")
    assert response is not None and response.status == 200
    card = page.locator('article.conflict[data-kind="tier_double_count"]')
    assert card.count() == 1 and card.is_visible()
    assert card.locator(".badge").inner_text() == "one upgrade, several reports"
    sides = card.locator(".side")
    assert sides.count() == 2
    assert [sides.nth(i).locator("a.doc").inner_text() for i in range(2)] == ["a", "b"]
    assert "raised their ties" in sides.nth(1).locator("mark.evidence").inner_text()
    name, rows = downloaded(page, "#downloads a:text('CSV')")
    assert name == "conflicts.csv"
    flagged = [r for r in rows if r["kind"] == "tier_double_count"]
    assert [(r["doc_a"], r["doc_b"]) for r in flagged] == [("a", "b")]
    assert page.errors == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "conflicts.png"), full_page=True)
