"""The state a measure is "on" or "against" is a SANCTION's target, whatever the pair model
preferred ("sanctions on Russia in response to Moscow's annexation of Ukrainian regions")."""

from __future__ import annotations

from diplograph.extract import extract
from diplograph.extract.events import UnitContext
from diplograph.learn.decider import _sanctioned
from diplograph.learn.examples import Recorder
from diplograph.models import Actor, Document, Event, Evidence

TEXT = (
    "The European Union on Thursday adopted a fresh round of sanctions on Russia in response "
    "to Moscow's annexation of four Ukrainian regions."
)
EU, RUS, UKR = Actor("EU", "European Union"), Actor("RUS", "Russia"), Actor("UKR", "Ukraine")


def _ctx(text: str = TEXT) -> UnitContext:
    rec = Recorder()
    extract(Document(id="s", text=text, published="2022-10-06"), decider=rec)
    return rec.views[0].ctx


def _event(etype: str, target: Actor | None, text: str = TEXT) -> Event:
    return Event(etype, Evidence("s", 0, 0, len(text), text), EU, target, "2022-10-06")


def test_sanction_takes_the_state_the_measure_is_on() -> None:
    ctx = _ctx()
    for target in (UKR, None):
        fixed = _sanctioned(_event("SANCTION", target), ctx)
        assert fixed.target is not None and fixed.target.code == "RUS"
    assert _sanctioned(_event("SANCTION", RUS), ctx).target == RUS


def test_other_types_and_sentences_without_the_frame_are_left_alone() -> None:
    assert _sanctioned(_event("PROTEST_ACCUSE", UKR), _ctx()).target == UKR
    text = "The European Union expelled two Russian diplomats over spying in Brussels."
    assert _sanctioned(_event("SANCTION", RUS, text), _ctx(text)).target == RUS
