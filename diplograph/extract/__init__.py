"""Extract: ``extract(document) -> Extraction``. Pure, deterministic, no I/O."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from diplograph.extract.actors import (
    STATE_LABELS,
    RawMention,
    congo_in_context,
    detect_home,
    home_mentions,
    kingdom_mentions,
    resolve,
)
from diplograph.extract.cities import city_slots
from diplograph.extract.dates import (
    DateMention,
    anaphoric_dates,
    dateline_end,
    find_dates,
    is_bound,
)
from diplograph.extract.dedupe import SYMMETRIC, dedupe_events, dedupe_relations
from diplograph.extract.events import (
    EVENT_RULES_VERSION,
    TWO_SIDES,
    UnitContext,
    extract_events,
)
from diplograph.extract.figures import FIGURE_RULES_VERSION, extract_figures
from diplograph.extract.gazetteer import GAZETTEER_VERSION, Gazetteer, fold, load_gazetteer
from diplograph.extract.home import document_home
from diplograph.extract.language import SUPPORTED, detect_language
from diplograph.extract.memory import PAIR_TYPES, DocState, near
from diplograph.extract.people import leader_mentions, learn_people, person_mentions
from diplograph.extract.plover import to_plover
from diplograph.extract.relations import (
    extract_relations,
    find_tiers,
    follow_relations,
    past_tiers,
    read_tiers,
    tier_hub,
)
from diplograph.extract.segment import segment
from diplograph.extract.slots import Slot, build_slots
from diplograph.extract.version import EXTRACTOR_VERSION, RULES_HASH
from diplograph.models import (
    Actor,
    Document,
    Event,
    Extraction,
    Figure,
    Mention,
    Relation,
    Sentence,
)

if TYPE_CHECKING:  # spaCy loads only when something is extracted, never for queries
    from spacy.language import Language

__all__ = ["EXTRACTOR_VERSION", "Decider", "dedupe_events", "dedupe_relations", "extract"]


class Decider(Protocol):
    """Decides the events of one sentence from its context and the rule candidates."""

    def decide(
        self,
        ctx: UnitContext,
        rule_events: list[Event],
        last_pair: tuple[Actor, Actor] | None,
        position: int,
    ) -> list[Event]: ...


class _Default:
    """Marker: use the installed trained decider when there is one."""


DEFAULT_DECIDER = _Default()

COMPONENT_VERSIONS = (GAZETTEER_VERSION, EVENT_RULES_VERSION, FIGURE_RULES_VERSION)

SKIP_KINDS = {"headline", "dateline", "heading", "related"}
# a subject pronoun at the head of a sentence, after at most a short
# opening phrase ("Later in the day, he ...")
_LEAD = (
    r"^\W*(?:[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,5},\s+|(?:Later|Meanwhile|Earlier|Separately|Also)\s+)?"
)
_PRONOUN = re.compile(_LEAD + r"(He|She|he|she)\b")
_PEOPLE_PAIR = re.compile(r"leaders|PMs|minister|president|heads|diplomats", re.I)
# the pair's own ties, named without the pair: "the relationship", "bilateral ties"
_PAIR_TIES = re.compile(
    r"\b(?:(?:the|their|bilateral|this)\s+(?:bilateral\s+|countries['’]\s+|nations['’]\s+)?|"
    # "The pact raised relations to …"
    r"(?:elevat|upgrad|rais|lift)\w*\s+)(?:relationship|relations|ties)\b",
    re.I,
)
# a tier named as one the pair holds, the pair left unsaid: "Chinh said the Comprehensive
# Strategic Partnership has grown", "reviewed progress in the CSP"
_DEFINITE = re.compile(r"\b(?:the|this|bilateral)\s+(?:(?:bilateral|existing|current)\s+)?$", re.I)


def _definite_tier(text: str) -> re.Match[str] | None:
    """The article before the first tier the sentence names as an existing one, if any."""
    for tier in find_tiers(text):
        m = _DEFINITE.search(text, max(0, tier.start - 24), tier.start)
        if m is not None:
            return m
    return None


_RELATED = re.compile(
    r"^\s*(?:related\s+(?:news|articles|stories|posts)|tin\s+li[êe]n\s+quan|read\s+more|"
    r"see\s+also|more\s+news|other\s+news)\s*:?\s*$",
    re.I,
)


def _raw_mentions(nlp: Language, text: str) -> list[RawMention]:
    sdoc = nlp(fold(text))  # same length: offsets hold for the original text
    out = [
        RawMention(e.start_char, e.end_char, text[e.start_char : e.end_char], e.label_,
                   e.ent_id_ or e.text)
        for e in sdoc.ents
    ]  # fmt: skip
    for s, e, t in home_mentions(text):
        out.append(RawMention(s, e, t, "HOME", "HOME"))
    return sorted(out, key=lambda m: m.start)


def extract(
    doc: Document,
    home: str = "VNM",
    nlp: Language | None = None,
    decider: Decider | _Default | None = DEFAULT_DECIDER,
) -> Extraction:
    """Find sentences, actor mentions, events, figures and relations in one document.

    ``decider`` decides each sentence's events from the rule candidates: the installed
    trained model by default, ``None`` for the rules alone.
    """
    if nlp is None:
        from diplograph.extract.pipeline import build_nlp

        nlp = build_nlp()
    if isinstance(decider, _Default):
        from diplograph.learn.decider import default_decider

        decider = default_decider()
    language = detect_language(doc.text)
    if language not in SUPPORTED:  # stored and reported by ingest, never silently empty
        return Extraction(
            doc_id=doc.id, extractor_version=EXTRACTOR_VERSION, home=home, language=language
        )
    g = load_gazetteer()
    text = doc.text
    has_title = bool(doc.title) and text.lstrip().startswith((doc.title or "")[:40])
    units = segment(text, has_title_line=has_title)
    related = False
    kinds: list[str] = []
    for u in units:
        if _RELATED.match(u.text):
            related = True
        kinds.append("related" if related else u.kind)
    units = [
        u if k == u.kind else type(u)(u.idx, u.start, u.end, u.text, k)
        for u, k in zip(units, kinds, strict=True)
    ]

    raw = _raw_mentions(nlp, text)
    full_keys = [m.key for m in raw if m.label == "PERSON" and " " in m.key]
    # the people named in full, by the table's name too ("al-Sisi" names "el-Sisi"'s row)
    full_names = {*full_keys, *(c.name for k in full_keys for c in g.leaders.get(k, []))}
    learned = person_mentions(text, learn_people(text, raw), raw)
    raw = sorted([*raw, *learned], key=lambda m: m.start)
    later = leader_mentions(text, raw, g, doc.published)
    raw = congo_in_context(text, sorted([*raw, *later], key=lambda m: m.start))
    codes = [m.key for m in raw if m.label in STATE_LABELS]

    def states_in(name: str) -> list[str]:  # run only when the outlet's name must be read
        return [m.key for m in _raw_mentions(nlp, name) if m.label in STATE_LABELS]

    named_home = document_home(doc.outlet, doc.url, text, states_in)
    home_code = detect_home(home, codes, text, named_home.code)
    home_actor = Actor(home_code, g.name_of(home_code))
    x = Extraction(
        doc_id=doc.id, extractor_version=EXTRACTOR_VERSION, home=home_code, sentences=units
    )

    published = doc.published
    counts = Counter(m.key for m in raw if m.label in STATE_LABELS)
    raw = sorted([*raw, *kingdom_mentions(text, raw, home_code, counts, g)], key=lambda m: m.start)
    org_counts = Counter(m.key for m in raw if m.label == "ORG")
    doc_year = _document_year(text)
    d = _Doc(
        id=doc.id,
        text=text,
        g=g,
        published=published,
        year_hint=int(published[:4]) if published else None,
        doc_year=doc_year,
        review_year=(
            doc_year
            if doc_year and published and doc_year < published[:4] and text.count(doc_year) >= 3
            else None
        ),
        home_actor=home_actor,
        # in a foreign wire story that never names the home country, no action defaults to it
        home_speaks=counts.get(home_code, 0) > 0 or any(m.label == "HOME" for m in raw),
        # the countries the document is about, most mentioned first (implicit aid recipients)
        focus=tuple(Actor(code, g.name_of(code)) for code, _ in counts.most_common(3)),
        orgs=tuple(Actor(code, g.name_of(code)) for code, _ in org_counts.most_common(3)),
        full_names=full_names,
    )
    state = DocState()
    ri = 0
    for u in units:
        while ri < len(raw) and raw[ri].end <= u.start:
            ri += 1
        u_raw = []
        j = ri
        while j < len(raw) and raw[j].start < u.end:
            if raw[j].end <= u.end:
                u_raw.append(raw[j])
            j += 1
        unit = _read_unit(d, state, u, u_raw, x)
        if unit is None:
            continue
        events = _unit_events(unit, state, decider)
        when = _UnitDates.of(unit, d)
        rels = _unit_relations(d, state, unit, events, when, decider)
        events += _upgrades_told(d, unit, rels, events, when)
        x.events.extend(events)
        x.relations.extend(rels)
        state.after_unit(u.text, unit.slots, unit.people, events)
        x.figures.extend(_unit_figures(d, unit, events, when))
        state.after_dates(when.unit_date, when.year_dates, d.year_hint, published)
    x.events = dedupe_events(x.events)
    x.relations = [  # a relation the tier model chose already names it
        r if r.produced_by else replace(r, produced_by=f"rule:relations@{RULES_HASH}")
        for r in dedupe_relations(x.relations)
    ]
    x.figures = [replace(f, produced_by=f"rule:figures@{RULES_HASH}") for f in x.figures]
    return x


@dataclass(frozen=True)
class _Doc:
    """What holds for the whole document while its sentences are read."""

    id: str
    text: str
    g: Gazetteer
    published: str | None
    year_hint: int | None  # the publication year
    doc_year: str | None  # the year the document most often names
    review_year: str | None  # the past year a yearly review reports on
    home_actor: Actor
    home_speaks: bool
    focus: tuple[Actor, ...]
    orgs: tuple[Actor, ...]
    full_names: set[str]

    @property
    def home_code(self) -> str:
        return self.home_actor.code


@dataclass(frozen=True)
class _Unit:
    """One sentence as read: its dates, its actor slots and the pair its context lends it."""

    u: Sentence
    dates: list[DateMention]
    told: int  # where the dateline ends
    all_slots: list[Slot]
    slots: list[Slot]  # with the pair lent at "the two sides"
    own_slots: list[Slot]  # without it
    people: list[Actor]
    two: re.Match[str] | None
    named: set[str]
    context_pair: tuple[Actor, Actor] | None
    lent: bool
    ctx: UnitContext

    @property
    def pair_codes(self) -> set[str]:
        return {a.code for a in self.context_pair} if self.context_pair else set()


def _read_unit(
    d: _Doc, state: DocState, u: Sentence, u_raw: list[RawMention], x: Extraction
) -> _Unit | None:
    """The unit's dates, mentions and slots; None for a unit that carries no records."""
    dates = find_dates(u.text, state.told_day or d.published, d.doc_year)
    told = dateline_end(u.text)  # "NIAMEY, August 3 – … on Wednesday": the report's date
    if state.told_day is None and state.mined == 0 and u.kind not in SKIP_KINDS:
        # "Phnom Penh, June 26 (AKP) – … this afternoon": the dateline's day anchors "today",
        # "this afternoon" and "on Wednesday", for this sentence and the ones after it
        day = next((m.value for m in dates if m.end <= told and len(m.value) == 10), None)
        if day and day != d.published and near(day, d.published, days=3):
            state.told_day = day
            dates = find_dates(u.text, state.told_day, d.doc_year)
    # "The same day, …", "held talks the following day", "two days later": the day told before
    dates = sorted([*dates, *anaphoric_dates(u.text, dates, state.last_day)], key=lambda m: m.start)
    when = next((m.value for m in dates if m.kind == "explicit"), None) or d.published
    mentions: list[Mention] = []
    for r in u_raw:
        actor = resolve(r, d.g, d.text, when, d.home_code, d.full_names)
        if actor is not None:
            mentions.append(Mention(u.idx, r.start, r.end, r.text, r.label, actor))
    x.mentions.extend(mentions)
    if u.kind in SKIP_KINDS:
        return None
    all_slots = build_slots(u.text, u.start, mentions)
    slots = [s for s in all_slots if not s.aside]
    # "arrived in Mombasa": the city's state as a place
    slots = sorted([*slots, *city_slots(u.text, all_slots)], key=lambda s: s.start)
    pronoun = _PRONOUN.match(u.text)
    if pronoun and state.last_person:  # "He also voiced support for ...": the last official
        slots = [Slot(pronoun.start(1), pronoun.end(1), state.last_person, ("PRONOUN",)), *slots]
    people = [s.actor for s in all_slots if s.actor.person and not s.location]
    if people:
        state.last_person = people[0]
    two = TWO_SIDES.search(u.text)  # the pair of the latest bilateral event
    named = {s.code for s in slots if not s.location}
    # "the two countries": the pair of the latest bilateral event, else the two states the
    # sentence before names ("Australia will provide aid to Viet Nam. … the two countries
    # elevated their ties"), else the two states the document is about
    focus = d.focus
    pair = state.last_pair or state.prev_two or ((focus[0], focus[1]) if len(focus) >= 2 else None)
    if two and state.last_contact and _PEOPLE_PAIR.search(two.group(0)):
        # "the two leaders": the two who last met, called or visited, not the pair of a
        # partnership or agreement recounted since
        pair = state.last_contact
    pair_codes = {a.code for a in pair} if pair else set()
    own_slots = slots
    lent = bool(two and pair and (not named or (len(named) == 1 and not named & pair_codes)))
    if two and pair and lent:
        # "the two PMs witnessed ...", "Trump phoned both leaders": the pair named before
        slots = _with_pair(slots, two, pair)
    # the event's place for maps: a city or capital, not a province (no coordinates to place it)
    loc = next((u.text[s.start : s.end] for s in slots if s.location and not s.province), None)
    fallback = d.review_year or state.lead_date or state.context_date or d.published or d.doc_year
    ctx = UnitContext(
        d.id,
        u.idx,
        u.start,
        u.text,
        slots,
        dates,
        fallback,
        loc,
        d.home_actor,
        d.orgs[0] if d.orgs else None,
        focus,
        d.home_speaks,
        d.orgs,
        state.memory,
        state.accusers,
        tuple(state.officials),
        state.office,
        state.antecedent,
    )
    return _Unit(u, dates, told, all_slots, slots, own_slots, people, two, named, pair, lent, ctx)


