"""PostgresStore specifics: migrations in step with SQLite, tsvector search, COPY batches,
atomic writes, URLs and errors. Needs DIPLOGRAPH_TEST_PG_URL (``make test`` sets it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from syntheticdocs import evidence_at, sentences_of

from diplograph.errors import StoreError
from diplograph.extract import EXTRACTOR_VERSION, extract
from diplograph.ingest.normalize import content_hash
from diplograph.jobs import ingest_documents
from diplograph.models import Document, Event, Extraction
from diplograph.settings import Settings
from diplograph.store import Filters, SQLiteStore, open_store
from diplograph.store.migrations import LATEST, MIGRATIONS
from diplograph.store.postgres_migrations import PG_MIGRATIONS

SAMPLE = Path(__file__).parents[1] / "diplograph" / "data" / "sample"

psycopg = pytest.importorskip("psycopg")
pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(pg_url):
    s = open_store(pg_url)
    yield s
    s.close()


def _doc(doc_id: str, sentences: list[str], version: str = "") -> tuple[Document, Extraction]:
    text = " ".join(sentences) + version
    sents = sentences_of(sentences)
    x = Extraction(doc_id, EXTRACTOR_VERSION, "VNM", sentences=sents)
    ev = evidence_at(doc_id, sents, 0)
    x.events.append(Event("MEET", ev, None, None, "2023-05", confidence=0.8))
    return Document(id=doc_id, text=text, title=doc_id, published="2023-05-02"), x


def test_store_postgres_migrations_in_step_with_sqlite():
    assert [(v, n) for v, n, _ in PG_MIGRATIONS] == [(v, n) for v, n, _ in MIGRATIONS]


def test_store_postgres_schema_and_gin_index(pg):
    assert pg.schema_version == LATEST
    idx = pg.conn.execute(
        "SELECT indexdef FROM pg_indexes WHERE tablename = 'sentences' "
        "AND schemaname = current_schema() AND indexname = 'sentences_tsv'"
    ).fetchone()
    assert idx is not None and "gin (tsv)" in idx["indexdef"].lower()


def test_store_postgres_migrations_idempotent_on_reopen(pg, pg_url):
    for _ in range(2):
        again = open_store(pg_url)
        assert again.schema_version == LATEST
        rows = again.conn.execute("SELECT version FROM schema_version").fetchall()
        assert [r["version"] for r in rows] == list(range(1, LATEST + 1))
        again.close()


def test_store_postgres_newer_schema_refused(pg, pg_url):
    pg.conn.execute("INSERT INTO schema_version VALUES (%s)", (LATEST + 1,))
    with pytest.raises(StoreError) as err:
        open_store(pg_url)
    assert err.value.code == "D303"


@pytest.mark.parametrize("scheme", ["postgresql://", "postgresql+psycopg://", "postgres://"])
def test_store_postgres_open_store_url_schemes(pg_url, scheme):
    s = open_store(scheme + pg_url.split("://", 1)[1])
    assert type(s).__name__ == "PostgresStore"
    assert s.stats()["documents"] == 0
    s.close()


def test_store_postgres_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError) as err:
        open_store("postgresql://nobody:secret@127.0.0.1:1/nothing?connect_timeout=2")
    assert err.value.code == "D302"
    assert "secret" not in str(err.value) and "pg-start" in str(err.value)


def test_store_postgres_search_websearch_and_highlight(pg):
    doc, x = _doc(
        "d1",
        [
            "Japan and Vietnam signed a health accord in Tokyo in June 2023.",
            "The two countries set up their strategic partnership in 2013.",
            "Vietnam's strategic partner list keeps growing.",
        ],
    )
    pg.save_document(doc, content_hash(doc.text), x, None)
    hits = pg.search("Vietnam Japan", Filters())
    assert [(h["doc_id"], h["idx"]) for h in hits] == [("d1", 0)]
    assert hits[0]["snippet"] == (
        "[Japan] and [Vietnam] signed a health accord in Tokyo in June 2023."
    )
    phrase = pg.search('"strategic partnership"', Filters())
    assert [h["idx"] for h in phrase] == [1]
    assert "their [strategic partnership] in 2013" in phrase[0]["snippet"]
    prefix = pg.search("partner*", Filters(), mode="or")
    assert sorted(h["idx"] for h in prefix) == [1, 2]
    assert [h["idx"] for h in pg.search("partner*", Filters())] == [2]  # "and": whole words
    assert pg.count("search", Filters(), "strategic") == 2
    assert all(isinstance(h["score"], float) for h in prefix)


@pytest.mark.parametrize("query", ['"', "'); DROP TABLE sentences;--", "-", "or", "\\", "%_", "!"])
def test_store_postgres_search_hostile_queries(pg, query):
    doc, x = _doc("d1", ["Vietnam or Laos - which one?"])
    pg.save_document(doc, content_hash(doc.text), x, None)
    assert isinstance(pg.search(query, Filters()), list)
    assert pg.stats()["sentences"] == 1


def test_store_postgres_save_is_atomic(pg):
    doc, x = _doc("atomic", ["Vietnam met Laos.", "Laos met Japan."])
    x.sentences[1] = x.sentences[0]  # duplicate primary key half-way through the insert
    with pytest.raises(psycopg.IntegrityError):
        pg.save_document(doc, "h", x, None)
    assert pg.get_document("atomic") is None
    assert pg.stats()["sentences"] == 0


def test_store_postgres_copy_batch_equals_one_by_one(pg, pg_url, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for f in SAMPLE.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    docs = [
        Document(id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())
    ]
    items = [(d, content_hash(d.text), extract(d)) for d in docs]
    assert pg.save_documents_batch(items, None) == ["new"] * len(items)
    one = SQLiteStore(str(tmp_path / "one.db"))
    for d, h, x in items:
        one.save_document(d, h, x, None)
    for kind in ("events", "figures", "relations", "documents"):
        assert getattr(pg, kind)(Filters()) == getattr(one, kind)(Filters()), kind
    assert {k: v for k, v in pg.stats().items() if k != "schema_version"} == {
        k: v for k, v in one.stats().items() if k != "schema_version"
    }
    assert pg.sentences(docs[0].id) == one.sentences(docs[0].id)
    assert pg.mentions(docs[0].id) == one.mentions(docs[0].id)
    one.close()


def test_store_postgres_copy_batch_statuses_and_versions(pg):
    a, xa = _doc("a", ["Vietnam met Laos."])
    b, xb = _doc("b", ["Japan met Laos."])
    a2, xa2 = _doc("a", ["Vietnam met Laos."], version=" Updated.")
    h = content_hash
    assert pg.save_documents_batch([(a, h(a.text), xa), (b, h(b.text), xb)], 1) == ["new", "new"]
    statuses = pg.save_documents_batch(
        [(a, h(a.text), xa), (a2, h(a2.text), xa2), (a2, h(a2.text), xa2)], 2
    )
    assert statuses == ["duplicate", "updated", "duplicate"]
    assert pg.get_document("a")["version"] == 2
    assert pg.get_document("a")["text"].endswith("Updated.")
    assert pg.stats()["document_versions"] == 1
    assert len(pg.events(Filters(doc="a"))) == 1


def test_store_postgres_copy_batch_is_atomic(pg):
    a, xa = _doc("a", ["Vietnam met Laos."])
    b, xb = _doc("b", ["Vietnam met Laos.", "Laos met Japan."])
    xb.sentences[1] = xb.sentences[0]
    with pytest.raises(psycopg.IntegrityError):
        pg.save_documents_batch([(a, "ha", xa), (b, "hb", xb)], None)
    assert pg.stats()["documents"] == 0 and pg.stats()["events"] == 0


def test_store_postgres_failures_and_runs(pg):
    run = pg.start_run("ingest x", EXTRACTOR_VERSION)
    pg.record_failure(run, "bad.bin", "D101", "looks binary")
    pg.finish_run(run, {"failed": 1})
    (f,) = pg.failures()
    assert (f["item"], f["code"], f["run_id"]) == ("bad.bin", "D101", run)
    row = pg.conn.execute("SELECT status, counts FROM runs WHERE id = %s", (run,)).fetchone()
    assert row["status"] == "done" and '"failed": 1' in row["counts"]


def test_store_postgres_ingest_matches_sqlite(pg, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for f in SAMPLE.iterdir():
        if f.suffix in (".txt", ".json", ".jsonl", ".rss", ".atom"):
            shutil.copy(f, folder / f.name)
    lite = SQLiteStore(str(tmp_path / "lite.db"))
    a = ingest_documents([str(folder)], pg, Settings())
    b = ingest_documents([str(folder)], lite, Settings())
    assert a.as_dict() == b.as_dict()
    f = Filters(country="VNM", since="2020", newest_first=True, limit=15, offset=3)
    for kind in ("events", "figures", "relations", "documents"):
        assert getattr(pg, kind)(f) == getattr(lite, kind)(f), kind
        assert pg.count(kind, f) == lite.count(kind, f)
    assert pg.event_histogram(Filters(), "year") == lite.event_histogram(Filters(), "year")
    assert pg.relation_pairs(Filters()) == lite.relation_pairs(Filters())
    hits_pg = pg.search("strategic partnership", Filters(limit=100))
    hits_lite = lite.search("strategic partnership", Filters(limit=100))
    assert {(h["doc_id"], h["idx"], h["snippet"]) for h in hits_pg} == {
        (h["doc_id"], h["idx"], h["snippet"]) for h in hits_lite
    }
    lite.close()
