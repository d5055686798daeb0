"""Corpus and model commands: ``corpus-check``, ``train`` and ``eval-split``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

console = Console()
err_console = Console(stderr=True)


def corpus_check(
    root: Annotated[Path, typer.Argument(help="Corpus root or one split folder.")] = Path("corpus"),
) -> None:
    """Validate every label of the corpus (sentence in text, codes, types, units, dates).

    Example: diplograph corpus-check corpus
    """
    from diplograph.corpus.validate import main

    if not root.exists():
        err_console.print(f"[red]error[/red] no corpus at {root}; pass the corpus folder")
        raise typer.Exit(2)
    raise typer.Exit(main([str(root)]))


def train(
    out: Annotated[
        Path | None, typer.Option("--out", help="Model folder (default: the package's).")
    ] = None,
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Corpus root (default: corpus/).")
    ] = None,
    external: Annotated[
        bool,
        typer.Option(
            "--external",
            help="Also learn from the relabelled ConfliBERT train and PLOVER sentences (text read "
            "from ../shared; the ConfliBERT test part stays a test).",
        ),
    ] = False,
    encoder: Annotated[
        bool,
        typer.Option(
            "--encoder",
            help="Also fine-tune the MiniLM sentence encoder (needs requirements/encoder*.txt; "
            "~15 min on 2 cores).",
        ),
    ] = False,
) -> None:
    """Rebuild the event deciders from corpus/train with a fixed seed (CPU, minutes).

    Example: diplograph train
    Example: diplograph train --encoder
    """
    try:
        import sklearn  # noqa: F401
    except ImportError:
        err_console.print("[red]error[/red] training needs scikit-learn: pip install -e '.[train]'")
        raise typer.Exit(2) from None
    from diplograph.corpus.splits import Split, corpus_root, load_split
    from diplograph.learn.decider import MODEL_DIR
    from diplograph.learn.examples import collect, examples_for
    from diplograph.learn.train import EVENT_TRAINING_EXCLUDE, event_training_pairs, train_all

    root = corpus or corpus_root()
    parts = ((root / "train" / "news", root / "train" / "gold"),)
    split = Split("train", parts)
    if not split.available():
        err_console.print(f"[red]error[/red] no training split at {root / 'train'}")
        raise typer.Exit(2)
    console.print(f"reading {root / 'train'} …")
    collected = collect(event_training_pairs(load_split(split)))
    console.print(f"batches {', '.join(EVENT_TRAINING_EXCLUDE)} left out (learn/train.py)")
    examples = collected.examples
    info: dict[str, Any] = {"external": False}
    if external:
        from diplograph.corpus.external import conflibert_pairs, external_available, plover_pairs

        if not external_available():
            console.print("[yellow]../shared/external-benchmarks absent: external data skipped")
        else:
            extra = examples_for([*conflibert_pairs("train"), *plover_pairs()])
            console.print(f"added {len(extra)} relabelled ConfliBERT train and PLOVER sentences")
            examples += extra
            info["external"] = True
    version = train_all(
        examples, out or MODEL_DIR, progress=console.print, info=info, tiers=collected.tiers
    )
    console.print(f"model version {version}")
    if encoder:
        from diplograph.learn.encoder_train import train_encoder

        try:
            enc = train_encoder(
                [e for e in examples if not e.doc.startswith(("conflibert", "plover"))],
                (out or MODEL_DIR) / "encoder",
                progress=console.print,
            )
        except RuntimeError as err:
            err_console.print(f"[red]error[/red] {err}")
            raise typer.Exit(2) from None
        console.print(f"encoder version {enc}")


def eval_split(
    split: Annotated[
        list[str],
        typer.Option(
            "--split",
            "-s",
            help="train, heldback, dev, check or event-holdout (training batches kept out of "
            "the event model).",
        ),
    ],
    rules_only: Annotated[
        bool, typer.Option("--rules-only", help="Score the rules without the trained model.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Extract and score a named split in memory, by the rules of EVAL.md.

    Example: diplograph eval-split --split heldback --split check
    """
    from diplograph.corpus.splits import get_split, load_split, run_split
    from diplograph.errors import DiplographError
    from diplograph.evaluation import score
    from diplograph.extract import DEFAULT_DECIDER, extract
    from diplograph.extract.pipeline import build_nlp

    nlp = build_nlp()
    decider = None if rules_only else DEFAULT_DECIDER
    results = {}
    for name in split:
        try:
            sp = get_split(name)
        except DiplographError as err:
            err_console.print(f"[red]error[/red] {err}")
            raise typer.Exit(2) from err
        if not sp.available():
            err_console.print(f"[yellow]skipped[/yellow] {name}: folders not found ({sp.parts})")
            continue
        gold, recs = run_split(load_split(sp), lambda d: extract(d, nlp=nlp, decider=decider))
        results[name] = score(gold, **recs)
    if as_json:
        sys.stdout.write(json.dumps({k: v.to_dict() for k, v in results.items()}, indent=2))
        sys.stdout.write("\n")
        return
    table = Table(title="F1 by split (P/R in JSON)")
    table.add_column("level")
    for name in results:
        table.add_column(f"{name} ({results[name].documents})", justify="right")
    levels = next(iter(results.values())).levels if results else []
    for i, lv in enumerate(levels):
        table.add_row(lv.level, *(f"{r.levels[i].f1:.3f}" for r in results.values()))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Attach the corpus and model commands to the main CLI."""
    app.command(name="corpus-check")(corpus_check)
    app.command()(train)
    app.command(name="eval-split")(eval_split)
    app.command()(explain)


def explain(
    sentence: Annotated[str, typer.Argument(help="The sentence to explain.")],
    context: Annotated[
        Path | None, typer.Option("--context", help="A text file read before the sentence.")
    ] = None,
    home: Annotated[str, typer.Option("--home", help="Home country code for 'we'.")] = "VNM",
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date YYYY-MM-DD.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show how a sentence becomes events: actors, rule candidates, model scores, decisions.

    Example: diplograph explain "Vietnam summoned the Chinese ambassador." --published 2024-05-02
    """
    from diplograph.learn.decider import default_decider
    from diplograph.query.explain import explain_sentence

    if context is not None and not context.is_file():
        err_console.print(f"[red]error[/red] no context file at {context}")
        raise typer.Exit(2)
    if default_decider() is None:
        err_console.print("[yellow]no trained model installed: rules only[/yellow]")
    out = explain_sentence(
        sentence, context.read_text(encoding="utf-8") if context else "", home, published
    )
    if as_json:
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return
    console.print("[bold]actors[/bold]")
    for a in out["actors"]:
        console.print(f"  {a['text']!r} {a['label']} → {a['code']} {a['person'] or ''}")
    for d in out["decisions"]:
        console.print(f"[bold]sentence {d['sent_idx']}[/bold]")
        console.print("  rule candidates: " + ("; ".join(d["rule_events"]) or "none"))
        console.print("  type scores: " + ", ".join(f"{k} {v:.2f}" for k, v in d["types"].items()))
        for etype, roles in d["roles"].items():
            cells = ", ".join(
                f"{code} src {r['source']:.2f} tgt {r['target']:.2f}" for code, r in roles.items()
            )
            console.print(f"  roles for {etype}: {cells}")
        for etype, pairs in d.get("pairs", {}).items():
            cells = ", ".join(f"{pair} {q:.2f}" for pair, q in pairs.items())
            console.print(f"  pairs for {etype}: {cells}")
        for k in d["kept"]:
            console.print(f"  [green]kept[/green] {k}")
        for k in d["dropped"]:
            console.print(f"  [red]dropped[/red] {k}")
    console.print("[bold]events[/bold]")
    for e in out["events"]:
        console.print(
            f"  {e['type']} {e['source']}→{e['target']} {e['date']} "
            f"({e['confidence']:.2f}, {e['produced_by']})"
        )
