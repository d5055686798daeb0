"""First-level divisions of a state (provinces, states, prefectures, oblasts) as its places.

"visited Quang Ninh province", "toured Bavaria", "aid flown to Yunnan": GUIDELINES code the
host of a visit or the receiver of aid named by a province as the province's state, as for a
city (``extract/cities.py``, which matches both). The names come from ISO 3166-2 through
``pycountry`` (its first-level subdivisions, and Indonesia's provinces under its island
groups), folded and stripped of their type ("Guangxi Zhuangzu Zizhiqu" -> "Guangxi"); the press
forms ISO lacks ("Bavaria", "Luang Prabang") are ``data/gazetteer/provinces.csv``'s aliases.
Names that read as something else are left out: a country, capital, organisation or leader of
the gazetteer, a city of another state, a name two states share, an English word.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from diplograph.extract.gazetteer import fold, load_gazetteer, place_rows

# the kinds of division that the press names as a state's region; districts, municipalities,
# communes, parishes and cantons are mostly towns, whose names collide with other places
_KINDS = frozenset(
    {
        "Province",
        "State",
        "Prefecture",
        "Region",
        "Administrative region",
        "Autonomous region",
        "Autonomous community",
        "Autonomous province",
        "Autonomous republic",
        "Oblast",
        "Land",
        "Voivodship",
        "Governorate",
        "Republic",
        "Regional state",
        "Union territory",
        "Emirate",
        "Department",
        "County",
        "Territory",
    }
)
# Indonesia's provinces sit under island groups that are no administration
_GROUPS = frozenset({"Geographical unit"})
# the type a name carries in ISO 3166-2 ("Anhui Sheng", "Ningxia Huizu Zizhiqu", "Gyeonggi-do")
_TYPE_TAIL = re.compile(
    r"(?:\s+(?:Zhuangzu|Huizu|Uygur)?\s*Zizhiqu|\s+Sheng|\s+Shi|\s+Province|\s+Region|"
    r"-do|-teukbyeoljachido|\s*\(.*\)|\s*\[.*\]|,.*)$"
)
# a direction, a sea or an ordinary word before or in a name ("Central", "Far North", "Red Sea")
_PLAIN = re.compile(
    r"^(?:(?:North|South|East|West|North(?:east|west)|South(?:east|west)|Northern|Southern|"
    r"Eastern|Western|Central|Centre|Nord|Sud|Upper|Lower|Middle|Capital|National|Far|Greater|"
    r"San|Santa|Santo|Saint|St|Los|Las|El|La|In|New\s+York)\b.*|.*\b(?:Area|Coast|Sea|Lakes?|"
    r"Rivers?|Nile|Gulf|Plateau)\b.*)$"
)
# ISO names (their first word) that the press uses for something else: a word, a person, a
# newspaper, a town, a river, another state's region ("Pool", "Batman", "Granma", "Galicia")
_OTHER = frozenset(
    """Abkhazia Acre Afar Agri Balkan Batman Bono Canterbury Cascades Centrale Chin Choco
    Concepcion Constantine Cordillera Delta Diego Falcon Fars Formosa Galicia Gracias Granada
    Granma Guantanamo Hela Kara Leste Loreto Lori Marche Maritime Marlborough Mascara Medea
    Midlands Mila Mono Munster Nandi Norte Northland Ouest Papua Para Pasco Pest Pool
    Presidente Princes Principe Quiche Rocha Saga Saha Sahel Saida Savannah Sila Soriano
    Southland Surin Tanganyika Tasman Trang Ulster Volta Yuma Zambezi""".split()
)


def _name(raw: str) -> str:
    """The press form of an ISO 3166-2 name: folded, without its type."""
    return _TYPE_TAIL.sub("", fold(raw)).strip()


def _forms(name: str) -> Iterator[str]:
    """A name and its spelling with spaces for hyphens ("Thua Thien-Hue" -> "Thua Thien Hue")."""
    yield name
    if "-" in name and " - " not in name:
        yield name.replace("-", " ")
    if " - " in name:
        yield name.replace(" - ", "-")


def _aliases() -> dict[str, list[str]]:
    """The press forms ISO 3166-2 lacks, by subdivision code (``provinces.csv``)."""
    path = resources.files("diplograph.data") / "gazetteer" / "provinces.csv"
    with path.open(encoding="utf-8") as fh:
        return {row["code"]: row["aliases"].split(";") for row in csv.DictReader(fh)}


def _cities() -> dict[str, str]:
    """Each city's name and aliases in ``places.csv`` and its state."""
    return {fold(n): country for name, aliases, country in place_rows() for n in (name, *aliases)}


def _taken() -> set[str]:
    """Surfaces that name something else: the gazetteer's actors and people."""
    g = load_gazetteer()
    taken = {fold(p["pattern"]) for p in g.patterns if isinstance(p["pattern"], str)}
    return taken | {fold(name) for name in g.leaders}  # "Chinh", "Rivera": a leader


def _iso_forms(raw: str) -> list[str]:
    """The press forms of an ISO name that reads as nothing else."""
    name = _name(raw)
    if _PLAIN.match(name) or name.split()[0] in _OTHER:
        return []
    return list(_forms(name))


@lru_cache(maxsize=1)
def province_names() -> dict[str, str]:
    """Each first-level division's press names (longer than three letters) and its state."""
    import pycountry  # ISO 3166-2, read once

    g = load_gazetteer()
    extra = _aliases()
    subs = list(pycountry.subdivisions)
    groups = {s.code for s in subs if s.type in _GROUPS}
    seen: dict[str, set[str]] = {}
    for s in subs:
        if s.type not in _KINDS or (s.parent_code is not None and s.parent_code not in groups):
            continue
        country = pycountry.countries.get(alpha_2=s.country_code)
        code = country.alpha_3 if country is not None else ""
        if code in g.country_names:
            for form in [*_iso_forms(s.name), *extra.get(s.code, ())]:
                seen.setdefault(form, set()).add(code)
    taken, cities = _taken(), _cities()
    out: dict[str, str] = {}
    for form, codes in seen.items():
        code = next(iter(codes))
        if len(codes) > 1 or len(form) <= 3 or not form[0].isupper() or form in taken:
            continue  # "Punjab": two states' provinces; "Georgia": a state
        if cities.get(form, code) != code:
            continue  # "Merida": a city of another state
        out[form] = code
    return out