def _unit_events(unit: _Unit, state: DocState, decider: Decider | None) -> list[Event]:
    """The sentence's events: rule candidates, decided, one-sided ones completed by the pair."""
    events = extract_events(unit.ctx)
    if decider is not None:
        events = decider.decide(unit.ctx, events, state.last_pair, state.mined)
    if unit.two:  # "... during which the two sides signed": complete a one-sided event
        pair = next(
            ((e.source, e.target) for e in events if e.type in PAIR_TYPES and e.source
             and e.target and len(e.target.code) == 3),
            state.last_pair,
        )  # fmt: skip
        if pair:
            events = [
                replace(e, source=pair[0], target=pair[1])
                if e.type in SYMMETRIC and e.target is None and e.source
                and e.source.code in (pair[0].code, pair[1].code)
                else e
                for e in events
            ]  # fmt: skip
    return events


@dataclass(frozen=True)
class _UnitDates:
    """The dates a sentence's relations, upgrades and figures take."""

    unit_date: str | None  # a day or month the sentence states
    year_dates: list[str]
    rel_date: str | None
    period_src: str | None
    tier_year: int | None

    @classmethod
    def of(cls, unit: _Unit, d: _Doc) -> _UnitDates:
        free = [m for m in unit.dates if not is_bound(unit.u.text, m)]
        free = [m for m in free if m.start >= unit.told] or free
        unit_date = next((m.value for m in free if m.kind in ("explicit", "relative")), None)
        year_dates = [m.value for m in free if m.kind in ("year", "quarter")]
        rel_date = unit_date or (year_dates[0] if year_dates else None)
        return cls(
            unit_date,
            year_dates,
            rel_date,
            rel_date or unit.ctx.fallback_date,
            int((rel_date or d.published or "0")[:4]) or d.year_hint,
        )


