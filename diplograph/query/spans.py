"""Answer spans: the short piece of one sentence that answers one part of a question.

One finder per answer kind (a date, a quantity, a person, a place, an ordinal, a term, a tier
or name, countries, "which <noun>"). Each returns scored :class:`Span` candidates; a span never
repeats what the question already says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from diplograph.evaluation import ANSWER_FILLER
from diplograph.extract.dates import dateline_end as _dateline_end
from diplograph.extract.dates import find_dates
from diplograph.query.names import find_names, is_demonym
from diplograph.query.places import geocode
from diplograph.query.terms import (
    STOP,
    YEAR,
    asked_years,
    content_terms,
    fold,
    predicate_terms,
    stem,
    tail_verb,
    words,
)

_NUMWORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|dozens?|hundreds|thousands"
)
_QUAL = (
    r"about|around|approximately|nearly|almost|over|more than|less than|fewer than|at least|"
    r"up to|some|roughly|only|just|a total of|a record"
)
_NUMBER = re.compile(
    rf"(?:(?P<qual>{_QUAL})\s+)?(?P<num>(?:US\$|\$|€|£|USD\s?|VND\s?)?(?<![\w.])\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:million|billion|trillion|thousand|bn|mn)\b)?"
    r"(?:[\s-]?(?:USD|VND|EUR|dollars|euros|percent|per cent|%))?(?![\w/])"
    rf"|\b(?:{_NUMWORD})\b(?:[\s-](?:{_NUMWORD})\b)?)",
    re.I,
)
_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d+(?:st|nd|rd|th))\b",
    re.I,
)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d\s?[-–]\s?(?:19|20)?\d\d)\b")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,120})[”\"]")
_TIER = re.compile(
    r"\b(?:(?:comprehensive|strategic|cooperative|special|global|enhanced|all-weather)\s+"
    r"(?:and\s+(?=\w+\s+partnership))?)*"
    r"(?:partnership|relationship|relations)\b(?:\s+for\s+[A-Z][\w\s,]+)?",
    re.I,
)
_EVENT_NAME = re.compile(
    r"\b((?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][\w'’.-]*\s+){0,7}"
    r"(?:Forum|Summit|Meeting|Conference|Session|Assembly|Dialogue|Congress|Expo|Games|"
    r"Ceremony|Festival|Talks|Retreat|Week|Symposium|Convention)s?(?:\s\([A-Z]+\))?)"
)
_ROLE = frozenset(
    """president prime minister secretary general party chairman chairwoman chair premier king
    queen emperor envoy ambassador deputy vice foreign spokesperson spokesman spokeswoman head
    chief director leader representative counterpart state senior minister's chancellor
    governor mayor commander official delegate consul sultan prince crown speaker undersecretary
    under-secretary commissioner emir mediator negotiator senator""".split()
)
# the longest answer a phrase finder gives, in content words: within EVAL.md's concise length
# (max(10, 3 × the gold's content words)) whatever the gold's length
ANSWER_WORDS = 10
_TOKEN = re.compile(r"[\w$€£][\w'’.$%-]*|[,;:()–—\"“”]", re.UNICODE)
_DAYPART = re.compile(
    r"(?:(?:on|in)\s+)?(?:the\s+)?(?:early\s+|late\s+)?(?:morning|afternoon|evening|night)\s+of\s+$",
    re.I,
)
_WEEKDAY = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+$")
_AUX = frozenset("had has have was were is are will would said did does do been".split())


@dataclass
class Span:
    """A piece of the sentence (character offsets) with the text to show and a score."""

    start: int
    end: int
    text: str
    score: float


@dataclass
class SentenceView:
    """What a finder may look at: the sentence, its mentions and events, and the question."""

    text: str
    mentions: list[dict[str, Any]]  # offsets relative to the sentence
    events: list[dict[str, Any]]
    published: str | None
    question: str
    default_year: str | None = None
    q_folded: str = field(init=False)
    q_stems: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.q_folded = " " + " ".join(words(self.question)) + " "
        self.q_stems = set(content_terms(self.question))

    def in_question(self, text: str) -> bool:
        w = words(text)
        return bool(w) and f" {' '.join(w)} " in self.q_folded


@dataclass(frozen=True)
class Part:
    """One thing a question asks for: its kind and the words that qualify it."""

    kind: str  # a key of FINDERS: when, quantity, who, where, tier, which …
    text: str
    head: tuple[str, ...] = ()
    plural: bool = False


def _terms_in(s: SentenceView, part: Part, text: str) -> float:
    """How many of the part's words ``text`` holds."""
    return float(len(set(content_terms(text)) & set(content_terms(part.text)) - set(part.head)))


def _near_terms(s: SentenceView, part: Part, start: int, end: int, width: int = 60) -> float:
    """How many of the part's words occur around [start, end)."""
    around = s.text[max(0, start - width) : start] + " " + s.text[end : end + width]
    return _terms_in(s, part, around)


# -- dates ---------------------------------------------------------------------------------------
_ASKS_YEAR = re.compile(r"\b(?:what|which)\s+year\b|\bsince\s+(?:when|what\s+year)\b", re.I)
_PAST_YEAR = re.compile(r"\b(?:since|in|from|back\s+to)\s+((?:1[89]|20)\d\d)\b")


# "according to VNA's September 2024 report": the year of the source, not of the answer
_ESTABLISHED = re.compile(
    r"\b(?:establish|set\s+up|forge|open|normali[sz]e|begin|start)\w*\b.*\b(?:diplomatic\s+)?"
    r"(?:relations|ties)\b|\bdiplomatic\s+(?:relations|ties)\b.*\b(?:established|set\s+up)\b",
    re.I,
)


# a question about the state before a dated event: its own date is not the answer
_EARLIER = re.compile(
    r"\b(?:before|prior\s+to|since\s+when|previously|originally|last\s+(?:met|held|visited|"
    r"been|took|hosted|signed|\w+ed)\b)",
    re.I,
)


# "when had … last visited": the date a "first … since" sentence gives
_ASKS_LAST = re.compile(r"\b(?:last|previous|prior)\b", re.I)
# a question about a day still to come when the report was written
_ASKS_FUTURE = re.compile(
    r"\bby\s+(?:what|which)\s+(?:date|day)\b|\bdue\s+to\b|\bset\s+(?:to|for)\b|"
    r"\bexpected\s+to\b|\bscheduled\b|\bplann(?:ed|ing)\s+to\b|\bto\s+take\s+place\b|"
    r"\b(?:was|were)\s+to\b|\bdeadline\b|\bwhen\s+(?:will|would|is|are)\b|"
    r"\bwould\s+(?:convene|start|begin|take|hold|leave|open|visit)\b",
    re.I,
)
_ASKS_MONTH = re.compile(r"\b(?:which|what)\s+month\b", re.I)
_SINCE_WHEN = re.compile(r"\bsince\s+when\b", re.I)
_MONTH_IN = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|[Ff]rom)\s+"
    r"((?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)(?:\s+(?:19|20)\d\d)?)\b"
)
_FIRST_SINCE = re.compile(r"\bfirst\b[^.;]{0,120}\bsince\b[^.;]{0,80}$", re.I)


RELATIVE_DATE_PENALTY = 1.0  # chosen on the training question sets (0.5, 1.0, 1.5)
# per question word between the previous date and this one, below the sentence's best date
LEAD_TERMS_WEIGHT = 0.6  # chosen on the training question sets (0.3, 0.6, 1.0)


def _said_of_asked(s: SentenceView, start: int) -> bool:
    """True when one of the three words before ``start`` is a word of the question."""
    before = " ".join(s.text[max(0, start - 25) : start].split()[-3:])
    return bool(set(content_terms(before)) & s.q_stems)


def find_when(s: SentenceView, part: Part) -> list[Span]:
    if _ASKS_MONTH.search(part.text):  # "in which month …": the month the sentence names
        months = [
            Span(m.start(1), m.end(1), m.group(1), 2.0 + 0.3 * _near_terms(s, part, *m.span()))
            for m in _MONTH_IN.finditer(s.text)
            if not s.in_question(m.group(1))
        ]
        if months:
            return months
    if _SINCE_WHEN.search(part.text):  # "since when …": the whole date after "since"
        after_since = [
            Span(d.start, d.end, d.text, 4.0)
            for d in find_dates(s.text, s.published, s.default_year)
            if re.search(r"\bsince\s+$", s.text[: d.start]) and not s.in_question(d.text)
        ]
        if after_since:
            return after_since
    asks_year = bool(_ASKS_YEAR.search(part.text))
    pub = (s.published or "")[:4]
    last = bool(_ASKS_LAST.search(part.text))
    if asks_year:  # "in what year …", "since what year …": a year alone
        since = bool(re.search(r"\bsince\b", part.text, re.I))
        year_spans = [
            Span(
                m.start(1),
                m.end(1),
                m.group(1),
                2.0
                - (1.0 if m.group(1) == pub else 0.0)
                # "since what year …": the year the sentence says "since" of
                + (1.5 if since and re.search(r"\bsince\s+$", s.text[: m.start(1)]) else 0.0)
                # "in which year had he last been there": "his first since 2017"
                + (2.5 if last and _FIRST_SINCE.search(s.text[: m.start(1)]) else 0.0)
                # "ties in 1973 and became strategic partners in 2015": the year of the asked act
                + (1.0 if _said_of_asked(s, m.start(1)) else 0.0),
            )
            for m in _PAST_YEAR.finditer(s.text)
            if not s.in_question(m.group(1))
        ]
        if year_spans:
            return year_spans
    event_dates = {e["date"] for e in s.events if e.get("date")}
    future = bool(_ASKS_FUTURE.search(part.text))
    out: list[Span] = []
    dateline = _dateline_end(s.text)
    dates = find_dates(s.text, s.published, s.default_year)
    starts = {d.start: d for d in dates}
    leads: list[int] = []  # each date's own start, for _by_lead_terms
    for d in dates:
        earlier_year = d.kind == "year" and bool(_EARLIER.search(s.question))
        # "which was signed in 1996 and expires in 2026": the year of a word the question asks
        verb_year = d.kind == "year" and _said_of_asked(s, d.start)
        if d.kind == "year" and not (earlier_year or verb_year) or s.in_question(_bare(d.text)):
            continue  # a bare year answers only "when did they last …" ("in 2005"); a date the
            # question gives ("in their Monday phone call") is not its answer
        start, end = d.start, d.end
        m = re.match(r"\s?[-–]\s?\d{1,2}\b(?!:)", s.text[end:])
        # "from July 31 to August 2": the range is the answer when the question asks for dates
        to = _DATE_TO.match(s.text, end)
        if m is None and to and to.end() in starts and starts[to.end()].kind != "year":
            m = re.match(r".*", s.text[end : starts[to.end()].end])
        is_range = bool(m) or bool(re.search(r"\d\s?[-–]\s?\d", d.text))  # "September 10-13"
        if m:
            end += m.end()
        m = re.match(r"\s+(?:morning|afternoon|evening|night)\b", s.text[end:])
        if m:
            end += m.end()
        for pat in (_DAYPART, _WEEKDAY):
            m = pat.search(s.text[:start])
            if m:
                start = m.start()
        text = s.text[start:end].strip()
        text = re.sub(r"^(?:on|in)\s+", "", text)
        text += _date_suffix(text, d.value)
        score = 1.0 + (2.0 if d.value in event_dates else 0.0) + (0.5 * d.value.count("-"))
        if asks_year:
            text = d.value[:4]  # "in what year": the year of a full date
            if d.value[:4] == pub:
                score -= 1.0  # the report's own year answers "in what year" least often
        years = asked_years(part.text)
        if years and _EARLIER.search(s.question):
            # "when had it been suspended before they restored it in May 2023": the earlier date
            score += 1.0 if d.value[:4] < min(years) else -2.0
        elif years and d.value[:4] not in years:
            score -= 2.0  # the question names another year
        if last and _FIRST_SINCE.search(s.text[:start]):
            score += 2.5  # "when had a leader last visited": "the first visit … since … 1964"
        if future and d.value > (s.published or "9"):
            score += 2.0  # "by what date must they leave", "when is the vote set": a later day
            if re.search(r"\b(?:by|until|starting(?:\s+on)?|from|effective)\s+$", s.text[:start]):
                score += 1.0  # "a ceasefire starting on August 4", "leave by 15 August"
        if _ESTABLISHED.search(part.text) and d.value[:4] < (pub or "0"):
            score += 2.5  # "when did A and B establish ties": the past date, not the report's
        if re.search(r"\bdates\b|\bfrom when\b", part.text, re.I) and is_range:
            score += 1.5  # "what were the dates" asks for a range
        if s.text[max(0, start - 1) : start] == "(" or end <= dateline:
            score -= 0.8  # the report's dateline dates the report, not what it tells
        if d.kind == "relative":
            score -= RELATIVE_DATE_PENALTY  # "on Tuesday" dates the report; a written date
            # ("since 2008", "on 1 October") is what a question about another time asks for
        # "talks on Tuesday and that the committee would convene on Aug 4": the words since the
        # previous date are what this date dates
        leads.append(d.start)
        out.append(Span(start, end, text, score + 0.3 * _near_terms(s, part, start, end)))
    return _by_lead_terms(s, part, out, leads, [d.end for d in dates], dateline)


def _by_lead_terms(
    s: SentenceView, part: Part, spans: list[Span], starts: list[int], ends: list[int], skip: int
) -> list[Span]:
    """Lower each span by the question words it lacks, against the sentence's best, in the
    words since the previous candidate: "talks on Tuesday and that the committee would convene
    on Aug 4". Relative, so a sentence's best span keeps its score and sentence ranking holds.
    ``starts`` are the candidates' own starts, ``ends`` every candidate's end."""
    leads = [
        _terms_in(s, part, s.text[max([skip, *(e for e in ends if e <= a)]) : a]) for a in starts
    ]
    most = max(leads, default=0.0)
    return [
        Span(x.start, x.end, x.text, x.score - LEAD_TERMS_WEIGHT * (most - n))
        for x, n in zip(spans, leads, strict=True)
    ]


def _bare(date_text: str) -> str:
    """A date's words without its preposition: "on Monday" → "Monday"."""
    return re.sub(r"^(?:on|in|at|by|from|since)\s+", "", date_text, flags=re.I)


_DATE_TO = re.compile(r"\s*(?:to|until|till|through|[-–])\s*", re.I)


def _date_suffix(text: str, value: str) -> str:
    has_year = YEAR.search(text)
    has_month = re.search(
        r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d\s+"
        r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
        text,
    )
    if len(value) == 10 and not has_month:
        d = date.fromisoformat(value)
        return f", {d.strftime('%B')} {d.day}, {d.year}"
    if len(value) == 7 and not re.search(_MONTH_NAME, text):
        d = date.fromisoformat(value + "-01")  # "earlier this month" → ", May 2025"
        return f", {d.strftime('%B')} {d.year}"
    if not has_year and len(value) >= 4:
        return f", {value[:4]}"
    return ""


_MONTH_NAME = r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"


