"""Features of a sentence (which event types it states) and of a candidate actor (its role).

Both read the same ``UnitView``: the sentence, its actor slots, the rule candidates and the
document context. Actor mentions are masked by their kind, so the models learn the wording
around actors, not the names of particular countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from diplograph.extract.events import UnitContext
from diplograph.extract.slots import Slot
from diplograph.models import Actor, Event

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*|[^\w\s]")
_MASK = {
    "COUNTRY": "@country",
    "CAPITAL": "@capital",
    "DEMONYM": "@adj",
    "PERSON": "@person",
    "ORG": "@org",
    "HOME": "@we",
    "PRONOUN": "@pron",
    "PAIR": "@pair",
}
STOP = frozenset("the a an of and to in on for with at by from as its their his her".split())


@dataclass
class Candidate:
    """An actor that may take a role: a slot of the sentence or an actor of the context."""

    actor: Actor
    slots: list[Slot] = field(default_factory=list)
    context: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return self.actor.code


@dataclass
class UnitView:
    """Everything the deciders see about one sentence."""

    ctx: UnitContext
    rule_events: list[Event]
    last_pair: tuple[Actor, Actor] | None
    position: int  # index among the document's content sentences
    tokens: list[tuple[str, int, int]] = field(default_factory=list)  # (token, start, end)
    candidates: list[Candidate] = field(default_factory=list)
    parse: Any = None  # a spaCy Doc of the sentence when the parse variant is used
    coord: dict[str, set[str]] = field(default_factory=dict)  # coordinated actors by code
    # plain_relation_features by (source, target) code: the same for every event type
    relations: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tokens = masked_tokens(self.ctx.text, self.ctx.slots)
        self.candidates = candidates(self)
        self.coord = coordinated(self)


def masked_tokens(text: str, slots: list[Slot]) -> list[tuple[str, int, int]]:
    """Lower-cased tokens with each actor slot replaced by one mask token of its kind."""
    out: list[tuple[str, int, int]] = []
    spans = sorted(slots, key=lambda s: s.start)
    pos = 0
    for s in [*spans, None]:
        stop = s.start if s is not None else len(text)
        for m in _TOKEN.finditer(text, pos, max(pos, stop)):
            tok = m.group(0).lower()
            # a number token: its first character is a \d digit (``isdecimal``: category Nd)
            out.append(("0" if tok[0].isdecimal() else tok, m.start(), m.end()))
        if s is None:
            break
        label = s.labels[-1] if s.labels else "COUNTRY"
        kind = "@place" if s.location else _MASK.get(label, "@actor")
        out.append((kind, s.start, s.end))
        pos = max(pos, s.end)
    return out


def candidates(view: UnitView) -> list[Candidate]:
    """Distinct actors of the sentence, then context actors the sentence may leave implicit."""
    by_code: dict[str, Candidate] = {}
    for s in view.ctx.slots:
        by_code.setdefault(s.code, Candidate(s.actor)).slots.append(s)
    ctx_actors: list[tuple[Actor, str]] = [(view.ctx.home, "home")]
    ctx_actors += [(a, f"focus{i}") for i, a in enumerate(view.ctx.focus)]
    if view.ctx.context_org is not None:
        ctx_actors.append((view.ctx.context_org, "org"))
    ctx_actors += [(a, f"org{i}") for i, a in enumerate(view.ctx.orgs)]
    ctx_actors += [(a, f"prev:{t}") for t, a in view.ctx.memory.items()]
    if view.last_pair:
        ctx_actors += [(a, "last_pair") for a in view.last_pair]
    for actor, tag in ctx_actors:
        c = by_code.setdefault(actor.code, Candidate(actor))
        c.context = (*c.context, tag)
    return list(by_code.values())


def sentence_features(view: UnitView) -> list[str]:
    """Bag of features for the sentence-level type decision."""
    toks = [t for t, _, _ in view.tokens]
    feats = [f"u:{t}" for t in toks if t not in STOP]
    feats += [f"b:{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)]
    # five-letter prefixes stand in for stems ("condol", "expel"): out-of-fold type F1 on
    # training sentences 0.812 → 0.820 (prefixes of 4: 0.818, of 6: 0.819; trigrams: 0.806)
    feats += [f"p5:{t[:5]}" for t in toks if len(t) > 5 and t.isalpha()]
    feats += [f"r:{e.type}" for e in view.rule_events]
    feats += [f"rt:{e.type}:{(e.trigger or '').lower().split(' ')[0]}" for e in view.rule_events]
    codes = {s.code for s in view.ctx.slots if not s.location}
    feats.append(f"nact:{min(len(codes), 3)}")
    feats.append(f"pos:{min(view.position, 3)}")
    if any(d.kind in ("explicit", "relative") for d in view.ctx.dates):
        feats.append("has_date")
    if any(s.code == view.ctx.home.code for s in view.ctx.slots):
        feats.append("home_named")
    if view.parse is not None:
        feats += parse_sentence_features(view.parse)
    return feats


def parse_sentence_features(doc: Any) -> list[str]:
    """Verb lemmas, the root and its negation/modality from a dependency parse."""
    feats: list[str] = []
    for t in doc:
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            lem = t.lemma_.lower()
            feats.append(f"v:{lem}")
            if t.dep_ == "ROOT":
                feats.append(f"root:{lem}")
            kids = {c.dep_ for c in t.children}
            if "neg" in kids:
                feats.append(f"neg:{lem}")
            if any(
                c.dep_ == "aux"
                and c.lower_ in ("will", "would", "may", "could", "should", "to", "might")
                for c in t.children
            ):
                feats.append(f"modal:{lem}")
            if t.dep_ == "xcomp":
                feats.append(f"xcomp:{t.head.lemma_.lower()}_{lem}")
        elif t.pos_ == "NOUN" and t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr"):
            feats.append(f"n:{t.lemma_.lower()}")
    return feats


def parse_role_features(doc: Any, start: int, end: int) -> list[str]:
    """Syntactic position of an actor span: its relation, preposition and governing verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ["dep:none"]
    root = span.root
    f = [f"dep:{root.dep_}"]
    head = root.head
    if root.dep_ in ("amod", "compound", "poss", "nmod"):
        f.append(f"mod_of:{head.lemma_.lower()}")
        f.append(f"mod_dep:{root.dep_}_{head.dep_}")
        root, head = head, head.head
    if root.dep_ == "pobj":
        f.append(f"prep:{head.lower_}")
        f.append(f"prep_dep:{head.lower_}_{head.dep_}")
        root, head = head, head.head
    if root.dep_ == "agent":
        f.append("agent")
    if root.dep_ == "conj":
        f.append("conj")
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        head = root.head
        f.append(f"conj_dep:{root.dep_}")
    hops = 0
    while head.pos_ not in ("VERB", "AUX") and head.head is not head and hops < 4:
        head = head.head
        hops += 1
    f.append(f"gov:{head.lemma_.lower()}")
    f.append(f"gov_dep:{head.lemma_.lower()}_{root.dep_}")
    f.append(f"govrel:{root.dep_}")
    return f


