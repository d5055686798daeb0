"""Reviews as briefs (#17): linked citations, sources, names, summary, comparison, tier
changes counted once, charts and the PDF's contents and page numbers.

Most tests read the bundled sample corpus ingested with the real pipeline (SQLite); the
double-report tests ingest invented articles into both store backends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markdown_it import MarkdownIt
from samplestore import build_sample_store
from upgradecorpus import UPGRADE_A, UPGRADE_B, UPGRADE_C

import diplograph.reports.pdf as pdf
from diplograph.jobs import ingest_documents
from diplograph.query.canonical import cluster_events
from diplograph.reports import parse_period, previous_period
from diplograph.reports.brief import compare_periods, summarize
from diplograph.reports.render import month_chart, render_review, render_review_print
from diplograph.reports.review import Review, build_review
from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import Filters, SQLiteStore, Store

REVIEW = {"country": "VNM", "period": "2023"}
CITE = re.compile(r'<a class="cite" href="([^"]*)">\[(\d+)\]</a>')
SENTENCE_LINK = re.compile(r"^/documents/([^#/]+)#s(\d+)$")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("brief"))


@pytest.fixture
def sample(db: Path) -> Iterator[Store]:
    store = SQLiteStore(str(db))
    yield store
    store.close()


@pytest.fixture
def review(sample: Store) -> Review:
    return build_review(sample, "VNM", "2023")


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db)))) as c:
        yield c


def article(html: str) -> str:
    """The review itself, inside the dashboard page."""
    return html.split('<article class="card review" id="review">', 1)[1].split("</article>")[0]


def assert_sentence_links_resolve(client: TestClient, hrefs: set[str]) -> None:
    for href in sorted(hrefs):
        m = SENTENCE_LINK.match(href)
        assert m, f"{href} is not a document page at a sentence"
        page = client.get(href.split("#")[0])
        assert page.status_code == 200, href
        assert f'id="s{m[2]}"' in page.text, f"{href}: no such sentence anchor on the page"


def test_review_web_citations_link_to_cited_sentences(client: TestClient) -> None:
    body = article(client.get("/reviews", params=REVIEW).text)
    cites = CITE.findall(body)
    assert len(cites) > 10
    # every bracketed number of the review is a citation link
    assert len(re.findall(r"\[\d+\]", body)) == len(cites)
    assert_sentence_links_resolve(client, {href for href, _ in cites})
    # [n] goes where entry n of the evidence list points
    evidence = dict(re.findall(r'<li id="e(\d+)"><a href="([^"]+)">', body))
    assert all(evidence[n] == href for href, n in cites)


def test_review_markdown_citations_are_relative_links(client: TestClient) -> None:
    text = client.get("/reviews/review.md", params=REVIEW).text
    html = MarkdownIt("commonmark").enable("table").render(text)
    links = re.findall(r'<a href="([^"]*)">\[(\d+)\]</a>', html)
    assert len(links) > 10
    assert len(re.findall(r"\[\d+\]", html)) == len(links)  # none left as bare text
    assert_sentence_links_resolve(client, {href for href, _ in links})


def test_review_sources_list_outlet_url_and_date(review: Review, sample: Store) -> None:
    html = render_review(review, "html")
    sources = html.split('<ol class="sources">', 1)[1].split("</ol>", 1)[0]
    cited = dict.fromkeys(re.findall(r"<code>([^<]+)</code> sentence", html.split("Evidence")[-1]))
    items = re.findall(r"<li id=\"d\d+\">(.*?)</li>", sources)
    assert len(items) == len(cited) > 3
    with_url = 0
    for doc, item in zip(cited, items, strict=True):
        d = sample.get_document(doc)
        assert d is not None and f"<code>{doc}</code>" in item
        assert (d["outlet"] or "outlet unknown") in item
        assert (d["published"] or "date unknown") in item
        if d["url"]:
            with_url += 1
            assert f'<a href="{d["url"]}" rel="noopener noreferrer nofollow">' in item
        assert f'<a href="/documents/{doc}">stored text</a>' in item
    assert with_url > 0


def test_review_names_partners_instead_of_codes(review: Review) -> None:
    text = render_review(review, "md")
    body = text.split("## By partner", 1)[1].split("## Sources", 1)[0]
    lines = [x for x in body.splitlines() if x.startswith(("- ", "### "))]
    assert lines
    for line in lines:
        bare = re.findall(r"(?<![(A-Za-z])[A-Z]{3}(?![A-Za-z)])", line.split(" [[")[0])
        assert not bare, f"bare codes {bare} in {line!r}"
    assert "### Japan (JPN)" in text and "Vietnam → Japan" in text


def test_review_summary_numbers_are_section_counts(review: Review) -> None:
    parts = summarize(review)
    counted = [p for p in parts if p.count is not None]
    assert {p.key for p in counted} >= {"visits_abroad", "visits_received", "upgrades"}
    for p in counted:
        assert str(p.count) in p.text and p.evidence
        if p.key.startswith("partner:"):
            events = review.partners[p.key.split(":", 1)[1]]
        else:
            events = review.headline(p.key).events
        assert p.count == len(events)
        sources = sorted({(str(s["doc_id"]), s["sent_idx"]) for e in events for s in e.sources})
        assert sorted({(str(e["doc"]), e["sent_idx"]) for e in p.evidence}) == sources
    # ... and the rendered summary shows each number with the section's citations
    text = render_review(review, "md")
    summary = text.split("## Summary", 1)[1].split("## ", 1)[0]
    table = text.split("## Headline numbers", 1)[1].split("\n\n", 2)[1].splitlines()
    for h in review.headlines:
        if h.count:
            row = next(x for x in table if x.startswith(f"| {h.label} | {h.count} |"))
            assert row.rsplit("|", 2)[1].strip() in summary  # the same citations


def test_review_summary_invents_nothing_without_events(sample: Store) -> None:
    empty = build_review(sample, "VNM", "1990")
    assert [p.text for p in summarize(empty)] == [
        "For 1990 the stored sources report no events of Vietnam (VNM)."
    ]


def direct_counts(store: Store, period: str) -> dict[str, int]:
    """Canonical events of VNM in ``period`` counted straight from the store's rows."""
    p = parse_period(period)
    rows = [
        r
        for r in store.events(Filters(country="VNM", since=p.since, until=p.until))
        if (r.get("status") or "happened") == "happened" and p.contains(r.get("date"))
    ]
    events = cluster_events(rows)
    return {
        "visits_abroad": sum(e.type == "VISIT" and e.source == "VNM" for e in events),
        "visits_received": sum(e.type == "VISIT" and e.target == "VNM" for e in events),
        "meetings": sum(e.type == "MEET" for e in events),
        "agreements": sum(e.type == "AGREE_SIGN" for e in events),
        "aid_given": sum(e.type == "AID" and e.source == "VNM" for e in events),
    }