# -- quantities ----------------------------------------------------------------------------------
def _tail(text: str, pos: int) -> int:
    """End of the noun phrase after a number: the rest of the clause if short, else to a stop."""
    clause = re.match(r"[^,;.()\n–—]*", text[pos:])
    seg = clause.group(0) if clause else ""
    toks = list(re.finditer(r"\S+", seg))
    if len(toks) <= 4:
        return pos + len(seg.rstrip())
    end = pos
    for i, t in enumerate(toks):
        w = fold(t.group(0)).strip("'’")
        if i >= 3 or w in STOP or w in _AUX or (i > 0 and w.endswith("ed")):
            break
        end = pos + t.end()
    return end


def _numbers(s: SentenceView) -> list[tuple[int, int, str]]:
    dates = [(d.start, d.end) for d in find_dates(s.text, s.published, s.default_year)]
    out = []
    for m in _NUMBER.finditer(s.text):
        a, b = m.span()
        num = m.group("num")
        if any(a < de and ds < b for ds, de in dates) and not re.search(r"[$€£%]|USD", num):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", num) or s.in_question(num):
            continue
        out.append((a, b, m.group(0)))
    return out


_COUNT_OF = re.compile(
    r"\s+the\s+(?:total\s+)?number\s+of\s+[\w'’-]+"
    r"(?:\s+(?!(?:by|since|in|on|from|at|to|for|with)\b)[\w'’-]+){0,3}"
)
_PEOPLE = frozenset(content_terms("people persons citizens nationals evacuees returnees"))


_ASKS_TOTAL = re.compile(
    r"\b(?:in\s+total|in\s+all|altogether|all\s+told|total|overall|cumulative|so\s+far|"
    r"once\s+the\s+last)\b",
    re.I,
)
_TOTAL_BEFORE = re.compile(
    r"\b(?:bringing|brings|brought|taking|takes|took|raising|raises|raised)\s+(?:the\s+(?:total|number|tally)\s+)?"
    r"(?:\w+\s+)?to\s+(?:about\s+|some\s+|more\s+than\s+|over\s+|nearly\s+)?$|"
    r"\b(?:a|the)\s+total\s+of\s+(?:about\s+|some\s+|more\s+than\s+|over\s+|nearly\s+)?$|"
    r"\bin\s+total,?\s+$",
    re.I,
)


_AND_PEOPLE = re.compile(
    r"\s+and\s+(?:other\s+|their\s+)?(?:[a-z][\w-]*\s+){0,2}(?:officers|officials|personnel|"
    r"staff|members|citizens|nationals|dependants|dependents|students|workers|soldiers|police|"
    r"troops|employees|diplomats|people|residents|relatives|crew|families)\b"
)


_ASKS_TALLY = re.compile(r"\bby what (?:vote|margin|majority|tally)\b", re.I)
_TALLY = re.compile(
    r"\b\d[\d,]*\s+(?:votes?\s+)?(?:to|against)\s+\d[\d,]*"
    r"(?:\s*,?\s*(?:and|with)\s+\d[\d,]*\s+abstentions?)?"
)


def find_quantity(s: SentenceView, part: Part) -> list[Span]:
    if _ASKS_TALLY.search(part.text):  # "by what vote": "143 votes to 6, with 15 abstentions"
        tallies = [Span(m.start(), m.end(), m.group(0), 6.0) for m in _TALLY.finditer(s.text)]
        if tallies:
            return tallies
    nums = _numbers(s)
    verbs = predicate_terms(s.question)
    out: list[Span] = []
    for i, (a, b, _) in enumerate(nums):
        rng = _RANGE_TO.match(s.text, b)
        if rng and i + 1 < len(nums) and nums[i + 1][0] == rng.end():
            b = nums[i + 1][1]  # "to 1 to 2 percent": the range
        end = _tail(s.text, b)
        joined = _AND_PEOPLE.match(s.text, end)
        if joined and end > b:  # "1,000 soldiers and police officers": one count of both
            end = joined.end()
        total = _COUNT_OF.match(s.text, b)  # "bringing to 271 the number of persons brought home"
        if total and total.end() > end:
            end = total.end()
        of_m = re.match(
            r"[^,;.]{0,20}?\bout\s+of\s+(?:the\s+)?[\d,]+(?:\s+[a-z]+){0,2}", s.text[b:]
        )
        if of_m and b + of_m.end() > end:  # "162 votes out of 181 valid ballots": the ratio
            end = b + of_m.end()
        app = re.match(
            r",\s+(?:the|a|an)\s+[^,;.]*?(?:\w+est|most|record|largest|first)\b[^,;.]*",
            s.text[end:],
        )
        if app and len(content_terms(app.group(0))) <= 6:
            end += app.end()
        start = a
        if i > 0 and re.fullmatch(r"[^,;.]{0,40}\s(?:and|or)\s", s.text[nums[i - 1][1] : a]):
            start = nums[i - 1][0]  # "70 countries and 14 organisations"
        phrase = s.text[start:end]  # "76 aircraft and 15 naval vessels": both nouns count
        unit = set(content_terms(s.text[b:end])) | set(content_terms(phrase))
        whole = _PARTITIVE.search(s.text[max(0, start - 80) : start])
        if whole:  # "Of the 67 people on board, 38 were killed": 38 people
            unit |= set(content_terms(whole.group(1)))
        head = set(part.head)
        if head & _PEOPLE and unit & _PEOPLE:  # "how many people": 271 persons, 55 citizens
            head |= unit & _PEOPLE
        score = 1.0 + 3.0 * len(unit & head) + 0.5 * _near_terms(s, part, a, end, 45)
        if part.kind == "change" and re.search(r"%|percent|per cent", phrase, re.I):
            score += 3.0
        much = bool({"much", "value", "large", "amount"} & set(words(part.text)))
        if much and re.search(r"[$€£¥]|USD|VND|dollar|euro|yen|dong|won\b|tonn?e?s|tons", phrase):
            score += 1.5  # "how much" asks for an amount …
        if much and re.search(r"\b(?:years?|months?|days?|sides?|times)\b", phrase):
            score -= 1.5  # … not a duration or a count of sides
        score += _year_fit(s, a, end)
        if start != a and _TWO_COUNTS.search(s.question):
            score += 2.0  # "how many aircraft and naval vessels": both numbers
        if _TARGET.search(s.question) and _TARGET.search(s.text[max(0, a - 30) : a]):
            score += 1.5  # "what target did they set": the number the target names
        if _ASKS_TOTAL.search(part.text) and _TOTAL_BEFORE.search(s.text[max(0, a - 40) : a]):
            score += 2.5  # "how many in total": "bringing to 2,518 the number", "a total of"
        verb = _VERB_BEFORE.search(s.text[max(0, start - 40) : start])
        if verb and stem(fold(verb.group(1))) in verbs:
            score += 2.0  # "how many … has the EU blacklisted": "has blacklisted 557 such"
        elif _asked_verb_after(s.text, end, verbs):
            score += 2.0  # "how many were killed": "38 were killed"
        out.append(Span(start, end, s.text[start:end].strip(" ,"), score))
    return out


# the verb right before a number: "blacklisted 557", "evacuated more than 300"
_VERB_BEFORE = re.compile(
    r"\b([a-z]+)\s+(?:about\s+|some\s+|nearly\s+|almost\s+|around\s+|over\s+|more\s+than\s+|"
    r"at\s+least\s+|a\s+further\s+|an\s+additional\s+|another\s+)?[$€£¥]?$"
)


# "Of the 67 people on board, " before a count: the count's unit
_PARTITIVE = re.compile(r"\b[Oo]f\s+(?:the|those|these)\s+[\d,]+\s+([^,;]{2,40}),\s+$")
# the verb right after a count, passive or active: "38 were killed", "11 of them entered"
_VERB_AFTER = re.compile(
    r"\s+(?:of\s+(?:them|their|its|the)\s+(?:[\w-]+\s+){0,2}?)?"
    r"(?:(?:were|was|are|is|have|has|had|will)\s+(?:been\s+|be\s+)?)?([a-z]+)\b"
)


def _asked_verb_after(text: str, end: int, verbs: set[str]) -> bool:
    """True when the question's verb follows the count at once ("38 were killed")."""
    m = _VERB_AFTER.match(text, end)
    return bool(m and stem(fold(m.group(1))) in verbs)


_TARGET = re.compile(r"\b(?:target|goal|aim)s?\b", re.I)
_RANGE_TO = re.compile(r"\s*(?:to|-|–)\s*")
_TWO_COUNTS = re.compile(r"\bhow\s+many\s+[\w-]+(?:\s+[\w-]+)?\s+and\s+", re.I)


def _year_fit(s: SentenceView, a: int, b: int) -> float:
    """+1 when the year stated with a number is one the question asks about, −1.5 when it is
    another ("a target of 15 billion USD by 2030", not "7.7 billion USD in 2024")."""
    asked = asked_years(s.question)
    near = YEAR.findall(s.text[max(0, a - 12) : b + 14])
    if not asked or not near:
        return 0.0
    if asked & set(near):
        return 1.0
    # an earlier year's figure; a target "by 2028" asked about in 2025 is no mismatch
    return -1.5 if max(near) < max(asked) else 0.0


# -- people, places, names -----------------------------------------------------------------------
def _extend_left(text: str, start: int) -> int:
    """Take titles and possessives before a name: "Lebanon's Ankara envoy Gassan Muallim"."""
    toks = list(re.finditer(r"[\w.'’-]+", text[:start]))
    new = start
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        gap = text[t.end() : new]
        if gap.strip():
            break
        w = t.group(0)
        if (
            w in ("of", "for")
            and new < start
            and i > 0
            and (fold(toks[i - 1].group(0)) in _ROLE or toks[i - 1].group(0)[:1].isupper())
        ):  # "Vice Minister of Foreign Affairs Nguyen Minh Hang"
            new = t.start()
            continue
        if fold(w).strip("'’s") in _ROLE or fold(w) in _ROLE or w[:1].isupper() and w != w.upper():
            new = t.start()
            continue
        if re.fullmatch(r"[A-Z][\w-]*['’]s", w):
            new = t.start()
            continue
        break
    return new


_TITLE_COMMA = re.compile(
    r"(?:^|[,;(]\s*|\band\s+|\b[Tt]he\s+)((?!The\b)[A-Z][\w'’.-]*"
    r"(?:\s+(?:[A-Z][\w'’.-]*|of|for|the|and)){0,9}),\s*$"
)


MAX_NAME_WORDS = 8  # a person with a title set off by a comma, at most


def _title_before(text: str, start: int) -> int:
    """Take a title set off by a comma before a name: "the Vice Minister of Foreign Affairs
    of Vietnam, Nguyen Minh Hang" → from "Vice Minister"."""
    m = _TITLE_COMMA.search(text[max(0, start - 90) : start])
    if m is None or not set(words(m.group(1))) & _ROLE:
        return start
    return max(0, start - 90) + m.start(1)


def _appositive(text: str, end: int) -> int:
    m = re.match(r",\s+([^,;()]{3,80}?)(?=,|;|\.|$)", text[end:])
    if m and set(words(m.group(1))) & _ROLE and len(words(m.group(1))) <= 8:
        return end + m.end()
    return end


# "Ngefa-Atondoko", "Jae-myung", "Şen"
_NAME_PART = r"[A-ZŞĞİÇÖÜ][a-zà-ỹşğıçöü'’]+(?:-[A-Za-zà-ỹşğıçöü'’]+)*"
# "Vishal V. Sharma": a middle initial belongs to the name
# "Amr al-Hamami", "Mohamed bin Zayed": a particle may open any part but the first
_PARTICLE = r"(?:(?:al|el|ad|as|ash|bin|ibn|bint|abu|de|da|van|von|der|du|ben)[-\s])"
_NAME_NEXT = rf"(?:[A-Z]\.\s+)?{_PARTICLE}?{_NAME_PART}"
_NAME = re.compile(rf"\b{_NAME_PART}(?:\s+{_NAME_NEXT}){{1,5}}\b")
_NOT_NAME = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday the this that "
    # capitalised only because they open the sentence
    "under after before during in on at by for with from since as a an its their his her "
    "it they he she we".split()
)
_ORG_WORD = frozenset(
    """ministry management agency council committee organization organisation department office
    bank fund union party assembly cross crescent forum embassy university institute association
    news times post group company corporation programme program commission court agreement
    partnership comprehensive treaty declaration vision roadmap summit conference initiative
    convention accord pact cooperation""".split()
)
# a capitalised run ending in one of these is a place, not a person ("Pasay City", "Baabda Palace")
_PLACE_WORD = frozenset(
    """city palace province island islands airport hall house street avenue square bay sea strait
    river base port district region county state mansion bhavan""".split()
)


_NAME_TAIL = re.compile(r"(?:\s+[A-Z][a-zà-ỹ'’-]+)+")


def _qualifier_codes(question_part: str) -> set[str]:
    """States named in the question's "which <Thai> minister" phrase, or the side a person
    stands for ("led the Bangladesh side", "for the Vietnamese delegation", "represented Peru")."""
    m = re.search(r"\b(?:which|what|whose|who)\s+((?:[\w'’-]+\s+){0,3})", question_part, re.I)
    codes = {c for _, _, c in find_names(m.group(1))} if m else set()
    for side in _SIDE.finditer(question_part):
        codes |= {c for _, _, c in find_names(side.group(1) or side.group(2))}
    return codes


_SIDE = re.compile(
    r"\b(?:the\s+)?((?:[\w'’-]+\s+){1,2})(?:side|delegation|team)\b"
    r"|\brepresent(?:ed|s)?\s+((?:[\w'’-]+\s*){1,2})",
    re.I,
)


_CLAUSE = re.compile(r"\b(?:while|whereas|but|as)\s")


def _clause_start(text: str, lo: int, a: int) -> int:
    """Where the clause holding position ``a`` starts, looking back no further than ``lo``:
    just after the last "while", "whereas", "but" or "as" in between, else ``lo``."""
    for clause in _CLAUSE.finditer(text, lo, a):
        lo = clause.end()
    return lo


def _codes_near(s: SentenceView, a: int, b: int) -> set[str]:
    """Codes of the mentions inside or just before a name, back to the clause's start
    ("Thai Prime Minister X", "Jordanian Deputy Prime Minister and Foreign Minister X")."""
    lo = max(0, a - 80)
    cut = max(s.text.rfind(",", lo, a), s.text.rfind(";", lo, a))
    lo = _clause_start(s.text, cut + 1 if cut >= 0 else lo, a)  # "X led … while Y": not Y's
    return {str(m["code"]) for m in s.mentions if lo <= m["start"] and m["end"] <= b + 1} | {
        c for _, _, c in find_names(s.text[lo:a])
    }


_LED_SIDE = re.compile(
    r"\s*(?:,[^,;]{0,60},\s*)?(?:led|headed|represented|was\s+leading|chaired)\s+(?:the\s+)?"
    r"((?:[\w'’-]+\s+){1,2})(?:side|delegation|team)\b|\s*(?:,[^,;]{0,60},\s*)?represented\s+"
    r"((?:[\w'’-]+\s*){1,2})"
)


