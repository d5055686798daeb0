"""Print an HTML review to PDF with headless Chromium (the same binary the browser tests use).

No browser is downloaded at run time: Chromium must be installed (``scripts/install-chromium``
installs Debian's package). The page is written to a temporary folder and printed from a
``file://`` URL with a throwaway profile, so nothing outside that folder is touched.

Page numbers come from the page's own CSS (``@page`` margin boxes). Chromium has no
``target-counter()``, so a table of contents gets its page numbers in a second pass: the page
marks each slot ``<span class="page-ref" data-target="ID"></span>``, the first PDF's named
destinations say on which page each ``#ID`` landed, and the page is printed again with the
numbers filled in (same layout: the slots have a fixed width).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from diplograph.errors import ConfigError
from diplograph.reports.render import render_review_print
from diplograph.reports.review import Review

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
    "--generate-pdf-document-outline",  # headings become the PDF's bookmarks
)
PAGE_REF = re.compile(r'<span class="page-ref" data-target="([A-Za-z0-9_-]+)"></span>')
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\s*(.*?)(?:stream|endobj)", re.S)


def find_chromium() -> str | None:
    """The Chromium binary on ``PATH`` (``chromium``) or at /usr/bin/chromium; None if absent."""
    found = shutil.which("chromium")
    if found:
        return found
    return CHROMIUM if Path(CHROMIUM).exists() else None


def print_pdf(html: str, out: Path, chromium: str | None = None) -> Path:
    """Write ``html`` (a self-contained page) as a PDF at ``out`` and return ``out``; page-number
    slots (:data:`PAGE_REF`) are filled by a second pass.

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
    _print_once(binary, html, out)
    if PAGE_REF.search(html):
        pages = destination_pages(out.read_bytes())
        if pages:
            _print_once(binary, fill_page_refs(html, pages), out)
    return out


def _print_once(binary: str, html: str, out: Path) -> None:
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


def fill_page_refs(html: str, pages: dict[str, int]) -> str:
    """Put the page number of each slot's target into the slot (unknown targets stay empty)."""
    return PAGE_REF.sub(
        lambda m: f'<span class="page-ref" data-target="{m[1]}">{pages.get(m[1], "")}</span>',
        html,
    )


def _objects(pdf: bytes) -> dict[int, bytes]:
    """The dictionary part of every object listed in the PDF's (classic) cross-reference
    table, which is what Chromium writes; {} for anything else."""
    found = re.findall(rb"startxref\s+(\d+)", pdf)
    if not found:
        return {}
    table = re.match(rb"xref\s+(\d+)\s+(\d+)\s+", pdf[int(found[-1]) :])
    if table is None:
        return {}
    first, count = int(table[1]), int(table[2])
    start = int(found[-1]) + table.end()
    out: dict[int, bytes] = {}
    for i in range(count):
        entry = pdf[start + 20 * i : start + 20 * i + 18].split()
        if len(entry) != 3 or entry[2] != b"n":
            continue
        offset = int(entry[0])
        body = _OBJECT.match(pdf, offset)
        if body:
            out[first + i] = body[1]
    return out


def _ref(body: bytes, key: bytes) -> int | None:
    m = re.search(rb"/" + key + rb"\s+(\d+)\s+\d+\s+R", body)
    return int(m[1]) if m else None


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Named destinations of a PDF (the ``id`` of each element a link points at) → the page
    (1-based) they are on. Reads the catalogue's ``/Dests`` dictionary, as Chromium writes it."""
    objects = _objects(pdf)
    trailer = pdf[pdf.rfind(b"trailer") :]
    root = _ref(trailer, b"Root")
    catalog = objects.get(root or -1, b"")
    pages_root, dests = _ref(catalog, b"Pages"), _ref(catalog, b"Dests")
    if pages_root is None or dests is None:
        return {}
    order: list[int] = []

    def walk(num: int, depth: int = 0) -> None:
        body = objects.get(num, b"")
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
        if kids is None or depth > 32:
            order.append(num)
            return
        for kid in re.findall(rb"(\d+)\s+\d+\s+R", kids[1]):
            walk(int(kid), depth + 1)

    walk(pages_root)
    page_of = {num: i + 1 for i, num in enumerate(order)}
    out: dict[str, int] = {}
    for name, num in re.findall(
        rb"/([^\s/\[<>()]+)\s*\[\s*(\d+)\s+\d+\s+R", objects.get(dests, b"")
    ):
        text = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), name)
        if int(num) in page_of:
            out[text.decode("utf-8", "replace")] = page_of[int(num)]
    return out


def write_review_pdf(review: Review, out: Path, base_url: str = "") -> Path:
    """A review as a PDF: table of contents with page numbers, numbered pages, citations that
    jump to the evidence list (:func:`~diplograph.reports.render.render_review_print`)."""
    return print_pdf(render_review_print(review, base_url), out)
