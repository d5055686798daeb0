"""Export: the eval format of EVAL.md (offsets, keys, golden files) and jsonl/csv/parquet."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from diplograph.errors import ConfigError
from diplograph.export import eval_records, export_store
from diplograph.jobs import ingest_documents
from diplograph.store import SQLiteStore

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
EXPECTED = CORPUS / "expected"
SAMPLE = HERE.parent / "diplograph" / "data" / "sample"
GOLDEN_DOCS = sorted(p for p in CORPUS.glob("*.txt"))

EVENT_KEYS = {
    "doc",
    "sentence",
    "start",
    "end",
    "type",
    "plover",
    "source",
    "target",
    "date",
    "location",
    "confidence",
}
FIGURE_KEYS = {
    "doc",
    "sentence",
    "start",
    "end",
    "indicator",
    "value",
    "unit",
    "qualifier",
    "period",
    "subject",
}
RELATION_KEYS = {"doc", "sentence", "start", "end", "a", "b", "level", "date"}
EVENT_TYPES = {
    "VISIT",
    "MEET",
    "CALL",
    "AGREE_SIGN",
    "PARTNERSHIP_UPGRADE",
    "STATEMENT_SUPPORT",
    "AID",
    "ELECTED",
    "CONFERENCE",
    "PROTEST_ACCUSE",
    "SANCTION",
    "EVACUATE",
    "OTHER_COOPERATE",
    "OTHER_CONFLICT",
}


def _read_jsonl(path: Path) -> list[dict]:
    """Records of a JSONL file; the version hash in ``produced_by`` reads as ``@HASH``."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    for r in rows:
        if r.get("produced_by"):
            r["produced_by"] = r["produced_by"].split("@")[0] + "@HASH"
    return rows


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> SQLiteStore:
    from diplograph.settings import Settings

    db = tmp_path_factory.mktemp("export") / "sample.db"
    s = SQLiteStore(str(db))
    ingest_documents([str(SAMPLE)], s, Settings(db=str(db)))
    yield s
    s.close()


