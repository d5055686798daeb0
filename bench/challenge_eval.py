"""Challenge set: extraction scores on news we wrote ourselves, scored by the EVAL.md rules.

``bench/challenge/dev`` (a01–a20 Vietnam-centred, b01–b20 world news) was used while
developing the rules; ``bench/challenge/heldout`` (c01–c16) was written at the same time by a
different author and is only scored, never tuned on. Both are original text with hand-made
gold labels following ../shared/corpus/README.md, so they stand in for the hidden held-out set.

Usage: .venv/bin/python bench/challenge_eval.py [--set dev|heldout] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from diplograph.evaluation import load_gold, score
from diplograph.export import eval_records
from diplograph.jobs import ingest_documents
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

ROOT = Path(__file__).resolve().parent / "challenge"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=["dev", "heldout"], default="heldout")
    ap.add_argument("--json", type=Path, default=None, help="also write the report as JSON")
    args = ap.parse_args()
    folder = ROOT / args.set
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "challenge.db")
        store = SQLiteStore(db)
        ingest_documents([str(folder / "news")], store, Settings(db=db))
        records = eval_records(store)
        report = score(load_gold(folder / "gold"), **records)
        store.close()
    print(f"challenge set {args.set}: {len(list((folder / 'gold').glob('*.json')))} articles")
    print(report.format())
    if args.json:
        args.json.write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
