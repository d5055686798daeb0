"""The world map of one country's relations: partners by tier and events, places by events.

For a focus country (or organisation) and a period this gathers

- every partner: an actor it has events with in the period (either direction, the counts of
  ``Store.event_pairs``, as on the network page) or a relationship tier with (the current tier
  of ``partners_by_tier``: the reference table and the tiers found in documents);
- every place named in its events (the event ``location``) that the bundled gazetteer knows
  (``query.places``), with the events there, and the names it does not know.

Counts are event records (one per reporting sentence), like the event lists.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, Field

from diplograph.query.identifiers import wikidata_id
from diplograph.query.names import display
from diplograph.query.places import geocode
from diplograph.query.views import TIERS, partners_by_tier, tier_rank
from diplograph.query.world import world_codes
from diplograph.store import Filters, Store


class MapPartner(BaseModel):
    """A partner of the focus: its current tier and the events with the focus in the period."""

    code: str
    name: str
    kind: Literal["country", "organisation"] = Field(
        description="country: drawn on the map; organisation: listed beside it."
    )
    tier: str | None = Field(None, description="Current relationship tier with the focus.")
    tier_since: str | None = None
    events: int = Field(description="Events with the focus in the period, either direction.")
    by_type: dict[str, int] = Field(default_factory=dict)
    wikidata: str | None = None


class MapPlace(BaseModel):
    """A place named in the focus's events, from the bundled gazetteer."""

    name: str
    country: str = Field(description="ISO3 code of the state the place is in.")
    lat: float
    lon: float
    events: int
    by_type: dict[str, int] = Field(default_factory=dict)
    written: list[str] = Field(description="How the events' locations spell it.")


class UnplacedLocation(BaseModel):
    """A location of the focus's events that the gazetteer does not know."""

    location: str
    events: int


class MapPublic(BaseModel):
    """The map of one query: partners (by events, then tier), places (by events)."""

    focus: str
    focus_name: str
    since: str | None = None
    until: str | None = None
    tiers: list[str] = Field(default_factory=lambda: list(TIERS), description="Highest first.")
    partners: list[MapPartner]
    places: list[MapPlace]
    unplaced: list[UnplacedLocation]
    events: int = Field(description="Events between the focus and its partners in the period.")
    located_events: int = Field(description="Events of the focus at a place on the map.")


def _partner_events(store: Store, focus: str, f: Filters) -> dict[str, Counter[str]]:
    """Partner → events with the focus by type, folded from the directed pair counts."""
    out: dict[str, Counter[str]] = {}
    for r in store.event_pairs(Filters(country=focus, since=f.since, until=f.until)):
        src, tgt = str(r["source_code"]), str(r["target_code"])
        if focus not in (src, tgt):
            continue
        other = tgt if src == focus else src
        out.setdefault(other, Counter())[str(r["type"])] += int(r["count"])
    return out


def _places(store: Store, focus: str, f: Filters) -> tuple[list[MapPlace], list[UnplacedLocation]]:
    """Places of the focus's events from one aggregate query (``Store.event_locations``: counts
    per location, pair and type), geocoded once per group, never reading the event rows."""
    placed: dict[tuple[str, str], tuple[MapPlace, Counter[str], Counter[str]]] = {}
    unplaced: Counter[str] = Counter()
    for r in store.event_locations(Filters(country=focus, since=f.since, until=f.until)):
        text, n = (r.get("location") or "").strip(), int(r["count"])
        if not text:
            continue
        place = geocode(text, prefer=(r.get("source_code"), r.get("target_code")))
        if place is None:
            unplaced[text] += n
            continue
        key = (place.name, place.country)
        if key not in placed:
            mark = MapPlace(name=place.name, country=place.country, lat=place.lat,
                            lon=place.lon, events=0, written=[])  # fmt: skip
            placed[key] = (mark, Counter(), Counter())
        mark, types, spellings = placed[key]
        mark.events += n
        types[str(r["type"])] += n
        spellings[text] += n
    places = []
    for mark, types, spellings in placed.values():
        mark.by_type = dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0])))
        mark.written = sorted(spellings, key=lambda s: (-spellings[s], s))
        places.append(mark)
    places.sort(key=lambda p: (-p.events, p.name, p.country))
    missing = [UnplacedLocation(location=t, events=n) for t, n in unplaced.items()]
    return places, sorted(missing, key=lambda u: (-u.events, u.location))


def build_map(
    store: Store, focus: str, since: str | None = None, until: str | None = None
) -> MapPublic:
    """The partners of ``focus`` (a code) by tier and events in the period, and its places."""
    focus = focus.upper()
    f = Filters(since=since, until=until)
    events = _partner_events(store, focus, f)
    tiers = {p.code: p for level in partners_by_tier(store, focus).values() for p in level}
    shown = world_codes()
    partners = []
    for code in set(events) | set(tiers):
        if code == focus:
            continue
        types, tier = events.get(code, Counter()), tiers.get(code)
        partners.append(
            MapPartner(
                code=code, name=display(code),
                kind="country" if code in shown else "organisation",
                tier=tier.tier if tier else None, tier_since=tier.since if tier else None,
                events=sum(types.values()),
                by_type=dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
                wikidata=wikidata_id(code),
            )
        )  # fmt: skip
    partners.sort(key=lambda p: (-p.events, tier_rank(p.tier), p.code))
    places, unplaced = _places(store, focus, f)
    return MapPublic(
        focus=focus,
        focus_name=display(focus),
        since=since,
        until=until,
        partners=partners,
        places=places,
        unplaced=unplaced,
        events=sum(p.events for p in partners),
        located_events=sum(p.events for p in places),
    )
