"""Early warning: periods where a pair's activity departs from its own history.

Default method, ``nb`` (issue 18; the crisis list in ``bench/data/known_crises.csv`` was written
before it was tuned):

1. Exposure: a pair's events grow with media coverage, so its expected count is its recent
   share of all events in the store that period (``share × global volume``), the share being
   an exponentially weighted mean (half-life 6 periods) over the previous 24. When the pair
   is most of what the store holds (share ≥ 25%), its own weighted past level is used instead.
2. Count model: negative binomial with that mean and a dispersion fitted by moments on the
   previous 24 periods (top 10% trimmed), so a volatile pair needs a bigger departure.
3. A period is flagged when its tail probability is ≤ 1e-3 (up: P(X ≥ x); down: P(X ≤ x)),
   the count is at least twice (up) or at most half (down) the expectation, and it differs by
   at least 5 events. Consecutive flagged periods form one alert dated at its onset.
4. Alerts rank by magnitude, not by surprise alone: the events above the 99% upper bound of the
   expectation, rescaled to the store's median global volume (so a 1995 month and a 2014
   month compare). Up-alerts (escalations, the default) and down-alerts rank separately.
   ``surprise`` (−log10 of the tail probability) and the 80% interval are reported with each.

Former method, ``z`` (kept for comparison; ``method="z"``):

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

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from diplograph.analysis.trends import (
    Cell,
    SeriesQuery,
    build_series,
    collect_cells,
    pad_year,
    period_of,
)
from diplograph.budget import check_budget
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
    surprise: float | None = None  # −log10 tail probability (nb method)
    interval: tuple[int, int] | None = None  # 80% interval of the expectation (nb method)

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
            "surprise": None if self.surprise is None else round(self.surprise, 1),
            "interval": list(self.interval) if self.interval else None,
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


# -- the count model (method "nb") ----------------------------------------------------------------
HALF_LIFE = 6.0
HISTORY = 24
MIN_HISTORY = 12
P_MAX = 1e-3
MIN_RATIO = 2.0
MIN_EVENTS = 5.0
SELF_SHARE = 0.25
MIN_MU = 0.5


def nb_logpmf(k: int, mu: float, alpha: float) -> float:
    """Log probability of ``k`` under a negative binomial with mean ``mu``, var mu + alpha mu²."""
    if alpha <= 1e-9:
        return k * math.log(mu) - mu - math.lgamma(k + 1)
    r = 1.0 / alpha
    return (
        math.lgamma(k + r)
        - math.lgamma(r)
        - math.lgamma(k + 1)
        + r * math.log(r / (r + mu))
        + k * math.log(mu / (r + mu))
    )


def nb_tail(x: int, mu: float, alpha: float, upper: bool) -> float:
    """P(X ≥ x) when ``upper``, else P(X ≤ x), summed term by term from ``x`` outwards."""
    total, k = 0.0, x
    while 0 <= k < x + 200_000:
        if k % 4096 == 0:
            check_budget()
        term = math.exp(nb_logpmf(k, mu, alpha))
        total += term
        if term < 1e-17 * max(total, 1e-300) and (not upper or k > mu):
            break
        k += 1 if upper else -1
    return min(1.0, total)


def nb_quantile(q: float, mu: float, alpha: float) -> int:
    """The smallest k with P(X ≤ k) ≥ q."""
    cdf, k = 0.0, 0
    while k < 10 * mu + 1000:
        if k % 4096 == 0:
            check_budget()
        cdf += math.exp(nb_logpmf(k, mu, alpha))
        if cdf >= q:
            return k
        k += 1
    return k


def nb_expectations(
    x: FloatArray, volume: FloatArray | None
) -> tuple[FloatArray, FloatArray, bool]:
    """Past-only NB mean and dispersion per period (NaN before ``MIN_HISTORY``).

    Returns (mu, alpha, by_share): whether the mean follows the pair's share of the volume.
    """
    n = len(x)
    mu = np.full(n, np.nan)
    alpha = np.full(n, np.nan)
    by_share = volume is not None and float(volume.sum()) > 0
    if by_share and volume is not None:
        by_share = float(x.sum()) / float(volume.sum()) < SELF_SHARE
    decay = 0.5 ** (np.arange(HISTORY, 0, -1) / HALF_LIFE)
    for t in range(MIN_HISTORY, n):
        lo = max(0, t - HISTORY)
        w = decay[-(t - lo) :]
        if by_share and volume is not None:
            share = float((w * x[lo:t]).sum()) / max(float((w * volume[lo:t]).sum()), 1e-9)
            mu[t] = max(MIN_MU, share * float(volume[t]))
        else:
            mu[t] = max(MIN_MU, float((w * x[lo:t]).sum() / w.sum()))
    for t in range(MIN_HISTORY, n):
        check_budget()
        past = list(range(max(MIN_HISTORY, t - HISTORY), t))
        if len(past) < 6:
            alpha[t] = 0.5
            continue
        m = np.array([((x[s] - mu[s]) ** 2 - mu[s]) / mu[s] ** 2 for s in past])
        m = np.sort(m)[: max(1, int(0.9 * len(m)))]
        alpha[t] = float(np.clip(m.mean(), 0.0, 5.0))
    return mu, alpha, by_share


def _nb_flags(counts: list[int], volume: FloatArray | None, direction: str) -> list[_Flag | None]:
    """Each period's departure under the count model, or None."""
    x = np.asarray(counts, dtype=float)
    mu, alpha, by_share = nb_expectations(x, volume)
    typical = float(np.median(volume[volume > 0])) if by_share and volume is not None else 1.0
    flags: list[_Flag | None] = []
    for i in range(len(counts)):
        flags.append(None)
        if np.isnan(mu[i]):
            continue
        m, al, k = float(mu[i]), float(alpha[i]), int(x[i])
        up = k >= MIN_RATIO * m and k - m >= MIN_EVENTS
        down = k <= m / MIN_RATIO and m - k >= MIN_EVENTS
        if not ((up and direction in ("up", "both")) or (down and direction in ("down", "both"))):
            continue
        tail = nb_tail(k, m, al, upper=up)
        if tail > P_MAX:
            continue
        norm = typical / float(volume[i]) if by_share and volume is not None else 1.0
        bound = nb_quantile(0.99 if up else 0.01, m, al)
        flags[i] = _Flag(
            "up" if up else "down",
            m,
            max(0.0, (k - bound) if up else (bound - k)) * norm,
            -math.log10(max(tail, 1e-300)),
            (nb_quantile(0.1, m, al), nb_quantile(0.9, m, al)),
        )
    return flags


