"""Render a :class:`~diplograph.reports.review.Review` as Markdown or HTML (Jinja2 templates).

Citations are numbered once per review: ``[3]`` is entry 3 of the evidence list, and it links
to the cited sentence on the dashboard's document page (``/documents/ID#s3``; Markdown and
HTML alike, root-relative unless a ``base_url`` is given). A sources list names the outlet,
URL and publication date of each cited document. HTML adds inline SVG charts, no CDN. PDF is
the print variant of the HTML (citations jump to the evidence list inside the file, a table
of contents, page numbers) printed by headless Chromium (:mod:`diplograph.reports.pdf`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape

from diplograph.errors import ConfigError
from diplograph.query.canonical import CanonicalEvent, evidence_of
from diplograph.query.names import display
from diplograph.query.tiers import TierChange
from diplograph.reports.brief import compare_periods, named, summarize
from diplograph.reports.charts import (
    comparison_chart,
    headline_chart,
    month_chart,
    period_cover,
    region_chart,
    tier_chart,
)
from diplograph.reports.review import WHY_DIFFERENT, Review, country_regions

FORMATS = ("md", "html")  # text formats; "pdf" is printed from the print HTML by reports.pdf
_VERBS = {
    "VISIT": "visit",
    "MEET": "talks",
    "CALL": "call",
    "AGREE_SIGN": "agreement signed",
    "PARTNERSHIP_UPGRADE": "tier upgrade",
    "CONFERENCE": "conference",
    "ELECTED": "elected",
    "EVACUATE": "evacuation",
    "AID": "aid",
}
_WEB_URL = re.compile(r"https?://[^\s<>\"'`]+")


@dataclass(frozen=True)
class Links:
    """Where a rendered review points.

    ``base`` prefixes dashboard URLs ("" gives root-relative links such as
    ``/documents/ID#s3``, right for the dashboard and its downloads). ``dashboard=False``
    drops them (a PDF read away from the server); ``internal`` makes ``[n]`` jump to the
    evidence list inside the document instead.
    """

    base: str = ""
    dashboard: bool = True
    internal: bool = False

    def document(self, doc: Any) -> str:
        if not self.dashboard:
            return ""
        return f"{self.base}/documents/{quote(str(doc), safe='')}"

    def sentence(self, doc: Any, sent_idx: Any) -> str:
        page = self.document(doc)
        return f"{page}#s{sent_idx}" if page and sent_idx is not None else page

    def review(self, country: str, period: str) -> str:
        if not self.dashboard:
            return ""
        return f"{self.base}/reviews?{urlencode({'country': country, 'period': period})}"


class _Citations:
    """Numbers each distinct evidence sentence in order of first use."""

    def __init__(self, links: Links) -> None:
        self.links = links
        self.items: list[dict[str, Any]] = []
        self._index: dict[tuple[str, Any], int] = {}

    def ref(self, ev: dict[str, Any]) -> int:
        key = (str(ev["doc"]), ev.get("sent_idx"))
        if key not in self._index:
            self.items.append(ev)
            self._index[key] = len(self.items)
        return self._index[key]

    def refs(self, evs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``[{"n": 3, "href": …}, …]``, sorted by number, one per distinct sentence."""
        out = []
        for n in sorted({self.ref(e) for e in evs}):
            ev = self.items[n - 1]
            href = (
                f"#e{n}" if self.links.internal else self.links.sentence(ev["doc"], ev["sent_idx"])
            )
            out.append({"n": n, "href": href})
        return out


def _name(code: str | None) -> str:
    """A country by its name ("Japan"), an organisation by name and code; "?" when unknown."""
    if not code:
        return "?"
    return display(code) if code in country_regions() else named(code)


def _event_line(e: CanonicalEvent, cites: _Citations) -> dict[str, Any]:
    return {
        "date": e.date or "undated",
        "what": _VERBS.get(e.type, e.type.lower().replace("_", " ")),
        "pair": f"{_name(e.source)} → {_name(e.target)}",
        "place": e.location or "",
        "refs": cites.refs([evidence_of(s) for s in e.sources]),
        "reports": len(e.docs),
    }


def _tier_line(t: TierChange, country: str, cites: _Citations) -> dict[str, Any]:
    return {
        "date": t.date or "undated",
        "pair": f"{_name(t.a)} – {_name(t.b)}",
        "partner": _name(t.b if t.a == country else t.a),
        "level": t.level or "tier not stated",
        "previous": t.previous or "",
        "status": t.status,
        "refs": cites.refs(t.evidence),
        "reports": len({str(r["doc_id"]) for r in t.rows}),
        "dates": t.dates if t.dates_disagree else [],
    }


def _sources(review: Review, cites: _Citations, links: Links) -> list[dict[str, Any]]:
    """The cited documents in order of first citation, with outlet, URL and date."""
    rows = {str(d["id"]): d for d in review.documents}
    order: dict[str, list[dict[str, Any]]] = {}
    for n, ev in enumerate(cites.items, start=1):
        order.setdefault(str(ev["doc"]), []).append(ev | {"n": n})
    out = []
    for i, (doc, evs) in enumerate(order.items(), start=1):
        d = rows.get(doc, {"id": doc})
        url = str(d.get("url") or "")
        out.append(
            {
                "id": doc,
                "anchor": f"d{i}",
                "title": d.get("title") or "",
                "outlet": d.get("outlet") or "",
                "published": d.get("published") or "",
                "url": url if _WEB_URL.fullmatch(url) else "",
                "raw_url": "" if _WEB_URL.fullmatch(url) else url,
                "href": links.document(doc),
                "cited": [
                    {
                        "n": e["n"],
                        "href": f"#e{e['n']}"
                        if links.internal
                        else links.sentence(e["doc"], e["sent_idx"]),
                    }
                    for e in evs
                ],
            }
        )
    return out


def review_context(review: Review, links: Links | None = None) -> dict[str, Any]:
    """The plain data both templates render."""
    links = links or Links()
    cites = _Citations(links)
    summary = [
        {"text": p.text, "refs": cites.refs(p.evidence), "key": p.key, "count": p.count}
        for p in summarize(review)
    ]
    changes = compare_periods(review)
    before = review.previous.period.label if review.previous else ""
    changed: list[dict[str, Any]] = [
        {"key": c.key, "label": c.label, "now": c.now, "before": c.before, "change": c.change}
        for c in changes
    ]
    comparison = {
        "previous": before,
        "href": links.review(review.country, before) if before else "",
        "rows": changed,
    }
    headlines = []
    for h in review.headlines:
        stated = [
            {
                "value": f"{(f.get('qualifier') or '').replace('_', ' ')} {f['value']:g}".strip(),
                "refs": cites.refs([evidence_of(f)]),
                "differs": float(f["value"]) != h.count,
            }
            for f in h.stated
        ]
        headlines.append(
            {
                "key": h.key,
                "label": h.label,
                "count": h.count,
                "refs": cites.refs(h.citations),
                "stated": stated,
                "differs": any(s["differs"] for s in stated),
                "levels": [
                    {
                        "label": level,
                        "count": len(evs),
                        "refs": cites.refs([evidence_of(s) for e in evs for s in e.sources]),
                    }
                    for level, evs in h.levels.items()
                ],
            }
        )
    citizens = [
        {
            "value": f"{(f.get('qualifier') or '').replace('_', ' ')} {f['value']:,.0f}".strip(),
            "period": f.get("period") or "",
            "refs": cites.refs([evidence_of(f)]),
        }
        for f in review.citizens
    ]
    regions = [
        {
            "name": name,
            "count": sum(len(review.partners[c]) for c in codes),
            "partners": [
                {"code": c, "name": named(c), "count": len(review.partners[c])} for c in codes
            ],
            "refs": cites.refs(
                [evidence_of(s) for c in codes for e in review.partners[c] for s in e.sources]
            ),
        }
        for name, codes in review.regions.items()
    ]
    partners = [
        {"code": code, "name": named(code), "events": [_event_line(e, cites) for e in evs]}
        for code, evs in review.partners.items()
    ]
    multilateral = [_event_line(e, cites) for e in review.multilateral]
    tiers = [_tier_line(t, review.country, cites) for t in review.tiers]
    sources = _sources(review, cites, links)
    anchors = {s["id"]: s["anchor"] for s in sources}
    citations = [
        c
        | {
            "n": n,
            "href": links.sentence(c["doc"], c["sent_idx"]),
            "source": anchors.get(str(c["doc"]), ""),
        }
        for n, c in enumerate(cites.items, start=1)
    ]
    bilateral = [e for evs in review.partners.values() for e in evs]
    toc = [
        ("review-summary", "Summary"),
        *([("review-comparison", f"Compared with {before}")] if before else []),
        ("review-headlines", "Headline numbers"),
        ("review-citizens", "Citizens brought home"),
        ("review-regions", "By region"),
        ("review-partners", "By partner"),
        ("review-multilateral", "Multilateral work"),
        ("review-tiers", "Tier changes"),
        ("review-sources", "Sources"),
        ("review-evidence", "Evidence"),
    ]
    title = f"Foreign relations review: {named(review.country)}, {review.period.label}"
    return {
        "title": title,
        "running_head": re.sub(r"[^\w .,()–:-]", " ", title),  # safe inside a CSS string
        "country": review.country,
        "country_name": named(review.country),
        "period": review.period.label,
        "note": review.note,
        "summary": summary,
        "comparison": comparison,
        "headlines": headlines,
        "why_different": WHY_DIFFERENT,
        "partners": partners,
        "partners_chart": month_chart(bilateral, review.period, review.coverage),
        "regions": regions,
        "citizens": citizens,
        "citizens_total": f"{sum(float(f['value']) for f in review.citizens):,.0f}",
        "multilateral": multilateral,
        "multilateral_chart": month_chart(review.multilateral, review.period, review.coverage),
        "tiers": tiers,
        "sources": sources,
        "citations": citations,
        "charts": _charts(review, headlines, regions, tiers, changed),
        "toc": [{"id": i, "title": t} for i, t in toc],
        "print": links.internal,
    }


def _charts(
    review: Review,
    headlines: list[dict[str, Any]],
    regions: list[dict[str, Any]],
    tiers: list[dict[str, Any]],
    changes: list[dict[str, Any]],
) -> dict[str, dict[str, Any] | None]:
    """The category charts of the sections, each from the rows its table or list shows."""
    now = period_cover(review.coverage, review.period)
    before = review.previous
    return {
        "headlines": headline_chart(headlines, now),
        "regions": region_chart(regions, now),
        "tiers": tier_chart(tiers, now),
        "comparison": comparison_chart(
            changes,
            (review.period.label, before.period.label),
            (now, period_cover(review.coverage, before.period)),
        )
        if before and changes
        else None,
    }


def _env() -> Environment:
    return Environment(
        loader=PackageLoader("diplograph.reports", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_review(review: Review, fmt: str = "md", base_url: str = "") -> str:
    """The review as Markdown (``md``) or a self-contained HTML page (``html``).

    Citations link to the dashboard's document pages at ``base_url`` (root-relative when
    empty, as the dashboard serves them).
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown review format {fmt!r}; use md, html or pdf", code="D421")
    template = _env().get_template(f"review.{fmt}.j2")
    return template.render(**review_context(review, Links(base=base_url.rstrip("/"))))


def render_review_print(review: Review, base_url: str = "") -> str:
    """The HTML page a PDF is printed from: ``[n]`` jumps to the evidence list, a table of
    contents with page-number slots (filled by :func:`~diplograph.reports.pdf.print_pdf`) and
    page numbers in the page margin. Dashboard links only with a ``base_url``."""
    links = Links(base=base_url.rstrip("/"), dashboard=bool(base_url), internal=True)
    return _env().get_template("review.html.j2").render(**review_context(review, links))


def render_review_body(review: Review) -> str:
    """The HTML review without ``<html>``, ``<head>`` or ``<style>``: for embedding in a page
    under a strict Content-Security-Policy (the dashboard). Autoescaped."""
    return _env().get_template("_review_body.html.j2").render(**review_context(review))
