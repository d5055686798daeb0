"""CSV and JSON downloads: the dashboard's list views and the API's list endpoints.

A view's download holds exactly the rows of the view (every page, same order, same filters),
with a fixed column set; a typo in a filter is the same 4xx as the page. The store is the
bundled sample corpus ingested with the real pipeline.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from samplestore import build_sample_store

from diplograph.query.downloads import COLUMNS
from diplograph.server import create_app
from diplograph.settings import Settings

# (dashboard path, kind, filters): each view and a filter it offers
VIEWS = [
    ("/events", "events", {"country": "Viet Nam", "type": "visit"}),
    ("/events", "events", {"partner": "CHN", "since": "2023", "until": "2024-12"}),
    ("/events", "events", {}),  # several pages
    ("/documents", "documents", {"since": "2023"}),
    ("/documents", "documents", {}),
    ("/figures", "figures", {"country": "KOR"}),
    ("/figures", "figures", {"type": "trade_value"}),
    ("/relations", "relations", {"country": "VNM", "type": "Strategic Partnership"}),
    ("/relations", "relations", {}),
]
ID = re.compile(r'data-id="([^"]+)"')


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("downloads"))


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db)))) as c:
        yield c


def view_ids(client: TestClient, path: str, params: dict[str, str]) -> list[str]:
    """The record ids the HTML view shows, page after page."""
    ids: list[str] = []
    for page in range(1, 100):
        html = client.get(path, params={**params, "page": str(page)}).text
        ids += ID.findall(html)
        if 'rel="next"' not in html:
            return ids
    raise AssertionError("more than 99 pages")


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(("path", "kind", "params"), VIEWS)
def test_downloads_hold_the_rows_of_the_view(client, path, kind, params) -> None:
    ids = view_ids(client, path, params)
    assert ids, f"{path} {params} shows no rows; pick a filter with rows"
    got = client.get(path, params={**params, "format": "csv"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert got.headers["content-disposition"].startswith(f'attachment; filename="{kind}')
    rows = csv_rows(got.text)
    assert [r["id"] for r in rows] == ids
    assert tuple(csv.reader(io.StringIO(got.text)).__next__()) == COLUMNS[kind]
    body = client.get(path, params={**params, "format": "json"}).json()
    assert [str(r["id"]) for r in body["data"]] == ids and body["count"] == len(ids)
    assert all(tuple(r) == COLUMNS[kind] for r in body["data"])


def test_downloads_span_every_page(client) -> None:
    html = client.get("/events").text
    assert 'rel="next"' in html, "the sample has more events than one page"
    assert len(csv_rows(client.get("/events", params={"format": "csv"}).text)) == int(
        re.search(r"([\d,]+) events?, newest first", html).group(1).replace(",", "")
    )


def test_downloads_match_sql(client, db: Path) -> None:
    rows = csv_rows(client.get("/events", params={"partner": "USA", "format": "csv"}).text)
    with sqlite3.connect(db) as conn:
        expected = conn.execute(
            "SELECT id FROM events WHERE 'USA' IN (source_code, target_code) "
            "ORDER BY date DESC, id DESC"
        ).fetchall()
    assert [int(r["id"]) for r in rows] == [i for (i,) in expected] and rows


def test_downloads_links_on_the_page_keep_the_filters(client) -> None:
    html = client.get("/events", params={"country": "VNM", "type": "VISIT", "page": "1"}).text
    links = re.findall(r'<a href="(\?[^"]+)" rel="nofollow" download>(CSV|JSON)</a>', html)
    assert [label for _, label in links] == ["CSV", "JSON"]
    for href, label in links:
        href = href.replace("&amp;", "&")
        assert "country=VNM" in href and "type=VISIT" in href and "page=" not in href
        assert f"format={label.lower()}" in href
        assert client.get("/events" + href).status_code == 200


def test_downloads_csv_round_trips_text(client) -> None:
    rows = csv_rows(client.get("/events", params={"format": "csv"}).text)
    data = client.get("/events", params={"format": "json"}).json()["data"]
    assert any("," in r["sentence"] or '"' in r["sentence"] for r in rows)
    assert [r["sentence"] for r in rows] == [r["sentence"] for r in data]


def test_downloads_empty_result_keeps_the_header(client) -> None:
    got = client.get("/events", params={"country": "ISL", "format": "csv"})
    assert got.status_code == 200 and got.text.strip() == ",".join(COLUMNS["events"])
    assert client.get("/events", params={"country": "ISL", "format": "json"}).json() == {
        "data": [],
        "count": 0,
    }


@pytest.mark.parametrize(
    ("path", "params", "hint"),
    [
        ("/events", {"country": "Vietnm"}, "did you mean Vietnam (VNM)"),
        ("/events", {"type": "VISTI"}, "did you mean VISIT"),
        ("/events", {"since": "last year"}, "use YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/documents", {"until": "2023-13-45x"}, "use YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/figures", {"country": "Koreaa"}, "did you mean"),
        ("/relations", {"type": "strategic partnershp"}, "did you mean strategic partnership"),
    ],
)
def test_downloads_typo_is_the_same_error_as_the_page(client, path, params, hint) -> None:
    page = client.get(path, params=params)
    assert page.status_code == 400 and hint in page.text
    for fmt in ("csv", "json"):
        download = client.get(path, params={**params, "format": fmt})
        assert download.status_code == page.status_code
        message = re.search(r'<p class="error-message">(.*?)</p>', download.text, re.S)
        assert message and message.group(1) in page.text


def test_downloads_unknown_format_is_refused(client) -> None:
    assert client.get("/events", params={"format": "xlsx"}).status_code == 422


@pytest.mark.parametrize("kind", ["events", "figures", "relations", "documents"])
def test_api_csv_has_the_rows_of_the_json_page(client, kind) -> None:
    params = {"limit": "7", "offset": "2"}
    if kind != "documents":
        params["country"] = "VNM"
    page = client.get(f"/api/{kind}", params=params).json()
    got = client.get(f"/api/{kind}", params={**params, "format": "csv"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    rows = csv_rows(got.text)
    assert [r["id"] for r in rows] == [str(r["id"]) for r in page["data"]] and len(rows) == 7
    assert tuple(rows[0]) == COLUMNS[kind]


def test_api_list_filters_equal_the_views(client) -> None:
    params = {"country": "Viet Nam", "type": "visit", "since": "2023"}
    view = csv_rows(client.get("/events", params={**params, "format": "csv"}).text)
    api = csv_rows(
        client.get("/api/events", params={**params, "format": "csv", "limit": "500"}).text
    )
    assert view == api and view


def test_api_typos_are_422_with_suggestions(client) -> None:
    for params, hint in [
        ({"country": "Vietnm"}, "did you mean Vietnam (VNM)"),
        ({"type": "VISTI"}, "did you mean VISIT"),
    ]:
        for fmt in ("json", "csv"):
            r = client.get("/api/events", params={**params, "format": fmt})
            assert r.status_code == 422 and hint in r.json()["error"]
    assert client.get("/api/events", params={"format": "xml"}).status_code == 422


def test_api_openapi_lists_the_csv_format(client) -> None:
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/api/events"]["get"]
    assert "text/csv" in op["responses"]["200"]["content"]
    assert any(p["name"] == "format" for p in op["parameters"])
    assert json.dumps(spec).count('"/api/network"') == 1
