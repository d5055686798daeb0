"""Named evaluation splits and in-memory scoring of an extractor on one of them.

| split | where | use |
|---|---|---|
| ``train`` | ``corpus/train`` (this repository) | training the models |
| ``heldback`` | ``corpus/heldback`` | scored only: other authors, other topics |
| ``dev`` | ``../shared/corpus`` seeds + news | development set (rules were tuned on it) |
| ``check`` | ``../shared/corpus/check`` | real text, scored only, never trained on |
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diplograph.errors import DiplographError
from diplograph.extract.relations import framework_level
from diplograph.models import Document, Extraction

REPO = Path(__file__).resolve().parents[2]
SPLIT_NAMES = ("train", "heldback", "dev", "check", "event-holdout")
# Corpus batches 5 and 6 (writers q–s and u–w, prefixes below: 164 articles asked for real-news
# density and style) stay out of the event and tier models for now. Session 11, same seed and
# code, outlet-based home detection: trained with them, held-back events.type+actors 0.611,
# dev 0.648, check 0.528; without them 0.613 / 0.659 / 0.547 (session 8 saw the same with batch
# 5 alone: held-back +0.003, check −0.012, dev −0.029). More of our own articles no longer pays
# on real news with these linear deciders; the batches serve the figure and relation rules and
# the ask training questions, and come back when a model uses them better.
# Batch 7 (writers o, p, t, x, y, z: 142 articles written for varied wording) joins them. Session
# 19, same code, events.type+actors held-back / check / dev: trained on 872 articles 0.660 /
# 0.582 / 0.839; with batch 7 0.660 / 0.571 / 0.800; with batches 5–7 0.664 / 0.581 / 0.811.
# Kept out, it is the hardest readable split: the shipped model scores 0.515 on it.
EVENT_HOLDOUT = ("tq", "tr", "ts", "tu", "tv", "tw", "to", "tp", "tt", "tx", "ty", "tz")


def shared_root() -> Path:
    """The shared data folder: ``$DIPLOGRAPH_SHARED`` or ``../shared`` beside the repository."""
    return Path(os.environ.get("DIPLOGRAPH_SHARED", REPO.parent / "shared"))


def corpus_root() -> Path:
    """The annotated corpus: ``$DIPLOGRAPH_CORPUS`` or ``corpus/`` in the repository."""
    return Path(os.environ.get("DIPLOGRAPH_CORPUS", REPO / "corpus"))


@dataclass(frozen=True)
class Split:
    """One scored set: pairs of (article folder, gold folder)."""

    name: str
    parts: tuple[tuple[Path, Path], ...]
    prefixes: tuple[str, ...] = ()  # only the articles whose id starts with one of these

    def available(self) -> bool:
        return all(news.is_dir() and gold.is_dir() for news, gold in self.parts)


def get_split(name: str) -> Split:
    """Resolve a split name to its folders; unknown names raise with the valid list."""
    shared = shared_root() / "corpus"
    root = corpus_root()
    table = {
        "train": ((root / "train" / "news", root / "train" / "gold"),),
        "heldback": ((root / "heldback" / "news", root / "heldback" / "gold"),),
        "dev": (
            (shared / "seeds", shared / "seeds-gold"),
            (shared / "news", shared / "news-gold"),
        ),
        "check": ((shared / "check" / "corpus", shared / "check" / "gold"),),
        "event-holdout": ((root / "train" / "news", root / "train" / "gold"),),
    }
    if name not in table:
        close = difflib.get_close_matches(name, SPLIT_NAMES, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        names = ", ".join(SPLIT_NAMES)
        raise DiplographError(f"unknown split {name!r}; {hint}choose one of {names}")
    return Split(name, table[name], EVENT_HOLDOUT if name == "event-holdout" else ())


def load_split(split: Split) -> Iterator[tuple[Document, dict[str, Any]]]:
    """Documents of a split with their gold labels (documents without gold are skipped)."""
    from diplograph.ingest.readers import parse_text

    for news, gold_dir in split.parts:
        for path in sorted(news.glob("*.txt")):
            if split.prefixes and not path.stem.startswith(split.prefixes):
                continue
            gold_path = gold_dir / f"{path.stem}.json"
            if not gold_path.exists():
                continue
            doc = parse_text(path.stem, path.read_text(encoding="utf-8"), str(path))
            yield doc, json.loads(gold_path.read_text(encoding="utf-8"))


def _actor(a: Any) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"code": a.code, "name": a.name, "person": a.person, "role": a.role}


def extraction_records(x: Extraction) -> dict[str, list[dict[str, Any]]]:
    """An extraction as the three record lists of the evaluation format."""
    events = [
        {
            "doc": x.doc_id,
            "sentence": e.evidence.text,
            "start": e.evidence.start,
            "end": e.evidence.end,
            "type": e.type,
            "source": _actor(e.source),
            "target": _actor(e.target),
            "date": e.date,
            "location": e.location,
            "confidence": e.confidence,
        }
        for e in x.events
    ]
    figures = [
        {
            "doc": x.doc_id,
            "sentence": f.evidence.text,
            "start": f.evidence.start,
            "end": f.evidence.end,
            "indicator": f.indicator,
            "value": f.value,
            "unit": f.unit,
            "qualifier": f.qualifier,
            "period": f.period,
            "subject": f.subject,
        }
        for f in x.figures
    ]
    relations = [
        {
            "doc": x.doc_id,
            "sentence": r.evidence.text,
            "start": r.evidence.start,
            "end": r.evidence.end,
            "a": r.a,
            "b": r.b,
            "level": framework_level(r.evidence.text, r.level, r.a, r.b),
            "date": r.date,
        }
        for r in x.relations
    ]
    return {"events": events, "figures": figures, "relations": relations}


def run_split(
    pairs: Iterable[tuple[Document, dict[str, Any]]],
    extract_fn: Callable[[Document], Extraction],
) -> tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """Extract every document; return gold by document and the predicted records."""
    gold: dict[str, dict[str, Any]] = {}
    recs: dict[str, list[dict[str, Any]]] = {"events": [], "figures": [], "relations": []}
    for doc, g in pairs:
        gold[doc.id] = g
        for kind, items in extraction_records(extract_fn(doc)).items():
            recs[kind].extend(items)
    return gold, recs
