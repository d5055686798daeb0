# ruff: noqa: E501 — article paragraphs are kept on one line each, as in real input files.
"""Invented articles for the API and dashboard tests, and a real ingest into a store.

Every text here is made up for the tests (people, figures and events are fictional or
generic); the last article carries hostile markup that must stay inert text everywhere.
"""

from __future__ import annotations

from pathlib import Path

from diplograph.jobs import IngestSummary, ingest_documents
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

HOSTILE_SCRIPT = '<script>alert("pwned")</script>'
HOSTILE_IMG = '<img src=x onerror="alert(2)">'

ARTICLES: dict[str, str] = {
    "ke-vietnam-visit-2024.txt": """title: Kenyan President pays state visit to Vietnam
published: 2024-04-16
outlet: Invented Wire
---
HANOI – Kenyan President William Ruto paid a state visit to Vietnam from April 15 to 17, 2024.

Prime Minister Pham Minh Chinh held talks with President Ruto in Hanoi on April 16, 2024.

The two sides signed an agreement on agricultural cooperation and agreed to lift two-way trade to USD 500 million by 2030.
""",
    "vn-chile-phone-2023.txt": """title: Vietnamese and Chilean ministers hold phone call
published: 2023-11-08
outlet: Invented Wire
---
HANOI – Foreign Minister Bui Thanh Son held a phone call with Chilean Foreign Minister Alberto van Klaveren on November 7, 2023.

Both ministers said trade between Vietnam and Chile reached USD 1.8 billion in 2022.

Vietnam and Chile agreed to hold the next round of political consultations in Santiago.
""",
    "vn-brazil-call-2022.txt": """title: Vietnam and Brazil leaders speak by phone
published: 2022-06-21
outlet: Invented Wire
---
HANOI – Prime Minister Pham Minh Chinh held a phone call with Brazilian President Jair Bolsonaro on June 20, 2022.

The two leaders discussed food security and agreed to expand cooperation in agriculture and energy.
""",
    "vn-norway-visit-2023.txt": """title: Norwegian delegation visits Vietnam
published: 2023-02-10
outlet: Invented Wire
---
HANOI – Norwegian Foreign Minister Anniken Huitfeldt paid an official visit to Vietnam on February 9, 2023.

Foreign Minister Bui Thanh Son held talks with Minister Huitfeldt in Hanoi on February 9, 2023.
""",
    "vn-nigeria-upgrade-2025.txt": """title: Vietnam and Nigeria lift ties <script>alert(3)</script>
published: 2025-03-02
outlet: Invented Wire
---
ABUJA – Vietnam and Nigeria have upgraded their relationship to a strategic partnership, the two governments said on March 1, 2025.

Nigerian President Bola Tinubu met Vietnamese President Luong Cuong in Abuja on March 1, 2025.

The <script>alert("pwned")</script> statement was signed by both foreign ministers. <img src=x onerror="alert(2)"> Officials said the deal covers oil and gas.
""",
}


def write_articles(folder: Path) -> Path:
    """Write :data:`ARTICLES` into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build_store(tmp: Path) -> tuple[Path, IngestSummary]:
    """Ingest the invented articles with the real pipeline into ``tmp/web.db``."""
    db = tmp / "web.db"
    store = SQLiteStore(str(db))
    try:
        summary = ingest_documents(
            [str(write_articles(tmp / "articles"))], store, Settings(db=str(db))
        )
    finally:
        store.close()
    return db, summary
