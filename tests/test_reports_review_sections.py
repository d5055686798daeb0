"""review sections added for issue 6: visits by level, citizens brought home, regions, PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conflictcorpus import fill_store

import diplograph.reports.pdf as pdf
from diplograph.cli import app
from diplograph.reports.render import render_review
from diplograph.reports.review import build_review, region_of
from diplograph.store import Store


@pytest.fixture
def stocked(store: Store, tmp_path: Path) -> Store:
    fill_store(store, tmp_path / "articles")
    return store


def test_review_visits_by_level(stocked: Store) -> None:
    r = build_review(stocked, "VNM", "2023")
    visits = next(h for h in r.headlines if h.key == "visits_abroad")
    assert visits.count == 2
    levels = {k: [e.target for e in v] for k, v in visits.levels.items()}
    assert levels == {"Head of state or government": ["ITA"], "Minister": ["BRA"]}
    text = render_review(r, "md")
    assert "- Visits abroad: head of state or government 1 [" in text
    assert "; minister 1 [" in text


def test_review_citizens_brought_home_cited(stocked: Store) -> None:
    r = build_review(stocked, "VNM", "2023")
    assert [(f["value"], f["doc_id"]) for f in r.citizens] == [(1500.0, "year-a")]
    text = render_review(r, "md")
    line = next(x for x in text.splitlines() if x.startswith("- 1,500 citizens"))
    n = re.findall(r"\[\[(\d+)\]\]", line)[-1]
    assert (
        f"{n}. [`year-a` sentence 2](/documents/year-a#s2): “In 2023, Vietnam brought home" in text
    )


def test_review_sections_by_region(stocked: Store) -> None:
    r = build_review(stocked, "VNM", "2023")
    assert r.regions == {"Americas": ["BRA"], "Europe": ["ITA"], "Southeast Asia": ["IDN"]}
    text = render_review(r, "md")
    assert "| Southeast Asia | 1 | Indonesia (IDN) (1) | [" in text
    assert region_of("vnm") == "Southeast Asia" and region_of("ZZZ") == "Other"


def test_review_html_escapes_source_text(stocked: Store) -> None:
    html = render_review(build_review(stocked, "VNM", "2023"), "html")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<script" not in html


@pytest.mark.sqlite_only  # the PDF step does not touch the store
def test_review_pdf_is_printed_by_chromium(stocked: Store, runner, tmp_path: Path) -> None:
    if pdf.find_chromium() is None:
        pytest.skip("Chromium is not installed (scripts/install-chromium installs it)")
    out = tmp_path / "review.pdf"
    args = ["review", "-c", "VNM", "--period", "2023", "--format", "pdf", "--out", str(out)]
    result = runner.invoke(app, [*args, "--db", stocked.url])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1024


@pytest.mark.sqlite_only  # the PDF step does not touch the store
def test_review_pdf_without_chromium_says_what_to_do(
    stocked: Store, runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    out = tmp_path / "review.pdf"
    args = ["review", "-c", "VNM", "--period", "2023", "--format", "pdf", "--out", str(out)]
    result = runner.invoke(app, [*args, "--db", stocked.url])
    assert result.exit_code == 1
    assert "D422" in result.output and "scripts/install-chromium" in result.output
    assert "--format html" in result.output and not out.exists()


@pytest.mark.sqlite_only  # the PDF step does not touch the store
def test_review_pdf_needs_out(stocked: Store, runner) -> None:
    args = ["review", "-c", "VNM", "--period", "2023", "--format", "pdf", "--db", stocked.url]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "--out" in result.output
