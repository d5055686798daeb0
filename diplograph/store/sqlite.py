"""SQLite backend: WAL, one transaction per document, FTS5 over sentences."""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from diplograph.errors import StoreError
from diplograph.models import Document, Extraction
from diplograph.store.base import AddStatus, Filters, HistoryFilters, Row
from diplograph.store.marks import MARK_SQL, Mark
from diplograph.store.migrations import LATEST, MIGRATIONS, sqlite_statements
from diplograph.store.queries import (
    DATA_MONTHS_SQL,
    documents_sql,
    event_locations_sql,
    event_pairs_sql,
    events_rows_sql,
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
from diplograph.store.rows import TABLE_COLS, record_rows

# Search ranks (exact BM25) at most this many matches, the most recently stored first.
SEARCH_RANK_WINDOW = 5_000
COMMON_MIN_SENTENCES = 100_000  # stores smaller than this keep every query term
TERM_CACHE_SIZE = 10_000  # FTS term counts kept per connection (see _term_counts)


def _fts_query(query: str, mode: str = "and") -> str:
    """Turn free text into a safe FTS5 query: quoted terms, AND-ed; `"phrases"` kept.

    ``mode="or"`` OR-s the terms instead, and a term ending in ``*`` matches as a prefix.
    """
    phrases = re.findall(r'"([^"]+)"', query)
    rest = re.sub(r'"[^"]*"', " ", query)
    if mode == "or":
        words = re.findall(r"\w+\*?", rest)
        alts = [f'"{t[:-1]}"*' if t.endswith("*") else f'"{t}"' for t in words]
        return " OR ".join([f'"{p.replace(chr(34), "")}"' for p in phrases] + alts)
    terms = list(re.findall(r"\w+", rest, flags=re.UNICODE))
    parts = [f'"{p.replace(chr(34), "")}"' for p in phrases] + [f'"{t}"' for t in terms]
    return " ".join(parts)


class SQLiteStore:
    """A Diplograph store in one SQLite file (or ``:memory:``)."""

    def __init__(self, path: str, *, check_same_thread: bool = True) -> None:
        self.url = path
        self._counts: dict[str, int] = {}  # FTS term → sentences, for common_terms
        self._counts_version: tuple[int, int] | None = None
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.exists():
                raise StoreError(
                    f"folder {parent} does not exist; create it or pass another --db",
                    code="D301",
                )
        try:
            self.conn = sqlite3.connect(
                path, timeout=30, isolation_level=None, check_same_thread=check_same_thread
            )
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"cannot open database {path!r}: {err}; is it a Diplograph SQLite file?",
                code="D302",
            ) from err

    # -- lifecycle -------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        current = row[0] or 0
        if current > LATEST:
            raise StoreError(
                f"database schema v{current} is newer than this Diplograph (v{LATEST}); upgrade",
                code="D303",
            )
        for version, _name, sql in MIGRATIONS:
            if version <= current:
                continue
            with self.transaction():
                for stmt in sqlite_statements(sql):
                    self.conn.execute(stmt)
                self.conn.execute("INSERT INTO schema_version VALUES (?)", (version,))

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    # -- runs and failures ---------------------------------------------------------------------
    def start_run(self, command: str, extractor_version: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs (command, extractor_version, started_at, pid, host) "
            "VALUES (?, ?, ?, ?, ?)",
            (command, extractor_version, utc_now(), os.getpid(), socket.gethostname()),
        )
        return int(cur.lastrowid or 0)

    def running_runs(self) -> list[Row]:
        sql = "SELECT id, pid, host FROM runs WHERE status = 'running' ORDER BY id"
        return [dict(r) for r in self.conn.execute(sql).fetchall()]

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None:
        self.conn.execute(
            "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
            (utc_now(), status, json.dumps(counts), run_id),
        )

    def record_failure(self, run_id: int | None, item: str, code: str, message: str) -> None:
        self.conn.execute(
            "INSERT INTO failures (run_id, item, code, message, at) VALUES (?, ?, ?, ?, ?)",
            (run_id, item, code, message, utc_now()),
        )

    def failures(self, limit: int = 100) -> list[Row]:
        rows = self.conn.execute(
            "SELECT * FROM failures ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [dict(r) for r in rows]

    # -- documents ---------------------------------------------------------------------------
    def document_status(self, doc: Document, content_hash: str) -> AddStatus:
        row = self.conn.execute(
            "SELECT content_hash FROM documents WHERE id = ?", (doc.id,)
        ).fetchone()
        if row is None:
            return "new"
        return "duplicate" if row[0] == content_hash else "updated"

    def save_document(
        self, doc: Document, content_hash: str, extraction: Extraction, run_id: int | None
    ) -> AddStatus:
        """Store a document and its records atomically.

        Same id and same text: nothing changes ("duplicate"). Same id with new text: the
        old version is archived in ``document_versions`` and the new one replaces it
        ("updated"), so nothing is silently lost.
        """
        with self.transaction() as c:
            row = c.execute("SELECT * FROM documents WHERE id = ?", (doc.id,)).fetchone()
            version = 1
            status: AddStatus = "new"
            if row is not None:
                if row["content_hash"] == content_hash:
                    return "duplicate"
                status = "updated"
                version = int(row["version"]) + 1
                c.execute(
                    "INSERT OR REPLACE INTO document_versions (id, version, title, url, "
                    "published, outlet, text, content_hash, ingested_at, replaced_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        row["id"],
                        row["version"],
                        row["title"],
                        row["url"],
                        row["published"],
                        row["outlet"],
                        row["text"],
                        row["content_hash"],
                        row["ingested_at"],
                        utc_now(),
                    ),
                )
                self._delete_records(c, doc.id)
                c.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            c.execute(
                "INSERT INTO documents (id, version, title, url, published, outlet, lang, fmt, "
                "source_path, text, content_hash, extractor_version, home, ingested_at, run_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
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
                    extraction.extractor_version,
                    extraction.home,
                    utc_now(),
                    run_id,
                ),
            )
            self._insert_records(c, extraction)
        return status

    def save_documents_batch(
        self, items: Sequence[tuple[Document, str, Extraction]], run_id: int | None
    ) -> list[AddStatus]:
        """Store (document, content hash, extraction) items in order; a status per item.

        SQLite writes are cheap, so each document keeps its own transaction here; the
        PostgreSQL backend loads a batch with COPY instead.
        """
        return [self.save_document(doc, h, x, run_id) for doc, h, x in items]

    def replace_extraction(self, extraction: Extraction) -> None:
        with self.transaction() as c:
            self._delete_records(c, extraction.doc_id)
            c.execute(
                "UPDATE documents SET extractor_version = ?, home = ? WHERE id = ?",
                (extraction.extractor_version, extraction.home, extraction.doc_id),
            )
            self._insert_records(c, extraction)

    @staticmethod
    def _delete_records(c: sqlite3.Connection, doc_id: str) -> None:
        for table in ("sentences", "mentions", "events", "figures", "relations"):
            c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))  # noqa: S608
        c.execute("DELETE FROM sentences_fts WHERE doc_id = ?", (doc_id,))

    @staticmethod
    def _insert_records(c: sqlite3.Connection, x: Extraction) -> None:
        rows = record_rows(x)
        for table, table_rows in rows.items():
            cols = TABLE_COLS[table]
            names = ", ".join(f'"{col}"' for col in cols)
            marks = ", ".join("?" for _ in cols)
            c.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", table_rows)  # noqa: S608
        c.executemany(
            "INSERT INTO sentences_fts (text, doc_id, idx) VALUES (?, ?, ?)",
            [(s.text, x.doc_id, s.idx) for s in x.sentences],
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
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return dict(row) if row else None

    def outlets(self) -> list[str]:
        """The distinct outlets of the stored documents, in the order they were first stored.

        A loose scan of the ``documents_outlet`` index: a few seeks per outlet (0.05 ms)
        instead of reading every document (35 ms at 100,000 documents, on every ``ask``).
        """
        rows = self.conn.execute(
            "WITH RECURSIVE o(outlet) AS (SELECT MIN(outlet) FROM documents WHERE outlet > '' "
            "UNION ALL SELECT (SELECT MIN(outlet) FROM documents WHERE outlet > o.outlet) "
            "FROM o WHERE o.outlet IS NOT NULL) SELECT outlet FROM o WHERE outlet IS NOT NULL "
            "ORDER BY (SELECT MIN(d.rowid) FROM documents d WHERE d.outlet = o.outlet)"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def docs_by_outlet(self, outlet: str, limit: int = 50) -> list[str]:
        """Ids of one outlet's documents, newest first."""
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE outlet = ? ORDER BY published DESC LIMIT ?",
            (outlet, limit),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def documents(self, filters: Filters) -> list[Row]:
        sql, args, order = self._documents_sql(filters)
        return self._rows(sql + order, args, filters.limit, filters.offset)

    def _documents_sql(self, filters: Filters) -> tuple[str, list[Any], str]:
        return documents_sql(filters)

    def sentences(self, doc_id: str) -> list[Row]:
        rows = self.conn.execute(
            "SELECT * FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,)
        ).fetchall()
        return [dict(r) for r in rows]

    def mentions(self, doc_id: str) -> list[Row]:
        """Actor mentions of one document (countries, organisations, people, capitals)."""
        rows = self.conn.execute(
            "SELECT * FROM mentions WHERE doc_id = ? ORDER BY start", (doc_id,)
        ).fetchall()
        return [dict(r) for r in rows]

    # -- records -------------------------------------------------------------------------------
    def _rows(self, sql: str, args: list[Any], limit: int | None, offset: int = 0) -> list[Row]:
        if limit or offset:
            sql += " LIMIT ? OFFSET ?"
            args += [limit or -1, max(0, offset)]
        cursor = self.conn.execute(sql, args)
        rows = cursor.fetchall()
        names = [d[0] for d in cursor.description or ()]
        if len(set(names)) < len(names):  # a repeated name keeps its first value, as dict(row)
            return [dict(r) for r in rows]
        return [dict(zip(names, r, strict=False)) for r in rows]  # twice as fast by position

    def events(self, filters: Filters) -> list[Row]:
        sql, args, order = events_rows_sql(filters)
        return self._rows(sql + order, args, filters.limit, filters.offset)

    def _events_sql(self, filters: Filters) -> tuple[str, list[Any], str]:
        return events_sql(filters)

    def figures(self, filters: Filters) -> list[Row]:
        sql, args, order = self._figures_sql(filters)
        return self._rows(sql + order, args, filters.limit, filters.offset)

    def _figures_sql(self, filters: Filters) -> tuple[str, list[Any], str]:
        return figures_sql(filters)

    def relations(self, filters: Filters) -> list[Row]:
        sql, args, order = self._relations_sql(filters)
        return self._rows(sql + order, args, filters.limit, filters.offset)

    def _relations_sql(self, filters: Filters) -> tuple[str, list[Any], str]:
        return relations_sql(filters)

    def data_version(self) -> tuple[int, int]:
        """A value that changes whenever the stored data may have, for caches to key on.

        ``PRAGMA data_version`` moves when another connection commits (an ingest, a pooled
        API connection); ``total_changes`` when this connection writes (``save_document``).
        """
        other = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        return other, self.conn.total_changes

    def data_mark(self) -> Mark:
        """Where the store stands (see :mod:`diplograph.store.marks`)."""
        return Mark.from_row(dict(self.conn.execute(MARK_SQL).fetchone()))

    def rows_upto(self, table: str, last_id: int) -> int:
        """Rows of ``table`` (one of ``MARK_TABLES``) with an id up to ``last_id``."""
        return int(self.conn.execute(rows_upto_sql(table), (last_id,)).fetchone()[0])

    def common_terms(self, terms: list[str], share: float) -> set[str]:
        """The FTS terms (``word`` exact, ``word*`` a prefix) found in more than ``share`` of
        the sentences, on a large store only.

        A word in most sentences ("Vietnam" in a Vietnamese outlet's archive) adds nothing to a
        ranking and makes an FTS5 OR query merge huge posting lists (seconds at 100,000
        documents). Below ``COMMON_MIN_SENTENCES`` nothing is dropped, so small stores rank
        exactly as before.
        """
        total = int(self.conn.execute("SELECT MAX(rowid) FROM sentences_fts").fetchone()[0] or 0)
        if total < COMMON_MIN_SENTENCES or not terms:
            return set()
        counts = self._term_counts([t for t in dict.fromkeys(terms) if t.rstrip("*")])
        return {t for t, n in counts.items() if n > share * total}

    def _term_counts(self, terms: list[str]) -> dict[str, int]:
        """Sentences holding each FTS term, through ``fts5vocab``, cached per
        :meth:`data_version`.

        Counting a word reads its whole posting list (6 ms for ``vietnam*`` in 800,000
        sentences; 10-25 ms a question) and questions keep asking about the same words. Any
        write, here or through another connection, changes the version and empties the cache.
        """
        version = self.data_version()
        if self._counts_version != version or len(self._counts) > TERM_CACHE_SIZE:
            self._counts_version, self._counts = version, {}
        missing = [t for t in terms if t not in self._counts]
        if missing:
            self.conn.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentences_vocab "
                "USING fts5vocab(main, 'sentences_fts', 'row')"
            )
        for term in missing:
            word = term.rstrip("*").lower()
            hi = word + "\uffff" if term.endswith("*") else word  # a prefix: every word after
            self._counts[term] = int(
                self.conn.execute(
                    "SELECT COALESCE(SUM(doc), 0) FROM temp.sentences_vocab "
                    "WHERE term >= ? AND term <= ?",
                    (word, hi),
                ).fetchone()[0]
            )
        return {t: self._counts[t] for t in terms}

    def search(self, query: str, filters: Filters, mode: str = "and") -> list[Row]:
        """Ranked (bm25) full-text search over sentences, with highlighted snippets.

        ``mode="and"`` (default) needs every term; ``mode="or"`` ranks sentences with any.
        Ranking is exact BM25 over the ``SEARCH_RANK_WINDOW`` most recently stored matches,
        which is every match unless a query hits more sentences than that (then the best of
        the newest are returned, keeping a very common word fast on a large store).
        """
        base, args = self._search_from(query, filters, mode)
        if not base:
            return []
        top = (
            "SELECT rid, rank_score FROM (SELECT f.rowid AS rid, bm25(sentences_fts) AS "
            f"rank_score {base} ORDER BY f.rowid DESC LIMIT ?) ORDER BY rank_score, rid "
            "LIMIT ? OFFSET ?"
        )
        limit = filters.limit or 20
        params = [*args, SEARCH_RANK_WINDOW, limit, max(0, filters.offset)]
        scores = {int(r[0]): float(r[1]) for r in self.conn.execute(top, params).fetchall()}
        if not scores:
            return []
        # Second step for the page only, without bm25() (its per-statement term statistics are
        # the expensive part). The page's rowids bound one pass over the matches (at most the
        # rank window); ``+f.rowid IN`` filters after it. A plain ``rowid IN`` made FTS5 run the
        # whole MATCH once per rowid: 30-160 ms for prefix and OR queries, 1-3 ms this way.
        sql = (
            'SELECT f.rowid AS rid, f.doc_id, CAST(f.idx AS INTEGER) AS idx, s.start, s."end", '
            "s.text, highlight(sentences_fts, 0, '[', ']') AS snippet, d.title, d.published "
            "FROM sentences_fts f JOIN sentences s ON s.doc_id = f.doc_id AND s.idx = f.idx "
            "JOIN documents d ON d.id = f.doc_id "
            "WHERE sentences_fts MATCH ? AND f.rowid BETWEEN ? AND ? "
            f"AND +f.rowid IN ({', '.join('?' * len(scores))})"
        )
        rows = []
        page = [args[0], min(scores), max(scores), *scores]
        for r in self.conn.execute(sql, page).fetchall():
            row = dict(r)
            rid = row.pop("rid")
            rows.append({**row, "score": scores[rid], "_rid": rid})
        rows.sort(key=lambda row: (row["score"], row["_rid"]))
        for row in rows:
            del row["_rid"]
        return rows

    def _search_sql(
        self, query: str, filters: Filters, mode: str = "and"
    ) -> tuple[str, list[Any], str]:
        base, args = self._search_from(query, filters, mode)
        return ("SELECT f.rowid " + base if base else ""), args, ""

    def _search_from(
        self, query: str, filters: Filters, mode: str = "and"
    ) -> tuple[str, list[Any]]:
        """FROM/WHERE of the matching sentences with the filters; args start with the query."""
        fts = _fts_query(query, mode)
        if not fts:
            return "", []
        sql = "FROM sentences_fts f"
        where = " WHERE sentences_fts MATCH ?"
        args: list[Any] = [fts]
        if filters.since or filters.until:
            sql += " JOIN documents d ON d.id = f.doc_id"
        conditions, more = sentence_filter(filters, "f")
        where += conditions
        args += more
        return sql + where, args

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
        sql = "SELECT COUNT(*) FROM (" + sql + ")"
        return int(self.conn.execute(sql, args).fetchone()[0])

    def event_histogram(self, filters: Filters, period: str = "month") -> list[Row]:
        """Dated events counted per period (``year`` or ``month``) and type, oldest first."""
        width = {"year": 4, "month": 7}.get(period)
        if width is None:
            raise ValueError(f"period must be 'year' or 'month', not {period!r}")
        inner, args, _ = self._events_sql(filters)
        sql = (
            f"SELECT substr(date, 1, {width}) AS period, type, COUNT(*) AS count "
            f"FROM ({inner}) WHERE length(date) >= {width} GROUP BY period, type ORDER BY period"
        )
        return [dict(r) for r in self.conn.execute(sql, args).fetchall()]

    def event_pairs(self, filters: Filters) -> list[Row]:
        """Events counted per directed actor pair (source, target) and type."""
        inner, args, _ = self._events_sql(filters)
        return [dict(r) for r in self.conn.execute(event_pairs_sql(inner), args).fetchall()]

    def event_locations(self, filters: Filters) -> list[Row]:
        """Events that name a location, counted per location, actor pair and type."""
        inner, args, _ = self._events_sql(filters)
        return [dict(r) for r in self.conn.execute(event_locations_sql(inner), args).fetchall()]

    def relation_pairs(self, filters: Filters) -> list[Row]:
        """Each (a, b, level) found in documents once, with its latest date and mention count."""
        inner, args, _ = self._relations_sql(filters)
        sql = (
            "SELECT a, b, level, MAX(date) AS date, COUNT(*) AS mentions, "
            f"MIN(doc_id) AS doc_id FROM ({inner}) GROUP BY a, b, level ORDER BY a, b, level"
        )
        return [dict(r) for r in self.conn.execute(sql, args).fetchall()]

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
        marks = ", ".join("?" for _ in names)
        sql = (
            f"INSERT INTO imported_events ({self._IMPORTED_COLS}, run_id, imported_at) "
            f"VALUES ({marks}, ?, ?) ON CONFLICT (dataset, file, row) DO NOTHING"
        )
        now = utc_now()
        with self.transaction() as c:
            before = c.total_changes
            c.executemany(
                sql, [(*(imported_defaults(r).get(n) for n in names), run_id, now) for r in rows]
            )
            inserted = c.total_changes - before
        return inserted, len(rows) - inserted

    def imported_events(self, filters: HistoryFilters) -> list[Row]:
        sql, args = history_where("SELECT * FROM imported_events", filters)
        sql += " ORDER BY date, id"
        return self._rows(sql, args, filters.limit)

    def imported_counts(self, filters: HistoryFilters) -> list[Row]:
        """Counts per month, directed pair, our type and quad class (one dataset per cell)."""
        sql, args = imported_counts_sql(filters)
        sql += " ORDER BY month, source_code, target_code, type, quad_class"
        return self._rows(sql, args, filters.limit)

    def data_months(self) -> list[Row]:
        """Documents (by publication date) and imported records (by dataset) per month."""
        return [dict(r) for r in self.conn.execute(DATA_MONTHS_SQL).fetchall()]

    def imported_overlap(self, dataset: str) -> int:
        """Cells of ``dataset`` that another imported dataset also counts."""
        sql, args = imported_overlap_sql(dataset)
        return int(self.conn.execute(sql, args).fetchone()[0])

    def stats(self) -> dict[str, Any]:
        def count(sql: str) -> int:
            return int(self.conn.execute(sql).fetchone()[0])

        by_type = {
            r[0]: r[1]
            for r in self.conn.execute(
                "SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY COUNT(*) DESC"
            )
        }
        return {
            "documents": count("SELECT COUNT(*) FROM documents"),
            "sentences": count("SELECT COUNT(*) FROM sentences"),
            "events": count("SELECT COUNT(*) FROM events"),
            "figures": count("SELECT COUNT(*) FROM figures"),
            "relations": count("SELECT COUNT(*) FROM relations"),
            "failures": count("SELECT COUNT(*) FROM failures"),
            "imported_events": count("SELECT COUNT(*) FROM imported_events"),
            "document_versions": count("SELECT COUNT(*) FROM document_versions"),
            "events_by_type": by_type,
            "schema_version": self.schema_version,
        }
