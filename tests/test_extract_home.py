"""The document's home country from its outlet, site and dateline (issue 14, item 4)."""

from __future__ import annotations

import pytest

from diplograph.extract import extract
from diplograph.extract.home import document_home, outlet_rules, url_home
from diplograph.models import Document

TEXT = "Our country will keep working with partners, the spokesperson said on Monday."


def _home(outlet: str | None = None, url: str | None = None, text: str = TEXT) -> str:
    doc = Document(id="h", text=text, published="2025-03-03", outlet=outlet, url=url)
    return extract(doc, decider=None).home


@pytest.mark.parametrize(
    ("outlet", "code"),
    [
        ("Xinhua", "CHN"),
        ("Yonhap News Agency", "KOR"),
        ("Korean Central News Agency", "PRK"),  # not Taiwan's Central News Agency
        ("Syrian Arab News Agency", "SYR"),  # not Saudi Arabia's Arab News
        ("Ministry of Foreign Affairs of Japan", "JPN"),  # the state the name names
        ("Global Affairs Canada", "CAN"),
        ("Royal Thai Government", "THA"),
        ("The Hanoi Times", "VNM"),
    ],
)
def test_home_from_the_outlet(outlet: str, code: str) -> None:
    assert _home(outlet) == code


def test_home_of_a_wire_is_the_default_perspective() -> None:
    assert _home("Reuters") == "VNM"  # no home named: the caller's default stays
    assert _home("Asia Pacific Wire") == "VNM"
    assert document_home("Reuters", None, TEXT, lambda _: []).rule == "outlet.wire.reuters"
    assert document_home("Asia Pacific Wire", None, TEXT, lambda _: []).code is None


def test_home_from_the_site_and_the_dateline() -> None:
    assert url_home("https://www.mofa.go.jp/press/release/2025.html") == "JPN"
    assert url_home("https://www.state.gov/readout") == "USA"
    assert url_home("https://www.gov.uk/news") == "GBR"
    assert url_home("https://example.io/x") is None  # a generic use of a country domain
    assert url_home("https://example.com/x") is None
    assert _home(url="https://www.dfa.gov.ph/news") == "PHL"
    assert _home(text="HA NOI (VNA) – " + TEXT) == "VNM"
    assert _home(text="BANGKOK (Bernama) – " + TEXT) == "MYS"


def test_outlet_rules_have_unique_ids_and_compile() -> None:
    ids = [r.id for r in outlet_rules()]
    assert len(ids) == len(set(ids)) > 50
    assert all(r.id.startswith("outlet.") for r in outlet_rules())
