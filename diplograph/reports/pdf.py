"""Print an HTML review to PDF with headless Chromium (the same binary the browser tests use).

No browser is downloaded at run time: Chromium must be installed (``scripts/install-chromium``
installs Debian's package). The page is written to a temporary folder and printed from a
``file://`` URL with a throwaway profile, so nothing outside that folder is touched.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from diplograph.errors import ConfigError

CHROMIUM = "/usr/bin/chromium"
TIMEOUT_S = 120
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
)


def find_chromium() -> str | None:
    """The Chromium binary on ``PATH`` (``chromium``) or at /usr/bin/chromium; None if absent."""
    found = shutil.which("chromium")
    if found:
        return found
    return CHROMIUM if Path(CHROMIUM).exists() else None


def print_pdf(html: str, out: Path, chromium: str | None = None) -> Path:
    """Write ``html`` (a self-contained page) as a PDF at ``out`` and return ``out``.

    Raises :class:`ConfigError` D422 when no Chromium is installed and D423 when Chromium
    fails or writes no PDF.
    """
    binary = chromium or find_chromium()
    if binary is None:
        raise ConfigError(
            "PDF reviews need Chromium, which is not installed: run scripts/install-chromium "
            "(Debian's chromium package) or write the review with --format html",
            code="D422",
        )
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="diplograph-pdf-") as tmp:
        page = Path(tmp) / "review.html"
        page.write_text(html, encoding="utf-8")
        cmd = [
            binary,
            *FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise ConfigError(f"Chromium could not print the review: {err}", code="D423") from err
    if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise ConfigError(
            f"Chromium exited with {done.returncode} and wrote no PDF ({' | '.join(tail)}); "
            "try --format html and print it from a browser",
            code="D423",
        )
    return out
