"""The network, map and comparison pages and the downloads in Chromium: they load without
console errors (no CSP violation, no external request), the SVG graph and map link to partner
pages, the forms work, and the CSV link downloads the rows of the view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_browser_network_draws_and_links(page: Any, live_server: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(live_server + "/network")
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    graph = page.locator("#network svg")
    assert graph.is_visible()
    nodes = page.locator("#network a.node")
    assert nodes.count() == 6  # Vietnam and the five partners of the invented articles
    assert page.locator("#network a.focus-node text").text_content() == "Vietnam"
    assert page.locator("#network line.edge").count() == 5
    assert all(u.startswith(live_server) for u in requests), "no CDN, no external request"
    with page.expect_navigation():
        page.locator('#network a.node[data-code="KEN"] circle').click()
    assert page.url.endswith("/partners/KEN")
    assert page.errors == []


def test_browser_network_filter_submits_on_change(page: Any, live_server: str) -> None:
    page.goto(live_server + "/network?focus=Viet+Nam")
    with page.expect_navigation():
        page.select_option("select[name=types]", "CALL")
    assert "types=CALL" in page.url
    assert page.locator("#network line.edge").count() == 2  # the calls with Chile and Brazil
    assert page.errors == []


def test_browser_map_draws_offline_and_links(page: Any, live_server: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(live_server + "/map")
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("#map svg").is_visible()
    assert page.locator("#map path.country").count() > 170
    assert page.locator("#map path.focus-country").count() == 1
    assert page.locator("#map circle.place").count() >= 2  # Hanoi and Abuja at least
    assert all(u.startswith(live_server) for u in requests), "no tiles, no CDN"
    tooltip = page.locator('#map .bubbles a[data-code="KEN"] title').text_content()
    assert tooltip is not None and tooltip.startswith("Kenya (KEN): ")
    with page.expect_navigation():
        page.locator('#map .bubbles a[data-code="KEN"] circle').click()
    assert page.url.endswith("/partners/KEN")
    assert page.errors == []


def test_browser_map_focus_form_reads_any_spelling(page: Any, live_server: str) -> None:
    page.goto(live_server + "/map")
    page.fill("input[name=focus]", "Kenya")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "focus=Kenya" in page.url
    assert "Map of Kenya" in page.locator("h1").inner_text()
    assert page.locator('#map a[data-code="VNM"] path.country').count() == 1  # its partner
    assert page.errors == []


def test_browser_compare_form_shows_both_sides(page: Any, live_server: str) -> None:
    page.goto(live_server + "/compare")
    page.fill("input[name=a]", "Kenya")
    page.fill("input[name=b]", "Nigeria")
    page.fill("input[name=partner]", "Viet Nam")
    page.click("#compare-form button[type=submit]")
    page.wait_for_selector("#compare-title")
    assert "Kenya vs Nigeria with Vietnam" in page.locator("#compare-title").inner_text()
    assert page.locator(".compare .side").count() == 2
    assert page.locator(".compare .side svg").count() == 2
    assert page.errors == []


def test_browser_events_csv_link_downloads_the_view(page: Any, live_server: str) -> None:
    page.goto(live_server + "/events?country=VNM&type=CALL")
    shown = page.locator("article.event").evaluate_all("els => els.map(e => e.dataset.id)")
    with page.expect_download() as info:
        page.click("#downloads a:text('CSV')")
    download = info.value
    assert download.suggested_filename == "events-VNM-CALL.csv"
    lines = Path(download.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,doc_id,") and [x.split(",")[0] for x in lines[1:]] == shown
    assert page.errors == []


def test_browser_partners_home_selector_reads_any_spelling(page: Any, live_server: str) -> None:
    page.goto(live_server + "/partners")
    page.fill("#home-form input[name=with]", "Nigeria")
    with page.expect_navigation():
        page.click("#home-form button[type=submit]")
    assert "with=Nigeria" in page.url
    assert page.locator("h1").inner_text() == "Partners of Nigeria"
    with page.expect_navigation():
        page.click(".tiers a:text('Vietnam')")
    assert page.url.endswith("/partners/VNM?with=NGA")
    assert "Relations with Nigeria" in page.locator("p.lead").first.inner_text()
    assert page.errors == []
