"""What a document's earlier sentences leave for its later ones: the pairs, people, offices,
tiers and dates a later "the two sides", "He", "It" or "Last year" leans on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from diplograph.extract.events import office_named
from diplograph.extract.slots import Slot
from diplograph.models import Actor, Event

PAIR_TYPES = frozenset({"VISIT", "MEET", "CALL", "AGREE_SIGN", "PARTNERSHIP_UPGRADE"})
CONTACT_TYPES = frozenset({"VISIT", "MEET", "CALL"})


@dataclass
class DocState:
    """The reading state carried from one sentence of a document to the next."""

    context_date: str | None = None  # the year the sentence before stated
    last_pair: tuple[Actor, Actor] | None = None  # the pair of the latest bilateral event
    last_contact: tuple[Actor, Actor] | None = None  # … of the latest meeting, call, visit
    prev_two: tuple[Actor, Actor] | None = None  # the two states the sentence before names
    last_person: Actor | None = None
    officials: list[Actor] = field(default_factory=list)  # persons with a role, first first
    office: Actor | None = None  # the state whose ministry or spokesperson was named last
    antecedent: Actor | None = None  # the actor the sentence before is about ("It ...")
    tiers_seen: list[str] = field(default_factory=list)  # for "that tier", "such a ..."
    carry: tuple[str, str] | None = None  # (hub, level) a next "B followed in 2012" joins
    lead_date: str | None = None  # the day the lead sentence reports, for news items
    told_day: str | None = None  # the lead dateline's day, when it is not the publication's
    last_day: str | None = None  # the last full date a sentence stated ("the same day")
    mined: int = 0  # the sentences read so far
    memory: dict[str, Actor] = field(default_factory=dict)  # latest target of each type
    accusers: dict[str, Actor] = field(default_factory=dict)  # latest protester at each state

    def after_unit(
        self, text: str, slots: list[Slot], people: list[Actor], events: list[Event]
    ) -> None:
        """Remember what a sentence named and did."""
        self.officials += [a for a in people if a.role and a not in self.officials]
        self.office = office_named(text, slots) or self.office
        self.antecedent = next((e.source for e in events if e.source is not None), None) or next(
            (sl.actor for sl in slots if not sl.location), None
        )
        states = list(
            {s.code: s.actor for s in slots if not s.location and len(s.code) == 3}.values()
        )
        self.prev_two = (states[0], states[1]) if len(states) == 2 else None
        # "the two sides" is the pair of the latest bilateral event; a sentence that pairs one
        # actor with a list ("a tour that will also take him to Singapore and Laos", "the ninth
        # partner after China, Russia, India") names no one pair and leaves it as it was
        self.last_pair = one_pair(events, PAIR_TYPES) or self.last_pair
        self.last_contact = one_pair(events, CONTACT_TYPES) or self.last_contact
        for e in events:
            if e.target is not None:
                self.memory[e.type] = e.target
                if e.type == "PROTEST_ACCUSE" and e.source is not None:
                    self.accusers[e.target.code] = e.source

    def after_dates(
        self,
        unit_date: str | None,
        year_dates: list[str],
        year_hint: int | None,
        published: str | None,
    ) -> None:
        """Remember the sentence's stated year, and the lead's day, for the sentences after."""
        if unit_date and len(unit_date) == 10:
            self.last_day = unit_date
        # the next unit may lean on this one's stated year or month ("Last year, ...")
        stated = unit_date or (year_dates[0] if year_dates else None)
        self.context_date = (
            stated
            if stated and len(stated) == 4 and not (year_hint and int(stated) < year_hint - 1)
            else None
        )  # a year of background history ("ties set up in 1971") dates nothing after it
        self.mined += 1
        if self.mined <= 2 and self.lead_date is None and near(unit_date, published, days=7):
            self.lead_date = unit_date


def one_pair(events: list[Event], types: frozenset[str]) -> tuple[Actor, Actor] | None:
    """The one pair of states the sentence's events of ``types`` join, if they join one."""
    found = [
        (e.source, e.target) for e in events
        if e.type in types and e.source and e.target and len(e.target.code) == 3
    ]  # fmt: skip
    if len({frozenset((a.code, b.code)) for a, b in found}) != 1:
        return None
    return found[-1]


def near(day: str | None, published: str | None, days: int) -> bool:
    """Whether ``day`` is a full date within ``days`` of the publication date."""
    if not day or not published or len(day) != 10 or len(published) != 10:
        return False
    try:
        delta = date.fromisoformat(day) - date.fromisoformat(published)
    except ValueError:
        return False
    return abs(delta.days) <= days
