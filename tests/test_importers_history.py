"""Importers: ICEWS quadruples, dyad counts and generic CSV into a real SQLite store."""

from __future__ import annotations

import json

from diplograph.cli import app
from diplograph.export import eval_records
from diplograph.importers import import_events
from diplograph.importers.actors import load_coder
from diplograph.importers.cameo import load_cameo
from diplograph.store.base import HistoryFilters

TKG = (
    "Vietnam\tMake a visit\tChina\t2014-05-02\n"
    "Ministry (Vietnam)\tHost a visit\tNguyen Tan Dung\t2014-05-03\n"
    "Vietnam\tNot a CAMEO event\tChina\t2014-05-04\n"
    "Vietnam\tAccuse\tChina\t2014-13-01\n"
    "Zorblax Collective\tCriticize or denounce\tVietnam\t2014-06-01\n"
)
DYAD = (
    "sourcecode,sourcename,targetcode,targetname,date,verbal,cooperation,count,eventcode\n"
    '710,CHINA,713,"TAIWAN, PROVINCE OF CHINA",199102,1,0,2,713\n'
    "816,VIETNAM,710,CHINA,199103,0,0,3,816\n"
    "816,VIETNAM,710,CHINA,1991-03,0,0,3,816\n"
)


def test_importers_icews_tkg_codes_actors_and_reports_bad_rows(store, write):
    path = write("icews.txt", TKG)
    summary = import_events([path], "icews-tkg", store)
    assert (summary.rows, summary.inserted, summary.failed) == (3, 3, 2)
    assert [e.code for e in summary.errors] == ["D112", "D111"]
    rows = store.imported_events(HistoryFilters())
    visit, hosted, accuse = rows
    assert (visit["source_code"], visit["target_code"], visit["type"]) == ("VNM", "CHN", "VISIT")
    assert visit["plover_type"] == "CONSULT" and visit["quad_class"] == 1
    # "Host a visit": the host (a Vietnamese ministry) becomes the target of our VISIT
    assert (hosted["source_name"], hosted["source_code"]) == ("Nguyen Tan Dung", "VNM")
    assert hosted["target_name"] == "Ministry (Vietnam)"
    assert accuse["source_code"] is None and accuse["source_uncoded"] == 1
    assert accuse["source_name"] == "Zorblax Collective" and accuse["quad_class"] == 3
    assert {f["code"] for f in store.failures()} == {"D111", "D112"}


def test_importers_reimport_is_idempotent(store, write):
    path = write("icews.txt", TKG)
    import_events([path], "icews-tkg", store)
    again = import_events([path], "icews-tkg", store)
    assert (again.inserted, again.skipped) == (0, 3)
    assert store.stats()["imported_events"] == 3


def test_importers_dyad_counts_quad_and_taiwan(store, write):
    path = write("dyads.csv", DYAD)
    summary = import_events([path], "dyad-counts", store)
    assert (summary.inserted, summary.failed) == (2, 1)
    first, second = store.imported_events(HistoryFilters())
    assert (first["source_code"], first["target_code"]) == ("CHN", "TWN")
    assert (first["date"], first["quad_class"], first["count"]) == ("1991-02", 3, 2)
    assert (second["quad_class"], second["row"]) == (4, 3)


def test_importers_generic_csv_accepts_type_cameo_and_quad(store, write):
    path = write(
        "mine.csv",
        "date,source,target,type,cameo,quad,count\n"
        "2020-01-05,VNM,JPN,CALL,,,1\n"
        "2020-02,Viet Nam,Japan,,057,,2\n"
        "2020-03,Vietnam,Japan,,,material-conflict,4\n"
        "2020-04,Vietnam,Japan,TELEPATHY,,,1\n"
        "2020-05,Vietnam,,CALL,,,1\n",
    )
    summary = import_events([path], "csv", store)
    assert (summary.inserted, summary.failed) == (3, 2)
    rows = store.imported_events(HistoryFilters(country="VNM", partner="JPN"))
    assert [(r["type"], r["quad_class"], r["count"]) for r in rows] == [
        ("CALL", 1, 1),
        ("AGREE_SIGN", 1, 2),
        (None, 4, 4),
    ]