@pytest.fixture(scope="module")
def eval_dir(sample_store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("eval-out")
    export_store(sample_store, "eval", out)
    return out


def test_export_eval_writes_exactly_three_files(eval_dir):
    assert sorted(p.name for p in eval_dir.iterdir()) == [
        "events.jsonl",
        "figures.jsonl",
        "relations.jsonl",
    ]


def test_export_eval_event_keys(eval_dir):
    events = _read_jsonl(eval_dir / "events.jsonl")
    assert events
    for r in events:
        assert EVENT_KEYS <= set(r), r
        assert r["type"] in EVENT_TYPES
        assert set(r["plover"]) == {"event_type", "mode"}
        assert isinstance(r["source"], dict) and r["source"]["code"]
        assert set(r["source"]) == {"code", "name", "person", "role"}
        assert r["target"] is None or set(r["target"]) == {"code", "name", "person", "role"}
        assert 0 <= r["confidence"] <= 1
        assert r["date"] is None or len(r["date"]) in (4, 7, 10)


def test_export_eval_figure_keys(eval_dir):
    figures = _read_jsonl(eval_dir / "figures.jsonl")
    assert figures
    for r in figures:
        assert FIGURE_KEYS <= set(r), r
        assert isinstance(r["value"], int | float)
        assert r["qualifier"] in (None, "over", "about", "nearly", "more_than", "exactly")


def test_export_eval_relation_keys(eval_dir):
    relations = _read_jsonl(eval_dir / "relations.jsonl")
    assert relations
    for r in relations:
        assert RELATION_KEYS <= set(r), r
        assert r["a"] and r["b"] and r["level"]


def test_export_eval_offsets_match_stored_text(eval_dir, sample_store):
    texts = {d.id: d.text for d in sample_store.iter_documents()}
    n = 0
    for name in ("events", "figures", "relations"):
        for r in _read_jsonl(eval_dir / f"{name}.jsonl"):
            assert texts[r["doc"]][r["start"] : r["end"]] == r["sentence"], (name, r)
            n += 1
    assert n > 100


def test_export_eval_doc_ids_are_file_stems(eval_dir):
    docs = {
        r["doc"]
        for name in ("events", "figures", "relations")
        for r in _read_jsonl(eval_dir / f"{name}.jsonl")
    }
    stems = {p.stem for p in SAMPLE.glob("*.txt")} | {p.stem for p in SAMPLE.glob("*.htm*")}
    file_docs = docs & stems
    assert len(file_docs) >= 10
    assert "vn-us-upgrade-2023" in docs
    # container formats use the record ids, never the container's stem
    assert "wire" not in docs and "feed" not in docs and "collection-2023" not in docs
    assert "nz-vietnam-upgrade-2025" in docs


def test_export_eval_records_in_document_order(sample_store):
    recs = eval_records(sample_store)
    for rows in recs.values():
        keys = [(r["doc"], r["start"]) for r in rows]
        assert keys == sorted(keys)


@pytest.mark.parametrize("doc", GOLDEN_DOCS, ids=lambda p: p.stem)
def test_export_eval_golden_file(doc: Path, tmp_path, settings):
    """Exported records for a hand-written article are pinned in tests/corpus/expected/.

    Regenerate on purpose (after reviewing the diff) with DIPLOGRAPH_UPDATE_GOLDEN=1.
    """
    s = SQLiteStore(settings.db)
    try:
        summary = ingest_documents([str(doc)], s, settings)
        assert summary.new == 1 and summary.failed == 0
        out = tmp_path / "out"
        export_store(s, "eval", out)
    finally:
        s.close()
    for name in ("events", "figures", "relations"):
        expected = EXPECTED / f"{doc.stem}.{name}.jsonl"
        got = (out / f"{name}.jsonl").read_text(encoding="utf-8")
        if os.environ.get("DIPLOGRAPH_UPDATE_GOLDEN"):
            expected.write_text(got, encoding="utf-8")
        assert expected.exists(), f"missing golden file {expected}"
        assert _read_jsonl(out / f"{name}.jsonl") == _read_jsonl(expected), name


def test_export_golden_files_are_sensible():
    """The checked-in expectation itself: offsets are valid against the article body."""
    doc = CORPUS / "vn-japan-shipping-accord-2024.txt"
    body = doc.read_text(encoding="utf-8").split("---\n", 1)[1]
    events = _read_jsonl(EXPECTED / f"{doc.stem}.events.jsonl")
    assert {e["type"] for e in events} >= {"VISIT", "MEET"}
    for name in ("events", "figures", "relations"):
        for r in _read_jsonl(EXPECTED / f"{doc.stem}.{name}.jsonl"):
            assert body[r["start"] : r["end"]] == r["sentence"]
            assert r["doc"] == doc.stem


def test_export_jsonl_reads_back(sample_store, tmp_path):
    files = export_store(sample_store, "jsonl", tmp_path)
    assert sorted(p.name for p in files) == [
        "documents.jsonl",
        "events.jsonl",
        "figures.jsonl",
        "relations.jsonl",
    ]
    stats = sample_store.stats()
    for name in ("documents", "events", "figures", "relations"):
        assert len(_read_jsonl(tmp_path / f"{name}.jsonl")) == stats[name], name


def test_export_csv_reads_back(sample_store, tmp_path):
    files = export_store(sample_store, "csv", tmp_path)
    assert len(files) == 4
    stats = sample_store.stats()
    for name in ("documents", "events", "figures", "relations"):
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == stats[name], name
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as fh:
        first = next(csv.DictReader(fh))
    assert {"doc_id", "type", "sentence", "start", "end"} <= set(first)


def test_export_parquet_reads_back(sample_store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    export_store(sample_store, "parquet", tmp_path)
    stats = sample_store.stats()
    for name in ("documents", "events", "figures", "relations"):
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.num_rows == stats[name], name
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert {r["type"] for r in events} == set(stats["events_by_type"])


def test_export_unknown_format_refused(sample_store, tmp_path):
    with pytest.raises(ConfigError) as info:
        export_store(sample_store, "xlsx", tmp_path / "x")
    assert info.value.code == "D402"
    assert not (tmp_path / "x").exists()


def test_export_empty_store_writes_empty_files(store, tmp_path):
    files = export_store(store, "eval", tmp_path)
    assert [p.read_text() for p in files] == ["", "", ""]
