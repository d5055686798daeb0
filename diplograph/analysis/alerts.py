"""Early warning: periods where a pair's activity departs from its own history.

Method (chosen before looking at what it flags, and kept fixed):

1. Counts are put on a variance-stabilised scale, ``y = sqrt(x + 3/8)`` (Anscombe), where
   Poisson noise has a standard deviation of about 0.5 whatever the level.
2. The expected value at period t uses only the past (no look-ahead, as in live use):
   level = median of y over the previous ``window`` periods (12 months, 8 quarters or 5
   years); seasonal offset = median over the last four years of (y at the same month minus
   the median of the 12 months centred on it), used when at least two years are available.
3. The residual scale is 1.4826 × MAD of the previous 24 residuals, floored at 0.5 (pure
   Poisson noise), so a noisy pair needs a bigger departure than a quiet one.
4. A period is flagged when ``|z| >= 3.5`` and the count differs from the expected count by at
   least 3 events. Consecutive flagged periods in the same direction form one alert, dated at
   its first period (the onset), scored by its largest ``|z|``, and ranked by that score.

Medians make the baseline robust to earlier spikes, and the seasonal term keeps a regular
yearly rhythm (summits, holidays) from being flagged. This is pure numpy on purpose: STL or
change-point fits (statsmodels, ruptures) look at the whole series, including the future of the
period being judged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from diplograph.analysis.trends import Cell, SeriesQuery, build_series, collect_cells
from diplograph.importers.cameo import QUAD_NAMES
from diplograph.store.base import Filters, HistoryFilters, Store

SEASON = {"month": 12, "quarter": 4, "year": 1}
WINDOW = {"month": 12, "quarter": 8, "year": 5}
THRESHOLD = 3.5
MIN_EXCESS = 3.0
SCALE_WINDOW = 24
MIN_SCALE = 0.5

FloatArray = npt.NDArray[np.float64]


@dataclass
class Alert:
    """One departure of a pair's series from its own history."""

    period: str
    a: str
    b: str
    series: str
    observed: float
    expected: float
    score: float
    direction: str  # "up" or "down"
    through: str
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "a": self.a,
            "b": self.b,
            "series": self.series,
            "observed": self.observed,
            "expected": round(self.expected, 2),
            "score": round(self.score, 2),
            "direction": self.direction,
            "through": self.through,
            "evidence": self.evidence,
        }


def score_series(
    counts: list[int] | FloatArray, by: str = "month"
) -> tuple[FloatArray, FloatArray]:
    """Expected counts and robust z-scores per period (NaN where history is too short)."""
    x = np.asarray(counts, dtype=float)
    y = np.sqrt(x + 0.375)
    n, m, w = len(x), SEASON[by], WINDOW[by]
    expected_y = np.full(n, np.nan)
    for t in range(w, n):
        level = float(np.median(y[t - w : t]))
        offsets = []
        if m > 1:
            for k in range(1, 5):
                j = t - k * m
                lo = j - m // 2
                if lo < 0:
                    break
                offsets.append(y[j] - np.median(y[lo : lo + m]))
        season = float(np.median(offsets)) if len(offsets) >= 2 else 0.0
        expected_y[t] = level + season
    resid = y - expected_y
    z = np.full(n, np.nan)
    for t in range(w, n):
        past = resid[max(w, t - SCALE_WINDOW) : t]
        if len(past) < 8:
            continue
        mad = float(np.median(np.abs(past - np.median(past))))
        z[t] = resid[t] / max(MIN_SCALE, 1.4826 * mad)
    expected = np.clip(np.nan_to_num(expected_y, nan=0.0), 0, None) ** 2 - 0.375
    return np.clip(expected, 0, None), z


def _series_label(q: SeriesQuery, quads: tuple[int, ...]) -> str:
    if quads == (1, 2):
        name = "cooperation"
    elif quads == (3, 4):
        name = "conflict"
    elif len(quads) == 1:
        name = QUAD_NAMES[quads[0]]
    else:
        name = "all"
    return name + (f" [{','.join(q.types)}]" if q.types else "")