def _leads_side(s: SentenceView, b: int, wanted: set[str]) -> bool:
    """The name is followed by "led the Bangladesh side" (or "represented Thailand") for a
    state the question asks about."""
    m = _LED_SIDE.match(s.text, b)
    if m is None:
        return False
    return bool({c for _, _, c in find_names(m.group(1) or m.group(2))} & wanted)


def _does_the_verb(s: SentenceView, start: int, end: int) -> bool:
    """Whether the person at [start, end) does the question's verb: its agent ("was signed
    by X") or its subject ("X signed")."""
    verbs = predicate_terms(s.question)
    if not verbs:
        return False
    agent = re.search(r"\b([A-Za-z]+)\s+by\s+(?:the\s+)?$", s.text[max(0, start - 40) : start])
    subject = re.match(r"(?:,[^,]{0,60},)?\s+(?:\w+\s+)?([A-Za-z]+)", s.text[end:])
    return any(m and stem(fold(m.group(1))) in verbs for m in (agent, subject))


_AFTER_STOP = re.compile(r"[,;:.()]|\s(?:and|while|but|as|which|who)\s")


# the subject right before a verb: "The Islamic State group", "Slovakia", "Defence Minister X"
_SUBJECT_RUN = re.compile(
    r"(?:^|[\s(\"“])((?:[Tt]he\s+)?(?:[A-Z][\w'’.-]*\s+){0,5}?[A-Z][\w'’.-]*"
    r"(?:\s+(?:group|movement|militia|rebels|coalition|alliance|government))?)"
    r"(?:\s+(?:has|have|had|also|then|repeatedly|formally|officially|later|itself|swiftly))*"
    r"\s+$"
)


def _verb_subjects(s: SentenceView) -> list[Span]:
    """The names right before the first form of the question's verb ("who claimed …": "The
    Islamic State group claimed"), for doers that are no tagged person: states, groups."""
    verbs = predicate_terms(s.question)
    if not verbs:
        return []
    for m in _VERB_TOKEN.finditer(s.text, _dateline_end(s.text)):
        if stem(fold(m.group(0))) not in verbs:
            continue
        lo = max(0, m.start() - 120)
        sub = _SUBJECT_RUN.search(s.text[lo : m.start()])
        if sub is None:
            return []
        a, b = lo + sub.start(1), lo + sub.end(1)
        text = s.text[a:b]
        first = fold(text.split()[0])
        if (first in _NOT_NAME and first != "the") or s.in_question(text) or b - a < 3:
            return []
        return [Span(a, b, text, 4.0)]
    return []


def _after_place(s: SentenceView, a: int, b: int) -> int:
    """Where a name starts after a tagged place that opens its run ("Ambassador of Japan to
    Singapore Ishikawa Hiroshi": the name is the two words after "Singapore")."""
    for m in s.mentions:
        if m["start"] == a and m["label"] in ("COUNTRY", "CAPITAL", "CITY", "PLACE"):
            rest = re.match(r"\s+([A-Z]\S*(?:\s+[A-Z]\S*)+)$", s.text[m["end"] : b])
            if rest and re.search(r"\bto\s+$", s.text[:a]):
                return int(m["end"]) + rest.start(1)
    return a


_PREP_WHOM = re.compile(r"\W*(to|with|from|by|for|on\s+behalf\s+of)\s+whom\b", re.I)


def find_who(s: SentenceView, part: Part) -> list[Span]:
    spans: list[tuple[int, int]] = [
        (m["start"], m["end"]) for m in s.mentions if m["label"] == "PERSON"
    ]
    taken = [(m["start"], m["end"]) for m in s.mentions]
    for m in _NAME.finditer(s.text, _dateline_end(s.text)):  # "(Continental Wire) –" is no one
        a, b = m.span()
        toks = list(re.finditer(r"\S+", m.group(0)))
        lead = 0  # "Foreign Minister Ayman Safadi": the titles before the name are not the name
        while lead < len(toks) and (
            fold(toks[lead].group(0)) in _ROLE or is_demonym(toks[lead].group(0))
        ):
            lead += 1  # "Israeli President Isaac Herzog": the name starts at "Isaac"
        title_at = [i for i, t in enumerate(toks[: len(toks) - 2]) if fold(t.group(0)) in _ROLE]
        if title_at and title_at[-1] >= lead:
            lead = title_at[-1] + 1  # "First Vice Foreign Minister Kim Hong-kyun": after the title
        if 0 < lead <= len(toks) - 2:
            a = m.start() + toks[lead].start()
        a = _after_place(s, a, b)
        first = fold(s.text[a:b].split()[0])
        if any(a < te and ta < b for ta, te in taken) or first in _NOT_NAME or first in _ROLE:
            continue
        if fold(s.text[a:b].split()[-1]) in _ROLE:
            continue  # "Foreign Affairs Undersecretary": a title, the name comes after it
        if set(words(m.group(0))) & _ORG_WORD or re.search(r"\b(?:of|for)\s$", s.text[:a]):
            continue
        if fold(s.text[a:b].split()[-1]) in _PLACE_WORD or geocode(s.text[a:b]) is not None:
            continue  # "at Baabda Palace", "in Pasay City": a place the extractor did not tag
        if a == 0:
            continue
        spans.append((a, b))
    verbs = set(content_terms(part.text))
    wanted = _qualifier_codes(part.text)
    prep = _PREP_WHOM.match(part.text)
    asked_prep = prep.group(1).lower() if prep else None
    out: list[Span] = []
    for a, b in spans:
        more = _NAME_TAIL.match(s.text, b)  # "Donald" → "Donald Tusk"
        if more and fold(more.group(0).split()[0]) not in _NOT_NAME | _ROLE:
            b = more.end()
        name = s.text[a:b]
        if s.in_question(name) or s.in_question(" ".join(name.split()[-2:])):
            continue
        surname = name.split()[-1]
        if len(surname) >= 5 and s.in_question(surname):
            continue  # "General al-Burhan" in the question is "Abdel Fattah al-Burhan"
        if len(name.split()) >= 4 and s.in_question(" ".join(name.split()[:3])):
            continue  # "Mohammed bin Salman" is "Mohammed bin Salman bin Abdulaziz Al Saud"
        start, end = _extend_left(s.text, a), _appositive(s.text, b)
        titled = _title_before(s.text, start)
        if len([w for w in words(s.text[titled:end]) if w not in STOP]) <= MAX_NAME_WORDS:
            start = titled
        lo = _clause_start(s.text, max(0, a - 40), a)  # another clause's verbs are not its own
        before = set(content_terms(s.text[lo:a]))
        stop = _AFTER_STOP.search(s.text, end, min(len(s.text), end + 80))
        after = set(content_terms(s.text[end : stop.start() if stop else end + 80]))
        score = 2.0 + 1.5 * len(before & verbs) + 0.3 * _near_terms(s, part, a, b)
        score += 1.0 * len(after & verbs)  # "X paid an official visit": the doer of the asked act
        if _does_the_verb(s, start, end):
            score += 2.5  # "signed by Minister X", "X signed": the doer of the asked verb
        score += 1.0 if set(part.head) & set(content_terms(s.text[start:end])) else 0.0
        if asked_prep and re.search(
            rf"\b{asked_prep}\s+(?:[\w'’.-]+\s+){{0,5}}$", s.text[max(0, a - 60) : a], re.I
        ):
            score += 3.0  # "to whom did he hand the gavel": "handed the gavel to … X"
        nearby = _codes_near(s, a, b) if wanted else set()
        if wanted and _leads_side(s, end, wanted):
            score += 3.0  # "X led the Bangladesh side"
        elif wanted and wanted & nearby:
            score += 2.0  # "which Thai prime minister": a Thai one
        elif wanted and nearby:
            score -= 2.0  # … not the Malaysian one
        out.append(Span(start, end, s.text[start:end].strip(" ,"), score))
    roles = bool(set(words(part.text)) & _ROLE)
    for sub in _verb_subjects(s):  # "Slovakia held up …", "The Islamic State group claimed …"
        if not any(sub.start < o.end and o.start < sub.end for o in out) and not (
            roles and find_names(sub.text) and " " not in sub.text
        ):
            out.append(sub)
    if part.plural and len(out) >= 2:  # "which three prime ministers did Modi meet": all of them
        names = sorted(out, key=lambda sp: sp.start)
        asked = re.search(r"\b(?:which|what)\s+((?:[\w'’-]+\s+){0,4}[\w'’-]+)", part.text, re.I)
        titles = {w.removesuffix("s") for w in words(asked.group(1) if asked else "")} & _ROLE
        with_title = [  # "which two European prime ministers": those titled so, when that many
            sp for sp in names if titles & set(words(sp.text))
        ]
        if len(with_title) >= 2 and len(with_title) == (_asked_count(part.text) or len(with_title)):
            names = with_title
        text = ", ".join(sp.text for sp in names[:-1]) + " and " + names[-1].text
        out.append(Span(names[0].start, names[-1].end, text, max(sp.score for sp in names) + 1.0))
    if not out and not set(words(part.text)) & _ROLE:
        for x in s.mentions:  # "who sent aid?" may be answered by a state or organisation
            near = _near_terms(s, part, x["start"], x["end"], 40)
            if x["label"] in ("COUNTRY", "ORG") and not s.in_question(x["text"]) and near:
                out.append(Span(x["start"], x["end"], x["text"], 0.5 + 0.3 * near))
    return out


_VENUE_BEFORE = re.compile(
    r"(?:[A-Z][\w'’-]*\s+){1,5}(?:Palace|House|Hall|Centre|Center|Hotel|Stadium|[Bb]uilding|"
    r"Palais|Castle|Residence|Complex|[Hh]eadquarters|[Ss]ecretariat|Pavilion|Museum|Square|"
    r"Villa|Lodge|Guesthouse|Compound|Academy|Airport|Chamber|Convention\s+Centre)\s+"
    r"(?:in|at)\s+$"
    # "the headquarters of the Gulf Cooperation Council in Riyadh"
    r"|\b(?:headquarters|secretariat|seat)\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,5}(?:in|at)\s+$"
)
_PLACE_AFTER = re.compile(r"\s+(?:Bay|Harbour|Harbor|Port|Strait|Gulf|Sea|Province|Island)\b")


_CAPS = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,4}")


def _gazetteer_places(s: SentenceView, part: Part, skip: int) -> list[Span]:
    """Places the extractor did not tag, found in the bundled gazetteer: "In November Santa
    Marta hosted …". A place of the state the question names ("which Colombian city") wins."""
    wanted = _qualifier_codes(part.text)
    out: list[Span] = []
    for m in _CAPS.finditer(s.text, skip):
        toks = list(re.finditer(r"\S+", m.group(0)))
        for i in range(len(toks)):  # "November Santa Marta" → "Santa Marta"
            a = m.start() + toks[i].start()
            text = s.text[a : m.end()]
            first = fold(text.split()[0])
            if first in _NOT_NAME or first in _ROLE or s.in_question(text):
                continue
            if re.search(r"['’]s?$", text):
                break  # "Zagreb's expulsion": the state acting, not a place
            place = geocode(text)
            if place is not None:
                score = 1.5 + (1.5 if place.country in wanted else 0.0)
                out.append(Span(a, m.end(), text, score))
                break
    return out


# "From which Saudi city …", "Through which border town …": the preposition the place takes
_ASKED_PREP = re.compile(
    r"\W*(from|to|into|through|via|in|at|near|off)\s+(?:which|what|where)\b", re.I
)


def _asked_prep_places(
    s: SentenceView, part: Part, prep: str, skip: int, found: list[Span]
) -> list[Span]:
    """Names after the question's own preposition ("from Jeddah", "through Mae Sot") that the
    extractor did not tag as places, never a person, an organisation or the state the question
    names by its adjective ("which Egyptian town": not "Egypt")."""
    wanted = _qualifier_codes(part.text)
    taken = [(m["start"], m["end"]) for m in s.mentions if m["label"] in ("PERSON", "ORG")]
    taken += [(x.start, x.end) for x in found]
    out = []
    for m in re.finditer(
        rf"\b{prep}\s+((?:[A-Z][\w'’-]+)(?:\s+(?:[A-Z][\w'’-]+)){{0,3}})", s.text[skip:]
    ):
        a, b = skip + m.start(1), skip + m.end(1)
        text = m.group(1)
        if fold(text.split()[0]) in _NOT_NAME or fold(text.split()[0]) in _ROLE:
            continue
        if any(a < e and st < b for st, e in taken) or s.in_question(text):
            continue
        names = find_names(text)
        if names and names[0][1] - names[0][0] == len(text) and names[0][2] in wanted:
            continue
        out.append(Span(a, b, text, 3.0))
    return out


# "at which air base", "to which island": the kind of place the question asks for
_PLACE_HEAD = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?(air\s+base|naval\s+base|base|island|port|airport|"
    r"village|block|district|county|valley|region|province|"
    r"palace|hotel|camp|checkpoint|crossing|hospital|resort|airfield|shoal|reef|strait|bay|"
    r"gulf|river|dam|mosque|church|temple|cathedral|square|stadium|embassy|consulate)\b",
    re.I,
)


def _named_heads(s: SentenceView, part: Part, skip: int) -> list[Span]:
    """A name with the kind of place asked for: "at which air base" → "Al Udeid air base",
    "to which island" → "Ly Son island"."""
    head = _PLACE_HEAD.search(part.text)
    if head is None:
        return []
    noun = r"\s+".join(head.group(1).lower().split())
    out = []
    for m in re.finditer(
        rf"\b((?:[A-Z][\w'’-]*\s+){{1,4}})(?:[a-z]+\s+)?(?i:{noun})\b", s.text[skip:]
    ):
        a, b = skip + m.start(1), skip + m.end()
        first = fold(m.group(1).split()[0])
        if first in _NOT_NAME or s.in_question(m.group(1).strip()):
            continue
        out.append(Span(a, b, s.text[a:b], 4.0))
    return out


_SMALL_PLACE = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+){0,3}?(?:town|village|crossing|district|county)\b|"
    r"\b(?:which|what)\s+(?:town|village)\s+in\b",
    re.I,
)