def _window(view: UnitView, start: int, end: int) -> tuple[list[str], list[str]]:
    before = [t for t, _, e in view.tokens if e <= start]
    after = [t for t, s, _ in view.tokens if s >= end]
    return before, after


def role_features(view: UnitView, cand: Candidate, etype: str) -> list[str]:
    """Features of one candidate actor for one event type (plain and type-conjoined)."""
    f = candidate_features(view, cand, etype)
    return f + [f"{etype}|{x}" for x in f]


# a bare title opening the sentence, perhaps after an opening phrase: the home government
_BARE_TITLE = re.compile(
    r"^(?:[^,]{0,40},\s*)?(?:the\s+)?(?:(?:deputy|vice|acting)\s+)?(?:prime\s+minister|"
    r"president|(?:foreign\s+)?minister|secretary|spokes(?:person|man|woman)|foreign\s+ministry|"
    r"ministry(?:\s+of\s+foreign\s+affairs)?|government|premier|chancellor)\b",
    re.I,
)


def _home_title_subject(view: UnitView) -> bool:
    m = _BARE_TITLE.match(view.ctx.text)
    return m is not None and not any(s.start < m.end() + 2 for s in view.ctx.slots)


def candidate_features(view: UnitView, cand: Candidate, etype: str) -> list[str]:
    """Features of one candidate actor: its kind, words around it, position and context."""
    f: list[str] = []
    if cand.slots:
        s = cand.slots[0]
        before, after = _window(view, s.start, s.end)
        f += [f"k:{lab}" for lab in s.labels]
        f += [f"p1:{w}" for w in before[-1:]] + [f"p2:{w}" for w in before[-2:-1]]
        f += [f"pw:{w}" for w in before[-5:]]
        f += [f"n1:{w}" for w in after[:1]] + [f"nw:{w}" for w in after[:4]]
        if len(before) >= 2:
            f.append(f"p12:{before[-2]}_{before[-1]}")
        if s.location:
            f.append("loc")
        if s.aside:
            f.append("aside")
        if s.actor.person:
            f.append("person")
        order = [c.code for c in view.candidates if c.slots]
        i = order.index(cand.code)
        f.append(f"idx:{min(i, 3)}")
        if i == len(order) - 1:
            f.append("idx:last")
        f.append(f"frac:{int(4 * s.start / max(1, len(view.ctx.text)))}")
        if len(cand.slots) > 1:
            f.append("multi")
        if not before:
            f.append("initial")
        if "by" in before[-3:]:
            f.append("by_before")
        if cand.code in view.coord:
            f.append("in_list")
        if view.parse is not None:
            f += parse_role_features(view.parse, s.start, s.end)
    else:
        f.append("implicit")
    for tag in cand.context:
        if tag.startswith("prev:"):
            f.append("c:prev_same" if tag == f"prev:{etype}" else "c:prev_other")
        else:
            f.append(f"c:{tag}")
    if len(cand.code) != 3:
        f.append("org_code")
    if cand.code == view.ctx.home.code:
        f.append("is_home")
        if not cand.slots and _home_title_subject(view):
            f.append("home_title_subject")  # "The Prime Minister sent a message to …": ours
    for e in view.rule_events:
        if e.type != etype:
            continue
        if e.source and e.source.code == cand.code:
            f.append("rule_src")
        if e.target and e.target.code == cand.code:
            f.append("rule_tgt")
    n_named = len([c for c in view.candidates if c.slots])
    f.append(f"nnamed:{min(n_named, 3)}")
    return f


