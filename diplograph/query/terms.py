"""Words of questions and sentences: folding, stop words and a light English stemmer."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib import resources

STOP = frozenset(
    """a an the of in on at to and or for by with from as into about than that this these those
    its his her their our your my it he she they we you i is are was were be been being do does
    did has have had will would shall should can could may might must what which who whom whose
    when where why how many much there here also not no so if then but after before during while
    according said says according per s""".split()
)
QUESTION_WORDS = frozenset(
    "what which who whom whose when where why how many much number name full date dates".split()
)
_IRREGULAR = {
    "met": "meet",
    "held": "hold",
    "paid": "pay",
    "made": "make",
    "led": "lead",
    "won": "win",
    "sent": "send",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "told": "tell",
    "brought": "bring",
    "went": "go",
    "came": "come",
    "began": "begin",
    "chose": "choose",
    "chosen": "choose",
    "ties": "tie",
    "talks": "talk",
}
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)


_VIET_NAM = re.compile(r"\bviet\s+nam\b")
_WORD_PARTS = re.compile(r"[-'’]")


def fold(text: str) -> str:
    """Lower-case, strip diacritics and normalise quotes (``Sơn`` → ``son``).

    ASCII text has no diacritics to strip, so it skips the Unicode decomposition (4x faster).
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _VIET_NAM.sub("vietnam", text.replace("’", "'").lower())


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """A crude suffix stripper, enough to match "elected" with "elect", "visits" with "visit"."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix, repl, min_len in (
        ("ies", "y", 5),
        ("ing", "", 6),
        ("ied", "y", 5),
        ("ed", "", 5),
        ("es", "", 6),
        ("s", "", 4),
    ):
        if w.endswith(suffix) and len(w) >= min_len and not w.endswith("ss"):
            w = w[: -len(suffix)] + repl
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "ls":
        w = w[:-1]  # "summoned" → "summon", "planned" → "plan"
    return w.rstrip("e") if len(w) > 4 else w


def words(text: str) -> list[str]:
    """All word tokens of ``text`` after folding; hyphenated words are split."""
    return [p for t in _WORD.findall(fold(text)) for p in _WORD_PARTS.split(t) if p]


def content_terms(text: str) -> list[str]:
    """Stems of the content words of ``text`` (no stop or question words), in order."""
    return list(_content_terms(text))


@lru_cache(maxsize=50_000)
def _content_terms(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(text) if w not in STOP and w not in QUESTION_WORDS)


_AUX_Q = re.compile(r"\b(?:did|does|do|will|would|was|were|is|are|has|have|had)\s+", re.I)


_PAST_IRREGULAR = "|".join(
    sorted((w for w, b in _IRREGULAR.items() if w != b and not w.endswith(("ed", "s"))), key=len)[
        ::-1
    ]
)


def predicate_terms(question: str) -> set[str]:
    """Stems of the question's main verb(s): "Whom did Beijing summon" → {"summon"}."""
    out: set[str] = set()
    m = re.match(
        rf"\s*(?:(?:according\s+to|per)\s[^,?]{{1,80}},\s*)?(?:which|what|who)\s+"
        rf"(?:[\w-]+\s+){{0,4}}?([a-z]+ed|{_PAST_IRREGULAR})\b",
        question,
        re.I,
    )  # "which government held up …": held
    if m:
        out.add(stem(m.group(1)))
    for m in _AUX_Q.finditer(question):
        for w in question[m.end() :].split()[:9]:
            w = w.strip(",.?")
            if (
                w[:1].isupper()
                or w[:1].isdigit()  # "did Putin's November 2015 decree end": not "2015"
                or fold(w) in STOP
                or _SUBJECT_NOUN.fullmatch(fold(w))
            ):
                continue  # "did the Brazilian and Vietnamese presidents witness": witness
            out.add(stem(fold(w)))
            break
    tail = tail_verb(question)
    return out | {tail} if tail else out


def tail_verb(question: str) -> str | None:
    """The stem of a verb that closes the question after a clause: "What will the grant,
    announced during the visit, improve?" → "improv" (the words after "will" are its subject)."""
    tail = re.search(r",\s+([a-z]{3,})\s*\?\s*$", question)
    if tail and _AUX_Q.search(question) and fold(tail.group(1)) not in STOP:
        return stem(fold(tail.group(1)))
    return None


# words of a question's subject (its numbers and head nouns), never its verb
_SUBJECT_NOUN = re.compile(
    r"two|three|four|five|both|all|each|other|(?:president|minister|leader|official|side|countr(?:y|ie)|government|ministr(?:y|ie)|"
    r"state|nation|part(?:y|ie)|delegation|force|navy|navie|arm(?:y|ie)|office|envoy|"
    r"ambassador|counterpart|chief|head|premier|spokesperson|spokesm[ae]n|bloc|member)s?"
)


def name_terms(question: str) -> list[str]:
    """Stems of the names in a question: capitalised words after the first, no months."""
    toks = re.findall(r"[^\W_]+(?:[-'’.][^\W_]+)*", question)
    out = []
    for i, t in enumerate(toks):
        if i > 0 and t[:1].isupper():
            out += [
                stem(w)
                for w in words(t)
                if len(w) > 1 and w not in STOP and w not in QUESTION_WORDS and w not in _CALENDAR
            ]
    return out


_CALENDAR = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday""".split()
)


@lru_cache(maxsize=1)
def demonym_aliases() -> dict[str, str]:
    """Stem of a demonym → stem of its country's name ("lebanes" → "lebanon")."""
    out: dict[str, str] = {}
    path = resources.files("diplograph.data") / "gazetteer" / "countries.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = words(row["name"])
            if len(name) != 1:
                continue
            for dem in (row.get("demonyms") or "").split(";"):
                if dem.strip() and len(words(dem)) == 1:
                    out[stem(words(dem)[0])] = stem(name[0])
    return out


# "according to the VNA report of March 2026": when the source wrote, not what it is about
_SOURCE_REPORT = re.compile(
    r"\b(?:according\s+to|per|in|as\s+(?:reported|noted)\s+(?:by|in))\s+[^,?]*?\b(?:report|"
    r"article|statement|story|release|review|readout|message|announcement)s?\b[^,?]*",
    re.I,
)


YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a year written in a question or a sentence


def asked_years(question: str) -> set[str]:
    """The years a question is about, not the year of the report it cites."""
    return set(YEAR.findall(_SOURCE_REPORT.sub(" ", question)))
