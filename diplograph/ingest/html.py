"""Main-text extraction from HTML pages (trafilatura) with title, date and URL metadata."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from diplograph.errors import IngestError
from diplograph.ingest.normalize import clean_text, normalize_published

MIN_ARTICLE_WORDS = 8


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: str | None
    url: str | None
    outlet: str | None


def extract_page(html: str, item: str) -> Page:
    """Return the article body of an HTML page without menus, footers and related-news lists."""
    if "<" not in html:
        raise IngestError("not HTML: no markup found", item=item, code="D105")
    result = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    text = getattr(result, "text", None) if result is not None else None
    # a page whose "article" is a few words (a menu, a cookie notice) has no article (#19)
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        raise IngestError(
            "no article text found in the HTML (malformed or boilerplate only)",
            item=item,
            code="D105",
        )
    return Page(
        text=clean_text(text),
        title=getattr(result, "title", None),
        published=normalize_published(getattr(result, "date", None)),
        url=getattr(result, "url", None),
        outlet=getattr(result, "sitename", None),
    )