def _relation_slots(state: DocState, unit: _Unit, events: list[Event]) -> list[Slot]:
    """The slots the relation rules read: the sentence's, with the pair it leaves unsaid."""
    u, two, named, slots = unit.u, unit.two, unit.named, unit.slots
    rel_slots = slots
    if two and unit.context_pair and len(named) == 1 and named <= unit.pair_codes:
        # "the two sides established relations, and Palestine's mission …": the other one
        other = tuple(a for a in unit.context_pair if a.code not in named)
        rel_slots = _with_pair(slots, two, other)
    own_pair = next(
        ((e.source, e.target) for e in events if e.type in PAIR_TYPES and e.source
         and e.target and len(e.source.code) == len(e.target.code) == 3
         and named & {e.source.code, e.target.code}),
        None,
    )  # fmt: skip
    if two and unit.lent and named and own_pair:
        # "X held talks with his Vietnamese counterpart, … after the two countries elevated
        # their ties": the sentence's own pair, not the one lent from before
        rel_slots = _with_pair(unit.own_slots, two, own_pair)
    ties = None if two else (_PAIR_TIES.search(u.text) or _definite_tier(u.text))
    tie_pair = state.prev_two or unit.context_pair  # the two states just named, else the event's
    if ties and tie_pair and named <= {a.code for a in tie_pair} and find_tiers(u.text):
        # "Over the years, the relationship has grown into a … partnership", "Lam said
        # bilateral ties were lifted to …": a tier of the pair named before, in a sentence
        # that names no one else
        rel_slots = _with_pair(slots, ties, [a for a in tie_pair if a.code not in named])
    return rel_slots


