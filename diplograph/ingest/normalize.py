"""Bytes → clean text: binary detection, encoding detection, NFC, content hashes, dates."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace
from datetime import datetime
from email.utils import parsedate_to_datetime

from charset_normalizer import from_bytes

from diplograph.errors import IngestError
from diplograph.models import Document

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when the bytes look like BOM-less UTF-16 text, else None.

    Mostly-ASCII text in UTF-16 has a NUL in every other byte; binary files have NULs in
    no such rhythm.
    """
    n = len(head) - len(head) % 2
    if n < 16 or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    odd, even = head[1:n:2], head[0:n:2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, item: str) -> str:
    """Decode file bytes to text, detecting the encoding; refuse empty and binary input."""
    if not data.strip():
        raise IngestError("file is empty; nothing to ingest", item=item, code="D102")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:8192]
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:  # UTF-16 text without a byte-order mark: NULs in every other byte
        try:
            return clean_text(data.decode(utf16))
        except UnicodeDecodeError:
            pass
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(
            "looks like a binary file (NUL bytes); give a text, HTML, JSON or feed file",
            item=item,
            code="D101",
        )
    try:
        return clean_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    # Decision: the product reads English-language news, so among near-equal guesses the
    # Western-European code page wins (cp1252 French/Spanish names are common in diplomatic
    # text; Baltic/Central European code pages in English news are rare).
    if best is not None:
        for m in matches:
            if m.encoding in ("cp1252", "windows_1252", "latin_1", "iso8859_1") and (
                m.chaos <= best.chaos + 0.05
            ):
                best = m
                break
    if best is None:
        raise IngestError(
            "cannot detect the text encoding; convert the file to UTF-8", item=item, code="D104"
        )
    text = str(best)
    if len(_CONTROL.findall(text[:8192])) > 0.05 * max(1, len(text[:8192])):
        raise IngestError("looks like a binary file (control bytes)", item=item, code="D101")
    return clean_text(text)


def clean_text(text: str) -> str:
    """NFC-normalise, unify newlines and drop stray control characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_field(text: str | None) -> str | None:
    """Any text field at the one boundary: NUL, stray controls and lone surrogates dropped, NFC."""
    if text is None:
        return None
    return _CONTROL.sub("", _SURROGATE.sub("", unicodedata.normalize("NFC", text)))


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def safe_name(name: str) -> str:
    """A path or id that may hold undecodable bytes, as storable text.

    Python reads a non-UTF-8 file name with ``surrogateescape``: each bad byte becomes a lone
    surrogate (U+DC80-U+DCFF) that no database or terminal accepts. Each such byte is written
    as ``\\xNN`` instead, so ``café`` in Latin-1 and ``cafè`` stay two distinct ids; any other
    lone surrogate is dropped (:func:`clean_field`).
    """
    escaped = _ESCAPED_BYTE.sub(lambda m: f"\\x{ord(m.group(0)) - 0xDC00:02x}", name)
    return clean_field(escaped) or ""


def clean_document(doc: Document) -> Document:
    """Every text field of a document cleaned once, before hashing, extracting or storing."""
    text = clean_text(_SURROGATE.sub("", doc.text))
    return replace(
        doc,
        id=safe_name(doc.id) or doc.id.encode("utf-8", "surrogatepass").hex(),
        text=text,
        title=clean_field(doc.title),
        url=clean_field(doc.url),
        outlet=clean_field(doc.outlet),
        published=clean_field(doc.published),
        source_path=None if doc.source_path is None else safe_name(doc.source_path),
    )


def content_hash(text: str) -> str:
    """Stable hash of a document's text, used to skip exact re-ingests."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def normalize_published(value: object) -> str | None:
    """Turn a metadata date (ISO, RFC 822, US m/d/Y) into ``YYYY-MM-DD``; None if unknown."""
    if value is None:
        return None
    raw = str(value).strip()
    if not raw:
        return None
    m = _MDY.match(raw)
    if m:
        month, day, year = (int(g) for g in m.groups())
        try:
            return datetime(year, month, day).date().isoformat()
        except ValueError:
            return None
    iso = raw.replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(iso).date().isoformat()
    except ValueError:
        pass
    partial = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b", raw)
    if partial:
        # "2025-10 (page shows no date)": keep the precision the source gives
        return "-".join(g for g in partial.groups() if g)
    try:
        return parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