_COORD_GAP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*as well as|&)\s*(?:the\s+)?$", re.I)


def coordinated(view: UnitView) -> dict[str, set[str]]:
    """Actors named in one coordinated list ("Japan, India and Thailand"), by code.

    Coordinated actors share a role, so a decision about one is a decision about the others.
    """
    named = sorted(
        (s for s in view.ctx.slots if not s.location and not s.aside), key=lambda s: s.start
    )
    groups: list[set[str]] = []
    for prev, cur in zip(named, named[1:], strict=False):
        if prev.code != cur.code and _COORD_GAP.match(view.ctx.text[prev.end : cur.start]):
            g = next((g for g in groups if prev.code in g), None)
            if g is None:
                groups.append({prev.code, cur.code})
            else:
                g.add(cur.code)
    out: dict[str, set[str]] = {}
    for g in groups:
        for code in g:
            out.setdefault(code, set()).update(g - {code})
    return out


_LIST_TOKENS = frozenset({",", "and", "@country", "@adj", "@org", "@capital", "@person", "the"})


def _between(view: UnitView, a: Slot, b: Slot) -> list[str]:
    lo, hi = (a, b) if a.start <= b.start else (b, a)
    return [t for t, s, e in view.tokens if s >= lo.end and e <= hi.start]


def pair_features(view: UnitView, src: Candidate, tgt: Candidate | None, etype: str) -> list[str]:
    """Features of one (source, target) assignment for one event type.

    Each side contributes its candidate features; the pair adds their order and the words
    between them, so lists ("A, B and C welcomed") and frames ("A met B") are told apart.
    """
    f = side_features(view, src, etype, "s")
    if tgt is None:
        return f + side_features(view, None, etype, "t")
    return f + side_features(view, tgt, etype, "t") + relation_features(view, src, tgt, etype)


def side_features(
    view: UnitView,
    cand: Candidate | None,
    etype: str,
    side: str,
    base: list[str] | None = None,
) -> list[str]:
    """One side of a pair: the candidate's features under ``s:``/``t:``, plain and typed.

    The decider computes these once per candidate (``base``: its ``candidate_features``) and
    reuses them for every pair.
    """
    if cand is None:
        f = [f"{side}:none"]
    else:
        f = [f"{side}:{x}" for x in base or candidate_features(view, cand, etype)]
    return f + [f"{etype}|{x}" for x in f]


def relation_features(view: UnitView, src: Candidate, tgt: Candidate, etype: str) -> list[str]:
    """How a source and a target sit in the sentence: order, words between, one list."""
    f = plain_relation_features(view, src, tgt)
    return f + [f"{etype}|{x}" for x in f]


def sentence_relation_features(view: UnitView, src: Candidate, tgt: Candidate) -> list[str]:
    """``plain_relation_features``, built once per sentence and pair (do not modify)."""
    key = (src.code, tgt.code)
    f = view.relations.get(key)
    if f is None:
        f = view.relations[key] = plain_relation_features(view, src, tgt)
    return f


def plain_relation_features(view: UnitView, src: Candidate, tgt: Candidate) -> list[str]:
    """``relation_features`` without the type-conjoined copies (they do not depend on it)."""
    f: list[str] = []
    if src.slots and tgt.slots:
        a, b = src.slots[0], tgt.slots[0]
        bw = _between(view, a, b)
        f.append("order:st" if a.start < b.start else "order:ts")
        f.append(f"bwn:{min(len(bw), 6)}")
        if bw and all(t in _LIST_TOKENS for t in bw):
            f.append("bw:list")
        if bw:
            f += [f"bw1:{bw[0]}", f"bwl:{bw[-1]}"]
            f += [f"bw:{t}" for t in bw[:8] if t not in STOP]
        kinds = (x.labels[-1] if x.labels else "-" for x in (a, b))
        f.append("kinds:" + "_".join(kinds))
        if tgt.code in view.coord.get(src.code, ()):
            f.append("same_list")
    elif tgt.slots:
        f.append("src_ctx_tgt_named")
    elif src.slots:
        f.append("src_named_tgt_ctx")
    else:
        f.append("both_ctx")
    return f
