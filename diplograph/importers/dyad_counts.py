"""ICEWS counts per directed country pair × month × quad class (CSV with a header).

Columns used: ``sourcename``, ``targetname`` (country names, coded through the gazetteer),
``date`` (YYYYMM), ``verbal`` (1/0), ``cooperation`` (1/0) and ``count``. Each row is stored
as one cell with its count; its quad class is verbal/material × cooperation/conflict.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from diplograph.errors import IngestError
from diplograph.importers.actors import ActorCoder
from diplograph.importers.records import ImportedEvent

DATASET = "dyad-counts"
REQUIRED = ("sourcename", "targetname", "date", "verbal", "cooperation", "count")
_MONTH = re.compile(r"^(\d{4})(0[1-9]|1[0-2])$")
_QUAD = {("1", "1"): 1, ("0", "1"): 2, ("1", "0"): 3, ("0", "0"): 4}


def read_dyad_counts(path: Path, coder: ActorCoder) -> Iterator[ImportedEvent | IngestError]:
    """Yield one record per CSV row, or an error for a row that cannot be used."""
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            yield IngestError(
                f"not a dyad-counts file: missing column(s) {', '.join(missing)}",
                item=path.name,
                code="D113",
            )
            return
        reader.fieldnames = header
        for rec in reader:
            item = f"{path.name}:{reader.line_num}"
            vals = {k: (rec.get(k) or "").strip() for k in REQUIRED}
            month = _MONTH.match(vals["date"])
            quad = _QUAD.get((vals["verbal"], vals["cooperation"]))
            problem = None
            if not vals["sourcename"] or not vals["targetname"]:
                problem = "empty source or target name"
            elif month is None:
                problem = f"bad date {vals['date']!r}; expected YYYYMM"
            elif quad is None:
                problem = "verbal and cooperation must be 0 or 1"
            elif not vals["count"].isdigit() or int(vals["count"]) < 1:
                problem = f"bad count {vals['count']!r}; expected a positive integer"
            if problem or month is None or quad is None:
                yield IngestError(problem or "bad row", item=item, code="D111")
                continue
            yield ImportedEvent(
                dataset=DATASET,
                file=path.name,
                row=reader.line_num,
                date=f"{month.group(1)}-{month.group(2)}",
                source=coder.code(vals["sourcename"]),
                target=coder.code(vals["targetname"]),
                quad_class=quad,
                count=int(vals["count"]),
            )
