"""Explain how a sentence becomes events: actors, rule candidates, model scores, decisions.

Shared by ``diplograph explain`` and ``GET /api/explain``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

MAX_CHARS = 20_000


def explain_sentence(
    sentence: str, context: str = "", home: str = "VNM", published: str | None = None
) -> dict[str, Any]:
    """Extract ``context`` + ``sentence`` and return the trace of the sentence's units."""
    from diplograph.extract import extract
    from diplograph.learn.decider import default_decider
    from diplograph.models import Document

    if len(sentence) + len(context) > MAX_CHARS:
        raise ValueError(f"text too long to explain (over {MAX_CHARS} characters)")
    prefix = context + "\n\n" if context else ""
    decider = default_decider()
    if decider is not None:
        decider.traces = []
    try:
        doc = Document(id="explain", text=prefix + sentence, published=published)
        x = extract(doc, home=home.upper(), decider=decider)
        traces = list(decider.traces or []) if decider is not None else []
    finally:
        if decider is not None:
            decider.traces = None
    start = len(prefix)
    idx = {s.idx for s in x.sentences if s.end > start}
    return {
        "model": decider.version if decider is not None else None,
        "sentences": [s.text for s in x.sentences if s.idx in idx],
        "actors": [
            {"text": m.text, "label": m.label, "code": m.actor.code, "person": m.actor.person,
             "role": m.actor.role}
            for m in x.mentions if m.sent_idx in idx
        ],
        "decisions": [
            {**asdict(t), "types": dict(sorted(t.types.items(), key=lambda kv: -kv[1])[:5])}
            for t in traces if t.sent_idx in idx
        ],
        "events": [
            {"type": e.type, "source": e.source.code if e.source else None,
             "target": e.target.code if e.target else None, "date": e.date,
             "confidence": e.confidence, "produced_by": e.produced_by}
            for e in x.events if e.evidence.sent_idx in idx
        ],
    }  # fmt: skip
