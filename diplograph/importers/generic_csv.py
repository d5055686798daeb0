"""A documented generic CSV of coded events, for data from any other system.

Header row, UTF-8, columns (case-insensitive, any order):

- ``date`` (required): ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYYMMDD`` or ``YYYYMM``;
- ``source``, ``target`` (required): actor names or codes ("Vietnam", "VNM", "Ministry (Vietnam)");
- one of ``type`` (one of our 14 event types), ``cameo`` (a CAMEO code or event name; ``event``
  is accepted as an alias) or ``quad`` (verbal-cooperation … material-conflict, or 1–4);
- ``count`` (optional, default 1): events this row stands for.

Codes already in our scheme (ISO3 countries, organisation acronyms) are kept as they are.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from diplograph.errors import IngestError
from diplograph.extract.plover import PLOVER
from diplograph.importers.actors import ActorCoder
from diplograph.importers.cameo import TYPE_QUAD, CameoTable, load_cameo, parse_quad
from diplograph.importers.records import CodedActor, ImportedEvent

DATASET = "csv"
_DATE = re.compile(r"^(\d{4})-?(0[1-9]|1[0-2])(?:-?(0[1-9]|[12]\d|3[01]))?$")


def _actor(coder: ActorCoder, value: str) -> CodedActor:
    if value.isupper() and (value in coder.countries or value in coder.places.values()):
        return CodedActor(name=value, code=value)
    return coder.code(value)


def _event(vals: dict[str, str], table: CameoTable) -> tuple[ImportedEvent, bool] | IngestError:
    """The event columns of one row as a template record, and whether to swap the actors."""
    blank = CodedActor(name="", code=None)
    tpl = ImportedEvent(dataset=DATASET, file="", row=0, date="", source=blank, target=blank)
    if vals.get("type"):
        etype = vals["type"].upper()
        if etype not in PLOVER:
            return IngestError(f"unknown event type {etype!r}", code="D112")
        return replace(
            tpl, type=etype, plover_type=PLOVER[etype][0], quad_class=TYPE_QUAD[etype]
        ), False
    if vals.get("cameo"):
        cameo = table.lookup(vals["cameo"])
        if cameo is None:
            return IngestError(f"unknown CAMEO code or name {vals['cameo']!r}", code="D112")
        return replace(
            tpl,
            type=cameo.type,
            cameo_code=cameo.code,
            event_name=cameo.name,
            plover_type=cameo.plover,
            quad_class=cameo.quad,
        ), cameo.swap
    if vals.get("quad"):
        try:
            quads = parse_quad(vals["quad"])
        except ValueError as err:
            return IngestError(str(err), code="D112")
        if len(quads) != 1:
            return IngestError("quad must name one class, not a half", code="D112")
        return replace(tpl, quad_class=quads[0]), False
    return IngestError("no type, cameo or quad value", code="D111")


def read_generic_csv(path: Path, coder: ActorCoder) -> Iterator[ImportedEvent | IngestError]:
    """Yield one record per CSV row, or an error for a row that cannot be used."""
    table = load_cameo()
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        if "event" in header and "cameo" not in header:
            header = ["cameo" if h == "event" else h for h in header]
        kinds = [k for k in ("type", "cameo", "quad") if k in header]
        missing = [c for c in ("date", "source", "target") if c not in header]
        if missing or not kinds:
            need = missing + ([] if kinds else ["type|cameo|quad"])
            yield IngestError(
                f"missing column(s) {', '.join(need)}; see `diplograph import-events --help`",
                item=path.name,
                code="D113",
            )
            return
        reader.fieldnames = header
        for rec in reader:
            item = f"{path.name}:{reader.line_num}"
            vals = {k: (v or "").strip() for k, v in rec.items() if isinstance(k, str)}
            date = _DATE.match(vals.get("date", ""))
            count = vals.get("count") or "1"
            if not vals.get("source") or not vals.get("target"):
                yield IngestError("empty source or target", item=item, code="D111")
                continue
            if date is None:
                yield IngestError(
                    f"bad date {vals.get('date')!r}; expected YYYY-MM-DD or YYYY-MM",
                    item=item,
                    code="D111",
                )
                continue
            if not count.isdigit() or int(count) < 1:
                yield IngestError(f"bad count {count!r}", item=item, code="D111")
                continue
            coded = _event(vals, table)
            if isinstance(coded, IngestError):
                yield IngestError(coded.message, item=item, code=coded.code)
                continue
            base, swap = coded
            y, m, d = date.groups()
            src, tgt = _actor(coder, vals["source"]), _actor(coder, vals["target"])
            if swap:
                src, tgt = tgt, src
            yield ImportedEvent(
                dataset=DATASET,
                file=path.name,
                row=reader.line_num,
                date=f"{y}-{m}-{d}" if d else f"{y}-{m}",
                source=src,
                target=tgt,
                type=base.type,
                cameo_code=base.cameo_code,
                event_name=base.event_name,
                plover_type=base.plover_type,
                quad_class=base.quad_class,
                count=int(count),
            )
