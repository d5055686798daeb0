"""Date expressions in a sentence, resolved against the document's date.

Handles full dates in the common English orders, month + year, bare years, ranges
("from September 10 to 11", "December 15-18, 2023"), quarters, and relative expressions
("last year", "this month", "on Tuesday", "next week") anchored on the publication date.
Precision is kept: ``2023``, ``2023-09`` or ``2023-09-10``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from diplograph.vocabulary import NUMBER_WORDS

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_M = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?P<year>(?:19[4-9]\d|20[0-4]\d))"
_ORD = r"(?:st|nd|rd|th)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b")),
    # September 10, 2023 / Sept. 10-11, 2023 / September 10 to 11, 2023
    (
        "mdy",
        re.compile(
            rf"\b{_M}\s+(?P<day>\d{{1,2}}){_ORD}(?:\s*(?:-|–|to|and)\s*\d{{1,2}}{_ORD})?"
            rf"(?:,?\s+{_YEAR})?\b"
        ),
    ),
    # 10 September 2023 / 10-11 September 2023 / 10th of September
    (
        "dmy",
        re.compile(
            rf"\b(?P<day>\d{{1,2}}){_ORD}(?:\s*(?:-|–|to|and)\s*\d{{1,2}}{_ORD})?\s+(?:of\s+)?"
            rf"{_M}(?:,?\s+{_YEAR})?\b"
        ),
    ),
    ("my", re.compile(rf"\b{_M},?\s+(?:of\s+)?{_YEAR}\b")),
    (
        "quarter",
        re.compile(
            r"\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|last)\s+quarter"
            rf"(?:\s+of\s+{_YEAR})?",
            re.I,
        ),
    ),
    ("q", re.compile(rf"\bQ(?P<qn>[1-4])[\s/-]*{_YEAR}?\b")),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>(?:last|this|next|past|previous|coming)\s+(?:year|month|week)|"
            r"earlier this (?:year|month|week)|later this (?:year|month)|"
            r"today|yesterday|tomorrow|tonight|this (?:morning|afternoon|evening)|"
            r"(?:last|this|next)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
            r"|(?:on\s+|late\s+|early\s+)(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
            r"Sunday))\b",
            re.I,
        ),
    ),
    (
        "weekof",
        re.compile(
            rf"\b(?:first|second|third|fourth|last|final)\s+(?:week|half|days?|fortnight)\s+of\s+"
            rf"{_M}(?:,?\s+{_YEAR})?\b",
            re.I,
        ),
    ),
    # a bare year, but not a range ("2020-2021") nor a name ("the 1982 UNCLOS")
    ("year", re.compile(rf"(?<![\d/.–-])(?<!the\s){_YEAR}(?![\d/]|\s?[-–]\s?\d)")),
    # "In June, …", "in late May": a month alone, the preposition in any case, the month
    # capitalised (so "may" the verb is never one)
    (
        "month",
        re.compile(
            rf"\b(?i:in|since|during|until|by|early|late|mid-?|in\s+(?:early|late|mid-?))\s*{_M}\b"
            r"(?!\s*\d)"
        ),
    ),
]


# Cheap pre-check: a unit without any of these cannot contain a date expression.
_DIGIT = re.compile(r"\d")
_HINT = re.compile(
    r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|today|yesterday|tomorrow|"
    r"tonight|week|month|year|quarter|day\b|morning|afternoon|evening",
    re.I,
)


_STANDALONE_YEAR = re.compile(r"(?<![\d/.–-])(19[4-9]\d|20[0-4]\d)(?![\d/]|\s?[-–]\s?\d)")
# the months' first three letters, January first (ask reads the publication month with them)
MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_HINT = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    kind: str  # explicit | relative | year | quarter


def parse_anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        if len(published) == 7:
            return date.fromisoformat(published + "-01")  # month precision: anchor on its 1st
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


# "will travel to Austria on Friday", "was scheduled to call on the president on Thursday":
# the weekday to come, in the same clause as the cue
_WEEKDAY_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are|was|were)\s+(?:also\s+|now\s+)?"
    r"(?:due|set|scheduled|expected|slated)\s+to|(?:is|are)\s+to|to\s+be\s+held|plans?\s+to|"
    r"planned\s+to|(?:is|are)\s+(?:travel|head|fly)ing)"
    r"\b[^.;,:!?\"“”]{0,100}$",
    re.I,
)
# "will take office on 1 October", "is due to open in March": a date to come
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|is\s+(?:due|set|scheduled|expected|to)|are\s+(?:due|set|scheduled|expected|"
    r"to)|to\s+be\s+held|planned\s+for|next)\b[^.;]{0,50}$",
    re.I,
)


def _infer_year(
    month: int, anchor: date | None, fallback_year: int | None, future: bool = False
) -> int | None:
    if fallback_year:
        return fallback_year
    if anchor is None:
        return None
    if future:  # the next such month: "will visit in March" written in June
        return anchor.year + 1 if month < anchor.month else anchor.year
    # A month far after the anchor month most likely refers to the previous year.
    return anchor.year - 1 if month > anchor.month + 2 else anchor.year


def _relative(rel: str, anchor: date, future: bool = False) -> str | None:
    r = rel.lower().split()
    if len(r) == 1 and r[0] in WEEKDAYS:  # "on Monday" ("on" is stripped)
        r = ["next" if future else "on", r[0]]
    if (
        rel.lower() in ("today", "tonight")
        or rel.lower().startswith("this ")
        and r[1]
        in (
            "morning",
            "afternoon",
            "evening",
        )
    ):
        return anchor.isoformat()
    if rel.lower() == "yesterday":
        return (anchor - timedelta(days=1)).isoformat()
    if rel.lower() == "tomorrow":
        return (anchor + timedelta(days=1)).isoformat()
    unit = r[-1]
    if unit in WEEKDAYS:
        wd = WEEKDAYS[unit]
        if r[0] == "next":
            delta = (wd - anchor.weekday()) % 7 or (7 if rel.lower().startswith("next") else 0)
            return (anchor + timedelta(days=delta)).isoformat()
        delta = (anchor.weekday() - wd) % 7
        if r[0] == "last" and delta == 0:
            delta = 7
        return (anchor - timedelta(days=delta)).isoformat()
    step = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "this": 0,
        "earlier": 0,
        "later": 0,
        "next": 1,
        "coming": 1,
    }.get(r[0], 0)
    if unit == "year":
        return _fmt(anchor.year + step)
    if unit == "month":
        m = anchor.month + step
        y = anchor.year + (m - 1) // 12
        return _fmt(y, (m - 1) % 12 + 1)
    if unit == "week":
        d = anchor + timedelta(weeks=step)
        return _fmt(d.year, d.month)
    return None


_DATELINE = re.compile(
    # "HANOI –", "HANOI, May 2 (VNA) –", "KUALA LUMPUR, Oct. 26 –": where the report was filed;
    # "(LSNA) Vientiane, October 10 -", "Hanoi, October 9 –": a city in title case with its date
    r"^(?:[^a-z]{2,60}?|[A-Z][A-Z.'’ /-]+,[^–—\n]{0,50}?|(?:\([A-Z]{2,10}\)\s*)?"
    r"[A-Z][A-Za-z.'’ /-]{1,30},\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
    r"(?:,?\s+\d{4})?(?:\s*\([^)]{1,20}\))?)"
    r"(?:\s(?:[-–—]|--)\s|(?<=\)):\s)"  # "RIYADH, September 18 (APP): …", "TOKYO -- "
)


def dateline_end(text: str) -> int:
    """Where a sentence's dateline ends ("NIAMEY, August 3 (SWS) – "), or 0 without one: its
    date dates the report, not what the sentence tells."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def find_dates(
    text: str, published: str | None = None, default_year: str | None = None
) -> list[DateMention]:
    """All date expressions in ``text``, most specific first where spans overlap.

    ``default_year`` completes "October 14" when the document has no publication date.
    """
    if not _DIGIT.search(text) and not _HINT.search(text):
        return []
    anchor = parse_anchor(published)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    years_in_text = [int(y) for y in re.findall(r"\b(19[4-9]\d|20[0-4]\d)\b", text)]
    low = text.lower()
    has_month = any(stem in low for stem in MONTH_STEMS) and bool(_MONTH_HINT.search(text))
    for kind, pat in _PATTERNS:
        if kind in ("mdy", "dmy", "my", "month", "weekof") and not has_month:
            continue
        if kind == "quarter" and "quarter" not in low:
            continue
        if kind == "q" and "Q" not in text:
            continue
        if kind == "year" and not years_in_text:
            continue
        if kind == "iso" and "-" not in text:
            continue
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            gd = m.groupdict()
            value: str | None = None
            k = "explicit"
            if kind == "iso":
                value = _fmt(int(gd["year"]), int(gd["mnum"]), int(gd["day"]))
            elif kind in ("mdy", "dmy", "my", "month", "weekof"):
                month = MONTHS[gd["month"].lower().rstrip(".")]
                if kind == "month" and gd["month"] in ("Mar", "Mar."):
                    continue
                year = int(gd["year"]) if gd.get("year") else None
                standalone = [int(y) for y in _STANDALONE_YEAR.findall(text)]
                if year is None and standalone and not anchor:
                    year = max(standalone)  # "August 8th" in a sentence that names its year
                if year is None:
                    year = _infer_year(
                        month,
                        anchor,
                        int(default_year) if (default_year and not anchor) else None,
                        future=bool(_FUTURE_CUE.search(text[max(0, s - 60) : s])),
                    )
                if year is None:
                    continue
                day = int(gd["day"]) if gd.get("day") else None
                value = _fmt(year, month, day)
            elif kind in ("quarter", "q"):
                q = gd.get("q") or gd.get("qn") or ""
                qn = {
                    "first": 1,
                    "1st": 1,
                    "second": 2,
                    "2nd": 2,
                    "third": 3,
                    "3rd": 3,
                    "fourth": 4,
                    "4th": 4,
                    "last": 4,
                }.get(q.lower(), int(q) if q.isdigit() else 0)
                year = (
                    int(gd["year"])
                    if gd.get("year")
                    else (
                        years_in_text[0]
                        if years_in_text
                        else (
                            (anchor.year - (1 if 3 * qn - 2 > anchor.month else 0))
                            if anchor
                            else None
                        )
                    )
                )
                if year is None or not qn:
                    continue
                value = _fmt(year)  # a quarter is reported at year precision
                k = "quarter"
            elif kind == "relative":
                if anchor is None:
                    continue
                value = _relative(
                    re.sub(r"^(on|late|early)\s+", "", gd["rel"], flags=re.I),
                    anchor,
                    future=bool(_WEEKDAY_FUTURE.search(text[max(0, s - 140) : s])),
                )
                k = "relative"
            elif kind == "year":
                if re.search(r"\b[A-Z][\w-]*\s$", text[max(0, s - 30) : s]) and re.match(
                    r"\s[A-Z][a-z]", text[e:]
                ):
                    continue  # a year inside a name: "ASEAN 2020 Chairmanship"
                value = gd["year"]
                k = "year"
            if value:
                found.append(DateMention(s, e, m.group(0), value, k))
                taken.append((s, e))
    found.sort(key=lambda d: d.start)
    return found


