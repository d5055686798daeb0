"""Downloads of the search, conflicts and partners-by-tier views (#17), and the Wikidata ids
that every CSV/JSON export carries beside actor codes.

A view's download holds exactly what the view shows (every page, same order, same filters);
the API takes the same filters with ``format=csv``. The store is the bundled sample corpus
ingested with the real pipeline; expected ids come from the bundled table, never from the code
under test.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from samplestore import build_sample_store

from diplograph.cli import app
from diplograph.export import export_store
from diplograph.query.downloads import COLUMNS
from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

HIT = re.compile(r'<li class="card" data-doc="([^"]+)" data-idx="(\d+)">')
CONFLICT = re.compile(
    r'<article class="card conflict" data-kind="([^"]+)">\s*<div class="meta">'
    r'<span class="badge">[^<]*</span> <strong>([^<]*)</strong>'
)
PARTNER = re.compile(r'<li><a href="/partners/([^"]+)">')


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("view-downloads"))


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db), home="VNM"))) as c:
        yield c


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def header(text: str) -> tuple[str, ...]:
    return tuple(next(csv.reader(io.StringIO(text))))


def pages(client: TestClient, path: str, params: dict[str, str], pattern: re.Pattern[str]):
    """What the HTML view shows, page after page (``pattern``'s groups per item)."""
    found: list[tuple[str, ...]] = []
    for page in range(1, 100):
        html = client.get(path, params={**params, "page": str(page)}).text
        found += [m if isinstance(m, tuple) else (m,) for m in pattern.findall(html)]
        if 'rel="next"' not in html:
            return found
    raise AssertionError("more than 99 pages")


def download(client: TestClient, path: str, params: dict[str, str], kind: str):
    """The view's CSV rows and JSON rows, after checking headers and content types."""
    got = client.get(path, params={**params, "format": "csv"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert got.headers["content-disposition"].startswith(f'attachment; filename="{kind}')
    assert header(got.text) == COLUMNS[kind]
    body = client.get(path, params={**params, "format": "json"}).json()
    assert all(tuple(r) == COLUMNS[kind] for r in body["data"])
    assert body["count"] == len(body["data"])
    return csv_rows(got.text), body["data"]


@pytest.mark.parametrize("params", [{"q": "Vietnam"}, {"q": "Vietnam", "since": "2024"}])
def test_search_download_is_every_hit_of_the_view(client, params) -> None:
    shown = pages(client, "/search", params, HIT)
    assert len(shown) > 25 or params.get("since"), "pick words with more than one page"
    rows, data = download(client, "/search", params, "search")
    assert [(r["doc_id"], r["idx"]) for r in rows] == shown
    assert [(r["doc_id"], str(r["idx"])) for r in data] == shown
    html = client.get("/search", params=params).text
    assert 'rel="nofollow" download>CSV</a>' in html and "format=csv" in html


def test_search_download_name_and_empty_query(client) -> None:
    got = client.get("/search", params={"q": "strategic partnership", "format": "csv"})
    assert 'filename="search-strategic_partnership.csv"' in got.headers["content-disposition"]
    empty = client.get("/search", params={"format": "csv"})
    assert empty.status_code == 200 and header(empty.text) == COLUMNS["search"]
    assert csv_rows(empty.text) == []


@pytest.mark.parametrize("params", [{}, {"country": "Viet Nam", "since": "2023"}])
def test_conflicts_download_is_every_conflict_of_the_view(client, params) -> None:
    shown = pages(client, "/conflicts", params, CONFLICT)
    assert shown, "the sample has conflicts"
    rows, data = download(client, "/conflicts", params, "conflicts")
    assert [(r["kind"], r["subject"]) for r in rows] == shown
    assert [(r["kind"], r["subject"]) for r in data] == shown
    assert all(r["doc_a"] and r["doc_b"] and r["sentence_a"] and r["sentence_b"] for r in rows)
    codes = {**params, "country": "VNM"} if params else {}  # the API takes codes
    api = client.get("/api/conflicts", params={**codes, "limit": "500"}).json()
    assert [c["values"] for c in api["data"]] == [[r["value_a"], r["value_b"]] for r in rows]


def test_partners_download_is_the_tier_table(client) -> None:
    shown = [code for (code,) in pages(client, "/partners", {}, PARTNER)]
    rows, data = download(client, "/partners", {}, "tiers")
    assert [r["code"] for r in rows] == shown and rows == [
        {k: "" if v is None else str(v) for k, v in r.items()} for r in data
    ]
    assert {r["home"] for r in rows} == {"VNM"}
    usa = next(r for r in rows if r["code"] == "USA")
    assert usa["wikidata"] == "Q30" and usa["tier"] == "comprehensive strategic partnership"
    api = client.get("/api/partners").json()
    flat = [(level, p["code"]) for level, ps in api.items() for p in ps]
    got = client.get("/api/partners", params={"format": "csv"})
    assert [(r["tier"], r["code"]) for r in csv_rows(got.text)] == flat
    other = csv_rows(client.get("/api/partners", params={"with": "JPN", "format": "csv"}).text)
    assert {r["home"] for r in other} == {"JPN"} and other != rows


@pytest.mark.parametrize(
    ("path", "params"),
    [("/api/search", {"q": "visit", "limit": "7", "offset": "3"}),
     ("/api/conflicts", {"limit": "2", "offset": "0"})],
)  # fmt: skip
def test_api_csv_is_the_json_page(client, path, params) -> None:
    page = client.get(path, params=params).json()["data"]
    got = client.get(path, params={**params, "format": "csv"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    rows = csv_rows(got.text)
    if path == "/api/search":
        assert [(r["doc_id"], r["idx"]) for r in rows] == [
            (h["doc_id"], str(h["idx"])) for h in page
        ]
    else:
        assert [(r["kind"], r["subject"]) for r in rows] == [
            (c["kind"], c["subject"]) for c in page
        ]
    assert len(rows) == len(page) > 0


def test_api_search_csv_equals_the_view_download(client) -> None:
    view = csv_rows(client.get("/search", params={"q": "visit", "format": "csv"}).text)
    api = client.get("/api/search", params={"q": "visit", "format": "csv", "limit": "500"})
    assert csv_rows(api.text) == view and view


# Wikidata ids of actors, read from the bundled table (code,wikidata,source)
def table_ids() -> dict[str, str]:
    import diplograph

    path = Path(diplograph.__file__).parent / "data" / "identifiers.csv"
    with path.open(encoding="utf-8") as fh:
        return {r["code"]: r["wikidata"] for r in csv.DictReader(fh) if r["wikidata"]}


SIDES = {
    "events": {"source_code": "source_wikidata", "target_code": "target_wikidata"},
    "relations": {"a": "a_wikidata", "b": "b_wikidata"},
    "figures": {"subject": "subject_wikidata"},
}


def assert_ids(kind: str, rows: list[dict[str, str]]) -> None:
    ids = table_ids()
    assert rows
    for code_col, id_col in SIDES[kind].items():
        assert id_col in rows[0], f"{kind} has no {id_col}"
        for r in rows:
            assert (r[id_col] or "") == ids.get((r[code_col] or "").upper(), ""), (kind, r)
        assert any(r[id_col] for r in rows), f"no {id_col} filled in the sample"


@pytest.mark.parametrize("kind", list(SIDES))
def test_downloads_carry_wikidata_ids(client, kind) -> None:
    text = client.get(f"/{kind}", params={"format": "csv"}).text
    assert_ids(kind, csv_rows(text))
    data = client.get(f"/{kind}", params={"format": "json"}).json()["data"]
    assert_ids(kind, [{k: "" if v is None else str(v) for k, v in r.items()} for r in data])
    api = client.get(f"/api/{kind}", params={"format": "csv", "limit": "50"}).text
    assert_ids(kind, csv_rows(api))
    if kind == "events":
        vnm = [r for r in csv_rows(text) if r["source_code"] == "VNM"]
        assert vnm and {r["source_wikidata"] for r in vnm} == {"Q881"}


@pytest.mark.parametrize("kind", list(SIDES))
def test_cli_csv_and_json_carry_wikidata_ids(db: Path, runner, kind) -> None:
    out = runner.invoke(app, [kind, "--db", str(db), "--format", "csv", "--limit", "40"])
    assert out.exit_code == 0, out.output
    assert_ids(kind, csv_rows(out.output))
    out = runner.invoke(app, [kind, "--db", str(db), "--format", "json", "--limit", "40"])
    data = json.loads(out.output)
    assert_ids(kind, [{k: "" if v is None else str(v) for k, v in r.items()} for r in data])


def test_export_csv_carries_wikidata_ids(db: Path, tmp_path: Path) -> None:
    store = SQLiteStore(str(db))
    try:
        export_store(store, "csv", tmp_path)
    finally:
        store.close()
    for kind in SIDES:
        with (tmp_path / f"{kind}.csv").open(encoding="utf-8", newline="") as fh:
            assert_ids(kind, list(csv.DictReader(fh)))
