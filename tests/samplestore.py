"""The project's bundled sample corpus (``diplograph/data/sample``) ingested into a real store.

The sample has events among many pairs (Vietnam with its partners, Germany–Russia,
China–Honduras, Australia–Myanmar), cooperative and conflictual, which the network,
comparison and download tests need; counts are checked against direct SQL, never pinned.
"""

from __future__ import annotations

from pathlib import Path

import diplograph
from diplograph.jobs import IngestSummary, ingest_documents
from diplograph.settings import Settings
from diplograph.store import SQLiteStore, Store

SAMPLE = Path(diplograph.__file__).parent / "data" / "sample"


def ingest_sample(store: Store) -> IngestSummary:
    """Ingest the sample corpus into ``store`` (either backend)."""
    summary = ingest_documents([str(SAMPLE)], store, Settings(db=store.url))
    assert summary.failed == 0 and summary.new > 0
    return summary


def build_sample_store(tmp: Path) -> Path:
    """A SQLite file holding the ingested sample corpus."""
    db = tmp / "sample.db"
    store = SQLiteStore(str(db))
    try:
        ingest_sample(store)
    finally:
        store.close()
    return db
