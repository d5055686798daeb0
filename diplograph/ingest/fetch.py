"""Pages and feeds over HTTP: one bounded GET per URL, read by the reader its content type names.

Bounds: a timeout per request (connect and each read), at most ``MAX_REDIRECTS`` redirects,
the body cut off at ``max_bytes`` while it streams, and only text content types (HTML, feeds,
plain text, JSON). Every failure is an ``IngestError`` for that URL (code D114, or D103 for
size, D107 for type), so a batch of URLs goes on past a dead one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from diplograph.errors import IngestError
from diplograph.ingest.readers import Item, read_feed, read_html, read_json, read_text
from diplograph.models import Document

if TYPE_CHECKING:  # httpx loads only when a URL is read
    import httpx

TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "diplograph (+https://github.com/diplograph/diplograph)"
# content type → reader
KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "text/plain": "txt",
    "application/json": "json",
}


def is_url(raw: str) -> bool:
    """Whether an ingest argument is an http(s) URL rather than a path."""
    return raw.lower().startswith(("http://", "https://"))


def url_id(url: str) -> str:
    """A stable document id for a URL: its last path segment and a short hash of the whole."""
    parts = urlsplit(url)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.netloc
    last = re.sub(r"\.(?:html?|php|aspx?)$", "", last, flags=re.I)
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", last).strip("-")[:60] or "page"
    return f"{slug}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


@dataclass
class Fetched:
    """One response body with what is needed to read it."""

    url: str  # after redirects
    kind: str
    data: bytes
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def fetch(
    url: str,
    max_bytes: int,
    client: httpx.Client | None = None,
    headers: dict[str, str] | None = None,
) -> Fetched:
    """GET ``url`` within the bounds; raise ``IngestError`` on any failure."""
    import httpx

    own = client is None
    c = client or make_client()
    try:
        with c.stream("GET", url, headers=headers or {}) as r:
            if r.status_code == 304:
                return Fetched(str(r.url), "", b"", not_modified=True)
            if r.status_code >= 400:
                raise IngestError(f"HTTP {r.status_code} {r.reason_phrase}", item=url, code="D114")
            ctype = r.headers.get("content-type", "").split(";")[0].strip().lower()
            kind = KINDS.get(ctype)
            if kind is None:
                raise IngestError(
                    f"content type '{ctype or '(none)'}' is not a page or feed; "
                    f"supported: {', '.join(sorted(KINDS))}",
                    item=url,
                    code="D107",
                )
            declared = r.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_big(url, int(declared), max_bytes)
            body = bytearray()
            for chunk in r.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise _too_big(url, len(body), max_bytes)
            return Fetched(
                str(r.url),
                kind,
                bytes(body),
                etag=r.headers.get("etag"),
                last_modified=r.headers.get("last-modified"),
            )
    except httpx.TooManyRedirects:
        raise IngestError(f"more than {MAX_REDIRECTS} redirects", item=url, code="D114") from None
    except httpx.TimeoutException:
        raise IngestError(
            f"timed out after {TIMEOUT_S:.0f} s; try again later", item=url, code="D114"
        ) from None
    except httpx.HTTPError as err:
        raise IngestError(f"cannot fetch: {err}", item=url, code="D114") from None
    finally:
        if own:
            c.close()


def make_client() -> httpx.Client:
    """One client with the bounds every fetch shares."""
    import httpx

    return httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(TIMEOUT_S),
        headers={"User-Agent": USER_AGENT},
    )


def _too_big(url: str, size: int, max_bytes: int) -> IngestError:
    return IngestError(
        f"response is over {max_bytes / 1e6:.0f} MB ({size / 1e6:.1f} MB); "
        "raise DIPLOGRAPH_MAX_FILE_MB to read it",
        item=url,
        code="D103",
    )


def read_fetched(requested: str, f: Fetched) -> Iterator[Item]:
    """The documents in one fetched body, read by the file reader of its content type.

    A page or text keeps the URL it came from (after redirects) and, for a page without a
    site name, the host as its outlet. Raises ``IngestError`` when the body cannot be read.
    """
    reader = {"feed": read_feed, "json": read_json, "txt": read_text, "html": read_html}[f.kind]
    for item in reader(Path(url_id(requested)), f.data):
        if isinstance(item, Document) and f.kind in ("txt", "html"):
            outlet = item.outlet or (urlsplit(f.url).netloc if f.kind == "html" else None)
            item = replace(item, url=item.url or f.url, outlet=outlet, source_path=requested)
        yield item


def read_url(url: str, max_bytes: int) -> Iterator[Item]:
    """Fetch and read one URL; every failure becomes an error item."""
    try:
        yield from read_fetched(url, fetch(url, max_bytes))
    except IngestError as err:
        err.item = url  # the URL, not the id made from it
        yield err