# a day told against the day reported just before: "the same day", "the following day",
# "two days later", "the day before" (the offset in days)
_NUMBER_WORDS = {"a": 1, "one": 1, **NUMBER_WORDS}
_ANAPHORIC_DAY = re.compile(
    r"\b(?:(?P<same>(?:on\s+)?(?:the\s+same|that\s+same|later\s+that)\s+(?:day|evening|morning|"
    r"afternoon|night))|(?P<next>the\s+(?:following|next)\s+(?:day|morning)|the\s+day\s+after\b"
    r"(?!\s+tomorrow))|(?P<n>a|one|two|three|four|five|\d)\s+days?\s+(?P<dir>later|earlier)|"
    r"(?P<prev>the\s+(?:previous|preceding)\s+day|the\s+day\s+before\b(?!\s+yesterday)))",
    re.I,
)


def anaphoric_dates(text: str, dates: list[DateMention], last_day: str | None) -> list[DateMention]:
    """Days told against the day before them: the nearest full date earlier in the sentence,
    else ``last_day`` (the last day an earlier sentence stated)."""
    out: list[DateMention] = []
    for m in _ANAPHORIC_DAY.finditer(text):
        if any(d.start < m.end() and m.start() < d.end for d in dates):
            continue
        earlier = [d for d in dates if d.end <= m.start() and len(d.value) == 10]
        base = earlier[-1].value if earlier else last_day
        if base is None:
            continue
        if m.group("same"):
            shift = 0
        elif m.group("next"):
            shift = 1
        elif m.group("prev"):
            shift = -1
        else:
            n = m.group("n").lower()
            shift = int(n) if n.isdigit() else _NUMBER_WORDS[n]
            shift = shift if m.group("dir").lower() == "later" else -shift
        day = date.fromisoformat(base) + timedelta(days=shift)
        out.append(DateMention(m.start(), m.end(), m.group(0), day.isoformat(), "explicit"))
    return out


_BOUND = re.compile(
    r"\b(?:starting|beginning|until|till|through|by|since|effective)\s+(?:in\s+|on\s+)?$", re.I
)


def is_bound(text: str, mention: DateMention) -> bool:
    """Whether a date bounds a term or a span ("since 1996", "starting in January")."""
    return bool(_BOUND.search(text[: mention.start][-25:]))