def _volume(store: Store, history: SeriesQuery) -> dict[str, float]:
    """Every event in the store per period (all pairs, all kinds): the media's volume."""
    everything = replace(history, country=None, partner=None, types=(), quads=(), directed=False)
    series = build_series(store, everything)
    return {p: float(n) for p, n in zip(series.periods, series.total, strict=True)}


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
    method: str = "nb",
    direction: str = "up",
) -> list[Alert]:
    """Alerts for the pair (or every partner of the country, or every pair), highest first.

    ``q.quads`` picks one series; without it the cooperation and conflict series are both
    scanned. ``q.since``/``q.until`` limit the periods reported, not the history used.
    ``direction`` is "up" (escalations, the default), "down" or "both" (ranked separately:
    all up-alerts first). ``method`` "nb" is the count model, "z" the former z-score.
    """
    if method not in ("nb", "z") or direction not in ("up", "down", "both"):
        raise ValueError(f"unknown method {method!r} or direction {direction!r}")
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
    volume: dict[str, float] | None = None  # the store-wide series, read once per call
    for (a, b), pair_cells in pairs.items():
        for quads in quad_sets:
            check_budget()  # a request over its budget stops here (#19)
            chosen = [c for c in pair_cells if c.quad in quads]
            if sum(c.n for c in chosen) < min_total:
                continue
            pq = replace(history, country=a, partner=b, quads=quads)
            series = build_series(store, pq, chosen)
            first = next(i for i, v in enumerate(series.total) if v)
            periods, counts = series.periods[first:], series.total[first:]
            if method == "z":
                flags = _z_flags(counts, q.by, direction)
            else:
                volume = _volume(store, history) if volume is None else volume
                per = np.array([volume.get(p, 0.0) for p in periods])
                flags = _nb_flags(counts, per, direction)
            alerts += _episodes(periods, counts, flags, a, b, _series_label(q, quads), q)
    alerts.sort(key=lambda al: (al.direction != "up", -al.score))
    alerts = alerts[:top]
    for al in alerts:
        al.evidence = collect_evidence(store, al, q, evidence)
    return alerts


@dataclass(frozen=True)
class _Flag:
    """One period's departure: its direction, expectation and score (and, nb, its extras)."""

    direction: str
    expected: float
    score: float
    surprise: float | None = None
    interval: tuple[int, int] | None = None


def _z_flags(counts: list[int], by: str, direction: str) -> list[_Flag | None]:
    """Each period's departure under the former z-score, or None."""
    expected, z = score_series(counts, by)
    flags: list[_Flag | None] = []
    for i, zi in enumerate(z):
        flagged = (
            not np.isnan(zi) and abs(zi) >= THRESHOLD and abs(counts[i] - expected[i]) >= MIN_EXCESS
        )
        d = "up" if zi > 0 else "down"
        keep = flagged and direction in ("both", d)
        flags.append(_Flag(d, float(expected[i]), float(abs(zi))) if keep else None)
    return flags


def _episodes(
    periods: list[str],
    counts: list[int],
    flags: list[_Flag | None],
    a: str,
    b: str,
    label: str,
    q: SeriesQuery,
) -> list[Alert]:
    """Consecutive flagged periods in one direction form one alert, dated at its onset and
    scored by its largest score; alerts outside ``q.since``/``q.until`` are left out."""
    out: list[Alert] = []
    current: Alert | None = None
    for p, n, f in zip(periods, counts, flags, strict=True):
        if f is None or (current is not None and current.direction != f.direction):
            if current is not None:
                out.append(current)
            current = None
        if f is None:
            continue
        if current is None:
            current = Alert(
                p, a, b, label, n, f.expected, f.score, f.direction, p,
                surprise=f.surprise, interval=f.interval,
            )  # fmt: skip
        else:
            current.through = p
            current.score = max(current.score, f.score)
    if current is not None:
        out.append(current)
    lo = _bound(q.since, q.by) if q.since else None
    hi = _bound(q.until, q.by) if q.until else None
    return [al for al in out if (lo is None or al.period >= lo) and (hi is None or al.period <= hi)]


def _bound(date: str, by: str) -> str:
    return period_of(pad_year(date), by) or date


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
