"""GUIDELINES: states co-elected in passing in a story about another state's election are not
labelled. The decider keeps the document's own state of an elected list."""

from __future__ import annotations

from dataclasses import replace

from diplograph.extract import extract
from diplograph.extract.events import UnitContext
from diplograph.learn.decider import Decision, _co_elected_in_passing, _elected_rule_bodies
from diplograph.learn.examples import Recorder
from diplograph.models import Actor, Document, Event, Evidence

TEXT = (
    "HANOI – Vietnam, India, Pakistan and Chile were elected to the UN Human Rights Council "
    "on Friday, the foreign ministry said."
)
HRC = Actor("UNHRC", "UN Human Rights Council")


def _ctx() -> UnitContext:
    rec = Recorder()
    extract(Document(id="e", text=TEXT, published="2025-10-10"), decider=rec)
    return rec.views[0].ctx


def _elected(*codes: str) -> list[Event]:
    ev = Evidence("e", 0, 0, len(TEXT), TEXT)
    return [Event("ELECTED", ev, Actor(c, c), HRC, "2025-10-10") for c in codes]


def test_elected_list_keeps_the_home_state_that_speaks():
    ctx = replace(_ctx(), home=Actor("VNM", "Vietnam"), home_speaks=True)
    kept = _co_elected_in_passing(_elected("VNM", "IND", "PAK", "CHL"), ctx)
    assert [e.source.code for e in kept if e.source] == ["VNM"]


def test_elected_list_without_the_documents_state_is_kept_whole():
    ctx = replace(_ctx(), home=Actor("NOR", "Norway"), home_speaks=True, focus=())
    kept = _co_elected_in_passing(_elected("VNM", "IND", "PAK", "CHL"), ctx)
    assert len(kept) == 4
    # two states are no list: both stay
    ctx = replace(ctx, home=Actor("VNM", "Vietnam"))
    assert len(_co_elected_in_passing(_elected("VNM", "IND"), ctx)) == 2


def _seat(body: str, by: str | None = None) -> Event:
    ev = Evidence("e", 0, 0, len(TEXT), TEXT)
    return Event("ELECTED", ev, Actor("VNM", "Vietnam"), Actor(body, body), None, produced_by=by)


def test_elected_rule_bodies_beat_a_council_the_model_chose_elsewhere() -> None:
    """ "a member of the Security Council …, elected to the ILC and the UPU": two seats."""
    ruled = [_seat("ILC", "rule:elected.svo.1"), _seat("UPU", "rule:elected.svo.1")]
    kept = _elected_rule_bodies([_seat("UNSC")], ruled, Decision())
    assert [e.target.code for e in kept if e.target] == ["ILC", "UPU"]


def test_elected_model_body_among_the_rules_stays_and_the_rules_add_the_rest() -> None:
    """ "a member of the Security Council …; elected to the ILC, the UPU and the IMO": the model's
    ILC stays, its Council goes, the rule's UPU and IMO come in."""
    ruled = [_seat(b, "rule:elected.svo.1") for b in ("ILC", "UPU", "IMO")]
    kept = _elected_rule_bodies([_seat("ILC"), _seat("UNSC")], ruled, Decision())
    assert [e.target.code for e in kept if e.target] == ["ILC", "UPU", "IMO"]
    assert kept[0].produced_by is None  # the model's own event is the one kept
