"""SQLiteStore: migrations, idempotent re-ingest, versions, filters, FTS search, WAL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from syntheticdocs import evidence_at, sentences_of

from diplograph.errors import StoreError
from diplograph.extract import EXTRACTOR_VERSION
from diplograph.ingest.normalize import content_hash
from diplograph.jobs import ingest_documents
from diplograph.models import (
    Actor,
    Document,
    Event,
    Extraction,
    Figure,
    Relation,
)
from diplograph.store import Filters, SQLiteStore, open_store
from diplograph.store.migrations import LATEST

VNM = Actor("VNM", "Vietnam")
USA = Actor("USA", "United States")
JPN = Actor("JPN", "Japan")
LAO = Actor("LAO", "Laos")


def _doc_with_records(doc_id: str, sentences: list[str], records) -> tuple[Document, Extraction]:
    """A document whose text is the sentences joined by spaces, with the given records.

    ``records`` is a list of (sentence index, kind, fields) tuples.
    """
    text = " ".join(sentences)
    sents = sentences_of(sentences)
    x = Extraction(doc_id=doc_id, extractor_version=EXTRACTOR_VERSION, home="VNM", sentences=sents)
    for idx, kind, fields in records:
        ev = evidence_at(doc_id, sents, idx)
        if kind == "event":
            x.events.append(Event(evidence=ev, **fields))
        elif kind == "figure":
            x.figures.append(Figure(evidence=ev, **fields))
        else:
            x.relations.append(Relation(evidence=ev, **fields))
    return Document(id=doc_id, text=text, title=doc_id, published="2023-01-01"), x


def _save(store: SQLiteStore, doc: Document, x: Extraction) -> str:
    return store.save_document(doc, content_hash(doc.text), x, None)


@pytest.fixture
def filled(store: SQLiteStore) -> SQLiteStore:
    d1, x1 = _doc_with_records(
        "d1",
        [
            "Vietnam's president paid a state visit to the United States in March 2021.",
            "Japan and Vietnam signed a health accord in Tokyo in June 2023.",
            "Trade between Vietnam and Japan reached 50 billion dollars in 2022.",
        ],
        [
            (0, "event", {"type": "VISIT", "source": VNM, "target": USA, "date": "2021-03"}),
            (1, "event", {"type": "AGREE_SIGN", "source": JPN, "target": VNM, "date": "2023-06"}),
            (
                2,
                "figure",
                {
                    "indicator": "trade_value",
                    "value": 5e10,
                    "unit": "USD",
                    "period": "2022",
                    "subject": "VNM",
                },
            ),
            (
                1,
                "relation",
                {"a": "JPN", "b": "VNM", "level": "strategic partnership", "date": "2023"},
            ),
        ],
    )
    d2, x2 = _doc_with_records(
        "d2",
        [
            "Laos and Vietnam held talks in Vientiane in January 2024.",
            "Laos received 300 tonnes of rice from Japan in 2020.",
        ],
        [
            (0, "event", {"type": "MEET", "source": LAO, "target": VNM, "date": "2024-01"}),
            (1, "event", {"type": "AID", "source": JPN, "target": LAO, "date": "2020"}),
            (
                1,
                "figure",
                {
                    "indicator": "aid_amount",
                    "value": 300,
                    "unit": "tonnes",
                    "period": "2020",
                    "subject": "LAO",
                },
            ),
            (
                0,
                "relation",
                {"a": "LAO", "b": "VNM", "level": "special relationship", "date": None},
            ),
        ],
    )
    _save(store, d1, x1)
    _save(store, d2, x2)
    return store


def test_store_sqlite_schema_version_latest(store):
    assert store.schema_version == LATEST
    assert store.stats()["schema_version"] == LATEST


def test_store_sqlite_migrations_idempotent_on_reopen(db_path, filled):
    filled.close()
    for _ in range(2):
        s = SQLiteStore(str(db_path))
        assert s.schema_version == LATEST
        rows = s.conn.execute("SELECT version FROM schema_version").fetchall()
        assert [r[0] for r in rows] == list(range(1, LATEST + 1))
        assert s.stats()["events"] == 4
        s.close()


def test_store_sqlite_newer_schema_refused(db_path, store):
    store.conn.execute("INSERT INTO schema_version VALUES (?)", (LATEST + 1,))
    store.close()
    with pytest.raises(StoreError) as info:
        SQLiteStore(str(db_path))
    assert info.value.code == "D303"


def test_store_sqlite_not_a_database(tmp_path):
    p = tmp_path / "junk.db"
    p.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError) as info:
        SQLiteStore(str(p))
    assert info.value.code == "D302"


def test_store_sqlite_missing_folder(tmp_path):
    with pytest.raises(StoreError) as info:
        SQLiteStore(str(tmp_path / "no" / "such" / "x.db"))
    assert info.value.code == "D301"


def test_store_sqlite_open_store_urls(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'u.db'}")
    assert isinstance(s, SQLiteStore)
    s.close()
    assert (tmp_path / "u.db").exists()
    m = open_store(":memory:")
    assert m.stats()["documents"] == 0
    m.close()


@pytest.mark.sqlite_only  # reads SQLite internals; PostgreSQL: test_store_postgres.py
def test_store_sqlite_wal_mode(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_store_sqlite_reingest_idempotent(write, store, settings):
    write(
        "in/a.txt",
        "Vietnam and Japan\n\nVietnam and Japan signed a trade accord in Tokyo "
        "on Monday. Two-way trade reached USD 50 billion in 2022.",
    )
    write("in/b.txt", "Laos talks\n\nLaos and Vietnam held talks in Vientiane in May 2023.")
    folder = str(Path(settings.db).parent / "in")
    first = ingest_documents([folder], store, settings)
    assert first.new == 2 and first.duplicate == 0
    before = store.stats()
    second = ingest_documents([folder], store, settings)
    assert (second.new, second.updated, second.duplicate, second.failed) == (0, 0, 2, 0)
    assert (second.events, second.figures, second.relations) == (0, 0, 0)
    after = store.stats()
    for key in ("documents", "sentences", "events", "figures", "relations", "document_versions"):
        assert after[key] == before[key], key


@pytest.mark.sqlite_only  # reads SQLite internals; PostgreSQL: test_store_postgres.py
def test_store_sqlite_changed_text_new_version_keeps_old(write, store, settings):
    p = write("memo.txt", "Memo\n\nVietnam and Japan signed a trade accord in Tokyo on Monday.")
    ingest_documents([str(p)], store, settings)
    old = store.get_document("memo")
    assert old is not None and old["version"] == 1
    p.write_text("Memo\n\nVietnam and Laos held talks in Vientiane on Friday.", encoding="utf-8")
    summary = ingest_documents([str(p)], store, settings)
    assert (summary.new, summary.updated, summary.duplicate) == (0, 1, 0)
    new = store.get_document("memo")
    assert new is not None and new["version"] == 2
    assert "Laos" in new["text"]
    versions = store.conn.execute(
        "SELECT version, text, content_hash FROM document_versions WHERE id = 'memo'"
    ).fetchall()
    assert [(v[0], v[1], v[2]) for v in versions] == [(1, old["text"], old["content_hash"])]
    # records now describe the new text only
    assert all("Laos" in s["text"] or "Memo" in s["text"] for s in store.sentences("memo"))
    assert store.search("Tokyo", Filters()) == []
    assert store.stats()["documents"] == 1


def test_store_sqlite_document_status(store):
    doc = Document(id="s1", text="Vietnam met Laos.")
    assert store.document_status(doc, "h1") == "new"
    _, x = _doc_with_records("s1", ["Vietnam met Laos."], [])
    store.save_document(doc, "h1", x, None)
    assert store.document_status(doc, "h1") == "duplicate"
    assert store.document_status(doc, "h2") == "updated"


@pytest.mark.sqlite_only  # reads SQLite internals; PostgreSQL: test_store_postgres.py
def test_store_sqlite_save_is_atomic(store):
    doc, x = _doc_with_records("atomic", ["Vietnam met Laos.", "Laos met Japan."], [])
    # two sentences with the same idx violate the primary key half-way through the insert
    x.sentences[1] = x.sentences[0]
    with pytest.raises(sqlite3.IntegrityError):
        store.save_document(doc, "h", x, None)
    assert store.get_document("atomic") is None
    assert store.stats()["sentences"] == 0


def test_store_sqlite_filter_events_country_partner(filled):
    assert {e["type"] for e in filled.events(Filters(country="vnm"))} == {
        "VISIT",
        "AGREE_SIGN",
        "MEET",
    }
    pair = filled.events(Filters(country="VNM", partner="JPN"))
    assert [e["type"] for e in pair] == ["AGREE_SIGN"]
    reversed_pair = filled.events(Filters(country="JPN", partner="VNM"))
    assert [e["type"] for e in reversed_pair] == ["AGREE_SIGN"]
    assert {e["type"] for e in filled.events(Filters(partner="LAO"))} == {"MEET", "AID"}


def test_store_sqlite_filter_events_type_since_until(filled):
    assert [e["type"] for e in filled.events(Filters(type="visit"))] == ["VISIT"]
    assert {e["type"] for e in filled.events(Filters(since="2023"))} == {"AGREE_SIGN", "MEET"}
    assert {e["type"] for e in filled.events(Filters(until="2021"))} == {"VISIT", "AID"}
    assert [e["type"] for e in filled.events(Filters(since="2021-01", until="2021-12-31"))] == [
        "VISIT"
    ]
    assert [e["type"] for e in filled.events(Filters(until="2023-06"))] != []
    assert {e["type"] for e in filled.events(Filters(until="2023-06"))} == {
        "VISIT",
        "AGREE_SIGN",
        "AID",
    }


def test_store_sqlite_filter_figures(filled):
    assert [f["indicator"] for f in filled.figures(Filters(country="lao"))] == ["aid_amount"]
    assert [f["subject"] for f in filled.figures(Filters(type="trade_value"))] == ["VNM"]
    assert [f["period"] for f in filled.figures(Filters(since="2021"))] == ["2022"]
    assert [f["period"] for f in filled.figures(Filters(until="2020"))] == ["2020"]


def test_store_sqlite_filter_relations(filled):
    assert [r["level"] for r in filled.relations(Filters(country="LAO"))] == [
        "special relationship"
    ]
    assert [r["a"] for r in filled.relations(Filters(country="VNM", partner="JPN"))] == ["JPN"]
    assert [r["b"] for r in filled.relations(Filters(type="strategic partnership"))] == ["VNM"]
    assert [r["level"] for r in filled.relations(Filters(since="2023"))] == [
        "strategic partnership"
    ]


def test_store_sqlite_filter_limit_and_docs(filled):
    assert len(filled.events(Filters(limit=2))) == 2
    docs = filled.documents(Filters())
    assert [(d["id"], d["events"], d["figures"], d["relations"]) for d in docs] == [
        ("d1", 2, 1, 1),
        ("d2", 2, 1, 1),
    ]
    assert filled.documents(Filters(since="2024")) == []


def test_store_sqlite_search_ranks_and_highlights(filled):
    hits = filled.search("Vietnam Japan", Filters())
    assert hits, "expected matches"
    assert all("[Vietnam]" in h["snippet"] and "[Japan]" in h["snippet"] for h in hits)
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores)  # bm25: lower is better
    phrase = filled.search('"health accord"', Filters())
    assert [(h["doc_id"], h["idx"]) for h in phrase] == [("d1", 1)]
    assert phrase[0]["text"] == "Japan and Vietnam signed a health accord in Tokyo in June 2023."


def test_store_sqlite_search_filters(filled):
    assert {h["doc_id"] for h in filled.search("Vietnam", Filters(country="LAO"))} == {"d2"}
    assert [h["idx"] for h in filled.search("Vietnam", Filters(type="VISIT"))] == [0]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        '"unbalanced',
        "NEAR(",
        "NEAR(Vietnam Japan",
        "*",
        "Viet*",
        "-",
        "-Japan",
        "Vietnam OR",
        "AND",
        "(",
        ")",
        "^",
        ":",
        "col:Vietnam",
        "'); DROP TABLE sentences;--",
        "",
        "   ",
        "\\",
        "%_",
    ],
)
def test_store_sqlite_search_hostile_queries(filled, query):
    hits = filled.search(query, Filters())
    assert isinstance(hits, list)
    assert filled.stats()["sentences"] == 5


@pytest.mark.sqlite_only  # reads SQLite internals; PostgreSQL: test_store_postgres.py
def test_store_sqlite_failures_recorded(store):
    run = store.start_run("ingest x", EXTRACTOR_VERSION)
    store.record_failure(run, "bad.bin", "D101", "looks binary")
    store.finish_run(run, {"failed": 1})
    (f,) = store.failures()
    assert (f["item"], f["code"], f["run_id"]) == ("bad.bin", "D101", run)
    row = store.conn.execute("SELECT status, counts FROM runs WHERE id = ?", (run,)).fetchone()
    assert row[0] == "done" and '"failed": 1' in row[1]


def test_store_sqlite_common_terms_only_on_a_large_store(tmp_path, monkeypatch):
    import diplograph.store.sqlite as backend
    from diplograph.models import Document

    db = tmp_path / "c.db"
    store = SQLiteStore(str(db))
    docs = [
        Document(id=f"d{i}", text=f"Vietnam met partner number {i}. Ministers discussed rice.")
        for i in range(12)
    ]
    docs.append(Document(id="rare", text="Vietnam and Chile signed a fisheries accord."))
    from diplograph.jobs import ingest_items
    from diplograph.settings import Settings

    ingest_items(docs, store, Settings(db=str(db)))
    assert store.common_terms(["vietnam*", "fisheries*"], 0.05) == set()  # small: nothing dropped
    monkeypatch.setattr(backend, "COMMON_MIN_SENTENCES", 0)
    terms = ["vietnam*", "fisheries*", "chil*", "rice"]  # prefixes, and one exact word
    assert store.common_terms(terms, 0.2) == {"vietnam*", "rice"}
    assert store.common_terms(["ric"], 0.2) == set()  # exact: "ric" is no word here


def _vocab_reads(store: SQLiteStore, terms: list[str]) -> tuple[set[str], int]:
    """``common_terms(terms, 0.2)`` and how many statements read the FTS vocabulary."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        common = store.common_terms(terms, 0.2)
    finally:
        store.conn.set_trace_callback(None)
    return common, sum("sentences_vocab WHERE" in s for s in seen)


