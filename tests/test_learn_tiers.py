"""The tier decider: it vets the rules' pairs of a tier phrase and adds at most ``max_added``."""

from __future__ import annotations

import numpy as np

from diplograph.extract import extract
from diplograph.learn.examples import Recorder
from diplograph.learn.linear import empty
from diplograph.learn.tiers import TierDecider, tier_key
from diplograph.models import Document

TEXT = (
    "Vietnam and Japan elevated their ties to a comprehensive strategic partnership on Friday, "
    "and China welcomed the move."
)
CSP = "comprehensive strategic partnership"


def _decider(bias: float, max_added: int) -> TierDecider:
    m = empty("tier_pairs", ("pair",))
    m.bias[:] = np.float32(bias)  # every candidate scores sigmoid(bias)
    return TierDecider(m, "test", 0.4, max_added)


def _sentence() -> tuple[object, list, list]:
    rec = Recorder()
    rules = extract(Document(id="t", text=TEXT, published="2024-05-03"), decider=rec).relations
    assert [tier_key(r.a, r.b, r.level) for r in rules] == [("JPN", "VNM", CSP)]
    [unit] = rec.tiers
    return unit.ctx, rules, unit.readings


def test_tiers_a_pair_the_model_rejects_is_dropped():
    ctx, rules, readings = _sentence()
    assert _decider(-5.0, 0).decide(ctx, rules, readings) == []


def test_tiers_the_model_keeps_rule_pairs_and_adds_only_up_to_its_limit():
    ctx, rules, readings = _sentence()
    kept = _decider(5.0, 0).decide(ctx, rules, readings)
    assert [(r.a, r.b, r.level) for r in kept] == [("VNM", "JPN", CSP)]
    assert kept[0].produced_by is not None and kept[0].produced_by.startswith("model:tiers@test:")
    more = _decider(5.0, 1).decide(ctx, rules, readings)
    assert len(more) == 2 and {tier_key(r.a, r.b, r.level) for r in more} > {("JPN", "VNM", CSP)}
    assert all(r.evidence.text == TEXT for r in more)


def test_gold_keys_learn_the_tier_inside_another_pairs_named_framework() -> None:
    from diplograph.learn.tiers import gold_keys

    gold = [
        {"a": "KHM", "b": "CHN", "level": "comprehensive strategic cooperative partnership"},
        {"a": "VNM", "b": "JPN", "level": CSP},
    ]
    assert gold_keys(gold) == {("CHN", "KHM", CSP), ("JPN", "VNM", CSP)}