def find_where(s: SentenceView, part: Part) -> list[Span]:
    skip = _dateline_end(s.text)
    want_country = bool(re.search(r"\bwhich country\b|\bwhat country\b", part.text, re.I))
    asked = _ASKED_PREP.match(part.text)
    prep = asked.group(1).lower() if asked else None  # "from which capital …": from
    out: list[Span] = []
    labels: tuple[str, ...] = ("COUNTRY",) if want_country else ("CAPITAL", "CITY", "PLACE")
    if _SMALL_PLACE.search(part.text):  # "which border town", "which village": not a capital
        labels = ("CITY", "PLACE")
    for m in s.mentions:
        if m["start"] < skip or m["label"] not in labels:
            continue
        if re.match(r"['’]s?\b", s.text[m["end"] :]) and not want_country:
            continue  # "Zagreb's expulsion of a diplomat": the state acting, not a place
        venue = None if want_country else _VENUE_BEFORE.search(s.text[: m["start"]])
        if s.in_question(m["text"]) and (venue is None or s.in_question(venue.group(0))):
            continue  # the city the question names, unless a venue in it is the answer
        end = m["end"]
        nxt = re.match(r",\s+([A-Z][\w ]+?)(?=[,.;)]|$)", s.text[end:])
        if nxt and any(x["label"] == "COUNTRY" and x["start"] == end + 2 for x in s.mentions):
            end += nxt.end()
        start = m["start"]
        if venue:  # "Al-Yamamah Palace in Riyadh"
            start = venue.start()
        water = _PLACE_AFTER.match(s.text, end)  # "Manila Bay"
        if water and not want_country:
            end = water.end()
        before = s.text[max(0, start - 6) : start]
        score = 2.0 + (1.0 if re.search(r"\b(?:in|at)\s$", before) else 0.0)
        if prep not in (None, "in", "at") and re.search(rf"\b{prep}\s$", before):
            score += 1.5  # "from which capital did the flight leave": where it left from
        out.append(Span(start, end, s.text[start:end], score))
    wanted = _qualifier_codes(part.text) if not want_country else set()
    coded = {(m["start"], m["end"]): m.get("code") for m in s.mentions}
    if wanted and out and all(coded.get((o.start, o.end)) not in wanted | {None} for o in out):
        out = []  # "in which Nepali city": not New Delhi, whatever else the sentence says
    if prep and prep not in ("in", "at") and not want_country:  # "in" has the fallbacks below
        out += _asked_prep_places(s, part, prep, skip, out)
    out += [  # a tagged place that holds it says more ("Presidential Palace in Hanoi")
        h for h in _named_heads(s, part, skip) if not any(o.start <= h.start < o.end for o in out)
    ]
    named = bool(out)  # a place the extractor tagged, before the fallbacks below
    if not out and not want_country:
        out = _gazetteer_places(s, part, skip)
    if not out and not want_country:
        for p in _PLACE_PHRASE.finditer(s.text):
            a, b = p.span(1)
            if fold(p.group(1).removeprefix("the ").split()[0].rstrip(",")) in _NOT_NAME:
                continue  # "in November, Xi …" is a date, not a place
            if a >= skip and not s.in_question(p.group(1)):
                out.append(Span(a, b, p.group(1).strip(), 1.0))
    here = _DEICTIC_PLACE.search(s.text, skip) if skip and not want_country else None
    place = re.match(r"\s*([A-Z][A-Za-z'’. -]+?)\s*(?:[,/(]|\s[-–—]\s)", s.text) if here else None
    if place and not s.in_question(place.group(1)):
        # "TAPACHULA, Chiapas, March 27 – … received him in this southern border city"
        name = place.group(1)
        out.append(
            Span(
                place.start(1),
                place.end(1),
                name.title() if name.isupper() else name,
                1.0 if named else 3.5,  # a place the sentence names itself comes first
            )
        )
    if not out and part.head:  # "in which northern Serbian town": the town the sentence names
        out = find_which(s, part)
    return out


# "in this southern border city", "in the capital": the place of the dateline
_DEICTIC_PLACE = re.compile(
    r"\b(?:in|at)\s+(?:this|the)\s+(?:[\w-]+\s+){0,3}?(?:city|capital|town|port)\b(?!\s+of\b)"
)
# "in Hanoi", "at Bayan Palace", "in the Gulf of Oman", "over Scarborough Shoal", "off Kinmen"
_PLACE_PHRASE = re.compile(
    r"\b(?:in|at|over|off|near|across)\s+((?:the\s+)?[A-Z][\w'’-]+(?:\s+(?:of\s+(?:the\s+)?)?"
    r"[A-Z][\w'’-]+){0,4}(?:,\s[A-Z]\w+)?)"
)


def find_event(s: SentenceView, part: Part) -> list[Span]:
    out = []
    for m in _EVENT_NAME.finditer(s.text):
        a, b = m.span(1)
        if not s.in_question(m.group(1)):
            out.append(Span(a, b, m.group(1), 2.0 + 0.1 * len(m.group(1).split())))
    return out


def find_ordinal(s: SentenceView, part: Part) -> list[Span]:
    out = []
    for m in _ORDINAL.finditer(s.text):
        if s.in_question(m.group(0)):
            continue
        end = m.end()
        for t in re.finditer(r"\s+([\w-]+)", s.text[m.end() :]):
            if fold(t.group(1)) in STOP or t.start() != 0 and False:
                break
            end = m.end() + t.end()
            if len(s.text[m.end() : end].split()) >= 3:
                break
        after = set(content_terms(s.text[m.end() : end]))
        score = 1.0 + 2.0 * len(after & s.q_stems)
        out.append(Span(m.start(), end, s.text[m.start() : end], score))
    return out


_YEARS_TO = re.compile(r"\b((?:19|20)\d\d\s+(?:to|until|through)\s+(?:19|20)\d\d)\b")


def find_term(s: SentenceView, part: Part) -> list[Span]:
    """A term of office: "2025-2027", or "for the period 2025 to 2027"."""
    return [
        Span(m.start(1), m.end(1), m.group(1), 2.0)
        for pattern in (_YEAR_RANGE, _YEARS_TO)
        for m in pattern.finditer(s.text)
        if not s.in_question(m.group(1))
    ]


def find_tier(s: SentenceView, part: Part) -> list[Span]:
    out = []
    for m in _QUOTED.finditer(s.text):
        if _TIER.search(m.group(1)) or "name" in part.text.lower():
            out.append(Span(m.start(1), m.end(1), m.group(1), 3.0))
    for m in _TIER.finditer(s.text):
        if len(m.group(0).split()) > 1 and not s.in_question(m.group(0)):
            out.append(Span(m.start(), m.end(), m.group(0), 1.0 + 0.2 * len(m.group(0).split())))
    return out


def find_countries(s: SentenceView, part: Part) -> list[Span]:
    """``which countries``, or ``which three capitals`` (the capitals and cities named)."""
    places = re.search(r"\b(?:capitals|cities)\b", part.text, re.I)
    labels = ("CAPITAL", "CITY") if places else ("COUNTRY",)
    seen: dict[str, dict[str, Any]] = {}
    for m in s.mentions:
        key = m["text"] if places else m["code"]
        if m["label"] in labels and not s.in_question(m["text"]) and key not in seen:
            seen[key] = m
    if not seen:
        return []
    ms = list(seen.values())
    most = _SUPERLATIVE.search(part.text)
    if most and not part.plural:
        best = _most_by_number(s, ms, most.group(0).lower() in ("fewest", "least", "lowest"))
        if best is not None:
            return [best]
    if part.plural:
        n = _asked_count(part.text)
        runs: list[list[dict[str, Any]]] = []
        for m in ms:  # the sentence's lists of names: "Britain, France and Germany"
            if runs and _LIST_SEP.fullmatch(s.text[runs[-1][-1]["end"] : m["start"]]):
                runs[-1].append(m)
            else:
                runs.append([m])
        exact = [r for r in runs if len(r) == n]
        if n and len(ms) > n and len(exact) == 1:  # "which three governments": the list of three
            ms = exact[0]
        text = ", ".join(m["text"] for m in ms)
        # a list of the asked size outweighs a longer or shorter one
        size = COUNT_BONUS if n and len(ms) == n else 0.0
        return [Span(ms[0]["start"], ms[-1]["end"], text, 1.0 + len(ms) + size)]
    return [
        Span(
            m["start"], m["end"], m["text"], 1.0 + 0.3 * _near_terms(s, part, m["start"], m["end"])
        )
        for m in ms
    ]


# added to a list of the asked size ("which four countries"): 1.5 and 3 both gave training +2
# (a list of four in a later sentence over the lead's one state), held-back and check unchanged
COUNT_BONUS = 1.5
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_LIST_SEP = re.compile(r",?\s+(?:and\s+)?(?:the\s+)?|\s*,\s*(?:the\s+)?", re.I)


def _asked_count(question: str) -> int | None:
    """The number of items "which three governments …" asks for."""
    m = re.search(r"\b(?:which|what)\s+(\w+)", question, re.I)
    if m is None:
        return None
    w = m.group(1).lower()
    return _COUNT_WORDS.get(w) or (int(w) if w.isdigit() and int(w) < 20 else None)


_SUPERLATIVE = re.compile(r"\b(?:most|highest|largest|biggest|fewest|least|lowest)\b", re.I)
_NUMBER_AFTER = re.compile(r"[^.;]{0,25}?\b(\d[\d,.]*)(\s+(?:votes|seats|delegates|members))?")


def _most_by_number(s: SentenceView, ms: list[dict[str, Any]], fewest: bool) -> Span | None:
    """ "Which country received the most votes?" in "Morocco received 121 votes, Indonesia 117
    and Cote d'Ivoire 109": the state whose own number is the largest (or smallest)."""
    scored: list[tuple[float, dict[str, Any], str]] = []
    for i, m in enumerate(ms):
        stop = ms[i + 1]["start"] if i + 1 < len(ms) else len(s.text)
        n = _NUMBER_AFTER.match(s.text[m["end"] : stop])
        if n:
            scored.append((float(n.group(1).replace(",", "").rstrip(".")), m, n.group(0)))
    if len(scored) < 2:
        return None
    value, m, said = (min if fewest else max)(scored, key=lambda x: x[0])
    num = re.search(r"\d[\d,.]*(?:\s+\w+)?", said)  # "121 votes", or "117"
    text = f"{m['text']}, {num.group(0).rstrip(',.') if num else value}"
    return Span(m["start"], m["end"], text, 4.0)


_COMPLEMENT = re.compile(  # a decimal point ("USD 3.7 billion") does not end it
    r"\s+(?:on|of|for)\s+(?:[^,;:.()]|\.(?=\d)){2,70}?(?=[,;:()]|\.(?!\d)|\s+(?:which|that|"
    r"and\s+(?:to|the)|to|at|in|"
    r"during|when|while|after|before|following)\s|$)"
)


_NAMEISH = re.compile(r"[A-Z][\w'’-]*|\d+(?:st|nd|rd|th)|\d+\+\d+|[A-Z0-9][\w-]*\d[\w-]*")
# "adopted the Compromiso de Sevilla, the outcome document": a name set beside its head noun
_NAME_BEFORE = re.compile(
    r"(?:\bthe\s+)?((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z0-9][\w'’-]*|de|del|la|of|on|for|and))*)"
    r"\s*,\s*(?:the|a|an)\s+(?:[\w-]+\s+){0,2}$"
)


def _grow_left(s: SentenceView, part: Part, a: int) -> int:
    """Take the question's own adjectives and name-like tokens before a head noun."""
    while a > 0:
        prev = re.search(r"([\w'’+-]+)\s+$", s.text[:a])
        if not prev:
            break
        w = prev.group(1)
        if stem(fold(w)) in part.head or _NAMEISH.fullmatch(w) and fold(w) not in _NOT_NAME:
            a = prev.start(1)
            continue
        # "King Salman Humanitarian Aid and Relief Centre": a joining word inside a name
        before = re.search(r"([A-Z][\w'’-]*)\s+$", s.text[: prev.start(1)])
        if w in _NAME_JOIN and before and fold(before.group(1)) not in _NOT_NAME:
            a = before.start(1)
            continue
        break
    return a


def find_modified(s: SentenceView, part: Part) -> list[Span]:
    """The head noun with the modifiers the question does not say, where nothing names it:
    "what new scheme" → "visa-on-arrival scheme", "what kind of aircraft" → "Y-9
    intelligence-gathering aircraft"."""
    if not part.head:
        return []
    out = []
    for t in re.finditer(r"[\w'’-]+", s.text):
        if stem(fold(t.group(0))) == part.head[-1]:
            a = _modified(s, part, t.start())
            if a < t.start():
                out.append(Span(a, t.end(), s.text[a : t.end()], 1.2))
    return out


def _modified(s: SentenceView, part: Part, a: int) -> int:
    """Where the modifiers before a head noun start: lower-case adjectives the question does not
    say ("visa-on-arrival", "intelligence-gathering") and the names before them ("Y-9")."""
    start, taken = a, 0
    while taken < 3:
        prev = re.search(r"([\w'’+-]+)\s+$", s.text[:start])
        if not prev:
            break
        w = prev.group(1)
        lw = fold(w)
        if lw in STOP or lw in _NOT_NAME or lw in _MOD_SKIP or w.isdigit():
            break
        if stem(lw) in part.head or s.in_question(w):
            break
        start = prev.start(1)
        taken += 1
    return start


_MOD_SKIP = frozenset("new first latest second other such own military".split())
_NAME_JOIN = frozenset("and of for de da do dos das del la le em al el".split())
# a code or name after the head: "Flight VN58", "Operation Voltando em Paz"
_NAME_AFTER = re.compile(
    r"(?:\s+(?:(?:de|da|do|dos|das|del|la|le|em|al|el)\s+)?(?:[A-Z0-9][\w-]*\d[\w-]*|[A-Z][\w-]+))"
    r"{1,4}"
)


_CALLED = re.compile(
    r"\s+(?:named|called|dubbed|code-?named|known\s+as|titled|entitled)\s+[\"“‘']?"
    r"([A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|for)\s+)?[A-Z][\w'’-]*)*(?:\s+\d+(?:\.\d+)+)?)"
)  # "known as ACFTA 3.0": a version number is part of the name


# heads whose "which" is answered by where they are ("which consulate" → "Constanta")
_PLACES = frozenset(
    stem(w) for w in "consulate embassy office base port airport mission camp".split()
)
_PLACED = re.compile(r"\s+(?:in|at)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")


_QUOTED_AS = re.compile(
    r"[“\"]([^”\"]{3,120})[”\"]\s+as\s+(?:the|its|their|his|her)\s+(?:[\w-]+\s+)?$"
)
# the rest of a list of names: ", Yang Hengjun and Chau Hau"
_AND_NAME = re.compile(
    r"(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)*,?\s+and\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
)
_HEAD_LIST = re.compile(
    r"(?:\s*,\s*(?:including|such\s+as|namely)\s+|\s+(?:including|such\s+as|namely|covering)\s+|"
    r"\s*:\s*|\s*,\s+(?=[A-Z]))"
    r"((?:the\s+)?[^.;:]+?)(?=\s*(?:[.;:]|,\s+(?:which|who|did|do|does|have|has|is|are|was|were|"
    r"will|would|had|to|in|on|at|with|from|for)\b|,?\s+(?:did|have|has|were|was|are|is|will)\s)|$)"
)
# one item named out of a plural head: "15 agreements, including a trade agreement,"
_INCLUDING_ONE = re.compile(
    r"(?<=s),?\s+including\s+((?:the|an?)\s+[^,;:.()]{3,60}?)(?=\s*(?:[,;:.()]|\s(?:which|that|"
    r"and|to|in|on|at|with|during|when|while)\s|$))"
)
_ASKS_NAME = re.compile(r"\b(?:what|which)\s+(?:code\s+)?name\b|\bthe\s+name\s+of\b", re.I)


