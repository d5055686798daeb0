"""Any country as home, by a selector and not a restart (issue 17): the partners pages and
``/api/partners`` take ``with`` in any spelling, and the map and network link each partner to
its page seen from the focus."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webcorpus import build_store

from diplograph.server import create_app
from diplograph.settings import Settings


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _ = build_store(tmp_path_factory.mktemp("home"))
    return path


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db), home="VNM"))) as c:
        yield c


def partner_links(html: str) -> set[str]:
    return set(re.findall(r'href="(/partners/[^"]+)"', html))


def test_api_partners_with_reads_names_and_suggests_on_typos(client: TestClient) -> None:
    home = client.get("/api/partners").json()
    assert client.get("/api/partners", params={"with": "Viet Nam"}).json() == home
    nigeria = client.get("/api/partners", params={"with": "Nigeria"}).json()
    assert nigeria == client.get("/api/partners", params={"with": "NGA"}).json()
    assert nigeria != home and [p["code"] for ps in nigeria.values() for p in ps] == ["VNM"]
    csv = client.get("/api/partners", params={"with": "Nigeria", "format": "csv"}).text
    assert csv.splitlines()[1].startswith("NGA,")
    typo = client.get("/api/partners", params={"with": "Nigerai"})
    assert typo.status_code == 422 and "did you mean Nigeria (NGA)" in typo.json()["error"]
    seen = client.get("/api/partners/VNM", params={"with": "Kenya"}).json()
    assert (seen["home"], seen["code"]) == ("KEN", "VNM") and seen["events_by_type"]


def test_web_partners_page_has_a_home_selector(client: TestClient) -> None:
    default = client.get("/partners").text
    assert '<form class="filters" method="get" action="/partners" id="home-form">' in default
    assert "<h1>Partners of Vietnam</h1>" in default
    assert "/partners/NGA" in partner_links(default)  # the home's links carry nothing
    page = client.get("/partners", params={"with": "Nigeria"})
    assert page.status_code == 200 and "<h1>Partners of Nigeria</h1>" in page.text
    assert partner_links(page.text) == {"/partners/VNM?with=NGA"}
    assert 'name="with" value="Nigeria"' in page.text
    bad = client.get("/partners", params={"with": "Nigerai"})
    assert bad.status_code == 400 and "did you mean" in bad.text


def test_web_partner_page_seen_from_another_home(client: TestClient) -> None:
    page = client.get("/partners/VNM", params={"with": "Kenya"}).text
    assert "Relations with Kenya" in page
    assert "/events?country=KEN&amp;partner=VNM" in page  # its links keep that home
    assert "Relations with Vietnam" in client.get("/partners/KEN").text


def test_web_map_and_network_link_partners_seen_from_the_focus(client: TestClient) -> None:
    for path in ("/map", "/network"):
        kenya = partner_links(client.get(path, params={"focus": "Kenya"}).text)
        assert kenya == {"/partners/KEN", "/partners/VNM?with=KEN"}, path  # the focus: plain
        home = partner_links(client.get(path).text)
        assert home and not any("?with=" in link for link in home), path
    everyone = partner_links(client.get("/network", params={"focus": "all"}).text)
    assert everyone and not any("?with=" in link for link in everyone)
