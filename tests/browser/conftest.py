"""Browser fixtures: a live uvicorn server on a free port and Debian's Chromium via Playwright.

Chromium comes from the project's own setup (``scripts/install-chromium``, run by
``make test``); ``playwright install`` is never used. Tests skip, with the reason, only when
/usr/bin/chromium is missing and cannot be installed.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from webcorpus import build_store

from diplograph.server import create_app
from diplograph.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"  # the README shows these
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    """The Chromium binary, installing Debian's package once if it is missing."""
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if found:
        return found
    script = ROOT / "scripts" / "install-chromium"
    if script.exists():
        subprocess.run([str(script)], check=False, timeout=600)
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """Base URL of the app serving the SQLite store ``db`` on a free port, while open."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(Settings(db=str(db))), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app serving a store built from the invented articles."""
    db, _ = build_store(tmp_path_factory.mktemp("browser"))
    with serving(db) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright's sync API."""
    path = _chromium()
    if path is None:
        pytest.skip("Debian chromium is not installed and scripts/install-chromium could not")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; ``page.errors`` collects console errors, page errors and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    errors: list[str] = []
    p.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    p.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))

    def on_dialog(d: Any) -> None:
        errors.append(f"dialog: {d.message}")
        d.dismiss()

    p.on("dialog", on_dialog)
    p.errors = errors
    yield p
    context.close()
