"""Split a document into text units: sentences, headlines, captions, list items, questions.

Units never cross a line break, so photo captions and list items stay on their own, and
every unit keeps exact character offsets into the document text.
"""

from __future__ import annotations

import re

from diplograph.models import Sentence

# Abbreviations that end with a period but do not end a sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "lt",
    "col",
    "capt",
    "sen",
    "rep",
    "gov",
    "st",
    "no",
    "nos",
    "vol",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "inc",
    "ltd",
    "co",
    "corp",
    "vs",
    "etc",
    "approx",
    "h.e",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "u.n",
    "u.s.a",
    "e.u",
    "p.m",
    "a.m",
    "jr",
    "sr",
    "est",
    "dept",
    "min",
    "rs",  # "Rs. 1,200 crore": rupees before an amount
}
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Ỹ])")
_DATELINE = re.compile(
    r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?\s*\|\s*)?\d{1,2}/\d{1,2}/\d{4}\s*$", re.I
)
_BULLET = re.compile(r"^\s*(?:[-•*–▪·]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_CAPTION_END = re.compile(
    r"(?:,|\()\s*(?:(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s*(?:\d{1,2},?\s*)?\d{4}|\d{4})\)?\s*\.?$"
)
_PHOTO = re.compile(r"\((?:Photo|Source|Photo:)[^)]*\)\s*$", re.I)


def _split_line(line: str) -> list[tuple[int, int]]:
    """Sentence spans inside one line, abbreviation-aware."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(line):
        before = line[start : m.start()].rstrip("\"'”’)]")
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        word = last.rstrip(".!?").lower()
        if last.endswith(".") and (word in _ABBREV or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word)):
            continue
        if len(line[start : m.start()].strip()) < 3:
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(line)))
    out = []
    for a, b in spans:
        seg = line[a:b]
        la = len(seg) - len(seg.lstrip())
        lb = len(seg.rstrip())
        if lb > la:
            out.append((a + la, a + lb))
    return out


def classify_line(line: str, index: int, has_title_line: bool) -> str:
    """Kind of a whole line: headline, dateline, caption, list_item, question or sentence."""
    stripped = line.strip()
    if index == 0 and has_title_line:
        return "headline"
    if _DATELINE.match(stripped):
        return "dateline"
    if _BULLET.match(stripped):
        return "list_item"
    if _CAPTION_END.search(stripped) or _PHOTO.search(stripped):
        return "caption"
    if stripped.endswith("?"):
        return "question"
    if not re.search(r"[.!?\"”:;]$", stripped) and len(stripped.split()) <= 18:
        return "heading"
    return "sentence"


def segment(text: str, has_title_line: bool = False) -> list[Sentence]:
    """Split ``text`` into units with exact offsets (``text[start:end] == unit.text``)."""
    units: list[Sentence] = []
    pos = 0
    first_content = True
    for raw in text.split("\n"):
        line_start = pos
        pos += len(raw) + 1
        if not raw.strip():
            continue
        kind = classify_line(raw, 0 if first_content else 1, has_title_line)
        first_content = False
        if kind in ("headline", "dateline", "heading"):
            spans = [(len(raw) - len(raw.lstrip()), len(raw.rstrip()))]
        else:
            spans = _split_line(raw)
        for k, (a, b) in enumerate(spans):
            sub_kind = kind
            if kind == "list_item" and k > 0:
                sub_kind = "sentence"
            if kind in ("caption", "question") and len(spans) > 1:
                sub_kind = kind if k == len(spans) - 1 else "sentence"
            units.append(
                Sentence(
                    idx=len(units),
                    start=line_start + a,
                    end=line_start + b,
                    text=raw[a:b],
                    kind=sub_kind,
                )
            )
    return units
