"""PostgreSQL backend: the same tables, filters and results as :class:`SQLiteStore`.

* Schema: :mod:`diplograph.store.postgres_migrations`, numbered like the SQLite migrations.
* Full-text search: a generated ``tsvector`` column on ``sentences`` with a GIN index, queried
  with ``websearch_to_tsquery('simple', …)``; snippets from ``ts_headline`` with the same
  ``[`` ``]`` markers as SQLite's ``highlight()``; ``score`` is ``-ts_rank`` (lower is better,
  like bm25). The same sentences match on both backends; the order among them can differ
  (ts_rank is not BM25), and every match is ranked (SQLite ranks the newest
  ``SEARCH_RANK_WINDOW`` matches). Words match case-insensitively without stemming on both;
  SQLite also folds diacritics ("Hà Nội" = "Ha Noi"), PostgreSQL's ``simple`` configuration
  does not.
* Writes: one transaction per document (:meth:`save_document`), or one per batch with COPY
  (:meth:`save_documents_batch`, used by the parallel and Dask ingest paths).
* Filters reuse the SQLite module's parameterised WHERE builders, so both backends select the
  same rows; only the placeholder style differs (``?`` → ``%s``).
"""

from __future__ import annotations

import json
import os
import re
import socket
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row

from diplograph.errors import StoreError
from diplograph.models import Document, Extraction
from diplograph.store.base import AddStatus, Filters, HistoryFilters, Row
from diplograph.store.marks import MARK_SQL, Mark
from diplograph.store.postgres_migrations import PG_LATEST, PG_MIGRATIONS, pg_statements
from diplograph.store.queries import (
    DATA_MONTHS_SQL,
    documents_sql,
    event_locations_sql,
    event_pairs_sql,
    events_sql,
    figures_sql,
    history_where,
    imported_counts_sql,
    imported_defaults,
    imported_overlap_sql,
    relations_sql,
    rows_upto_sql,
    sentence_filter,
    utc_now,
)
from diplograph.store.rows import RECORD_TABLES, SENTENCE_COLS, TABLE_COLS, record_rows

_HEADLINE = 'StartSel="[", StopSel="]", HighlightAll=true'
_DOCUMENT_COLS = (
    "id",
    "version",
    "title",
    "url",
    "published",
    "outlet",
    "lang",
    "fmt",
    "source_path",
    "text",
    "content_hash",
    "extractor_version",
    "home",
    "ingested_at",
    "run_id",
)


def to_conninfo(url: str) -> str:
    """A libpq URL from ``postgresql://``, ``postgres://`` or ``postgresql+psycopg://``."""
    return re.sub(r"^postgres(?:ql)?(?:\+psycopg\d?)?://", "postgresql://", url)


