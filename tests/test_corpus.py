"""The annotated corpus: valid labels, sizes, and no sentence taken from the shared sets."""

from __future__ import annotations

import re

import pytest

from diplograph.corpus.splits import corpus_root, shared_root
from diplograph.corpus.validate import known_codes, read_article, validate_split

ROOT = corpus_root()
_WORDS = re.compile(r"[a-z0-9]+")


# official names that any report must spell the same way: not copied text
STOCK = (
    "non permanent member of the united nations security council",
    "comprehensive strategic partnership for peace and prosperity in asia and the world",
    "united nations human rights council",
    "united nations security council",
    "un general assembly in new york",
)


def _shingles(text: str, n: int = 12) -> set[tuple[str, ...]]:
    flat = " ".join(_WORDS.findall(text.lower()))
    for phrase in STOCK:
        flat = flat.replace(phrase, "|")
    words = flat.split()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_corpus_every_label_validates_and_sizes_hold():
    codes = known_codes()
    train, p1 = validate_split(ROOT / "train", codes)
    held, p2 = validate_split(ROOT / "heldback", codes)
    assert p1 == [] and p2 == []
    assert train.articles + held.articles >= 600 and held.articles >= 120
    assert train.events + held.events >= 2500 and train.figures + held.figures >= 1500
    assert train.relations + held.relations >= 200
    assert all(train.by_type.get(t, 0) + held.by_type.get(t, 0) >= 80 for t in train.by_type)
    assert len(train.by_type) == 14 and len(train.homes | held.homes) >= 40


def test_corpus_validator_reports_a_sentence_not_in_the_text(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "news" / "x.txt").write_text(
        "url: u\noutlet: o\npublished: 2024-01-01\ntitle: t\n---\nVietnam met Laos.\n"
    )
    (tmp_path / "gold" / "x.json").write_text(
        '{"doc": "x", "events": [{"sentence": "Laos met Vietnam.", "type": "MEET", '
        '"source": "VNM", "target": "LAO"}], "figures": [{"sentence": "Vietnam met Laos.", '
        '"indicator": "x", "value": 1, "unit": "furlongs"}], "relations": []}'
    )
    _, problems = validate_split(tmp_path, known_codes())
    messages = " | ".join(str(p) for p in problems)
    assert "sentence is not in the body" in messages and "furlongs" in messages


def test_corpus_copies_no_text_from_the_shared_sets():
    shared = shared_root() / "corpus"
    if not shared.is_dir():
        pytest.skip(f"{shared} not present")
    theirs: set[tuple[str, ...]] = set()
    for sub in ("seeds", "news", "check/corpus"):
        for p in (shared / sub).glob("*.txt"):
            theirs |= _shingles(p.read_text(encoding="utf-8", errors="replace"))
    assert len(theirs) > 1000
    hits = []
    for p in sorted(ROOT.glob("*/news/*.txt")):
        _, body = read_article(p)
        common = _shingles(body) & theirs
        if common:
            hits.append((p.name, " ".join(next(iter(common)))))
    assert hits == []


def test_corpus_pages_read_are_logged_and_not_held_out():
    import subprocess
    import sys

    urls = sorted(
        {u.strip() for f in (ROOT / "sources").glob("*.txt") for u in f.read_text().split() if u}
    )
    assert len(urls) >= 20
    tool = shared_root() / "tools" / "held_out_url.py"
    if not tool.exists():
        pytest.skip(f"{tool} not present")
    run = subprocess.run([sys.executable, str(tool), *urls], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


def test_corpus_validator_keeps_named_frameworks_to_other_pairs(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "gold").mkdir()
    text = "Laos and Cambodia are special strategic partners. Vietnam and Laos are close partners."
    (tmp_path / "news" / "x.txt").write_text(
        f"url: u\noutlet: o\npublished: 2024-01-01\ntitle: t\n---\n{text}\n"
    )
    first, second = text.split(". ")
    rel = '{{"sentence": "{s}", "a": "{a}", "b": "{b}", "level": "{lv}"}}'
    (tmp_path / "gold" / "x.json").write_text(
        '{"doc": "x", "events": [], "figures": [], "relations": ['
        + rel.format(s=first + ".", a="LAO", b="KHM", lv="special strategic partnership")
        + ", "
        + rel.format(s=second, a="VNM", b="LAO", lv="special strategic partnership")
        + "]}"
    )
    _, problems = validate_split(tmp_path, known_codes())
    messages = [str(p) for p in problems]
    # another pair's framework is kept by name; the home's is normalised to the tier
    assert len(messages) == 1 and "'special strategic partnership' is not a tier" in messages[0]


def test_event_holdout_split_is_the_training_batches_kept_out_of_the_event_model():
    from diplograph.corpus.splits import EVENT_HOLDOUT, get_split, load_split
    from diplograph.learn.train import event_training_pairs

    holdout = [doc.id for doc, _ in load_split(get_split("event-holdout"))]
    assert len(holdout) == 306 and all(i.startswith(EVENT_HOLDOUT) for i in holdout)
    trained = {doc.id for doc, _ in event_training_pairs(load_split(get_split("train")))}
    assert trained and not trained & set(holdout)


def test_unknown_split_names_the_closest_one():
    from diplograph.corpus.splits import get_split
    from diplograph.errors import DiplographError

    with pytest.raises(DiplographError, match="did you mean 'heldback'"):
        get_split("heldbak")
