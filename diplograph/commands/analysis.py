"""Answers, reviews and contradictions: ``ask``, ``review`` and ``conflicts`` (issue 6)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from diplograph.commands import actor_code, iso_date
from diplograph.errors import DiplographError
from diplograph.store import Filters, Store

console = Console()
err_console = Console(stderr=True)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="DIPLOGRAPH_DB", help="SQLite database file [default: ./diplograph.db]."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def register(app: typer.Typer) -> None:
    """Attach ``ask``, ``review`` and ``conflicts`` to the main CLI."""
    app.command()(ask)
    app.command()(review)
    app.command()(conflicts)


def _store(db: str | None) -> Store:
    from diplograph.settings import get_settings
    from diplograph.store import open_existing_store

    try:
        return open_existing_store(get_settings(db=db).db)
    except DiplographError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2 if err.code == "D407" else 1) from err


def ask(
    question: Annotated[str, typer.Argument(help="A factual question in English.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Answer a factual question from the store, with the evidence sentence(s).

    Who, what, when, where, how many, which tier: the answer is a short span of a stored
    sentence or a stored record, cited with document and offsets. The confidence is calibrated
    on held-out questions. With no supporting sentence the answer is "I don't know" (null in
    JSON, with the nearest sentences); nothing is guessed. Exit code 1 when there is no answer.

    Example: diplograph ask "When did Vietnam and the US upgrade their ties?" --json
    """
    from diplograph.query.ask import answer

    result = answer(_store(db), question)
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    elif result.answer is None:
        console.print("[yellow]I don't know:[/yellow] no stored sentence answers this question.")
        for ev in result.nearest:
            console.print(f"  nearest: [cyan]{escape(ev['doc'])}[/cyan] {escape(ev['sentence'])}")
    else:
        console.print(f"[bold]{escape(result.answer)}[/bold]  (confidence {result.confidence:.2f})")
        for ev in result.evidence:
            console.print(f"  [cyan]{escape(ev['doc'])}[/cyan] {escape(ev['sentence'])}")
    if result.answer is None:
        raise typer.Exit(1)


def review(
    country: Annotated[
        str,
        typer.Option(
            "--country", "-c", callback=actor_code, help="Country (name or code), e.g. VNM."
        ),
    ],
    period: Annotated[
        str, typer.Option("--period", help="YYYY, YYYY-Qn, YYYY-MM or A..B, e.g. 2023-Q1..2023-Q3.")
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="md, html or pdf (pdf needs --out and Chromium).")
    ] = "md",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
    db: DbOpt = None,
) -> None:
    """Write a foreign-relations review of one country for a period, every number cited.

    Headline counts (visits abroad and received, calls, agreements, tier upgrades, elections,
    evacuations, aid) come from canonical events: an event several articles report counts
    once; visits are split by level where the visitor's role is known. A summary built from
    those counts, a comparison with the period of the same length before, sections by region
    and partner, multilateral work, tier changes, citizens brought home, and the sources
    (outlet, URL, date). Each [n] links to the cited sentence on the dashboard's document page.
    Aggregates stated by sources are shown beside our counts. HTML and PDF add charts. PDF is
    printed by headless Chromium (install it with scripts/install-chromium), with a table of
    contents and page numbers.

    Example: diplograph review --country VNM --period 2023 --format pdf --out review.pdf
    """
    from diplograph.reports.render import render_review
    from diplograph.reports.review import build_review

    if fmt == "pdf" and out is None:
        err_console.print("[red]error[/red] [D424] --format pdf needs --out FILE.pdf")
        raise typer.Exit(2)
    try:
        result = build_review(_store(db), country, period)
        text = "" if fmt == "pdf" else render_review(result, fmt)
    except DiplographError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2) from err
    if fmt == "pdf" and out is not None:
        from diplograph.reports.pdf import write_review_pdf

        try:
            write_review_pdf(result, out)
        except DiplographError as err:
            err_console.print(f"[red]error[/red] {escape(str(err))}")
            raise typer.Exit(1) from err
        console.print(f"wrote {out}")
    elif out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out}")


def conflicts(
    db: DbOpt = None,
    country: Annotated[
        str | None,
        typer.Option("--country", "-c", callback=actor_code, help="Only records of this actor."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", callback=iso_date, help="Earliest date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", callback=iso_date, help="Latest date (inclusive).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List disagreements between sources, each with both evidence sentences.

    Different values for the same indicator, subject and period (qualifiers such as "over"
    and "nearly" respected); different dates or places for the same event; different tiers
    for the same pair at the same time; a tier upgrade reported by more than one sentence
    (tier_double_count: a count of records would count it twice, reviews count it once).

    Example: diplograph conflicts --country VNM --since 2023 --json
    """
    from diplograph.query.conflicts import find_conflicts

    found = find_conflicts(_store(db), Filters(country=country, since=since, until=until))
    if as_json:
        sys.stdout.write(
            json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2) + "\n"
        )
        return
    if not found:
        console.print("[green]No conflicts found.[/green]")
        return
    table = Table(title=f"Conflicts ({len(found)})", show_lines=True)
    for col in ("kind", "about", "values", "evidence"):
        table.add_column(col, overflow="fold")
    for c in found:
        ev = "\n".join(f"{e['doc']}: {e['sentence']}" for e in c.evidence)
        table.add_row(c.kind, escape(c.subject), escape(" vs ".join(c.values)), escape(ev))
    console.print(table)
