"""extract() is deterministic, does no I/O once warmed up, and keeps exact offsets."""

from __future__ import annotations

import builtins
import io
from typing import Any

import pytest

from diplograph.extract import extract
from diplograph.models import Document

TEXT = (
    "Vietnam, Australia lift ties\n"
    "07/03/2024\n"
    "Prime Minister Pham Minh Chinh received Australian Foreign Minister Penny Wong in Hanoi "
    "on March 4. Vietnam and Australia upgraded their ties from a strategic partnership to a "
    "comprehensive strategic partnership.\n"
    "Two-way trade reached USD 15.7 billion last year, up 6.2%.\n"
    "Vietnam evacuated nearly 300 citizens from Israel on two flights in October.\n"
    "We will keep supporting Laos, and our country values this friendship.\n"
)
DOC = Document(id="pure", text=TEXT, published="2024-03-07", title="Vietnam, Australia lift ties")


def test_pure_same_input_gives_equal_output() -> None:
    assert extract(DOC, home="VNM") == extract(DOC, home="VNM")


def test_pure_does_not_mutate_document() -> None:
    before = (DOC.id, DOC.text, DOC.published, DOC.title)
    extract(DOC)
    assert (DOC.id, DOC.text, DOC.published, DOC.title) == before


def test_pure_no_io_after_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = extract(DOC)  # warms the cached gazetteer and pipeline

    def _no_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"extract opened a file: {args!r}")

    monkeypatch.setattr(builtins, "open", _no_open)
    monkeypatch.setattr(io, "open", _no_open)
    assert extract(DOC) == expected


def test_pure_finds_records_in_sample() -> None:
    x = extract(DOC)
    assert x.events and x.figures and x.relations and x.mentions


def test_pure_sentence_offsets_exact() -> None:
    for s in extract(DOC).sentences:
        assert TEXT[s.start : s.end] == s.text


def test_pure_mention_offsets_exact() -> None:
    for m in extract(DOC).mentions:
        assert TEXT[m.start : m.end] == m.text


def test_pure_evidence_offsets_exact() -> None:
    x = extract(DOC)
    records = [*x.events, *x.figures, *x.relations]
    for r in records:
        ev = r.evidence
        assert TEXT[ev.start : ev.end] == ev.text
        assert ev.doc_id == "pure"
        assert x.sentences[ev.sent_idx].text == ev.text
