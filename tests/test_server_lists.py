"""Issue 19: the list endpoints' fast path (server/lists.py) answers what the models would, counts
once per filter set and store version, and pages a pair's events from both directions."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conflictcorpus import fill_store
from fastapi.testclient import TestClient
from pydantic import BaseModel, TypeAdapter

from diplograph.jobs import ingest_documents
from diplograph.query.schemas import (
    DocumentPublic,
    EventPublic,
    FigurePublic,
    Page,
    RelationPublic,
    page_json,
)
from diplograph.server import create_app
from diplograph.server.cache import CountCache
from diplograph.settings import Settings
from diplograph.store import Filters, SQLiteStore, Store

MORE = """published: 2024-02-01
title: One more visit
---
Foreign Minister Bui Thanh Son paid an official visit to Chile on January 30, 2024.
"""

EVIDENCE = {"doc_id": "d-1", "sent_idx": 0, "start": 0, "end": 4, "sentence": "Héllo \u2028 😀"}


def model_page(model: type[BaseModel], data: list[BaseModel], count: int) -> bytes:
    """The body FastAPI sends for ``response_model=Page[model]`` (validate, then dump)."""
    adapter: TypeAdapter[Any] = TypeAdapter(Page[model])  # type: ignore[valid-type]
    page = Page[model](data=data, count=count, limit=50, offset=0)  # type: ignore[valid-type]
    return adapter.dump_json(adapter.validate_python(page))


def test_page_json_is_the_models_json() -> None:
    """Integers in float columns, infinities, non-ASCII text, actors with and without a
    Wikidata id: the same bytes as building and serializing the models."""
    events = [
        {"id": 1, "type": "VISIT", "source_code": "VNM", "source_name": "Viet Nam",
         "target_code": "XXX", "confidence": 1, "date": "2024-01-02", **EVIDENCE},
        {"id": 2, "type": "MEET", "confidence": float("inf"), "plover_type": "CONSULT", **EVIDENCE},
        {"id": 3, "type": "CALL", "confidence": 0.1 + 0.2, "target_code": "CHN", **EVIDENCE},
    ]  # fmt: skip
    figures = [
        {"id": 1, "indicator": "visits", "value": 3, "unit": "count", **EVIDENCE},
        {"id": 2, "indicator": "trade", "value": 1e16, "unit": "USD", "subject": "VNM", **EVIDENCE},
        {"id": 3, "indicator": "x", "value": float("-inf"), "unit": "%", **EVIDENCE},
    ]  # fmt: skip
    relations = [{"id": 1, "a": "VNM", "b": "NGA", "level": "strategic partnership", **EVIDENCE}]
    documents = [
        {"id": "d-1", "title": "Ünïcode", "published": None, "outlet": "x", "fmt": "txt",
         "version": 2, "events": 3, "figures": 0, "relations": 1},
    ]  # fmt: skip
    for model, rows in (
        (EventPublic, events),
        (FigurePublic, figures),
        (RelationPublic, relations),
    ):
        fast = page_json([model.row_fields(r) for r in rows], 7, 50, 0)
        assert fast == model_page(model, [model.from_row(r) for r in rows], 7)
    slow = model_page(DocumentPublic, [DocumentPublic.model_validate(d) for d in documents], 1)
    assert page_json(documents, 1, 50, 0) == slow


@pytest.fixture
def client(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    assert fill_store(store, tmp_path / "articles").new == 2
    with TestClient(create_app(Settings(db=store.url, home="VNM"))) as c:
        yield c


def test_list_counts_are_kept_per_filter_set_until_a_write(
    client: TestClient, store: Store, tmp_path: Path
) -> None:
    counts: CountCache = client.app.state.count_cache  # type: ignore[attr-defined]
    first = client.get("/api/events", params={"limit": 1}).json()
    documents = client.get("/api/documents").json()["count"]
    hits = counts.hits
    second = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert second["count"] == first["count"] and second["data"] != first["data"]
    if isinstance(store, SQLiteStore):  # PostgreSQL's version moves with any transaction
        assert counts.hits == hits + 1  # the next page did not count again
    # an ingest through another connection (as `diplograph ingest` would) moves the version
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "visit.txt").write_text(MORE, encoding="utf-8")
    assert ingest_documents([str(tmp_path / "more")], store, Settings(db=store.url)).new == 1
    after = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert after["count"] > first["count"]
    assert client.get("/api/documents").json()["count"] == documents + 1
    chile = client.get("/api/events", params={"country": "VNM", "partner": "CHL"}).json()
    assert chile["count"] == len(chile["data"]) >= 1


def test_pair_pages_read_both_directions_newest_first(db_path: Path) -> None:
    """A pair's events merged from its two directions are the rows, and the order, of the
    pair filter: by date (missing dates last), then id, newest first, whatever the page."""
    store = SQLiteStore(str(db_path))
    rnd = random.Random(19)
    now = "2024-01-01T00:00:00"
    store.conn.execute(
        "INSERT INTO documents (id, text, content_hash, ingested_at) VALUES ('d', 't', 'h', ?)",
        (now,),
    )
    codes = ["VNM", "CHN", "USA"]
    dates = [None, "2023", "2023-05", "2023-05-01", "2024-02-29", "2024-02-29"]
    for i in range(300):
        store.conn.execute(
            'INSERT INTO events (doc_id, sent_idx, start, "end", sentence, type, source_code, '
            "target_code, date) VALUES ('d', ?, 0, 1, 's', ?, ?, ?, ?)",
            (i, rnd.choice(["MEET", "VISIT"]), rnd.choice(codes), rnd.choice(codes),
             rnd.choice(dates)),
        )  # fmt: skip
    every = store.events(Filters(newest_first=True))
    cases = [("VNM", "CHN", None), ("chn", "VNM", "MEET"), ("USA", "USA", None)]
    for country, partner, kind in cases:
        pair = {country.upper(), partner.upper()}
        want = [
            e for e in every
            if {e["source_code"], e["target_code"]} == pair and kind in (None, e["type"])
        ]  # fmt: skip
        for limit, offset in [(None, 0), (7, 0), (7, 7), (50, 20)]:
            f = Filters(country=country, partner=partner, type=kind, limit=limit, offset=offset,
                        newest_first=True)  # fmt: skip
            page = want[offset : offset + limit if limit else None]
            assert store.events(f) == page, (country, partner, kind, limit, offset)
            assert store.count("events", f) == len(want)
    store.close()