def find_which(s: SentenceView, part: Part) -> list[Span]:
    """``which flight`` → "Flight VN58": the head noun with a code or name attached."""
    if _ASKS_NAME.search(part.text):  # "what code name did they give it": what it was called
        names = [
            Span(m.start(1), m.end(1), m.group(1), 1.9)
            for m in _CALLED.finditer(s.text)
            if not s.in_question(m.group(1))
        ]
        if names:
            return names
    if not part.head:
        return []
    head = part.head[-1]
    out = []
    for t in re.finditer(r"[\w'’-]+", s.text):
        if stem(fold(t.group(0))) != head:
            continue
        a, b = _grow_left(s, part, t.start()), t.end()
        called = _CALLED.match(s.text, b)
        if called:  # "an operation named Brahma": the name
            out.append(Span(called.start(1), called.end(1), called.group(1), 1.7))
            continue
        quoted = _QUOTED_AFTER.match(s.text, b)
        if quoted and not s.in_question(quoted.group(1)):  # 'the theme "ASEAN: …"': the quote
            out.append(Span(quoted.start(1), quoted.end(1), quoted.group(1), 1.8))
            continue
        where = _PLACED.match(s.text, b) if head in _PLACES else None
        if where:  # "the Russian consulate in Constanta": which consulate is where it is
            out.append(Span(where.start(1), where.end(1), where.group(1), 1.7))
            continue
        quoted = _QUOTED_AS.search(s.text[:a])
        if quoted and not s.in_question(quoted.group(1)):  # '"Cohesive" as the theme'
            out.append(Span(quoted.start(1), quoted.end(1), quoted.group(1), 1.8))
            continue
        named = _NAME_BEFORE.search(s.text[:a])
        if named and not s.in_question(named.group(1)):
            # "the Kazan Declaration, a document of 134 paragraphs": the name it is set beside
            out.append(Span(named.start(1), named.end(1), named.group(1), 1.6))
            continue
        one = None if part.plural else _INCLUDING_ONE.match(s.text, b)
        if one and not s.in_question(one.group(1)):
            # "concluded 15 agreements, including a free trade agreement": the one asked
            out.append(Span(one.start(1), one.end(1), one.group(1), 1.7))
            continue
        listed = _HEAD_LIST.match(s.text, b) if part.plural else None
        if listed and "and" in listed.group(1).split() and len(listed.group(1).split()) <= 16:
            # "two ships, INS Satpura and INS Savitri,", "participants, including India, …"
            out.append(Span(listed.start(1), listed.end(1), listed.group(1), 1.9))
            continue
        code = _NAME_AFTER.match(s.text[b:])
        if code:
            b += code.end()
            more = _AND_NAME.match(s.text, b) if part.plural else None
            if more:  # "detained citizens Cheng Lei and Yang Hengjun": both
                b = more.end()
        else:  # "an annual dialogue on semiconductors and critical minerals"
            comp = _COMPLEMENT.match(s.text, b)
            if comp:
                b = comp.end()
                listed = _LIST_ON.match(s.text, b) if part.plural else None
                if listed:  # "in the fields of health, culture and trade": every field
                    b = listed.end()
        bare = all(stem(fold(w)) in part.head for w in re.findall(r"[\w'’-]+", s.text[a:b]))
        named = _NAME_BEFORE.search(s.text[:a]) if bare else None
        if named:  # "the Compromiso de Sevilla, the outcome document"
            out.append(Span(named.start(1), named.end(1), named.group(1), 1.6))
            continue
        if (a, b) == t.span() or bare:
            continue
        out.append(Span(a, b, s.text[a:b], 1.5))
    out += _subject_of_asked_verb(s, part)  # "what Chinese vessel entered …": its subject
    if not out:  # "which Brazilian product" → "Brazilian beef": the qualifier and its noun
        m = re.search(r"\b(?:[Ww]hich|[Ww]hat)\s+([A-Z][\w'’-]+)\s", s.question)
        q = re.search(rf"\b{re.escape(m.group(1))}\s+[a-z][\w-]+", s.text) if m else None
        if q and not s.in_question(q.group(0)):
            listed = _LIST_ON.match(s.text, q.end()) if part.plural else None
            end = listed.end() if listed else q.end()  # "Vietnamese longan, rambutan and pomelo"
            out.append(Span(q.start(), end, s.text[q.start() : end], 1.2))
    return out


_ASKS_SUBJECT = re.compile(r"\b(?:which|what)\s", re.I)
# the noun phrase that ends right before a verb, from its clause's start
_SUBJECT_BEFORE = re.compile(
    r"(?:^|[,;:(–—]\s*|\b(?:after|when|as|while|and|but|that|said|says)\s+)"
    r"((?:(?:the|a|an)\s+)?(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+)\s+$"
)


def _subject_of_asked_verb(s: SentenceView, part: Part) -> list[Span]:
    """ "What Russian aircraft struck the drone?": the phrase right before the first "struck" of
    the sentence ("a Russian Su-27 fighter jet struck …"), when the question's which-phrase is
    the subject of its verb."""
    verbs = predicate_terms(s.question)
    asks = _ASKS_SUBJECT.search(part.text)
    after = [fold(w) for w in part.text[asks.start() :].split()[1:6]] if asks else []
    gap = next((i for i, w in enumerate(after) if w in _AUX or stem(w) in verbs), None)
    if not gap or after[gap] in _AUX:
        return []  # "what document did they adopt": no subject question
    verb = stem(after[gap])
    for t in _VERB_TOKEN.finditer(s.text, _dateline_end(s.text)):
        if stem(fold(t.group(0))) != verb:
            continue
        lo = max(0, t.start() - 80)
        m = _SUBJECT_BEFORE.search(s.text[lo : t.start()])
        if m and lo > 0 and m.start() == 0:
            m = None  # a window's start is no clause start
        if m is None:
            return []
        a = lo + m.start(1)
        text = m.group(1)
        if s.in_question(text) or fold(text.split()[0]) in _NOT_NAME - {"the", "a", "an"}:
            return []
        return [Span(a, a + len(text), text, 1.6)]
    return []


# where the object of a verb ends: a clause break or a preposition that starts an adjunct
_OBJECT_END = re.compile(
    r"[,;:()\[\]]|\.(?!\d)|\s[–—-]\s|\s(?:which|that|who|while|as\s+well\s+as|after|before|during|"
    r"when|where|at|in|by|from|to|with|amid|following|under)\s",
    re.I,
)
_VERB_TOKEN = re.compile(r"[A-Za-z][\w'’-]*")
# the rest of a list after its first item: ", science and technology, and sports"
_LIST_ON = re.compile(r"(?:,\s+[^,.;]{1,40})*,?\s+and\s+[^,.;]{1,30}?(?=[,.;]|$)")
_PURPOSE = re.compile(r"\s+to\s+(?!(?:the|a|an|its|their|his|her|be|\d)\b)[a-z]{3,}\w*\s")
# an adjunct ends an object only after this many words: answers are scored with up to ten
# content words, and "the deployment of UN peacekeeping forces in the occupied Palestinian
# territories" is one answer (4, 6, 8, 10, 14 tried on the training question sets: 10)
MIN_OBJECT_WORDS = 10


def _object_end(text: str, a: int, purpose: bool) -> int:
    """Where the object starting at ``a`` ends. An adjunct ends it only once it has some
    words: "downgrading relations to the lowest level" is one answer, "visited Hanoi | in May"
    two; with ``purpose``, "a fund to reduce dependence" keeps its purpose clause."""
    cut = _OBJECT_END.search(text, a)
    while cut and (
        cut.group(0)[0] not in ",;:.()[]"
        and len(text[a : cut.start()].split()) < MIN_OBJECT_WORDS
        or purpose
        and _PURPOSE.match(text, cut.start())
    ):
        cut = _OBJECT_END.search(text, cut.end())
    return cut.start() if cut else len(text)


_WHAT_DO = re.compile(r"\bwhat\s+(?:did|does|do|will|would|had|has|have)\s+(.+?)\s+do\b", re.I)


def find_deed(s: SentenceView, part: Part) -> list[Span]:
    """``what did the crew members do`` → "fired warning shots into the air": the predicate
    after the question's subject in the sentence."""
    q = _WHAT_DO.search(part.text)
    # "crew members on Turkish coast guard boats": the head before the first preposition
    head = re.split(r"\s(?:on|of|from|in|at|aboard|with|near|off)\s", q.group(1))[0] if q else ""
    subject = content_terms(head)
    return _deeds(s, subject[-1], 2.0) if subject else []


def _deeds(s: SentenceView, last: str, score: float, skip_insert: bool = False) -> list[Span]:
    """The predicates after each mention of the subject word ``last`` in the sentence; with
    ``skip_insert``, past a phrase set off by commas ("Lavrov, who is in The Hague, shrugged")."""
    out: list[Span] = []
    for t in _VERB_TOKEN.finditer(s.text):
        if stem(fold(t.group(0))) != last:
            continue
        rest = s.text[t.end() :]
        insert = re.match(r",\s+(?:who|which)\s[^,;:.()]{2,80},", rest) if skip_insert else None
        if insert:
            rest = " " * insert.end() + rest[insert.end() :]
        verb = re.match(
            r"\s+(?:(?:had|has|have|also|then|later|reportedly|would|will|could|should|must|"
            r"can|may|might)\s+)*([a-z]+ed|[a-z]+)\b",
            rest,
        )
        if not verb or verb.group(1) in _AUX or verb.group(1) in STOP:
            continue
        a = t.end() + verb.start(1)
        b = _object_end(s.text, a, purpose=False)
        phrase = " ".join(_first_words(s.text[a:b], ANSWER_WORDS).split())
        if phrase and not s.in_question(phrase):
            out.append(Span(a, a + len(phrase), phrase, score))
    return out


# "What was launched at …": the thing the sentence says was launched
_ASKS_PASSIVE = re.compile(
    r"^\W*(?:what|which\s+\w+)\s+(?:was|were|has\s+been|have\s+been)\s+\w+ed\b", re.I
)
# the subject of "… was launched": from the clause's start to its first comma or verb
_PASSIVE_SUBJECT = re.compile(
    r"(?:^|[,;:]\s*|\b(?:where|which|when|and|as|after)\s+)((?:the|a|an|its|their)\s+[^,;:]{2,80}?)"
    r"(?:,[^,]{0,80},)?\s+(?:(?:has|have|had)\s+)?(?:was|were|is|are|been|be)\s+$"
)


_HOW_RESPOND = re.compile(
    r"^\W*how\s+(?:did|does|do|has|have|had|will|would|was|were)\s+(.+?)\s+"
    r"(?:respond|react|reply|retaliate)\w*\b",
    re.I,
)
# "prompting Tokyo to summon China's acting ambassador": what the subject was moved to do
_PROMPTING = re.compile(
    r"\b(?:prompting|leading|forcing|causing|pushing|spurring|moving)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’-]*\s+){1,4})to\s+"
)


def find_response(s: SentenceView, part: Part) -> list[Span]:
    """``how did Panama respond`` → "suspended relations with Venezuela": what the subject did
    in the sentence ("prompting Tokyo to summon …", "Lavrov, who …, shrugged off …")."""
    q = _HOW_RESPOND.search(part.text)
    subject = content_terms(q.group(1)) if q else []
    if not subject:
        return find_object(s, part)
    out: list[Span] = []
    for m in _PROMPTING.finditer(s.text):
        if subject[-1] in content_terms(m.group(1)):
            b = _object_end(s.text, m.end(), purpose=False)
            text = " ".join(_first_words(s.text[m.end() : b], ANSWER_WORDS).split())
            if text and not s.in_question(text):
                out.append(Span(m.end(), m.end() + len(text), text, 2.5))
    # "Phnom Penh responded by downgrading relations …": the words after the asked verb first
    said = [Span(x.start, x.end, x.text, 2.6) for x in find_object(s, part)]
    return out + said + _deeds(s, subject[-1], 2.0, skip_insert=True)


_DAY_TERMS = frozenset(
    content_terms("monday tuesday wednesday thursday friday saturday sunday today yesterday")
)
_ADJUNCT = re.compile(
    r"\s(?:at|in|on|during|after|before|with|from|by|under|amid|following)\s", re.I
)


def _last_adjunct(phrase: str) -> re.Match[str] | None:
    """The last preposition of ``phrase`` that may open an adjunct (matches may not overlap, so
    each is searched from the one before's space)."""
    last, pos = None, 0
    while (m := _ADJUNCT.search(phrase, pos)) is not None:
        last, pos = m, m.end() - 1
    return last


def _drop_asked_adjuncts(s: SentenceView, phrase: str) -> str:
    """ "the Lima Roadmap at the end of talks on Wednesday" for "what did they adopt at the end
    of their talks": trailing adjuncts that only repeat the question (or name a day) go."""
    while True:
        cut = _last_adjunct(phrase)
        if cut is None or cut.start() == 0:
            return phrase
        tail = set(content_terms(phrase[cut.end() :]))
        if not tail <= s.q_stems | _DAY_TERMS:
            return phrase
        phrase = phrase[: cut.start()].rstrip(" ,")


def find_object(s: SentenceView, part: Part) -> list[Span]:
    """``what did A adopt`` → the phrase after the question's verb in the sentence."""
    if _WHAT_DO.search(part.text):
        return find_deed(s, part)
    verbs = predicate_terms(s.question)
    if not verbs:
        return []
    tail = tail_verb(s.question)
    passive = bool(_ASKS_PASSIVE.match(s.question))
    strand = _STRANDED.search(part.text)
    stranded = strand.group(1).lower() if strand else None
    out: list[Span] = []
    for t in _VERB_TOKEN.finditer(s.text):
        st = stem(fold(t.group(0)))
        if not any(st == v or (len(v) >= 4 and st.startswith(v)) for v in verbs):
            continue
        score = 1.5 if tail and (st == tail or st.startswith(tail)) else 1.0
        rest = s.text[t.end() :]
        particle = re.match(r"\s+(?:for|on|about|into|against|with|up)\s+", rest)
        if particle and re.search(
            rf"\b{re.escape(t.group(0)[:4])}\w*\s+{particle.group(0).strip()}\b", s.question, re.I
        ):  # "what did they call for": the object after "call for"
            rest = " " * particle.end() + rest[particle.end() :]
        inf = re.match(r"\s+to\s+[a-z]+\s+", rest)  # "agreed to launch X": X
        if inf:
            rest = " " * inf.end() + rest[inf.end() :]
        nominal = re.match(r"\s+of\s+", rest)  # "for the improvement of X": X
        if not nominal and re.search(r"\b(?:an?|the)\s+$", s.text[: t.start()]):
            nominal = re.match(r"\s+(?:to|on|for)\s+", rest)  # "orders an end to X": X
        if nominal:
            rest = " " * nominal.end() + rest[nominal.end() :]
        if passive and re.search(r"\b(?:was|were|is|are|been|be)\s+$", s.text[: t.start()]):
            subject = _PASSIVE_SUBJECT.search(s.text[: t.start()])
            if subject and not s.in_question(subject.group(1)):
                # "where the submarine Tonelero, built with French technology, was launched"
                text = " ".join(_first_words(subject.group(1), ANSWER_WORDS).split())
                out.append(Span(subject.start(1), subject.start(1) + len(text), text, score + 0.5))
        cut_at = _object_end(rest, len(rest) - len(rest.lstrip()), purpose=True)
        listed = _LIST_ON.match(rest, cut_at) if part.plural else None
        if listed:  # "in which fields": "agriculture, science and technology, and sports"
            cut_at = listed.end()
        phrase = _drop_asked_adjuncts(s, rest[:cut_at].strip())
        toks = phrase.split()
        if not toks or toks[0].lower() in _AUX:
            continue
        phrase = " ".join(_first_words(" ".join(toks), ANSWER_WORDS).split())
        a = t.end() + rest.index(toks[0])
        if stranded:  # "what did A accuse B of": what follows "of" after the verb
            out += _after_stranded(s.text, t.end(), stranded, score + 1.5)
        if s.in_question(phrase):
            continue  # the question's own words are no answer
        out.append(Span(a, a + len(phrase), phrase, score))
    return out


