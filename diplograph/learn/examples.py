"""Training examples: the sentences the extractor sees, aligned with gold events and tiers.

A ``Recorder`` runs in place of the decider and keeps every sentence's ``UnitView`` and its
tier phrases. ``align`` then labels each view with the gold event types of its sentence and each
candidate actor with its gold role, using the scorer's sentence-matching rule; each sentence
with a tier phrase gets the gold (pair, level) keys of its sentence (``TierExample``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diplograph.evaluation import SYMMETRIC_TYPES, sentences_match
from diplograph.extract import extract
from diplograph.extract.events import UnitContext
from diplograph.extract.pipeline import build_nlp
from diplograph.extract.relations import TierReading
from diplograph.learn.features import UnitView
from diplograph.learn.tiers import TierUnit, gold_keys, tier_key
from diplograph.models import Actor, Document, Event, Relation


@dataclass
class Recorder:
    """A decider that changes nothing and records every sentence it is shown."""

    views: list[UnitView] = field(default_factory=list)
    tiers: list[TierUnit] = field(default_factory=list)

    def decide_relations(
        self, ctx: UnitContext, rules: list[Relation], readings: list[TierReading]
    ) -> list[Relation]:
        if readings:
            self.tiers.append(TierUnit(ctx, readings, {tier_key(r.a, r.b, r.level) for r in rules}))
        return rules

    def decide(
        self,
        ctx: UnitContext,
        rule_events: list[Event],
        last_pair: tuple[Actor, Actor] | None,
        position: int,
    ) -> list[Event]:
        self.views.append(UnitView(ctx, rule_events, last_pair, position))
        return rule_events


@dataclass
class Example:
    """One sentence with its gold types and, per type, the gold role of each candidate."""

    doc: str
    view: UnitView
    types: set[str]
    roles: dict[str, dict[str, str]]  # type -> candidate code -> none/source/target
    missing: int = 0  # gold actors of this sentence that no candidate covers
    pairs: dict[str, set[tuple[str, str | None]]] = field(default_factory=dict)  # gold pairs


@dataclass
class TierExample:
    """One sentence with a tier phrase and the gold (code, code, level) keys of its sentence."""

    doc: str
    unit: TierUnit
    gold: set[tuple[str, str, str]]


@dataclass
class Corpus:
    """The examples of a set of documents: one per sentence, and one per tier sentence."""

    examples: list[Example]
    tiers: list[TierExample]


def align(view: UnitView, gold_events: list[dict[str, Any]]) -> Example:
    """Label one sentence from the gold events whose sentence matches it."""
    mine = [g for g in gold_events if sentences_match(g.get("sentence"), view.ctx.text)]
    types = {g["type"] for g in mine}
    codes = {c.code for c in view.candidates}
    roles: dict[str, dict[str, str]] = {}
    pairs: dict[str, set[tuple[str, str | None]]] = {}
    for g in mine:
        if g.get("source"):
            pairs.setdefault(g["type"], set()).add((g["source"], g.get("target")))
    missing = 0
    order = {c.code: i for i, c in enumerate(view.candidates)}  # named actors first
    for t in types:
        lab = dict.fromkeys(codes, "none")
        for g in (g for g in mine if g["type"] == t):
            src, tgt = g.get("source"), g.get("target")
            if t in SYMMETRIC_TYPES and tgt is not None:
                # either order scores the same: the actor named first is the source
                src, tgt = sorted((src, tgt), key=lambda c: order.get(c, len(order)))
            for code, role in ((src, "source"), (tgt, "target")):
                if code is None:
                    continue
                if code in lab:
                    if lab[code] == "none":
                        lab[code] = role
                else:
                    missing += 1
        roles[t] = lab
    return Example(view.ctx.doc_id, view, types, roles, missing, pairs)


def examples_for(
    pairs: Iterable[tuple[Document, dict[str, Any]]], home: str = "VNM", parser: Any = None
) -> list[Example]:
    """The event examples of :func:`collect`."""
    return collect(pairs, home, parser).examples


def collect(
    pairs: Iterable[tuple[Document, dict[str, Any]]], home: str = "VNM", parser: Any = None
) -> Corpus:
    """Run the extractor with a recorder over documents and align every sentence.

    With ``parser``, sentences with an actor or a rule candidate also get a parse (the same
    gate as the decider uses at run time).
    """
    nlp = build_nlp()
    out: list[Example] = []
    tiers: list[TierExample] = []
    for doc, gold in pairs:
        rec = Recorder()
        extract(doc, home=home, nlp=nlp, decider=rec)
        gold_events = list(gold.get("events", []))
        out += [align(v, gold_events) for v in rec.views]
        gold_rels = list(gold.get("relations", []))
        for unit in rec.tiers:
            mine = [g for g in gold_rels if sentences_match(g.get("sentence"), unit.ctx.text)]
            tiers.append(TierExample(doc.id, unit, gold_keys(mine)))
    if parser is not None:
        todo = [e.view for e in out if e.view.ctx.slots or e.view.rule_events]
        for view, parsed in zip(todo, parser.pipe(v.ctx.text for v in todo), strict=True):
            view.parse = parsed
    return Corpus(out, tiers)
