"""A tier upgrade reported twice (#17): ``conflicts`` flags it as ``tier_double_count``, citing
both records, on every surface (query, CLI, API, dashboard), and the review's "Tier upgrades"
headline counts it once through the same merge. Stores are filled by the real ingest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from upgradecorpus import UPGRADE_A, UPGRADE_B, UPGRADE_C

from diplograph.cli import app
from diplograph.jobs import ingest_documents
from diplograph.query.conflicts import find_conflicts, tier_double_counts
from diplograph.reports.review import build_review
from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import Filters, Store

KIND = "tier_double_count"
CSP = "comprehensive strategic partnership"
# another upgrade of the same year, of another pair: one report, nothing to flag
JAPAN = (
    "published: 2023-11-28\ntitle: Vietnam and Japan lift ties\n---\n"
    "Vietnam and Japan upgraded their relationship to a comprehensive strategic partnership "
    "on November 27, 2023.\n"
)


def ingest(store: Store, settings: Settings, write: Any, articles: dict[str, str]) -> None:
    folder = None
    for name, text in articles.items():
        folder = write(f"in/{name}", text).parent
    ingest_documents([str(folder)], store, settings)


def naive_upgrades(store: Store, country: str, period: str) -> int:
    """What a count of records says: each sentence with an upgrade event or tier record."""
    f = Filters(country=country, since=period, until=period)
    events = store.events(Filters(country=country, type="PARTNERSHIP_UPGRADE", since=period,
                                  until=period))  # fmt: skip
    tiers = [r for r in store.relations(f) if r["status"] == "upgraded"]
    return len({(r["doc_id"], r["sent_idx"]) for r in events + tiers})


def flags(store: Store, **filters: str) -> list[Any]:
    return [c for c in find_conflicts(store, Filters(**filters)) if c.kind == KIND]


def test_double_count_flags_an_upgrade_told_by_two_articles(store, settings, write) -> None:
    ingest(store, settings, write, {"a.txt": UPGRADE_A, "b.txt": UPGRADE_B, "j.txt": JAPAN})
    found = flags(store)
    assert len(found) == 1, [c.to_dict() for c in found]
    c = found[0]
    assert c.subject == f"VNM–USA {CSP} 2023-09-10"
    assert c.values == (f"{CSP} (2023-09-10)", f"{CSP} (2023-09-10)")
    assert [e["doc"] for e in c.evidence] == ["a", "b"]  # both records cited
    assert "upgraded their relationship" in c.evidence[0]["sentence"]
    assert "raised their ties" in c.evidence[1]["sentence"]
    # the review counts it once; the flags are exactly what a count of records adds
    review = build_review(store, "VNM", "2023")
    assert review.headline("upgrades").count == 2  # the United States and Japan
    assert naive_upgrades(store, "VNM", "2023") == 3
    assert naive_upgrades(store, "VNM", "2023") - len(found) == review.headline("upgrades").count


def test_double_count_differently_dated_reports_flag_each_extra(store, settings, write) -> None:
    ingest(store, settings, write, {"a.txt": UPGRADE_A, "b.txt": UPGRADE_B, "c.txt": UPGRADE_C})
    found = flags(store, country="VNM", since="2023", until="2023")
    assert [[e["doc"] for e in c.evidence] for c in found] == [["a", "b"], ["a", "c"]]
    assert found[1].values == (f"{CSP} (2023-09-10)", f"{CSP} (2023-09-20)")
    review = build_review(store, "VNM", "2023")
    assert review.headline("upgrades").count == 1 == len(review.tiers)
    assert naive_upgrades(store, "VNM", "2023") - len(found) == 1
    # a filter that leaves one report out leaves nothing to flag
    assert flags(store, country="JPN") == []


def row(doc: str, level: str, date: str, **more: Any) -> dict[str, Any]:
    base = {"doc_id": doc, "sent_idx": 0, "sentence": f"{doc} says", "start": 0, "end": 9}
    return {**base, "a": "VNM", "b": "USA", "level": level, "date": date, "status": "upgraded",
            "previous": None, **more}  # fmt: skip


def test_double_count_needs_one_pair_one_tier_one_year() -> None:
    same = [row("a", CSP, "2023-09-10"), row("b", CSP, "2023-09-12")]
    assert [c.kind for c in tier_double_counts([], same)] == [KIND]
    other_tier = [row("a", CSP, "2023-09-10"), row("b", "strategic partnership", "2023-09-10")]
    assert tier_double_counts([], other_tier) == []  # a tier conflict, not one upgrade
    other_year = [row("a", CSP, "2021-09-10"), row("b", CSP, "2023-09-10")]
    assert tier_double_counts([], other_year) == []
    other_pair = [row("a", CSP, "2023-09-10"), row("b", CSP, "2023-09-10", b="JPN")]
    assert tier_double_counts([], other_pair) == []
    sentence = {k: v for k, v in row("a", CSP, "2023-09-10").items() if k in ("doc_id", "sent_idx",
                "sentence", "start", "end", "date")}  # fmt: skip
    event = {
        **sentence,
        "type": "PARTNERSHIP_UPGRADE",
        "source_code": "VNM",
        "target_code": "USA",
        "status": None,
    }
    one_sentence = tier_double_counts([event], [row("a", CSP, "2023-09-10")])
    assert one_sentence == []  # an event and a tier record of one sentence are one report
    assert len(tier_double_counts([event], [row("b", CSP, "2023-09-10")])) == 1
    planned = {**event, "doc_id": "p", "status": "planned"}
    assert tier_double_counts([planned], [row("b", CSP, "2023-09-10")]) == []
    two_sentences = [row("a", CSP, "2023-09-10"), row("a", CSP, "2023-09-10", sent_idx=4)]
    assert len(tier_double_counts([], two_sentences)) == 1
    established = [row("a", CSP, "2023-09-10", status="established"),
                   row("b", CSP, "2023-09-10", status="established")]  # fmt: skip
    assert tier_double_counts([], established) == []  # no upgrade to count


@pytest.fixture
def client(store: Store, settings: Settings, write: Any) -> Iterator[TestClient]:
    ingest(store, settings, write, {"a.txt": UPGRADE_A, "b.txt": UPGRADE_B})
    with TestClient(create_app(Settings(db=store.url))) as c:
        yield c


def test_double_count_on_the_api_and_dashboard(client: TestClient) -> None:
    body = client.get("/api/conflicts", params={"country": "USA"}).json()
    [c] = [c for c in body["data"] if c["kind"] == KIND]
    assert [e["doc_id"] for e in c["evidence"]] == ["a", "b"] and len(c["values"]) == 2
    html = client.get("/conflicts", params={"country": "VNM"}).text
    assert "one upgrade, several reports" in html
    assert 'href="/documents/a#s0"' in html and 'href="/documents/b#s0"' in html


def test_double_count_in_the_cli(store: Store, settings, write, runner, db_url: str) -> None:
    ingest(store, settings, write, {"a.txt": UPGRADE_A, "b.txt": UPGRADE_B})
    result = runner.invoke(app, ["conflicts", "--json", "--db", db_url])
    assert result.exit_code == 0, result.output
    found = [c for c in json.loads(result.output) if c["kind"] == KIND]
    assert [[e["doc"] for e in c["evidence"]] for c in found] == [["a", "b"]]
