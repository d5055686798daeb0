"""Validate the annotated corpus: every label's sentence, codes, types, units and dates.

Runs on the standard library alone (annotators run it before the package is installed):
``python3 -m diplograph.corpus.validate corpus`` or ``make corpus-check``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplograph.vocabulary import EVENT_TYPES, TIERS

UNITS = frozenset(
    {
        "people",
        "flights",
        "votes",
        "countries",
        "count",
        "percent",
        "years",
        "tons",
        "rank",
        "doses",
    }
)
QUALIFIERS: frozenset[str | None] = frozenset(
    {"over", "more_than", "about", "nearly", "exactly", None}
)
LEVELS = frozenset(TIERS)
RELATION_KINDS = frozenset({"change", "status", "past", None})
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
PERIOD_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?(\.\.\d{4}(-(0[1-9]|1[0-2]))?)?$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
HEADER_KEYS = ("url", "outlet", "published", "title")
_GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
# Codes the guidelines name that are not ISO states in the gazetteer.
EXTRA_CODES = frozenset({"TWN", "VAT", "PSE", "XKX", "LAS", "UNGA"})


def known_codes() -> frozenset[str]:
    """ISO alpha-3 state codes and organisation acronyms accepted as actors."""
    codes: set[str] = set(EXTRA_CODES)
    for name in ("countries.csv", "organizations.csv"):
        with (_GAZETTEER / name).open(encoding="utf-8") as fh:
            codes.update(row["code"] for row in csv.DictReader(fh))
    return frozenset(codes)


@dataclass
class Problem:
    """One validation failure, located by file and record."""

    path: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.message}"


@dataclass
class CorpusStats:
    """Counts over a set of annotated articles."""

    articles: int = 0
    events: int = 0
    figures: int = 0
    relations: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    homes: set[str] = field(default_factory=set)
    styles: dict[str, int] = field(default_factory=dict)


def read_article(path: Path) -> tuple[dict[str, str], str]:
    """Split an article file into its header fields and body."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError("missing the '---' line between header and body")
    header: dict[str, str] = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        header[key.strip()] = value.strip()
    return header, body


def _check_date(value: Any, pattern: re.Pattern[str]) -> bool:
    return value is None or (isinstance(value, str) and bool(pattern.match(value)))


def _check_event(rec: dict[str, Any], body: str, codes: frozenset[str]) -> Iterator[str]:
    if rec.get("type") not in EVENT_TYPES:
        yield f"unknown type {rec.get('type')!r} (one of {', '.join(EVENT_TYPES)})"
    src = rec.get("source")
    if src not in codes:
        yield f"source {src!r} is not a known code"
    tgt = rec.get("target")
    if tgt is not None and tgt not in codes:
        yield f"target {tgt!r} is not a known code (or null)"
    if tgt is not None and tgt == src:
        yield "source and target are the same"
    if not _check_date(rec.get("date"), DATE_RE):
        yield f"date {rec.get('date')!r} is not YYYY, YYYY-MM or YYYY-MM-DD"


def _check_figure(rec: dict[str, Any], codes: frozenset[str]) -> Iterator[str]:
    value = rec.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool):
        yield f"value {value!r} is not a number"
    unit = rec.get("unit")
    if unit not in UNITS and not (isinstance(unit, str) and CURRENCY_RE.match(unit)):
        yield f"unit {unit!r} is not a known unit or ISO currency code"
    if rec.get("qualifier") not in QUALIFIERS:
        yield f"qualifier {rec.get('qualifier')!r} is not one of over/more_than/about/nearly/null"
    if not _check_date(rec.get("period"), PERIOD_RE):
        yield f"period {rec.get('period')!r} is not YYYY or YYYY..YYYY"
    subj = rec.get("subject")
    if subj is not None and subj not in codes:
        yield f"subject {subj!r} is not a known code"
    if not rec.get("indicator"):
        yield "indicator is empty"


