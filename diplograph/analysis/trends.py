"""Series of canonical event counts per period, from extracted and imported records.

A series counts events between a country and a partner (both directions unless ``directed``),
or between a country and anyone, per month, quarter or year. Extracted events (from ingested
articles, ``status = happened``) and imported records (``import-events``) can be selected
separately. Events inside one country (both sides the same code) are not relations and are
left out. Each period also gets the cooperation/conflict balance from CAMEO quad classes:
``(cooperation - conflict) / (cooperation + conflict)``, from -1 (all conflict) to +1.

Coverage (issue 17: gaps are gaps, partial periods are marked). The store covers a month when
a stored document was published in it (for extracted events) or an imported record of a
selected dataset is dated in it (any pair). A period is a **gap** when it counts no event and
no month of it is covered: missing data, drawn as an empty slot and never read as 0 by a
forecast. A period with no event but some coverage is a true zero. A period is **partial**
when the stored data end (the latest publication or imported date; a month-precision date
covers its whole month) falls before the period's last day, or the data start after its first
day: "2024" is partial when the latest document is dated 2024-02-10.

Incremental updates (#19): :func:`series_state` keeps the counts per period of extracted and
of imported records apart, with the store's :class:`~diplograph.store.marks.Mark` read first
(extracted events are read up to it). :func:`update_series` adds the counts of the events
appended since to the extracted ones when the store has only appended
(:func:`~diplograph.store.marks.appended_since`), counts the imported records again only when
they changed (a cell takes one dataset's count, so imported counts do not add up), and reads
the coverage again (one small query); anything else computes from scratch. Counts are
integers, so the sums equal a computation from scratch.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diplograph.budget import checked
from diplograph.importers.cameo import TYPE_QUAD
from diplograph.store.base import Filters, HistoryFilters, Store
from diplograph.store.marks import Mark, appended_since

PERIODS = ("month", "quarter", "year")
ORIGINS = ("extracted", "imported")
#: Each import format is also a dataset name that ``origins`` can select on its own.
DATASETS = ("icews-tkg", "dyad-counts", "csv")
Acc = dict[str, list[int]]  # period → total, cooperation, conflict, extracted, imported


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


@dataclass(frozen=True)
class Coverage:
    """Months the store has data for, and the first and last date of that data."""

    months: frozenset[str] = frozenset()  # YYYY-MM
    start: str = ""  # YYYY-MM-DD
    end: str = ""

    def covers(self, period: str, by: str) -> bool:
        """True when any month of ``period`` has data."""
        first, last = period_bounds(period, by)
        return any(first[:7] <= m <= last[:7] for m in self.months)

    def partial_note(self, period: str, by: str) -> str:
        """``partial: data to 2024-02-10`` when the data end before the period's last day
        (``… data from …`` when they start after its first), else ""."""
        if not self.end:
            return ""
        first, last = period_bounds(period, by)
        if first <= self.end < last:
            return f"partial: data to {self.end}"
        if first < self.start <= last:
            return f"partial: data from {self.start}"
        return ""


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
    gap: list[bool] = field(default_factory=list)  # no data at all (see the module docstring)
    partial: list[bool] = field(default_factory=list)  # the data start or end inside it
    coverage: Coverage | None = None

    def partial_note(self, i: int) -> str:
        """``partial: data to 2024-02-10`` for a partial period, else ""."""
        cov = self.coverage
        return cov.partial_note(self.periods[i], self.query.by) if cov else ""

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
                "gap": bool(self.gap and self.gap[i]),
                "partial": bool(self.partial and self.partial[i]),
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


def period_bounds(period: str, by: str) -> tuple[str, str]:
    """The first and last day of a period ("2024-Q1" → ("2024-01-01", "2024-03-31"))."""
    year = int(period[:4])
    if by == "year":
        m1, m2 = 1, 12
    elif by == "quarter":
        m1 = (int(period[6]) - 1) * 3 + 1
        m2 = m1 + 2
    else:
        m1 = m2 = int(period[5:7])
    return f"{year:04d}-{m1:02d}-01", f"{year:04d}-{m2:02d}-{monthrange(year, m2)[1]:02d}"


def _day(date: str, last: bool) -> str:
    """A date as a day: "2024-02" is its first day, or its last when ``last``."""
    if len(date) >= 10:
        return date[:10]
    return period_bounds(date[:7], "month")[1 if last else 0]


def coverage_from_rows(rows: Iterable[dict[str, Any]], origins: tuple[str, ...]) -> Coverage:
    """Coverage from :meth:`Store.data_months` rows of the origins a series counts."""
    wanted = [
        r
        for r in rows
        if (r["origin"] == "documents" and "extracted" in origins)
        or (r["origin"] != "documents" and ("imported" in origins or r["origin"] in origins))
    ]
    if not wanted:
        return Coverage()
    return Coverage(
        months=frozenset(str(r["month"]) for r in wanted),
        start=min(_day(str(r["first"]), last=False) for r in wanted),
        end=max(_day(str(r["last"]), last=True) for r in wanted),
    )


def data_coverage(store: Store, origins: tuple[str, ...] = ORIGINS) -> Coverage:
    """What the store covers for series of ``origins`` (see the module docstring)."""
    return coverage_from_rows(store.data_months(), origins)


def collect_cells(store: Store, q: SeriesQuery) -> list[Cell]:
    """All counted cells for a query: imported counts and extracted events."""
    return imported_cells(store, q) + extracted_cells(store, q)


def imported_cells(store: Store, q: SeriesQuery) -> list[Cell]:
    """The imported counts a query counts (none unless it wants imported records)."""
    if not q.wants_imported:
        return []
    cells = [
        Cell(
            r["month"],
            r["source_code"],
            r["target_code"],
            r["type"],
            r["quad_class"],
            int(r["n"]),
            "imported",
        )
        for r in checked(store.imported_counts(q.history_filters()), every=1024)
    ]
    return [c for c in cells if not (c.source and c.source == c.target)]


def extracted_cells(
    store: Store, q: SeriesQuery, after_id: int | None = None, upto_id: int | None = None
) -> list[Cell]:
    """The extracted events a query counts (with ids in ``(after_id, upto_id]`` when given)."""
    if "extracted" not in q.origins:
        return []
    flt = Filters(
        country=q.country,
        partner=q.partner,
        since=q.since,
        until=q.until,
        after_id=after_id,
        upto_id=upto_id,
    )
    types = {t.upper() for t in q.types}
    cells: list[Cell] = []
    for e in checked(store.events(flt), every=1024):
        quad = TYPE_QUAD.get(e["type"])
        if e["status"] == "planned" or not e["date"]:
            continue
        if (types and e["type"] not in types) or (q.quads and quad not in q.quads):
            continue
        if q.directed and q.country and e["source_code"] != q.country.upper():
            continue
        cells.append(
            Cell(e["date"][:7], e["source_code"], e["target_code"], e["type"], quad, 1, "extracted")
        )
    return [c for c in cells if not (c.source and c.source == c.target)]


def accumulate(cells: Iterable[Cell], by: str, acc: Acc | None = None) -> Acc:
    """Add each cell's count to its period's slot of ``acc`` (a new one by default)."""
    acc = {} if acc is None else acc
    for c in checked(cells, every=1024):
        p = period_of(c.month, by)
        if p is None:
            continue
        slot = acc.get(p)
        if slot is None:
            slot = acc[p] = [0, 0, 0, 0, 0]
        slot[0] += c.n
        slot[1] += c.n if c.quad in (1, 2) else 0
        slot[2] += c.n if c.quad in (3, 4) else 0
        slot[3 if c.origin == "extracted" else 4] += c.n
    return acc


def build_series(
    store: Store,
    q: SeriesQuery,
    cells: Iterable[Cell] | None = None,
    coverage: Coverage | None = None,
) -> Series:
    """Aggregate cells into a contiguous series; empty periods count 0 and are marked as gaps
    where the store has no data, the first and last as partial where the data end inside them.

    Coverage is read from the store unless ``cells`` are given (then all periods are taken as
    covered unless ``coverage`` is passed too)."""
    if q.by not in PERIODS:
        raise ValueError(f"unknown period {q.by!r}; use month, quarter or year")
    if cells is None:
        cells = collect_cells(store, q)
        coverage = coverage or data_coverage(store, q.origins)
    return series_from(q, accumulate(cells, q.by), coverage)


def series_from(q: SeriesQuery, acc: Acc, coverage: Coverage | None) -> Series:
    """The contiguous series of the per-period counts ``acc``, with its coverage marks."""
    series = Series(query=q)
    if not acc:
        return series
    # the series spans the data it counts: never zero-filled before its first or after its
    # last observed period, whatever --since/--until ask (#18, #19: a chart showed the years
    # after the data as zeros, and until=9999 built 96,000 empty months)
    first = min(acc)
    last = max(acc)
    # … but runs on through the covered periods right after its last one: months after a
    # pair's last event that the store has data for are real zeros (the last one marked
    # partial), up to the first period without data or the asked end
    if coverage is not None and coverage.end:
        nxt = shift_period(last, q.by, 1)
        while coverage.covers(nxt, q.by) and (not q.until or nxt[: len(q.until)] <= q.until):
            last, nxt = nxt, shift_period(nxt, q.by, 1)
    series.periods = period_range(first, last, q.by)
    for p in series.periods:
        t, co, cf, ex, im = acc.get(p, [0, 0, 0, 0, 0])
        series.total.append(t)
        series.cooperation.append(co)
        series.conflict.append(cf)
        series.extracted.append(ex)
        series.imported.append(im)
    mark_coverage(series, coverage)
    return series


@dataclass
class SeriesState:
    """What :func:`update_series` needs: the counts per period, apart by origin."""

    query: SeriesQuery
    mark: Mark
    extracted: Acc
    imported: Acc

    def series(self, coverage: Coverage | None) -> Series:
        both = {p: list(v) for p, v in self.extracted.items()}
        for p, v in self.imported.items():
            slot = both.setdefault(p, [0, 0, 0, 0, 0])
            for i, n in enumerate(v):
                slot[i] += n
        return series_from(self.query, both, coverage)


def series_state(store: Store, q: SeriesQuery) -> tuple[Series, SeriesState]:
    """:func:`build_series` from the store, with the state to update it later."""
    if q.by not in PERIODS:
        raise ValueError(f"unknown period {q.by!r}; use month, quarter or year")
    mark = store.data_mark()
    extracted = accumulate(extracted_cells(store, q, upto_id=mark.last_id("events")), q.by)
    state = SeriesState(q, mark, extracted, accumulate(imported_cells(store, q), q.by))
    return state.series(data_coverage(store, q.origins)), state


def update_series(store: Store, state: SeriesState) -> tuple[Series, SeriesState]:
    """:func:`series_state` now, from ``state`` and the records appended since (see the
    module docstring); from scratch when the store did more than append."""
    q, old = state.query, state.mark
    mark = appended_since(store, old)
    if mark is None:
        return series_state(store, q)
    extracted = state.extracted
    if mark.moved(old, "events"):
        extracted = {p: list(v) for p, v in extracted.items()}
        added = extracted_cells(store, q, old.last_id("events"), mark.last_id("events"))
        accumulate(added, q.by, extracted)
    imported = state.imported
    if mark.moved(old, "imported_events"):
        imported = accumulate(imported_cells(store, q), q.by)
    new = SeriesState(q, mark, extracted, imported)
    return new.series(data_coverage(store, q.origins)), new


def mark_coverage(series: Series, coverage: Coverage | None) -> None:
    """Set each period's gap and partial flags (all covered, none partial without coverage)."""
    by = series.query.by
    if coverage is not None and not coverage.months:
        coverage = None  # nothing dated in the store: coverage unknown, nothing is a gap
    series.coverage = coverage
    series.gap = [
        coverage is not None and not n and not coverage.covers(p, by)
        for p, n in zip(series.periods, series.total, strict=True)
    ]
    series.partial = [bool(coverage and coverage.partial_note(p, by)) for p in series.periods]


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
