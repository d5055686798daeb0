"""The document's home country: the state whose outlet, ministry or site publishes it (#14).

"We", "our country" and unattributed ministries speak for the home, and a bare dollar is the
home's dollar. The home comes from the document, in this order (the first that decides wins):

1. the outlet's name in ``data/outlets.jsonl`` (rules with ids: ``outlet.vnm.vna`` → VNM; the
   international wires and broadcasters map to no home);
2. a wire service's name that names no state ("Asia Pacific Wire"): no home;
3. the site's country-code domain (``mofa.go.jp`` → JPN, ``.gov`` → USA);
4. the one state the outlet's name names ("Ministry of Foreign Affairs of Japan", "Global Affairs
   Canada", "Royal Thai Government", "Hanoi Daily Times");
5. an agency in the dateline ("HA NOI (VNA) –").

Without any of them the caller keeps its default perspective (Vietnam unless told otherwise).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

#: country-code domains used as generic names (".io", ".tv", ".co") say nothing of a home
_GENERIC_TLDS = frozenset("io tv co me ly fm ai gg to ws cc nu am la so sh ac ag vc".split())
_WIRE = re.compile(r"\b(?:wire|newswire|dispatch)\b", re.I)
_STATE_WORDS = re.compile(
    r"\b(?:national|state|government|ministry|presidency|president|prime\s+minister|embassy|"
    r"office|department|agency|federal|royal|sangbad|samachar)\b",
    re.I,
)
_SENDER = re.compile(r"\b(?:embassy|mission|consulate|delegation)\b", re.I)
_DATELINE_AGENCY = re.compile(r"\(([A-Z][\w .&'-]{1,40})\)")


@dataclass(frozen=True)
class OutletRule:
    """One outlet pattern: its id, the compiled pattern and the home (None: a wire)."""

    id: str
    pattern: re.Pattern[str]
    code: str | None


@dataclass(frozen=True)
class Home:
    """The home a document names, and the rule that found it."""

    code: str | None  # None: the document names no home (a wire) or nothing decided
    rule: str  # the outlet rule id, "wire", "url", "outlet-name", "dateline" or "none"


@lru_cache(maxsize=1)
def outlet_rules() -> tuple[OutletRule, ...]:
    """The outlet table, in file order."""
    path = resources.files("diplograph.data") / "outlets.jsonl"
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rules.append(OutletRule(row["id"], re.compile(row["pattern"], re.I), row["code"]))
    return tuple(rules)


def _table(name: str) -> OutletRule | None:
    return next((r for r in outlet_rules() if r.pattern.search(name)), None)


@lru_cache(maxsize=256)
def url_home(url: str | None) -> str | None:
    """The state of a site's country-code domain ("www.mofa.go.jp" → JPN), if it has one."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if tld in ("gov", "mil"):
        return "USA"
    if len(tld) != 2 or tld in _GENERIC_TLDS:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2="GB" if tld == "uk" else tld.upper())
    return country.alpha_3 if country is not None else None


def document_home(
    outlet: str | None, url: str | None, text: str, states_in: Callable[[str], list[str]]
) -> Home:
    """The home the document itself names (see the module docstring for the order).

    ``states_in(name)``: the states the gazetteer finds in a name, in order (called only when
    the outlet table, a wire's name and the site have not decided).
    """
    name = (outlet or "").strip()
    if name:
        rule = _table(name)
        if rule is not None:
            return Home(rule.code, rule.id)
        if _WIRE.search(name) and not _STATE_WORDS.search(name):
            return Home(None, "wire")
    code = url_home(url)
    if code:
        return Home(code, "url")
    distinct = list(dict.fromkeys(states_in(name))) if name else []
    if len(distinct) == 1 or (distinct and _SENDER.search(name)):
        return Home(distinct[0], "outlet-name")
    m = _DATELINE_AGENCY.search(text[:200])
    if m:
        rule = _table(m.group(1))
        if rule is not None:
            return Home(rule.code, rule.id)
    return Home(None, "none")
