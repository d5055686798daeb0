"""Event history: ``import-events``, ``trends``, ``alerts``, ``forecast``, ``outlook`` (#9)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from diplograph.commands import actor_code, iso_date
from diplograph.errors import DiplographError

console = Console()
err_console = Console(stderr=True)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="DIPLOGRAPH_DB", help="SQLite database file [default: ./diplograph.db]."
    ),
]
CountryOpt = Annotated[
    str | None,
    typer.Option("--country", "-c", callback=actor_code, help="Country (name or code), e.g. VNM."),
]
PartnerOpt = Annotated[
    str | None,
    typer.Option("--partner", "-p", callback=actor_code, help="Other actor of the pair, e.g. CHN."),
]
ByOpt = Annotated[str, typer.Option("--by", help="month, quarter or year.")]
TypesOpt = Annotated[
    str | None, typer.Option("--types", help="Our event types, comma-separated: VISIT,CALL.")
]
QuadOpt = Annotated[
    str | None,
    typer.Option(
        "--quad",
        help="verbal-cooperation, material-cooperation, verbal-conflict, material-conflict, "
        "cooperation or conflict.",
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", callback=iso_date, help="Earliest date, YYYY[-MM[-DD]]."),
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", callback=iso_date, help="Latest date (inclusive).")
]
SourcesOpt = Annotated[
    str,
    typer.Option(
        "--sources",
        help="What to count, comma-separated: extracted, imported, or one import dataset "
        "(icews-tkg, dyad-counts, csv). Overlapping datasets never add up: each month × pair × "
        "quad-class cell counts from the dataset with the most events there.",
    ),
]


def register(app: typer.Typer) -> None:
    """Attach the event-history commands to the main CLI."""
    app.command(name="import-events")(import_events_cmd)
    app.command()(trends)
    app.command()(alerts)
    app.command()(forecast)
    app.command()(outlook)


def _fail(err: DiplographError | ValueError, code: int = 1) -> typer.Exit:
    err_console.print(f"[red]error[/red] {escape(str(err))}")
    return typer.Exit(code)


def _store(db: str | None, create: bool = False) -> Any:
    from diplograph.settings import get_settings
    from diplograph.store import open_existing_store, open_store

    try:
        url = get_settings(db=db).db
        return open_store(url) if create else open_existing_store(url)
    except DiplographError as err:
        raise _fail(err, 2 if err.code == "D407" else 1) from err


def _query(
    country: str | None,
    partner: str | None,
    by: str,
    types: str | None,
    quad: str | None,
    since: str | None,
    until: str | None,
    sources: str,
    directed: bool = False,
) -> Any:
    from diplograph.analysis.trends import DATASETS, ORIGINS, PERIODS, SeriesQuery
    from diplograph.importers.cameo import parse_quad

    origins = tuple(s.strip().lower() for s in sources.split(",") if s.strip())
    bad = [o for o in origins if o not in ORIGINS + DATASETS]
    if bad or not origins:
        raise _fail(ValueError(f"unknown --sources {','.join(bad)!r}"), 2)
    if by not in PERIODS:
        raise _fail(ValueError(f"unknown --by {by!r}; use month, quarter or year"), 2)
    try:
        quads = parse_quad(quad) if quad else ()
    except ValueError as err:
        raise _fail(err, 2) from err
    return SeriesQuery(
        country=country.upper() if country else None,
        partner=partner.upper() if partner else None,
        by=by,
        types=tuple(t.strip().upper() for t in (types or "").split(",") if t.strip()),
        quads=quads,
        since=since,
        until=until,
        origins=origins,
        directed=directed,
    )


def import_events_cmd(
    files: Annotated[list[Path], typer.Argument(help="Files of coded events.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="icews-tkg, dyad-counts or csv.")
    ] = "csv",
    db: DbOpt = None,
) -> None:
    """Import events coded by other systems (ICEWS and others) into the store.

    icews-tkg: ICEWS quadruples `source<TAB>CAMEO event name<TAB>target<TAB>YYYY-MM-DD`.
    dyad-counts: ICEWS counts per directed pair, month (YYYYMM) and quad class (CSV).
    csv: header with date, source, target, one of type|cameo|quad, optional count.
    Actors are coded through the gazetteer; an actor that cannot be coded is kept uncoded.
    Re-importing a file adds nothing; bad rows are reported and recorded in `failures`.
    Imported records never appear in `export --format eval`.

    Example: diplograph import-events south-china-sea.csv --format dyad-counts --db history.db
    """
    from diplograph.importers import import_events

    store = _store(db, create=True)
    shown = 0

    def on_error(err: DiplographError) -> None:
        nonlocal shown
        shown += 1
        if shown <= 20:
            err_console.print(f"[red]✗[/red] {escape(str(err))}")

    try:
        summary = import_events(files, fmt, store, on_error=on_error)
    except DiplographError as err:
        raise _fail(err, 2) from err
    if shown > 20:
        err_console.print(f"… {shown - 20} more; see `diplograph failures`.")
    table = Table(title="Import summary")
    d = summary.as_dict()
    for col in d:
        table.add_column(col, justify="right")
    table.add_row(*[str(v) for v in d.values()])
    console.print(table)
    if summary.overlapping:
        console.print(
            f"{summary.overlapping} month × pair × quad-class cells are also counted by another "
            "imported dataset: each cell takes its counts from the dataset with the most events "
            "there, never the sum (choose one with --sources in trends and alerts)."
        )
    if summary.failed:
        raise typer.Exit(1)


def trends(
    country: CountryOpt = None,
    partner: PartnerOpt = None,
    by: ByOpt = "month",
    types: TypesOpt = None,
    quad: QuadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    sources: SourcesOpt = "extracted,imported",
    directed: Annotated[bool, typer.Option(help="Count only country → partner.")] = False,
    figure: Annotated[
        str | None, typer.Option("--figure", help="Add a figure indicator, e.g. trade_value.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, csv, json, png or svg.")
    ] = "table",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Chart file (png/svg).")] = None,
    db: DbOpt = None,
) -> None:
    """Event counts per period for a country or pair, with the cooperation/conflict balance.

    Counts extracted events and imported records (each side selectable with --sources);
    balance = (cooperation - conflict) / (cooperation + conflict) by CAMEO quad class.

    Example: diplograph trends --country VNM --partner CHN --quad conflict --by month
    """
    from diplograph.analysis.trends import add_figure, bar, build_series, sparkline

    if not country:
        raise _fail(ValueError("--country is required"), 2)
    q = _query(country, partner, by, types, quad, since, until, sources, directed)
    store = _store(db)
    series = build_series(store, q)
    if figure:
        add_figure(store, series, figure)
    rows = series.rows()
    title = f"{q.country}–{q.partner or 'all'} events per {by}" + (f" ({quad})" if quad else "")
    if fmt in {"png", "svg"}:
        from diplograph.analysis.charts import render_chart

        target = out or Path(f"trends-{q.country}-{q.partner or 'all'}.{fmt}")
        if target.suffix.lower() != f".{fmt}":
            target = target.with_suffix(f".{fmt}")
        try:
            console.print(f"wrote {render_chart(series, target, title)}")
        except DiplographError as err:
            raise _fail(err) from err
        return
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["period", "count"])
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return
    if fmt != "table":
        raise _fail(ValueError(f"unknown --format {fmt!r}: use table, csv, json, png or svg"), 2)
    if not rows:
        console.print(
            "[yellow]No events match.[/yellow] Import history with "
            "[bold]diplograph import-events[/bold] or loosen the filters."
        )
        return
    console.print(f"[bold]{escape(title)}[/bold]  total {sum(series.total)}")
    console.print(sparkline(series.total))
    table = Table(show_edge=False)
    for col in ("period", "count", "coop", "conflict", "balance", *(["figure"] if figure else [])):
        table.add_column(col, justify="left" if col == "period" else "right")
    table.add_column("chart", no_wrap=True)
    top = max(series.total)
    for r in rows:
        bal = "" if r["balance"] is None else f"{r['balance']:+.2f}"
        extra = [f"{r['figure']:,.10g}" if r.get("figure") is not None else ""] if figure else []
        chart = f"[blue]{bar(r['count'], top)}[/blue]"
        table.add_row(
            r["period"],
            str(r["count"]),
            str(r["cooperation"]),
            str(r["conflict"]),
            bal,
            *extra,
            chart,
        )
    console.print(table)


def alerts(
    country: CountryOpt = None,
    partner: PartnerOpt = None,
    quad: QuadOpt = None,
    types: TypesOpt = None,
    by: ByOpt = "month",
    since: SinceOpt = None,
    until: UntilOpt = None,
    top: Annotated[int, typer.Option("--top", "-n", help="How many alerts.")] = 10,
    sources: SourcesOpt = "extracted,imported",
    evidence: Annotated[int, typer.Option(help="Evidence items per alert.")] = 5,
    direction: Annotated[
        str,
        typer.Option(
            "--direction", help="up (escalations), down (drops) or both, ranked separately."
        ),
    ] = "up",
    method: Annotated[
        str, typer.Option("--method", help="nb (count model) or z (the former z-score).")
    ] = "nb",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, highest first.")] = False,
    db: DbOpt = None,
) -> None:
    """Periods where a pair's activity departs from its own history, ranked by magnitude.

    Expected count per pair: its recent share of all stored events that period (so media
    growth is no crisis), under a negative binomial fitted on the past 24 periods only.
    Flags tail probability <= 1e-3 with at least 2x (or half) the expectation and 5 events of
    difference; runs form one alert at onset. Ranked by the events beyond the 99% bound,
    scaled to a typical period's volume. --since/--until limit the periods reported, not
    the history used.

    Example: diplograph alerts --country VNM --partner CHN --quad conflict --top 5 --json
    """
    from diplograph.analysis.alerts import find_alerts

    if direction not in ("up", "down", "both") or method not in ("nb", "z"):
        err_console.print("[red]error[/red] --direction is up, down or both; --method is nb or z")
        raise typer.Exit(2)
    q = _query(country, partner, by, types, quad, since, until, sources)
    found = find_alerts(
        _store(db), q, top=top, evidence=evidence, method=method, direction=direction
    )
    if as_json:
        payload = [a.to_dict() for a in found]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    if not found:
        console.print("[green]No alerts.[/green] Activity stays within its usual range.")
        return
    table = Table(title=f"Alerts ({len(found)})")
    cols = ("period", "through", "pair", "series", "observed", "expected", "80% range")
    for col in (*cols, "score", "surprise", "dir"):
        right = col in {"observed", "expected", "80% range", "score", "surprise"}
        table.add_column(col, justify="right" if right else "left")
    for a in found:
        table.add_row(
            a.period,
            a.through,
            f"{a.a}–{a.b}",
            a.series,
            f"{a.observed:g}",
            f"{a.expected:.1f}",
            f"{a.interval[0]}–{a.interval[1]}" if a.interval else "",
            f"{a.score:.1f}",
            f"{a.surprise:.1f}" if a.surprise is not None else "",
            a.direction,
        )
    console.print(table)
    for a in found:
        items = [
            f"{e.get('date')} {e.get('source', '')}→{e.get('target', '')} "
            f"{e.get('event') or e.get('type')} ×{e.get('count', 1)} "
            f"[{e.get('file') or e.get('doc_id')}:{e.get('row', e.get('sent_idx'))}]"
            for e in a.evidence
        ]
        console.print(f"[bold]{a.period} {a.a}–{a.b}[/bold] " + escape("; ".join(items)))


def forecast(
    country: CountryOpt = None,
    partner: PartnerOpt = None,
    series: Annotated[
        str, typer.Option("--series", help="all, cooperation, conflict or a quad class.")
    ] = "all",
    types: TypesOpt = None,
    by: ByOpt = "month",
    horizon: Annotated[int, typer.Option(min=1, max=12, help="Periods ahead (1-12).")] = 6,
    sources: SourcesOpt = "extracted,imported",
    run_backtest: Annotated[
        bool, typer.Option("--backtest", help="Rolling-origin backtest instead of a forecast.")
    ] = False,
    origins: Annotated[int, typer.Option(help="Backtest origins (3 periods apart).")] = 8,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Also draw a PNG/SVG.")] = None,
    db: DbOpt = None,
) -> None:
    """Forecast a pair's event counts with 80% and 95% intervals.

    The model is chosen per series by rolling-origin error on its own history: the best ETS
    (by AICc), the historical mean or seasonal naive; the output names the winner. Only
    complete, covered periods are fitted: gaps (no stored data) restart the series and a
    partial last period is left out; forecasts start after the last fitted period.

    --backtest re-fits at rolling origins and reports MASE against seasonal-naive and
    historical-mean forecasts, with the 80% interval coverage.

    Example: diplograph forecast --country VNM --partner CHN --series conflict --backtest --json
    """
    from diplograph.analysis.forecast import backtest, fit_forecast, fit_window
    from diplograph.analysis.trends import build_series, period_range, shift_period

    if not country or not partner:
        raise _fail(ValueError("--country and --partner are required"), 2)
    q = _query(
        country, partner, by, types, None if series == "all" else series, None, None, sources
    )
    data = build_series(_store(db), q)
    label = f"{q.country}–{q.partner} {series}" + (f" [{','.join(q.types)}]" if q.types else "")
    fitted, history = fit_window(data)  # complete, covered periods only
    try:
        if run_backtest:
            result = backtest(history, horizon, by, origins=origins, series=label)
            if as_json:
                sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
                return
            table = Table(title=f"Backtest {label}")
            for k, v in result.to_dict().items():
                table.add_row(k, str(v))
            console.print(table)
            return
        fc = fit_forecast(history, horizon, by)
    except DiplographError as err:
        raise _fail(err) from err
    start = fitted[-1] if fitted else data.periods[-1]
    future = period_range(start, shift_period(start, by, horizon), by)[1:]
    rows = [
        {
            "period": p,
            "forecast": round(fc.mean[i], 2),
            "lo80": round(fc.lo80[i], 2),
            "hi80": round(fc.hi80[i], 2),
            "lo95": round(fc.lo95[i], 2),
            "hi95": round(fc.hi95[i], 2),
        }
        for i, p in enumerate(future)
    ]
    if out is not None:
        from diplograph.analysis.charts import render_chart

        render_chart(data, out, f"{label} forecast ({fc.model})", fc, after=start)
        err_console.print(f"wrote {out}")
    if as_json:
        payload = {"series": label, "model": fc.model, "by": by, "forecast": rows}
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    table = Table(title=f"Forecast {label} · {fc.model} · last observed {start}")
    for col in ("period", "forecast", "lo80", "hi80", "lo95", "hi95"):
        table.add_column(col, justify="right")
    for r in rows:
        table.add_row(*[str(v) for v in r.values()])
    console.print(table)


def outlook(
    country: CountryOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Rank with data before this month, YYYY-MM [end of history]."),
    ] = None,
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="How many partners.")] = 10,
    sources: SourcesOpt = "extracted,imported",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    db: DbOpt = None,
) -> None:
    """Rank a country's partners by the signals that preceded its past partnership upgrades.

    Signals over the 24 months before --as-of: high-level visits, agreements, calls, the
    cooperation balance and momentum against the 36 months before; score = mean percentile.
    Partners already at the top tier are left out. Backtested on the dated upgrades of the
    bundled reference table (hit rate at k=3/5 against chance and volume-only ranking, misses
    shown). It tells who is being courted, not whether or when an upgrade will happen.

    Example: diplograph outlook --country VNM --as-of 2013-06 --top 5
    """
    from diplograph.analysis.outlook import (
        CAVEATS,
        TierBook,
        backtest_outlook,
        history_end,
        month_index,
        outlook_cells,
        rank_partners,
    )
    from diplograph.analysis.trends import DATASETS, ORIGINS

    if not country:
        raise _fail(ValueError("--country is required"), 2)
    origins = tuple(s.strip().lower() for s in sources.split(",") if s.strip())
    if not origins or any(o not in ORIGINS + DATASETS for o in origins):
        raise _fail(ValueError(f"unknown --sources {sources!r}"), 2)
    if as_of is not None:
        try:
            month_index(as_of)
        except ValueError as err:
            raise _fail(err, 2) from err
    code = country.upper()
    store = _store(db)
    cells = outlook_cells(store, code, origins)
    cutoff = as_of or history_end(cells, code)
    ranking = rank_partners(cells, code, cutoff, TierBook(code, store)) if cutoff else None
    bt = backtest_outlook(store, code, origins, cells=cells)
    # experimental unless it beats ranking by event volume alone in its own backtest (#18)
    rate3, vol3 = bt.hit_rate(3), bt.volume_hit_rate(3)
    if rate3 is None or vol3 is None:
        warning = "EXPERIMENTAL: no backtest on this store's history; read it as a list to watch."
    elif rate3 <= vol3:
        warning = (
            "EXPERIMENTAL: in its backtest this ranking put the next upgraded partner in its top "
            f"3 {rate3:.0%} of the time, ranking by event volume alone {vol3:.0%}; read it as a "
            "list to watch, not a prediction."
        )
    else:
        warning = ""
    experimental = bool(warning)
    if as_json:
        payload = {
            **(ranking.to_dict(top) if ranking else {"country": code, "ranking": []}),
            "experimental": experimental,
            "warning": warning or None,
            "backtest": bt.to_dict(),
            "caveats": list(CAVEATS),
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    if ranking is None or not ranking.ranking:
        console.print(
            f"[yellow]No event history for {escape(code)} before "
            f"{escape(cutoff or 'now')}.[/yellow] Import history with "
            "[bold]diplograph import-events[/bold] or ingest articles."
        )
    else:
        table = Table(
            title=f"{code} partners as of {ranking.as_of} "
            f"(data before it; {len(ranking.ranking)} candidates)"
        )
        for col in ("#", "partner", "tier", "score", "events", "visits", "agree", "calls"):
            table.add_column(col, justify="left" if col in {"partner", "tier"} else "right")
        table.add_column("balance", justify="right")
        table.add_column("momentum", justify="right")
        for p in ranking.ranking[:top]:
            table.add_row(
                str(p.rank), p.partner, p.tier or "", f"{p.score:.2f}", str(p.events),
                str(p.visits), str(p.agreements), str(p.calls), f"{p.balance:+.2f}",
                f"{p.momentum:+.2f}",
            )  # fmt: skip
        console.print(table)
    if warning:
        console.print(f"[bold yellow]{escape(warning)}[/bold yellow]")
    console.print(
        f"[bold]Backtest[/bold] on {len(bt.scored)} of {len(bt.checks)} reference upgrades "
        "of " + code + " (the rest lack stored history before them)"
    )
    for k in bt.ks:
        rate, vol, chance = bt.hit_rate(k), bt.volume_hit_rate(k), bt.chance_rate(k)
        if rate is None or vol is None or chance is None:
            continue
        misses = ", ".join(
            f"{c.upgrade.partner} {c.upgrade.date} (rank {c.rank or '-'}/{c.candidates})"
            for c in bt.misses(k)
        )
        console.print(
            f"  top {k}: {rate:.0%} hit (volume only {vol:.0%}, chance {chance:.0%}); "
            f"misses: {escape(misses) or 'none'}"
        )
    console.print("[dim]" + escape(" ".join(CAVEATS)) + "[/dim]")
