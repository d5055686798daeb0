"""A folder of bad files mixed with good ones: every bad one reported, every good one stored."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from diplograph.cli import app
from diplograph.jobs import ingest_documents
from diplograph.settings import Settings
from diplograph.store import Filters, SQLiteStore

HOSTILE = "<script>alert(1)</script> and '); DROP TABLE documents;-- were both in the cable."

GOOD_TEXT = (
    "Vietnam and Ruritania held talks in Hanoi on Monday about a new rice corridor.\n\n"
    "The two foreign ministers agreed to meet again in the spring."
)


def _make_mixed_folder(root: Path) -> tuple[dict[str, str], set[str]]:
    """Write good and bad files under ``root``; return ({bad item suffix: code}, good ids)."""
    root.mkdir(parents=True, exist_ok=True)
    # --- good ones
    (root / "good-plain.txt").write_text("Rice corridor talks\n\n" + GOOD_TEXT, encoding="utf-8")
    (root / "good-latin1.txt").write_bytes(
        (
            "Señor García visits Hanoi\n\nSeñor García of São Tomé e Príncipe met Vietnamese "
            "officials in Hanoi to discuss cocoa and coffee."
        ).encode("latin-1")
    )
    (root / "good-hostile.txt").write_text(
        "Hostile strings\n\n" + HOSTILE + "\n\nVietnam and Laos met in Vientiane.", encoding="utf-8"
    )
    (root / "mixed.jsonl").write_text(
        json.dumps({"id": "line-good-1", "text": "Vietnam and Chile met in Santiago on Friday."})
        + "\n{not json at all\n"
        + json.dumps({"id": "line-good-2", "text": "Laos and Vietnam signed a rail accord."})
        + "\n"
        + json.dumps({"id": "line-no-text", "title": "only a title"})
        + "\n",
        encoding="utf-8",
    )
    # --- bad ones
    (root / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "empty.txt").write_bytes(b"")
    with (root / "huge.txt").open("wb") as fh:  # sparse: size is checked before reading
        fh.write(b"Huge\n\n")
        fh.truncate(50_000_001)
    (root / "nav-only.html").write_text(
        "<html><body><nav><ul><li><a href='/'>Home</a></li></ul></nav></body></html>",
        encoding="utf-8",
    )
    (root / "broken.json").write_text('{"id": "x", "text": "unterminated', encoding="utf-8")
    (root / "slides.pptx").write_bytes(b"PK\x03\x04 not really a deck")
    (root / "not-a-feed.xml").write_text(
        "<catalog><book>no items</book></catalog>", encoding="utf-8"
    )
    (root / "gone.txt").symlink_to(root / "does-not-exist.txt")
    bad = {
        "picture.txt": "D101",
        "empty.txt": "D102",
        "huge.txt": "D103",
        "nav-only.html": "D105",
        "mixed.jsonl:2": "D106",
        "mixed.jsonl:4": "D106",
        "broken.json": "D106",
        "slides.pptx": "D107",
        "not-a-feed.xml": "D107",
        "gone.txt": "D108",
        "missing-file.txt": "D108",
    }
    good = {"good-plain", "good-latin1", "good-hostile", "line-good-1", "line-good-2"}
    return bad, good


def _paths(root: Path) -> list[str]:
    # the dangling symlink and the missing path are named explicitly (see the test below
    # for dangling links found while walking a folder)
    return [str(p) for p in sorted(root.iterdir()) if p.name != "gone.txt"] + [
        str(root / "gone.txt"),
        str(root / "missing-file.txt"),
    ]


def test_ingest_bad_input_each_bad_item_reported_good_stored(tmp_path, store, settings):
    bad, good = _make_mixed_folder(tmp_path / "mixed")
    assert len(set(bad.values())) >= 7 and len(bad) >= 10
    summary = ingest_documents(_paths(tmp_path / "mixed"), store, settings)

    reported = {e.item: e.code for e in summary.errors}
    for suffix, code in bad.items():
        hits = [c for item, c in reported.items() if item and item.endswith(suffix)]
        assert hits == [code], (suffix, reported)
    assert summary.failed == len(bad) == len(summary.errors)

    recorded = {(f["item"], f["code"]) for f in store.failures()}
    for suffix, code in bad.items():
        assert any(i.endswith(suffix) and c == code for i, c in recorded), suffix
    assert all(f["message"] for f in store.failures())

    stored = {d["id"] for d in store.documents(Filters())}
    assert stored == good
    assert summary.new == len(good)


def test_ingest_bad_input_hostile_strings_stored_verbatim(tmp_path, store, settings):
    _make_mixed_folder(tmp_path / "mixed")
    ingest_documents([str(tmp_path / "mixed" / "good-hostile.txt")], store, settings)
    row = store.get_document("good-hostile")
    assert row is not None
    assert HOSTILE in row["text"]
    assert store.stats()["documents"] == 1  # the DROP TABLE did nothing
    hits = store.search("DROP TABLE documents", Filters())
    assert hits and hits[0]["doc_id"] == "good-hostile"
    assert "<script>alert(1)</script>" in " ".join(
        s["text"] for s in store.sentences("good-hostile")
    )


def test_ingest_bad_input_non_utf8_text_succeeds(tmp_path, store, settings):
    _make_mixed_folder(tmp_path / "mixed")
    summary = ingest_documents([str(tmp_path / "mixed" / "good-latin1.txt")], store, settings)
    assert summary.failed == 0 and summary.new == 1
    row = store.get_document("good-latin1")
    assert row is not None and "São Tomé e Príncipe" in row["text"]


def test_ingest_bad_input_lower_size_limit_from_settings(write, store, db_path):
    p = write("medium.txt", "Medium\n\n" + "Vietnam and Laos met again. " * 5000)  # ~140 kB
    summary = ingest_documents([str(p)], store, Settings(db=str(db_path), max_file_mb=0.1))
    assert [e.code for e in summary.errors] == ["D103"]
    assert "over the" in summary.errors[0].message
    summary = ingest_documents([str(p)], store, Settings(db=str(db_path), max_file_mb=1))
    assert summary.new == 1


def test_ingest_bad_input_document_char_limit(write, store, db_path):
    p = write("long.jsonl", json.dumps({"id": "long", "text": "Vietnam met Laos. " * 200}) + "\n")
    summary = ingest_documents([str(p)], store, Settings(db=str(db_path), max_doc_chars=1000))
    assert [e.code for e in summary.errors] == ["D103"]
    assert store.get_document("long") is None


def test_ingest_bad_input_glob_without_matches(tmp_path, store, settings):
    summary = ingest_documents([str(tmp_path / "nothing-*.txt")], store, settings)
    assert [e.code for e in summary.errors] == ["D108"]


def test_ingest_bad_input_directory_named_like_a_file_is_not_an_error(tmp_path, store, settings):
    (tmp_path / "in" / "folder.txt").mkdir(parents=True)
    (tmp_path / "in" / "real.txt").write_text("Real\n\nVietnam met Laos.", encoding="utf-8")
    summary = ingest_documents([str(tmp_path / "in")], store, settings)
    assert summary.new == 1 and summary.failed == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their mode")
def test_ingest_bad_input_unreadable_file(write, store, settings):
    p = write("locked.txt", "Locked\n\nVietnam met Laos.")
    p.chmod(0)
    try:
        summary = ingest_documents([str(p)], store, settings)
    finally:
        p.chmod(0o644)
    assert [e.code for e in summary.errors] == ["D108"]


def test_ingest_bad_input_dangling_symlink_inside_folder_reported(tmp_path, store, settings):
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "ok.txt").write_text("Ok\n\nVietnam met Laos.", encoding="utf-8")
    (folder / "broken-link.txt").symlink_to(tmp_path / "nowhere.txt")
    summary = ingest_documents([str(folder)], store, settings)
    assert summary.new == 1
    assert [(Path(e.item or "").name, e.code) for e in summary.errors] == [
        ("broken-link.txt", "D108")
    ]


def test_ingest_bad_input_previous_documents_survive(tmp_path, store, settings):
    first = tmp_path / "first"
    first.mkdir()
    (first / "earlier.txt").write_text("Earlier\n\n" + GOOD_TEXT, encoding="utf-8")
    ingest_documents([str(first)], store, settings)
    before = store.stats()
    _make_mixed_folder(tmp_path / "mixed")
    summary = ingest_documents(_paths(tmp_path / "mixed"), store, settings)
    assert summary.failed > 0
    row = store.get_document("earlier")
    assert row is not None and row["text"] == "Earlier\n\n" + GOOD_TEXT
    assert len(store.sentences("earlier")) > 0
    after = store.stats()
    assert after["documents"] == before["documents"] + summary.new
    assert after["events"] >= before["events"]


def test_ingest_bad_input_cli_exit_1_and_items_named_on_stderr(tmp_path, runner, db_path):
    bad, good = _make_mixed_folder(tmp_path / "mixed")
    result = runner.invoke(app, ["ingest", *_paths(tmp_path / "mixed"), "--db", str(db_path)])
    assert result.exit_code == 1, result.output
    stderr = result.stderr
    # Rich wraps long lines: compare with whitespace removed, one entry per "✗" mark
    entries = "".join(stderr.split()).split("✗")[1:]
    for suffix, code in bad.items():
        hits = [e for e in entries if e.startswith(f"[{code}]") and f"{suffix}:" in e]
        assert len(hits) == 1, (suffix, code, stderr)
    assert len(entries) == len(bad)
    assert "item(s) failed" in stderr
    assert "Ingest summary" in result.stdout
    s = SQLiteStore(str(db_path))
    try:
        assert {d["id"] for d in s.documents(Filters())} == good
        assert len(s.failures()) == len(bad)
    finally:
        s.close()


VIETNAMESE = (
    "Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại Hà Nội hôm nay. Hai bên thảo luận về "
    "hợp tác kinh tế, thương mại và đầu tư giữa hai nước trong năm tới."
)


def test_unsupported_language_is_stored_counted_and_not_extracted(store, settings, write):
    from diplograph.jobs import ingest_documents

    folder = write("in/vi.txt", f"title: Tin ngoại giao\n---\n{VIETNAMESE}\n").parent
    write("in/en.txt", "---\nVietnam and Japan signed an agreement on trade in Hanoi on Monday.\n")
    summary = ingest_documents([str(folder)], store, settings)
    assert summary.new == 2 and dict(summary.unsupported) == {"vi": 1}
    assert summary.language_notes() == [
        "1 document in vi: stored, not extracted (the extractor reads English)"
    ]
    assert store.get_document("vi") is not None
    from diplograph.store import Filters

    assert store.events(Filters(doc="vi")) == []


def test_extract_reports_the_language():
    from diplograph.extract import extract
    from diplograph.models import Document

    x = extract(Document(id="v", text=VIETNAMESE), decider=None)
    assert x.language == "vi" and x.events == [] and x.sentences == []
    assert (
        extract(Document(id="e", text="Vietnam and Japan held talks."), decider=None).language
        == "en"
    )


def test_fifo_named_txt_is_refused_not_waited_on(tmp_path, store, settings):
    import os

    from diplograph.jobs import ingest_documents

    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "ok.txt").write_text("---\nVietnam and Chile held talks on Monday.\n")
    summary = ingest_documents([str(folder)], store, settings)
    assert summary.new == 1 and summary.failed == 1
    assert summary.errors[0].code == "D109" and "regular file" in summary.errors[0].message


def test_documents_over_a_million_characters_are_extracted():
    from diplograph.extract import extract
    from diplograph.models import Document

    text = ("Vietnam and Chile held talks in Hanoi on Monday. " * 25_000).strip()
    assert len(text) > 1_000_000
    x = extract(Document(id="big", text=text, published="2024-01-01"), decider=None)
    assert len(x.sentences) > 1000


def test_lone_surrogates_and_nuls_are_cleaned_and_deep_json_fails_alone(tmp_path, store, settings):
    from diplograph.jobs import ingest_documents

    folder = tmp_path / "in"
    folder.mkdir()
    line = '{"id": "s1", "text": "Vietnam and Chile held talks \\ud800 in Hanoi.", '
    (folder / "a.jsonl").write_text(line + '"title": "x\\u0000y"}\n')
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "ok.txt").write_text("---\nVietnam and Peru held talks on Monday.\n")
    summary = ingest_documents([str(folder)], store, settings)
    assert summary.new == 2 and summary.failed == 1
    assert summary.errors[0].code == "D110"
    row = store.get_document("s1")
    assert row is not None and row["title"] == "xy" and "\ud800" not in row["text"]


def test_ingest_bad_input_an_oversized_jsonl_line_is_refused_alone(tmp_path):
    from diplograph.ingest import read_documents

    good = {"id": "ok1", "text": "Vietnam and Japan signed an agreement on clean energy."}
    huge = {"id": "big", "text": "x" * 3_000_000}  # one line of ~3 MB
    src = tmp_path / "mixed.jsonl"
    src.write_text(
        "\n".join(json.dumps(r) for r in (good, huge, {**good, "id": "ok2"})) + "\n",
        encoding="utf-8",
    )
    items = list(read_documents([str(src)], max_bytes=1_000_000))
    assert [getattr(i, "id", None) for i in items] == ["ok1", None, "ok2"]
    assert items[1].code == "D103" and items[1].item == f"{src}:2"


def test_ingest_bad_input_stdin_over_the_limit_is_refused(runner, tmp_path):
    db = tmp_path / "s.db"
    result = runner.invoke(
        app,
        ["ingest", "-", "--db", str(db)],
        input="y" * 1_200_000,
        env={"DIPLOGRAPH_MAX_FILE_MB": "1"},
    )
    assert result.exit_code == 1 and "D103" in result.output


def test_ingest_bad_input_an_interrupted_run_is_not_marked_done(tmp_path):
    from diplograph.jobs import ingest_items
    from diplograph.models import Document

    def items():
        yield Document(id="one", text="Vietnam and Japan signed an agreement on clean energy.")
        raise KeyboardInterrupt  # Ctrl-C in the middle of a batch

    db = tmp_path / "r.db"
    store = SQLiteStore(str(db))
    with pytest.raises(KeyboardInterrupt):
        ingest_items(items(), store, Settings(db=str(db)))
    status = store.conn.execute("SELECT status FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert status == "interrupted"
    assert store.get_document("one") is not None  # what was stored before stays


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_ingest_bad_input_utf16_without_bom_is_read(codec):
    from diplograph.ingest.normalize import decode_bytes

    text = "Vietnam and Japan signed an agreement on clean energy in Hanoi."
    assert decode_bytes(text.encode(codec), "x.txt") == text


def test_ingest_bad_input_a_navigation_only_page_is_refused(tmp_path):
    from diplograph.ingest import read_documents

    page = tmp_path / "nav.html"
    page.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
        encoding="utf-8",
    )
    (err,) = read_documents([str(page)])
    assert err.code == "D105" and "no article text" in err.message


def test_ingest_bad_input_non_utf8_file_names_get_distinct_storable_ids(tmp_path, store, settings):
    folder = tmp_path / "in"
    folder.mkdir()
    raw_folder = os.fsencode(folder)
    for raw in (b"caf\xe9.txt", b"caf\xe8.txt"):  # Latin-1 names that differ in one bad byte
        with open(os.path.join(raw_folder, raw), "w", encoding="utf-8") as fh:
            fh.write(f"---\nVietnam and Chile held talks in Hanoi ({raw.hex()}).\n")
    with open(os.path.join(raw_folder, b"deck\xff.pptx"), "wb") as fh:  # refused by its type
        fh.write(b"PK\x03\x04")
    (folder / "ids.jsonl").write_text(  # an id of one lone surrogate only
        json.dumps({"id": "\ud800", "text": "Vietnam and Peru held talks on Monday."}) + "\n"
    )
    (folder / "ok.txt").write_text("---\nVietnam and Laos held talks on Monday.\n")
    summary = ingest_documents([str(folder)], store, settings)
    assert (summary.new, summary.failed) == (4, 1)
    assert [(Path(e.item or "").name, e.code) for e in summary.errors] == [
        ("deck\\xff.pptx", "D107")
    ]
    ids = {d["id"] for d in store.documents(Filters())}
    assert len(ids) == 4 and {"caf\\xe9", "caf\\xe8", "ok"} < ids
    assert {f["item"].rsplit("/", 1)[-1] for f in store.failures()} == {"deck\\xff.pptx"}
    row = store.get_document("caf\\xe9")
    assert row is not None and row["source_path"].endswith("caf\\xe9.txt")


def test_ingest_bad_input_an_unreadable_subfolder_is_reported(
    tmp_path, store, settings, monkeypatch
):
    import diplograph.ingest as ingest

    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text("---\nVietnam and Laos held talks on Monday.\n")
    locked = folder / "locked"
    if os.geteuid() == 0:  # root reads any folder: make this one look unreadable to the check
        real_access = os.access
        monkeypatch.setattr(
            ingest.os, "access", lambda p, mode: Path(p) != locked and real_access(p, mode)
        )
    else:
        locked.chmod(0)
    try:
        summary = ingest_documents([str(folder)], store, settings)
    finally:
        locked.chmod(0o755)
    assert summary.new == 1
    assert [(Path(e.item or "").name, e.code) for e in summary.errors] == [("locked", "D108")]
    assert "not readable" in summary.errors[0].message
    assert [f["code"] for f in store.failures()] == ["D108"]


def test_bounded_lines_skip_a_long_line_in_small_pieces(monkeypatch):
    import io

    import diplograph.ingest as ingest

    monkeypatch.setattr(ingest, "DRAIN_BYTES", 4)  # the long line's rest takes many pieces
    data = b'{"a": 1}\n' + b"x" * 100 + b"\n" + b'{"b": 2}\n' + b"y" * 50
    got = list(ingest.bounded_lines(io.BytesIO(data), limit=20))
    assert got == [b'{"a": 1}\n', None, b'{"b": 2}\n', None]
