"""Wikidata ids of actors: states and major organisations (issue 17).

``data/identifiers.csv`` (``code,wikidata,source``): a state's id is Natural Earth's
``WIKIDATAID``; organisations were written by hand and each checked against two independent
lists (``data/SOURCES.md``). A code without a row has no id (None), never a guess.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

WIKIDATA_PAGE = "https://www.wikidata.org/wiki/{}"


@cache
def wikidata_ids() -> dict[str, str]:
    """Code → Wikidata id ("VNM" → "Q881") for every actor of the bundled table."""
    path = resources.files("diplograph.data") / "identifiers.csv"
    with path.open(encoding="utf-8") as fh:
        return {r["code"]: r["wikidata"] for r in csv.DictReader(fh) if r["wikidata"]}


def wikidata_id(code: str | None) -> str | None:
    """The Wikidata id of an actor code, or None when the table has none."""
    return wikidata_ids().get(code.upper()) if code else None


def wikidata_url(qid: str) -> str:
    """The item's page: ``Q881`` → https://www.wikidata.org/wiki/Q881."""
    return WIKIDATA_PAGE.format(qid)
