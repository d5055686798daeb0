"""The relabelled external sentences: our labels joined to the text read from ../shared."""

from __future__ import annotations

import pytest

from diplograph.corpus.external import conflibert_pairs, external_available, plover_pairs

pytestmark = pytest.mark.skipif(
    not external_available(), reason="../shared/external-benchmarks is absent"
)


def test_plover_pairs_leave_out_the_id_upstream_gives_two_sentences() -> None:
    ids = [doc.id for doc, _ in plover_pairs()]
    assert len(ids) == len(set(ids)) == 320  # 321 labelled ids, one of them reused upstream
    assert "plover-PLOVER-GSR01-COERCE-0004" not in ids


def test_external_events_name_their_own_sentence() -> None:
    pairs = [*conflibert_pairs("train"), *plover_pairs()]
    events = [(doc, e) for doc, gold in pairs for e in gold["events"]]
    assert len(events) > 500
    assert all(e["sentence"] == doc.text and e["source"] for doc, e in events)


def test_conflibert_parts_are_kept_apart() -> None:
    train = {doc.id for doc, _ in conflibert_pairs("train")}
    test = {doc.id for doc, _ in conflibert_pairs("test")}
    assert (len(train), len(test)) == (1153, 451)
    assert not train & test
