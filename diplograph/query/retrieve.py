"""Candidate sentences for a question: BM25 over the full-text index, then a term-overlap rerank.

BM25 (an OR query of stemmed prefixes) picks the documents; every sentence of those documents is
then scored by the IDF-weighted question terms it shares, plus a share of its predecessor's
score and of the title's (pronouns: "He met ..." after "Minister Son ..."), plus a small bonus
for the lead of an article, where news states its facts first.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from diplograph.query.names import capital_actors, display, find_names
from diplograph.query.terms import (
    YEAR,
    asked_years,
    content_terms,
    demonym_aliases,
    name_terms,
    predicate_terms,
    words,
)
from diplograph.store import Filters, Store

SKIP_KINDS = frozenset({"headline", "dateline", "heading", "related"})
TOP_DOCS = 6
YEAR_DOCS = 4  # documents published in a year the question asks about, beyond TOP_DOCS
OUTLET_DOCS = 200  # an outlet's documents looked at when a question names it
PREV_WEIGHT = 0.45
TITLE_WEIGHT = 0.25


@dataclass
class Candidate:
    """One sentence that may hold the answer, with its retrieval score."""

    doc_id: str
    idx: int
    start: int
    end: int
    text: str
    score: float
    coverage: float  # share of the question's term weight found in the sentence or its context
    doc_coverage: float  # the same share for the whole document and its title
    name_coverage: float = 1.0  # share of the question's names and years found in the document
    other_year: bool = False  # the question asks about a year the document never speaks of
    published: str | None = None
    title: str | None = None


def _match(term: str, vocab: set[str]) -> bool:
    if term in vocab:
        return True
    alias = demonym_aliases().get(term)
    if alias and alias in vocab:
        return True
    return len(term) >= 5 and any(_close(term, v) for v in vocab)


@lru_cache(maxsize=100_000)
def _close(term: str, word: str) -> bool:
    """Same word up to a short suffix: "korea"/"korean", "elect"/"election"."""
    return (
        len(word) >= 5
        and abs(len(word) - len(term)) <= 3
        and (word.startswith(term) or term.startswith(word))
    )


# on a large store, a term in more sentences than this share is left out of the FTS query
COMMON_SHARE = 0.05


def _fts_tokens(terms: list[str]) -> list[str]:
    """The FTS5 form of each term: a prefix (``term*``) from 4 letters on, else exact."""
    return [t + "*" if len(t) >= 4 else t for t in dict.fromkeys(terms)]


def outlets_in(question: str, outlets: list[str]) -> list[str]:
    """The stored outlets a question names ("according to Tuoi Tre", "per VNA")."""
    q = " " + " ".join(words(question)) + " "
    hits = {
        o: max((f for f in outlet_forms(o) if f" {f} " in q), key=len, default="") for o in outlets
    }
    hits = {o: f for o, f in hits.items() if f}
    if not hits:
        return []
    # "MFA", "ministry of foreign affairs": a form many outlets share names one only with its
    # state ("the Turkish MFA"), else none
    shared = Counter(f for o in outlets for f in outlet_forms(o))
    if any(shared[f] >= GENERIC_FORM_OUTLETS for f in hits.values()):
        asked = {code for _, _, code in find_names(question)}
        hits = {
            o: f
            for o, f in hits.items()
            if shared[f] < GENERIC_FORM_OUTLETS or asked & {c for _, _, c in find_names(o)}
        }
    # "Vietnam News Agency" in the question is not also "Viet Nam News"
    return [
        o
        for o, f in hits.items()
        if not any(f != g and f" {f} " in f" {g} " for g in hits.values())
    ]


GENERIC_FORM_OUTLETS = 3  # outlets sharing a form make it generic


# trailing words a question leaves out of an outlet's name ("Voice of Vietnam Online")
_OUTLET_TAIL = {"online", "news", "newspaper", "daily", "magazine", "portal", "report", "com"}


@lru_cache(maxsize=4096)
def outlet_forms(outlet: str) -> frozenset[str]:
    """How a question may name an outlet: in full, before its comma, without a generic tail
    word, by its acronym in brackets ("(VNA)") or standing alone ("ANTARA News"), or by its
    initials ("Ministry of External Affairs, India" → "mea"; "Voice of Vietnam Online" →
    "vov"). A shortened form keeps two words, and a country or body's name ("ASEAN Wire")
    is never an outlet's form."""
    forms = {" ".join(w for w in words(outlet) if w != "the")}
    acronyms = re.findall(r"\b[A-Z]{3,6}\b", outlet)  # "(VNA)", "ANTARA News"
    forms |= {a.lower() for a in acronyms if not find_names(a)}
    base = re.findall(r"[^\W\d_]+", re.sub(r"\(.*?\)", " ", outlet.split(",")[0]))
    base = [w for w in base if w.lower() != "the"]
    if len(base) > 2 and base[-1].lower() in _OUTLET_TAIL:
        base = base[:-1]
    short = " ".join(words(" ".join(base)))
    if len(short.split()) >= 2:
        forms.add(short)
    lead = re.split(r"\s+of\s+the\s+", outlet.split(",")[0])[0]  # "… of the Republic of X"
    head = [w for w in re.findall(r"[^\W\d_]+", lead) if w.lower() != "the"]
    for ws in (base, head) if len(head) < len(base) else (base,):
        if len(ws) >= 3:
            forms.add("".join(w[0] for w in ws if w[0].isupper()).lower())  # MEA
            forms.add("".join(w[0] for w in ws).lower())  # VOV
    return frozenset(f for f in forms if len(f) >= 3)


