"""Score exported events, figures and relations against gold labels.

Implements the matching rules of the project's evaluation spec: a prediction matches a gold
record of the same document when the sentences agree (normalised equality, containment, or a
word overlap of at least 60%) and the level's fields agree. Each gold record is matched at most
once, greedily in gold order against the first unused matching prediction.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "LEVELS",
    "SYMMETRIC_TYPES",
    "EvalReport",
    "LevelScore",
    "load_gold",
    "load_jsonl",
    "normalize_sentence",
    "score",
    "score_dirs",
    "sentences_match",
]

Record = Mapping[str, Any]
Matcher = Callable[[Record, Record], bool]

#: Event types whose source and target may come in either order.
SYMMETRIC_TYPES: frozenset[str] = frozenset(
    {"MEET", "CALL", "AGREE_SIGN", "PARTNERSHIP_UPGRADE", "CONFERENCE", "OTHER_COOPERATE"}
)
#: Relative tolerance for figure values.
VALUE_TOLERANCE = 0.005
#: Minimum word overlap (intersection over union) for two sentences to match.
WORD_OVERLAP = 0.6

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"[a-z0-9]+")


def normalize_sentence(text: str | None) -> str:
    """Strip accents, unify curly quotes, collapse whitespace and lower-case."""
    if not isinstance(text, str) or not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE_RE.sub(" ", plain.translate(_QUOTES)).strip().lower()


def _words(normalized: str) -> set[str]:
    return set(_WORD_RE.findall(normalized))


def sentences_match(a: str | None, b: str | None) -> bool:
    """True when two sentences are equal, nested, or share at least 60% of their words."""
    left, right = normalize_sentence(a), normalize_sentence(b)
    if not left or not right:
        return False
    if left in right or right in left:
        return True
    wa, wb = _words(left), _words(right)
    union = wa | wb
    return bool(union) and len(wa & wb) / len(union) >= WORD_OVERLAP


def _code(actor: Any) -> str:
    """Actor code, from an object with "code" or a bare string, upper-cased."""
    if isinstance(actor, Mapping):
        actor = actor.get("code")
    return actor.strip().upper() if isinstance(actor, str) else ""


def _date_ok(gold: Any, pred: Any) -> bool:
    if not gold:
        return True
    return isinstance(pred, str) and isinstance(gold, str) and pred.startswith(gold)


def _as_float(value: Any) -> float | None:
    if not isinstance(value, int | float | str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _values_close(gold: Any, pred: Any) -> bool:
    a, b = _as_float(gold), _as_float(pred)
    if a is None or b is None:
        return False
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b), 1e-9)


def _same_sentence(g: Record, p: Record) -> bool:
    return sentences_match(g.get("sentence"), p.get("sentence"))


def _same_type(g: Record, p: Record) -> bool:
    return _same_sentence(g, p) and g.get("type") == p.get("type")


def _same_actors(g: Record, p: Record) -> bool:
    gold_pair = (_code(g.get("source")), _code(g.get("target")))
    pred_pair = (_code(p.get("source")), _code(p.get("target")))
    if g.get("type") in SYMMETRIC_TYPES:
        return set(gold_pair) == set(pred_pair)
    return gold_pair == pred_pair


def _match_type_actors(g: Record, p: Record) -> bool:
    return _same_type(g, p) and _same_actors(g, p)


def _match_event_full(g: Record, p: Record) -> bool:
    return _match_type_actors(g, p) and _date_ok(g.get("date"), p.get("date"))


def _match_value(g: Record, p: Record) -> bool:
    return _same_sentence(g, p) and _values_close(g.get("value"), p.get("value"))


def _match_value_unit(g: Record, p: Record) -> bool:
    return _match_value(g, p) and normalize_sentence(g.get("unit")) == normalize_sentence(
        p.get("unit")
    )


def _match_relation(g: Record, p: Record) -> bool:
    return (
        _same_sentence(g, p)
        and {_code(g.get("a")), _code(g.get("b"))} == {_code(p.get("a")), _code(p.get("b"))}
        and normalize_sentence(g.get("level")) == normalize_sentence(p.get("level"))
    )


#: Scored levels in report order: (name, record kind, matcher).
LEVELS: tuple[tuple[str, str, Matcher], ...] = (
    ("events.type", "events", _same_type),
    ("events.type+actors", "events", _match_type_actors),
    ("events.full", "events", _match_event_full),
    ("figures.value", "figures", _match_value),
    ("figures.value+unit", "figures", _match_value_unit),
    ("relations.level", "relations", _match_relation),
)


@dataclass(frozen=True)
class LevelScore:
    """Counts for one level: true positives, predicted and gold records."""

    level: str
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Counts plus P/R/F1 rounded to three decimals."""
        return {
            "tp": self.tp,
            "pred": self.predicted,
            "gold": self.gold,
            "p": round(self.precision, 3),
            "r": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }

    def format(self, width: int = 22) -> str:
        """One report line: name, P/R/F1 and counts."""
        return (
            f"{self.level:{width}s} P={self.precision:.3f} R={self.recall:.3f} "
            f"F1={self.f1:.3f} (gold {self.gold}, pred {self.predicted})"
        )