def test_store_sqlite_common_terms_cached_until_the_store_changes(tmp_path, monkeypatch):
    import diplograph.store.sqlite as backend
    from diplograph.jobs import ingest_items
    from diplograph.settings import Settings

    monkeypatch.setattr(backend, "COMMON_MIN_SENTENCES", 0)
    db = tmp_path / "c.db"
    settings = Settings(db=str(db))
    store = SQLiteStore(str(db))
    docs = [Document(id=f"d{i}", text=f"Vietnam met partner number {i}.") for i in range(10)]
    ingest_items(docs, store, settings)
    assert _vocab_reads(store, ["vietnam*", "chil*"]) == ({"vietnam*"}, 2)
    assert _vocab_reads(store, ["vietnam*", "chil*"]) == ({"vietnam*"}, 0)  # cached
    # an ingest through this connection: counted again
    chile = [Document(id=f"c{i}", text=f"Chile met partner number {i}.") for i in range(5)]
    ingest_items(chile, store, settings)
    assert _vocab_reads(store, ["vietnam*", "chil*"]) == ({"vietnam*", "chil*"}, 2)
    # an ingest through another connection (another API worker, the CLI): counted again
    other = SQLiteStore(str(db))
    more = [Document(id=f"v{i}", text=f"Vietnam hosted guest number {i}.") for i in range(20)]
    ingest_items(more, other, settings)
    other.close()
    assert _vocab_reads(store, ["vietnam*", "chil*"]) == ({"vietnam*"}, 2)


