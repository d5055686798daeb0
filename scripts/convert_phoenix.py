#!/usr/bin/env python3
"""Convert the PETRARCH2 Phoenix country actor dictionary into ``gazetteer/phoenix_people.csv``.

Input: ``petrarch2/data/dictionaries/Phoenix.Countries.actors.txt`` from
https://github.com/openeventdata/petrarch2 (MIT licence, Open Event Data Alliance 2014; the
notice is kept in ``diplograph/data/gazetteer/phoenix_people.LICENSE``). Output: one row per
government office span (``[XXXGOV yymmdd-yymmdd]``) that ends in 2005 or later or is open:
``name,variants,country,start,end,source``. Only people with a name of two words or more, and
only states the bundled ``countries.csv`` knows, are kept; names the hand-kept ``leaders.csv``
already has are left to it.

Usage: python scripts/convert_phoenix.py Phoenix.Countries.actors.txt > phoenix_people.csv
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

GAZ = Path(__file__).resolve().parents[1] / "diplograph" / "data" / "gazetteer"
SOURCE = "PETRARCH2 Phoenix.Countries.actors.txt (MIT)"
_SPAN = re.compile(r"\s*\[(\w{3})GOV\s*([<>]?)(\d{6})?(?:-(\d{6}))?\]")
_ROLE_WORDS = {"PRESIDENT", "MINISTER", "PRIME", "KING", "SHEIKH", "GENERAL", "DR", "MR", "MRS"}


def _date(yymmdd: str) -> str:
    yy, mm, dd = int(yymmdd[:2]), yymmdd[2:4], yymmdd[4:6]
    year = 2000 + yy if yy < 30 else 1900 + yy
    return f"{year}-{mm}-{dd}" if mm != "00" else str(year)


def _name(token: str) -> str:
    words = [w for w in token.strip().strip("_").split("_") if w]
    return " ".join(w.capitalize() if len(w) > 2 or w.isalpha() else w for w in words)


def convert(lines: list[str]) -> list[dict[str, str]]:
    known = {r["code"] for r in csv.DictReader((GAZ / "countries.csv").open(encoding="utf-8"))}
    hand = {r["name"] for r in csv.DictReader((GAZ / "leaders.csv").open(encoding="utf-8"))}
    rows: list[dict[str, str]] = []
    name, variants = "", []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        if line[0] in " \t":
            m = _SPAN.match(line)
            if not m or not name or m.group(1) not in known or name in hand:
                continue
            code, op, d1, d2 = m.groups()
            if not d1:
                continue
            start, end = ("", _date(d1)) if op == "<" else (_date(d1), _date(d2) if d2 else "")
            if end and end[:4] < "2005":
                continue
            rows.append({"name": name, "variants": ";".join(variants), "country": code,
                         "start": start, "end": end, "source": SOURCE})  # fmt: skip
        elif line.startswith("+"):
            v = line[1:].split("#")[0].strip()
            if "_" in v.strip("_") and not set(v.strip("_").split("_")) & _ROLE_WORDS:
                variants.append(_name(v))
        else:
            token = line.split("#")[0].split("[")[0].strip()
            name = _name(token) if len(token.strip("_").split("_")) >= 2 else ""
            variants = []
    seen: set[tuple[str, str, str]] = set()
    out = []
    for r in rows:
        key = (r["name"], r["country"], r["start"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def main() -> None:
    lines = Path(sys.argv[1]).read_text(encoding="latin-1").splitlines()
    w = csv.DictWriter(sys.stdout, ["name", "variants", "country", "start", "end", "source"],
                       lineterminator="\n")  # fmt: skip
    w.writeheader()
    w.writerows(convert(lines))


if __name__ == "__main__":
    main()
