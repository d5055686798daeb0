"""SQLite backend: WAL, one transaction per document, FTS5 over sentences."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from diplograph.errors import StoreError
from diplograph.models import Document, Extraction
from diplograph.store.base import AddStatus, Filters, Row
from diplograph.store.migrations import LATEST, MIGRATIONS


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fts_query(query: str) -> str:
    """Turn free text into a safe FTS5 query: quoted terms, AND-ed; `"phrases"` kept."""
    phrases = re.findall(r'"([^"]+)"', query)
    rest = re.sub(r'"[^"]*"', " ", query)
    terms = list(re.findall(r"\w+", rest, flags=re.UNICODE))
    parts = [f'"{p.replace(chr(34), "")}"' for p in phrases] + [f'"{t}"' for t in terms]
    return " ".join(parts)


class SQLiteStore:
    """A Diplograph store in one SQLite file (or ``:memory:``)."""

    def __init__(self, path: str) -> None:
        self.url = path
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.exists():
                raise StoreError(
                    f"folder {parent} does not exist; create it or pass another --db",
                    code="D301",
                )
        try:
            self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
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
                for stmt in sql.split(";"):
                    if stmt.strip():
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
            "INSERT INTO runs (command, extractor_version, started_at) VALUES (?, ?, ?)",
            (command, extractor_version, _now()),
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None:
        self.conn.execute(
            "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
            (_now(), status, json.dumps(counts), run_id),
        )

    def record_failure(self, run_id: int | None, item: str, code: str, message: str) -> None:
        self.conn.execute(
            "INSERT INTO failures (run_id, item, code, message, at) VALUES (?, ?, ?, ?, ?)",
            (run_id, item, code, message, _now()),
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
                        _now(),
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
                    _now(),
                    run_id,
                ),
            )
            self._insert_records(c, extraction)
        return status

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
        d = x.doc_id
        c.executemany(
            'INSERT INTO sentences (doc_id, idx, start, "end", kind, text) VALUES (?,?,?,?,?,?)',
            [(d, s.idx, s.start, s.end, s.kind, s.text) for s in x.sentences],
        )
        c.executemany(
            "INSERT INTO sentences_fts (text, doc_id, idx) VALUES (?, ?, ?)",
            [(s.text, d, s.idx) for s in x.sentences],
        )
        c.executemany(
            'INSERT INTO mentions (doc_id, sent_idx, start, "end", text, label, code, name, '
            "person, role) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
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
        )
        c.executemany(
            'INSERT INTO events (doc_id, sent_idx, start, "end", sentence, type, plover_type, '
            "plover_mode, source_code, source_name, source_person, source_role, target_code, "
            "target_name, target_person, target_role, date, location, status, confidence, "
            "trigger) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
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
                )
                for e in x.events
            ],
        )
        c.executemany(
            'INSERT INTO figures (doc_id, sent_idx, start, "end", sentence, indicator, value, '
            "unit, qualifier, period, subject, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
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
                )
                for f in x.figures
            ],
        )
        c.executemany(
            'INSERT INTO relations (doc_id, sent_idx, start, "end", sentence, a, b, level, '
            "date, status, previous) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
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
                )
                for r in x.relations
            ],
        )

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

    def documents(self, filters: Filters) -> list[Row]:
        sql = (
            "SELECT d.id, d.title, d.published, d.outlet, d.fmt, d.version, "
            "(SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) AS events, "
            "(SELECT COUNT(*) FROM figures f WHERE f.doc_id = d.id) AS figures, "
            "(SELECT COUNT(*) FROM relations r WHERE r.doc_id = d.id) AS relations "
            "FROM documents d WHERE 1=1"
        )
        args: list[Any] = []
        if filters.since:
            sql += " AND d.published >= ?"
            args.append(filters.since)
        if filters.until:
            sql += " AND d.published <= ?"
            args.append(_until(filters.until))
        sql += " ORDER BY d.id"
        return self._rows(sql, args, filters.limit)

    def sentences(self, doc_id: str) -> list[Row]:
        rows = self.conn.execute(
            "SELECT * FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,)
        ).fetchall()
        return [dict(r) for r in rows]

    # -- records -------------------------------------------------------------------------------
    def _rows(self, sql: str, args: list[Any], limit: int | None) -> list[Row]:
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        return [dict(r) for r in self.conn.execute(sql, args).fetchall()]

    def events(self, filters: Filters) -> list[Row]:
        sql = "SELECT * FROM events WHERE 1=1"
        args: list[Any] = []
        sql, args = _pair_filter(sql, args, filters, "source_code", "target_code")
        if filters.type:
            sql += " AND type = ?"
            args.append(filters.type.upper())
        sql, args = _date_filter(sql, args, filters, "date")
        sql += " ORDER BY doc_id, start, id"
        return self._rows(sql, args, filters.limit)

    def figures(self, filters: Filters) -> list[Row]:
        sql = "SELECT * FROM figures WHERE 1=1"
        args: list[Any] = []
        if filters.country:
            sql += " AND subject = ?"
            args.append(filters.country.upper())
        if filters.type:
            sql += " AND indicator = ?"
            args.append(filters.type)
        sql, args = _date_filter(sql, args, filters, "period")
        sql += " ORDER BY doc_id, start, id"
        return self._rows(sql, args, filters.limit)

    def relations(self, filters: Filters) -> list[Row]:
        sql = "SELECT * FROM relations WHERE 1=1"
        args: list[Any] = []
        sql, args = _pair_filter(sql, args, filters, "a", "b")
        if filters.type:
            sql += " AND level = ?"
            args.append(filters.type)
        sql, args = _date_filter(sql, args, filters, "date")
        sql += " ORDER BY doc_id, start, id"
        return self._rows(sql, args, filters.limit)

    def search(self, query: str, filters: Filters) -> list[Row]:
        """Ranked (bm25) full-text search over sentences, with highlighted snippets."""
        fts = _fts_query(query)
        if not fts:
            return []
        sql = (
            'SELECT f.doc_id, CAST(f.idx AS INTEGER) AS idx, s.start, s."end", s.text, '
            "highlight(sentences_fts, 0, '[', ']') AS snippet, bm25(sentences_fts) AS score, "
            "d.title, d.published FROM sentences_fts f "
            "JOIN sentences s ON s.doc_id = f.doc_id AND s.idx = f.idx "
            "JOIN documents d ON d.id = f.doc_id WHERE sentences_fts MATCH ?"
        )
        args: list[Any] = [fts]
        if filters.since:
            sql += " AND d.published >= ?"
            args.append(filters.since)
        if filters.until:
            sql += " AND d.published <= ?"
            args.append(_until(filters.until))
        if filters.country or filters.partner or filters.type:
            sub = "SELECT 1 FROM events e WHERE e.doc_id = f.doc_id AND e.sent_idx = f.idx"
            if filters.type:
                sub += " AND e.type = ?"
                args.append(filters.type.upper())
            for code in (filters.country, filters.partner):
                if code:
                    sub += " AND (e.source_code = ? OR e.target_code = ?)"
                    args += [code.upper(), code.upper()]
            sql += f" AND EXISTS ({sub})"
        sql += " ORDER BY score"
        return self._rows(sql, args, filters.limit or 20)

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
            "document_versions": count("SELECT COUNT(*) FROM document_versions"),
            "events_by_type": by_type,
            "schema_version": self.schema_version,
        }


def _until(value: str) -> str:
    """Make an ``--until`` bound inclusive for partial dates (2023 → 2023-99)."""
    return value + "-99" if len(value) < 10 else value


def _date_filter(sql: str, args: list[Any], f: Filters, col: str) -> tuple[str, list[Any]]:
    if f.since:
        sql += f" AND {col} >= ?"
        args.append(f.since)
    if f.until:
        sql += f" AND {col} <= ?"
        args.append(_until(f.until))
    return sql, args


def _pair_filter(sql: str, args: list[Any], f: Filters, a: str, b: str) -> tuple[str, list[Any]]:
    if f.country and f.partner:
        sql += f" AND (({a} = ? AND {b} = ?) OR ({a} = ? AND {b} = ?))"
        c, p = f.country.upper(), f.partner.upper()
        args += [c, p, p, c]
    elif f.country or f.partner:
        code = (f.country or f.partner or "").upper()
        sql += f" AND ({a} = ? OR {b} = ?)"
        args += [code, code]
    return sql, args
