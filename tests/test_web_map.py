"""``/map``, ``/api/map`` and the Wikidata ids over the ingested sample corpus (SQLite).

Counts are checked against direct SQL on the same file; the SVG is checked for a path per
country, a point per geocoded place, fills, links and tooltips; names are read in any
spelling and typos get suggestions; Wikidata ids show on the partner page and in the exports.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from samplestore import build_sample_store

from diplograph.export import export_store
from diplograph.query.map import MapPublic
from diplograph.query.world import load_world
from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import SQLiteStore
from diplograph.web.map_chart import map_chart

PAIRED = "source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("map"))


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db), home="VNM"))) as c:
        yield c


def count(db: Path, where: str, args: tuple[str, ...] = ()) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM events WHERE {where}", args).fetchone()[0])


def svg_of(html: str) -> str:
    return html[html.index("<svg") : html.index("</svg>")]


def test_api_map_counts_match_sql(client: TestClient, db: Path) -> None:
    body = client.get("/api/map").json()  # the settings' home country
    assert body["focus"] == "VNM" and body["focus_name"] == "Vietnam"
    assert set(body) >= {"partners", "places", "unplaced", "events", "tiers", "located_events"}
    assert body["events"] == count(db, f"{PAIRED} AND 'VNM' IN (source_code, target_code)")
    chn = next(p for p in body["partners"] if p["code"] == "CHN")
    pair = f"{PAIRED} AND source_code IN ('CHN', 'VNM') AND target_code IN ('CHN', 'VNM')"
    assert chn["events"] == count(db, pair) > 0
    assert chn["tier"] == "comprehensive strategic partnership" and chn["wikidata"] == "Q148"
    assert chn["by_type"]["PROTEST_ACCUSE"] == count(
        db, "type = 'PROTEST_ACCUSE' AND source_code = 'VNM' AND target_code = 'CHN'"
    )
    located = count(db, "location IS NOT NULL AND 'VNM' IN (source_code, target_code)")
    assert body["located_events"] + sum(u["events"] for u in body["unplaced"]) == located
    dated = client.get("/api/map", params={"since": "2024", "until": "2024"}).json()
    in_2024 = "AND date >= '2024' AND date <= '2024-99'"
    assert dated["events"] == count(
        db, f"{PAIRED} AND 'VNM' IN (source_code, target_code) {in_2024}"
    )


def test_api_map_reads_names_and_suggests_on_typos(client: TestClient) -> None:
    by_code = client.get("/api/map", params={"focus": "DEU"}).json()
    assert client.get("/api/map", params={"focus": "Germany"}).json() == by_code
    assert by_code["focus"] == "DEU" and any(p["code"] == "RUS" for p in by_code["partners"])
    typo = client.get("/api/map", params={"focus": "Germny"})
    assert typo.status_code == 422 and "did you mean Germany (DEU)" in typo.json()["error"]
    bad_date = client.get("/api/map", params={"since": "last year"})
    assert bad_date.status_code == 422


def test_web_map_svg_has_a_path_per_country_and_a_point_per_place(client: TestClient) -> None:
    body = client.get("/api/map").json()
    html = client.get("/map").text
    svg = svg_of(html)
    shaped = [s for s in load_world() if s.rings]
    assert svg.count('class="country ') == len(shaped)
    assert svg.count("<path") == len(shaped)
    assert svg.count('class="place"') == len(body["places"]) > 3
    for place in body["places"]:
        assert f"<title>{place['name']} ({place['country']}): {place['events']} event" in svg
    assert 'class="country focus-country"' in svg
    countries = {p["code"]: p for p in body["partners"] if p["kind"] == "country"}
    chn = countries["CHN"]
    link = r'<a href="/partners/CHN" data-code="CHN"><path d="M[^"]+" class="country tier-1">'
    assert re.search(link, svg)
    since = chn["tier_since"]
    assert f"<title>China (CHN): comprehensive strategic partnership since {since}" in svg
    assert svg.count('class="bubble"') == sum(1 for p in countries.values() if p["events"])
    assert 'data-code="SGP"' in svg  # too small for the 110m shapes: a dot
    assert "cdn" not in html.lower() and html.count("<script") == 1
    assert 'href="/map" aria-current="page"' in html  # the nav link


def test_web_map_shades_partners_without_a_tier_and_lists_organisations(client: TestClient) -> None:
    body = client.get("/api/map").json()
    untiered = [p for p in body["partners"] if p["kind"] == "country" and not p["tier"]]
    assert untiered
    html = client.get("/map").text
    for p in untiered:
        assert re.search(
            rf'data-code="{p["code"]}"><path d="[^"]+" class="country shade-\d">', html
        )
    orgs = [p for p in body["partners"] if p["kind"] == "organisation"]
    table = html[html.index('<table id="partners"') :]
    assert orgs and all(f'<tr data-code="{p["code"]}">' in table for p in orgs)
    assert 'href="https://www.wikidata.org/wiki/Q458"' in table  # the EU


def test_web_map_is_deterministic_and_focus_in_any_spelling(client: TestClient) -> None:
    first, second = client.get("/map?focus=DEU").text, client.get("/map?focus=DEU").text
    assert first == second
    assert svg_of(client.get("/map", params={"focus": "Viet Nam"}).text) == svg_of(
        client.get("/map", params={"focus": "VNM"}).text
    )


def test_web_map_errors_are_html_with_suggestions(client: TestClient) -> None:
    typo = client.get("/map", params={"focus": "Viet Nma"})
    assert typo.status_code == 400 and "did you mean" in typo.text and "Vietnam" in typo.text
    bad = client.get("/map", params={"until": "2024-13-99x"})
    assert bad.status_code == 400 and "until" in bad.text


def test_web_partner_page_links_its_wikidata_item(client: TestClient) -> None:
    html = client.get("/partners/USA").text
    assert '<a href="https://www.wikidata.org/wiki/Q30" id="wikidata"' in html
    assert client.get("/api/partners/USA").json()["wikidata"] == "Q30"
    tiers = client.get("/api/partners").json()
    assert all(p["wikidata"] for level in tiers.values() for p in level if len(p["code"]) == 3)
    events = client.get("/api/events", params={"country": "VNM", "partner": "USA"}).json()["data"]
    assert events and all(
        {e["source"]["wikidata"], e["target"]["wikidata"]} == {"Q881", "Q30"} for e in events
    )


def test_export_jsonl_actors_carry_wikidata_and_eval_keeps_its_keys(
    db: Path, tmp_path: Path
) -> None:
    store = SQLiteStore(str(db))
    try:
        export_store(store, "jsonl", tmp_path / "jsonl")
        export_store(store, "eval", tmp_path / "eval")
    finally:
        store.close()
    lines = (tmp_path / "jsonl" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(x) for x in lines]
    vnm = [e["source"] for e in events if e["source"] and e["source"]["code"] == "VNM"]
    assert vnm and all(a["wikidata"] == "Q881" for a in vnm)
    assert all("wikidata" in e["target"] for e in events if e["target"])
    first = json.loads(
        (tmp_path / "eval" / "events.jsonl").read_text(encoding="utf-8").split("\n")[0]
    )
    assert set(first["source"]) == {"code", "name", "person", "role"}


def test_map_chart_cuts_rings_at_the_antimeridian() -> None:
    empty = MapPublic(
        focus="VNM", focus_name="Vietnam", partners=[], places=[], unplaced=[], events=0,
        located_events=0,
    )  # fmt: skip
    chart = map_chart(empty)
    for mark in chart.countries:
        for sub in mark.d.split("M")[1:]:
            nums = [float(v) for v in re.findall(r"-?[\d.]+", sub)]
            xs = nums[0::2]
            assert max(abs(a - b) for a, b in zip(xs, xs[1:], strict=False)) < chart.width / 2
            assert all(-1 <= x <= chart.width + 1 for x in xs), mark.name
    russia = next(c for c in chart.countries if c.code == "RUS")
    assert russia.d.count("M") > 1 and not chart.bubbles and not chart.places
