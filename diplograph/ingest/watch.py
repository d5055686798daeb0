"""Follow feeds and pages: poll a list of URLs, fetch only what changed, ingest what is new.

The list is a text file, one URL per line (``#`` starts a comment). Each poll sends the
ETag and Last-Modified of the previous answer (``If-None-Match``/``If-Modified-Since``), so
an unchanged feed costs one 304. Items are deduplicated by the store (same id and text are
skipped). A feed that fails is logged and retried at the next poll; the others go on. The
validators are kept in ``<FEEDS_FILE>.state.json`` so a restarted watch stays conditional.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplograph.errors import ConfigError, IngestError
from diplograph.ingest.fetch import fetch, is_url, make_client, read_fetched
from diplograph.ingest.normalize import clean_document
from diplograph.jobs import IngestSummary, ingest_items
from diplograph.settings import Settings
from diplograph.store import Store

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$", re.I)


def parse_every(text: str) -> float:
    """``15m`` → 900.0 seconds; ``30s``, ``2h`` and plain seconds also work."""
    m = _EVERY.match(text)
    if not m or float(m.group(1)) <= 0:
        raise ConfigError(
            f"cannot read the interval '{text}'; write it like 30s, 15m or 2h", code="D410"
        )
    return float(m.group(1)) * {"s": 1, "m": 60, "h": 3600}[(m.group(2) or "s").lower()]


def read_feed_list(path: Path) -> list[str]:
    """The URLs of a feeds file; a line that is not an http(s) URL is an error with its number."""
    if not path.is_file():
        raise ConfigError(f"no feeds file at {path}; write one URL per line", code="D411")
    urls: list[str] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        url = line.split("#", 1)[0].strip()
        if not url:
            continue
        if not is_url(url):
            raise ConfigError(f"{path}:{n}: '{url}' is not an http(s) URL", code="D411")
        urls.append(url)
    if not urls:
        raise ConfigError(f"{path} lists no URLs", code="D411")
    return list(dict.fromkeys(urls))


@dataclass
class PollReport:
    """What one poll did, per URL and in all."""

    added: int = 0
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    summary: IngestSummary = field(default_factory=IngestSummary)


@dataclass
class Watcher:
    """Polls ``urls`` into ``store``; ``state`` holds each URL's ETag and Last-Modified."""

    urls: list[str]
    store: Store
    settings: Settings
    state_path: Path | None = None
    state: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.state_path is not None and self.state_path.is_file():
            try:
                self.state = json.loads(self.state_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.state = {}  # a damaged state file only costs one full fetch

    def _headers(self, url: str) -> dict[str, str]:
        prev = self.state.get(url, {})
        h = {}
        if prev.get("etag"):
            h["If-None-Match"] = prev["etag"]
        if prev.get("last_modified"):
            h["If-Modified-Since"] = prev["last_modified"]
        return h

    def poll(self) -> PollReport:
        """Fetch every URL once and ingest the new items."""
        report = PollReport()
        max_bytes = int(self.settings.max_file_mb * 1_000_000)
        docs: list[Any] = []
        with make_client() as client:
            for url in self.urls:
                try:
                    got = fetch(url, max_bytes, client=client, headers=self._headers(url))
                except IngestError as err:
                    report.failed[url] = err.message
                    continue
                if got.not_modified:
                    report.unchanged.append(url)
                    continue
                try:
                    items = list(read_fetched(url, got))
                except IngestError as err:  # a body that cannot be read fails this URL only
                    report.failed[url] = err.message
                    continue
                bad = [i for i in items if isinstance(i, IngestError)]
                if bad and len(bad) == len(items):
                    report.failed[url] = bad[0].message
                    continue
                docs += [clean_document(i) for i in items if not isinstance(i, IngestError)]
                self.state[url] = {
                    k: v for k, v in (("etag", got.etag), ("last_modified", got.last_modified)) if v
                }
        report.summary = ingest_items(docs, self.store, self.settings, label="watch")
        report.added = report.summary.new + report.summary.updated
        if self.state_path is not None:
            self.state_path.write_text(json.dumps(self.state, indent=1), encoding="utf-8")
        return report

    def run(
        self,
        every_s: float,
        on_poll: Callable[[PollReport], None],
        polls: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Poll every ``every_s`` seconds, ``polls`` times (None: until interrupted)."""
        n = 0
        while polls is None or n < polls:
            on_poll(self.poll())
            n += 1
            if polls is None or n < polls:
                sleep(every_s)
