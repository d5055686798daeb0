"""conflicts: two sources that disagree, each conflict with both evidence sentences."""

from __future__ import annotations

import json

from diplograph.cli import app
from diplograph.jobs import ingest_documents
from diplograph.query.conflicts import figure_conflicts, find_conflicts, value_range

DOCS = {
    "year-a.txt": """published: 2023-12-28
title: A busy year
---
In 2023, Vietnam's senior leaders made 25 visits abroad.

Pham Minh Chinh held talks with Indonesian President Joko Widodo in Jakarta on September 5, 2023.
""",
    "year-b.txt": """published: 2024-01-05
title: Looking back at 2023
---
Vietnam's senior leaders made 27 visits abroad in 2023.

Pham Minh Chinh held talks with Indonesian President Joko Widodo in Jakarta on September 6, 2023.
""",
}


def _fig(doc: str, value: float, qualifier: str | None, period: str = "2023") -> dict[str, object]:
    return {
        "doc_id": doc,
        "sent_idx": 0,
        "start": 0,
        "end": 5,
        "sentence": "s",
        "indicator": "citizens_repatriated",
        "value": value,
        "unit": "people",
        "qualifier": qualifier,
        "period": period,
        "subject": "VNM",
    }


def test_conflicts_two_sources_disagree(store, settings, write):
    folder = None
    for name, text in DOCS.items():
        folder = write(f"in/{name}", text).parent
    ingest_documents([str(folder)], store, settings)
    found = find_conflicts(store)
    figs = [c for c in found if c.kind == "figure"]
    assert len(figs) == 1 and figs[0].values == ("25 count", "27 count")
    assert {e["doc"] for e in figs[0].evidence} == {"year-a", "year-b"}
    assert all(e["sentence"] for e in figs[0].evidence)
    dates = [c for c in found if c.kind == "event_date"]
    assert len(dates) == 1 and set(dates[0].values) == {"2023-09-05", "2023-09-06"}


def test_conflicts_qualifiers_make_ranges():
    assert value_range(700, "over") == (700, float("inf"))
    # "over 700" and "750" agree; "nearly 700" and "over 700" in different periods never meet
    assert figure_conflicts([_fig("a", 700, "over"), _fig("b", 750, None)]) == []
    assert figure_conflicts([_fig("a", 700, "nearly", "2022"), _fig("b", 700, "over")]) == []
    assert len(figure_conflicts([_fig("a", 700, "nearly"), _fig("b", 760, "over")])) == 1


def test_conflicts_tolerates_rounding():
    assert figure_conflicts([_fig("a", 1000, None), _fig("b", 1004, None)]) == []
    assert len(figure_conflicts([_fig("a", 1000, None), _fig("b", 1010, None)])) == 1


def test_conflicts_cli_json(store, settings, write, runner, db_url):
    folder = None
    for name, text in DOCS.items():
        folder = write(f"in/{name}", text).parent
    ingest_documents([str(folder)], store, settings)
    result = runner.invoke(app, ["conflicts", "--json", "--db", db_url])
    assert result.exit_code == 0, result.output
    kinds = sorted(c["kind"] for c in json.loads(result.output))
    assert kinds == ["event_date", "figure"]
