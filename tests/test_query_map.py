"""The map query on both store backends, checked against direct SQL; the bundled geodata.

The store tests ingest the bundled sample corpus with the real pipeline (SQLite, and PostgreSQL
when one is configured) and compare partners, tiers, counts and places with plain SQL and the
reference table read here, so nothing is pinned to what the extractor finds today. The data
tests read the gazetteer, the world shapes and the Wikidata table as the installed package
ships them (``importlib.resources``).
"""

from __future__ import annotations

import csv
import json
import tomllib
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from samplestore import ingest_sample

from diplograph.query.identifiers import wikidata_id, wikidata_ids, wikidata_url
from diplograph.query.map import build_map
from diplograph.query.places import geocode, place_key
from diplograph.query.views import TIERS
from diplograph.query.world import load_world, world_codes
from diplograph.store import Filters, SQLiteStore, Store

PAIRED = "source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code"
ROOT = Path(__file__).resolve().parents[1]


def sql(store: Store, query: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of a direct SQL query (``?`` placeholders) on either backend, as tuples."""
    if isinstance(store, SQLiteStore):
        return [tuple(r) for r in store.conn.execute(query, args).fetchall()]
    rows = store.conn.execute(query.replace("?", "%s"), args).fetchall()  # type: ignore[attr-defined]
    return [tuple(r.values()) for r in rows]


def partner_counts(
    store: Store, focus: str, where: str = "", args: tuple[Any, ...] = ()
) -> Counter[str]:
    """Events between ``focus`` and each other actor, either direction, from plain SQL."""
    out: Counter[str] = Counter()
    query = (
        f"SELECT source_code, target_code, COUNT(*) FROM events WHERE {PAIRED} "
        f"AND ? IN (source_code, target_code) {where} GROUP BY source_code, target_code"
    )
    for src, tgt, n in sql(store, query, (focus, *args)):
        out[tgt if src == focus else src] += int(n)
    return out


def expected_tiers(store: Store, focus: str) -> dict[str, str]:
    """The highest tier of each pair: the bundled reference table and the stored relations."""
    levels: dict[str, list[str]] = {}
    ref = resources.files("diplograph.data") / "gazetteer" / "partnerships.csv"
    with ref.open(encoding="utf-8") as fh:
        pairs = [(r["a"], r["b"], r["level"]) for r in csv.DictReader(fh)]
    pairs += [tuple(r) for r in sql(store, "SELECT a, b, level FROM relations")]  # type: ignore[misc]
    for a, b, level in pairs:
        if focus in (a, b) and a != b and level in TIERS:
            levels.setdefault(b if a == focus else a, []).append(level)
    return {code: min(ls, key=TIERS.index) for code, ls in levels.items()}


@pytest.fixture
def sample(store: Store) -> Store:
    ingest_sample(store)
    return store


def test_map_partners_tiers_and_counts_match_sql(sample: Store) -> None:
    m = build_map(sample, "VNM")
    counts, tiers = partner_counts(sample, "VNM"), expected_tiers(sample, "VNM")
    got = {p.code: p for p in m.partners}
    assert set(got) == set(counts) | set(tiers) and "VNM" not in got
    assert {c: p.events for c, p in got.items() if p.events} == dict(counts)
    assert {c: p.tier for c, p in got.items() if p.tier} == tiers
    assert m.events == sum(counts.values()) and m.focus_name == "Vietnam"
    assert got["USA"].kind == "country" and got["USA"].wikidata == "Q30"
    assert got["EU"].kind == "organisation" and got["EU"].tier  # the EU has a tier, no shape
    for p in m.partners:
        assert p.events == sum(p.by_type.values())
    by_type = dict(sql(sample, f"SELECT type, COUNT(*) FROM events WHERE {PAIRED} AND "
                               "'DEU' IN (source_code, target_code) AND 'RUS' IN "
                               "(source_code, target_code) GROUP BY type"))  # fmt: skip
    rus = next(p for p in build_map(sample, "DEU").partners if p.code == "RUS")
    assert rus.by_type == {t: int(n) for t, n in by_type.items()} and rus.tier is None


def test_map_period_limits_counts_and_places(sample: Store) -> None:
    m = build_map(sample, "VNM", since="2023", until="2023")
    dated = "AND date >= ? AND date <= ?"
    counts = partner_counts(sample, "VNM", dated, ("2023", "2023-99"))
    assert {p.code: p.events for p in m.partners if p.events} == dict(counts) and counts
    located = sql(
        sample,
        "SELECT location, source_code, target_code FROM events WHERE location IS NOT NULL "
        f"AND 'VNM' IN (source_code, target_code) {dated}",
        ("2023", "2023-99"),
    )
    assert m.located_events + sum(u.events for u in m.unplaced) == len(located) > 0
    where = Counter()
    for text, src, tgt in located:
        place = geocode(text, prefer=(src, tgt))
        if place:
            where[(place.name, place.country)] += 1
    assert {(p.name, p.country): p.events for p in m.places} == dict(where)


def test_map_places_are_geocoded_events_of_the_focus(sample: Store) -> None:
    m = build_map(sample, "VNM")
    rows = sql(
        sample,
        "SELECT location, COUNT(*) FROM events WHERE location IS NOT NULL "
        "AND 'VNM' IN (source_code, target_code) GROUP BY location",
    )
    assert m.located_events == sum(int(n) for _, n in rows) and not m.unplaced
    hanoi = next(p for p in m.places if p.name == "Hanoi")
    assert hanoi.country == "VNM" and abs(hanoi.lat - 21.02) < 0.1 and abs(hanoi.lon - 105.84) < 0.1
    spelled = {t: int(n) for t, n in rows if place_key(t) == "hanoi"}
    assert hanoi.events == sum(spelled.values()) and set(hanoi.written) == set(spelled)
    assert m.places == sorted(m.places, key=lambda p: (-p.events, p.name, p.country))


def places_from_rows(store: Store, focus: str, since: str | None, until: str | None):
    """The map's places as they were computed before the aggregate: from every event row."""
    placed: dict[tuple[str, str], dict[str, Any]] = {}
    unplaced: Counter[str] = Counter()
    for r in store.events(Filters(country=focus, since=since, until=until)):
        text = (r.get("location") or "").strip()
        if not text:
            continue
        place = geocode(text, prefer=(r.get("source_code"), r.get("target_code")))
        if place is None:
            unplaced[text] += 1
            continue
        mark = placed.setdefault(
            (place.name, place.country),
            {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon,
             "events": 0, "by_type": Counter(), "written": Counter()},
        )  # fmt: skip
        mark["events"] += 1
        mark["by_type"][r["type"]] += 1
        mark["written"][text] += 1
    places = [
        {**m, "by_type": dict(sorted(m["by_type"].items(), key=lambda kv: (-kv[1], kv[0]))),
         "written": sorted(m["written"], key=lambda t: (-m["written"][t], t))}
        for m in placed.values()
    ]  # fmt: skip
    places.sort(key=lambda p: (-p["events"], p["name"], p["country"]))
    missing = [{"location": t, "events": n} for t, n in unplaced.items()]
    return places, sorted(missing, key=lambda u: (-u["events"], u["location"]))


@pytest.mark.parametrize(
    ("focus", "since", "until"),
    [("VNM", None, None), ("VNM", "2023", "2024-06"), ("USA", None, None), ("CHN", "2020", None),
     ("DEU", None, None)],
)  # fmt: skip
def test_map_places_from_the_aggregate_equal_the_row_by_row_places(
    sample: Store, focus: str, since: str | None, until: str | None
) -> None:
    m = build_map(sample, focus, since, until)
    places, unplaced = places_from_rows(sample, focus, since, until)
    assert [p.model_dump() for p in m.places] == places
    assert [u.model_dump() for u in m.unplaced] == unplaced
    assert m.located_events == sum(p["events"] for p in places)


def test_event_locations_count_every_located_event(sample: Store) -> None:
    rows = sample.event_locations(Filters(country="VNM", since="2023"))
    assert rows and all(isinstance(r["count"], int) and r["location"] for r in rows)
    expected = sql(
        sample,
        "SELECT COUNT(*) FROM events WHERE location IS NOT NULL AND location <> '' "
        "AND 'VNM' IN (source_code, target_code) AND date >= '2023'",
    )
    assert sum(r["count"] for r in rows) == int(expected[0][0])
    keys = [(r["location"], r["source_code"], r["target_code"], r["type"]) for r in rows]
    assert len(keys) == len(set(keys))


@pytest.mark.sqlite_only
def test_map_reads_no_event_rows(sample: Store) -> None:
    assert isinstance(sample, SQLiteStore)
    statements: list[str] = []
    sample.conn.set_trace_callback(statements.append)
    try:
        build_map(sample, "VNM")
    finally:
        sample.conn.set_trace_callback(None)
    assert any("GROUP BY location" in q for q in statements)  # the aggregate ran
    reads = [q for q in statements if q.lstrip().startswith("SELECT * FROM events")]
    assert reads == [], "the map read event rows"


def test_places_geocode_folds_spellings_and_prefers_the_event_countries() -> None:
    hanoi = geocode("HANOI")
    assert hanoi is not None and hanoi.country == "VNM"
    assert geocode("Hà Nội") == geocode("Ha Noi") == hanoi
    assert place_key("Hà Nội") == place_key("HA-NOI") == "hanoi"
    assert getattr(geocode("White House"), "name", None) == "Washington"  # an alias, not Casablanca
    assert getattr(geocode("Kremlin"), "country", None) == "RUS"
    assert getattr(geocode("New Delhi"), "name", None) == "New Delhi"  # not Delhi, its variant
    assert getattr(geocode("Brussels"), "country", None) == "BEL"  # the EU's seat
    assert getattr(geocode("Paris, France"), "country", None) == "FRA"
    assert geocode("Atlantis") is None and geocode("") is None and geocode(None) is None
    hyderabad = {
        getattr(geocode("Hyderabad", prefer=(c,)), "country", None) for c in ("PAK", "IND")
    }
    assert hyderabad == {"PAK", "IND"}


def test_places_every_capital_surface_of_the_gazetteer_is_found() -> None:
    gaz = resources.files("diplograph.data") / "gazetteer"
    with (gaz / "countries.csv").open(encoding="utf-8") as fh:
        capitals = {(r["code"], c.strip()) for r in csv.DictReader(fh)
                    for c in r["capitals"].split(";") if c.strip()}  # fmt: skip
    missing = [(code, c) for code, c in capitals if geocode(c, prefer=(code,)) is None]
    assert missing == [("PLW", "Melekeok")]  # Palau's old capital: no GeoNames city of its own
    wrong = [(code, c) for code, c in capitals
             if (p := geocode(c, prefer=(code,))) and p.country != code]  # fmt: skip
    assert wrong == []


def test_places_hold_the_small_venues_of_diplomatic_news() -> None:
    for name, code in (("Davos", "CHE"), ("Sharm el-Sheikh", "EGY"), ("Nusa Dua", "IDN"),
                       ("Gyeongju", "KOR"), ("Ha Long", "VNM"), ("Larnaca", "CYP")):  # fmt: skip
        assert getattr(geocode(name), "country", None) == code, name
    assert getattr(geocode("Cebu"), "name", None) == "Cebu City"  # the press's short name


def test_world_shapes_load_from_the_package_with_iso3_codes() -> None:
    path = resources.files("diplograph.data") / "world" / "countries-110m.json"
    assert json.loads(path.read_text(encoding="utf-8"))["type"] == "Topology"
    world = load_world()
    gaz = resources.files("diplograph.data") / "gazetteer" / "countries.csv"
    with gaz.open(encoding="utf-8") as fh:
        states = {r["code"] for r in csv.DictReader(fh)}
    assert states <= world_codes()  # every state: a shape, or a dot at its label point
    shaped = {s.code: s for s in world if s.rings}
    assert len(shaped) > 170 and "ATA" not in world_codes()
    vnm = shaped["VNM"]
    lons = [x for ring in vnm.rings for x, _ in ring]
    lats = [y for ring in vnm.rings for _, y in ring]
    assert 102 < min(lons) < max(lons) < 110 and 8 < min(lats) < max(lats) < 24
    assert vnm.label and 102 < vnm.label[0] < 110
    assert all(ring[0] == ring[-1] for s in shaped.values() for ring in s.rings)  # closed rings
    sgp = next(s for s in world if s.code == "SGP")
    assert not sgp.rings and sgp.label is not None  # too small for 110m


def test_identifiers_states_and_organisations_have_checked_wikidata_ids() -> None:
    ids = wikidata_ids()
    assert (ids["VNM"], ids["USA"], ids["CHN"], ids["JPN"]) == ("Q881", "Q30", "Q148", "Q17")
    assert (ids["UN"], ids["EU"], ids["ASEAN"], ids["NATO"], ids["WHO"]) == (
        "Q1065", "Q458", "Q7768", "Q7184", "Q7817",
    )  # fmt: skip
    assert (
        wikidata_id("vnm") == "Q881" and wikidata_id("APEC") is None and wikidata_id(None) is None
    )
    assert wikidata_url("Q881") == "https://www.wikidata.org/wiki/Q881"
    path = resources.files("diplograph.data") / "identifiers.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all(r["wikidata"][:1] == "Q" and r["wikidata"][1:].isdigit() for r in rows)
    assert all(r["source"] for r in rows) and len({r["code"] for r in rows}) == len(rows)
    by_hand = {r["code"] for r in rows if not r["source"].startswith("Natural Earth")}
    assert all(r["source"].startswith("hand-written") for r in rows if r["code"] in by_hand)


def test_geodata_files_are_package_data_and_small() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["diplograph"]
    package = ROOT / "diplograph"
    shipped = {p.relative_to(package).as_posix() for g in globs for p in package.glob(g)}
    files = ["data/world/countries-110m.json", "data/gazetteer/places.csv", "data/identifiers.csv"]
    for name in files:
        assert name in shipped, name  # setuptools expands the globs the same way
        assert (resources.files("diplograph") / name).is_file()
    size = sum((ROOT / "diplograph" / name).stat().st_size for name in files)
    assert size < 2_000_000