def _unit_relations(
    d: _Doc,
    state: DocState,
    unit: _Unit,
    events: list[Event],
    when: _UnitDates,
    decider: Decider | None,
) -> list[Relation]:
    """The sentence's tiers: the rules' and the tier model's, the tiers left, a chain's next."""
    u = unit.u
    rel_slots = _relation_slots(state, unit, events)
    # the tier model sees the slots the relation rules saw
    rel_ctx = unit.ctx if rel_slots is unit.slots else replace(unit.ctx, slots=rel_slots)
    seen = tuple(state.tiers_seen)
    rels = extract_relations(
        d.id,
        u.idx,
        u.start,
        u.text,
        rel_slots,
        d.home_actor,
        when.rel_date,
        when.tier_year,
        unit.dates,
        home_speaks=d.home_speaks,
        levels_seen=seen,
    )
    decide_relations = getattr(decider, "decide_relations", None)
    if decide_relations is not None:
        readings = read_tiers(u.text, when.rel_date, when.tier_year, unit.dates, seen)
        rels = decide_relations(rel_ctx, rels, readings)
    rels = [*rels, *past_tiers(rels)]  # "from a strategic partnership to …": the tier left
    follow = None
    if state.carry and not rels:
        hub = Actor(state.carry[0], d.g.name_of(state.carry[0]))
        follow = follow_relations(
            d.id, u.idx, u.start, u.text, unit.slots, hub, state.carry[1], when.rel_date
        )
    if follow is not None:
        rels = follow  # the chain goes on with the same hub and tier
    else:
        state.carry = tier_hub(rels, d.home_actor, d.home_speaks) if rels else None
    state.tiers_seen.extend(t.level for t in find_tiers(u.text))
    return rels