# a preposition the question leaves without its object: "what did Lavrov accuse Washington of
# when …", "what did they sign an arrangement on during …", "open its market to?"
_STRANDED = re.compile(
    r"\s(of|on|to|for|with|about|against|into|from)(?=\s*$|\s*[,?]|\s+(?:when|while|during|"
    r"in|at|after|before|according|per|under|as)\b)",
    re.I,
)


def _after_stranded(text: str, verb_end: int, prep: str, score: float) -> list[Span]:
    """The phrase after ``prep`` in the verb's clause ("accused the US of | trying to …")."""
    m = re.compile(rf"\s{prep}\s+", re.I).search(text, verb_end, min(len(text), verb_end + 90))
    if m is None or re.search(r"[.;]", text[verb_end : m.start()]):
        return []
    end = _object_end(text, m.end(), purpose=True)
    phrase = " ".join(_first_words(text[m.end() : end], ANSWER_WORDS).split())
    return [Span(m.end(), m.end() + len(phrase), phrase, score)] if phrase else []


_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|without|failed|fell\s+short|rejected|denied|refused|"
    r"declined|lost|instead|yet\s+to|has\s+yet|have\s+yet|stayed\s+away|boycott\w*)\b|n['’]t\b",
    re.I,
)


# "was it the country's first term?": a later ordinal of a time or term says no, and so does
# "the first … other than France"
_LATER_TIME = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:nd|rd|th))\s+"
    r"(?:(?:consecutive|straight|successive)\s+)?(?:time|term|stint|occasion|seat|country)\b",
    re.I,
)
_FIRST_BUT = re.compile(
    r"\bfirst\b[^.;]*?\b(?:other\s+than|besides|apart\s+from|aside\s+from|except)\b", re.I
)
_ASKS_FIRST = re.compile(r"\b(?:the\s+)?(?:very\s+)?first\b", re.I)
# "had any Indian premier visited Brunei before?" answered by "the first ever … visit"
_ASKS_BEFORE = re.compile(r"\b(?:before|previously|prior\s+to|ever)\b", re.I)
_FIRST_NOT_SINCE = re.compile(r"\bfirst\b(?![^.;]{0,60}\bsince\b)", re.I)


# a question's word and the word of a sentence that says the contrary
_CONTRARY = [
    (re.compile(p, re.I), re.compile(q, re.I))
    for p, q in (
        (r"\bagainst\b", r"\bin\s+favou?r\b"),
        (r"\bin\s+favou?r\b", r"\bagainst\b"),
        (r"\b(?:re)?open(?:ed)?\b", r"\b(?:shut|closed)\b"),
        (r"\bliquid\b", r"\bsolid\b"),
        (r"\bsolid\b", r"\bliquid\b"),
        (r"\brecorded\s+vote\b", r"\bby\s+consensus\b|\bwithout\s+a\s+vote\b"),
        (r"\bby\s+consensus\b", r"\brecorded\s+vote\b"),
        (r"\b(?:agree|agreed)\s+to\s+hear\b", r"\bthrew\s+(?:it\s+)?out\b|\bdismissed\b"),
    )
]


def _asked_subject(question: str) -> str | None:
    """The state a yes/no question is about: the first state named after its auxiliary."""
    aux = re.search(r"\b(?:did|does|do|was|were|is|are|has|have|had|will|would)\b", question, re.I)
    states = [(a, c) for a, _, c in find_names(question) if len(c) == 3]
    after = [c for a, c in states if aux and a > aux.start()]
    found = after or [c for _, c in states]
    return found[0] if found else None


def find_yes_no(s: SentenceView, part: Part) -> list[Span]:
    """A yes/no question: a comparison decided by the sentence's numbers; a "first" decided
    by the sentence's ordinal; else "No" when the sentence negates what the question does not.
    A sentence that names the state asked about fits better than one that does not."""
    pair = _compared(s.question)
    if pair is not None:
        where = _located(s, pair)
        pick = choose(s, where, s.question)
        if pick is not None:  # a sentence that decides the comparison beats one that cannot
            return [Span(0, 0, _with_support("Yes" if pick == 0 else "No", s, where), 6.0)]
    subject = _asked_subject(part.text)
    named = subject is not None and subject in {c for _, _, c in find_names(s.text)}
    acts = bool(predicate_terms(part.text) & set(content_terms(s.text)))  # "declined to attend"
    score = 1.0 + (1.5 if named else 0.0) + (1.5 if acts else 0.0)
    if _ASKS_FIRST.search(part.text):
        if _LATER_TIME.search(s.text) or _FIRST_BUT.search(s.text):
            return [Span(0, 0, "No", score + 2.5)]
        if re.search(r"\bfirst\b", s.text, re.I):
            return [Span(0, 0, "Yes", score + 2.5)]
    elif _ASKS_BEFORE.search(part.text) and _FIRST_NOT_SINCE.search(s.text):
        return [Span(0, 0, "No", score + 2.5)]  # the first one: none came before
    neg = bool(_NEGATION.search(s.text)) and not _NEGATION.search(s.question)
    if not neg and any(
        asked.search(s.question) and said.search(s.text) and not said.search(s.question)
        for asked, said in _CONTRARY
    ):
        return [Span(0, 0, "No", score + 1.0)]  # "voted against?" "voted in favour"
    if neg and acts:
        score += 1.0  # "Blinken … did not meet Lavrov": a sentence that denies the act decides
    return [Span(0, 0, "No" if neg else "Yes", score)]


_QUOTED_AFTER = re.compile(r"\s*,?\s*[“\"]([^”\"]{3,120})[”\"]")
# "On the sidelines of what gathering …", "Under what theme …": the phrase the sentence puts
# after the same words
_LEAD_PREP = re.compile(
    r"^\W*((?:[A-Za-z]+\s+){0,3}?(?:of|on|at|in|under|for|with|by|during|to))\s+(?:what|which)\s+",
    re.I,
)


def find_after_lead(s: SentenceView, part: Part) -> list[Span]:
    """ "On the sidelines of what gathering did they meet?" → the phrase after "on the
    sidelines of" in the sentence ("a nuclear security summit")."""
    lead = _LEAD_PREP.match(part.text)
    if lead is None or len(lead.group(1).split()) < 2:
        return []  # "in which …" alone is any place or time: not this reading
    m = re.search(rf"\b{re.escape(lead.group(1))}\s+", s.text, re.I)
    if m is None:
        return []
    end = _object_end(s.text, m.end(), purpose=False)
    phrase = " ".join(_first_words(s.text[m.end() : end], ANSWER_WORDS).split())
    if not phrase or s.in_question(phrase):
        return []
    return [Span(m.end(), m.end() + len(phrase), phrase, 3.0)]


def find_which_or_object(s: SentenceView, part: Part) -> list[Span]:
    after = find_after_lead(s, part)
    if after:
        return after
    if _ON_WHAT.match(part.text):
        return find_topic(s, part) or find_which(s, part) or find_object(s, part)
    return find_which(s, part) or find_object(s, part) or find_modified(s, part)


_ON_WHAT = re.compile(r"\s*(?:on|about) what\b", re.I)
_TOPIC = re.compile(r"(?:\s+of\s+understanding)?\s+(?:on|about|regarding|concerning)\s+", re.I)


def find_topic(s: SentenceView, part: Part) -> list[Span]:
    """ "On what did A and B sign a memorandum?": what the document is on, to the clause's end
    ("a memorandum of understanding on cooperation in the digital economy")."""
    if not part.head:
        return []
    out: list[Span] = []
    for m in re.finditer(r"[\w-]+", s.text):
        if not set(content_terms(m.group(0))) & set(part.head):
            continue
        cue = _TOPIC.match(s.text, m.end())
        if cue is None:
            continue
        end = _CLAUSE_END.search(s.text, cue.end())
        b = end.start() if end else len(s.text)
        text = s.text[cue.end() : b].strip()
        if text and not s.in_question(text):
            out.append(Span(cue.end(), b, text, 3.0))
    return out


_REASON = re.compile(
    r"\b(?:because(?:\s+of)?|due\s+to|in\s+(?:response|retaliation|reaction|protest|solidarity)\s+"
    r"(?:to|for|at|against|over|with)|(?:an?|the)\s+response\s+to|responding\s+to|"
    r"retaliat\w*\s+(?:for|against)|over|after|given|citing|calling|accus(?:ing|ed)|as|amid|following|"
    r"saying(?:\s+that)?|arguing(?:\s+that)?|on\s+the\s+grounds?\s+that|in\s+order\s+to|"
    r"so\s+that)\s+",
    re.I,
)
# "at Tokyo's request", "at the request of the Lao government": the whole phrase answers
_AT_REQUEST = re.compile(
    r"\bat\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?[\w-]+['’]s?\s+(?:request|urging|behest)\b|"
    r"\bat\s+the\s+(?:request|urging|behest)\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*){1,5}"
)
_MEANS = re.compile(
    r"\b(?:by|via|through|overland|aboard|on\s+board|on)\s+"
    # "on Thursday", "on 4 October", "by May": a date, not a means
    r"(?!(?:the\s+)?(?:\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|"
    r"february|march|april|may|june|july|august|september|october|november|december|"
    r"(?:the\s+)?(?:morning|afternoon|evening|night|weekend))\b)",
    re.I,
)
_CLAUSE_END = re.compile(r"[,;:()]|\.(?!\d)|\s[–—-]\s|\s(?:which|while|and\s+(?:said|added))\s")


def _phrase_after(s: SentenceView, cue: re.Match[str], score: float) -> Span | None:
    # "overland to Armenia", "in protest at the war": the cue's words belong to the answer
    start = (
        cue.start()
        if cue.group(0).lower().startswith(("overland", "by", "via", "in "))
        else cue.end()
    )
    charge = re.match(r"[^,;.]{1,40}?\s(?:of|for)\s", s.text[start:])
    if charge and cue.group(0).lower().startswith(("accus", "blam")):
        start += charge.end()  # "accusing it of supplying the drones": what it is accused of
    end_m = _CLAUSE_END.search(s.text, max(start, cue.end()))
    end = end_m.start() if end_m else len(s.text)
    insert = _INSERT.match(s.text, end)
    if insert and s.text[start:end].strip():
        # "because economist Sean Turnell, an adviser to Suu Kyi, was being held": the clause
        # goes on past the inserted phrase
        more = _CLAUSE_END.search(s.text, insert.end())
        end = more.start() if more else len(s.text)
    text = " ".join(_first_words(s.text[start:end], ANSWER_WORDS).split())
    if not text:
        return None
    if s.in_question(text):
        return None
    return Span(start, start + len(text), text, score)


# a phrase set off by commas inside a clause, the clause's verb after it: ", under Kevin Rudd,"
_INSERT = re.compile(
    r",\s+[^,;:.()]{2,50},\s+(?=(?!(?:and|or|but|which|who|whom|while|where|when|the|a|an)\b)[a-z]+\b)"
)


_AS_WHAT = re.compile(
    r"\b(?:as|called|calling|termed|dubbed|branded|labelled|labeled)\s+(?:it|them|the\s+\w+\s+)?"
    r"\s*((?:an?\s+|the\s+)?[^,.;:()]{3,80})",
    re.I,
)


def find_description(s: SentenceView, part: Part) -> list[Span]:
    """``how did Taipei describe the drills`` → "an irrational provocation": what follows
    "as" or "called" after the question's verb or a verb of judging."""
    out = []
    for m in _AS_WHAT.finditer(s.text):
        text = " ".join(_first_words(m.group(1), ANSWER_WORDS).split())
        if text and not s.in_question(text):
            out.append(Span(m.start(1), m.start(1) + len(text), text, 1.5))
    return out


_ASKS_CONDITION = re.compile(r"\b(?:under|on)\s+what\s+conditions?\b", re.I)
_CONDITION = re.compile(
    r"\b(?:once|if|unless|provided(?:\s+that)?|as\s+soon\s+as|as\s+long\s+as|until)\s+", re.I
)
# a reason that opens the sentence, before its verb: "Given the fuel shortages, …"
_LEAD_REASON = re.compile(r"\s*(?:Given|Because\s+of|Due\s+to|Owing\s+to|In\s+view\s+of)\s+")
_GROUNDS_Q = re.compile(r"^\W*(?:why|on\s+what\s+grounds|for\s+what\s+reason)\b", re.I)
# "criticised Mongolia for failing …": the object of the verb, then "for" and the cause
_FOR_CAUSE = re.compile(
    r"[^,;.]{0,60}?\s(?:for|over)\s+"
    r"(?!(?:the\s+)?(?:first|second|\d|two|three|four|five|several|many|more|years?|months?|"
    r"weeks?|days?|decades?|(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december))\b)"  # "planned for Wednesday": a date, not a cause
)
_PROMPTED = re.compile(
    r",\s+(?:prompting|leading|forcing|causing|pushing|spurring|triggering)\s+[^,;.]{1,60}?"
    r"\s+to\s+",
    re.I,
)


