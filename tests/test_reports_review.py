"""review: numbers counted by hand from four invented articles, each with its citations."""

from __future__ import annotations

import pytest

from diplograph.cli import app
from diplograph.errors import ConfigError
from diplograph.jobs import ingest_documents
from diplograph.reports.render import render_review
from diplograph.reports.review import build_review, parse_period

DOCS = {
    "sg-visit-a.txt": """published: 2023-03-10
title: Prime Minister visits Singapore
---
HANOI – Prime Minister Pham Minh Chinh began an official visit to Singapore on March 9, 2023.
""",
    "sg-visit-b.txt": """published: 2023-03-11
title: Vietnam and Singapore deepen ties
---
Vietnamese Prime Minister Pham Minh Chinh paid an official visit to Singapore on March 9, 2023.

During the visit, Vietnam and Singapore signed an agreement on digital trade on March 10, 2023.
""",
    "review-a.txt": """published: 2023-12-28
title: A busy year for Vietnamese diplomacy
---
In 2023, Vietnam's senior leaders made 25 visits abroad.

On May 4, 2023, Pham Minh Chinh held phone talks with Australian Prime Minister Anthony Albanese.

On June 2, 2023, Vietnam was elected to the UNESCO Executive Board for the 2023-2027 term.
""",
    "review-b.txt": """published: 2024-01-05
title: Looking back at 2023
---
President Yoon Suk Yeol of South Korea paid a state visit to Vietnam on June 22, 2023.
""",
}


@pytest.fixture
def stocked(store, settings, write):
    folder = None
    for name, text in DOCS.items():
        folder = write(f"in/{name}", text).parent
    ingest_documents([str(folder)], store, settings)
    return store


def test_review_counts_match_hand_count(stocked):
    r = build_review(stocked, "VNM", "2023")
    counts = {h.key: h.count for h in r.headlines}
    # one visit to Singapore told twice, one visit received, one call, one agreement, one seat
    assert counts["visits_abroad"] == 1
    assert counts["visits_received"] == 1
    assert counts["calls"] == 1
    assert counts["agreements"] == 1
    assert counts["elections"] == 1
    assert counts["upgrades"] == counts["evacuations"] == counts["aid_given"] == 0
    visits = next(h for h in r.headlines if h.key == "visits_abroad")
    assert sorted(c["doc"] for c in visits.citations) == ["sg-visit-a", "sg-visit-b"]
    assert [f["value"] for f in visits.stated] == [25.0]
    assert not r.sparse


def test_review_markdown_cites_and_explains_stated_total(stocked):
    text = render_review(build_review(stocked, "VNM", "2023"), "md")
    assert "| Visits abroad | 1 | 25 [" in text
    assert "we count 1; sources state 25" in text
    assert "[`sg-visit-b` sentence 0](/documents/sg-visit-b#s0):" in text
    assert "### Singapore (SGP)" in text and "(2 reports)" in text


def test_review_html_has_inline_svg_chart(stocked):
    html = render_review(build_review(stocked, "VNM", "2023-Q1"), "html")
    assert "<svg" in html and "<rect" in html and "http://cdn" not in html
    assert "Too little data" in html  # only the two Singapore articles fall in Q1


def test_review_period_forms():
    assert (parse_period("2023").since, parse_period("2023").until) == ("2023", "2023")
    q = parse_period("2023-Q2")
    assert (q.since, q.until) == ("2023-04", "2023-06")
    r = parse_period("2023-02..2023-Q3")
    assert (r.since, r.until) == ("2023-02", "2023-09")
    with pytest.raises(ConfigError):
        parse_period("last year")


def test_review_cli_writes_file(stocked, runner, db_url, tmp_path):
    out = tmp_path / "review.html"
    args = ["review", "--country", "VNM", "--period", "2023", "--format", "html", "--out", str(out)]
    result = runner.invoke(app, [*args, "--db", db_url])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("<!doctype html>")
