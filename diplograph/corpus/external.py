"""Relabelled external sentences: our labels in ``corpus/mappings``, the text in ``../shared``.

The mapping files store ids and labels only. The sentence text is read at training time from
``../shared/external-benchmarks`` and never copied into the repository; when that folder is
absent the external data is skipped with a message.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from diplograph.corpus.splits import corpus_root, shared_root
from diplograph.models import Document


def _conll_sentences(path: Path) -> list[str]:
    """Blank-line separated blocks of ``token label`` lines, tokens joined by spaces."""
    blocks: list[str] = []
    tokens: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            tokens.append(line.split()[0])
        elif tokens:
            blocks.append(" ".join(tokens))
            tokens = []
    return blocks


def conflibert_pairs(part: str = "test") -> Iterator[tuple[Document, dict[str, Any]]]:
    """ConfliBERT CAMEO-NER sentences with our event labels (``id`` = ``<file>:<block>``)."""
    mapping = corpus_root() / "mappings" / f"conflibert_cameo_ner_{part}.jsonl"
    conll = shared_root() / "external-benchmarks" / "conflibert-cameo" / "cameo_ner" / f"{part}.txt"
    if not mapping.exists() or not conll.exists():
        return
    labels = _labels(mapping)
    for i, text in enumerate(_conll_sentences(conll)):
        rows = labels.get(f"{part}.txt:{i}")
        if rows is not None:
            yield _pair(f"conflibert-{part}-{i}", text, rows)


def _labels(mapping: Path) -> dict[str, list[dict[str, Any]]]:
    """Our label rows of one mapping file, by item id."""
    labels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in mapping.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels[row["id"]].append(row)
    return labels


def _pair(doc_id: str, text: str, rows: list[dict[str, Any]]) -> tuple[Document, dict[str, Any]]:
    """One sentence as a document, with its labelled events (those with a source)."""
    events = [
        {"sentence": text, "type": r["type"], "source": r["source"], "target": r["target"]}
        for r in rows
        if r.get("type") and r.get("source")
    ]
    doc = Document(id=doc_id, text=text)
    return doc, {"doc": doc.id, "events": events, "figures": [], "relations": []}


def plover_pairs() -> Iterator[tuple[Document, dict[str, Any]]]:
    """PLOVER gold-standard sentences with our event labels (``id`` = the record's own id).

    Upstream gives one id to two different sentences; that id is left out, since its labels
    are the union of both.
    """
    mapping = corpus_root() / "mappings" / "plover_gsr.jsonl"
    path = shared_root() / "external-benchmarks" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
    if not mapping.exists() or not path.exists():
        return
    labels = _labels(mapping)
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text")]
    seen = Counter(str(r.get("id")) for r in records)
    for r in records:
        rid = str(r.get("id"))
        rows = labels.get(rid)
        if rows is None or seen[rid] > 1:
            continue
        yield _pair(f"plover-{rid}", str(r["text"]), rows)


def external_available() -> bool:
    """Whether the shared external benchmark text is present."""
    return (shared_root() / "external-benchmarks" / "conflibert-cameo").is_dir()
