"""The Python surface: typed DataFrames, names in any spelling, and the docs notebook runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import diplograph
from diplograph.errors import ConfigError
from diplograph.jobs import ingest_documents
from diplograph.notebook import COLUMNS
from diplograph.query.inputs import InputError
from diplograph.settings import Settings
from diplograph.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path(diplograph.__file__).parent / "data" / "sample"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("nb") / "demo.db")
    store = SQLiteStore(db)
    ingest_documents([str(SAMPLE)], store, Settings(db=db))
    store.close()
    return db


def test_frames_have_typed_columns_whatever_the_rows(demo: str) -> None:
    dg = diplograph.connect(demo)
    some = dg.events(country="Viet Nam")
    none = dg.events(country="Tuvalu")
    assert len(some) > 0 and len(none) == 0
    assert list(some.columns) == list(none.columns) == [*COLUMNS["events"], "year"]
    assert str(some["confidence"].dtype) == "Float64" and str(some["year"].dtype) == "Int64"
    assert set(some["source_code"]) | set(some["target_code"]) >= {"VNM"}
    dg.close()


def test_names_and_typos(demo: str) -> None:
    dg = diplograph.connect(demo)
    assert dg.events(country="VN").equals(dg.events(country="Vietnam"))
    with pytest.raises(InputError, match="Vietnam"):
        dg.events(country="Vietnma")
    with pytest.raises(InputError, match="2023-09"):
        dg.events(since="09/2023")
    dg.close()


def test_connect_refuses_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no store"):
        diplograph.connect(str(tmp_path / "none.db"))
    assert not (tmp_path / "none.db").exists()


def test_docs_notebook_runs(demo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = json.loads((ROOT / "docs" / "notebook.ipynb").read_text(encoding="utf-8"))
    monkeypatch.setenv("DIPLOGRAPH_DB", demo)
    scope: dict[str, Any] = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), "notebook.ipynb", "exec"), scope)  # noqa: S102
    assert scope["a"].answer and "2023" in scope["a"].answer
    assert len(scope["visits"]) > 0