def test_importers_missing_columns_and_paths_are_reported(store, write, tmp_path):
    bad = write("bad.csv", "when,who\n2020,x\n")
    summary = import_events([bad, tmp_path / "missing.csv"], "csv", store)
    assert [e.code for e in summary.errors] == ["D113", "D108"]


def test_importers_actor_coder_never_guesses():
    coder = load_coder()
    assert coder.code("TAIWAN, PROVINCE OF CHINA").code == "TWN"
    assert coder.code("Police (Australia)").code == "AUS"
    assert coder.code("Association of Southeast Asian Nations").code == "ASEAN"
    assert coder.code("Middle East").code is None
    assert coder.code("Trong").code is None  # a short form shared by several leaders


def test_importers_cameo_table_resolves_codes_and_names():
    table = load_cameo()
    assert table.lookup("042").type == "VISIT"
    assert table.lookup("consult").code == "040"
    assert table.lookup("Impose embargo, boycott, or sanctions").type == "SANCTION"
    assert table.lookup("190").quad == 4


def test_importers_records_stay_out_of_eval_export(store, write):
    import_events([write("icews.txt", TKG)], "icews-tkg", store)
    recs = eval_records(store)
    assert recs["events"] == []


def test_importers_cli_imports_and_fails_on_bad_rows(runner, write, db_path):
    path = write("icews.txt", TKG)
    result = runner.invoke(
        app, ["import-events", str(path), "-f", "icews-tkg", "--db", str(db_path)]
    )
    assert result.exit_code == 1
    assert "D112" in result.stderr
    stats = runner.invoke(app, ["stats", "--json", "--db", str(db_path)])
    assert json.loads(stats.stdout)["imported_events"] == 3


OVERLAP_DYAD = (
    "sourcecode,sourcename,targetcode,targetname,date,verbal,cooperation,count,eventcode\n"
    "816,VIETNAM,710,CHINA,201405,1,1,10,816\n"
)
OVERLAP_TKG = (
    "Vietnam\tMake a visit\tChina\t2014-05-02\n"
    "Vietnam\tMake a visit\tChina\t2014-05-20\n"
    "Vietnam\tMake a visit\tChina\t2014-06-02\n"
)


def test_importers_overlapping_datasets_never_add_up(store, write):
    import_events([write("d.csv", OVERLAP_DYAD)], "dyad-counts", store)
    summary = import_events([write("t.txt", OVERLAP_TKG)], "icews-tkg", store)
    assert summary.overlapping == 1  # May 2014, VNM→CHN, verbal cooperation: both count it
    cells = {(r["month"], r["quad_class"]): r["n"] for r in store.imported_counts(HistoryFilters())}
    # the complete count (10) wins over the 2 sampled events, not 12; June has one source
    assert cells == {("2014-05", 1): 10, ("2014-06", 1): 1}
    only = HistoryFilters(datasets=("icews-tkg",))
    assert sum(r["n"] for r in store.imported_counts(only)) == 3  # a chosen dataset counts alone


def test_importers_the_two_shared_icews_files_do_not_double_count(store):
    import pytest

    from diplograph.corpus.splits import shared_root

    ext = shared_root() / "external-data"
    dyads = ext / "icews-scs-dyad-months" / "south-china-sea.csv"
    sample = ext / "icews05-15-sample" / "icews_2005-2015_test.txt"
    if not (dyads.is_file() and sample.is_file()):
        pytest.skip(f"the shared ICEWS files are not under {ext}")
    import_events([dyads], "dyad-counts", store)
    summary = import_events([sample], "icews-tkg", store)
    assert summary.overlapping > 0
    may = HistoryFilters(country="CHN", partner="VNM", directed=True, since="2014-05",
                         until="2014-05", quads=(4,))  # fmt: skip
    alone = HistoryFilters(**{**may.__dict__, "datasets": ("dyad-counts",)})
    sampled = HistoryFilters(**{**may.__dict__, "datasets": ("icews-tkg",)})
    both = sum(r["n"] for r in store.imported_counts(may))
    assert sum(r["n"] for r in store.imported_counts(sampled)) > 0  # both datasets count May
    assert both > 0 and both == sum(r["n"] for r in store.imported_counts(alone))  # no sum