_MONTHS = "january february march april may june july august september october november december"


def _published_terms(published: str) -> str:
    """The publication year and month name: "on Tuesday" is in that month of that year."""
    month = published[5:7]
    name = _MONTHS.split()[int(month) - 1] if month.isdigit() and 1 <= int(month) <= 12 else ""
    return f"{published[:4]} {name}"


def _doc_years(text: str, published: str) -> set[str]:
    """Years a document speaks of: those it writes, its publication year, and the years its
    "last year" and "next year" mean."""
    years = set(YEAR.findall(text))
    if published[:4].isdigit():
        pub = int(published[:4])
        years.add(str(pub))
        if re.search(r"\blast\s+year\b|\ba\s+year\s+(?:ago|earlier)\b", text, re.I):
            years.add(str(pub - 1))
        if re.search(r"\bnext\s+year\b", text, re.I):
            years.add(str(pub + 1))
    return years


def question_names(question: str) -> tuple[str, list[str]]:
    """The question with its country/organisation names cut out, and their codes; a capital
    that stands for its state in a question that names no state ("did Wellington and Jakarta
    launch …") adds its state's code and keeps its word (a sentence may name either)."""
    spans = find_names(question)
    rest = question
    for a, b, _ in reversed(spans):
        rest = rest[:a] + " " + rest[b:]
    capitals = (  # only where no state is named by name: else the capital may be a place
        [] if spans else [code for _, _, code in capital_actors(question)]
    )
    return rest, list(dict.fromkeys([*(code for _, _, code in spans), *capitals]))


