"""The trained event decider: shipped model loading, training determinism, decisions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from diplograph.corpus.splits import Split, load_split
from diplograph.extract import extract
from diplograph.learn.decider import MODEL_DIR, load_decider
from diplograph.learn.examples import collect, examples_for
from diplograph.learn.train import train_all
from diplograph.models import Document

pytest.importorskip("sklearn")

LEAD = (
    "HANOI, May 2 (Test Wire) – Prime Minister Pham Minh Chinh held talks with visiting "
    "Japanese Prime Minister Fumio Kishida in Hanoi on Thursday."
)
PROTEST = (
    "Vietnam summoned the Chinese ambassador to protest against the water cannon attack on "
    "its fishing boat."
)
ARTICLE = (
    "url: https://example.org/x\noutlet: Test Wire\npublished: 2024-05-02\ntitle: Test\n---\n"
    f"{LEAD}\n\nThe two leaders witnessed the signing of an agreement on clean energy.\n\n"
    f"{PROTEST}\n\nOfficials said trade could double within five years.\n"
)
GOLD = {
    "doc": "a1",
    "published": "2024-05-02",
    "events": [
        {"sentence": LEAD,
         "type": "MEET", "source": "VNM", "target": "JPN", "date": "2024-05-02"},
        {"sentence": PROTEST,
         "type": "PROTEST_ACCUSE", "source": "VNM", "target": "CHN", "date": "2024-05-02"},
    ],
    "figures": [],
    "relations": [],
}  # fmt: skip


def _tiny_corpus(
    root: Path, n: int = 6, article: str = ARTICLE, gold: dict[str, Any] = GOLD
) -> Split:
    (root / "news").mkdir(parents=True)
    (root / "gold").mkdir()
    for i in range(n):
        (root / "news" / f"a{i}.txt").write_text(article, encoding="utf-8")
        (root / "gold" / f"a{i}.json").write_text(
            json.dumps({**gold, "doc": f"a{i}"}), encoding="utf-8"
        )
    return Split("tiny", ((root / "news", root / "gold"),))


def test_learn_shipped_model_loads_from_the_installed_package():
    decider = load_decider()
    assert decider is not None, f"no trained model in {MODEL_DIR}"
    assert len(decider.types.classes) == 14
    assert decider.roles.classes == ("none", "source", "target")
    meta = json.loads((MODEL_DIR / "events.json").read_text(encoding="utf-8"))
    assert meta["version"] == decider.version and meta["sentences"] > 1000


def test_learn_model_records_carry_model_name_and_version():
    decider = load_decider()
    assert decider is not None
    doc = Document(id="d", text=ARTICLE.split("---\n", 1)[1], published="2024-05-02", title=None)
    x = extract(doc, decider=decider)
    kinds = {(e.type, e.source.code if e.source else None) for e in x.events}
    assert ("PROTEST_ACCUSE", "VNM") in kinds
    assert all(e.produced_by and e.produced_by.startswith(("model:", "rule:")) for e in x.events)
    assert any(e.produced_by == f"model:events@{decider.version}" for e in x.events)
    assert all(0.0 <= e.confidence <= 1.0 for e in x.events)
    # a model event dated by its own sentence ("on Thursday") says so: restatements with
    # other dates stay separate actions (extract.dedupe_events)
    meet = next(e for e in x.events if e.type == "MEET")
    assert (meet.date, meet.date_basis) == ("2024-05-02", "stated")
    protest = next(e for e in x.events if e.type == "PROTEST_ACCUSE")
    assert protest.date_basis == "context"  # no date in its sentence


def test_learn_trainer_is_seeded_and_deterministic(tmp_path):
    split = _tiny_corpus(tmp_path / "c")
    examples = examples_for(load_split(split))
    assert any("MEET" in e.types for e in examples)
    v1 = train_all(examples, tmp_path / "m1")
    v2 = train_all(examples_for(load_split(split)), tmp_path / "m2")
    assert v1 == v2
    assert (tmp_path / "m1" / "event_types.npz").read_bytes() == (
        tmp_path / "m2" / "event_types.npz"
    ).read_bytes()
    decider = load_decider(tmp_path / "m1")
    assert decider is not None
    doc = Document(id="x", text=ARTICLE.split("---\n", 1)[1], published="2024-05-02")
    types = {e.type for e in extract(doc, decider=decider).events}
    assert "PROTEST_ACCUSE" in types


def test_learn_decider_explains_its_decision():
    decider = load_decider()
    assert decider is not None
    doc = Document(id="d", text="Vietnam summoned the Chinese ambassador to protest.")
    extract(doc, decider=decider)
    trace = decider.last
    assert trace is not None and set(trace.types) >= {"PROTEST_ACCUSE", "VISIT"}


def test_learn_explain_cli_shows_rules_scores_and_decisions(runner, monkeypatch):
    from diplograph.cli import app

    monkeypatch.setenv("DIPLOGRAPH_EXTRACTOR", "model")
    from diplograph.learn import decider as dmod

    dmod.default_decider.cache_clear()
    try:
        result = runner.invoke(app, ["explain", PROTEST, "--published", "2024-05-02", "--json"])
    finally:
        dmod.default_decider.cache_clear()
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert {a["code"] for a in out["actors"]} >= {"VNM", "CHN"}
    d = out["decisions"][0]
    assert "PROTEST_ACCUSE" in d["types"] and d["kept"]
    assert any(pair.startswith("VNM→") for pair in d["pairs"]["PROTEST_ACCUSE"])
    assert any(e["type"] == "PROTEST_ACCUSE" and e["source"] == "VNM" for e in out["events"])


def test_learn_explain_cli_missing_context_file_exits_2(runner, tmp_path):
    from diplograph.cli import app

    result = runner.invoke(app, ["explain", "x", "--context", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no context file" in result.output


def _views(text: str) -> list:
    from diplograph.learn.examples import Recorder

    rec = Recorder()
    extract(Document(id="v", text=text, published="2024-05-02"), decider=rec)
    return rec.views


def test_learn_coordinated_actors_form_one_list():
    view = _views("Japan, Australia and the European Union welcomed the agreement.")[0]
    assert view.coord["JPN"] == {"AUS", "EU"}
    assert view.coord["EU"] == {"JPN", "AUS"}
    apart = _views("Japan welcomed the talks while China criticised Australia.")[0]
    assert "JPN" not in apart.coord and "CHN" not in apart.coord


def test_learn_pair_scores_equal_the_model_on_the_full_feature_bag():
    from diplograph.learn.features import pair_features

    decider = load_decider()
    assert decider is not None and decider.pairs is not None
    view = _views(LEAD)[0]
    base = {c.code: [] for c in view.candidates}  # empty: recomputed per candidate
    fast = decider._pair_probabilities(view, "MEET", base)
    assert len(fast) >= 2
    for q, s, t in fast:
        slow = decider.pairs.scores(pair_features(view, s, t, "MEET"))["pair"]
        assert q == pytest.approx(slow, abs=1e-5), (s.code, t.code if t else None)


def test_learn_a_list_of_sources_gives_one_event_each():
    decider = load_decider()
    assert decider is not None
    text = "Japan, Australia and the European Union welcomed the agreement on Monday."
    x = extract(Document(id="w", text=text, published="2024-05-02"), decider=decider)
    sources = {e.source.code for e in x.events if e.type == "STATEMENT_SUPPORT" and e.source}
    assert sources == {"JPN", "AUS", "EU"}


def test_learn_calibration_is_monotone_and_shipped():
    from diplograph.learn.calibrate import Calibration, fit, reliability

    points = [(i / 100, i % 3 != 0 and i > 30) for i in range(100)]
    cal = fit(points)
    ys = [cal(v / 20) for v in range(21)]
    assert ys == sorted(ys) and 0.0 <= ys[0] and ys[-1] <= 1.0
    back = Calibration.from_dict(cal.to_dict())
    assert back is not None and back(0.55) == pytest.approx(cal(0.55), abs=1e-3)
    assert Calibration.from_dict({}) is None
    rows = reliability(points, cal)
    assert sum(r["events"] for r in rows) == 100
    meta = json.loads((MODEL_DIR / "events.json").read_text(encoding="utf-8"))
    shipped = Calibration.from_dict(meta["calibration"])
    assert shipped is not None and shipped(0.0) <= shipped(0.5) <= shipped(1.0)
    decider = load_decider()
    assert decider is not None and decider.calibration == shipped


TIER = "Vietnam and Japan elevated their ties to a comprehensive strategic partnership on Friday."
CSP = "comprehensive strategic partnership"


def test_learn_tier_decider_is_trained_on_gold_relations_and_names_itself(tmp_path):
    article = ARTICLE.replace(f"{PROTEST}\n", f"{PROTEST}\n\n{TIER}\n")
    gold = {**GOLD, "relations": [{"sentence": TIER, "a": "VNM", "b": "JPN", "level": CSP}]}
    collected = collect(load_split(_tiny_corpus(tmp_path / "c", article=article, gold=gold)))
    assert [t.gold for t in collected.tiers] == [{("JPN", "VNM", CSP)}] * 6
    folder = tmp_path / "m"
    train_all(collected.examples, folder, calibrate=False, tiers=collected.tiers)
    decider = load_decider(folder)
    assert decider is not None and decider.tiers is not None
    doc = Document(id="x", text=article.split("---\n", 1)[1], published="2024-05-02")
    rels = extract(doc, decider=decider).relations
    assert {(r.a, r.b, r.level) for r in rels} == {("VNM", "JPN", CSP)}
    assert all(
        r.produced_by and r.produced_by.startswith(f"model:tiers@{decider.version}:") for r in rels
    )
    # retrained without tier examples, the folder loses the old tier model: the rules pair
    train_all(collected.examples, folder, calibrate=False)
    again = load_decider(folder)
    assert again is not None and again.tiers is None
    assert all(r.produced_by.startswith("rule:") for r in extract(doc, decider=again).relations)


def test_learn_a_bare_title_opening_the_sentence_marks_the_home_government():
    from types import SimpleNamespace

    from diplograph.extract.slots import Slot
    from diplograph.learn.features import _home_title_subject
    from diplograph.models import Actor

    def view(text: str, slots: list[Slot]) -> Any:
        return SimpleNamespace(ctx=SimpleNamespace(text=text, slots=slots))

    said = "Also on May 9, the Prime Minister sent a message of sympathy to the flood victims."
    assert _home_title_subject(view(said, []))
    named = "President Luong Cuong sent a message to the King."
    cuong = Slot(10, 21, Actor("VNM", "Vietnam", person="Luong Cuong"), labels=("PERSON",))
    assert not _home_title_subject(view(named, [cuong]))  # a named leader speaks for himself


def test_typed_columns_equal_the_columns_of_the_built_features() -> None:
    import numpy as np

    from diplograph.learn.hashing import DIM, column_set, typed_column_set
    from diplograph.learn.linear import LinearModel

    feats = ["w:talks", "w:held", "nnamed:2", "w:talks"]
    built = [f"s:{f}" for f in feats]
    want = column_set(built + [f"MEET|{f}" for f in built])
    assert typed_column_set(feats, "s:", "MEET|") == want
    assert typed_column_set(feats, "s:", "MEET|") == want  # from the cache
    small = LinearModel(
        "t", ("x",), np.zeros((1, 64), dtype=np.float32), np.zeros(1, dtype=np.float32)
    )
    assert small.typed_columns(feats, "s:", "MEET|") == column_set(
        built + [f"MEET|{f}" for f in built], 64
    )
    assert DIM != 64


def test_plain_sums_are_exact_only_for_half_precision_weights() -> None:
    import numpy as np

    from diplograph.learn.decider import _exact_terms
    from diplograph.learn.linear import LinearModel

    half = np.array([[0.5, -0.25, 0.125, 3.0]], dtype=np.float16).astype(np.float32)
    m = LinearModel("t", ("x",), half, np.zeros(1, dtype=np.float32))
    assert _exact_terms(m) == 2.0**29 / 3.0
    odd = LinearModel("t", ("x",), np.array([[0.1, 1e-9]], dtype=np.float64), np.zeros(1))
    assert _exact_terms(odd) == 0.0
