"""Tests for diplograph.evaluation: matching rules, counting, and parity with the reference."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from diplograph.evaluation import (
    EvalReport,
    LevelScore,
    load_gold,
    normalize_sentence,
    score,
    score_dirs,
    sentences_match,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REFERENCE = SHARED / "tools" / "score.py"
NEWS_GOLD = SHARED / "corpus" / "news-gold"

S_VISIT = "The foreign minister of Ruritania paid an official visit to Freedonia on 4 April 2023."
S_MEET = "Leaders of Ruritania and Freedonia held talks in the capital on Tuesday."
S_FIG = "Exports of the two partners reached 12.5 billion dollars in 2022, officials said."
S_REL = "Ruritania and Freedonia lifted their ties to a strategic partnership last spring."


def ev(
    sentence: str, type_: str, src: str, tgt: str | None, date: str | None = None
) -> dict[str, Any]:
    """A predicted event in export shape (actors as objects with a code)."""
    return {
        "doc": "d1",
        "sentence": sentence,
        "type": type_,
        "source": {"code": src, "name": src},
        "target": None if tgt is None else {"code": tgt, "name": tgt},
        "date": date,
    }


def gold_doc(**lists: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    base: dict[str, Any] = {"doc": "d1", "events": [], "figures": [], "relations": []}
    base.update(lists)
    return {"d1": base}


GOLD_VISIT = {
    "sentence": S_VISIT,
    "type": "VISIT",
    "source": "RUR",
    "target": "FRE",
    "date": "2023-04",
}
GOLD_MEET = {"sentence": S_MEET, "type": "MEET", "source": "RUR", "target": "FRE", "date": None}
GOLD_VALUE = 12_500_000_000
GOLD_FIG = {"sentence": S_FIG, "value": GOLD_VALUE, "unit": "USD"}
GOLD_REL = {"sentence": S_REL, "a": "RUR", "b": "FRE", "level": "strategic partnership"}


def counts(report: EvalReport, level: str) -> tuple[int, int, int]:
    s = report[level]
    return s.tp, s.predicted, s.gold


# --- sentences -------------------------------------------------------------------------------


def test_normalize_sentence_quotes_whitespace_accents_case() -> None:
    raw = "  \u201cHa\u0300 No\u0323i\u201d  is\n\tthe  country\u2019s CAPITAL "
    assert normalize_sentence(raw) == '"ha noi" is the country\'s capital'
    assert normalize_sentence(None) == ""


def test_sentences_match_normalised_and_containment() -> None:
    assert sentences_match("The envoy\u2019s  visit ended.", "the ENVOY'S visit ended.")
    assert sentences_match(S_VISIT, "Prefix text. " + S_VISIT + " Suffix text.")
    assert sentences_match(S_VISIT[:40], S_VISIT)
    assert not sentences_match("", S_VISIT)
    assert not sentences_match(S_VISIT, S_MEET)


def test_sentences_match_word_overlap_threshold() -> None:
    # 3 shared words of 5 distinct in total: overlap 0.6, accepted.
    assert sentences_match("alpha beta gamma delta", "alpha beta gamma epsilon")
    # 3 shared of 6: 0.5, rejected.
    assert not sentences_match("alpha beta gamma delta", "alpha beta gamma epsilon zeta")


# --- events ----------------------------------------------------------------------------------


def test_event_levels_positive_and_wrong_type() -> None:
    gold = gold_doc(events=[GOLD_VISIT])
    ok = score(gold, [ev(S_VISIT, "VISIT", "RUR", "FRE", "2023-04-04")], [], [])
    for level in ("events.type", "events.type+actors", "events.full"):
        assert counts(ok, level) == (1, 1, 1)
    bad = score(gold, [ev(S_VISIT, "MEET", "RUR", "FRE", "2023-04")], [], [])
    assert counts(bad, "events.type") == (0, 1, 1)


def test_either_order_for_meet_but_not_visit() -> None:
    meet = score(gold_doc(events=[GOLD_MEET]), [ev(S_MEET, "MEET", "FRE", "RUR")], [], [])
    assert counts(meet, "events.type+actors") == (1, 1, 1)
    visit = score(gold_doc(events=[GOLD_VISIT]), [ev(S_VISIT, "VISIT", "FRE", "RUR")], [], [])
    assert counts(visit, "events.type") == (1, 1, 1)
    assert counts(visit, "events.type+actors") == (0, 1, 1)


def test_null_target() -> None:
    gold = gold_doc(events=[{**GOLD_VISIT, "target": None}])
    assert (
        score(gold, [ev(S_VISIT, "VISIT", "RUR", None, "2023-04")], [], [])["events.full"].tp == 1
    )
    assert score(gold, [ev(S_VISIT, "VISIT", "RUR", "FRE")], [], [])["events.type+actors"].tp == 0


@pytest.mark.parametrize(
    ("gold_date", "pred_date", "hit"),
    [
        ("2023-04", "2023-04-12", True),
        ("2023-04", "2023-04", True),
        ("2023-04-12", "2023-04", False),
        ("2023-04", "2023-05", False),
        ("2023-04", None, False),
        (None, "2023", True),
        (None, None, True),
    ],
)
def test_date_prefix(gold_date: str | None, pred_date: str | None, hit: bool) -> None:
    gold = gold_doc(events=[{**GOLD_VISIT, "date": gold_date}])
    report = score(gold, [ev(S_VISIT, "VISIT", "RUR", "FRE", pred_date)], [], [])
    assert report["events.type+actors"].tp == 1
    assert report["events.full"].tp == int(hit)


def test_greedy_one_to_one_and_by_type() -> None:
    gold = gold_doc(events=[GOLD_VISIT, GOLD_MEET])
    preds = [ev(S_VISIT, "VISIT", "RUR", "FRE")] * 2 + [ev(S_MEET, "MEET", "RUR", "XXX")]
    report = score(gold, preds, [], [])
    assert counts(report, "events.type") == (2, 3, 2)
    assert counts(report, "events.type+actors") == (1, 3, 2)
    assert list(report.by_type) == ["MEET", "VISIT"]
    assert (report.by_type["VISIT"].tp, report.by_type["VISIT"].predicted) == (1, 2)
    assert report.by_type["MEET"].tp == 0


# --- figures and relations -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factor", "hit"), [(1.0, True), (1.003, True), (0.997, True), (1.01, False), (0.99, False)]
)
def test_value_tolerance(factor: float, hit: bool) -> None:
    pred = {"doc": "d1", "sentence": S_FIG, "value": GOLD_VALUE * factor, "unit": "USD"}
    report = score(gold_doc(figures=[GOLD_FIG]), [], [pred], [])
    assert report["figures.value"].tp == int(hit)
    assert report["figures.value+unit"].tp == int(hit)


def test_unit_must_match_only_at_unit_level() -> None:
    pred = {"doc": "d1", "sentence": S_FIG, "value": "12500000000", "unit": "percent"}
    report = score(gold_doc(figures=[GOLD_FIG]), [], [pred], [])
    assert counts(report, "figures.value") == (1, 1, 1)
    assert counts(report, "figures.value+unit") == (0, 1, 1)


def test_relation_pair_either_order_and_level() -> None:
    gold = gold_doc(relations=[GOLD_REL])
    swapped = {"doc": "d1", "sentence": S_REL, "a": "fre", "b": "RUR", "level": GOLD_REL["level"]}
    assert score(gold, [], [], [swapped])["relations.level"].tp == 1
    wrong = {**swapped, "level": "comprehensive partnership"}
    assert score(gold, [], [], [wrong])["relations.level"].tp == 0
    other = {**swapped, "b": "XXX"}
    assert score(gold, [], [], [other])["relations.level"].tp == 0


# --- documents, files, report ----------------------------------------------------------------


def test_empty_gold_list_is_fp_and_unscored_doc_ignored() -> None:
    gold = gold_doc(events=[GOLD_VISIT])
    stray = {**ev(S_VISIT, "VISIT", "RUR", "FRE"), "doc": "not-in-gold"}
    fig = {"doc": "d1", "sentence": S_FIG, "value": 1, "unit": "USD"}
    report = score(gold, [stray], [fig], [])
    assert counts(report, "events.type") == (0, 0, 1)
    assert counts(report, "figures.value") == (0, 1, 0)
    assert report["figures.value"].precision == 0.0
    assert report.documents == 1
    assert report.documents_with_predictions == 1


def test_score_dirs_missing_files_and_to_dict(tmp_path: Path) -> None:
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    (gold_dir / "d1.json").write_text(json.dumps(gold_doc(events=[GOLD_VISIT])["d1"]))
    (gold_dir / "d2.json").write_text(json.dumps({"events": [GOLD_MEET]}))  # doc from stem
    rows = [ev(S_VISIT, "VISIT", "RUR", "FRE", "2023-04-04"), {**GOLD_MEET, "doc": "d2"}]
    (pred_dir / "events.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    assert set(load_gold(gold_dir)) == {"d1", "d2"}
    report = score_dirs(gold_dir, pred_dir)
    assert counts(report, "events.full") == (2, 2, 2)
    assert counts(report, "figures.value") == (0, 0, 0)
    data = json.loads(json.dumps(report.to_dict()))
    assert list(data)[:6] == [s.level for s in report.levels]
    assert data["events.full"] == {"tp": 2, "pred": 2, "gold": 2, "p": 1.0, "r": 1.0, "f1": 1.0}
    assert data["docs_scored"] == 2
    assert "events.full" in report.format()


def test_level_score_zero_denominators() -> None:
    s = LevelScore("x", 0, 0, 0)
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    assert LevelScore("y", 1, 2, 4).f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


# --- parity with the reference scorer --------------------------------------------------------

_TYPES = ["VISIT", "MEET", "CALL", "AID", "CONFERENCE", "ELECTED", "SANCTION"]


def _sentence_variant(text: str, rng: random.Random) -> str:
    words = text.split()
    op = rng.randrange(5)
    if op == 0:  # split: keep one part of the sentence
        cut = max(1, len(words) // 2)
        return " ".join(words[:cut] if rng.random() < 0.5 else words[cut:])
    if op == 1:  # reword a few words (may stay above or fall below 60% overlap)
        return " ".join(w if rng.random() < 0.75 else "zz" + w for w in words)
    if op == 2:
        return "  " + text.replace("\u2019", "'").replace(" ", "\n ", 2).upper()
    return text


def _perturb(
    gold: dict[str, dict[str, Any]], rng: random.Random
) -> dict[str, list[dict[str, Any]]]:
    """Noisy predictions derived from gold records, in export shape."""
    out: dict[str, list[dict[str, Any]]] = {"events": [], "figures": [], "relations": []}
    for doc, g in gold.items():
        for e in g.get("events", []):
            if rng.random() < 0.15:
                continue
            p = copy.deepcopy(e) | {"doc": doc}
            p["sentence"] = _sentence_variant(e["sentence"], rng)
            src, tgt = e.get("source"), e.get("target")
            op = rng.randrange(7)
            if op == 0:
                p["type"] = rng.choice(_TYPES)
            elif op == 1:
                src, tgt = tgt, src
            elif op == 2:
                tgt = None
            elif op == 3:
                p["date"] = rng.choice([None, "1999", (e.get("date") or "2020") + "-01"])
            elif op == 4 and e.get("date"):
                p["date"] = e["date"][:4]
            p["source"] = {"code": src.lower() if src else src, "name": "x"}
            p["target"] = None if tgt is None else {"code": tgt, "name": "y"}
            out["events"].extend([p] * rng.choice([1, 1, 1, 2]))
        for f in g.get("figures", []):
            if rng.random() < 0.15:
                continue
            p = copy.deepcopy(f) | {"doc": doc}
            p["sentence"] = _sentence_variant(f["sentence"], rng)
            op = rng.randrange(6)
            if op == 0:
                p["value"] = f["value"] * 1.003
            elif op == 1:
                p["value"] = f["value"] * 1.01
            elif op == 2:
                p["unit"] = "count"
            elif op == 3:
                p["value"] = str(f["value"])
            out["figures"].append(p)
        for r in g.get("relations", []):
            p = copy.deepcopy(r) | {"doc": doc}
            op = rng.randrange(4)
            if op == 0:
                p["a"], p["b"] = r["b"], r["a"]
            elif op == 1:
                p["level"] = "special relationship"
            elif op == 2:
                p["sentence"] = _sentence_variant(r["sentence"], rng)
            out["relations"].append(p)
    docs = sorted(gold) + ["unscored-doc"]
    for _ in range(8):  # noise on gold docs (also those with empty lists) and an unscored doc
        doc = rng.choice(docs)
        out["events"].append(ev(f"Invented noise sentence {rng.random()}.", "MEET", "AAA", None))
        out["events"][-1]["doc"] = doc
        out["figures"].append({"doc": doc, "sentence": "Noise.", "value": 3, "unit": "people"})
    for rows in out.values():
        rng.shuffle(rows)
    return out


@pytest.mark.slow
@pytest.mark.skipif(not REFERENCE.exists() or not NEWS_GOLD.is_dir(), reason="no shared scorer")
@pytest.mark.parametrize("seed", range(4))
def test_matches_reference_scorer(tmp_path: Path, seed: int) -> None:
    preds = _perturb(load_gold(NEWS_GOLD), random.Random(seed))
    for kind, rows in preds.items():
        if kind == "relations" and seed % 2:
            continue  # missing file means no predictions
        text = "".join(json.dumps(r) + "\n" for r in rows)
        (tmp_path / f"{kind}.jsonl").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(REFERENCE), str(NEWS_GOLD), str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert score_dirs(NEWS_GOLD, tmp_path).to_dict() == json.loads(done.stdout)


def test_question_scoring_ignores_articles_common_prepositions_and_possessives():
    from diplograph.evaluation import answer_words, question_correct

    assert answer_words("The withdrawal of its troops and their families") == [
        "withdrawal",
        "troops",
        "families",
    ]
    assert answer_words("from Lima into Chile") == ["from", "lima", "into", "chile"]
    gold = {"answer": "1,000 soldiers and police officers", "evidence": "They sent 1,000 soldiers."}
    right = {"answer": "1,000 soldiers", "evidence": [{"sentence": "They sent 1,000 soldiers."}]}
    assert question_correct(gold, right) == (True, True)  # 3 of 5 words: 1, 000, soldiers
    wrong = {"answer": "1,000", "evidence": [{"sentence": "They sent 1,000 soldiers."}]}
    assert question_correct(gold, wrong) == (False, False)
