"""Trigger rules and vetoes are data with ids; each is testable on its own by id."""

from __future__ import annotations

import re

import pytest

from diplograph.extract.events import RULES, VETOES, UnitContext, load_rules
from diplograph.models import Actor

BY_ID = {r.id: r for r in RULES}


def _ctx(text: str) -> UnitContext:
    return UnitContext("d", 0, 0, text, [], [], None, None, Actor("VNM", "Vietnam"))


def test_rules_have_unique_ids_known_vetoes_and_keys():
    assert len(BY_ID) == len(RULES) > 30
    for r in RULES:
        assert r.keys, r.id
        assert set(r.vetoes) <= set(VETOES), r.id


def test_rules_prefilter_is_derived_from_rule_keys():
    from diplograph.extract import events

    assert set(events._KEY_TYPES) == {k for r in RULES for k in r.keys}


@pytest.mark.parametrize(
    ("rule_id", "text"),
    [
        ("visit.svo.1", "Prime Minister Chinh paid an official visit to Japan."),
        ("meet.svo.1", "Chinh hosted an official welcome ceremony for President Widodo."),
        ("protest_accuse.svo.2", "The ministry called in the Ugandan ambassador on Tuesday."),
        ("protest_accuse.svo.3", "Ghana urged Togo to stop building the dam."),
        ("protest_accuse.svo.3", "Kenya demanded that Ugandan troops leave the island."),
        ("protest_accuse.svo.4", "Chile conveyed its serious concerns to Peru."),
        ("protest_accuse.svo.4", "A protest was lodged through diplomatic channels."),
        ("protest_accuse.svo.5", "Brazil warned Paraguay against building the dam."),
        ("sanction.svo.2", "Kenya recalled its ambassador from Uganda for consultations."),
        ("sanction.svo.3", "Mali severed diplomatic relations with Ukraine."),
        ("sanction.svo.4", "Pakistan closed its border crossings with Afghanistan."),
        ("sanction.svo.5", "Canada announced retaliatory 25 percent tariffs on goods from Chile."),
        ("sanction.svo.5", "The bloc approved its 14th package of measures against Russia."),
        ("other_conflict.svo.2", "Kenya rejected the accusations made by Uganda."),
        ("other_conflict.svo.3", "A Russian drone violated Polish airspace on Monday."),
    ],
)
def test_rules_fire_by_id(rule_id, text):
    assert BY_ID[rule_id].pattern.search(text), rule_id


@pytest.mark.parametrize(
    ("rule_id", "text"),
    [
        ("protest_accuse.svo.2", "The president called in sick on Tuesday."),
        ("protest_accuse.svo.3", "Ghana urged both sides to show restraint."),
        ("protest_accuse.svo.3", "Ghana urged Togo to invest in the port."),
        ("protest_accuse.svo.4", "The talks raised hopes of a deal."),
        ("protest_accuse.svo.5", "Brazil warned of heavy rain in the south."),
        ("sanction.svo.2", "The cabinet approved the recall of 40 ambassadors."),
        ("sanction.svo.3", "Mali cut interest rates on Monday."),
        ("sanction.svo.4", "The minister closed the conference on Friday."),
        ("sanction.svo.5", "The deal removed tariffs on most goods."),
        ("other_conflict.svo.2", "Kenya rejected the budget proposal."),
        ("other_conflict.svo.3", "Poland intruded into the debate."),
    ],
)
def test_rules_near_misses_by_id(rule_id, text):
    assert not BY_ID[rule_id].pattern.search(text), rule_id


def test_rules_home_flag_names_the_home_country_as_source():
    assert BY_ID["protest_accuse.svo.2"].home
    assert BY_ID["protest_accuse.svo.1"].home  # "The spokesperson condemned ...": ours
    assert not BY_ID["sanction.svo.2"].home


@pytest.mark.parametrize(
    ("veto", "text", "trigger", "expected"),
    [
        ("hedged", "The minister did not visit Japan.", "visit", True),
        ("hedged", "The minister will visit Japan.", "visit", False),
        ("invitation", "He accepted an invitation to visit Japan.", "visit", True),
        ("aggregate", "Our leaders made 22 visits abroad.", "visits", True),
        ("accused_of", "Manila accused Beijing of ramming its boat.", "ramming", True),
    ],
)
def test_vetoes_by_id(veto, text, trigger, expected):
    m = re.search(trigger, text)
    assert m is not None
    before = text[: m.start()]
    assert VETOES[veto](_ctx(text), "VISIT", m, before) is expected


def test_rules_bad_file_reports_the_line(tmp_path):
    bad = tmp_path / "rules.jsonl"
    bad.write_text('{"id": "x", "type": "VISIT", "frame": "svo", "pattern": "("}\n')
    with pytest.raises(ValueError, match=":1:"):
        load_rules(bad)
