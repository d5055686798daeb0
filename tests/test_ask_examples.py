"""Every `ask` example of the README and of `--help` answers correctly on the demo store."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import diplograph
from diplograph.commands import analysis

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path(diplograph.__file__).parent / "data" / "sample"
# what a right answer holds, per example question (a new example must be added here)
EXPECTED = {
    "When did Vietnam and the US upgrade their ties?": ("September", "2023"),
    "How many citizens did Vietnam bring home in 2020?": ("70,000",),
}
_ASK = re.compile(r'ask "([^"]+\?)"')


def _examples() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return set(_ASK.findall(readme)) | set(_ASK.findall(analysis.ask.__doc__ or ""))


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DIPLOGRAPH_EXTRACTOR"}  # the default
    return subprocess.run(
        [sys.executable, "-m", "diplograph", *args], capture_output=True, text=True, env=env
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    assert _cli("ingest", str(SAMPLE), "--db", db).returncode == 0
    return db


def test_every_example_is_expected() -> None:
    assert _examples() == set(EXPECTED)


@pytest.mark.parametrize("question", sorted(EXPECTED))
def test_example_answers_on_demo_store(demo_db: str, question: str) -> None:
    out = _cli("ask", question, "--json", "--db", demo_db)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert all(part in got["answer"] for part in EXPECTED[question]), got
    assert got["evidence"] and got["evidence"][0]["sentence"]