def _pg(sql: str) -> str:
    """SQLite-style ``?`` placeholders → psycopg ``%s`` (our SQL text has no other ``?``)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _cols(cols: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in cols)


def _ts_query(query: str, mode: str = "and") -> tuple[str, list[Any]]:
    """A tsquery SQL expression and its parameters for free text, parsed like SQLite's
    ``_fts_query``: ``"phrases"`` kept, other words AND-ed (``mode="or"``: OR-ed, and a word
    ending in ``*`` matches as a prefix). Empty expression when nothing is searchable."""
    phrases = [p.replace('"', "") for p in re.findall(r'"([^"]+)"', query)]
    rest = re.sub(r'"[^"]*"', " ", query)
    if mode == "or":
        words = re.findall(r"\w+\*?", rest)
        plain = [f'"{p}"' for p in phrases] + [f'"{w}"' for w in words if not w.endswith("*")]
        prefixes = [w[:-1] for w in words if w.endswith("*")]
        parts: list[str] = []
        args: list[Any] = []
        if plain:
            parts.append("websearch_to_tsquery('simple', %s)")
            args.append(" or ".join(plain))
        for p in prefixes:
            pieces = re.findall(r"[^\W_]+", p)
            if pieces:
                parts.append("to_tsquery('simple', %s)")
                args.append(" & ".join(f"{piece}:*" for piece in pieces))
        return " || ".join(f"({p})" for p in parts), args
    terms = re.findall(r"\w+", rest)
    parts_ = [f'"{p}"' for p in phrases] + [f'"{t}"' for t in terms]
    if not parts_:
        return "", []
    return "websearch_to_tsquery('simple', %s)", [" ".join(parts_)]


def _merge_phrases(snippet: str, query: str) -> str:
    """Bracket a matched phrase as one span (``[health accord]``), as SQLite does."""
    for phrase in re.findall(r'"([^"]+)"', query):
        words = re.findall(r"[^\W_]+", phrase)
        if len(words) < 2:
            continue
        pattern = r"(\W+)".join(rf"\[({re.escape(w)})\]" for w in words)

        def join(m: re.Match[str]) -> str:
            return "[" + "".join(g for g in m.groups()) + "]"

        snippet = re.sub(pattern, join, snippet, flags=re.IGNORECASE)
    return snippet


class PostgresStore:
    """A Diplograph store in a PostgreSQL database (``postgresql://user@host:port/db``).

    A ``search_path`` in the URL (``?options=-csearch_path%3Dname``) selects the schema, so
    several stores can share one database.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.conn: psycopg.Connection[dict[str, Any]] = psycopg.connect(
                to_conninfo(url), autocommit=True, row_factory=dict_row
            )
        except psycopg.Error as err:
            raise StoreError(
                f"cannot connect to PostgreSQL at {_redact(url)}: {str(err).strip()}; is the "
                "server running (scripts/pg-start starts a local one) and the URL right?",
                code="D302",
            ) from err
        # close the connection when the store is dropped unclosed (CLI commands, API requests)
        weakref.finalize(self, self.conn.close)
        try:
            self._migrate()
        except psycopg.Error as err:
            self.conn.close()
            raise StoreError(
                f"cannot prepare the Diplograph schema in {_redact(url)}: {str(err).strip()}",
                code="D302",
            ) from err

    # -- lifecycle -------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self.transaction() as c:
            # one migrator at a time per schema (parallel workers may open the store at once)
            c.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
            c.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = c.execute("SELECT MAX(version) AS v FROM schema_version").fetchone()
            current = int(row["v"] or 0) if row else 0
            if current > PG_LATEST:
                raise StoreError(
                    f"database schema v{current} is newer than this Diplograph (v{PG_LATEST}); "
                    "upgrade",
                    code="D303",
                )
            for version, _name, sql in PG_MIGRATIONS:
                if version <= current:
                    continue
                for stmt in pg_statements(sql):
                    c.execute(stmt.encode())
                c.execute("INSERT INTO schema_version VALUES (%s)", (version,))

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) AS v FROM schema_version").fetchone()
        return int(row["v"]) if row else 0

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[dict[str, Any]]]:
        with self.conn.transaction():
            yield self.conn

    def close(self) -> None:
        self.conn.close()

    # -- runs and failures ---------------------------------------------------------------------
    def start_run(self, command: str, extractor_version: str) -> int:
        row = self.conn.execute(
            "INSERT INTO runs (command, extractor_version, started_at, pid, host) "
            "VALUES (%s, %s, %s, %s, %s) RETURNING id",
            (command, extractor_version, utc_now(), os.getpid(), socket.gethostname()),
        ).fetchone()
        return int(row["id"]) if row else 0

    def running_runs(self) -> list[Row]:
        return self.conn.execute(
            "SELECT id, pid, host FROM runs WHERE status = 'running' ORDER BY id"
        ).fetchall()

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None:
        self.conn.execute(
            "UPDATE runs SET finished_at = %s, status = %s, counts = %s WHERE id = %s",
            (utc_now(), status, json.dumps(counts), run_id),
        )

    def record_failure(self, run_id: int | None, item: str, code: str, message: str) -> None:
        self.conn.execute(
            "INSERT INTO failures (run_id, item, code, message, at) VALUES (%s, %s, %s, %s, %s)",
            (run_id, item, code, message, utc_now()),
        )

    def failures(self, limit: int = 100) -> list[Row]:
        return self.conn.execute(
            "SELECT * FROM failures ORDER BY id DESC LIMIT %s", (limit,)
        ).fetchall()

    # -- documents ---------------------------------------------------------------------------
    def document_status(self, doc: Document, content_hash: str) -> AddStatus:
        row = self.conn.execute(
            "SELECT content_hash FROM documents WHERE id = %s", (doc.id,)
        ).fetchone()
        if row is None:
            return "new"
        return "duplicate" if row["content_hash"] == content_hash else "updated"

    def save_document(
        self, doc: Document, content_hash: str, extraction: Extraction, run_id: int | None
    ) -> AddStatus:
        """Store a document and its records in one transaction (see SQLiteStore)."""
        with self.transaction() as c:
            c.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (doc.id,))
            row = c.execute(
                "SELECT id, version, content_hash FROM documents WHERE id = %s", (doc.id,)
            ).fetchone()
            version = 1
            status: AddStatus = "new"
            if row is not None:
                if row["content_hash"] == content_hash:
                    return "duplicate"
                status = "updated"
                version = int(row["version"]) + 1
                self._archive(c, [doc.id])
            c.execute(
                f"INSERT INTO documents ({_cols(_DOCUMENT_COLS)}) "
                f"VALUES ({', '.join('%s' for _ in _DOCUMENT_COLS)})",
                _document_row(doc, version, content_hash, extraction, run_id, utc_now()),
            )
            self._insert_records(c, extraction)
        return status

    def save_documents_batch(
        self,
        items: Sequence[tuple[Document, str, Extraction]],
        run_id: int | None,
    ) -> list[AddStatus]:
        """Store many documents with COPY, one transaction per batch; a status per item.

        Same outcome as calling :meth:`save_document` for each item in order: an id seen
        twice in the batch is handled in a following transaction.
        """
        statuses: list[AddStatus] = []
        start = 0
        while start < len(items):
            seen: set[str] = set()
            end = start
            while end < len(items) and items[end][0].id not in seen:
                seen.add(items[end][0].id)
                end += 1
            statuses += self._copy_batch(items[start:end], run_id)
            start = end
        return statuses

    def _copy_batch(
        self, items: Sequence[tuple[Document, str, Extraction]], run_id: int | None
    ) -> list[AddStatus]:
        ids = [doc.id for doc, _, _ in items]
        now = utc_now()
        with self.transaction() as c:
            for doc_id in sorted(ids):
                c.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (doc_id,))
            existing = {
                r["id"]: r
                for r in c.execute(
                    "SELECT id, version, content_hash FROM documents WHERE id = ANY(%s)", (ids,)
                ).fetchall()
            }
            statuses: list[AddStatus] = []
            docs: list[tuple[Any, ...]] = []
            records: dict[str, list[tuple[Any, ...]]] = {t: [] for t in RECORD_TABLES}
            replaced: list[str] = []
            for doc, digest, x in items:
                row = existing.get(doc.id)
                if row is not None and row["content_hash"] == digest:
                    statuses.append("duplicate")
                    continue
                version = 1 if row is None else int(row["version"]) + 1
                if row is not None:
                    replaced.append(doc.id)
                statuses.append("new" if row is None else "updated")
                docs.append(_document_row(doc, version, digest, x, run_id, now))
                for table, rows in record_rows(x).items():
                    records[table] += rows
            if replaced:
                self._archive(c, replaced)
            with c.cursor() as cur:
                for table, cols, rows in [
                    ("documents", _DOCUMENT_COLS, docs),
                    *[(t, TABLE_COLS[t], records[t]) for t in RECORD_TABLES],
                ]:
                    if not rows:
                        continue
                    with cur.copy(f"COPY {table} ({_cols(cols)}) FROM STDIN") as copy:
                        for r in rows:
                            copy.write_row(r)
        return statuses

    @staticmethod
    def _archive(c: psycopg.Connection[dict[str, Any]], ids: list[str]) -> None:
        """Move the current versions of ``ids`` to ``document_versions``; drop their records."""
        c.execute(
            "INSERT INTO document_versions (id, version, title, url, published, outlet, text, "
            "content_hash, ingested_at, replaced_at) SELECT id, version, title, url, published, "
            "outlet, text, content_hash, ingested_at, %s FROM documents WHERE id = ANY(%s) "
            "ON CONFLICT (id, version) DO UPDATE SET title = EXCLUDED.title, url = EXCLUDED.url, "
            "published = EXCLUDED.published, outlet = EXCLUDED.outlet, text = EXCLUDED.text, "
            "content_hash = EXCLUDED.content_hash, ingested_at = EXCLUDED.ingested_at, "
            "replaced_at = EXCLUDED.replaced_at",
            (utc_now(), ids),
        )
        for table in RECORD_TABLES:
            c.execute(f"DELETE FROM {table} WHERE doc_id = ANY(%s)", (ids,))
        c.execute("DELETE FROM documents WHERE id = ANY(%s)", (ids,))

    def replace_extraction(self, extraction: Extraction) -> None:
        with self.transaction() as c:
            for table in RECORD_TABLES:
                c.execute(f"DELETE FROM {table} WHERE doc_id = %s", (extraction.doc_id,))
            c.execute(
                "UPDATE documents SET extractor_version = %s, home = %s WHERE id = %s",
                (extraction.extractor_version, extraction.home, extraction.doc_id),
            )
            self._insert_records(c, extraction)

    @staticmethod
    def _insert_records(c: psycopg.Connection[dict[str, Any]], x: Extraction) -> None:
        with c.cursor() as cur:
            for table, rows in record_rows(x).items():
                if rows:
                    cols = TABLE_COLS[table]
                    cur.executemany(
                        f"INSERT INTO {table} ({_cols(cols)}) "
                        f"VALUES ({', '.join('%s' for _ in cols)})",
                        rows,
                    )

    def extractor_versions(self) -> dict[str, str | None]:
        rows = self.conn.execute("SELECT id, extractor_version FROM documents").fetchall()
        return {r["id"]: r["extractor_version"] for r in rows}

    def iter_documents(self) -> list[Document]:
        rows = self.conn.execute("SELECT * FROM documents ORDER BY id").fetchall()
        return [
            Document(
                id=r["id"],
                text=r["text"],
                title=r["title"],
                url=r["url"],
                published=r["published"],
                outlet=r["outlet"],
                lang=r["lang"] or "en",
                source_path=r["source_path"],
                fmt=r["fmt"] or "txt",
            )
            for r in rows
        ]

    def get_document(self, doc_id: str) -> Row | None:
        return self.conn.execute("SELECT * FROM documents WHERE id = %s", (doc_id,)).fetchone()

    def outlets(self) -> list[str]:
        """The distinct outlets of the stored documents."""
        rows = self.conn.execute(
            "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL AND outlet <> ''"
        ).fetchall()
        return [str(r["outlet"]) for r in rows]

    def docs_by_outlet(self, outlet: str, limit: int = 50) -> list[str]:
        """Ids of one outlet's documents, newest first."""
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE outlet = %s ORDER BY published DESC NULLS LAST "
            "LIMIT %s",
            (outlet, limit),
        ).fetchall()
        return [str(r["id"]) for r in rows]

    def documents(self, filters: Filters) -> list[Row]:
        sql, args, order = self._documents_sql(filters)
        return self._rows(sql + order, args, filters.limit, filters.offset)

    def _documents_sql(self, filters: Filters) -> tuple[str, list[Any], str]:
        sql, args, order = documents_sql(filters)
        return _pg(sql), args, order

    def sentences(self, doc_id: str) -> list[Row]:
        return self.conn.execute(
            f"SELECT {_cols(SENTENCE_COLS)} FROM sentences WHERE doc_id = %s ORDER BY idx",
            (doc_id,),
        ).fetchall()

    def mentions(self, doc_id: str) -> list[Row]:
        """Actor mentions of one document (countries, organisations, people, capitals)."""
        return self.conn.execute(
            "SELECT * FROM mentions WHERE doc_id = %s ORDER BY start, id", (doc_id,)
        ).fetchall()

    # -- records -------------------------------------------------------------------------------
    def _rows(self, sql: str, args: list[Any], limit: int | None, offset: int = 0) -> list[Row]:
        if limit or offset:
            sql += " LIMIT %s OFFSET %s"
            args = [*args, limit or None, max(0, offset)]
        return self.conn.execute(sql.encode(), args).fetchall()

    def events(self, filters: Filters) -> list[Row]:
        sql, args, order = self._events_sql(filters)
        return self._rows(sql + order, args, filters.limit, filters.offset)

    def _events_sql(self, filters: Filters) -> tuple[str, list[Any], str]:
        sql, args, order = events_sql(filters)
        return _pg(sql), args, order

    def figures(self, filters: Filters) -> list[Row]:
        sql, args, order = self._figures_sql(filters)
        return self._rows(sql + order, args, filters.limit, filters.offset)

    def _figures_sql(self, filters: Filters) -> tuple[str, list[Any], str]:
        sql, args, order = figures_sql(filters)
        return _pg(sql), args, order

    def relations(self, filters: Filters) -> list[Row]:
        sql, args, order = self._relations_sql(filters)
        return self._rows(sql + order, args, filters.limit, filters.offset)

    def _relations_sql(self, filters: Filters) -> tuple[str, list[Any], str]:
        sql, args, order = relations_sql(filters)
        return _pg(sql), args, order

    def data_version(self) -> str:
        """A value that changes whenever the stored data may have, for caches to key on.

        The server's current snapshot (``xmin:xmax:in-progress ids``) changes whenever a
        transaction that writes starts or ends, here or in any other session, so a commit
        always moves it. Writes to other databases of the server move it too (a cache miss,
        never a stale hit).
        """
        row = self.conn.execute("SELECT pg_current_snapshot()::text AS v").fetchone()
        return str(row["v"]) if row else ""

    def data_mark(self) -> Mark:
        """Where the store stands (see :mod:`diplograph.store.marks`)."""
        row = self.conn.execute(MARK_SQL.encode()).fetchone()
        return Mark.from_row(dict(row or {}))

    def rows_upto(self, table: str, last_id: int) -> int:
        """Rows of ``table`` (one of ``MARK_TABLES``) with an id up to ``last_id``."""
        row = self.conn.execute(_pg(rows_upto_sql(table)), (last_id,)).fetchone()
        return int(row["n"]) if row else 0

    def common_terms(self, terms: list[str], share: float) -> set[str]:
        """Nothing is dropped: PostgreSQL's GIN index keeps common-word queries cheap."""
        return set()

    def search(self, query: str, filters: Filters, mode: str = "and") -> list[Row]:
        """Ranked full-text search over sentences (tsvector + GIN), highlighted snippets.

        ``mode="and"`` (default) needs every term; ``mode="or"`` ranks sentences with any.
        """
        sql, args, order = self._search_sql(query, filters, mode)
        if not sql:
            return []
        rows = self._rows(sql + order, args, filters.limit or 20, filters.offset)
        if '"' in query:
            for r in rows:
                r["snippet"] = _merge_phrases(r["snippet"], query)
        return rows

    def _search_sql(
        self, query: str, filters: Filters, mode: str = "and"
    ) -> tuple[str, list[Any], str]:
        tsq, targs = _ts_query(query, mode)
        if not tsq:
            return "", [], ""
        sql = (
            's.doc_id, s.idx, s.start, s."end", s.text, '
            "ts_headline('simple', s.text, q.q, %s) AS snippet, "
            "-ts_rank(s.tsv, q.q)::float8 AS score, d.title, d.published "
            f"FROM (SELECT {tsq} AS q) q JOIN sentences s ON s.tsv @@ q.q "
            "JOIN documents d ON d.id = s.doc_id WHERE 1=1"
        )
        sql = "SELECT " + sql
        args: list[Any] = [_HEADLINE, *targs]
        conditions, more = sentence_filter(filters, "s")
        sql += _pg(conditions)
        args += more
        return sql, args, " ORDER BY score, s.doc_id, s.idx"

    def count(self, kind: str, filters: Filters, query: str | None = None) -> int:
        """How many rows ``kind`` (documents, events, figures, relations, search) would list
        with these filters, ignoring limit and offset."""
        if kind == "search":
            sql, args, _ = self._search_sql(query or "", filters)
        elif kind in ("documents", "events", "figures", "relations"):
            sql, args, _ = getattr(self, f"_{kind}_sql")(filters)
        else:
            raise ValueError(f"cannot count {kind!r}")
        if not sql:
            return 0
        row = self.conn.execute(
            ("SELECT COUNT(*) AS n FROM (" + sql + ") AS q").encode(), args
        ).fetchone()
        return int(row["n"]) if row else 0

    def event_histogram(self, filters: Filters, period: str = "month") -> list[Row]:
        """Dated events counted per period (``year`` or ``month``) and type, oldest first."""
        width = {"year": 4, "month": 7}.get(period)
        if width is None:
            raise ValueError(f"period must be 'year' or 'month', not {period!r}")
        inner, args, _ = self._events_sql(filters)
        sql = (
            f"SELECT substr(date, 1, {width}) AS period, type, COUNT(*) AS count "
            f"FROM ({inner}) AS e WHERE length(date) >= {width} GROUP BY 1, 2 ORDER BY 1, 2"
        )
        return self.conn.execute(sql.encode(), args).fetchall()

    def event_pairs(self, filters: Filters) -> list[Row]:
        """Events counted per directed actor pair (source, target) and type."""
        inner, args, _ = self._events_sql(filters)
        rows = self.conn.execute(event_pairs_sql(inner).encode(), args).fetchall()
        for r in rows:
            r["count"] = int(r["count"])  # COUNT(*) is bigint; keep the SQLite int
        return rows

    def event_locations(self, filters: Filters) -> list[Row]:
        """Events that name a location, counted per location, actor pair and type."""
        inner, args, _ = self._events_sql(filters)
        rows = self.conn.execute(event_locations_sql(inner).encode(), args).fetchall()
        for r in rows:
            r["count"] = int(r["count"])  # COUNT(*) is bigint; keep the SQLite int
        return rows

    def relation_pairs(self, filters: Filters) -> list[Row]:
        """Each (a, b, level) found in documents once, with its latest date and mention count."""
        inner, args, _ = self._relations_sql(filters)
        sql = (
            "SELECT a, b, level, MAX(date) AS date, COUNT(*) AS mentions, "
            f"MIN(doc_id) AS doc_id FROM ({inner}) AS r GROUP BY a, b, level "
            "ORDER BY a, b, level"
        )
        return self.conn.execute(sql.encode(), args).fetchall()

    # -- imported event history (issue 9) ------------------------------------------------------
    _IMPORTED_COLS = (
        "dataset, file, row, date, source_code, source_name, target_code, target_name, "
        "source_uncoded, target_uncoded, type, cameo_code, event_name, plover_type, "
        "quad_class, count"
    )

    def add_imported_events(
        self, rows: Sequence[Row], run_id: int | None = None
    ) -> tuple[int, int]:
        """Insert imported records in one transaction; (inserted, skipped as already stored).

        The key is (dataset, file, row), so re-importing the same file changes nothing.
        """
        names = [c.strip() for c in self._IMPORTED_COLS.split(",")]
        marks = ", ".join("%s" for _ in names)
        sql = (
            f"INSERT INTO imported_events ({self._IMPORTED_COLS}, run_id, imported_at) "
            f"VALUES ({marks}, %s, %s) ON CONFLICT (dataset, file, row) DO NOTHING"
        )
        now = utc_now()
        values = [
            (*(_plain(imported_defaults(r).get(n)) for n in names), run_id, now) for r in rows
        ]  # bools stored as 0/1, as SQLite does
        inserted = 0
        with self.transaction() as c, c.cursor() as cur:
            if values:
                cur.executemany(sql, values)
                inserted = max(0, cur.rowcount)
        return inserted, len(rows) - inserted

    def imported_events(self, filters: HistoryFilters) -> list[Row]:
        sql, args = history_where("SELECT * FROM imported_events", filters)
        sql += " ORDER BY date, id"
        return self._rows(_pg(sql), args, filters.limit)

    def imported_counts(self, filters: HistoryFilters) -> list[Row]:
        """Counts per month, directed pair, our type and quad class (one dataset per cell)."""
        sql, args = imported_counts_sql(filters)
        sql += (
            " ORDER BY month, source_code NULLS FIRST, target_code NULLS FIRST, "
            "type NULLS FIRST, quad_class NULLS FIRST"
        )
        rows = self._rows(_pg(sql), args, filters.limit)
        for r in rows:
            r["n"] = int(r["n"])  # SUM(integer) is numeric in PostgreSQL
        return rows

    def data_months(self) -> list[Row]:
        """Documents (by publication date) and imported records (by dataset) per month."""
        return self.conn.execute(_pg(DATA_MONTHS_SQL).encode()).fetchall()

    def imported_overlap(self, dataset: str) -> int:
        """Cells of ``dataset`` that another imported dataset also counts."""
        sql, args = imported_overlap_sql(dataset)
        row = self.conn.execute(_pg(sql), args).fetchone()
        return int(row["cells"]) if row else 0

    def stats(self) -> dict[str, Any]:
        def count(table: str) -> int:
            row = self.conn.execute(f"SELECT COUNT(*) AS n FROM {table}").fetchone()
            return int(row["n"]) if row else 0

        by_type = {
            r["type"]: r["n"]
            for r in self.conn.execute(
                "SELECT type, COUNT(*) AS n FROM events GROUP BY type ORDER BY COUNT(*) DESC, type"
            ).fetchall()
        }
        return {
            "documents": count("documents"),
            "sentences": count("sentences"),
            "events": count("events"),
            "figures": count("figures"),
            "relations": count("relations"),
            "failures": count("failures"),
            "imported_events": count("imported_events"),
            "document_versions": count("document_versions"),
            "events_by_type": by_type,
            "schema_version": self.schema_version,
        }


def _document_row(
    doc: Document,
    version: int,
    content_hash: str,
    x: Extraction,
    run_id: int | None,
    now: str,
) -> tuple[Any, ...]:
    return (
        doc.id,
        version,
        doc.title,
        doc.url,
        doc.published,
        doc.outlet,
        doc.lang,
        doc.fmt,
        doc.source_path,
        doc.text,
        content_hash,
        x.extractor_version,
        x.home,
        now,
        run_id,
    )


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