def find_alerts(
    store: Store,
    q: SeriesQuery,
    top: int = 10,
    min_total: int = 30,
    evidence: int = 5,
) -> list[Alert]:
    """Alerts for the pair (or every partner of the country, or every pair), highest first.

    ``q.quads`` picks one series; without it the cooperation and conflict series are both
    scanned. ``q.since``/``q.until`` limit the periods reported, not the history used.
    """
    quad_sets = [q.quads] if q.quads else [(1, 2), (3, 4)]
    history = replace(q, since=None, until=None, quads=())
    cells = collect_cells(store, history)
    pairs: dict[tuple[str, str], list[Cell]] = defaultdict(list)
    for c in cells:
        if not c.source or not c.target:
            continue
        a, b = sorted((c.source, c.target))
        if q.country and q.country.upper() == b:
            a, b = b, a
        pairs[(a, b)].append(c)
    alerts: list[Alert] = []
    for (a, b), pair_cells in pairs.items():
        for quads in quad_sets:
            chosen = [c for c in pair_cells if c.quad in quads]
            if sum(c.n for c in chosen) < min_total:
                continue
            pq = replace(history, country=a, partner=b, quads=quads)
            series = build_series(store, pq, chosen)
            first = next(i for i, v in enumerate(series.total) if v)
            periods, counts = series.periods[first:], series.total[first:]
            expected, z = score_series(counts, q.by)
            label = _series_label(q, quads)
            alerts += _episodes(periods, counts, expected, z, a, b, label, q)
    alerts.sort(key=lambda al: -al.score)
    alerts = alerts[:top]
    for al in alerts:
        al.evidence = collect_evidence(store, al, q, evidence)
    return alerts


def _episodes(
    periods: list[str],
    counts: list[int],
    expected: FloatArray,
    z: FloatArray,
    a: str,
    b: str,
    label: str,
    q: SeriesQuery,
) -> list[Alert]:
    out: list[Alert] = []
    current: Alert | None = None
    for i, p in enumerate(periods):
        zi = z[i]
        flagged = (
            not np.isnan(zi) and abs(zi) >= THRESHOLD and abs(counts[i] - expected[i]) >= MIN_EXCESS
        )
        direction = "up" if flagged and zi > 0 else "down"
        if not flagged or (current is not None and current.direction != direction):
            if current is not None:
                out.append(current)
            current = None
        if not flagged:
            continue
        if current is None:
            current = Alert(
                p, a, b, label, counts[i], float(expected[i]), float(abs(zi)), direction, p
            )
        else:
            current.through = p
            current.score = max(current.score, float(abs(zi)))
    if current is not None:
        out.append(current)
    lo = _bound(q.since, q.by) if q.since else None
    hi = _bound(q.until, q.by) if q.until else None
    return [al for al in out if (lo is None or al.period >= lo) and (hi is None or al.period <= hi)]


def _bound(date: str, by: str) -> str:
    from diplograph.analysis.trends import period_of

    padded = date + "-01" if len(date) == 4 else date
    return period_of(padded, by) or date


def period_dates(period: str) -> tuple[str, str]:
    """First and last date (inclusive, as ``--until`` reads it) of a period label."""
    if "-Q" in period:
        y, qn = period.split("-Q")
        return f"{y}-{(int(qn) - 1) * 3 + 1:02d}", f"{y}-{int(qn) * 3:02d}"
    return period, period


def collect_evidence(store: Store, al: Alert, q: SeriesQuery, limit: int) -> list[dict[str, Any]]:
    """The imported cells and extracted events behind an alert's onset period."""
    since, until = period_dates(al.period)
    quads = q.quads or ((1, 2) if al.series.startswith("cooperation") else (3, 4))
    out: list[dict[str, Any]] = []
    if q.wants_imported:
        flt = HistoryFilters(
            country=al.a,
            partner=al.b,
            types=q.types,
            quads=quads,
            since=since,
            until=until,
            datasets=q.history_filters().datasets,
        )
        rows = sorted(store.imported_events(flt), key=lambda r: -int(r["count"]))[:limit]
        for r in rows:
            out.append(
                {
                    "origin": "imported",
                    "dataset": r["dataset"],
                    "file": r["file"],
                    "row": r["row"],
                    "date": r["date"],
                    "source": r["source_code"],
                    "target": r["target_code"],
                    "event": r["event_name"] or QUAD_NAMES.get(r["quad_class"], ""),
                    "count": r["count"],
                }
            )
    if "extracted" in q.origins:
        from diplograph.importers.cameo import TYPE_QUAD

        for e in store.events(Filters(country=al.a, partner=al.b, since=since, until=until)):
            if TYPE_QUAD.get(e["type"]) in quads and len(out) < 2 * limit:
                out.append(
                    {
                        "origin": "extracted",
                        "doc_id": e["doc_id"],
                        "sent_idx": e["sent_idx"],
                        "date": e["date"],
                        "type": e["type"],
                        "sentence": e["sentence"],
                    }
                )
    return out
