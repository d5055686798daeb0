"""``/reviews``: a review of one country and period rendered on the page, and its Markdown
and PDF downloads.

The review HTML comes from :func:`~diplograph.reports.render.render_review_body`: autoescaped,
no script and no inline style (the page's CSP allows neither); its SVG charts are inline
markup. Its citations link to this dashboard's document pages at the cited sentence, and so do
those of the Markdown download (root-relative links). The PDF is printed by headless Chromium
on the server (:mod:`diplograph.reports.pdf`); without Chromium the download answers 503 with
the [D422] message.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from diplograph.errors import ConfigError
from diplograph.reports.pdf import write_review_pdf
from diplograph.reports.render import render_review, render_review_body
from diplograph.reports.review import Review, build_review
from diplograph.server.deps import SettingsDep, StoreDep
from diplograph.store import Store
from diplograph.web.pages import Text, _actor, _render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PeriodText = Annotated[str | None, Query(max_length=40)]


def _review(store: Store, country: str | None, period: str | None) -> Review | None:
    """The review the form asks for; None until both fields are filled."""
    code = _actor(country, "country")
    text = (period or "").strip()
    if not (code and text):
        return None
    return build_review(store, code, text)


@router.get("/reviews")
def reviews(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    country: Text = None,
    period: PeriodText = None,
) -> Response:
    """A form (country, period) and, once filled, the review with a Markdown download."""
    error = ""
    body: Markup | None = None
    try:
        review = _review(store, country, period)
    except ConfigError as err:
        review, error = None, str(err)
    if review is not None:
        body = Markup(render_review_body(review))  # autoescaped by the reports templates
    return _render(
        request,
        "reviews.html",
        status_code=400 if error else 200,
        country=(country or "").strip() or settings.home,
        period=(period or "").strip(),
        error=error,
        body=body,
        review=review,
    )


def _download_review(store: Store, country: str | None, period: str | None) -> Review:
    try:
        review = _review(store, country, period)
    except ConfigError as err:
        raise HTTPException(400, str(err)) from err
    if review is None:
        raise HTTPException(400, "give both country (e.g. VNM) and period (e.g. 2023)")
    return review


def _filename(review: Review, ext: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", f"review-{review.country}-{review.period.label}")
    return f'attachment; filename="{name}.{ext}"'


@router.get("/reviews/review.md")
def review_markdown(store: StoreDep, country: Text = None, period: PeriodText = None) -> Response:
    """The same review as a Markdown file."""
    review = _download_review(store, country, period)
    return Response(
        render_review(review, "md"),
        media_type="text/markdown; charset=utf-8",
        headers={"content-disposition": _filename(review, "md")},
    )


@router.get("/reviews/review.pdf")
def review_pdf(store: StoreDep, country: Text = None, period: PeriodText = None) -> Response:
    """The same review as a PDF (table of contents, page numbers), printed by Chromium."""
    review = _download_review(store, country, period)
    with tempfile.TemporaryDirectory(prefix="diplograph-review-") as tmp:
        try:
            data = write_review_pdf(review, Path(tmp) / "review.pdf").read_bytes()
        except ConfigError as err:
            raise HTTPException(503 if err.code == "D422" else 500, str(err)) from err
    return Response(
        data,
        media_type="application/pdf",
        headers={"content-disposition": _filename(review, "pdf")},
    )
