"""``/api/network`` and ``/api/compare``: the event graph of a focus country, and two
countries side by side with one partner (issue 17)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from diplograph.query.compare import ComparePublic, compare_countries
from diplograph.query.downloads import compare_name, compare_rows, network_filters, network_rows
from diplograph.query.inputs import InputError
from diplograph.query.network import MAX_NODES, NetworkPublic, build_network, parse_group
from diplograph.query.network import parse_types as parse_event_types
from diplograph.server.deps import (
    NAME,
    SettingsDep,
    Since,
    StoreDep,
    Until,
    ViewFormat,
    actor_code,
)
from diplograph.server.downloads import CSV_RESPONSE, download_response
from diplograph.store import Filters

router = APIRouter(tags=["analysis"])
T = TypeVar("T")

Name = Annotated[str, Query(pattern=NAME, max_length=80, description="e.g. VNM or Viet Nam.")]


def _checked(parse: Callable[[str | None], T], value: str | None, param: str) -> T:
    """``parse(value)``; its InputError becomes a 422 naming ``param``."""
    try:
        return parse(value)
    except InputError as e:
        error = {"loc": ("query", param), "msg": e.message, "type": "value_error"}
        raise RequestValidationError([error]) from None


@router.get("/network", response_model=NetworkPublic, responses=CSV_RESPONSE)
def get_network(
    store: StoreDep,
    settings: SettingsDep,
    focus: Annotated[
        str | None,
        Query(
            pattern=NAME,
            max_length=80,
            description="Focus country or organisation in any spelling [DIPLOGRAPH_HOME]; "
            "`all` for every actor.",
        ),
    ] = None,
    types: Annotated[
        str | None,
        Query(max_length=300, description="Event types, comma-separated: VISIT,MEET."),
    ] = None,
    group: Annotated[
        str | None, Query(max_length=20, description="cooperative or conflictual event types.")
    ] = None,
    since: Since = None,
    until: Until = None,
    max_nodes: Annotated[
        int, Query(ge=2, le=200, description="Most actors shown (by events).")
    ] = MAX_NODES,
    format: ViewFormat = None,
) -> NetworkPublic | Response:
    """Actors as nodes (with names), event counts between pairs as edges, split into
    cooperative and conflictual events: the focus country's partners and the events among
    them. Unknown names and types are a 422 with suggestions. `format=csv|json`: the
    `/network` download, one row per pair (its edges)."""
    code = None if (focus or "").lower() == "all" else actor_code(focus, "focus") or settings.home
    net = build_network(
        store,
        code,
        since=since,
        until=until,
        types=_checked(parse_event_types, types, "types"),
        group=_checked(parse_group, group, "group"),
        max_nodes=max_nodes,
    )
    if format:
        return download_response("network", network_rows(net), network_filters(net), format)
    return net


@router.get("/compare", response_model=ComparePublic, responses=CSV_RESPONSE)
def get_compare(
    store: StoreDep,
    a: Name,
    b: Name,
    partner: Annotated[
        str, Query(pattern=NAME, max_length=80, description="The partner, e.g. China.")
    ],
    since: Since = None,
    until: Until = None,
    format: ViewFormat = None,
) -> ComparePublic | Response:
    """Countries `a` and `b` side by side with `partner`: event counts by type and year (the
    same years for both) and each pair's tier history with the tier reached by `until`.
    `format=csv|json`: the `/compare` download, each country's events per year and per type."""
    first, second = actor_code(a, "a") or "", actor_code(b, "b") or ""
    other = actor_code(partner, "partner") or ""
    try:
        c = compare_countries(store, first, second, other, since=since, until=until)
    except InputError as e:  # the same country twice, or the partner among the compared
        error = {"loc": ("query", "b"), "msg": e.message, "type": "value_error"}
        raise RequestValidationError([error]) from None
    if format:
        filters = Filters(partner=c.partner, since=since, until=until)
        return download_response("compare", compare_rows(c), filters, format, compare_name(c))
    return c
