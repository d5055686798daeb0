"""bench/conflibert_actors.py: CoNLL role spans and the role judgement (invented sentences)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench" / "conflibert_actors.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("conflibert_actors", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


CONLL = """Peru B-S
's I-S
envoy I-S
scolded O
Chile B-T
. O

Fiji B-R
and O
Samoa B-R
will O
meet O
"""


def test_read_conll_joins_tokens_and_keeps_role_spans(tmp_path: Path) -> None:
    path = tmp_path / "test.txt"
    path.write_text(CONLL, encoding="utf-8")
    first, second = _bench().read_conll(path)
    assert first.text == "Peru 's envoy scolded Chile ."
    assert first.spans == {"S": [(0, 13)], "T": [(22, 27)]}
    assert second.spans == {"R": [(0, 4), (9, 14)]}


def test_judge_orders_source_and_target_and_accepts_reciprocal_pairs() -> None:
    judge = _bench().judge
    codes = {"S": {"PER"}, "T": {"CHL"}}
    assert judge(codes, "PER", "CHL") == (True, True)
    assert judge(codes, "CHL", "PER") == (False, True)
    assert judge(codes, "PER", "BOL") == (False, False)
    assert judge({"R": {"FJI", "WSM"}}, "WSM", "FJI") == (True, True)
    assert judge({"S": {"PER"}}, "PER", "CHL") is None  # no coded target: not scored
