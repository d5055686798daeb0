"""Typed records shared by every stage: documents in, events/figures/relations out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One article as read by ingest, before extraction."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None when unknown
    outlet: str | None = None
    lang: str = "en"
    source_path: str | None = None
    fmt: str = "txt"


@dataclass(frozen=True)
class Sentence:
    """A text unit (sentence, headline, caption, list item) with its character span."""

    idx: int
    start: int
    end: int
    text: str
    kind: str = "sentence"


@dataclass(frozen=True)
class Evidence:
    """Where a record comes from: document, sentence index, character offsets, text."""

    doc_id: str
    sent_idx: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    """A coded actor: ISO3 country or organisation acronym, optionally a person with role."""

    code: str
    name: str
    person: str | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """An entity mention found in a sentence, resolved to an actor."""

    sent_idx: int
    start: int
    end: int
    text: str
    label: str  # COUNTRY, DEMONYM, CAPITAL, ORG, PERSON, HOME
    actor: Actor


@dataclass(frozen=True)
class Event:
    type: str
    evidence: Evidence
    source: Actor | None
    target: Actor | None
    date: str | None
    location: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    status: str = "happened"
    confidence: float = 0.5
    trigger: str | None = None
    date_basis: str | None = None  # stated (in the sentence) | context (nearby text/publication)
    produced_by: str | None = None  # "rule:<id>@<rules hash>" or "model:<name>@<model hash>"


@dataclass(frozen=True)
class Figure:
    indicator: str
    value: float
    unit: str
    evidence: Evidence
    qualifier: str | None = None
    period: str | None = None
    subject: str | None = None
    text: str | None = None  # the matched number expression
    produced_by: str | None = None


@dataclass(frozen=True)
class Relation:
    a: str
    b: str
    level: str
    evidence: Evidence
    date: str | None = None
    status: str = "mentioned"  # established | upgraded | mentioned | severed | past
    previous: str | None = None
    produced_by: str | None = None


@dataclass
class Extraction:
    """Everything `extract` finds in one document."""

    doc_id: str
    extractor_version: str
    home: str
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    language: str = "en"  # a language the extractor does not read gives no records
