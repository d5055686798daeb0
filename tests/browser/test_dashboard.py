"""The dashboard in a real browser: pages load cleanly, filters work, evidence is visible,
hostile article text stays inert, phone width works; screenshots of every page (the map, network,
comparison and a review included; conflicts and alerts from their own tests) go to
docs/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PAGES = {
    "overview": "/",
    "events": "/events?country=VNM",
    "partner": "/partners/NGA",
    "partners": "/partners",
    "search": "/search?q=visit",
    "documents": "/documents",
    "document": "/documents/vn-nigeria-upgrade-2025",
    "reviews": "/reviews",
    "api": "/docs",
    "map": "/map",
    "network": "/network",
    "compare": "/compare?a=KEN&b=NGA&partner=VNM",
    "figures": "/figures",
    "relations": "/relations",
    "explain": "/documents/ke-vietnam-visit-2024/explain/0",
    "review": "/reviews?country=VNM&period=2024",
    "partners-kenya": "/partners/VNM?with=Kenya",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_dashboard_page_loads_without_console_errors(
    page: Any, live_server: str, name: str
) -> None:
    response = page.goto(live_server + PAGES[name])
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
    assert page.errors == []


def test_dashboard_type_filter_submits_on_change(page: Any, live_server: str) -> None:
    page.goto(live_server + "/events")
    with page.expect_navigation():
        page.select_option("select[name=type]", "CALL")
    assert "type=CALL" in page.url
    assert "country=" not in page.url  # empty fields are left out
    badges = page.locator(".event .badge").all_inner_texts()
    assert badges == ["CALL", "CALL"]
    assert page.errors == []


def test_dashboard_country_and_date_filters(page: Any, live_server: str) -> None:
    page.goto(live_server + "/events")
    page.fill("input[name=partner]", "NGA")
    page.fill("input[name=since]", "2025")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*partner=NGA*")
    assert page.locator("#result-count").inner_text().startswith("2 events")
    assert page.errors == []


def test_dashboard_evidence_highlight_is_visible(page: Any, live_server: str) -> None:
    page.goto(live_server + "/events?partner=KEN&type=VISIT")
    mark = page.locator("mark.evidence").first
    assert mark.is_visible()
    assert "state visit" in mark.inner_text()
    background = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(".event .context .around").count() >= 1  # the document context


def test_dashboard_document_anchor_focuses_sentence(page: Any, live_server: str) -> None:
    page.goto(live_server + "/documents/ke-vietnam-visit-2024#s1")
    assert "focus" in (page.locator("#s1").get_attribute("class") or "")


def test_dashboard_hostile_text_stays_inert(page: Any, live_server: str) -> None:
    page.goto(live_server + "/documents/vn-nigeria-upgrade-2025")
    page.wait_for_load_state("networkidle")
    body = page.locator(".doc-text").inner_text()
    assert '<script>alert("pwned")</script>' in body
    assert '<img src=x onerror="alert(2)">' in body
    assert "<script>alert(3)</script>" in page.locator("h1").inner_text()
    assert page.evaluate("document.scripts.length") == 1
    assert page.locator(".doc-text img").count() == 0
    assert page.errors == []  # no alert dialog, no CSP violation


def test_dashboard_works_at_phone_width(browser: Any, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    p = context.new_page()
    try:
        p.goto(live_server + "/events")
        nav = p.locator("#nav")
        assert not nav.is_visible()
        p.click(".nav-toggle")
        assert nav.is_visible()
        width = p.evaluate("document.documentElement.scrollWidth")
        assert width <= 391, f"page is {width}px wide at a 390px viewport"
    finally:
        context.close()


def test_dashboard_screenshots(browser: Any, live_server: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    try:
        for name, path in PAGES.items():
            p.goto(live_server + path)
            p.wait_for_load_state("networkidle")
            p.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    p = phone.new_page()
    try:
        p.goto(live_server + "/partners/NGA")
        p.screenshot(path=str(SHOTS / "phone-partner.png"), full_page=True)
    finally:
        phone.close()
    for name in [*PAGES, "phone-partner"]:
        assert (SHOTS / f"{name}.png").stat().st_size > 5_000
