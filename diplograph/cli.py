"""Command-line interface (Typer + Rich). Thin: parse options, call the library, print.

Exit codes: 0 ok, 1 some items failed (or a Diplograph error), 2 usage error.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from diplograph import DEFAULT_DB, __version__
from diplograph.commands import actor_code, event_type, iso_date
from diplograph.errors import DiplographError
from diplograph.query.downloads import COLUMNS as DOWNLOAD_COLUMNS
from diplograph.query.downloads import WIKIDATA_COLUMNS, project
from diplograph.store import Filters, Store, open_existing_store, open_store

if TYPE_CHECKING:  # pydantic-settings loads only when a command needs settings (start-up)
    from diplograph.settings import Settings


def get_settings(**overrides: Any) -> Settings:
    """The settings, imported on first use."""
    from diplograph.settings import get_settings as load

    return load(**overrides)


app = typer.Typer(
    name="diplograph",
    help="Turn diplomatic news into a verified, queryable record of foreign relations.\n\n"
    "Example: diplograph ingest articles/ && diplograph events --country VNM --type VISIT",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="DIPLOGRAPH_DB",
        help="SQLite file or postgresql:// URL [default: ./diplograph.db].",
    ),
]
CountryOpt = Annotated[
    str | None,
    typer.Option(
        "--country",
        "-c",
        callback=actor_code,
        help="Country or organisation: a name in any common spelling or a code (VNM, Viet Nam).",
    ),
]
PartnerOpt = Annotated[
    str | None,
    typer.Option(
        "--partner", "-p", callback=actor_code, help="Other actor of the pair, e.g. USA or 'U.S.'."
    ),
]
TypeOpt = Annotated[
    str | None, typer.Option("--type", "-t", help="Event type / indicator / tier level.")
]
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", callback=iso_date, help="Earliest date, YYYY[-MM[-DD]]."),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", callback=iso_date, help="Latest date, YYYY[-MM[-DD]] (inclusive)."),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
JsonAlias = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="Maximum rows.")]


def _settings(db: str | None) -> Settings:
    return get_settings(db=db)


def _store(db: str | None, create: bool = False) -> Store:
    """The store of ``--db``; read commands refuse one that does not exist (exit 2).

    ``--db`` already reads DIPLOGRAPH_DB, so a query needs no settings object (start-up).
    """
    try:
        url = db or DEFAULT_DB
        return open_store(url) if create else open_existing_store(url)
    except DiplographError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2 if err.code == "D407" else 1) from err


# Every column of each listing's rows, in order: CSV output has these whatever the row
# count (the same columns as the dashboard's and the API's CSV downloads).
CSV_FIELDS: dict[str, list[str]] = {
    **{kind.capitalize(): list(cols) for kind, cols in DOWNLOAD_COLUMNS.items()},
    "Results": list(DOWNLOAD_COLUMNS["search"]),
    "Failures": "id run_id item code message at".split(),
}


WideOpt = Annotated[
    bool, typer.Option("--wide", help="Show every cell in full (wrapped), however wide.")
]
_ID_COLUMNS = ("id", "doc_id")  # never cut: `show` needs them whole


def _emit(
    rows: list[dict[str, Any]], fmt: str, columns: list[str], title: str, wide: bool = False
) -> None:
    if fmt in ("json", "csv") and title.lower() in WIKIDATA_COLUMNS:
        rows = project(title.lower(), rows)  # the downloads' columns, Wikidata ids included
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        buf = io.StringIO()
        fields = CSV_FIELDS.get(title) or (list(rows[0]) if rows else columns)
        w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return
    if fmt != "table":
        err_console.print(f"[red]error[/red] unknown --format {fmt!r}: use table, json or csv")
        raise typer.Exit(2)
    if not rows:
        console.print(
            f"[yellow]No {title.lower()} match.[/yellow] Ingest documents with "
            "[bold]diplograph ingest PATH[/bold] or loosen the filters."
        )
        return
    table = Table(title=f"{title} ({len(rows)})", show_lines=wide)
    text_cols = ("sentence", "snippet", "title", "message", "item")
    widths = {
        c: max([len(_HEADERS.get(c, c))] + [len(_shown(c, r.get(c))) for r in rows])
        for c in columns
        if c not in text_cols
    }
    for c in widths:
        if c not in _ID_COLUMNS and not wide:
            widths[c] = min(24, widths[c])
    out = Console(width=max(console.width, 150)) if not console.is_terminal else console
    room = max(30, out.width - sum(w + 3 for w in widths.values()) - 4)
    for c in columns:
        header = _HEADERS.get(c, c)
        if c in text_cols and wide:
            table.add_column(header, overflow="fold", ratio=1, min_width=30)
        elif c in text_cols:
            table.add_column(header, overflow="ellipsis", no_wrap=True, max_width=room)
        else:  # ids keep their full width; other short columns are cut at 24 unless --wide
            table.add_column(
                header, no_wrap=True, min_width=widths[c], max_width=widths[c], overflow="ellipsis"
            )
    if wide:
        out = Console(width=max(out.width, sum(w + 3 for w in widths.values()) + 40))
    for r in rows:
        table.add_row(*[escape(_shown(c, r.get(c))) for c in columns])
    out.print(table)


_HEADERS = {"doc_id": "doc", "source_code": "source", "target_code": "target"}


_ACTOR_COLUMNS = ("source_code", "target_code", "a", "b", "subject")


def _shown(column: str, value: object) -> str:
    """A table cell; actor codes get their name beside them ("JPN Japan")."""
    text = _cell(value)
    if column in _ACTOR_COLUMNS and text:
        from diplograph.query.names import display

        name = display(text)
        return f"{text} {name}" if name != text else text
    return text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.10g}"
    return str(value)


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    if version:
        console.print(f"diplograph {__version__}")
        raise typer.Exit(0)


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, http(s) URLs, or - for stdin.")
    ],
    db: DbOpt = None,
    home: Annotated[
        str | None, typer.Option(envvar="DIPLOGRAPH_HOME", help="Home country for 'we' [VNM].")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Extract in N local processes."),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Extract on a Dask cluster: tcp://host:8786 or 'local'."),
    ] = None,
) -> None:
    """Read documents, extract events/figures/relations and store them.

    Formats: .txt (three layouts), .html/.htm, .jsonl, .json, .rss/.atom/.xml feeds; a URL is
    fetched (20 s timeout, 5 redirects, size limit) and read by its content type.
    Re-running is safe: unchanged documents are skipped as duplicates; a changed document
    replaces the stored one and the old version is kept in document_versions.

    Example: diplograph ingest ../shared/corpus/news "feeds/*.rss" --db news.db
    Example: diplograph ingest https://example.org/news/article.html --db news.db
    (parallel: --workers 2; on a cluster: --dask tcp://scheduler:8786)
    """
    from diplograph.ingest import expand_paths
    from diplograph.jobs import ingest_documents

    settings = get_settings(db=db, home=home)
    store = _store(settings.db, create=True)
    files = [p for p in expand_paths(paths) if not isinstance(p, DiplographError)]
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=max(1, len(files)))
        seen_files: set[str] = set()

        def on_item(item: str, status: str) -> None:
            f = item.split("#")[0].split("[")[0]
            f = f.rsplit(":", 1)[0] if f.rsplit(":", 1)[-1].isdigit() else f
            if status == "failed":
                progress.console.print(f"[red]failed[/red] {escape(item)}")
            if f not in seen_files:
                seen_files.add(f)
                progress.update(
                    task,
                    completed=min(len(seen_files), len(files)),
                    description=escape(Path(f).name[:40]),
                )

        if workers or dask:
            from diplograph.batch import run_batch

            summary = run_batch(
                paths, store, settings, workers=workers or 1, dask=dask, on_item=on_item
            )
        else:
            summary = ingest_documents(paths, store, settings, on_item=on_item)
    for err in summary.errors:
        err_console.print(f"[red]✗[/red] {escape(str(err))}")
    table = Table(title="Ingest summary")
    for col in ("new", "updated", "duplicate", "failed", "events", "figures", "relations"):
        table.add_column(col, justify="right")
    d = summary.as_dict()
    table.add_row(
        *[
            str(d[k])
            for k in ("new", "updated", "duplicate", "failed", "events", "figures", "relations")
        ]
    )
    console.print(table)
    for note in summary.language_notes():
        err_console.print(f"[yellow]note[/yellow] {note}")
    if summary.failed:
        err_console.print(f"{summary.failed} item(s) failed; see [bold]diplograph failures[/bold].")
        raise typer.Exit(1)


@app.command()
def watch(
    feeds: Annotated[Path, typer.Argument(help="Text file: one feed or page URL per line.")],
    db: DbOpt = None,
    every: Annotated[
        str, typer.Option("--every", help="Interval between polls: 30s, 15m, 2h.")
    ] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
) -> None:
    """Poll RSS/Atom feeds and pages, fetching only what changed, and ingest new items.

    Sends If-None-Match / If-Modified-Since from the last poll (kept in FEEDS.state.json);
    a feed that fails is reported and retried next time. Stop with Ctrl-C.

    Example: diplograph watch feeds.txt --every 15m --db news.db
    """
    from diplograph.errors import ConfigError
    from diplograph.ingest.watch import PollReport, Watcher, parse_every, read_feed_list

    try:
        every_s = parse_every(every)
        urls = read_feed_list(feeds)
    except ConfigError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2) from None
    settings = get_settings(db=db)
    store = _store(settings.db, create=True)
    watcher = Watcher(urls, store, settings, state_path=feeds.with_name(feeds.name + ".state.json"))

    def report(r: PollReport) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        s = r.summary
        console.print(
            f"{stamp} polled {len(urls)} URL(s): {r.added} new or updated, "
            f"{s.duplicate} already stored, {len(r.unchanged)} unchanged, {len(r.failed)} failed; "
            f"{s.events} events, {s.figures} figures"
        )
        for url, why in r.failed.items():
            err_console.print(f"[yellow]failed[/yellow] {escape(url)}: {escape(why)}")

    try:
        watcher.run(every_s, report, polls=1 if once else None)
    except KeyboardInterrupt:
        console.print("stopped")


@app.command()
def reextract(
    db: DbOpt = None,
    force: Annotated[
        bool, typer.Option("--all", help="Re-extract every document, stale or not.")
    ] = False,
) -> None:
    """Recompute records of documents extracted by an older extractor version hash.

    Example: diplograph reextract --db news.db
    """
    from diplograph.jobs import reextract_all

    settings = _settings(db)
    store = _store(settings.db)
    summary = reextract_all(store, settings, force=force)
    console.print(
        f"re-extracted {summary.updated} documents ({summary.duplicate} already current): "
        f"{summary.events} events, {summary.figures} figures, {summary.relations} relations"
    )
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def docs(
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: FormatOpt = "table",
    as_json: JsonAlias = False,
    limit: LimitOpt = 200,
    wide: WideOpt = False,
) -> None:
    """List stored documents with their record counts.

    Example: diplograph docs --since 2023 --format json
    """
    fmt = "json" if as_json else fmt
    rows = _store(db).documents(Filters(since=since, until=until, limit=limit))
    cols = ["id", "published", "title", "events", "figures", "relations"]
    _emit(rows, fmt, cols, "Documents", wide)


EventTypeOpt = Annotated[
    str | None,
    typer.Option("--type", "-t", callback=event_type, help="Event type, e.g. VISIT (any case)."),
]


@app.command()
def events(
    db: DbOpt = None,
    country: CountryOpt = None,
    partner: PartnerOpt = None,
    type: EventTypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: FormatOpt = "table",
    as_json: JsonAlias = False,
    limit: LimitOpt = 200,
    wide: WideOpt = False,
) -> None:
    """List extracted events.

    Example: diplograph events --country VNM --partner USA --type VISIT --since 2023
    """
    fmt = "json" if as_json else fmt
    rows = _store(db).events(Filters(country, partner, type, since, until, limit=limit))
    _emit(
        rows,
        fmt,
        ["doc_id", "type", "source_code", "target_code", "date", "status", "sentence"],
        "Events",
        wide,
    )


@app.command()
def figures(
    db: DbOpt = None,
    country: CountryOpt = None,
    type: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: FormatOpt = "table",
    as_json: JsonAlias = False,
    limit: LimitOpt = 200,
    wide: WideOpt = False,
) -> None:
    """List extracted figures (numbers). --type filters on the indicator.

    Example: diplograph figures --country VNM --type trade_value
    """
    fmt = "json" if as_json else fmt
    rows = _store(db).figures(Filters(country, None, type, since, until, limit=limit))
    _emit(
        rows,
        fmt,
        ["doc_id", "indicator", "value", "unit", "qualifier", "period", "subject", "sentence"],
        "Figures",
        wide,
    )


@app.command()
def relations(
    db: DbOpt = None,
    country: CountryOpt = None,
    partner: PartnerOpt = None,
    type: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: FormatOpt = "table",
    as_json: JsonAlias = False,
    limit: LimitOpt = 200,
    wide: WideOpt = False,
) -> None:
    """List relationship tiers found in documents. --type filters on the level.

    Example: diplograph relations --country VNM --type "comprehensive strategic partnership"
    """
    fmt = "json" if as_json else fmt
    rows = _store(db).relations(Filters(country, partner, type, since, until, limit=limit))
    cols = ["doc_id", "a", "b", "level", "status", "date", "sentence"]
    _emit(rows, fmt, cols, "Relations", wide)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words or "a phrase".')],
    db: DbOpt = None,
    country: CountryOpt = None,
    partner: PartnerOpt = None,
    type: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: FormatOpt = "table",
    as_json: JsonAlias = False,
    limit: LimitOpt = 20,
) -> None:
    """Full-text search over sentences, ranked by BM25, with highlighted snippets.

    Example: diplograph search "comprehensive strategic partnership" --country VNM
    """
    fmt = "json" if as_json else fmt
    rows = _store(db).search(query, Filters(country, partner, type, since, until, limit=limit))
    if fmt != "table":
        _emit(rows, fmt, list(rows[0]) if rows else ["doc_id"], "Results")
        return
    if not rows:
        console.print("[yellow]No matches.[/yellow] Try fewer words or check `diplograph stats`.")
        return
    for r in rows:
        snippet = Text()
        for i, part in enumerate(r["snippet"].replace("]", "[").split("[")):
            snippet.append(part, style="bold yellow" if i % 2 else "")
        console.print(Text(f"{r['doc_id']} #{r['idx']} ", style="cyan"), snippet)


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id (file stem or record id).")],
    db: DbOpt = None,
) -> None:
    """Show one document with its extractions highlighted.

    Example: diplograph show 001
    """
    store = _store(db)
    row = store.get_document(doc)
    if row is None:
        err_console.print(f"[red]error[/red] no document {doc!r}; list them with `diplograph docs`")
        raise typer.Exit(1)
    console.rule(escape(row["title"] or row["id"]))
    console.print(
        f"id {row['id']} · published {row['published'] or 'unknown'} · "
        f"{escape(row['outlet'] or '')} · version {row['version']}"
    )
    f = Filters(doc=doc)
    evs = [e for e in store.events(f) if e["doc_id"] == doc]
    figs = [x for x in store.figures(f) if x["doc_id"] == doc]
    rels = [x for x in store.relations(f) if x["doc_id"] == doc]
    by_sent: dict[int, list[str]] = {}
    for e in evs:
        by_sent.setdefault(e["sent_idx"], []).append(
            f"[green]{e['type']}[/green] {e['source_code']}→{e['target_code']} {e['date'] or ''}"
        )
    for x in figs:
        by_sent.setdefault(x["sent_idx"], []).append(
            f"[blue]{x['indicator']}[/blue]={x['value']:g} {x['unit']}"
        )
    for x in rels:
        by_sent.setdefault(x["sent_idx"], []).append(
            f"[magenta]{x['level']}[/magenta] {x['a']}–{x['b']}"
        )
    for s in store.sentences(doc):
        marks = by_sent.get(s["idx"])
        style = "bold" if marks else "dim"
        console.print(Text(s["text"], style=style))
        if marks:
            console.print("   ↳ " + " · ".join(marks))


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="eval, jsonl, csv or parquet.")
    ] = "eval",
    db: DbOpt = None,
) -> None:
    """Export records. `eval` writes exactly events/figures/relations.jsonl of EVAL.md.

    Example: diplograph export --format eval --out out/
    """
    from diplograph.export import export_store

    try:
        files = export_store(_store(db), fmt, out)
    except DiplographError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2 if err.code == "D402" else 1) from err
    for f in files:
        console.print(f"wrote {f}")


@app.command(name="eval")
def eval_(
    gold: Annotated[
        list[Path] | None,
        typer.Option("--gold", "-g", help="Gold folder(s) of <doc>.json files."),
    ] = None,
    split: Annotated[
        list[str] | None,
        typer.Option(
            "--split", "-s", help="Extract and score a named split: train, heldback, dev, check."
        ),
    ] = None,
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score the store against gold labels by the rules of EVAL.md (P/R/F1 per level/type).

    With --split, extract the split's articles in memory and score them (no store needed).

    Example: diplograph eval --gold ../shared/corpus/news-gold --gold ../shared/corpus/seeds-gold
    Example: diplograph eval --split heldback --split check
    """
    from diplograph.evaluation import load_gold, score
    from diplograph.export import eval_records

    if split:
        from diplograph.commands.corpus import eval_split

        eval_split(split, as_json=as_json)
        return
    if not gold:
        err_console.print("[red]error[/red] give --gold FOLDER or --split NAME")
        raise typer.Exit(2)

    golds: dict[str, Any] = {}
    for g in gold:
        if not g.is_dir():
            err_console.print(f"[red]error[/red] gold folder {g} does not exist")
            raise typer.Exit(2)
        golds.update(load_gold(g))
    recs = eval_records(_store(db))
    report = score(golds, recs["events"], recs["figures"], recs["relations"])
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
        return
    table = Table(title=f"Scores on {report.documents} gold documents")
    for c in ("level", "tp", "pred", "gold", "P", "R", "F1"):
        table.add_column(c, justify="right" if c != "level" else "left")
    for lv in report.levels:
        table.add_row(
            lv.level,
            str(lv.tp),
            str(lv.predicted),
            str(lv.gold),
            f"{lv.precision:.3f}",
            f"{lv.recall:.3f}",
            f"{lv.f1:.3f}",
        )
    console.print(table)
    t2 = Table(title="events.type+actors by type")
    for c in ("type", "tp", "pred", "gold", "P", "R", "F1"):
        t2.add_column(c, justify="right" if c != "type" else "left")
    for name, lv in sorted(report.by_type.items()):
        t2.add_row(
            name,
            str(lv.tp),
            str(lv.predicted),
            str(lv.gold),
            f"{lv.precision:.3f}",
            f"{lv.recall:.3f}",
            f"{lv.f1:.3f}",
        )
    console.print(t2)


@app.command()
def stats(db: DbOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Counts of documents, sentences and records in the store.

    `events` counts event records; `canonical_events` counts real-world events (records
    from several documents that report the same event count once), both also by type.

    Example: diplograph stats --json
    """
    from diplograph.query.canonical import stats_with_canonical

    s = stats_with_canonical(_store(db))
    if as_json:
        sys.stdout.write(json.dumps(s, indent=2) + "\n")
        return
    table = Table(title="Store")
    table.add_column("what")
    table.add_column("count", justify="right")
    for k, v in s.items():
        if not k.endswith("events_by_type"):
            table.add_row(k, str(v))
    for k, v in s["events_by_type"].items():
        table.add_row(f"  events: {k}", str(v))
    for k, v in s["canonical_events_by_type"].items():
        table.add_row(f"  canonical events: {k}", str(v))
    console.print(table)


@app.command()
def failures(
    db: DbOpt = None, limit: LimitOpt = 100, fmt: FormatOpt = "table", as_json: JsonAlias = False
) -> None:
    """Items that could not be ingested, with the reason and error code.

    Example: diplograph failures --limit 20
    """
    fmt = "json" if as_json else fmt
    rows = _store(db).failures(limit)
    _emit(rows, fmt, ["at", "code", "item", "message"], "Failures")


from diplograph.commands import register_all  # noqa: E402

register_all(app)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except DiplographError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        sys.exit(1)