def test_review_previous_period_counts_equal_a_direct_count(review: Review, sample: Store) -> None:
    assert review.previous is not None and review.previous.period.label == "2022"
    rows = {c.key: c for c in compare_periods(review)}
    for key, n in direct_counts(sample, "2022").items():
        assert rows[key].before == n, key
    for key, n in direct_counts(sample, "2023").items():
        assert rows[key].now == n, key
    assert sum(rows[k].before for k in direct_counts(sample, "2022")) > 0
    assert rows["visits_received"].change == f"+{rows['visits_received'].delta}"
    text = render_review(review, "md")
    v = rows["visits_received"]
    assert f"| Visits received | {v.now} | {v.before} | {v.change} |" in text
    assert "## Compared with 2022" in text and "(/reviews?country=VNM&period=2022)" in text


@pytest.mark.parametrize(
    ("period", "before"),
    [
        ("2023", ("2022", "2022", "2022")),
        ("2021..2023", ("2018..2020", "2018", "2020")),
        ("2023-Q1", ("2022-Q4", "2022-10", "2022-12")),
        ("2023-05", ("2023-04", "2023-04", "2023-04")),
        ("2023-01..2023-06", ("2022-07..2022-12", "2022-07", "2022-12")),
        ("2023-02..2023-Q3", ("2022-06..2023-01", "2022-06", "2023-01")),
    ],
)
def test_review_previous_period_has_the_same_length(
    period: str, before: tuple[str, str, str]
) -> None:
    p = previous_period(parse_period(period))
    assert (p.label, p.since, p.until) == before
    assert len(p.months) == len(parse_period(period).months)


def test_review_month_chart_counts_the_section(review: Review) -> None:
    bilateral = [e for evs in review.partners.values() for e in evs]
    m = month_chart(bilateral, review.period)
    assert m is not None and m["total"] == len(bilateral)
    assert sum(b.value for b in m["chart"].bars) == m["placed"]
    assert m["placed"] + m["unplaced"] == len(bilateral)
    html = render_review(review, "html")
    assert f"Bilateral events per month: {m['placed']} of {len(bilateral)}" in html
    assert html.count('class="chart review-chart"') >= 1


