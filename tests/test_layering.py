"""The package's layers: ``api/`` and ``web/`` read through ``query/`` and never import each
other; ``query/`` imports no surface (api, web, server, cli)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "diplograph"
FORBIDDEN = {
    "api": ("diplograph.web",),
    "web": ("diplograph.api",),
    "query": ("diplograph.api", "diplograph.web", "diplograph.server", "diplograph.cli"),
}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layering_no_forbidden_imports(layer: str) -> None:
    bad = [
        f"{path.relative_to(PACKAGE.parent)} imports {module}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for module in sorted(imported_modules(path))
        if module.startswith(FORBIDDEN[layer])  # `from diplograph import web` counts too
    ]
    assert bad == []


def test_layering_check_sees_an_import() -> None:
    here = imported_modules(Path(__file__))
    assert "ast" in here and "pathlib.Path" in here