def _framework(level: str, rec: dict[str, Any]) -> bool:
    """Another pair's named framework, kept in lower case (GUIDELINES: "comprehensive global
    strategic partnership"); the home's variants are normalised to the tier."""
    from diplograph.extract.relations import FRAMEWORK_HOME, base_tier

    tier = base_tier(level)
    return (
        FRAMEWORK_HOME not in (rec.get("a"), rec.get("b"))
        and level == level.lower()
        and tier in LEVELS
        and tier != level
    )


def _check_relation(rec: dict[str, Any], codes: frozenset[str]) -> Iterator[str]:
    for key in ("a", "b"):
        if rec.get(key) not in codes:
            yield f"{key} {rec.get(key)!r} is not a known code"
    level = str(rec.get("level"))
    if level not in LEVELS and not _framework(level, rec):
        yield (
            f"level {rec.get('level')!r} is not a tier ({'; '.join(sorted(LEVELS))}) or another "
            "pair's named framework in lower case"
        )
    if rec.get("kind", None) not in RELATION_KINDS:
        yield f"kind {rec.get('kind')!r} is not change/status/past"
    if not _check_date(rec.get("date"), DATE_RE):
        yield f"date {rec.get('date')!r} is not YYYY or YYYY-MM(-DD)"


def validate_article(
    txt: Path, gold_path: Path, codes: frozenset[str], stats: CorpusStats
) -> list[Problem]:
    """Check one article and its gold file; add its counts to ``stats``."""
    problems: list[Problem] = []
    name = txt.name
    try:
        header, body = read_article(txt)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return [Problem(name, "file", str(exc))]
    for key in HEADER_KEYS:
        if key not in header:
            problems.append(Problem(name, "header", f"missing '{key}:' line"))
    if not gold_path.exists():
        return [*problems, Problem(name, "gold", f"no gold file {gold_path.name}")]
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return [*problems, Problem(gold_path.name, "json", str(exc))]
    if gold.get("doc") != txt.stem:
        problems.append(Problem(gold_path.name, "doc", f"doc {gold.get('doc')!r} != {txt.stem!r}"))
    if gold.get("home") is not None and gold["home"] not in codes:
        problems.append(Problem(gold_path.name, "home", f"home {gold['home']!r} unknown"))
    stats.articles += 1
    if gold.get("home"):
        stats.homes.add(gold["home"])
    if gold.get("style"):
        stats.styles[gold["style"]] = stats.styles.get(gold["style"], 0) + 1
    checks = (("events", _check_event), ("figures", _check_figure), ("relations", _check_relation))
    for kind, _ in checks:
        if not isinstance(gold.get(kind), list):
            problems.append(Problem(gold_path.name, kind, "missing list"))
            continue
        for i, rec in enumerate(gold[kind]):
            where = f"{kind}[{i}]"
            sentence = rec.get("sentence")
            if not isinstance(sentence, str) or not sentence or sentence not in body:
                problems.append(Problem(gold_path.name, where, "sentence is not in the body"))
            if kind == "events":
                errs = list(_check_event(rec, body, codes))
                stats.events += 1
                stats.by_type[rec.get("type", "?")] = stats.by_type.get(rec.get("type", "?"), 0) + 1
            elif kind == "figures":
                errs = list(_check_figure(rec, codes))
                stats.figures += 1
            else:
                errs = list(_check_relation(rec, codes))
                stats.relations += 1
            problems.extend(Problem(gold_path.name, where, e) for e in errs)
    return problems


def validate_split(folder: Path, codes: frozenset[str]) -> tuple[CorpusStats, list[Problem]]:
    """Validate every ``news/*.txt`` of a split folder against ``gold/``."""
    stats = CorpusStats()
    problems: list[Problem] = []
    for txt in sorted((folder / "news").glob("*.txt")):
        problems += validate_article(txt, folder / "gold" / f"{txt.stem}.json", codes, stats)
    for gold in sorted((folder / "gold").glob("*.json")):
        if not (folder / "news" / f"{gold.stem}.txt").exists():
            problems.append(Problem(gold.name, "gold", "no article for this gold file"))
    return stats, problems


