"""Crash safety: kill -9 a real ingest subprocess, check the database, resume, compare counts."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from diplograph.jobs import ingest_documents, reextract_all
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

N_DOCS = 150
PARTNERS = [
    "Japan",
    "France",
    "Laos",
    "Cambodia",
    "India",
    "Australia",
    "Germany",
    "Italy",
    "Brazil",
    "Chile",
    "Canada",
    "Mexico",
]
TABLES = ("documents", "sentences", "events", "figures", "relations", "mentions")


def _make_corpus(folder: Path, n: int = N_DOCS) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        p = PARTNERS[i % len(PARTNERS)]
        (folder / f"brief-{i:03d}.txt").write_text(
            f"title: Fisheries brief {i}\npublished: 2023-{1 + i % 12:02d}-{1 + i % 27:02d}\n"
            "---\n"
            f"Vietnam and {p} signed a memorandum on fisheries research in Hanoi on Monday, "
            f"according to note number {i}.\n\n"
            f"Two-way trade between Vietnam and {p} reached USD {i + 1} billion in 2022.\n\n"
            f"Prime Minister Pham Minh Chinh paid an official visit to {p} in March 2023 to "
            "review the strategic partnership between the two countries.\n",
            encoding="utf-8",
        )


def _cmd(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "diplograph", "ingest", str(folder), "--db", str(db)]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DIPLOGRAPH_DB", None)
    env["COLUMNS"] = "200"
    return env


def _count_ro(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return int(con.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def _assert_consistent(db: Path) -> None:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        no_sentences = con.execute(
            "SELECT id FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
        ).fetchall()
        assert no_sentences == []
        for table in ("sentences", "mentions", "events", "figures", "relations"):
            orphans = con.execute(
                f"SELECT COUNT(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)"
            ).fetchone()[0]
            assert orphans == 0, table
        fts = con.execute("SELECT COUNT(*) FROM sentences_fts").fetchone()[0]
        assert fts == con.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]
    finally:
        con.close()


def test_jobs_resume_after_kill_matches_clean_run(tmp_path):
    corpus = tmp_path / "corpus"
    _make_corpus(corpus)
    killed_db = tmp_path / "killed.db"

    proc = subprocess.Popen(
        _cmd(corpus, killed_db), env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while _count_ro(killed_db) < 5:
            assert proc.poll() is None, "ingest ended before it could be killed"
            assert time.monotonic() < deadline, "ingest never stored a document"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    partial = _counts(killed_db)
    assert 0 < partial["documents"] < N_DOCS
    _assert_consistent(killed_db)
    reopened = SQLiteStore(str(killed_db))  # opens (and recovers the WAL) without error
    assert reopened.stats()["documents"] == partial["documents"]
    reopened.close()

    resumed = subprocess.run(
        _cmd(corpus, killed_db), env=_env(), capture_output=True, text=True, timeout=120
    )
    assert resumed.returncode == 0, resumed.stderr
    _assert_consistent(killed_db)

    clean_db = tmp_path / "clean.db"
    clean_store = SQLiteStore(str(clean_db))
    summary = ingest_documents([str(corpus)], clean_store, Settings(db=str(clean_db)))
    clean_store.close()
    assert summary.new == N_DOCS and summary.failed == 0
    clean = _counts(clean_db)
    assert clean["events"] > 0 and clean["figures"] > 0 and clean["relations"] > 0
    assert _counts(killed_db) == clean

    third = subprocess.run(
        _cmd(corpus, killed_db), env=_env(), capture_output=True, text=True, timeout=120
    )
    assert third.returncode == 0, third.stderr
    assert _counts(killed_db) == clean
    s = SQLiteStore(str(killed_db))
    try:
        assert s.stats()["document_versions"] == 0
        runs = s.conn.execute("SELECT status, counts FROM runs ORDER BY id").fetchall()
        assert [r[0] for r in runs] == ["crashed", "done", "done"]  # marked by the next run
        assert f'"duplicate": {N_DOCS}' in runs[-1][1] and '"new": 0' in runs[-1][1]
    finally:
        s.close()


def test_jobs_reextract_all_recomputes_same_records(tmp_path, store, settings):
    corpus = tmp_path / "corpus"
    _make_corpus(corpus, n=12)
    ingest_documents([str(corpus)], store, settings)
    before = store.stats()
    summary = reextract_all(store, settings, force=True)
    assert summary.updated == 12 and summary.failed == 0
    after = store.stats()
    for key in ("documents", "sentences", "events", "figures", "relations"):
        assert after[key] == before[key], key
    assert summary.events == before["events"]
