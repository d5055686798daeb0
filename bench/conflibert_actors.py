"""Source and target roles on the ConfliBERT CAMEO-NER test sentences (outside data, issue 14).

What it measures
----------------
``conflibert-cameo/cameo_ner/test.txt`` holds 451 English news sentences (2017-2018) in CoNLL form,
with the source actor (``S``), the target (``T``) and reciprocal actors (``R``, "A and B will
meet") marked as token spans. Each sentence is run through ``diplograph.extract.extract`` as a
one-sentence document. The issue-14 target is the role accuracy **where we emit both roles**:

* gold codes: a role's codes are those of the actor mentions our extractor finds inside that
  role's span ("Former Germany Chancellor Willy Brandt" -> DEU). A span with no state or
  organisation in it (protesters, "the rebels") gives the role no code, and the sentence is not
  scored: the measure is about which actor gets which role, not about actor recognition.
* prediction: our highest-confidence event that has both a source and a target (ties: the
  first one).
* right: source among the S codes and target among the T codes; for a reciprocal sentence, both
  among the R codes. ``either order`` also accepts the pair swapped (MEET, CALL and
  PARTNERSHIP_UPGRADE are symmetric in our scoring).

Also reported: how many sentences have both roles coded, and on how many of them we emit a pair.
No tuning and no per-sentence rules: the text is read at run time from ``../shared`` and never
copied (its licence forbids redistribution).

How to run
----------
    .venv/bin/python bench/conflibert_actors.py
    .venv/bin/python bench/conflibert_actors.py --json /tmp/conflibert_actors.json --show-errors 10
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_VAR = "DIPLOGRAPH_EXTERNAL_BENCHMARKS"
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO_ROOT.parent / "shared" / "external-benchmarks"
SUBDIR = "conflibert-cameo"
TARGET = 0.70  # issue 14: source+target where both are emitted


@dataclass
class Sentence:
    """One CoNLL block: the text (tokens joined by spaces) and each role's character spans."""

    text: str
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def read_conll(path: Path) -> list[Sentence]:
    """Blocks of ``token TAG`` lines (BIO tags S, T, R), a blank line between sentences."""
    out: list[Sentence] = []
    tokens: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if parts:
            tokens.append((parts[0], parts[1] if len(parts) > 1 else "O"))
            continue
        if not tokens:
            continue
        sent, pos, current = Sentence(""), 0, None
        words = []
        for word, tag in tokens:
            start, end = pos, pos + len(word)
            words.append(word)
            pos = end + 1
            role = tag[2:] if tag[:2] in ("B-", "I-") else None
            if role and tag.startswith("I-") and current == role and sent.spans.get(role):
                s, _ = sent.spans[role][-1]
                sent.spans[role][-1] = (s, end)
            elif role:
                sent.spans.setdefault(role, []).append((start, end))
            current = role
        sent.text = " ".join(words)
        out.append(sent)
        tokens = []
    return out


def role_codes(sent: Sentence, mentions: list[Any]) -> dict[str, set[str]]:
    """The actor codes of our mentions inside each role's spans."""
    codes: dict[str, set[str]] = {}
    for role, spans in sent.spans.items():
        codes[role] = {
            m.actor.code for m in mentions for s, e in spans if m.start < e and m.end > s
        }
    return codes


def judge(codes: dict[str, set[str]], source: str, target: str) -> tuple[bool, bool] | None:
    """(right in order, right in either order), or None when the sentence has no coded pair."""
    s, t, r = codes.get("S", set()), codes.get("T", set()), codes.get("R", set())
    if s and t:
        ordered = source in s and target in t
        return ordered, ordered or (source in t and target in s)
    if len(r) >= 2:
        ok = source in r and target in r and source != target
        return ok, ok
    return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data-dir", help=f"external-benchmarks folder (default: ${ENV_VAR})")
    p.add_argument("--split", choices=["test", "train"], default="test")
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    p.add_argument("--show-errors", type=int, default=0, metavar="N", help="print N wrong pairs")
    a = p.parse_args(argv)

    base = Path(a.data_dir or os.environ.get(ENV_VAR) or DEFAULT_DIR)
    path = base / SUBDIR / "cameo_ner" / f"{a.split}.txt"
    if not path.is_file():
        print(f"skipped: folder not found ({path.parent}); set --data-dir or ${ENV_VAR}")
        return 0

    from diplograph.extract import extract
    from diplograph.models import Document

    sentences = read_conll(path)
    coded = emitted = right = either = 0
    errors: list[str] = []
    t0 = time.perf_counter()
    for i, sent in enumerate(sentences):
        x = extract(Document(id=f"s{i}", text=sent.text, published="2018-01-01"))
        codes = role_codes(sent, x.mentions)
        if judge(codes, "", "") is None:
            continue
        coded += 1
        pairs = [e for e in x.events if e.source is not None and e.target is not None]
        if not pairs:
            continue
        best = max(pairs, key=lambda e: e.confidence)
        assert best.source is not None and best.target is not None
        verdict = judge(codes, best.source.code, best.target.code)
        assert verdict is not None
        emitted += 1
        right += verdict[0]
        either += verdict[1]
        if not verdict[0] and len(errors) < a.show_errors:
            gold = {k: sorted(v) for k, v in codes.items()}
            errors.append(f"  s{i} {best.type} {best.source.code}->{best.target.code} gold {gold}")
    elapsed = time.perf_counter() - t0

    def share(k: int) -> float:
        return k / emitted if emitted else 0.0

    result = {
        "split": a.split,
        "sentences": len(sentences),
        "both_roles_coded": coded,
        "pair_emitted": emitted,
        "right_in_order": right,
        "right_either_order": either,
        "accuracy": round(share(right), 3),
        "accuracy_either_order": round(share(either), 3),
        "target": TARGET,
        "seconds": round(elapsed, 1),
    }
    print(
        f"ConfliBERT CAMEO-NER {a.split} ({path}): {len(sentences)} sentences, "
        f"extract {elapsed:.1f} s\n"
        f"  both roles coded        {coded}\n"
        f"  we emit a pair          {emitted} ({emitted / coded:.1%} of them)\n"
        f"  source+target right     {share(right):.3f} ({right}/{emitted}; target >= {TARGET})\n"
        f"  either order            {share(either):.3f} ({either}/{emitted})"
    )
    for line in errors:
        print(line)
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
