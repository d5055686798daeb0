"""PNG/SVG charts of a series with matplotlib (optional dependency: ``diplograph[analysis]``)."""

from __future__ import annotations

from pathlib import Path

from diplograph.analysis.forecast import Forecast
from diplograph.analysis.trends import Series
from diplograph.errors import ConfigError


def render_chart(
    series: Series,
    out: Path,
    title: str,
    forecast: Forecast | None = None,
    after: str | None = None,
) -> Path:
    """Write counts (cooperation, conflict, total) and an optional forecast band to ``out``.

    Gaps (no stored data) break the lines and are shaded grey; partial periods are drawn on a
    light band with a note; the forecast starts after ``after`` (the last fitted period, else
    the last period), so it may cover a partial period."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ConfigError(
            "charts need matplotlib: pip install 'diplograph[analysis]'", code="D405"
        ) from err
    xs = list(range(len(series.periods)))
    gap = series.gap or [False] * len(xs)

    def masked(values: list[int]) -> list[float]:
        return [float("nan") if g else float(v) for v, g in zip(values, gap, strict=True)]

    fig, ax = plt.subplots(figsize=(11, 4.5), dpi=110)
    ax.plot(xs, masked(series.total), color="#444444", lw=1.2, label="all events")
    ax.plot(xs, masked(series.cooperation), color="#2b8cbe", lw=1, label="cooperation")
    ax.plot(xs, masked(series.conflict), color="#e34a33", lw=1, label="conflict")
    for i in xs:
        if gap[i]:
            ax.axvspan(i - 0.5, i + 0.5, color="#bbbbbb", alpha=0.3, hatch="//", lw=0)
        elif series.partial and series.partial[i]:
            ax.axvspan(i - 0.5, i + 0.5, color="#f2c94c", alpha=0.25, lw=0)
            ax.annotate(
                series.partial_note(i),
                (i, 0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 4),
                textcoords="offset points",
                fontsize=7,
                ha="right",
            )
    if any(gap):
        ax.plot([], [], color="#bbbbbb", lw=6, alpha=0.5, label="no data")
    if forecast is not None:
        first = series.periods.index(after) + 1 if after in series.periods else len(xs)
        fx = list(range(first, first + len(forecast.mean)))
        ax.fill_between(fx, forecast.lo95, forecast.hi95, color="#999999", alpha=0.2, label="95%")
        ax.fill_between(fx, forecast.lo80, forecast.hi80, color="#999999", alpha=0.4, label="80%")
        ax.plot(fx, forecast.mean, color="#444444", ls="--", lw=1.2, label="forecast")
    step = max(1, len(xs) // 12)
    ax.set_xticks(xs[::step], series.periods[::step], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel(f"events per {series.query.by}")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out
