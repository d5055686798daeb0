"""Versioned, ordered schema migrations. Add a new entry; never edit an applied one."""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial schema",
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT, command TEXT NOT NULL,
            extractor_version TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'running', counts TEXT
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1, title TEXT, url TEXT,
            published TEXT, outlet TEXT, lang TEXT, fmt TEXT, source_path TEXT,
            text TEXT NOT NULL, content_hash TEXT NOT NULL, extractor_version TEXT,
            home TEXT, ingested_at TEXT NOT NULL, run_id INTEGER
        );
        CREATE INDEX documents_hash ON documents(content_hash);
        CREATE TABLE document_versions (
            id TEXT NOT NULL, version INTEGER NOT NULL, title TEXT, url TEXT, published TEXT,
            outlet TEXT, text TEXT NOT NULL, content_hash TEXT NOT NULL, ingested_at TEXT,
            replaced_at TEXT NOT NULL, PRIMARY KEY (id, version)
        );
        CREATE TABLE sentences (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            kind TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (doc_id, idx)
        );
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            text, doc_id UNINDEXED, idx UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sent_idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, label TEXT NOT NULL, code TEXT NOT NULL, name TEXT,
            person TEXT, role TEXT
        );
        CREATE INDEX mentions_doc ON mentions(doc_id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sent_idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            sentence TEXT NOT NULL, type TEXT NOT NULL, plover_type TEXT, plover_mode TEXT,
            source_code TEXT, source_name TEXT, source_person TEXT, source_role TEXT,
            target_code TEXT, target_name TEXT, target_person TEXT, target_role TEXT,
            date TEXT, location TEXT, status TEXT, confidence REAL, trigger TEXT
        );
        CREATE INDEX events_doc ON events(doc_id);
        CREATE INDEX events_type ON events(type);
        CREATE INDEX events_source ON events(source_code);
        CREATE INDEX events_target ON events(target_code);
        CREATE TABLE figures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sent_idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            sentence TEXT NOT NULL, indicator TEXT NOT NULL, value REAL NOT NULL,
            unit TEXT NOT NULL, qualifier TEXT, period TEXT, subject TEXT, text TEXT
        );
        CREATE INDEX figures_doc ON figures(doc_id);
        CREATE TABLE relations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sent_idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            sentence TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, level TEXT NOT NULL,
            date TEXT, status TEXT, previous TEXT
        );
        CREATE INDEX relations_doc ON relations(doc_id);
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER, item TEXT NOT NULL,
            code TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL
        );
        """,
    ),
    (
        2,
        "imported event history (issue 9)",
        """
        CREATE TABLE imported_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            dataset TEXT NOT NULL, file TEXT NOT NULL, row INTEGER NOT NULL,
            date TEXT NOT NULL, source_code TEXT, source_name TEXT NOT NULL,
            target_code TEXT, target_name TEXT NOT NULL,
            source_uncoded INTEGER NOT NULL DEFAULT 0, target_uncoded INTEGER NOT NULL DEFAULT 0,
            type TEXT, cameo_code TEXT, event_name TEXT, plover_type TEXT,
            quad_class INTEGER, count INTEGER NOT NULL DEFAULT 1,
            run_id INTEGER, imported_at TEXT NOT NULL,
            UNIQUE (dataset, file, row)
        );
        CREATE INDEX imported_events_source ON imported_events(source_code, target_code, date);
        CREATE INDEX imported_events_target ON imported_events(target_code, source_code, date);
        """,
    ),
    (
        3,
        "indexes for API lists: pairs, types and dates newest first (issue 5)",
        """
        CREATE INDEX events_pair_date ON events(source_code, target_code, date);
        CREATE INDEX events_target_pair_date ON events(target_code, source_code, date);
        CREATE INDEX events_type_date ON events(type, date);
        CREATE INDEX events_date ON events(date);
        DROP INDEX IF EXISTS events_source;
        DROP INDEX IF EXISTS events_target;
        CREATE INDEX figures_subject_period ON figures(subject, period);
        CREATE INDEX relations_pair ON relations(a, b);
        """,
    ),
    (
        4,
        "provenance: which rule or model produced each record, with its version hash (issue 14)",
        """
        ALTER TABLE events ADD COLUMN produced_by TEXT;
        ALTER TABLE figures ADD COLUMN produced_by TEXT;
        ALTER TABLE relations ADD COLUMN produced_by TEXT;
        """,
    ),
    (
        5,
        "index on document outlets: ask's outlet lookups without a table scan (issue 15)",
        """
        CREATE INDEX documents_outlet ON documents(outlet);
        """,
    ),
    (
        6,
        "runs record their process: a run whose process died is marked crashed (issue 19)",
        """
        ALTER TABLE runs ADD COLUMN pid INTEGER;
        ALTER TABLE runs ADD COLUMN host TEXT;
        """,
    ),
    (
        7,
        "a counter of destructive changes, for incremental caches (issue 19)",
        """
        CREATE TABLE data_changes (n INTEGER NOT NULL);
        INSERT INTO data_changes VALUES (0);
        CREATE TRIGGER documents_changed_delete AFTER DELETE ON documents
            BEGIN UPDATE data_changes SET n = n + 1; END;
        CREATE TRIGGER documents_changed_update AFTER UPDATE ON documents
            BEGIN UPDATE data_changes SET n = n + 1; END;
        CREATE TRIGGER events_changed_delete AFTER DELETE ON events
            BEGIN UPDATE data_changes SET n = n + 1; END;
        CREATE TRIGGER events_changed_update AFTER UPDATE ON events
            BEGIN UPDATE data_changes SET n = n + 1; END;
        CREATE TRIGGER figures_changed_delete AFTER DELETE ON figures
            BEGIN UPDATE data_changes SET n = n + 1; END;
        CREATE TRIGGER figures_changed_update AFTER UPDATE ON figures
            BEGIN UPDATE data_changes SET n = n + 1; END;
        CREATE TRIGGER relations_changed_delete AFTER DELETE ON relations
            BEGIN UPDATE data_changes SET n = n + 1; END;
        CREATE TRIGGER relations_changed_update AFTER UPDATE ON relations
            BEGIN UPDATE data_changes SET n = n + 1; END;
        CREATE TRIGGER mentions_changed_delete AFTER DELETE ON mentions
            BEGIN UPDATE data_changes SET n = n + 1; END;
        CREATE TRIGGER mentions_changed_update AFTER UPDATE ON mentions
            BEGIN UPDATE data_changes SET n = n + 1; END;
        CREATE TRIGGER imported_events_changed_delete AFTER DELETE ON imported_events
            BEGIN UPDATE data_changes SET n = n + 1; END;
        CREATE TRIGGER imported_events_changed_update AFTER UPDATE ON imported_events
            BEGIN UPDATE data_changes SET n = n + 1; END;
        """,
    ),
]

LATEST = MIGRATIONS[-1][0]


def sqlite_statements(sql: str) -> list[str]:
    """The statements of a migration script; a trigger's ``BEGIN … END`` body stays whole."""
    out: list[str] = []
    buf = ""
    for part in sql.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out
