"""A Python surface for notebooks: records as pandas DataFrames, names in any spelling.

    import diplograph
    dg = diplograph.connect("demo.db")
    dg.events(country="Viet Nam", type="visit", since="2023")   # a typed DataFrame
    dg.ask("When did Vietnam and the US upgrade their ties?").answer
    dg.trends("Vietnam", partner="China", by="year")

pandas is an optional dependency: ``pip install 'diplograph[frames]'``.
"""

from __future__ import annotations

from typing import Any

from diplograph.errors import ConfigError
from diplograph.store import Filters, Store, open_existing_store

#: column → pandas dtype, per record kind; every frame has these columns whatever its rows
COLUMNS: dict[str, dict[str, str]] = {
    "events": {
        "doc_id": "string", "sent_idx": "Int64", "type": "string", "source_code": "string",
        "source_name": "string", "source_person": "string", "target_code": "string",
        "target_name": "string", "target_person": "string", "date": "string",
        "location": "string", "status": "string", "confidence": "Float64",
        "sentence": "string", "start": "Int64", "end": "Int64", "produced_by": "string",
    },
    "figures": {
        "doc_id": "string", "sent_idx": "Int64", "indicator": "string", "value": "Float64",
        "unit": "string", "qualifier": "string", "period": "string", "subject": "string",
        "sentence": "string", "start": "Int64", "end": "Int64", "produced_by": "string",
    },
    "relations": {
        "doc_id": "string", "sent_idx": "Int64", "a": "string", "b": "string",
        "level": "string", "status": "string", "date": "string", "previous": "string",
        "sentence": "string", "start": "Int64", "end": "Int64", "produced_by": "string",
    },
    "canonical": {
        "type": "string", "source": "string", "target": "string", "date": "string",
        "location": "string", "status": "string", "sources": "Int64", "docs": "object",
    },
}  # fmt: skip


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as err:  # pragma: no cover - the dev extra installs pandas
        raise ConfigError(
            "DataFrames need pandas: pip install 'diplograph[frames]'", code="D408"
        ) from err
    return pd


def frame(rows: list[dict[str, Any]], kind: str) -> Any:
    """Rows of one record kind as a DataFrame with the kind's columns and dtypes."""
    pd = _pandas()
    cols = COLUMNS[kind]
    df = pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=list(cols))
    df = df.astype({c: t for c, t in cols.items() if t != "object"})
    if "date" in df.columns:  # the year of a partial date ("2023", "2023-09", "2023-09-10")
        df["year"] = pd.to_numeric(df["date"].str.slice(0, 4), errors="coerce").astype("Int64")
    return df


class Diplograph:
    """A store seen from a notebook: filters take names in any spelling, results are frames."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _filters(
        self,
        country: str | None,
        partner: str | None,
        type: str | None,
        since: str | None,
        until: str | None,
        limit: int | None,
    ) -> Filters:
        from diplograph.query.inputs import actor_code, iso_date

        return Filters(
            country=actor_code(country),
            partner=actor_code(partner),
            type=type,
            since=iso_date(since),
            until=iso_date(until),
            limit=limit,
        )

    def events(
        self,
        country: str | None = None,
        partner: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> Any:
        """Events as a DataFrame (``type`` is validated: "visit" → VISIT)."""
        from diplograph.query.inputs import event_type

        f = self._filters(country, partner, event_type(type), since, until, limit)
        return frame(self.store.events(f), "events")

    def figures(
        self,
        country: str | None = None,
        indicator: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> Any:
        """Figures as a DataFrame."""
        f = self._filters(country, None, indicator, since, until, limit)
        return frame(self.store.figures(f), "figures")

    def relations(
        self,
        country: str | None = None,
        partner: str | None = None,
        level: str | None = None,
        limit: int | None = None,
    ) -> Any:
        """Relationship tiers as a DataFrame."""
        f = self._filters(country, partner, level, None, None, limit)
        return frame(self.store.relations(f), "relations")

    def canonical(
        self,
        country: str | None = None,
        partner: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Any:
        """Canonical events (one row per real-world event, ``sources`` reports of it)."""
        from diplograph.query.canonical import canonical_events
        from diplograph.query.inputs import event_type

        f = self._filters(country, partner, event_type(type), since, until, None)
        rows = [
            {**c.to_dict(), "sources": len(c.sources), "docs": c.docs}
            for c in canonical_events(self.store, f)
        ]
        return frame(rows, "canonical")

    def ask(self, question: str) -> Any:
        """An :class:`~diplograph.query.ask.Answer` (answer, evidence, confidence)."""
        from diplograph.query.ask import answer

        return answer(self.store, question)

    def review(self, country: str, period: str) -> Any:
        """A foreign-relations review (:class:`~diplograph.reports.review.Review`)."""
        from diplograph.query.inputs import actor_code
        from diplograph.reports.review import build_review

        return build_review(self.store, str(actor_code(country)), period)

    def trends(
        self, country: str, partner: str | None = None, by: str = "month", since: str | None = None
    ) -> Any:
        """Event counts per period with the cooperation/conflict split, as a DataFrame."""
        from diplograph.analysis.trends import SeriesQuery, build_series
        from diplograph.query.inputs import actor_code, iso_date

        q = SeriesQuery(
            country=actor_code(country), partner=actor_code(partner), by=by, since=iso_date(since)
        )
        s = build_series(self.store, q)
        pd = _pandas()
        return pd.DataFrame(
            {
                "period": pd.array(s.periods, dtype="string"),
                "total": pd.array(s.total, dtype="Int64"),
                "cooperation": pd.array(s.cooperation, dtype="Int64"),
                "conflict": pd.array(s.conflict, dtype="Int64"),
            }
        )

    def close(self) -> None:
        self.store.close()


def connect(db: str) -> Diplograph:
    """Open an existing store (SQLite path or PostgreSQL URL) for notebook use."""
    return Diplograph(open_existing_store(db))
