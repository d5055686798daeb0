"""Role fixes applied to the trained decider's pairs: the state whose envoy is summoned is the
target of the protest, and the home country of a story that never names it takes no role."""

from __future__ import annotations

from diplograph.extract import _one_pair, extract
from diplograph.extract.events import UnitContext
from diplograph.learn.decider import (
    _received_from,
    _rejected,
    _silent_home,
    _summoned_envoy,
    _violated,
    load_decider,
)
from diplograph.learn.examples import Recorder
from diplograph.models import Actor, Document, Event, Evidence

DEU, RUS = Actor("DEU", "Germany"), Actor("RUS", "Russia")
VNM, BLR, POL = Actor("VNM", "Vietnam"), Actor("BLR", "Belarus"), Actor("POL", "Poland")


def _ctx(text: str, home: str = "VNM") -> UnitContext:
    rec = Recorder()
    extract(Document(id="r", text=text, published="2024-03-01"), home=home, decider=rec)
    return rec.views[-1].ctx


def _event(text: str, source: Actor, target: Actor | None, etype: str = "PROTEST_ACCUSE") -> Event:
    return Event(etype, Evidence("r", 0, 0, len(text), text), source, target, "2024-03-01")


def test_summoned_envoy_state_is_the_target() -> None:
    for text in (
        "Germany summoned the Russian ambassador in Berlin on Friday over the hacking attack.",
        "On Friday the charge d'affaires of the Russian Embassy was summoned by Germany.",
        "Germany lodged a protest with the Embassy of Russia over the hacking attack.",
    ):
        fixed = _summoned_envoy(_event(text, RUS, DEU), _ctx(text))
        assert (fixed.source, fixed.target) == (DEU, RUS), text


def test_envoy_who_protests_keeps_the_source() -> None:
    text = "The Russian ambassador condemned Germany over the expulsion of two journalists."
    event = _event(text, RUS, DEU)
    assert _summoned_envoy(event, _ctx(text)) == event


def test_silent_home_gives_way_to_the_state_the_story_is_about() -> None:
    lead = "Poland accused Belarus of letting migrants cross the border. "
    text = lead + "Foreign Minister Jan Kowalczyk summoned the Belarusian envoy on Monday."
    ctx = _ctx(text)
    assert not ctx.home_speaks
    fixed = _silent_home(_event(text, VNM, BLR), ctx)
    assert fixed.source is not None and fixed.source.code == "POL"
    assert fixed.target == BLR


def test_home_that_speaks_keeps_its_role() -> None:
    text = "Vietnam and Poland held talks. The ministry summoned the Belarusian envoy on Monday."
    ctx = _ctx(text)
    event = _event(text, VNM, BLR)
    assert _silent_home(event, ctx) == event


def test_the_two_leaders_are_the_two_who_met() -> None:
    text = (
        "Prime Minister Pham Minh Chinh held talks with Singaporean Prime Minister Lawrence "
        "Wong in Singapore on Monday. Vietnam and Indonesia had lifted their relations to a "
        "comprehensive strategic partnership in 2025. The two leaders issued a joint statement "
        "on the upgrade."
    )
    decider = load_decider()
    assert decider is not None
    x = extract(Document(id="p", text=text, published="2024-03-01"), decider=decider)
    last = [e for e in x.events if "joint statement" in e.evidence.text]
    pairs = {frozenset((e.source.code, e.target.code)) for e in last if e.source and e.target}
    assert frozenset(("VNM", "SGP")) in pairs
    assert frozenset(("VNM", "IDN")) not in pairs


def test_a_list_of_partners_names_no_one_pair() -> None:
    text = "The tour will take him to Singapore, Laos and Cambodia."
    ev = Evidence("p", 0, 0, len(text), text)
    one = [Event("VISIT", ev, VNM, Actor("SGP", "Singapore"), None)]
    assert _one_pair(one, {"VISIT"}) == (VNM, Actor("SGP", "Singapore"))
    many = [*one, Event("VISIT", ev, VNM, Actor("LAO", "Laos"), None)]
    assert _one_pair(many, {"VISIT"}) is None


def test_the_violated_state_protests_the_violator() -> None:
    text = "Poland's drills seriously violate Belarus's sovereignty, the ministry said."
    fixed = _violated(_event(text, POL, BLR), _ctx(text))
    assert (fixed.source, fixed.target) == (BLR, POL)
    event = _event(text, BLR, POL)  # already the right way round
    assert _violated(event, _ctx(text)) == event


def test_messages_received_from_a_state_are_sent_by_it() -> None:
    text = "Poland's president received messages of condolence from the leaders of Germany."
    fixed = _received_from(_event(text, POL, DEU, "STATEMENT_SUPPORT"), _ctx(text))
    assert (fixed.source, fixed.target) == (DEU, POL)
    sent = "Poland's president sent a message of condolence to Germany."
    event = _event(sent, POL, DEU, "STATEMENT_SUPPORT")
    assert _received_from(event, _ctx(sent)) == event


def test_the_state_whose_claim_is_rejected_is_the_target() -> None:
    text = "The ministry dismissed Germany's allegations as groundless, Russia said."
    fixed = _rejected(_event(text, DEU, RUS, "OTHER_CONFLICT"), _ctx(text))
    assert (fixed.source, fixed.target) == (RUS, DEU)
