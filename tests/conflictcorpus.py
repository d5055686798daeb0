# ruff: noqa: E501 — article paragraphs are kept on one line each, as in real input files.
"""Invented articles for the issue 6 API, dashboard and review tests: two sources that disagree.

``year-a`` and ``year-b`` state different totals of visits abroad for 2023 and date the same
talks in Jakarta a day apart; ``year-b`` also reports a minister's and a president's visit,
``year-a`` citizens brought home. Both carry hostile markup that must stay inert text.
"""

from __future__ import annotations

from pathlib import Path

from diplograph.jobs import IngestSummary, ingest_documents
from diplograph.settings import Settings
from diplograph.store import Store

HOSTILE = '<script>alert("x")</script>'

ARTICLES: dict[str, str] = {
    "year-a.txt": """published: 2023-12-28
title: A busy year <script>alert("t")</script>
---
In 2023, Vietnam's senior leaders made 25 visits abroad.

Prime Minister Pham Minh Chinh held talks with Indonesian President Joko Widodo in Jakarta on September 5, 2023.

In 2023, Vietnam brought home 1,500 citizens from conflict zones.
""",
    "year-b.txt": f"""published: 2024-01-05
title: Looking back at 2023
---
Vietnam's senior leaders made 27 visits abroad in 2023 {HOSTILE}.

Prime Minister Pham Minh Chinh held talks with Indonesian President Joko Widodo in Jakarta on September 6, 2023.

Foreign Minister Bui Thanh Son paid an official visit to Brazil on October 3, 2023.

President Vo Van Thuong paid a state visit to Italy on July 25, 2023.
""",
}


def fill_store(store: Store, folder: Path) -> IngestSummary:
    """Write :data:`ARTICLES` into ``folder`` and ingest them into ``store`` (real pipeline)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return ingest_documents([str(folder)], store, Settings(db=store.url))
