"""Row tuples of an Extraction for the record tables, shared by every store backend."""

from __future__ import annotations

from typing import Any

from diplograph.models import Extraction

SENTENCE_COLS = ("doc_id", "idx", "start", "end", "kind", "text")
MENTION_COLS = (
    "doc_id",
    "sent_idx",
    "start",
    "end",
    "text",
    "label",
    "code",
    "name",
    "person",
    "role",
)
EVENT_COLS = (
    "doc_id",
    "sent_idx",
    "start",
    "end",
    "sentence",
    "type",
    "plover_type",
    "plover_mode",
    "source_code",
    "source_name",
    "source_person",
    "source_role",
    "target_code",
    "target_name",
    "target_person",
    "target_role",
    "date",
    "location",
    "status",
    "confidence",
    "trigger",
    "produced_by",
)
FIGURE_COLS = (
    "doc_id",
    "sent_idx",
    "start",
    "end",
    "sentence",
    "indicator",
    "value",
    "unit",
    "qualifier",
    "period",
    "subject",
    "text",
    "produced_by",
)
RELATION_COLS = (
    "doc_id",
    "sent_idx",
    "start",
    "end",
    "sentence",
    "a",
    "b",
    "level",
    "date",
    "status",
    "previous",
    "produced_by",
)
RECORD_TABLES = ("sentences", "mentions", "events", "figures", "relations")


def record_rows(x: Extraction) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for each record table, in the column order of the ``*_COLS`` tuples."""
    d = x.doc_id
    return {
        "sentences": [(d, s.idx, s.start, s.end, s.kind, s.text) for s in x.sentences],
        "mentions": [
            (
                d,
                m.sent_idx,
                m.start,
                m.end,
                m.text,
                m.label,
                m.actor.code,
                m.actor.name,
                m.actor.person,
                m.actor.role,
            )
            for m in x.mentions
        ],
        "events": [
            (
                d,
                e.evidence.sent_idx,
                e.evidence.start,
                e.evidence.end,
                e.evidence.text,
                e.type,
                e.plover_type,
                e.plover_mode,
                e.source.code if e.source else None,
                e.source.name if e.source else None,
                e.source.person if e.source else None,
                e.source.role if e.source else None,
                e.target.code if e.target else None,
                e.target.name if e.target else None,
                e.target.person if e.target else None,
                e.target.role if e.target else None,
                e.date,
                e.location,
                e.status,
                e.confidence,
                e.trigger,
                e.produced_by,
            )
            for e in x.events
        ],
        "figures": [
            (
                d,
                f.evidence.sent_idx,
                f.evidence.start,
                f.evidence.end,
                f.evidence.text,
                f.indicator,
                f.value,
                f.unit,
                f.qualifier,
                f.period,
                f.subject,
                f.text,
                f.produced_by,
            )
            for f in x.figures
        ],
        "relations": [
            (
                d,
                r.evidence.sent_idx,
                r.evidence.start,
                r.evidence.end,
                r.evidence.text,
                r.a,
                r.b,
                r.level,
                r.date,
                r.status,
                r.previous,
                r.produced_by,
            )
            for r in x.relations
        ],
    }


TABLE_COLS = {
    "sentences": SENTENCE_COLS,
    "mentions": MENTION_COLS,
    "events": EVENT_COLS,
    "figures": FIGURE_COLS,
    "relations": RELATION_COLS,
}
