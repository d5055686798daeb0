"""Series of canonical event counts per period, from extracted and imported records.

A series counts events between a country and a partner (both directions unless ``directed``),
or between a country and anyone, per month, quarter or year. Extracted events (from ingested
articles, ``status = happened``) and imported records (``import-events``) can be selected
separately. Events inside one country (both sides the same code) are not relations and are
left out. Each period also gets the cooperation/conflict balance from CAMEO quad classes:
``(cooperation - conflict) / (cooperation + conflict)``, from -1 (all conflict) to +1.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diplograph.budget import checked
from diplograph.importers.cameo import TYPE_QUAD
from diplograph.store.base import Filters, HistoryFilters, Store

PERIODS = ("month", "quarter", "year")
ORIGINS = ("extracted", "imported")
#: Each import format is also a dataset name that ``origins`` can select on its own.
DATASETS = ("icews-tkg", "dyad-counts", "csv")


@dataclass(frozen=True)
class SeriesQuery:
    """Which events a series counts and at what granularity."""

    country: str | None = None
    partner: str | None = None
    by: str = "month"
    types: tuple[str, ...] = ()
    quads: tuple[int, ...] = ()
    since: str | None = None
    until: str | None = None
    origins: tuple[str, ...] = ORIGINS  # "extracted", "imported" or import dataset names
    directed: bool = False

    def history_filters(self) -> HistoryFilters:
        return HistoryFilters(
            country=self.country,
            partner=self.partner,
            types=self.types,
            quads=self.quads,
            since=self.since,
            until=self.until,
            directed=self.directed,
            datasets=tuple(o for o in self.origins if o not in ORIGINS),
        )

    @property
    def wants_imported(self) -> bool:
        return any(o != "extracted" for o in self.origins)


@dataclass(frozen=True)
class Cell:
    """Events of one directed pair, month, type and quad class from one origin."""

    month: str  # YYYY-MM (or YYYY for year-precision extracted events)
    source: str | None
    target: str | None
    type: str | None
    quad: int | None
    n: int
    origin: str


@dataclass
class Series:
    """Counts per period (contiguous, zero-filled) with their split by quad and origin."""

    query: SeriesQuery
    periods: list[str] = field(default_factory=list)
    total: list[int] = field(default_factory=list)
    cooperation: list[int] = field(default_factory=list)
    conflict: list[int] = field(default_factory=list)
    extracted: list[int] = field(default_factory=list)
    imported: list[int] = field(default_factory=list)
    figure: list[float | None] | None = None

    @property
    def balance(self) -> list[float | None]:
        out: list[float | None] = []
        for c, k in zip(self.cooperation, self.conflict, strict=True):
            out.append(round((c - k) / (c + k), 3) if c + k else None)
        return out

    def rows(self) -> list[dict[str, Any]]:
        """One dict per period, for JSON/CSV output."""
        rows = []
        balance = self.balance  # computed once: per row it was quadratic in the periods (#19)
        for i, p in enumerate(self.periods):
            row: dict[str, Any] = {
                "period": p,
                "count": self.total[i],
                "cooperation": self.cooperation[i],
                "conflict": self.conflict[i],
                "balance": balance[i],
                "extracted": self.extracted[i],
                "imported": self.imported[i],
            }
            if self.figure is not None:
                row["figure"] = self.figure[i]
            rows.append(row)
        return rows


def period_of(date: str, by: str) -> str | None:
    """The period label of a date ("2014-05-02" → "2014-05", "2014-Q2" or "2014")."""
    if by == "year":
        return date[:4] if len(date) >= 4 else None
    if len(date) < 7:
        return None
    if by == "quarter":
        return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"
    return date[:7]


def period_range(first: str, last: str, by: str) -> list[str]:
    """Every period label from ``first`` to ``last`` inclusive."""
    if by == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    step = 3 if by == "quarter" else 1

    def index(p: str) -> int:
        sub = int(p[6]) * 3 - 2 if by == "quarter" else int(p[5:7])
        return int(p[:4]) * 12 + sub - 1

    out = []
    for i in range(index(first), index(last) + 1, step):
        y, m = divmod(i, 12)
        out.append(f"{y}-Q{m // 3 + 1}" if by == "quarter" else f"{y}-{m + 1:02d}")
    return out


def shift_period(period: str, by: str, n: int) -> str:
    """The period ``n`` steps after ``period`` (``2023-12`` + 1 month → ``2024-01``)."""
    if by == "year":
        return str(int(period) + n)
    if by == "quarter":
        idx = int(period[:4]) * 4 + int(period[6]) - 1 + n
        return f"{idx // 4}-Q{idx % 4 + 1}"
    idx = int(period[:4]) * 12 + int(period[5:7]) - 1 + n
    return f"{idx // 12}-{idx % 12 + 1:02d}"


def collect_cells(store: Store, q: SeriesQuery) -> list[Cell]:
    """All counted cells for a query: imported counts and extracted events."""
    cells: list[Cell] = []
    if q.wants_imported:
        for r in checked(store.imported_counts(q.history_filters()), every=1024):
            cells.append(
                Cell(
                    r["month"],
                    r["source_code"],
                    r["target_code"],
                    r["type"],
                    r["quad_class"],
                    int(r["n"]),
                    "imported",
                )
            )
    if "extracted" in q.origins:
        flt = Filters(country=q.country, partner=q.partner, since=q.since, until=q.until)
        types = {t.upper() for t in q.types}
        for e in checked(store.events(flt), every=1024):
            quad = TYPE_QUAD.get(e["type"])
            if e["status"] == "planned" or not e["date"]:
                continue
            if (types and e["type"] not in types) or (q.quads and quad not in q.quads):
                continue
            if q.directed and q.country and e["source_code"] != q.country.upper():
                continue
            cells.append(
                Cell(
                    e["date"][:7],
                    e["source_code"],
                    e["target_code"],
                    e["type"],
                    quad,
                    1,
                    "extracted",
                )
            )
    return [c for c in cells if not (c.source and c.source == c.target)]


def build_series(store: Store, q: SeriesQuery, cells: Iterable[Cell] | None = None) -> Series:
    """Aggregate cells into a contiguous series; empty periods count 0."""
    if q.by not in PERIODS:
        raise ValueError(f"unknown period {q.by!r}; use month, quarter or year")
    cells = collect_cells(store, q) if cells is None else list(cells)
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for c in checked(cells, every=1024):
        p = period_of(c.month, q.by)
        if p is None:
            continue
        slot = acc[p]
        slot[0] += c.n
        slot[1] += c.n if c.quad in (1, 2) else 0
        slot[2] += c.n if c.quad in (3, 4) else 0
        slot[3 if c.origin == "extracted" else 4] += c.n
    series = Series(query=q)
    if not acc:
        return series
    # the series spans the data it counts: never zero-filled before its first or after its
    # last observed period, whatever --since/--until ask (#18, #19: a chart showed the years
    # after the data as zeros, and until=9999 built 96,000 empty months)
    first = min(acc)
    last = max(acc)
    series.periods = period_range(first, last, q.by)
    for p in series.periods:
        t, co, cf, ex, im = acc.get(p, [0, 0, 0, 0, 0])
        series.total.append(t)
        series.cooperation.append(co)
        series.conflict.append(cf)
        series.extracted.append(ex)
        series.imported.append(im)
    return series


def pad_year(date: str) -> str:
    """A bare year as its first month ("2023" → "2023-01"); anything else unchanged."""
    return date + "-01" if len(date) == 4 else date


def add_figure(store: Store, series: Series, indicator: str) -> None:
    """Attach figures over time: the largest value of ``indicator`` stated per period."""
    q = series.query
    values: dict[str, float] = {}
    for code in {c for c in (q.country, q.partner) if c}:
        for f in store.figures(Filters(country=code, type=indicator)):
            p = period_of(pad_year(f["period"] or ""), q.by) if f["period"] else None
            if p is not None:
                values[p] = max(values.get(p, f["value"]), f["value"])
    series.figure = [values.get(p) for p in series.periods]


BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int] | list[float]) -> str:
    """A one-line terminal chart of a series."""
    top = max(values, default=0)
    if top <= 0:
        return BLOCKS[0] * len(values)
    return "".join(BLOCKS[min(7, int(v / top * 7.999))] for v in values)


def bar(value: float, top: float, width: int = 30) -> str:
    """A horizontal bar of ``width`` cells at full scale."""
    if top <= 0:
        return ""
    cells = value / top * width
    return "█" * int(cells) + ("▌" if cells - int(cells) >= 0.5 else "")
