"""Dashboard /conflicts and /reviews, and canonical counts on the overview and in `stats`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conflictcorpus import fill_store
from fastapi.testclient import TestClient

from diplograph.cli import app
from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import Store

ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"


@pytest.fixture
def client(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    fill_store(store, tmp_path / "articles")
    with TestClient(create_app(Settings(db=store.url))) as c:
        yield c


def test_web_conflicts_shows_both_sentences_highlighted(client: TestClient) -> None:
    r = client.get("/conflicts")
    assert r.status_code == 200
    html = r.text
    assert "2 conflicts" in html and "visits_abroad VNM 2023" in html
    assert 'made <strong class="hit">25</strong> visits' in html
    assert 'made <strong class="hit">27</strong> visits' in html
    assert html.count('<mark class="evidence">') == 4  # two conflicts, two sides each
    assert '<span class="around">' in html  # neighbouring sentences for context


def test_web_conflicts_escape_hostile_text(client: TestClient) -> None:
    html = client.get("/conflicts").text
    assert ESCAPED in html
    assert 'alert("x")</script>' not in html
    assert html.count("<script") == 1  # only /static/app.js


def test_web_conflicts_empty_state(client: TestClient) -> None:
    html = client.get("/conflicts", params={"country": "FRA"}).text
    assert 'id="no-conflicts"' in html and "No conflicts found" in html


def test_web_conflicts_bad_filter_is_an_html_error(client: TestClient) -> None:
    r = client.get("/conflicts", params={"since": "soon"})
    assert r.status_code == 400 and "use YYYY" in r.text


def test_web_reviews_form_without_review(client: TestClient) -> None:
    html = client.get("/reviews").text
    assert 'id="review-form"' in html and 'value="VNM"' in html
    assert 'id="review"' not in html


def test_web_reviews_renders_review_escaped_without_inline_code(client: TestClient) -> None:
    r = client.get("/reviews", params={"country": "VNM", "period": "2023"})
    assert r.status_code == 200
    html = r.text
    assert "Foreign relations review: Vietnam (VNM), 2023" in html
    assert "<svg" in html  # the chart is inline markup, allowed by the CSP
    assert "<style" not in html and html.count("<script") == 1
    assert ESCAPED in html and 'alert("x")</script>' not in html
    assert "A busy year &lt;script&gt;" in html  # document titles in the sources list
    assert 'href="/reviews/review.md?country=VNM&amp;period=2023"' in html


def test_web_reviews_bad_period_explains(client: TestClient) -> None:
    r = client.get("/reviews", params={"country": "VNM", "period": "last year"})
    assert r.status_code == 400
    assert "D420" in r.text and 'id="review-form"' in r.text


def test_web_reviews_markdown_download(client: TestClient) -> None:
    r = client.get("/reviews/review.md", params={"country": "VNM", "period": "2023"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/markdown")
    assert 'filename="review-VNM-2023.md"' in r.headers["content-disposition"]
    assert r.text.startswith("# Foreign relations review: Vietnam (VNM), 2023")
    assert client.get("/reviews/review.md", params={"country": "VNM"}).status_code == 400


def test_web_overview_shows_canonical_count(client: TestClient) -> None:
    html = client.get("/").text
    assert "<b>4</b> events reported in 5 records" in html


def test_web_nav_links_conflicts(client: TestClient) -> None:
    assert 'href="/conflicts" aria-current="page"' in client.get("/conflicts").text


def test_cli_stats_json_has_canonical_events(store: Store, tmp_path: Path, runner) -> None:
    fill_store(store, tmp_path / "articles")
    result = runner.invoke(app, ["stats", "--json", "--db", store.url])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert (stats["events"], stats["canonical_events"]) == (5, 4)
    assert stats["canonical_events_by_type"]["VISIT"] == 2
