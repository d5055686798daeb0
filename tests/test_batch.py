"""Parallel ingest (run_batch): worker processes and a Dask LocalCluster store exactly what the
single-process ingest stores; a document whose extraction crashes is recorded, not fatal."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from diplograph.batch import extract_partition, run_batch
from diplograph.cli import app
from diplograph.export import export_store
from diplograph.extract import extract
from diplograph.jobs import ingest_documents
from diplograph.models import Document, Extraction
from diplograph.settings import Settings
from diplograph.store import Filters, SQLiteStore, Store

SAMPLE = Path(__file__).parents[1] / "diplograph" / "data" / "sample"


def crash_on_bad(doc: Document, home: str) -> Extraction:
    """An extractor that fails on documents whose id starts with ``bad``."""
    if doc.id.startswith("bad"):
        raise RuntimeError("simulated extractor crash")
    return extract(doc, home=home)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The bundled sample without its HTML pages (trafilatura's process-wide dedupe cache
    drops a page read a third time in one process), plus one unreadable file."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for f in SAMPLE.iterdir():
        if f.suffix != ".html":
            shutil.copy(f, folder / f.name)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _exported(store: Store, out: Path) -> dict[str, str]:
    files = export_store(store, "eval", out)
    return {f.name: f.read_text(encoding="utf-8") for f in files}


@pytest.fixture
def reference(corpus: Path, tmp_path: Path) -> tuple[dict[str, str], dict[str, int]]:
    """Exported records and summary of the single-process ingest (SQLite)."""
    s = SQLiteStore(str(tmp_path / "reference.db"))
    summary = ingest_documents([str(corpus)], s, Settings())
    records = _exported(s, tmp_path / "reference")
    s.close()
    assert summary.new > 20 and summary.failed == 1
    return records, summary.as_dict()


@pytest.mark.slow
def test_batch_two_workers_equal_single_process(store, corpus, reference, tmp_path):
    summary = run_batch([str(corpus)], store, Settings(), workers=2, batch_size=4)
    assert summary.as_dict() == reference[1]
    assert _exported(store, tmp_path / "out") == reference[0]
    assert [f["code"] for f in store.failures()] == ["D102"]


# Dask's LocalCluster may report teardown noise from its own threads on a loaded machine;
# that is not our behaviour, so those warnings do not fail the test.
_DASK_TEARDOWN = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.mark.slow
@_DASK_TEARDOWN
def test_batch_dask_local_cluster_equal_single_process(store, corpus, reference, tmp_path):
    summary = run_batch([str(corpus)], store, Settings(), workers=2, dask="local", batch_size=5)
    assert summary.as_dict() == reference[1]
    assert _exported(store, tmp_path / "out") == reference[0]


def test_batch_rerun_counts_duplicates(store, corpus, reference):
    first = run_batch([str(corpus)], store, Settings(), batch_size=3)
    assert first.as_dict() == reference[1]
    again = run_batch([str(corpus)], store, Settings(), batch_size=3)
    assert (again.new, again.updated, again.duplicate) == (0, 0, first.new)
    assert again.events == 0


def test_batch_same_id_twice_in_one_batch_is_an_update(store, write, tmp_path):
    write("a/memo.txt", "Memo\n\nVietnam and Japan signed a trade accord in Tokyo on Monday.")
    write("b/memo.txt", "Memo\n\nLaos and Vietnam held talks in Vientiane in May 2023.")
    summary = run_batch([str(tmp_path / "a"), str(tmp_path / "b")], store, Settings())
    assert (summary.new, summary.updated) == (1, 1)
    assert store.get_document("memo")["version"] == 2
    assert store.stats()["document_versions"] == 1
    assert all("Laos" in s["text"] or "Memo" in s["text"] for s in store.sentences("memo"))


@pytest.mark.slow
@_DASK_TEARDOWN
@pytest.mark.parametrize(
    "mode", [{"workers": 2}, {"workers": 2, "dask": "local"}], ids=["workers", "dask"]
)
def test_batch_bad_document_recorded_partition_goes_on(store, write, tmp_path, mode):
    good = "Vietnam and Japan signed a trade accord in Tokyo on May 2, 2023."
    for name in ("a-one", "bad-doc", "c-three", "d-four"):
        write(f"in/{name}.txt", f"{name}\n\n{good} ({name})")
    summary = run_batch(
        [str(tmp_path / "in")], store, Settings(), batch_size=4, extractor=crash_on_bad, **mode
    )
    assert (summary.new, summary.failed) == (3, 1)
    (failure,) = store.failures()
    assert failure["code"] == "D201" and failure["item"].endswith("bad-doc.txt")
    assert "RuntimeError: simulated extractor crash" in failure["message"]
    assert store.get_document("bad-doc") is None
    assert {d["id"] for d in store.documents(Filters())} == {"a-one", "c-three", "d-four"}


def test_batch_extract_partition_never_raises():
    docs = [Document(id="bad", text="x"), Document(id="ok", text="Vietnam met Laos.")]
    out = extract_partition(docs, "VNM", crash_on_bad)
    assert type(out[0]).__name__ == "ExtractFailure"
    assert isinstance(out[1], Extraction) and out[1].doc_id == "ok"


def test_batch_cli_workers_option(runner, store, db_url, corpus, reference, tmp_path):
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db_url, "--workers", "1"])
    assert result.exit_code == 1, result.output  # the empty file fails
    assert "Ingest summary" in result.output
    assert _exported(store, tmp_path / "out") == reference[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_batch_workers_die_with_a_killed_ingest(tmp_path):
    import signal
    import subprocess
    import time

    folder = tmp_path / "many"
    folder.mkdir()
    text = "Vietnam and Japan signed an agreement on clean energy in Hanoi on Monday. " * 40
    for i in range(400):
        (folder / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    cmd = [sys.executable, "-m", "diplograph", "ingest", str(folder), "--workers", "2",
           "--db", str(tmp_path / "k.db")]  # fmt: skip
    parent = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def descendants(pid: int) -> set[int]:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
        direct = {int(p) for p in out.stdout.split()}
        return direct.union(*(descendants(c) for c in direct))

    # every descendant: the two workers, multiprocessing's resource tracker, and anything
    # they start; collected until the set has been stable for a second after the workers
    children: set[int] = set()
    deadline = time.monotonic() + 60
    stable_since = time.monotonic()
    while time.monotonic() < deadline:
        seen = children | descendants(parent.pid)
        if seen != children:
            children, stable_since = seen, time.monotonic()
        elif len(children) >= 2 and time.monotonic() - stable_since > 1.0:
            break
        time.sleep(0.2)
    assert len(children) >= 2, f"the workers never started (children {children})"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    alive = sorted(children)
    while alive and time.monotonic() < deadline:
        time.sleep(0.3)
        alive = [p for p in children if os.path.exists(f"/proc/{p}") and _running(p)]
    assert alive == [], f"orphan processes {alive} outlived the killed ingest"
    # the next command on the store marks the killed run crashed, not running forever
    from diplograph.jobs import mark_crashed_runs

    killed = SQLiteStore(str(tmp_path / "k.db"))
    try:
        assert mark_crashed_runs(killed) == [1]
        assert killed.running_runs() == []
    finally:
        killed.close()


def test_batch_runs_of_dead_processes_are_marked_crashed(store):
    import subprocess

    from diplograph.jobs import mark_crashed_runs

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    gone, mine = store.start_run("ingest a", "v"), store.start_run("ingest b", "v")
    store.conn.execute(f"UPDATE runs SET pid = {int(dead.stdout)} WHERE id = {gone}")
    other = store.start_run("ingest c", "v")  # another machine's run: never judged from here
    store.conn.execute(f"UPDATE runs SET pid = 1, host = 'elsewhere' WHERE id = {other}")
    assert mark_crashed_runs(store) == [gone]
    assert sorted(int(r["id"]) for r in store.running_runs()) == [mine, other]
    status = store.conn.execute(f"SELECT status FROM runs WHERE id = {gone}").fetchone()
    assert (status["status"] if isinstance(status, dict) else status[0]) == "crashed"


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_batch_one_unstorable_document_fails_alone(store, write, tmp_path, monkeypatch):
    good = "Vietnam and Japan signed a trade accord in Tokyo on May 2, 2023."
    for name in ("a-one", "bad-doc", "c-three"):
        write(f"in/{name}.txt", f"{name}\n\n{good} ({name})")
    real_one, real_batch = store.save_document, store.save_documents_batch

    def poisoned(items, run_id):  # a value the database refuses, inside a batch
        if any(doc.id == "bad-doc" for doc, _, _ in items):
            raise ValueError("simulated DataError: unstorable value")
        return real_batch(items, run_id)

    def one(doc, digest, extraction, run_id):
        if doc.id == "bad-doc":
            raise ValueError("simulated DataError: unstorable value")
        return real_one(doc, digest, extraction, run_id)

    monkeypatch.setattr(store, "save_documents_batch", poisoned)
    monkeypatch.setattr(store, "save_document", one)
    summary = run_batch([str(tmp_path / "in")], store, Settings(), workers=2, batch_size=8)
    assert (summary.new, summary.failed) == (2, 1)  # the other two of its batch are stored
    assert {d["id"] for d in store.documents(Filters())} == {"a-one", "c-three"}
    (failure,) = store.failures()
    assert failure["code"] == "D199" and "unstorable" in failure["message"]
