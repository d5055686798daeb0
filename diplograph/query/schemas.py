"""Response schemas: one family per resource (``EventPublic`` is not the table row)."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_json

from diplograph.query.identifiers import wikidata_id
from diplograph.store.base import Row

WIKIDATA = "Wikidata id of the actor (states and major organisations), e.g. Q881; null if none."


class ErrorEnvelope(BaseModel):
    """Every error response: ``{"ok": false, "error": "...", "errors": [...], "status": 404}``."""

    ok: Literal[False] = False
    error: str
    errors: list[Any] = Field(default_factory=list)
    status: int


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: ``data`` holds at most ``limit`` rows of ``count`` in all."""

    data: list[T]
    count: int
    limit: int
    offset: int


def page_json(data: list[dict[str, Any]], count: int, limit: int, offset: int) -> bytes:
    """A ``Page`` as JSON from rows already in their model's field order and JSON types (a
    model's ``row_fields``, a ``documents`` row): the bytes ``Page[Model]`` gives, without a
    model built and validated per row (#19)."""
    page = {"data": data, "count": count, "limit": limit, "offset": offset}
    return to_json(page, inf_nan_mode="null")  # as pydantic's default ser_json_inf_nan


class EvidencePublic(BaseModel):
    doc_id: str
    sent_idx: int
    start: int
    end: int
    text: str

    @staticmethod
    def row_fields(r: Row) -> dict[str, Any]:
        """The model's fields from a record row, as JSON types (see :func:`page_json`)."""
        return {
            "doc_id": r["doc_id"], "sent_idx": r["sent_idx"], "start": r["start"],
            "end": r["end"], "text": r["sentence"],
        }  # fmt: skip

    @classmethod
    def from_row(cls, r: Row) -> EvidencePublic:
        return cls.model_validate(cls.row_fields(r))


class ActorPublic(BaseModel):
    code: str
    name: str | None = None
    person: str | None = None
    role: str | None = None
    wikidata: str | None = Field(None, description=WIKIDATA)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _actor(r: Row, side: str) -> dict[str, Any] | None:
    code = r.get(f"{side}_code")
    if not code:
        return None
    return {
        "code": code, "name": r.get(f"{side}_name"), "person": r.get(f"{side}_person"),
        "role": r.get(f"{side}_role"), "wikidata": wikidata_id(code),
    }  # fmt: skip


class EventPublic(BaseModel):
    id: int
    doc_id: str
    type: str
    plover_type: str | None = None
    plover_mode: str | None = None
    source: ActorPublic | None = None
    target: ActorPublic | None = None
    date: str | None = None
    location: str | None = None
    status: str | None = None
    confidence: float | None = None
    trigger: str | None = None
    evidence: EvidencePublic

    @staticmethod
    def row_fields(r: Row) -> dict[str, Any]:
        """The model's fields from an events row, as JSON types."""
        return {
            "id": r["id"], "doc_id": r["doc_id"], "type": r["type"],
            "plover_type": r.get("plover_type"), "plover_mode": r.get("plover_mode"),
            "source": _actor(r, "source"), "target": _actor(r, "target"), "date": r.get("date"),
            "location": r.get("location"), "status": r.get("status"),
            "confidence": _float(r.get("confidence")), "trigger": r.get("trigger"),
            "evidence": EvidencePublic.row_fields(r),
        }  # fmt: skip

    @classmethod
    def from_row(cls, r: Row) -> EventPublic:
        return cls.model_validate(cls.row_fields(r))


class FigurePublic(BaseModel):
    id: int
    doc_id: str
    indicator: str
    value: float
    unit: str
    qualifier: str | None = None
    period: str | None = None
    subject: str | None = None
    text: str | None = None
    evidence: EvidencePublic

    @staticmethod
    def row_fields(r: Row) -> dict[str, Any]:
        """The model's fields from a figures row, as JSON types."""
        return {
            "id": r["id"], "doc_id": r["doc_id"], "indicator": r["indicator"],
            "value": float(r["value"]), "unit": r["unit"], "qualifier": r.get("qualifier"),
            "period": r.get("period"), "subject": r.get("subject"), "text": r.get("text"),
            "evidence": EvidencePublic.row_fields(r),
        }  # fmt: skip

    @classmethod
    def from_row(cls, r: Row) -> FigurePublic:
        return cls.model_validate(cls.row_fields(r))