@dataclass(frozen=True)
class EvalReport:
    """Scores per level, per gold event type (type+actors level) and document counts."""

    levels: list[LevelScore]
    by_type: dict[str, LevelScore]
    documents: int
    documents_with_predictions: int = 0
    _index: dict[str, LevelScore] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {s.level: s for s in self.levels})

    def __getitem__(self, level: str) -> LevelScore:
        return self._index[level]

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form, keyed like the reference scorer's ``--json`` output."""
        out: dict[str, Any] = {s.level: s.to_dict() for s in self.levels}
        out["events.per_type"] = {t: s.to_dict() for t, s in self.by_type.items()}
        out["docs_scored"] = self.documents
        out["docs_with_predictions"] = self.documents_with_predictions
        return out

    def format(self) -> str:
        """Plain-text table, one line per level and per event type."""
        lines = [s.format() for s in self.levels]
        lines += ["  " + s.format() for s in self.by_type.values()]
        lines.append(f"docs_scored: {self.documents}")
        lines.append(f"docs_with_predictions: {self.documents_with_predictions}")
        return "\n".join(lines)


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Read every ``*.json`` gold file in a folder, keyed by its ``doc`` (else the file stem)."""
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[str(data.get("doc", path.stem))] = data
    return gold


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Records of a JSON Lines file; a missing file gives no records."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _by_doc(records: Iterable[Record]) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        grouped[str(record.get("doc"))].append(record)
    return grouped


def _greedy_matches(gold: list[Record], pred: list[Record], matcher: Matcher) -> int:
    """Match each gold record, in order, to the first unused prediction it accepts."""
    used: set[int] = set()
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and matcher(g, p):
                used.add(i)
                break
    return len(used)


def _score_level(
    name: str,
    gold_lists: Iterable[tuple[list[Record], list[Record]]],
    matcher: Matcher,
) -> LevelScore:
    tp = n_pred = n_gold = 0
    for gold, pred in gold_lists:
        n_gold += len(gold)
        n_pred += len(pred)
        tp += _greedy_matches(gold, pred, matcher)
    return LevelScore(name, tp, n_pred, n_gold)


def score(
    gold: Mapping[str, Mapping[str, Any]],
    events: Iterable[Record],
    figures: Iterable[Record],
    relations: Iterable[Record],
) -> EvalReport:
    """Score predictions against gold documents; predictions on other documents are ignored."""
    preds = {
        "events": _by_doc(events),
        "figures": _by_doc(figures),
        "relations": _by_doc(relations),
    }

    def pairs(kind: str) -> list[tuple[list[Record], list[Record]]]:
        return [(list(g.get(kind, [])), preds[kind].get(doc, [])) for doc, g in gold.items()]

    levels = [_score_level(name, pairs(kind), matcher) for name, kind, matcher in LEVELS]

    gold_types = sorted({e["type"] for g in gold.values() for e in g.get("events", [])})
    by_type = {
        t: _score_level(
            t,
            [
                (
                    [e for e in g.get("events", []) if e["type"] == t],
                    [e for e in preds["events"].get(doc, []) if e.get("type") == t],
                )
                for doc, g in gold.items()
            ],
            _match_type_actors,
        )
        for t in gold_types
    }
    predicted_docs: set[str] = set()
    for grouped in preds.values():
        predicted_docs.update(grouped)
    return EvalReport(
        levels=levels,
        by_type=by_type,
        documents=len(gold),
        documents_with_predictions=len(predicted_docs & set(gold)),
    )


def score_dirs(gold_dir: Path, pred_dir: Path) -> EvalReport:
    """Score ``events.jsonl``, ``figures.jsonl`` and ``relations.jsonl`` in a folder."""
    pred_dir = Path(pred_dir)
    return score(
        load_gold(Path(gold_dir)),
        load_jsonl(pred_dir / "events.jsonl"),
        load_jsonl(pred_dir / "figures.jsonl"),
        load_jsonl(pred_dir / "relations.jsonl"),
    )


# -- questions (EVAL.md "Questions") -------------------------------------------------------------
#: Words an answer's content words leave out, as the reference scorer reads EVAL.md's "articles
#: and prepositions ignored": the articles, eight common prepositions, "and" and the possessive
#: determiners. Other prepositions ("from", "into", "over") count, in the concision limit too.
ANSWER_FILLER = frozenset("the a an of in on at to for by with and its his her their".split())
ANSWER_SHARE = 0.6  # share of the gold answer's content words the answer must hold
CONCISE_FACTOR = 3  # at most max(10, 3 × gold content words) content words


def answer_words(text: str | None) -> list[str]:
    """Content words of an answer: lower-cased, punctuation and accents dropped, no fillers."""
    return [w for w in _WORD_RE.findall(normalize_sentence(text)) if w not in ANSWER_FILLER]


def question_correct(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[bool, bool]:
    """(answer right, answer and evidence right) for one question, by the rule of EVAL.md."""
    want = answer_words(gold.get("answer"))
    got = answer_words(pred.get("answer"))
    if not want or not got:
        ok = False
    else:
        have = set(got)
        share = sum(w in have for w in want) / len(want)
        ok = share >= ANSWER_SHARE and len(got) <= max(10, CONCISE_FACTOR * len(want))
    evidence = pred.get("evidence") or []
    ev_ok = any(
        isinstance(e, dict) and sentences_match(gold.get("evidence"), e.get("sentence"))
        for e in evidence
    )
    return ok, ok and ev_ok
