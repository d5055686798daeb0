"""Write N synthetic diplomatic news articles for load and speed tests.

The articles come from templates and sentence pools written for this script (no copied news):
varied countries, leaders, capitals, dates, event types (visits, talks, calls, agreements,
partnership upgrades, conferences, aid, evacuations, protests, sanctions, UN elections) and
figures (trade, investment, aid, evacuees), with filler sentences in between so the extractor
sees realistic text of about 1,500-2,500 characters. Seeded: the same N and seed give the
same corpus.

    .venv/bin/python bench/generate.py -n 10000 --out /tmp/corpus            # JSONL, 1,000/file
    .venv/bin/python bench/generate.py -n 200 --out /tmp/txt --format txt     # one .txt each
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

# (name, demonym, capital, leader title, leader name)
COUNTRIES: list[tuple[str, str, str, str, str]] = [
    ("Vietnam", "Vietnamese", "Hanoi", "Prime Minister", "Pham Minh Chinh"),
    ("Japan", "Japanese", "Tokyo", "Prime Minister", "Fumio Kishida"),
    ("France", "French", "Paris", "President", "Emmanuel Macron"),
    ("Germany", "German", "Berlin", "Chancellor", "Olaf Scholz"),
    ("India", "Indian", "New Delhi", "Prime Minister", "Narendra Modi"),
    ("Brazil", "Brazilian", "Brasilia", "President", "Luiz Inacio Lula da Silva"),
    ("Australia", "Australian", "Canberra", "Prime Minister", "Anthony Albanese"),
    ("Indonesia", "Indonesian", "Jakarta", "President", "Joko Widodo"),
    ("Kenya", "Kenyan", "Nairobi", "President", "William Ruto"),
    ("Canada", "Canadian", "Ottawa", "Prime Minister", "Justin Trudeau"),
    ("South Korea", "South Korean", "Seoul", "President", "Yoon Suk Yeol"),
    ("Singapore", "Singaporean", "Singapore", "Prime Minister", "Lee Hsien Loong"),
    ("Thailand", "Thai", "Bangkok", "Prime Minister", "Srettha Thavisin"),
    ("Laos", "Lao", "Vientiane", "Prime Minister", "Sonexay Siphandone"),
    ("Cambodia", "Cambodian", "Phnom Penh", "Prime Minister", "Hun Manet"),
    ("Malaysia", "Malaysian", "Kuala Lumpur", "Prime Minister", "Anwar Ibrahim"),
    ("the Philippines", "Filipino", "Manila", "President", "Ferdinand Marcos Jr."),
    ("New Zealand", "New Zealand", "Wellington", "Prime Minister", "Christopher Luxon"),
    ("Italy", "Italian", "Rome", "Prime Minister", "Giorgia Meloni"),
    ("Spain", "Spanish", "Madrid", "Prime Minister", "Pedro Sanchez"),
    ("Mexico", "Mexican", "Mexico City", "President", "Andres Manuel Lopez Obrador"),
    ("South Africa", "South African", "Pretoria", "President", "Cyril Ramaphosa"),
    ("Egypt", "Egyptian", "Cairo", "President", "Abdel Fattah al-Sisi"),
    ("Turkiye", "Turkish", "Ankara", "President", "Recep Tayyip Erdogan"),
    ("Saudi Arabia", "Saudi", "Riyadh", "Crown Prince", "Mohammed bin Salman"),
    ("the United States", "American", "Washington", "President", "Joe Biden"),
    ("the United Kingdom", "British", "London", "Prime Minister", "Rishi Sunak"),
    ("China", "Chinese", "Beijing", "President", "Xi Jinping"),
    ("Nigeria", "Nigerian", "Abuja", "President", "Bola Tinubu"),
    ("Chile", "Chilean", "Santiago", "President", "Gabriel Boric"),
]
ORGS = ["ASEAN", "United Nations", "European Union", "African Union", "APEC", "G20"]
UN_BODIES = [
    "the UN Human Rights Council",
    "the UN Security Council",
    "the International Law Commission",
    "UNESCO's Executive Board",
]
OUTLETS = ["Example Wire", "Capital Herald", "Regional Daily", "Foreign Desk", "Harbour Times"]
SECTORS = ["trade", "energy", "education", "health", "digital economy", "defence", "agriculture"]
TIERS = [
    "strategic partnership",
    "comprehensive strategic partnership",
    "comprehensive partnership",
]
UNITS = [("billion", 1), ("million", 1)]

EVENTS = [
    "{la} {lb} paid an official visit to {b} from {date}, holding talks with {lc} {ld}.",
    "On {date}, {la} {lb} held talks with {lc} {ld} in {cap}, discussing {sector} cooperation.",
    "{la} {lb} held a phone call with {lc} {ld} on {date} to discuss {sector} ties.",
    "{a} and {b} signed an agreement on {sector} cooperation in {cap} on {date}.",
    "{a} and {b} upgraded their relationship to a {tier} on {date}.",
    "The {dem} delegation attended the {org} summit in {cap} on {date}.",
    "{a} provided emergency aid worth USD {n} {unit} to {b} on {date} after severe floods.",
    "{a} evacuated {k} of its citizens from {b} on {date} as fighting spread.",
    "{a} protested against {b}'s detention of its fishing vessel on {date}.",
    "{a} imposed sanctions on {b} officials on {date}, citing human rights abuses.",
    "{a} was elected to {un} for the 2026-2028 term on {date}.",
    "{la} {lb} will pay a state visit to {b} next month, the foreign ministry said on {date}.",
]
FIGURES = [
    "Two-way trade between {a} and {b} reached USD {n} {unit} in {year}.",
    "{dem} investment in {b} totalled USD {n} {unit} by the end of {year}.",
    "Bilateral trade rose {p} percent year on year to USD {n} {unit} in {year}.",
    "More than {k} {dem} students are studying in {b}, according to the embassy.",
]
FILLER = [
    "The two sides agreed to step up exchanges between ministries and localities.",
    "Officials said the meeting took place in a friendly and candid atmosphere.",
    "Both leaders stressed the importance of maintaining peace and stability in the region.",
    "The visit was the first at this level in more than five years.",
    "Analysts said the talks reflected growing economic interdependence.",
    "The ministers also exchanged views on regional and international issues of mutual concern.",
    "A joint statement is expected to be released later this week.",
    "Business leaders welcomed the outcome, citing new opportunities in logistics and energy.",
    "The host side organised a welcome ceremony with a guard of honour.",
    "Both countries pledged to respect international law, including the UN Charter.",
    "Cultural exchanges and tourism were also on the agenda.",
    "The ministry did not give further details about the schedule.",
]
TITLES = [
    "{a} and {b} deepen {sector} ties",
    "{la} {lb} holds talks with {dem} counterpart",
    "{a} and {b} agree to expand cooperation",
    "{b} and {a} mark new chapter in relations",
    "Leaders of {a} and {b} meet in {cap}",
]


def _date_text(d: date, rng: random.Random) -> str:
    style = rng.random()
    if style < 0.5:
        return f"{d:%B} {d.day}, {d.year}"
    if style < 0.8:
        return f"{d.day} {d:%B} {d.year}"
    return f"{d:%B} {d.day}"


def _fields(rng: random.Random, when: date) -> dict[str, object]:
    a, b = rng.sample(COUNTRIES, 2)
    unit = rng.choice(UNITS)[0]
    return {
        "a": a[0],
        "dem": a[1],
        "la": a[3],
        "lb": a[4],
        "b": b[0],
        "cap": rng.choice([a[2], b[2]]),
        "lc": b[3],
        "ld": b[4],
        "sector": rng.choice(SECTORS),
        "tier": rng.choice(TIERS),
        "org": rng.choice(ORGS),
        "un": rng.choice(UN_BODIES),
        "n": f"{rng.randint(1, 950) / 10:g}",
        "unit": unit,
        "k": f"{rng.randint(20, 12000):,}",
        "p": rng.randint(2, 40),
        "year": when.year - rng.choice([0, 1]),
        "date": _date_text(when - timedelta(days=rng.randint(0, 6)), rng),
    }


def article(i: int, seed: int = 7) -> dict[str, str]:
    """One article as a JSONL record: id, title, published, outlet, url, text."""
    rng = random.Random(seed * 1_000_003 + i)
    published = date(2015, 1, 1) + timedelta(days=rng.randint(0, 11 * 365))
    base = _fields(rng, published)
    title = rng.choice(TITLES).format(**base)
    sentences: list[str] = []
    target = rng.randint(12, 20)
    while len(sentences) < target:
        roll = rng.random()
        f = base if rng.random() < 0.6 else _fields(rng, published)
        if roll < 0.35:
            sentence = rng.choice(EVENTS).format(**f)
        elif roll < 0.55:
            sentence = rng.choice(FIGURES).format(**f)
        else:
            sentence = rng.choice(FILLER)
        if sentence not in sentences:
            sentences.append(sentence)
    paragraphs = [" ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3)]
    cap = str(base["cap"]).upper()
    text = f"{title}\n\n{cap} - " + "\n\n".join(paragraphs) + "\n"
    return {
        "id": f"bench-{seed}-{i:07d}",
        "title": title,
        "published": published.isoformat(),
        "outlet": rng.choice(OUTLETS),
        "url": f"https://news.example.org/{published:%Y/%m}/{i}",
        "text": text,
    }


def articles(n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    for i in range(n):
        yield article(i, seed)


def write_corpus(out: Path, n: int, fmt: str = "jsonl", per_file: int = 1000, seed: int = 7) -> int:
    """Write ``n`` articles under ``out``; returns the number of files written."""
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "txt":
        for rec in articles(n, seed):
            header = "".join(f"{k}: {rec[k]}\n" for k in ("url", "outlet", "published", "title"))
            (out / f"{rec['id']}.txt").write_text(header + "---\n" + rec["text"], encoding="utf-8")
        return n
    files = 0
    fh = None
    for i, rec in enumerate(articles(n, seed)):
        if i % per_file == 0:
            if fh:
                fh.close()
            fh = (out / f"articles-{i // per_file:04d}.jsonl").open("w", encoding="utf-8")
            files += 1
        assert fh is not None
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if fh:
        fh.close()
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="number of articles")
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    ap.add_argument("--format", choices=["jsonl", "txt"], default="jsonl")
    ap.add_argument("--per-file", type=int, default=1000, help="articles per JSONL file")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    files = write_corpus(args.out, args.n, args.format, args.per_file, args.seed)
    print(f"wrote {args.n} articles in {files} files under {args.out}")


if __name__ == "__main__":
    main()