class RelationPublic(BaseModel):
    id: int
    doc_id: str
    a: str
    b: str
    level: str
    date: str | None = None
    status: str | None = None
    previous: str | None = None
    evidence: EvidencePublic

    @staticmethod
    def row_fields(r: Row) -> dict[str, Any]:
        """The model's fields from a relations row, as JSON types."""
        return {
            "id": r["id"], "doc_id": r["doc_id"], "a": r["a"], "b": r["b"], "level": r["level"],
            "date": r.get("date"), "status": r.get("status"), "previous": r.get("previous"),
            "evidence": EvidencePublic.row_fields(r),
        }  # fmt: skip

    @classmethod
    def from_row(cls, r: Row) -> RelationPublic:
        return cls.model_validate(cls.row_fields(r))


class DocumentPublic(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    fmt: str | None = None
    version: int = 1
    events: int = 0
    figures: int = 0
    relations: int = 0


class SentencePublic(BaseModel):
    idx: int
    start: int
    end: int
    kind: str
    text: str


class DocumentDetail(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    lang: str | None = None
    version: int = 1
    text: str
    sentences: list[SentencePublic]
    events: list[EventPublic]
    figures: list[FigurePublic]
    relations: list[RelationPublic]


class SearchHit(BaseModel):
    doc_id: str
    idx: int
    start: int
    end: int
    text: str
    snippet: str = Field(description="The sentence with matched terms in [brackets].")
    highlights: list[tuple[int, int]] = Field(
        description="Matched character spans within `text` (start, end)."
    )
    score: float
    title: str | None = None
    published: str | None = None


class TierStep(BaseModel):
    level: str
    date: str | None = None
    source: Literal["reference", "extracted"]
    doc_id: str | None = None
    note: str | None = None


class PartnerSummary(BaseModel):
    code: str
    name: str
    tier: str | None = None
    since: str | None = None
    wikidata: str | None = Field(None, description=WIKIDATA)


class YearTypeCount(BaseModel):
    year: str
    type: str
    count: int


class PartnerProfile(BaseModel):
    code: str
    name: str
    home: str
    wikidata: str | None = Field(None, description=WIKIDATA)
    tier: str | None = None
    timeline: list[TierStep]
    event_counts: list[YearTypeCount]
    events_by_type: dict[str, int]
    events_by_year: dict[str, int]
    latest_events: list[EventPublic]
    figures: list[FigurePublic]


class StatsPublic(BaseModel):
    model_config = ConfigDict(extra="allow")

    documents: int
    sentences: int
    events: int
    figures: int
    relations: int
    failures: int
    document_versions: int
    events_by_type: dict[str, int]
    schema_version: int
    canonical_events: int = Field(
        0, description="Real-world events: records from several documents reporting one count once."
    )
    canonical_events_by_type: dict[str, int] = Field(default_factory=dict)


class ConflictEvidence(BaseModel):
    doc_id: str
    sent_idx: int | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None


class ConflictPublic(BaseModel):
    """Two sources that disagree: ``values[i]`` is stated by ``evidence[i]``."""

    kind: Literal["figure", "event_date", "event_place", "tier", "tier_double_count"]
    subject: str
    values: list[str]
    note: str = ""
    evidence: list[ConflictEvidence]

    @classmethod
    def from_dict(cls, c: dict[str, Any]) -> ConflictPublic:
        return cls(
            kind=c["kind"], subject=c["subject"], values=list(c["values"]), note=c.get("note", ""),
            evidence=[
                ConflictEvidence(doc_id=e["doc"], sent_idx=e.get("sent_idx"), start=e.get("start"),
                                 end=e.get("end"), text=e.get("sentence"))
                for e in c["evidence"]
            ],
        )  # fmt: skip


class IngestResult(BaseModel):
    new: int
    updated: int
    duplicate: int
    failed: int
    events: int
    figures: int
    relations: int
    errors: list[str]
