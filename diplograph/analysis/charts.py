"""PNG/SVG charts of a series with matplotlib (optional dependency: ``diplograph[analysis]``)."""

from __future__ import annotations

from pathlib import Path

from diplograph.analysis.forecast import Forecast
from diplograph.analysis.trends import Series
from diplograph.errors import ConfigError


def render_chart(series: Series, out: Path, title: str, forecast: Forecast | None = None) -> Path:
    """Write counts (cooperation, conflict, total) and an optional forecast band to ``out``."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ConfigError(
            "charts need matplotlib: pip install 'diplograph[analysis]'", code="D405"
        ) from err
    xs = list(range(len(series.periods)))
    fig, ax = plt.subplots(figsize=(11, 4.5), dpi=110)
    ax.plot(xs, series.total, color="#444444", lw=1.2, label="all events")
    ax.plot(xs, series.cooperation, color="#2b8cbe", lw=1, label="cooperation")
    ax.plot(xs, series.conflict, color="#e34a33", lw=1, label="conflict")
    if forecast is not None:
        fx = list(range(len(xs), len(xs) + len(forecast.mean)))
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
