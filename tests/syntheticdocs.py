"""Plumbing for tests that build documents and records by hand: sentences laid out in a text,
evidence pointing at them, and a document packed with its extraction for the store."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable

from diplograph.models import (
    Document,
    Event,
    Evidence,
    Extraction,
    Figure,
    Mention,
    Relation,
    Sentence,
)
from diplograph.store import Store

SyntheticDoc = tuple[Document, str, Extraction]
# what the conflict and trend generators draw from: states, event types, places (one written
# in lower case, to be folded), tiers
CODES = ["VNM", "CHN", "LAO", "JPN", "USA"]
TYPES = ["MEET", "VISIT", "CALL", "PARTNERSHIP_UPGRADE"]
PLACES = ["Hanoi", "Beijing", "Tokyo", "hanoi"]
LEVELS = ["strategic partnership", "comprehensive strategic partnership"]


def sentences_of(lines: list[str]) -> list[Sentence]:
    """The sentences of ``" ".join(lines)``, with their offsets in that text."""
    out, pos = [], 0
    for k, line in enumerate(lines):
        out.append(Sentence(idx=k, start=pos, end=pos + len(line), text=line))
        pos += len(line) + 1
    return out


def evidence_at(doc_id: str, sents: list[Sentence], k: int) -> Evidence:
    """Evidence for the whole of sentence ``k``."""
    return Evidence(doc_id, k, sents[k].start, sents[k].end, sents[k].text)


def pack(
    doc_id: str,
    lines: list[str],
    sents: list[Sentence],
    title: str,
    published: str | None,
    *,
    mentions: list[Mention],
    events: list[Event],
    figures: list[Figure],
    relations: list[Relation],
) -> SyntheticDoc:
    """The document, its content hash and its extraction, as ``save_documents_batch`` takes."""
    text = " ".join(lines)
    doc = Document(id=doc_id, text=text, title=title, published=published, outlet="Wire")
    x = Extraction(doc_id, "test", "VNM", sentences=sents, mentions=mentions, events=events,
                   figures=figures, relations=relations)  # fmt: skip
    return doc, hashlib.sha256(text.encode()).hexdigest(), x


def add_docs(
    store: Store,
    ids: range,
    seed: int,
    make_doc: Callable[[int, random.Random], SyntheticDoc],
) -> None:
    """Documents ``make_doc`` builds for ``ids`` from one seeded generator, saved in one batch."""
    rnd = random.Random(seed)
    store.save_documents_batch([make_doc(i, rnd) for i in ids], None)