def test_store_sqlite_outlets_in_stored_order_through_the_index(tmp_path):
    store = SQLiteStore(str(tmp_path / "o.db"))
    for i, outlet in enumerate(["VNA", "", None, "Tuoi Tre", "VNA", "Asahi", "Tuoi Tre"]):
        doc = Document(id=f"d{i}", text=f"Text {i}.", outlet=outlet, published=f"2024-01-0{i + 1}")
        x = Extraction(doc_id=doc.id, extractor_version=EXTRACTOR_VERSION, home="VNM")
        _save(store, doc, x)
    assert store.outlets() == ["VNA", "Tuoi Tre", "Asahi"]  # first stored first, no blanks
    assert store.docs_by_outlet("VNA") == ["d4", "d0"]
    plan = store.conn.execute("EXPLAIN QUERY PLAN SELECT MIN(outlet) FROM documents").fetchall()
    assert "documents_outlet" in " ".join(str(r[3]) for r in plan)


@pytest.mark.sqlite_only  # the page step of SQLite's two-step search
def test_store_sqlite_search_pages_of_an_or_prefix_query(filled):
    everything = filled.search("Viet* Tokyo", Filters(limit=50), mode="or")
    assert len(everything) >= 3
    keys = [(h["doc_id"], h["idx"], h["score"]) for h in everything]
    for offset in (0, 1, 2):
        page = filled.search("Viet* Tokyo", Filters(limit=2, offset=offset), mode="or")
        assert [(h["doc_id"], h["idx"], h["score"]) for h in page] == keys[offset : offset + 2]
        assert all("[" in h["snippet"] for h in page)
