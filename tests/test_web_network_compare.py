"""``/network``, ``/compare`` and their API twins over the ingested sample corpus (SQLite).

Counts are checked against direct SQL on the same file; the SVG is checked for its nodes,
edges, names, links and tooltips; names are read in any spelling and typos get suggestions.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from samplestore import build_sample_store

from diplograph.server import create_app
from diplograph.settings import Settings

PAIRED = "source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("analysis"))


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db), home="VNM"))) as c:
        yield c


def count(db: Path, where: str, args: tuple[str, ...] = ()) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM events WHERE {where}", args).fetchone()[0])


def test_api_network_shape_and_counts_match_sql(client: TestClient, db: Path) -> None:
    body = client.get("/api/network").json()  # the settings' home country
    assert body["focus"] == "VNM" and body["focus_name"] == "Vietnam"
    assert set(body) >= {"nodes", "edges", "events", "hidden_nodes", "types", "group"}
    node = body["nodes"][0]
    assert node == {"code": "VNM", "name": "Vietnam", "events": node["events"], "focus": True}
    assert node["events"] == count(db, f"{PAIRED} AND 'VNM' IN (source_code, target_code)")
    edge = next(e for e in body["edges"] if {e["a"], e["b"]} == {"CHN", "VNM"})
    assert edge["count"] == count(
        db, f"{PAIRED} AND source_code IN ('CHN', 'VNM') AND target_code IN ('CHN', 'VNM')"
    )
    assert edge["conflictual"] == count(
        db, "type = 'PROTEST_ACCUSE' AND source_code = 'VNM' AND target_code = 'CHN'"
    )
    assert {n["code"] for n in body["nodes"]} >= {e["a"] for e in body["edges"]}
    assert all(n["name"] and n["name"] != n["code"] for n in body["nodes"] if len(n["code"]) == 3)


def test_api_network_filters_by_type_group_and_dates(client: TestClient, db: Path) -> None:
    visits = client.get("/api/network", params={"focus": "all", "types": "visit"}).json()
    assert visits["types"] == ["VISIT"]
    assert sum(e["count"] for e in visits["edges"]) == count(db, f"{PAIRED} AND type = 'VISIT'")
    conflict = client.get("/api/network", params={"focus": "all", "group": "conflictual"}).json()
    assert conflict["edges"] and all(e["tone"] == "conflictual" for e in conflict["edges"])
    dated = client.get("/api/network", params={"since": "2024", "until": "2024"}).json()
    vnm_2024 = "'VNM' IN (source_code, target_code) AND date >= '2024' AND date <= '2024-99'"
    assert dated["events"] == count(db, f"{PAIRED} AND {vnm_2024}")


def test_api_network_reads_names_and_suggests_on_typos(client: TestClient) -> None:
    by_code = client.get("/api/network", params={"focus": "DEU"}).json()
    assert client.get("/api/network", params={"focus": "Germany"}).json() == by_code
    typo = client.get("/api/network", params={"focus": "Germny"})
    assert typo.status_code == 422 and "did you mean Germany (DEU)" in typo.json()["error"]
    bad_type = client.get("/api/network", params={"types": "VISIT,PROTEST"})
    assert bad_type.status_code == 422 and "PROTEST_ACCUSE" in bad_type.json()["error"]
    bad_group = client.get("/api/network", params={"group": "friendly"})
    assert (
        bad_group.status_code == 422 and "cooperative or conflictual" in bad_group.json()["error"]
    )


def test_web_network_svg_has_every_node_and_edge(client: TestClient) -> None:
    body = client.get("/api/network").json()
    html = client.get("/network").text
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<circle") == len(body["nodes"])
    assert svg.count("<line") == len(body["edges"])
    for node in body["nodes"]:
        assert f'href="/partners/{node["code"]}"' in svg
        assert f"<title>{node['name']} ({node['code']}): {node['events']} event" in svg
    assert ">Vietnam</text>" in svg and ">China</text>" in svg  # labelled by name
    # each line's colour is its pair's tone: more cooperative, more conflictual, or even
    tones = set()
    for edge in body["edges"]:
        coop, conf = edge["cooperative"], edge["conflictual"]
        even = "mixed" if coop else "neutral"
        tone = "cooperative" if coop > conf else "conflictual" if conf > coop else even
        pair = "-".join(sorted((edge["a"], edge["b"])))
        assert re.search(rf'class="edge {tone}" data-pair="{pair}"', svg), pair
        tones.add(tone)
    assert {"cooperative", "conflictual"} <= tones
    assert "cdn" not in html.lower() and html.count("<script") == 1


def test_web_network_is_deterministic_and_links_to_events(client: TestClient) -> None:
    first, second = client.get("/network?focus=DEU").text, client.get("/network?focus=DEU").text
    assert first == second
    link = re.search(r'<a href="(/events\?country=DEU&amp;partner=RUS[^"]*)"><line', first)
    assert link, "each line links to the events behind it"
    events = client.get(link.group(1).replace("&amp;", "&"))
    assert events.status_code == 200 and "SANCTION" in events.text


def test_web_network_errors_are_html_with_suggestions(client: TestClient) -> None:
    typo = client.get("/network", params={"focus": "Viet Nma"})
    assert typo.status_code == 400 and "did you mean" in typo.text and "Vietnam" in typo.text
    bad = client.get("/network", params={"types": "VISTI"})
    assert bad.status_code == 400 and "did you mean VISIT" in bad.text

    def svg(html: str) -> str:
        return html[html.index("<svg") : html.index("</svg>")]

    by_name = client.get("/network", params={"focus": "Viet Nam"})
    assert svg(by_name.text) == svg(client.get("/network", params={"focus": "VNM"}).text)


def test_api_compare_counts_match_sql(client: TestClient, db: Path) -> None:
    params = {"a": "Viet Nam", "b": "Indonesia", "partner": "Japan", "since": "2020"}
    body = client.get("/api/compare", params=params).json()
    assert (body["partner"], body["partner_name"], body["since"]) == ("JPN", "Japan", "2020")
    for side in body["sides"]:
        c = side["code"]
        where = (
            f"((source_code = '{c}' AND target_code = 'JPN') OR "
            f"(source_code = 'JPN' AND target_code = '{c}')) AND date >= '2020'"
        )
        assert side["events"] == count(db, where)
        for t, n in side["by_type"].items():
            assert n == count(db, f"{where} AND type = ?", (t,))
        assert sum(side["by_year"].values()) == side["events"]
        assert list(side["by_year"]) == body["years"]
    assert [s["code"] for s in body["sides"]] == ["VNM", "IDN"]
    assert body["sides"][0]["tier"] == "comprehensive strategic partnership"


def test_api_compare_typos_and_pairs_are_422(client: TestClient) -> None:
    typo = client.get("/api/compare", params={"a": "VNM", "b": "Phillipines", "partner": "CHN"})
    assert typo.status_code == 422 and "did you mean Philippines (PHL)" in typo.json()["error"]
    same = client.get("/api/compare", params={"a": "VNM", "b": "Viet Nam", "partner": "CHN"})
    assert same.status_code == 422 and "different countries" in same.json()["error"]
    assert client.get("/api/compare", params={"a": "VNM"}).status_code == 422


def test_web_compare_page_shows_both_sides(client: TestClient, db: Path) -> None:
    params = {
        "a": "Vietnam",
        "b": "the Philippines",
        "partner": "PRC",
        "since": "2012",
        "until": "2024",
    }
    r = client.get("/compare", params=params)
    assert r.status_code == 200
    assert "Vietnam vs Philippines with China, 2012 to 2024" in r.text
    api = client.get("/api/compare", params=params).json()
    for side in api["sides"]:
        start = r.text.index(f'id="side-{side["code"]}"')
        section = r.text[start : r.text.index("</section>", start)]
        assert f'<b class="n">{side["events"]}</b>' in section
        if side["events"]:
            assert len(re.findall(r'class="bar[ "]', section)) == 13  # a slot per year 2012–2024
        else:
            assert "No dated events with China in this period" in section
    for t in api["types"]:
        row = re.search(rf'<tr data-type="{t}">(.*?)</tr>', r.text, re.S)
        assert row is not None
        cells = re.findall(r'data-code="(\w+)">(\d+)</td>', row.group(1))
        assert cells == [(s["code"], str(s["by_type"].get(t, 0))) for s in api["sides"]]
    assert 'href="/api/compare?a=Vietnam&amp;b=the+Philippines' in r.text


def test_web_compare_charts_draw_years_without_documents_as_gaps(
    client: TestClient, db: Path
) -> None:
    params = {"a": "VNM", "b": "PHL", "partner": "CHN", "since": "2012", "until": "2024"}
    html = client.get("/compare", params=params).text
    api = client.get("/api/compare", params=params).json()
    with sqlite3.connect(db) as conn:
        stored = {r[0] for r in conn.execute("SELECT substr(published, 1, 4) FROM documents")}
    drawn = 0
    for side in api["sides"]:
        start = html.index(f'id="side-{side["code"]}"')
        part = html[start : html.index("</section>", start)]
        if not side["events"] - side["undated"]:
            continue
        drawn += 1
        for year, n in side["by_year"].items():
            (rect,) = re.findall(rf"<rect [^>]*><title>{year}: [^<]*</title>", part)
            if n == 0 and year not in stored:  # nothing stored that year: no data, not 0
                assert 'class="bar gap"' in rect and f"{year}: no data" in rect
            else:
                assert "gap" not in rect and f"{year}: {n}" in rect
        assert "dashed slots: no data" in part and "2019 partial: data from" in part
    assert drawn and "2012" not in stored


def test_web_compare_form_and_errors(client: TestClient) -> None:
    empty = client.get("/compare")
    assert empty.status_code == 200 and "Vietnam vs the Philippines with China" in empty.text
    typo = client.get("/compare", params={"a": "VNM", "b": "Phillipines", "partner": "China"})
    assert typo.status_code == 400 and "did you mean Philippines (PHL)" in typo.text
    same = client.get("/compare", params={"a": "VNM", "b": "VNM", "partner": "CHN"})
    assert same.status_code == 400 and "different countries" in same.text


def test_web_nav_links_the_new_pages(client: TestClient) -> None:
    html = client.get("/").text
    assert 'href="/network"' in html and 'href="/compare"' in html
    assert 'href="/figures"' in html and 'href="/relations"' in html
