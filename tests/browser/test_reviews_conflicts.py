"""The /conflicts and /reviews pages load in Chromium without console errors (CSP included)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_browser_conflicts_and_reviews_load_cleanly(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/conflicts")
    assert page.locator("h1").inner_text() == "Conflicts between sources"
    page.goto(f"{live_server}/reviews")
    page.fill("input[name=period]", "2024")
    page.click("#review-form button[type=submit]")
    page.wait_for_selector("#review svg")
    heading = page.locator("#review h1").inner_text()
    assert "Foreign relations review: Vietnam (VNM), 2024" in heading
    assert page.locator("#download-md").count() == 1
    assert page.errors == []