def test_review_pdf_template_has_contents_and_page_numbers(review: Review) -> None:
    html = render_review_print(review)
    page = re.search(r"@page \{(.*?)\n\}", html, re.S)
    assert page, "the print page declares its page box"
    margin = r'@bottom-center \{ content: "Page " counter\(page\) " of " counter\(pages\)'
    assert re.search(margin, page[1])
    slots = pdf.PAGE_REF.findall(html)
    assert len(slots) >= 9
    assert all(f'id="{s}"' in html for s in slots)  # each entry points at a heading
    cites = CITE.findall(html)
    assert cites and all(href == f"#e{n}" for href, n in cites)  # jumps inside the PDF


@pytest.mark.skipif(pdf.find_chromium() is None, reason="Chromium is not installed")
def test_review_pdf_contents_get_the_pages_their_sections_land_on(
    review: Review, tmp_path: Path
) -> None:
    out = pdf.write_review_pdf(review, tmp_path / "review.pdf")
    data = out.read_bytes()
    pages = pdf.destination_pages(data)
    html = render_review_print(review)
    slots = pdf.PAGE_REF.findall(html)
    assert set(slots) <= set(pages)
    numbers = [pages[s] for s in slots]
    assert numbers == sorted(numbers) and numbers[0] >= 1
    assert numbers[-1] <= len(re.findall(rb"/Type /Page\b", data))
    filled = pdf.fill_page_refs(html, pages)
    assert not pdf.PAGE_REF.search(filled)
    assert f'data-target="review-evidence">{pages["review-evidence"]}</span>' in filled
    assert b"/Outlines" in data  # headings become bookmarks


@pytest.mark.skipif(pdf.find_chromium() is None, reason="Chromium is not installed")
def test_web_reviews_pdf_download(client: TestClient) -> None:
    page = client.get("/reviews", params=REVIEW).text
    assert 'id="download-pdf" href="/reviews/review.pdf?country=VNM&amp;period=2023"' in page
    r = client.get("/reviews/review.pdf", params=REVIEW)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert 'filename="review-VNM-2023.pdf"' in r.headers["content-disposition"]
    assert r.content.startswith(b"%PDF")


def ingest(store: Store, settings: Settings, write, articles: dict[str, str]) -> Review:
    folder = None
    for name, text in articles.items():
        folder = write(f"in/{name}", text).parent
    ingest_documents([str(folder)], store, settings)
    return build_review(store, "VNM", "2023")


def assert_one_upgrade(r: Review) -> str:
    assert r.headline("upgrades").count == 1
    assert len(r.tiers) == 1 and r.tiers[0].status == "upgraded"
    assert r.tiers[0].level == "comprehensive strategic partnership"
    text = render_review(r, "md")
    assert "| Tier upgrades | 1 |" in text
    tiers = text.split("## Tier changes", 1)[1].split("## Sources", 1)[0]
    assert len([x for x in tiers.splitlines() if x.startswith("- ")]) == 1
    partner = text.split("## By partner", 1)[1].split("## Multilateral", 1)[0]
    assert len([x for x in partner.splitlines() if "· tier upgrade ·" in x]) == 1
    assert "had 1 partnership upgrade" in text
    return tiers


def test_review_upgrade_reported_in_two_documents_counts_once(store, settings, write) -> None:
    r = ingest(store, settings, write, {"a.txt": UPGRADE_A, "b.txt": UPGRADE_B})
    # the store holds the upgrade twice over: two event records and two tier records
    assert len(store.relations(Filters(country="VNM", since="2023", until="2023"))) == 2
    tiers = assert_one_upgrade(r)
    assert "(2 reports)" in tiers and "(from comprehensive partnership)" in tiers


def test_review_upgrade_dated_differently_counts_once(store, settings, write) -> None:
    articles = {"a.txt": UPGRADE_A, "b.txt": UPGRADE_B, "c.txt": UPGRADE_C}
    r = ingest(store, settings, write, articles)
    # canonical clustering alone sees two upgrades: the dates are ten days apart
    rows = store.events(Filters(country="VNM", type="PARTNERSHIP_UPGRADE"))
    assert len(cluster_events(rows)) == 2
    tiers = assert_one_upgrade(r)
    assert "(3 reports); the sources date it 2023-09-10, 2023-09-20" in tiers
