"""Reviews as briefs (#17): a chart per section with numbers, each drawn from the numbers its
section shows, and gaps and partial periods marked from the store's coverage.

Reads the bundled sample corpus ingested with the real pipeline (SQLite). Its documents are
published 2019-05-20 … 2025-03-31 in some months only, so a review of 2023 has months without
any stored document (gaps), 2019 follows a year without any (2018), and 2025 is partial.
"""

from __future__ import annotations

import html as markup
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from samplestore import build_sample_store

from diplograph.analysis.trends import data_coverage
from diplograph.query.charts import Point, category_chart
from diplograph.reports.render import render_review, render_review_print, review_context
from diplograph.reports.review import Review, build_review
from diplograph.store import SQLiteStore, Store

TITLE = re.compile(r"<title>(.*?): (no data|[\d,]+)(?: \((.*?)\))?</title>")
CELLS = re.compile(r'<tr><td>([^<]*)</td>((?:<td class="n">\d+</td>)+)')


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("charts"))


@pytest.fixture(scope="module")
def sample(db: Path) -> Iterator[Store]:
    store = SQLiteStore(str(db))
    yield store
    store.close()


@pytest.fixture(scope="module")
def review(sample: Store) -> Review:
    return build_review(sample, "VNM", "2023")


def section(html: str, anchor: str) -> str:
    """The HTML from the heading ``id=anchor`` to the next ``<h2``."""
    start = html.index(f'<h2 id="{anchor}">')
    return html[start : html.index("<h2", start + 4)]


def chart_of(part: str, name: str) -> str:
    start = part.index(f'data-chart="{name}"')
    return part[start : part.index("</figure>", start)]


def bar_titles(svg: str) -> dict[str, str]:
    """Bar label → value text ("3" or "no data") from the bars' tooltips."""
    return {markup.unescape(m[1]): m[2] for m in TITLE.finditer(svg)}


def table_cells(part: str) -> dict[str, list[int]]:
    """Row label → the numeric cells of the section's table."""
    rows = {}
    for label, cells in CELLS.findall(part):
        rows[markup.unescape(label)] = [int(n) for n in re.findall(r">(\d+)<", cells)]
    return rows


def test_review_each_section_with_numbers_has_a_chart(review: Review) -> None:
    html = render_review(review, "html")
    for anchor, name in [
        ("review-comparison", "comparison"),
        ("review-headlines", "headlines"),
        ("review-regions", "regions"),
        ("review-tiers", "tiers"),
    ]:
        svg = chart_of(section(html, anchor), name)
        assert 'class="axis y-axis"' in svg and 'class="tick xtick">0<' in svg, name
        assert 'class="tick category"' in svg, name
        rects = re.findall(r"<rect [^>]*class=\"bar[^>]*>(.*?)</rect>", svg)
        assert rects and all(r.startswith("<title>") for r in rects), name
    assert 'class="chart review-chart"' in section(html, "review-partners")
    # the PDF prints the same charts: no script, nothing fetched
    printed = render_review_print(review)
    assert printed.count('class="chart review-chart category-chart"') == 4
    assert "<script" not in printed and "http://cdn" not in printed


def test_review_chart_bars_equal_the_section_numbers(review: Review) -> None:
    html = render_review(review, "html")
    part = section(html, "review-headlines")
    counts = {label: cells[0] for label, cells in table_cells(part).items()}
    assert len(counts) == len(review.headlines)
    assert bar_titles(chart_of(part, "headlines")) == {k: str(n) for k, n in counts.items()}

    part = section(html, "review-regions")
    regions = {label: cells[0] for label, cells in table_cells(part).items()}
    assert regions and sum(regions.values()) == sum(len(e) for e in review.partners.values())
    assert bar_titles(chart_of(part, "regions")) == {k: str(n) for k, n in regions.items()}

    part = section(html, "review-comparison")
    shown = bar_titles(chart_of(part, "comparison"))
    rows = table_cells(part)
    assert len(rows) == 13
    for label, (now, before) in rows.items():
        if now or before:
            assert shown[f"{label}, 2023"] == str(now) and shown[f"{label}, 2022"] == str(before)
        else:
            assert f"{label}, 2023" not in shown  # a true zero in both: left out
    assert any(now != before for now, before in rows.values())

    part = section(html, "review-tiers")
    tiers = bar_titles(chart_of(part, "tiers"))
    items = re.findall(r"<li>[^<]*· ([^:<]*):", part)
    assert len(items) == len(review.tiers) == sum(int(n) for n in tiers.values()) == 2
    for partner, n in tiers.items():
        assert int(n) == sum(partner in pair.split(" – ") for pair in items)