def find_reason(s: SentenceView, part: Part) -> list[Span]:
    """``why did A do X`` → the phrase after "over", "in retaliation for", "accusing … of" …"""
    verbs = predicate_terms(s.question)
    verb_at = min(
        (t.end() for t in _VERB_TOKEN.finditer(s.text) if stem(fold(t.group(0))) in verbs),
        default=0,
    )
    out = []
    for m in _REASON.finditer(s.text, verb_at):
        span = _phrase_after(s, m, 2.0 - 0.01 * (m.start() - verb_at) / 10)
        if span:
            out.append(span)
    if _ASKS_CONDITION.search(s.question):  # "under what condition …": "once …", "if …"
        for m in _CONDITION.finditer(s.text, verb_at):
            span = _phrase_after(s, m, 2.6)
            if span:
                out.append(span)
    lead = _LEAD_REASON.match(s.text, _dateline_end(s.text))
    if lead and verb_at and lead.end() < verb_at:  # "Given the fuel shortages, … organised"
        span = _phrase_after(s, lead, 2.2)
        if span:
            out.append(span)
    grounds = _GROUNDS_Q.search(s.question)
    cue = _FOR_CAUSE.match(s.text, verb_at) if grounds and verb_at else None
    if cue and re.search(r"\b(?:call|appeal|demand|request|plea|pressure)s?\b", cue.group(0)):
        cue = None  # "resisted calls from activists for sanctions": what was called for
    if cue:  # "criticised Mongolia for failing to arrest Putin", "expelled … for espionage"
        span = _phrase_after(s, cue, 2.3)
        if span:
            out.append(span)
    led = _PROMPTED.search(s.text, 0, verb_at) if verb_at else None
    if led:  # "after France recognised …, prompting Algeria to withdraw": what came before
        for m in _REASON.finditer(s.text, 0, led.start()):
            span = _phrase_after(s, m, 2.2)
            if span and span.end <= led.start() + 1:
                out.append(span)
                break
    for m in _AT_REQUEST.finditer(s.text):
        text = m.group(0).strip()
        if not s.in_question(text):
            out.append(Span(m.start(), m.start() + len(text), text, 2.5))
    return out


def find_means(s: SentenceView, part: Part) -> list[Span]:
    """``how did they travel home`` → "overland to Armenia …", "through the … border gate"."""
    out = []
    for m in _MEANS.finditer(s.text):
        span = _phrase_after(s, m, 1.0 + (0.5 if m.group(0).strip().lower() != "on" else 0.0))
        if span:
            out.append(span)
    return out


_CHOICE = re.compile(
    r"(?:[:,]\s*|\b(?:which|who|what)\b[^?]*?\b)?([^,:?]+?)\s+or\s+([^,:?]+?)\s*\??$"
)
_MORE = re.compile(
    r"\b(?:more|most|higher|larger|bigger|greater|highest|largest|won|first)\b", re.I
)
_LESS = re.compile(r"\b(?:less|fewer|lower|smaller|least|lowest|smallest)\b", re.I)
# a rise or a fall stated in a sentence ("rose", "raised its pledge"; "fell", "cut")
_UP = re.compile(
    r"\b(?:up|rose|risen|rise|increas\w*|grew|grow\w*|higher|rais\w*|expand\w*|extend\w*|"
    r"lift\w*|boost\w*|doubl\w*)\b",
    re.I,
)
_DOWN = re.compile(
    r"\b(?:down|fell|fallen|decreas\w*|declin\w*|dropp\w*|lower(?:ed|s)?|cut|cuts|reduc\w*|"
    r"scal\w+\s+back|shr[aiu]nk\w*)\b",
    re.I,
)
_WIN = re.compile(r"\b(?:won|defeat(?:ed|ing)?|beat(?:ing)?|took|secur(?:ed|ing)|topped)\b", re.I)
_UP_OR_DOWN = re.compile(
    r"\b(raise|increase|expand|extend|lift)\s+or\s+(cut|reduce|lower|shrink|scale\s+back)\b", re.I
)
_MORE_OR_LESS_THAN = re.compile(
    r"\b(?:was|were|is|are)\s+(.+?)\s+((?:larger|bigger|higher|greater|more))\s+or\s+"
    r"((?:smaller|lower|less|fewer))\s+than\s+(.+?)(?:\s+(?:in|last|this|during|according)\b|"
    r"[,?]|$)",
    re.I,
)
_RISE_OR_FALL = re.compile(
    r"\b(?:rise|risen|increase|increased|grow|grown|expand|expanded)\s+or\s+"
    r"(?:fall|fallen|decrease|decreased|decline|declined|shrink|shrunk|contract|contracted)\b|"
    r"\b(?:go|gone|went)\s+up\s+or\s+down\b",
    re.I,
)
# "up from about 2 percent": the level before, after a rise or fall the sentence states
_FROM_LEVEL = re.compile(
    r"\b(?:up|down)\s+from\s+((?:[a-z]+\s+){0,2}?\d[\d,.]*"
    r"(?:\s+(?!(?:in|on|at|by|since|last|this|a|the)\b)[a-z%]+)?)",
    re.I,
)
# "…, according to the Saudi Press Agency?": a source named after the question's options
TAIL_SOURCE = re.compile(r",\s*(?:according\s+to|per|as\s+reported\s+by)\s[^,?:]+\??\s*$", re.I)
# what opens an option but is not its name: "were there more police officers", "did Russia"
_OPTION_LEAD = re.compile(
    r"^(?:(?:did|do|does|was|were|is|are|has|have|had|will|would)\s+)?(?:there\s+)?"
    r"(?:(?:more|fewer|less)\s+)?",
    re.I,
)


_MORE_OR_MORE = re.compile(
    r"\b(?:more|fewer|less)\s+([\w'’ -]+?)\s+or\s+(?:[a-z]+\s+)?(?:more|fewer|less)\s+"
    r"([\w'’ -]+?)(?=\s+(?:after|before|in|during|since|by|from|according|at|per|than|under|"
    r"this|last|that)\b|\s*[,?]|\s*$)",
    re.I,
)


def choice_options(question: str) -> list[str] | None:
    """The two options of "A or B?", without the question's frame: "did Russia or Albania
    receive more votes" → Russia, Albania; "were more Indians or more Afghans flown out" →
    Indians, Afghans."""
    both = _MORE_OR_MORE.search(question)
    if both:  # "have more diplomats or more technical staff": diplomats, technical staff
        return [both.group(1).strip(), both.group(2).strip()]
    m = _CHOICE.search(TAIL_SOURCE.sub("?", question.strip()))
    if not m:
        return None
    a, b = (_OPTION_LEAD.sub("", x.strip()) for x in (m.group(1), m.group(2)))
    if a and all(w[:1].isupper() for w in a.split()):
        name = re.match(r"(?:[A-Z][\w'’.-]*\s*)+", b)  # B's own name, not the verb after it
        if name:
            b = name.group(0).strip()
    return [a or m.group(1).strip(), b or m.group(2).strip()]


_PCT_CHANGE = re.compile(
    r"\b(up|down|r[io]se|fell|grew|shrank|increased|decreased|declined|jumped|dropped|"
    r"(?:a|an)\s+(?:rise|increase|growth|jump|fall|drop|decline|decrease)\s+of)\s+(?:by\s+)?"
    r"(?:about\s+|some\s+|nearly\s+|almost\s+|over\s+)?[\d.,]+\s*(?:percent|per\s+cent|%)",
    re.I,
)
_MONEY_AFTER = re.compile(
    r"\s*(?:million|billion|trillion|bn|mn)\b|\s*(?:US\s+)?(?:dollars?|euros?|pounds|yen|yuan|"
    r"USD|EUR|VND|won(?!\s+by\b)|rupees?)\b",  # "the 123 won by Albania" is a count
    re.I,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_BEAT = re.compile(r"\b(?:defeat(?:ed|ing)?|beat(?:ing)?|outpoll\w*|edged\s+out)\b", re.I)
_N_TO_M = re.compile(r"\b(\d[\d,]*)\s+(?:votes?\s+)?to\s+(\d[\d,]*)\b")
_ASKS_WINNER = re.compile(r"\b(?:won|win|wins|prevailed|beat|defeated)\b", re.I)


# between a number and the option it belongs to: "24 percent for Japan", "97 votes to Peru"
_BIND = re.compile(
    r"\s*(?:%|percent|per\s+cent|votes?|(?:million|billion)\s+\w+|\w+)?\s*(?:for|to|by|from|in)\s+"
    r"(?:the\s+)?",
    re.I,
)


def _located(s: SentenceView, options: list[str]) -> list[tuple[int | None, str]]:
    """Where each of two options is named in the sentence, each told apart from the other."""
    return [(_option_at(s, o, options[1 - i]), o) for i, o in enumerate(options)]


def _option_at(s: SentenceView, option: str, other: str = "") -> int | None:
    """Where an option of the question is named in the sentence: by name or code, by its
    words, else by the first word it has and the other option lacks ("Kenya's exports to the
    UAE" or "its imports from the Gulf state": "exports" and "imports")."""
    codes = {c for _, _, c in find_names(option)} - {c for _, _, c in find_names(other)}
    for m in s.mentions:
        if m.get("code") in codes:
            return int(m["start"])
    i = fold(s.text).find(fold(option.strip()).removeprefix("the "))
    if i >= 0:
        return i
    own = [t for t in content_terms(option) if t not in set(content_terms(other))]
    for word in own:  # "annual India–Cyprus trade": "trade" when "annual" is not said
        for t in _VERB_TOKEN.finditer(s.text):
            if stem(fold(t.group(0))) == word:
                return t.start()
    return None


def find_choice(s: SentenceView, part: Part) -> list[Span]:
    """``A or B?``: the option the sentence supports (larger number, winner, rise or fall)."""
    q = s.question.strip()
    if _RISE_OR_FALL.search(q):
        pct = _PCT_CHANGE.search(s.text)
        word = "rose" if _UP.search(s.text) else "fell" if _DOWN.search(s.text) else None
        if pct:
            word = "fell" if _DOWN.search(pct.group(1)) else "rose"
            # with the level it reached, before or after: "rose, 15.1 billion US dollars in
            # 2024, up 23.8 percent"
            a, b = pct.start(), _tail(s.text, pct.end())
            level = [n for n in _numbers(s) if re.search(r"illion|[$€£¥]|USD", n[2])]
            near = [n for n in level if 0 <= a - n[1] <= 60 or 0 <= n[0] - b <= 40]
            if near:
                n = min(near, key=lambda n: min(abs(a - n[1]), abs(n[0] - b)))
                a, b = min(a, n[0]), max(b, _tail(s.text, n[1]))
            said = _first_words(f"{word}, {s.text[a:b].strip(' ,')}", ANSWER_WORDS)
            return [Span(a, b, said, 2.0)]
        prior = _FROM_LEVEL.search(s.text)
        if word and prior:  # "It rose, to about 35 percent from about 2 percent"
            level = [n for n in _numbers(s) if n[1] <= prior.start()]
            to = f" to {level[-1][2]}" if level else ""
            said = _first_words(f"It {word},{to} from {prior.group(1)}", ANSWER_WORDS)
            return [Span(0, 0, said, 1.5)]
        moved = (_UP if word == "rose" else _DOWN).search(s.text) if word else None
        reached = _TO_AMOUNT.match(s.text, moved.end()) if moved else None
        if word and reached:  # "fell to about 1.3 billion dollars": the level it reached
            said = _first_words(f"It {word}, {reached.group(1)}", ANSWER_WORDS)
            return [Span(0, 0, said, 1.5)]
        return [Span(0, 0, f"It {word}", 1.0)] if word else []
    verb = _UP_OR_DOWN.search(q)
    if verb:  # "did Seoul raise or cut its pledge": the direction the sentence states
        up, down = _UP.search(s.text), _DOWN.search(s.text)
        hit = up or down
        if hit is not None and bool(up) != bool(down):
            # the sentence's own word, with the amount it went to: "raised it to 5 million"
            amount = re.search(
                r"\bto\s+((?:about|some|nearly|over)\s+)?\d[\d,.]*(?:\s+[a-z]+){0,2}",
                s.text[hit.end() :],
            )
            said = f"{hit.group(0)} it {amount.group(0)}" if amount else hit.group(0)
            return [Span(0, 0, said, 1.5)]
        return []
    than = _MORE_OR_LESS_THAN.search(q)
    if than:  # "were A's exports larger or smaller than its imports": A against B
        where = _located(s, [than.group(1), than.group(4)])
        values = None if any(w is None for w, _ in where) else option_values(s, where)
        if values is None or values[0] == values[1]:
            return []
        said = than.group(2) if values[0] > values[1] else than.group(3)
        return [Span(0, 0, _with_support(said, s, where), 5.0)]
    options = choice_options(q)
    if options is None:
        return []
    where = _located(s, options)
    pick = choose(s, where, q)
    if pick is not None:
        return [Span(0, 0, _with_support(options[pick], s, where), 5.0)]
    words_or = _WORDS_OR.search(q)
    if words_or is None or _MORE.search(q) or _LESS.search(q):
        return []  # "which was larger, A or B": a sentence naming one of them decides nothing
    # "did Vietnam run a trade surplus or deficit": the one word of the two the sentence says,
    # with its "of N"
    where = _located(s, [words_or.group(1), words_or.group(2)])
    stated = [(w, o) for w, o in where if w is not None]
    if len(stated) != 1:
        return []
    at, word = stated[0]
    of = _OF_AMOUNT.match(s.text, at)
    text = of.group(0) if of else word
    return [Span(at, at + len(text), text, 4.0)]


_TO_AMOUNT = re.compile(
    r"(?:\s+[a-z]+){0,2}?\s+(to\s+(?:about\s+|some\s+|nearly\s+|almost\s+|around\s+|over\s+)?"
    r"(?:US\$|\$|€|£)?\d[\d,.]*(?:\s+(?:million|billion|trillion))?(?:\s+(?:US\s+)?[a-z]+)?)"
)
_WORDS_OR = re.compile(r"\b([a-z]{4,})\s+or\s+(?:an?\s+)?([a-z]{4,})\b")
_OF_AMOUNT = re.compile(
    r"[a-z]+\s+of\s+(?:about\s+|nearly\s+|some\s+|over\s+|more\s+than\s+)?\S*\d[\d,.]*"
    r"(?:\s+(?:million|billion|trillion))?(?:\s+(?:dollars|euros|USD|percent))?"
)


def choose(s: SentenceView, where: list[tuple[int | None, str]], q: str) -> int | None:
    """Which of two options (located by :func:`_located`) the sentence supports: the larger
    (or smaller) number, the winner."""
    if any(w is None for w, _ in where) or where[0][0] == where[1][0]:
        return None
    nums = _numbers_plain(s)
    winner = _ASKS_WINNER.search(q) and not re.search(r"\bmore\b|\bmost\b|\bfewer\b", q)
    first = min(where, key=lambda x: x[0] or 0)  # "Slovenia defeated Belarus": the subject
    if not nums or _WIN.search(s.text) and (winner or not _MORE.search(q) and not _LESS.search(q)):
        return where.index(first)
    lo, hi = sorted(w or 0 for w, _ in where)
    if _BEAT.search(s.text, lo, hi):  # "A defeated B by 153 votes to 38": A has more
        return where.index(first) if not _LESS.search(q) else 1 - where.index(first)
    values = option_values(s, where)
    if values is None or values[0] == values[1]:
        return None
    return values.index(min(values) if _LESS.search(q) else max(values))


def option_values(s: SentenceView, where: list[tuple[int | None, str]]) -> list[float] | None:
    """The number the sentence gives each option ("A received 97", "24 percent for A", "A and B
    … 180 and 182 respectively", "A defeated B by 153 votes to 38"), or None."""
    spans = []
    for a, e, t in _numbers_plain(s):  # "150 million" against "15 billion": scaled
        scale = re.match(r"\s*(thousand|million|mn|billion|bn|trillion)\b", s.text[e:], re.I)
        spans.append(
            (a, e, float(t.replace(",", "")) * (_SCALE[scale.group(1).lower()] if scale else 1))
        )
    money = [x for x in spans if _MONEY_AFTER.match(s.text, x[1])]
    if len(money) >= 2:  # amounts against amounts, not "5,000 missiles" against a loan
        spans = money
    nums = [(a, v) for a, _, v in spans]
    pos = sorted(w for w, _ in where if w is not None)
    to = _N_TO_M.search(s.text, max(pos))
    if len(pos) == 2 and to and not any(pos[0] < a < pos[1] for a, _ in nums):
        ordered = [float(to.group(1).replace(",", "")), float(to.group(2).replace(",", ""))]
        return [ordered[pos.index(w)] for w, _ in where]  # type: ignore[arg-type]
    respectively = "respectively" in s.text.lower()
    values: list[float] = []
    for w, _ in where:
        if respectively:  # "A and B ... received 180 and 182 votes respectively"
            order = pos.index(w)  # type: ignore[arg-type]
            after = [v for a, v in nums if a > max(pos)]
            if order >= len(after):
                return None
            values.append(after[order])
        else:  # "X received 97", or "24 percent for X": the number bound to the option
            # "24 percent for X", or a count right before it: "26 police officers"
            bound = [
                v
                for a, e, v in spans
                if _BIND.fullmatch(s.text[e : w or 0]) or (e < (w or 0) and not s.text[e:w].strip())
            ]
            # the nearest number after the option, else one just before it ("a further 1.6
            # billion pounds in export finance")
            near = [(abs(a - (w or 0)), v) for a, _, v in spans if a > (w or 0)] or [
                ((w or 0) - e, v) for _, e, v in spans if 0 <= (w or 0) - e <= 40
            ]
            if not bound and not near:
                return None
            values.append(bound[-1] if bound else min(near)[1])
    return values


_NUM_UNIT = re.compile(
    r"\d[\d,]*(?:\.\d+)?(?:\s*(?:%|percent|per\s+cent))?(?:\s+(?:million|billion|trillion))?"
    r"(?:\s+(?!(?:and|or|to|in|on|at|the|last|this|while|from|for|against|with)\b)[a-z][\w-]*)?",
    re.I,
)
_LABEL = re.compile(r"[\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}")


def _scaled(text: str) -> float:
    """ "3 billion US" → 3e9: a number and the scale word after it, as option_values reads it."""
    toks = text.split()
    value = float(toks[0].rstrip("%").replace(",", ""))
    return value * _SCALE.get(toks[1].lower(), 1) if len(toks) > 1 else value


def _with_support(choice: str, s: SentenceView, where: list[tuple[int | None, str]]) -> str:
    """The choice with each option's number from the sentence, within ten content words:
    "Sierra Leone (Algeria 184 votes, Sierra Leone 188 votes)"; when both are too long, the
    chosen option's own number: "the loan, 2.26 billion pounds"."""
    values = option_values(s, where)
    if values is None:
        return choice
    parts: list[str] = []
    nums: list[str] = []
    for (w, _), v in zip(where, values, strict=True):
        label = _LABEL.match(s.text, w or 0)
        num = next(
            (m.group(0) for m in _NUM_UNIT.finditer(s.text) if _scaled(m.group(0)) == v),
            None,
        )
        if label is None or num is None:
            return choice
        parts.append(f"{label.group(0)} {num}")
        nums.append(num)
    both = f"{choice} ({', '.join(parts)})"
    own = [n for n, (_, o) in zip(nums, where, strict=True) if o == choice]
    for text in (both, f"{choice}, {own[0]}" if own else choice):
        if len([w for w in words(text) if w not in STOP]) <= ANSWER_WORDS:
            return text
    return choice


# "how many more votes did A receive than B", "by how many votes did A beat B": A's number less
# B's, both read from one sentence
_DIFF_NAMES = re.compile(r"\bdid\s+(.+?)\s+(?:\w+\s+){0,3}?(?:than|beat|defeat|outpoll\w*|exceed|"
                         r"surpass|lead|outnumber)\s+(.+?)(?:\s+(?:in|at|on|for|by|during|"
                         r"according)\b|[,?]|$)", re.I)  # fmt: skip
_DIFF_UNIT = re.compile(r"\bhow\s+many\s+(?:more|fewer|less)?\s*([a-z-]+)|\bby\s+how\s+many\s+"
                        r"([a-z-]+)", re.I)  # fmt: skip


def find_difference(s: SentenceView, part: Part) -> list[Span]:
    """``how many more votes did A get than B`` → "115 votes" (153 less 38), from one sentence
    that gives both numbers."""
    m = _DIFF_NAMES.search(part.text)
    if not m:
        return []
    options = [re.sub(r"['’]s$", "", m.group(1).strip()), m.group(2).strip()]
    where = [(_option_at(s, o), o) for o in options]
    if any(w is None for w, _ in where) or where[0][0] == where[1][0]:
        return []
    values = option_values(s, where)
    if values is None or values[0] == values[1]:
        return []
    unit = _DIFF_UNIT.search(part.text)
    noun = next((g for g in unit.groups() if g), "") if unit else ""
    diff = abs(values[0] - values[1])
    text = f"{diff:,.0f}" if diff == int(diff) else f"{diff:,.2f}"
    return [Span(0, 0, f"{text} {noun}".strip(), 2.0)]


# "Did A receive more votes than B?": a comparison asked as yes or no
_THAN = re.compile(
    r"\b(?:more|fewer|less|higher|lower|larger|smaller|bigger|greater)\b[^?]*?\bthan\b", re.I
)


def _compared(q: str) -> list[str] | None:
    """The two things a "more … than" question compares, first the one it asks about."""
    m = _THAN.search(q)
    if not m:
        return None
    before = sorted(find_names(q[: m.end()]))  # "more to Türkiye than": Türkiye is before
    after = sorted(find_names(q[m.end() :]))
    if before and after and before[-1][2] != after[0][2]:
        a, b = before[-1], after[0]
        names = [q[a[0] : a[1]], q[m.end() + b[0] : m.end() + b[1]]]
        return [re.sub(r"['’]s$", "", n) for n in names]  # "Japan's rate" → Japan
    # "did Iraq export more to Türkiye than it imported from it": the two phrases compared
    lead = re.match(
        r"\W*(?:did|does|do|was|were|is|are|has|have|had)\s+(.+)", q[: m.end() - 4], re.I
    )
    tail = re.match(r"\s*(.+?)(?:\s+(?:in|last|this|during|according)\b|[,?]|$)", q[m.end() :])
    if lead is None or tail is None:
        return None
    return [lead.group(1).strip(), tail.group(1).strip()]


def _numbers_plain(s: SentenceView) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", s.text)
            if not re.fullmatch(r"(?:19|20)\d\d", m.group(0))]  # fmt: skip


