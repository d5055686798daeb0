"""Typed records for imported event data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CodedActor:
    """An actor name as the dataset wrote it and its code; ``code`` None means uncoded."""

    name: str
    code: str | None

    @property
    def uncoded(self) -> bool:
        return self.code is None


@dataclass(frozen=True)
class ImportedEvent:
    """One imported record (an event, or a count of events in a cell) with its provenance."""

    dataset: str
    file: str
    row: int
    date: str  # YYYY-MM-DD or YYYY-MM
    source: CodedActor
    target: CodedActor
    type: str | None = None
    cameo_code: str | None = None
    event_name: str | None = None
    plover_type: str | None = None
    quad_class: int | None = None
    count: int = 1

    def as_row(self) -> dict[str, Any]:
        """The store row (columns of ``imported_events``)."""
        return {
            "dataset": self.dataset,
            "file": self.file,
            "row": self.row,
            "date": self.date,
            "source_code": self.source.code,
            "source_name": self.source.name,
            "target_code": self.target.code,
            "target_name": self.target.name,
            "source_uncoded": int(self.source.uncoded),
            "target_uncoded": int(self.target.uncoded),
            "type": self.type,
            "cameo_code": self.cameo_code,
            "event_name": self.event_name,
            "plover_type": self.plover_type,
            "quad_class": self.quad_class,
            "count": self.count,
        }
