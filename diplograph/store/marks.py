"""Where a store stands, so that a cached result can be brought up to date by its delta.

A :class:`Mark` is read before a result is computed: the counter of destructive changes
(``data_changes.n``: triggers of schema v7 add one on every DELETE or UPDATE of documents,
events, figures, relations, mentions or imported events, on both backends) and, per record
table, the largest id and the row count. A later store has only *appended* since a mark when
the counter is the same and every table still holds exactly the mark's rows up to its largest
id (:func:`appended_since`); its new records are then those with larger ids. Anything else (a
deletion, a re-extraction, an updated document, rows committed late under a smaller id by a
concurrent PostgreSQL writer) is not an append, and the caller computes from scratch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diplograph.store.base import Store

MARK_TABLES = ("events", "figures", "relations", "imported_events")

#: The counter and, per table of MARK_TABLES, its largest id and row count.
MARK_SQL = "SELECT (SELECT MAX(n) FROM data_changes) AS changes, " + ", ".join(
    f"(SELECT COALESCE(MAX(id), 0) FROM {t}) AS {t}_last, (SELECT COUNT(*) FROM {t}) AS {t}_rows"
    for t in MARK_TABLES
)


@dataclass(frozen=True)
class Mark:
    """A store's destructive-change counter, and each record table's last id and row count."""

    changes: int
    last: tuple[int, ...]  # per MARK_TABLES
    rows: tuple[int, ...]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Mark:
        def num(key: str) -> int:
            return int(row[key] or 0)

        return cls(
            num("changes"),
            tuple(num(f"{t}_last") for t in MARK_TABLES),
            tuple(num(f"{t}_rows") for t in MARK_TABLES),
        )

    def last_id(self, table: str) -> int:
        return self.last[MARK_TABLES.index(table)]

    def moved(self, since: Mark, table: str) -> bool:
        """True when ``table`` gained rows since ``since``."""
        i = MARK_TABLES.index(table)
        return (self.last[i], self.rows[i]) != (since.last[i], since.rows[i])


def appended_since(store: Store, old: Mark) -> Mark | None:
    """The store's mark now if it has only appended records since ``old``, else None."""
    new = store.data_mark()
    if new.changes != old.changes:
        return None
    for i, table in enumerate(MARK_TABLES):
        if (new.last[i], new.rows[i]) == (old.last[i], old.rows[i]):
            continue
        if new.last[i] < old.last[i] or store.rows_upto(table, old.last[i]) != old.rows[i]:
            return None
    return new