def agreement(root: Path) -> tuple[int, dict[str, float]]:
    """F1 per level of the second annotators' labels scored against the first annotation.

    ``root/agreement/<annotator>/<doc>.json`` holds independent labels of a sample; the
    scorer is the project's evaluation (EVAL.md rules), so agreement reads like accuracy.
    """
    from diplograph.evaluation import score

    second: dict[str, dict[str, Any]] = {}
    for path in sorted((root / "agreement").glob("*/*.json")):
        second[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    first: dict[str, dict[str, Any]] = {}
    for doc in second:
        for split in ("train", "heldback"):
            gold = root / split / "gold" / f"{doc}.json"
            if gold.exists():
                first[doc] = json.loads(gold.read_text(encoding="utf-8"))

    def recs(kind: str) -> list[dict[str, Any]]:
        out = []
        for doc, g in second.items():
            for r in g.get(kind, []):
                r = dict(r, doc=doc)
                if kind == "events":
                    r["source"] = {"code": r.get("source")}
                    r["target"] = {"code": r["target"]} if r.get("target") else None
                out.append(r)
        return out

    report = score(first, recs("events"), recs("figures"), recs("relations"))
    return len(first), {lv.level: lv.f1 for lv in report.levels}


QUESTION_KINDS = frozenset(
    "who what when where how_many tier list yes_no comparison why_how".split()
)
QUESTION_SPLITS = {"heldback-": "heldback", "train": "train"}  # file prefix → article split


def validate_questions(path: Path, root: Path) -> tuple[int, list[Problem]]:
    """Check a questions file: keys, kind, and the evidence sentence verbatim in its article."""
    split = next((v for k, v in QUESTION_SPLITS.items() if path.name.startswith(k)), None)
    problems: list[Problem] = []
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    for i, line in enumerate(lines, 1):
        where = f"line {i}"
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(Problem(str(path), where, f"not JSON: {e}"))
            continue
        missing = {"q", "answer", "doc", "evidence", "kind", "author"} - set(q)
        if missing:
            problems.append(Problem(str(path), where, f"missing {sorted(missing)}"))
            continue
        if q["kind"] not in QUESTION_KINDS:
            problems.append(Problem(str(path), where, f"unknown kind {q['kind']!r}"))
        article = root / (split or "") / "news" / f"{q['doc']}.txt"
        if split is None or not article.exists():
            problems.append(Problem(str(path), where, f"no article {article}"))
            continue
        _, body = read_article(article)
        if q["evidence"] not in body:
            problems.append(Problem(str(path), where, "evidence is not verbatim in the article"))
    return len(lines), problems


def main(argv: list[str] | None = None) -> int:
    """Validate the given split folders (or every split under the given corpus root)."""
    args = argv if argv is not None else sys.argv[1:]
    roots = [Path(a) for a in args] or [Path("corpus")]
    folders: list[Path] = []
    for root in roots:
        if (root / "news").is_dir():
            folders.append(root)
        else:
            folders += sorted(p for p in root.iterdir() if (p / "news").is_dir())
    codes = known_codes()
    failed = 0
    for folder in folders:
        stats, problems = validate_split(folder, codes)
        for p in problems:
            print(p)  # noqa: T201
        failed += len(problems)
        types = ", ".join(f"{t} {stats.by_type.get(t, 0)}" for t in EVENT_TYPES)
        print(  # noqa: T201
            f"{folder}: {stats.articles} articles, {stats.events} events, {stats.figures} figures, "
            f"{stats.relations} relations, {len(stats.homes)} home countries; {types}; "
            f"{len(problems)} problems"
        )
    for root in roots:
        for qpath in sorted((root / "questions").glob("*.jsonl")):
            n, problems = validate_questions(qpath, root)
            for p in problems:
                print(p)  # noqa: T201
            failed += len(problems)
            print(f"{qpath}: {n} questions, {len(problems)} problems")  # noqa: T201
        if (root / "agreement").is_dir():
            n, f1 = agreement(root)
            levels = ", ".join(f"{k} {v:.3f}" for k, v in f1.items())
            print(f"{root}: agreement of a second annotator on {n} articles (F1): {levels}")  # noqa: T201
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
