"""Diplograph: a verified, queryable record of foreign relations from diplomatic news.

The public API is small: read documents, extract records, store and query them.

    from diplograph import Document, extract_document, open_store
    store = open_store("diplograph.db")
    doc = Document(id="a1", text="Vietnam and Japan signed ...", published="2024-03-07")
    records = extract_document(doc)

For notebooks, ``diplograph.connect("diplograph.db")`` gives records as pandas DataFrames and
``ask``/``review``/``trends`` as methods (:mod:`diplograph.notebook`).

(``extract_document`` is ``diplograph.extract.extract``; the short name belongs to the
subpackage.)

Names are imported on first use, so ``import diplograph`` (and the CLI's start-up) does not
load spaCy until extraction is needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
DEFAULT_DB = "diplograph.db"  # the store used when neither --db nor DIPLOGRAPH_DB names one

_EXPORTS = {
    "EXTRACTOR_VERSION": "diplograph.extract",
    "extract_document": "diplograph.extract",
    "Actor": "diplograph.models",
    "Document": "diplograph.models",
    "Event": "diplograph.models",
    "Extraction": "diplograph.models",
    "Figure": "diplograph.models",
    "Relation": "diplograph.models",
    "Filters": "diplograph.store",
    "Store": "diplograph.store",
    "open_store": "diplograph.store",
    "connect": "diplograph.notebook",
}

__all__ = [
    "Actor",
    "Document",
    "EXTRACTOR_VERSION",
    "Event",
    "Extraction",
    "Figure",
    "Filters",
    "Relation",
    "Store",
    "__version__",
    "connect",
    "extract_document",
    "open_store",
]

if TYPE_CHECKING:
    from diplograph.extract import EXTRACTOR_VERSION
    from diplograph.extract import extract as extract_document
    from diplograph.models import Actor, Document, Event, Extraction, Figure, Relation
    from diplograph.notebook import connect
    from diplograph.store import Filters, Store, open_store


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        attr = "extract" if name == "extract_document" else name
        return getattr(importlib.import_module(_EXPORTS[name]), attr)
    raise AttributeError(f"module 'diplograph' has no attribute {name!r}")