def retrieve(store: Store, question: str, limit: int = 12) -> list[Candidate]:
    """The ``limit`` best sentences for ``question``, best first.

    Names of states and bodies are matched by code (the store's actor mentions), so "the U.S.",
    "US" and "United States" find the same sentences.
    """
    rest, codes = question_names(question)
    word_terms = list(dict.fromkeys(content_terms(rest)))
    q_terms = word_terms + [f"@{c}" for c in codes]
    if not q_terms:
        return []
    fts = word_terms + [t for c in codes for t in content_terms(display(c))]
    tokens = _fts_tokens(fts)
    common = store.common_terms(tokens, COMMON_SHARE)
    rare = [t for t in tokens if t not in common]
    # names still count below, through the mentions; with no rare word, every word is needed
    mode = "or" if len(rare) >= 2 or not common else "and"
    tokens = rare if len(rare) >= 2 else tokens
    hits = store.search(" ".join(tokens), Filters(limit=80), mode=mode)
    doc_score: dict[str, float] = {}
    for h in hits:
        doc_score[h["doc_id"]] = doc_score.get(h["doc_id"], 0.0) - float(h["score"])
    ranked = sorted(doc_score, key=lambda d: -doc_score[d])
    docs = ranked[:TOP_DOCS]
    named = outlets_in(question, store.outlets())
    if named:  # the outlet the question names: its documents first, best matching first
        by_outlet = [d for o in named for d in store.docs_by_outlet(o, OUTLET_DOCS)]
        rank = {d: i for i, d in enumerate(ranked)}
        first = sorted(dict.fromkeys(by_outlet), key=lambda d: rank.get(d, len(rank)))[:TOP_DOCS]
        docs = first + [d for d in docs if d not in first][: max(0, TOP_DOCS - len(first))]
    meta: dict[str, dict[str, object]] = {}  # each document's row, read once
    years = asked_years(question)
    if years:  # the next documents published in an asked year get places beyond TOP_DOCS
        later = [d for d in ranked[TOP_DOCS : 3 * TOP_DOCS] if d not in docs]
        meta.update({d: store.get_document(d) or {} for d in later})
        docs += [d for d in later if str(meta[d].get("published") or "")[:4] in years][:YEAR_DOCS]
    pool: list[tuple[str, dict[str, object], list[str]]] = []
    doc_codes: dict[str, set[str]] = {}
    doc_text: dict[str, list[str]] = {}
    for d in docs:
        if d not in meta:
            meta[d] = store.get_document(d) or {}
        by_sent: dict[int, set[str]] = {}
        for mention in store.mentions(d):
            by_sent.setdefault(int(mention["sent_idx"]), set()).add(f"@{mention['code']}")
        doc_codes[d] = {c for cs in by_sent.values() for c in cs}
        for s in store.sentences(d):
            toks = content_terms(str(s["text"])) + sorted(by_sent.get(int(str(s["idx"])), ()))
            pool.append((d, s, toks))
            doc_text.setdefault(d, []).append(str(s["text"]))
    if not pool:
        return []
    df: Counter[str] = Counter()
    for _, _, toks in pool:
        vocab = set(toks)
        for t in q_terms:
            if _match(t, vocab):
                df[t] += 1
    n = len(pool)
    idf = {t: math.log(1 + n / (df[t] + 0.5)) for t in q_terms}
    for v in predicate_terms(question):
        if v in idf:
            idf[v] *= 2.0
    total = sum(idf.values()) or 1.0
    bigrams = set(zip(q_terms, q_terms[1:], strict=False))
    own: list[float] = []
    matched: list[set[str]] = []
    for _, _, toks in pool:
        vocab = set(toks)
        m = {t for t in q_terms if _match(t, vocab)}
        bonus = sum(0.5 * idf[a] for a, b in zip(toks, toks[1:], strict=False) if (a, b) in bigrams)
        own.append(sum(idf[t] for t in m) + bonus)
        matched.append(m)
    title_terms = {  # the publication year is context too: "on Tuesday" is in that year
        d: set(
            content_terms(
                f"{meta[d].get('title') or ''} {meta[d].get('outlet') or ''} "
                f"{_published_terms(str(meta[d].get('published') or ''))}"
            )
        )
        # "according to APP": the outlet's initials name it too
        | {f for f in outlet_forms(str(meta[d].get("outlet") or "")) if " " not in f}
        for d in docs
    }
    doc_m: dict[str, set[str]] = {
        d: {t for t in q_terms if _match(t, title_terms[d] | doc_codes[d])} for d in docs
    }
    for (d, _, _), m in zip(pool, matched, strict=True):
        doc_m[d] |= m
    names = (set(name_terms(rest)) & set(q_terms)) | {f"@{c}" for c in codes}
    doc_years = {  # only when the question asks about a year
        d: _doc_years(" ".join(doc_text.get(d, ())), str(meta[d].get("published") or ""))
        for d in (docs if years else ())
    }
    out: list[Candidate] = []
    body_pos: Counter[str] = Counter()
    for i, (d, s, _) in enumerate(pool):
        if s["kind"] in SKIP_KINDS:
            continue
        pos = body_pos[d]
        body_pos[d] += 1
        prev_m = matched[i - 1] if i > 0 and pool[i - 1][0] == d else set()
        t_m = {t for t in q_terms if _match(t, title_terms[d])}
        score = own[i] + PREV_WEIGHT * sum(idf[t] for t in prev_m - matched[i])
        score += TITLE_WEIGHT * sum(idf[t] for t in t_m - matched[i] - prev_m)
        score += 0.6 if pos < 2 else 0.3 if pos < 4 else 0.0
        covered = matched[i] | prev_m | t_m
        out.append(
            Candidate(
                doc_id=d,
                idx=int(str(s["idx"])),
                start=int(str(s["start"])),
                end=int(str(s["end"])),
                text=str(s["text"]),
                score=score,
                coverage=sum(idf[t] for t in covered) / total,
                doc_coverage=sum(idf[t] for t in doc_m[d]) / total,
                name_coverage=len(names & doc_m[d]) / len(names) if names else 1.0,
                other_year=bool(years) and not years & doc_years[d],
                published=str(meta[d].get("published") or "") or None,
                title=str(meta[d].get("title") or "") or None,
            )
        )
    # a sentence of a document that never speaks of the asked year cannot be cited: the
    # sentences of the asked year fill the ``limit`` first
    out.sort(key=lambda c: (c.other_year, -c.score))
    return out[:limit]
