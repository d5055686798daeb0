"""One reader per input format. Each yields Documents, or IngestErrors for bad items."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import feedparser

from diplograph.errors import IngestError
from diplograph.ingest.html import extract_page
from diplograph.ingest.normalize import clean_text, decode_bytes, normalize_published
from diplograph.models import Document

Item = Document | IngestError

_HEADER_LINE = re.compile(r"^([A-Za-z_]+):\s*(.*)$")
_HEADER_KEYS = {"url", "outlet", "published", "title", "lang", "id", "date", "source"}
_DATELINE = re.compile(
    r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?\s*\|\s*)?(\d{1,2}/\d{1,2}/\d{4})\s*$", re.I
)


def _slug(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-")[:120] or "item"


def parse_text(doc_id: str, text: str, source_path: str | None = None) -> Document:
    """Parse the three `.txt` layouts: key/value header + `---`, title + dateline, or bare.

    Layout (a): ``key: value`` lines closed by ``---``. Layout (b): title, blank line,
    ``9:23:48 AM | 2/14/2021`` (month/day/year). Layout (c): first line is the title, no date.
    The body keeps its characters exactly; offsets are relative to the body.
    """
    lines = text.split("\n")
    if "---" in (ln.strip() for ln in lines[:20]):
        meta: dict[str, str] = {}
        end = [ln.strip() for ln in lines].index("---")
        header = lines[:end]
        if header and all(_HEADER_LINE.match(ln) for ln in header if ln.strip()):
            for ln in header:
                m = _HEADER_LINE.match(ln)
                if m:
                    meta[m.group(1).lower()] = m.group(2).strip()
            if set(meta) & _HEADER_KEYS:
                body = "\n".join(lines[end + 1 :])
                return Document(
                    id=doc_id,
                    text=body,
                    title=meta.get("title") or None,
                    url=meta.get("url") or None,
                    published=normalize_published(meta.get("published") or meta.get("date")),
                    outlet=meta.get("outlet") or meta.get("source") or None,
                    lang=meta.get("lang") or "en",
                    source_path=source_path,
                    fmt="txt",
                )
    # Layout (b): a dateline within the first few lines
    for i, ln in enumerate(lines[:6]):
        m = _DATELINE.match(ln)
        if m and i > 0:
            title = next((x.strip() for x in lines[:i] if x.strip()), None)
            return Document(
                id=doc_id,
                text=text,
                title=title,
                published=normalize_published(m.group(1)),
                source_path=source_path,
                fmt="txt",
            )
    title = next((x.strip() for x in lines if x.strip()), None)
    return Document(id=doc_id, text=text, title=title, source_path=source_path, fmt="txt")


def read_text(path: Path, data: bytes) -> Iterator[Item]:
    text = decode_bytes(data, str(path))
    yield parse_text(path.stem, text, str(path))


def read_html(path: Path, data: bytes) -> Iterator[Item]:
    html = decode_bytes(data, str(path))
    page = extract_page(html, str(path))
    yield Document(
        id=path.stem,
        text=page.text,
        title=page.title,
        url=page.url,
        published=page.published,
        outlet=page.outlet,
        source_path=str(path),
        fmt="html",
    )


def record_to_document(record: object, item: str, fallback_id: str, fmt: str) -> Document:
    """Validate one JSON article record (`id`, `text`, `title`, `url`, `published`, ...)."""
    if not isinstance(record, dict):
        raise IngestError("record is not a JSON object", item=item, code="D106")
    text = record.get("text") or record.get("body") or record.get("content")
    if not isinstance(text, str) or not text.strip():
        raise IngestError("record has no `text` field with content", item=item, code="D106")
    rid = record.get("id")
    return Document(
        id=_slug(str(rid)) if rid not in (None, "") else fallback_id,
        text=clean_text(text),
        title=str(record["title"]) if record.get("title") else None,
        url=str(record["url"]) if record.get("url") else None,
        published=normalize_published(record.get("published") or record.get("date")),
        outlet=str(record["outlet"]) if record.get("outlet") else None,
        lang=str(record.get("lang") or "en"),
        source_path=item,
        fmt=fmt,
    )


def read_jsonl_lines(path: Path, lines: Iterator[bytes | None]) -> Iterator[Item]:
    """Read JSON Lines one record at a time; a broken line is an error for that line only.

    ``None`` stands for a line over the size limit (see ``ingest.bounded_lines``).
    """
    for n, raw in enumerate(lines, start=1):
        item = f"{path}:{n}"
        if raw is None:
            yield IngestError(
                "line is over the size limit; split the record or raise DIPLOGRAPH_MAX_FILE_MB",
                item=item,
                code="D103",
            )
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(decode_bytes(raw, item))
        except IngestError as err:
            yield err
            continue
        except json.JSONDecodeError as err:
            yield IngestError(f"broken JSON line ({err.msg})", item=item, code="D106")
            continue
        try:
            yield record_to_document(record, item, f"{path.stem}-{n}", "jsonl")
        except IngestError as err:
            yield err


def read_json(path: Path, data: bytes) -> Iterator[Item]:
    text = decode_bytes(data, str(path))
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as err:
        raise IngestError(
            f"malformed JSON at line {err.lineno} column {err.colno}: {err.msg}",
            item=str(path),
            code="D106",
        ) from err
    if isinstance(payload, dict) and isinstance(payload.get("articles"), list):
        payload = payload["articles"]
    if isinstance(payload, list):
        for n, record in enumerate(payload, start=1):
            try:
                yield record_to_document(record, f"{path}[{n}]", f"{path.stem}-{n}", "json")
            except IngestError as err:
                yield err
    else:
        yield record_to_document(payload, str(path), path.stem, "json")


def _html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    text = re.sub(r"(?i)<\s*(br|/p|/div|/li|/h\d)\s*/?>", "\n", fragment)
    text = re.sub(r"<[^>]+>", "", text)
    import html as _html

    return _html.unescape(text).strip()


def read_feed(path: Path, data: bytes) -> Iterator[Item]:
    """RSS 2.0 / Atom: each item or entry becomes a document."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no items"
        raise IngestError(f"not a readable RSS/Atom feed ({reason})", item=str(path), code="D107")
    for n, entry in enumerate(parsed.entries, start=1):
        item = f"{path}#{n}"
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        text = clean_text(_html_to_text(body))
        if not text.strip():
            yield IngestError("feed item has no text", item=item, code="D106")
            continue
        rid = entry.get("id") or entry.get("link") or f"{path.stem}-{n}"
        rid = rid.rstrip("/").rsplit("/", 1)[-1] if "/" in rid else rid
        yield Document(
            id=_slug(rid),
            text=text,
            title=entry.get("title"),
            url=entry.get("link"),
            published=normalize_published(entry.get("published") or entry.get("updated")),
            outlet=parsed.feed.get("title"),
            source_path=item,
            fmt="feed",
        )
