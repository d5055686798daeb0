"""The Typer CLI: help everywhere, output formats, exit codes, eval table."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

import diplograph.cli as cli
from diplograph import __version__
from diplograph.cli import app
from diplograph.jobs import ingest_documents
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

CORPUS = Path(__file__).parent / "corpus"
ARTICLE = CORPUS / "vn-japan-shipping-accord-2024.txt"
DOC_ID = ARTICLE.stem

SECOND = (
    "title: Laos and Vietnam open a rail link\npublished: 2023-08-02\n---\n"
    "Prime Minister Pham Minh Chinh held talks with Lao Prime Minister Sonexay Siphandone in "
    "Vientiane on August 1, and the two leaders opened a cross-border rail link.\n\n"
    "Two-way trade between Vietnam and Laos reached USD 1.7 billion in 2022.\n"
)

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("cli")
    (folder / "laos-rail.txt").write_text(SECOND, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    db = folder / "cli.db"
    s = SQLiteStore(str(db))
    summary = ingest_documents(
        [str(ARTICLE), str(folder / "laos-rail.txt"), str(folder / "empty.txt")],
        s,
        Settings(db=str(db)),
    )
    s.close()
    assert summary.new == 2 and summary.failed == 1
    return str(db)


def test_cli_commands_registered():
    assert set(COMMANDS) >= {
        "ingest",
        "reextract",
        "docs",
        "events",
        "figures",
        "relations",
        "search",
        "show",
        "export",
        "eval",
        "stats",
        "failures",
    }


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_has_example(runner, command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "diplograph" in result.output


def test_cli_top_level_help_and_version(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "Example" in result.output
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_cli_ingest_prints_summary_table(runner, tmp_path):
    db = tmp_path / "i.db"
    result = runner.invoke(app, ["ingest", str(ARTICLE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Ingest summary" in out
    for col in ("new", "updated", "duplicate", "failed", "events", "figures", "relations"):
        assert col in out
    # new=1 updated=0 duplicate=0 failed=0 then the record counts
    cells = [c.strip() for c in out.splitlines()[-2].split("│") if c.strip()]
    assert cells[:4] == ["1", "0", "0", "0"]
    again = runner.invoke(app, ["ingest", str(ARTICLE), "--db", str(db)])
    cells = [c.strip() for c in again.stdout.splitlines()[-2].split("│") if c.strip()]
    assert again.exit_code == 0 and cells[:4] == ["0", "0", "1", "0"]


def test_cli_ingest_uses_db_env_var(runner, tmp_path):
    db = tmp_path / "env.db"
    result = runner.invoke(app, ["ingest", str(ARTICLE)], env={"DIPLOGRAPH_DB": str(db)})
    assert result.exit_code == 0, result.output
    stats = runner.invoke(app, ["stats", "--json"], env={"DIPLOGRAPH_DB": str(db)})
    assert json.loads(stats.stdout)["documents"] == 1


@pytest.mark.parametrize("command", ["events", "figures", "relations", "docs"])
def test_cli_records_json(runner, cli_db, command):
    result = runner.invoke(app, [command, "--db", cli_db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and rows
    key = "id" if command == "docs" else "doc_id"
    assert DOC_ID in {r[key] for r in rows}


@pytest.mark.parametrize("command", ["events", "figures", "relations", "docs"])
def test_cli_records_csv(runner, cli_db, command):
    result = runner.invoke(app, [command, "--db", cli_db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    as_json = json.loads(runner.invoke(app, [command, "--db", cli_db, "-f", "json"]).stdout)
    assert len(rows) == len(as_json) > 0
    assert list(rows[0]) == list(as_json[0])  # every column of the store's rows, in order
    # no rows: the same columns, not the table's few
    empty = runner.invoke(app, [command, "--db", cli_db, "-f", "csv", "--since", "1900-01-01",
                                "--until", "1900-01-02"])  # fmt: skip
    assert empty.exit_code == 0 and empty.stdout.splitlines() == [",".join(rows[0])]


def test_cli_failures_csv_columns_match_the_store(runner, cli_db):
    result = runner.invoke(app, ["failures", "--db", cli_db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and list(rows[0]) == ["id", "run_id", "item", "code", "message", "at"]


def test_cli_events_filters(runner, cli_db):
    result = runner.invoke(app, ["events", "--db", cli_db, "-f", "json", "--country", "LAO"])
    rows = json.loads(result.stdout)
    assert rows and all("LAO" in (r["source_code"], r["target_code"]) for r in rows)
    result = runner.invoke(
        app,
        [
            "events",
            "--db",
            cli_db,
            "-f",
            "json",
            "--type",
            "VISIT",
            "--since",
            "2024",
            "--until",
            "2024-12",
        ],
    )
    rows = json.loads(result.stdout)
    assert rows and (DOC_ID, "VISIT") in {(r["doc_id"], r["type"]) for r in rows}
    assert all(r["type"] == "VISIT" and "2024" <= r["date"] <= "2024-12-99" for r in rows)


def test_cli_events_table(runner, cli_db):
    result = runner.invoke(app, ["events", "--db", cli_db])
    assert result.exit_code == 0
    assert "Events (" in result.stdout and "VISIT" in result.stdout


def test_cli_events_table_empty_hint(runner, cli_db):
    result = runner.invoke(app, ["events", "--db", cli_db, "--type", "SANCTION"])
    assert result.exit_code == 0
    assert "No events match" in result.stdout


def test_cli_search_highlighted_snippets(runner, cli_db, monkeypatch):
    monkeypatch.setattr(
        cli, "console", Console(force_terminal=True, color_system="standard", width=300)
    )
    result = runner.invoke(app, ["search", "coastal shipping", "--db", cli_db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"{DOC_ID} #0" in out
    assert "\x1b[1;33mcoastal\x1b[0m" in out and "\x1b[1;33mshipping\x1b[0m" in out


def test_cli_search_json_snippets_marked(runner, cli_db):
    result = runner.invoke(app, ["search", "rail link", "--db", cli_db, "-f", "json"])
    rows = json.loads(result.stdout)
    assert rows[0]["doc_id"] == "laos-rail"
    assert "[rail] [link]" in rows[0]["snippet"]


def test_cli_search_no_matches(runner, cli_db):
    result = runner.invoke(app, ["search", "zeppelin", "--db", cli_db])
    assert result.exit_code == 0 and "No matches" in result.stdout


def test_cli_show_document(runner, cli_db):
    result = runner.invoke(app, ["show", DOC_ID, "--db", cli_db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Vietnam and Japan sign coastal shipping accord" in out
    assert "published 2024-04-19" in out
    assert "Yoko Kamikawa paid an official visit" in out
    assert "VISIT" in out and "trade_value" in out and "comprehensive strategic partnership" in out


def test_cli_show_unknown_document(runner, cli_db):
    result = runner.invoke(app, ["show", "no-such-doc", "--db", cli_db])
    assert result.exit_code == 1
    assert "no document" in result.stderr


def test_cli_stats_json(runner, cli_db):
    result = runner.invoke(app, ["stats", "--json", "--db", cli_db])
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert stats["documents"] == 2 and stats["failures"] == 1
    assert stats["events"] == sum(stats["events_by_type"].values()) > 0
    table = runner.invoke(app, ["stats", "--db", cli_db])
    assert table.exit_code == 0 and "documents" in table.stdout


def test_cli_failures_lists_failures(runner, cli_db):
    result = runner.invoke(app, ["failures", "--db", cli_db, "-f", "json"])
    assert result.exit_code == 0
    (row,) = json.loads(result.stdout)
    assert row["code"] == "D102" and row["item"].endswith("empty.txt")
    table = runner.invoke(app, ["failures", "--db", cli_db])
    assert "D102" in table.stdout


def test_cli_export_eval(runner, cli_db, tmp_path):
    result = runner.invoke(
        app, ["export", "--format", "eval", "--out", str(tmp_path / "o"), "--db", cli_db]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [
        "events.jsonl",
        "figures.jsonl",
        "relations.jsonl",
    ]


def test_cli_reextract(runner, cli_db):
    before = json.loads(runner.invoke(app, ["stats", "--json", "--db", cli_db]).stdout)
    result = runner.invoke(app, ["reextract", "--db", cli_db])
    assert result.exit_code == 0
    assert "re-extracted 0 documents (2 already current)" in result.stdout
    result = runner.invoke(app, ["reextract", "--all", "--db", cli_db])
    assert result.exit_code == 0
    assert "re-extracted 2 documents" in result.stdout
    after = json.loads(runner.invoke(app, ["stats", "--json", "--db", cli_db]).stdout)
    assert after == before


def test_cli_reextract_recomputes_only_stale_documents(runner, cli_db):
    import sqlite3

    with sqlite3.connect(cli_db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
        conn.execute("UPDATE documents SET extractor_version = 'old' WHERE id = ?", (ids[0],))
    result = runner.invoke(app, ["reextract", "--db", cli_db])
    assert result.exit_code == 0
    assert "re-extracted 1 documents (1 already current)" in result.stdout


def test_cli_unknown_option_exits_2(runner, cli_db):
    result = runner.invoke(app, ["events", "--db", cli_db, "--bogus"])
    assert result.exit_code == 2
    assert "--bogus" in result.output


@pytest.mark.parametrize("command", ["events", "figures", "relations", "docs", "failures"])
def test_cli_unknown_format_exits_2(runner, cli_db, command):
    result = runner.invoke(app, [command, "--db", cli_db, "--format", "xml"])
    assert result.exit_code == 2
    assert "unknown --format" in result.stderr


def test_cli_export_unknown_format_exits_2(runner, cli_db, tmp_path):
    result = runner.invoke(
        app, ["export", "--format", "xlsx", "--out", str(tmp_path / "x"), "--db", cli_db]
    )
    assert result.exit_code == 2
    assert "D402" in result.stderr


def test_cli_eval_missing_gold_exits_2(runner, cli_db, tmp_path):
    result = runner.invoke(app, ["eval", "--gold", str(tmp_path / "nope"), "--db", cli_db])
    assert result.exit_code == 2


def test_cli_read_of_a_missing_db_exits_2_and_creates_nothing(runner, tmp_path):
    missing = tmp_path / "missing.db"
    for command in (["stats"], ["events"], ["ask", "Who?"], ["trends", "-c", "VNM"]):
        result = runner.invoke(app, [*command, "--db", str(missing)])
        assert result.exit_code == 2, (command, result.output)
        assert "D407" in result.stderr and "diplograph ingest" in result.stderr
    assert not missing.exists()


def test_cli_eval_prints_level_table(runner, cli_db):
    gold = CORPUS / "gold"
    result = runner.invoke(app, ["eval", "--gold", str(gold), "--db", cli_db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Scores on 1 gold documents" in out
    for level in (
        "events.type",
        "events.type+actors",
        "events.full",
        "figures.value",
        "figures.value+unit",
        "relations.level",
    ):
        assert level in out
    report = json.loads(
        runner.invoke(app, ["eval", "--gold", str(gold), "--db", cli_db, "--json"]).stdout
    )
    assert report["docs_scored"] == 1
    events = json.loads(runner.invoke(app, ["events", "--db", cli_db, "-f", "json"]).stdout)
    predicted = sum(1 for e in events if e["doc_id"] == DOC_ID)
    assert report["events.type"]["gold"] == 3
    assert report["events.type"]["pred"] == predicted
    assert report["figures.value"]["gold"] == 2
    assert report["relations.level"]["gold"] == 1
    assert set(report["events.per_type"]) == {"VISIT", "AGREE_SIGN", "MEET"}
    # the printed table shows the same numbers as --json
    for level in ("events.type", "figures.value", "relations.level"):
        row = next(ln for ln in out.splitlines() if f" {level} " in ln)
        cells = [c.strip() for c in row.split("│") if c.strip()]
        v = report[level]
        assert cells == [
            level,
            str(v["tp"]),
            str(v["pred"]),
            str(v["gold"]),
            f"{v['p']:.3f}",
            f"{v['r']:.3f}",
            f"{v['f1']:.3f}",
        ]


@pytest.mark.parametrize("spelling", ["Laos", "Lao PDR", "lao", "LA", "LAO", "Laotian"])
def test_cli_country_in_any_spelling(runner, cli_db, spelling):
    want = json.loads(
        runner.invoke(app, ["events", "--db", cli_db, "-f", "json", "--country", "LAO"]).stdout
    )
    got = runner.invoke(app, ["events", "--db", cli_db, "-f", "json", "--country", spelling])
    assert got.exit_code == 0, got.output
    assert json.loads(got.stdout) == want and want


def test_cli_country_typo_exits_2_with_suggestion(runner, cli_db):
    result = runner.invoke(app, ["events", "--db", cli_db, "--country", "Viet Namm"])
    assert result.exit_code == 2
    assert "Vietnam (VNM)" in _flat(result.output)


def test_cli_dates_are_normalised_or_refused(runner, cli_db):
    def run(since: str):
        return runner.invoke(app, ["events", "--db", cli_db, "-f", "json", "--since", since])

    padded, short = run("2024-01"), run("2024-1")
    assert short.exit_code == 0 and json.loads(short.stdout) == json.loads(padded.stdout)
    for bad in ("01/2024", "11-09-2024", "2024-13-01", "2024-02-30", "last year"):
        result = run(bad)
        assert result.exit_code == 2, bad
        assert "YYYY-MM" in _flat(result.output) and "2023-09" in _flat(result.output)


def test_cli_event_type_is_validated(runner, cli_db):
    ok = runner.invoke(app, ["events", "--db", cli_db, "-f", "json", "--type", "visit"])
    assert ok.exit_code == 0 and all(r["type"] == "VISIT" for r in json.loads(ok.stdout))
    bad = runner.invoke(app, ["events", "--db", cli_db, "--type", "VISTI"])
    assert bad.exit_code == 2 and "did you mean VISIT" in _flat(bad.output)


def _flat(text: str) -> str:
    """Rich's error panel without its frame and line breaks."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize("command", ["docs", "events", "figures", "relations", "failures"])
def test_cli_json_is_an_alias_of_format_json(runner, cli_db, command):
    a = runner.invoke(app, [command, "--db", cli_db, "--json"])
    b = runner.invoke(app, [command, "--db", cli_db, "--format", "json"])
    assert a.exit_code == b.exit_code == 0 and json.loads(a.stdout) == json.loads(b.stdout)


def test_cli_tables_keep_ids_whole_and_wide_shows_full_sentences(runner, tmp_path):
    long_id = "a-very-long-document-identifier-for-the-shipping-accord-2024"
    src = tmp_path / f"{long_id}.txt"
    src.write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    db = str(tmp_path / "w.db")
    assert runner.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["events", "--db", db, "-f", "json"]).stdout)
    longest = max(rows, key=lambda r: len(r["sentence"]))["sentence"]
    table = runner.invoke(app, ["events", "--db", db])
    assert long_id in table.stdout  # the id `show` needs, never cut
    assert longest not in " ".join(table.stdout.split())  # long sentences are cut …
    wide = runner.invoke(app, ["events", "--db", db, "--wide"])
    flat = " ".join(line.strip(" │┃|") for line in wide.stdout.splitlines())
    assert long_id in wide.stdout
    assert all(w in flat for w in longest.split())  # … and shown whole with --wide
