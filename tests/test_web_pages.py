"""Dashboard pages rendered server-side: status, escaping, empty states, HTML errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webcorpus import build_store

from diplograph.server import create_app
from diplograph.settings import Settings

PAGES = [
    "/",
    "/events",
    "/events?type=CALL&country=&since=2023",
    "/partners",
    "/partners/NGA",
    "/search?q=visit",
    "/documents",
    "/documents/vn-nigeria-upgrade-2025",
    "/reviews",
    "/docs",
    "/documents?since=2024",
    "/figures?country=VNM",
    "/relations?type=strategic+partnership",
    "/network",
    "/network?focus=all&group=cooperative&since=2023",
    "/compare",
    "/compare?a=Kenya&b=Nigeria&partner=Viet+Nam",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web"))[0]


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db)))) as c:
        yield c


@pytest.mark.parametrize("path", PAGES)
def test_web_page_renders(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.text.count("<script") == 1  # only /static/app.js


def test_web_document_text_is_escaped(client: TestClient) -> None:
    html = client.get("/documents/vn-nigeria-upgrade-2025").text
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert "<img" not in html and "alert(3)</script>" not in html


def test_web_event_shows_evidence_in_context(client: TestClient) -> None:
    html = client.get("/events", params={"partner": "NGA", "type": "MEET"}).text
    assert '<mark class="evidence">' in html
    assert 'Bola Tinubu <strong class="hit">met</strong>' in html
    assert "&lt;script&gt;" in html  # the next sentence, escaped


def test_web_search_highlights_matches(client: TestClient) -> None:
    html = client.get("/search", params={"q": "phone"}).text
    assert '<strong class="hit">phone</strong>' in html


def test_web_bad_filter_is_an_html_error(client: TestClient) -> None:
    r = client.get("/events", params={"since": "yesterday"})
    assert r.status_code == 400
    assert "use YYYY, YYYY-MM or YYYY-MM-DD" in r.text
    assert "Traceback" not in r.text


def test_web_unknown_page_is_html_404(client: TestClient) -> None:
    r = client.get("/nowhere")
    assert r.status_code == 404 and "<h1>404</h1>" in r.text


def test_web_empty_store_explains_how_to_ingest(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(db=str(tmp_path / "empty.db")))) as c:
        for path in ("/", "/events", "/documents", "/figures", "/relations"):
            assert "diplograph ingest" in c.get(path).text


def test_web_static_assets_are_bundled(client: TestClient) -> None:
    assert "nav-toggle" in client.get("/static/app.js").text
    assert "@media" in client.get("/static/app.css").text


def test_web_reviews_page_mentions_the_command(client: TestClient) -> None:
    assert "diplograph review" in client.get("/reviews").text


def test_web_document_explains_a_sentence(client: TestClient) -> None:
    page = client.get("/documents/ke-vietnam-visit-2024").text
    link = re.search(r'href="(/documents/ke-vietnam-visit-2024/explain/\d+)"', page)
    assert link, "a sentence with records links to its trace"
    trace = client.get(link.group(1))
    assert trace.status_code == 200
    assert "Actors and how each was resolved" in trace.text and "KEN" in trace.text
    assert client.get("/documents/ke-vietnam-visit-2024/explain/999").status_code == 404


@pytest.mark.parametrize("path", ["/events", "/alerts", "/conflicts", "/figures", "/relations"])
def test_web_forms_read_names_and_suggest_for_typos(client, path):
    by_code = client.get(path, params={"country": "VNM"})
    by_name = client.get(path, params={"country": "Viet Nam"})
    assert by_code.status_code == by_name.status_code == 200
    typo = client.get(path, params={"country": "Vietnm"})
    assert typo.status_code == 400 and "did you mean" in typo.text and "Vietnam" in typo.text


def test_web_partner_page_by_name(client):
    assert client.get("/partners/Japan").status_code == client.get("/partners/JPN").status_code
