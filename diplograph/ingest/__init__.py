"""Ingest: paths and URLs → Documents, or one IngestError per bad item; the batch goes on."""

from __future__ import annotations

import glob
import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from diplograph.errors import IngestError
from diplograph.ingest.fetch import is_url, read_url
from diplograph.ingest.normalize import clean_document, decode_bytes, safe_name
from diplograph.ingest.readers import (
    Item,
    parse_text,
    read_feed,
    read_html,
    read_json,
    read_jsonl_lines,
    read_text,
)

__all__ = ["expand_paths", "read_documents", "read_path", "FORMATS"]

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}


log = logging.getLogger(__name__)


def expand_paths(paths: Iterable[str]) -> Iterator[Path | IngestError]:
    """Files, folders (recursive, sorted), globs and '-' (stdin); URLs are skipped here."""
    for raw in paths:
        if raw == "-":
            yield Path("-")
            continue
        if is_url(raw):  # fetched by read_documents, not a path
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            yield IngestError("no file matches this pattern", item=raw, code="D108")
        for m in matches:
            p = Path(m)
            if p.is_dir():
                for f in sorted(p.rglob("*")):
                    dangling = f.is_symlink() and not f.exists()
                    if f.is_dir() and not os.access(f, os.R_OK | os.X_OK):
                        yield IngestError(
                            "folder not readable; check its permissions", item=str(f), code="D108"
                        )
                    elif (f.is_file() or dangling or f.is_fifo()) and not f.name.startswith("."):
                        yield f
            elif p.exists() or p.is_symlink():
                yield p
            else:
                yield IngestError("path does not exist", item=raw, code="D108")


def read_path(path: Path, max_bytes: int) -> Iterator[Item]:
    """Read one file with the reader its extension names; errors become items."""
    item = str(path)
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)  # bounded: never more than the limit
            if len(data) > max_bytes:
                yield IngestError(
                    f"standard input is over the {max_bytes / 1e6:.0f} MB limit; "
                    "split it or raise DIPLOGRAPH_MAX_FILE_MB",
                    item="stdin",
                    code="D103",
                )
                return
            yield parse_text("stdin", decode_bytes(data, "stdin"), "stdin")
            return
        suffix = path.suffix.lower()
        fmt = FORMATS.get(suffix)
        if fmt is None:
            yield IngestError(
                f"unknown file type '{suffix or '(none)'}'; "
                f"supported: {', '.join(sorted(FORMATS))}",
                item=item,
                code="D107",
            )
            return
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device named .txt would block forever
            yield IngestError(
                "not a regular file (a pipe, socket or device); only files are read",
                item=item,
                code="D109",
            )
            return
        size = st.st_size
        if fmt == "jsonl":
            with path.open("rb") as fh:
                yield from read_jsonl_lines(path, bounded_lines(fh, max_bytes))
            return
        if size > max_bytes:
            yield IngestError(
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
                "split it or raise DIPLOGRAPH_MAX_FILE_MB",
                item=item,
                code="D103",
            )
            return
        data = path.read_bytes()
        reader = {"txt": read_text, "html": read_html, "json": read_json, "feed": read_feed}[fmt]
        yield from reader(path, data)
    except IngestError as err:
        yield err
    except PermissionError:
        yield IngestError("permission denied; check the file's permissions", item=item, code="D108")
    except OSError as err:
        yield IngestError(f"cannot read: {err.strerror or err}", item=item, code="D108")
    except RecursionError:
        yield IngestError("nesting too deep to read (JSON or HTML)", item=item, code="D110")
    except Exception as err:  # noqa: BLE001 — one bad file must not stop the batch
        log.exception("unexpected error reading %s", item)
        yield IngestError(f"cannot read: {type(err).__name__}: {err}", item=item, code="D199")


DRAIN_BYTES = 1 << 20  # the rest of an over-long line is skipped 1 MiB at a time


def bounded_lines(fh: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of ``fh``, each read at most ``limit`` bytes at a time; None for a longer one.

    A 200 MB line once took 756 MB before it was refused: a long line is now skipped in
    ``limit``-sized chunks, so memory stays near the limit whatever the file holds.
    """
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        line = b""  # let the first piece go before draining the rest in small pieces
        while True:  # drain the rest of the long line
            piece = fh.readline(DRAIN_BYTES)
            if not piece or piece.endswith(b"\n"):
                break
        yield None


def read_documents(paths: Iterable[str], max_bytes: int = 25_000_000) -> Iterator[Item]:
    """Yield every document (cleaned once, here) or error found under ``paths`` or URLs."""
    for raw in paths:
        if is_url(raw):
            items: Iterable[Item] = read_url(raw, max_bytes)
        else:
            items = (
                item
                for p in expand_paths([raw])
                for item in ([p] if isinstance(p, IngestError) else read_path(p, max_bytes))
            )
        for item in items:
            yield _safe_error(item) if isinstance(item, IngestError) else clean_document(item)


def _safe_error(err: IngestError) -> IngestError:
    """An error whose item (a path) or message may hold undecodable bytes, made storable."""
    if err.item is not None:
        err.item = safe_name(err.item)
    err.message = safe_name(err.message)
    err.args = (err.message,)
    return err


_ = parse_text