def _upgrades_told(
    d: _Doc, unit: _Unit, rels: list[Relation], events: list[Event], when: _UnitDates
) -> list[Event]:
    """A PARTNERSHIP_UPGRADE for each recent upgrade a relation reports and no event has."""
    out: list[Event] = []
    for rel in rels:
        if (
            rel.status in ("upgraded", "established")
            and rel.level != "diplomatic relations"
            and (rel.date is None or not d.year_hint or int(rel.date[:4]) >= d.year_hint - 1)
            and not any(
                e.type == "PARTNERSHIP_UPGRADE"
                for e in [*events, *out]
                if {e.source and e.source.code, e.target and e.target.code} == {rel.a, rel.b}
            )
        ):
            ptype, pmode = to_plover("PARTNERSHIP_UPGRADE")
            out.append(
                Event(
                    type="PARTNERSHIP_UPGRADE",
                    evidence=rel.evidence,
                    source=Actor(rel.a, d.g.name_of(rel.a)),
                    target=Actor(rel.b, d.g.name_of(rel.b)),
                    date=when.unit_date or when.rel_date or unit.ctx.fallback_date,
                    location=unit.ctx.location,
                    plover_type=ptype,
                    plover_mode=pmode,
                    status="happened",
                    confidence=0.8,
                    trigger=rel.level,
                    date_basis="stated" if when.unit_date or when.rel_date else "context",
                    produced_by=f"rule:relations.upgrade@{RULES_HASH}",
                )
            )
    return out


def _unit_figures(d: _Doc, unit: _Unit, events: list[Event], when: _UnitDates) -> list[Figure]:
    """The sentence's figures, each with the state or body it describes."""
    skip = [(m.start, m.end) for m in unit.dates]
    # who a figure describes: the sentence's first actor, else its event's source,
    # else the country the document is about, else the home country
    first_actor = next((sl.code for sl in unit.all_slots if not sl.location), None)
    event_source = events[0].source.code if events and events[0].source else None
    subject = first_actor or event_source or (d.focus[0].code if d.focus else d.home_code)
    u = unit.u
    return extract_figures(
        d.id,
        u.idx,
        u.start,
        u.text,
        skip,
        when.period_src[:4] if when.period_src else None,
        subject,
        d.home_code if d.home_speaks else None,
    )


def _with_pair(slots: list[Slot], two: re.Match[str], actors: Iterable[Actor]) -> list[Slot]:
    """The unit's slots plus ``actors`` standing at "the two sides", in text order."""
    extra = [Slot(two.start(), two.end(), a, ("PAIR",)) for a in actors]
    return sorted([*slots, *extra], key=lambda s: s.start)


_YEAR_RE = re.compile(r"(?<![\d/.–-])(20[0-4]\d|19[5-9]\d)(?![\d/]|\s?[-–]\s?\d)")


def _document_year(text: str) -> str | None:
    """The year a dateless document most likely reports on: its most frequent year."""
    years = Counter(_YEAR_RE.findall(text))
    return years.most_common(1)[0][0] if years else None