def test_review_chart_values_come_from_the_context_rows(review: Review) -> None:
    ctx = review_context(review)
    charts = ctx["charts"]
    assert charts["regions"]["chart"].values() == {r["name"]: [r["count"]] for r in ctx["regions"]}
    assert charts["headlines"]["chart"].values() == {
        h["label"]: [h["count"]] for h in ctx["headlines"]
    }
    pairs = charts["comparison"]["chart"].values()
    for row in ctx["comparison"]["rows"]:
        if row["now"] or row["before"]:
            assert pairs[row["label"]] == [row["now"], row["before"]]


def document_months(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT substr(published, 1, 7) FROM documents").fetchall()
    return {r[0] for r in rows if r[0]}


def test_review_month_chart_draws_months_without_documents_as_gaps(
    review: Review, db: Path
) -> None:
    assert review.coverage is not None and review.previous is not None
    assert review.previous.coverage == review.coverage  # read once, passed through
    html = render_review(review, "html")
    svg = section(html, "review-partners").split("</figure>")[0]
    bars = bar_titles(svg)
    stored = document_months(db)
    names = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    gaps = {names[int(m[5:]) - 1] for m in review.period.months if m not in stored}
    gaps -= {k for k, v in bars.items() if v != "no data" and v != "0"}  # events: no gap
    assert {k for k, v in bars.items() if v == "no data"} == gaps and len(gaps) >= 4
    for month in gaps:
        (rect,) = re.findall(rf'<rect [^>]*data-gap="{month}"[^>]*>', svg)
        assert 'class="bar gap"' in rect and 'stroke-dasharray="3 3"' in rect
    assert bars["Jan"] == "0"  # a document was stored in January: a true zero
    assert "dashed slots: no stored documents in that period (no data)" in svg


def test_review_comparison_draws_a_previous_year_without_data_as_gaps(sample: Store) -> None:
    r = build_review(sample, "VNM", "2019")
    html = render_review(r, "html")
    shown = bar_titles(chart_of(section(html, "review-comparison"), "comparison"))
    before = {k: v for k, v in shown.items() if k.endswith(", 2018")}
    assert len(before) == 13 and set(before.values()) == {"no data"}
    assert 'data-gap="Visits abroad, 2018"' in html
    # 2019's data start in May: its bars are partial, and the caption says so
    assert "lighter bars: 2019 partial: data from 2019-05-20" in html


def test_review_partial_period_is_marked(sample: Store) -> None:
    html = render_review(build_review(sample, "VNM", "2025"), "html")
    svg = chart_of(section(html, "review-headlines"), "headlines")
    assert 'class="bar partial"' in svg and 'fill-opacity="0.45"' in svg
    assert "(2025 partial: data to 2025-03-31)</title>" in svg
    assert "lighter bars: 2025 partial: data to 2025-03-31" in svg


def test_review_without_coverage_draws_no_gaps(sample: Store) -> None:
    empty = build_review(sample, "VNM", "2023", coverage=data_coverage(sample, ("imported",)))
    html = render_review(empty, "html")
    assert "no data</title>" not in html and "partial:" not in html


def test_category_chart_geometry_and_gaps() -> None:
    chart = category_chart(
        [("Europe", [4, Point("", 0, gap=True)]), ("Africa", [2, 1])], ("2023", "2022")
    )
    assert chart.values() == {"Europe": [4, None], "Africa": [2, 1]}
    a, gap, b, c = chart.bars
    assert a.width == 2 * b.width == 4 * c.width and a.x == b.x == chart.left
    assert (
        gap.gap and gap.width == chart.right - chart.left and gap.tooltip == "Europe, 2022: no data"
    )
    assert a.tooltip == "Europe, 2023: 4" and c.css == "bar s1"
    assert [t for _, t in chart.xticks][0] == "0" and chart.max_value >= 4
    assert len(chart.legend) == 2 and chart.bottom < chart.height