# "how did X change", "how did exports compare with imports": both numbers and what joins them
_CHANGE_VERB = re.compile(
    r"\b(?:r[oi]se|rising|grew|grow\w*|increas\w+|climb\w*|jump\w*|surg\w+|doubl\w+|tripl\w+|"
    r"f[ae]ll\w*|dropp?\w*|declin\w+|slipp?\w*|plung\w+|shr[iau]nk\w*|rais\w+|lift\w*|cut|"
    r"reduc\w+|lower\w*|expand\w*|widen\w*|narrow\w*|took|taking|brought|bringing|went|up|down)\b",
    re.I,
)
_JOIN = re.compile(
    r"^[^.;]{0,70}?(?:\bfrom\b|\bto\b|\bup\s+from\b|\bdown\s+from\b|\bcompared\s+(?:with|to)\b|"
    r"\bagainst\b|\bversus\b|\bvs\.?|\bwhile\b|\bwhereas\b|\bbut\b|\bthan\b)[^.;]{0,70}$",
    re.I,
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+|about\s+|around\s+)?$")


def find_trend(s: SentenceView, part: Part) -> list[Span]:
    """``how did the number of partners change`` → "rose from nine to 14": two numbers of the
    sentence joined by from/to, "up from", "compared with" or "while", with the verb before
    them; one number with a verb of change when the sentence has no pair."""
    nums = [(_currency_before(s.text, a), b, t) for a, b, t in _numbers(s)]
    out: list[Span] = []
    for (a1, b1, _), (a2, b2, _) in zip(nums, nums[1:], strict=False):
        if a2 - b1 > 90 or not _JOIN.match(s.text[b1:a2] + " "):
            continue
        verb = None
        for m in _CHANGE_VERB.finditer(s.text, max(0, a1 - 60), a1):
            verb = m
        start = verb.start() if verb else a1
        from_m = _FROM_BEFORE.search(s.text[max(0, a1 - 20) : a1])
        if not verb and from_m:
            start = a1 - len(from_m.group(0))
        end = _tail(s.text, b2)
        text = s.text[start:end].strip(" ,")
        if len(content_terms(text)) > ANSWER_WORDS:  # the two numbers with their nouns alone
            text = f"{s.text[a1 : _tail(s.text, b1)].strip(' ,')}; {s.text[a2:end].strip(' ,')}"
        kept = _first_words(text, ANSWER_WORDS)
        score = 3.0 + (1.0 if verb else 0.0) + 0.5 * _near_terms(s, part, a1, end, 45)
        score += _year_fit(s, a1, end)
        out.append(Span(start, start + len(kept), kept, score))
    if not out:
        for a, b, _ in nums:
            verb = None
            for m in _CHANGE_VERB.finditer(s.text, max(0, a - 40), a):
                verb = m
            if verb is None:
                continue
            end = _tail(s.text, b)
            kept = _first_words(s.text[verb.start() : end].strip(" ,"), ANSWER_WORDS)
            score = 1.5 + 0.5 * _near_terms(s, part, a, end, 45)
            out.append(Span(verb.start(), verb.start() + len(kept), kept, score))
    return out


def _currency_before(text: str, a: int) -> int:
    """A currency written before a number that the number pattern does not know: "KSh 48"."""
    m = re.search(r"\b(?:[A-Z][A-Za-z]{0,3}\$?|Rs\.?|RM|Rp|NT\$|S\$|A\$|HK\$)\s?$", text[:a])
    return m.start() if m and not text[m.start() : a].strip().istitle() else a


def _first_words(text: str, n: int) -> str:
    """``text`` cut after its n-th content word."""
    count = 0
    for m in re.finditer(r"\S+", text):
        if content_terms(m.group(0)):
            count += 1
            if count == n:
                return text[: m.end()].rstrip(" ,")
    return text


_DURATION = re.compile(
    r"\b(?:(?:about|around|some|nearly|almost|over|more\s+than)\s+)?"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few)"
    r"[\s-](?:minute|day|week|month|year|hour|decade)s?\b(?:[\s-]long)?"
    r"(?:\s+(?!and\b|to\b|in\b|of\b)"
    r"[a-z]+){0,2}",
    re.I,
)


def find_duration(s: SentenceView, part: Part) -> list[Span]:
    """``how long was the visit`` → "three-day state visit": a length in days to decades."""
    return [
        Span(m.start(), m.end(), m.group(0), 1.0 + 0.5 * _near_terms(s, part, m.start(), m.end()))
        for m in _DURATION.finditer(s.text)
        if not s.in_question(m.group(0))
    ]


def _weak(spans: list[Span], s: SentenceView, part: Part) -> list[Span]:
    """A fallback's spans, scored below any a finder of the asked kind gives; none for a part
    of a question that asks for more ("at which event and in which city")."""
    if part.text.strip().rstrip("?") != s.question.strip().rstrip("?"):
        return []
    return [Span(x.start, x.end, x.text, 0.3 * x.score) for x in spans]


FINDERS: dict[str, Callable[[SentenceView, Part], list[Span]]] = {
    "when": find_when,
    "quantity": find_quantity,
    "change": find_quantity,
    "who": find_who,
    "where": find_where,
    "event": lambda s, part: find_event(s, part) or _weak(find_object(s, part), s, part),
    "ordinal": find_ordinal,
    "term": find_term,
    "tier": find_tier,
    "country": find_countries,
    "which": find_which_or_object,
    "yes_no": find_yes_no,
    "why": find_reason,
    "choice": find_choice,
    "describe": find_description,
    "duration": find_duration,
    "difference": find_difference,
    "how": find_means,
    "respond": find_response,
    "trend": find_trend,
}


# -- the last resort: the sentence's new words ----------------------------------------------------
_RESIDUAL_BREAK = re.compile(r"[;:()]|\s[–—-]\s|\s(?:while|whereas|but)\s|,\s(?:which|who)\s")
_RESIDUAL_EDGE = frozenset(
    """a an the of in on at to for by with from into as and or that which who it its their
    his her was were is are had has have will would said says also been be""".split()
)
_REPORTING = re.compile(r"\b(?:said|says|told|added|according)\b", re.I)
RESIDUAL_WORDS = 10  # at most this many content words in a last-resort answer


def _asked_word(s: SentenceView, w: str) -> bool:
    f = fold(w)
    return f not in STOP and (stem(f) in s.q_stems or s.in_question(w))


def find_residual(s: SentenceView, part: Part) -> list[Span]:
    """The longest run of the sentence's words that the question does not say, within one
    clause: the answer a free-form "what did Japan pledge" asks for when no finder of the asked
    kind finds one. Scored low; used only when nothing else answers."""
    breaks = [m.start() for m in _RESIDUAL_BREAK.finditer(s.text)]
    toks = [(t.start(), t.end(), t.group(0)) for t in re.finditer(r"[\w$€£][\w'’.$%-]*", s.text)]
    asked = [_asked_word(s, w) for _, _, w in toks]
    out: list[Span] = []
    run: list[int] = []  # indices of the run's tokens

    def edge(k: int) -> bool:
        return fold(toks[k][2]).strip(".'’") in _RESIDUAL_EDGE or asked[k]

    def close() -> None:
        while run and edge(run[0]):
            run.pop(0)
        kept = [k for k in run if fold(toks[k][2]) not in ANSWER_FILLER]
        if len(kept) > RESIDUAL_WORDS:  # the first ten words that count
            del run[run.index(kept[RESIDUAL_WORDS]) :]
        while run and edge(run[-1]):
            run.pop()
        new = [k for k in run if fold(toks[k][2]).strip(".'’") not in STOP]
        if len(new) >= 2:
            a, b = toks[run[0]][0], toks[run[-1]][1]
            text = s.text[a:b].rstrip(".,")
            if not _REPORTING.search(text):  # "the ministry said it would": no answer
                out.append(Span(a, a + len(text), text, 0.1 * len(new)))
        run.clear()

    last = 0
    for i, (a, b, _) in enumerate(toks):
        if any(last <= x < a for x in breaks):
            close()
        last = b
        # one asked word between new ones stays in the run ("a summit with Japan and Korea")
        inside = run and i + 1 < len(toks) and not asked[i + 1] and not asked[i - 1]
        if asked[i] and not inside:
            close()
            continue
        run.append(i)
    close()
    return out
