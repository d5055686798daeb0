"""ICEWS events as temporal-KG quadruples: ``source<TAB>CAMEO event name<TAB>target<TAB>date``.

This is the layout of the ICEWS05-15 benchmark (García-Durán et al. 2018): one event per
line, no header, ICEWS actor names, CAMEO event names and ISO dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from diplograph.errors import IngestError
from diplograph.importers.actors import ActorCoder
from diplograph.importers.cameo import load_cameo
from diplograph.importers.records import ImportedEvent

DATASET = "icews-tkg"
_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def read_icews_tkg(path: Path, coder: ActorCoder) -> Iterator[ImportedEvent | IngestError]:
    """Yield one record per line, or an error for a line that cannot be used."""
    table = load_cameo()
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            item = f"{path.name}:{n}"
            parts = [p.strip() for p in line.split("\t")]
            if len(parts) != 4 or not all(parts):
                yield IngestError(
                    f"expected 4 non-empty tab-separated fields (source, event, target, date), "
                    f"found {len([p for p in parts if p])}",
                    item=item,
                    code="D111",
                )
                continue
            source, event, target, date = parts
            if not _DATE.match(date):
                yield IngestError(f"bad date {date!r}; expected YYYY-MM-DD", item=item, code="D111")
                continue
            cameo = table.lookup(event)
            if cameo is None:
                yield IngestError(
                    f"unknown CAMEO event {event!r}; add it to diplograph/data/cameo.csv",
                    item=item,
                    code="D112",
                )
                continue
            src, tgt = coder.code(source), coder.code(target)
            if cameo.swap:
                src, tgt = tgt, src
            yield ImportedEvent(
                dataset=DATASET,
                file=path.name,
                row=n,
                date=date,
                source=src,
                target=tgt,
                type=cameo.type,
                cameo_code=cameo.code,
                event_name=event,
                plover_type=cameo.plover,
                quad_class=cameo.quad,
            )
