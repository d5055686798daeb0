"""One version hash over everything that decides what the extractor outputs.

The hash covers the rule data (``data/rules``), the gazetteer tables (``data/gazetteer``), the
trained models (``data/models``) and the code of the extractor and deciders (``extract/``,
``learn/``), so a change to a rule written in code also makes stored records stale. A document
stored under another hash is stale, and ``reextract`` recomputes it.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

PACKAGE_VERSION = "0.2.0"
_DATA = Path(str(resources.files("diplograph"))) / "data"
_FOLDERS = ("rules", "gazetteer", "models")
_CODE = ("extract", "learn")


def files_hash(paths: list[Path]) -> str:
    """Short SHA-256 over the names and bytes of ``paths`` (sorted)."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def data_files(folder: str) -> list[Path]:
    root = _DATA / folder
    # an ONNX model is hashed through its metadata file, which holds the model's own SHA-256
    # prefix (``encoder.json: version``): hashing 23 MB on every import cost 40 ms of start-up
    return (
        sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".onnx")
        if root.is_dir()
        else []
    )


def code_files(package: str) -> list[Path]:
    return sorted((_DATA.parent / package).glob("*.py"))


RULES_HASH = files_hash(data_files("rules"))
_INPUTS = [
    *(f for d in _FOLDERS for f in data_files(d)),
    *(f for c in _CODE for f in code_files(c)),
]
EXTRACTOR_VERSION = f"{PACKAGE_VERSION}+{files_hash(_INPUTS)}"
