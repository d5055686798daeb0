"""Render a :class:`~diplograph.reports.review.Review` as Markdown or HTML (Jinja2 templates).

Citations are numbered once per review: ``[3]`` points at entry 3 of the evidence list
(document id, sentence number and the sentence). HTML adds an inline SVG bar chart, no CDN;
PDF is that HTML printed by headless Chromium (:mod:`diplograph.reports.pdf`).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from diplograph.errors import ConfigError
from diplograph.query.canonical import CanonicalEvent, evidence_of
from diplograph.reports.review import WHY_DIFFERENT, Review

FORMATS = ("md", "html")  # text formats; "pdf" is printed from "html" by reports.pdf
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


class _Citations:
    """Numbers each distinct evidence sentence in order of first use."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._index: dict[tuple[str, Any], int] = {}

    def ref(self, ev: dict[str, Any]) -> int:
        key = (str(ev["doc"]), ev.get("sent_idx"))
        if key not in self._index:
            self.items.append(ev)
            self._index[key] = len(self.items)
        return self._index[key]

    def refs(self, evs: list[dict[str, Any]]) -> str:
        nums = sorted({self.ref(e) for e in evs})
        return "".join(f"[{n}]" for n in nums)


def _event_line(e: CanonicalEvent, cites: _Citations) -> dict[str, Any]:
    return {
        "date": e.date or "undated",
        "what": _VERBS.get(e.type, e.type.lower().replace("_", " ")),
        "pair": f"{e.source or '?'} → {e.target or '?'}",
        "place": e.location or "",
        "refs": cites.refs([evidence_of(s) for s in e.sources]),
        "reports": len(e.docs),
    }


def _named(code: str) -> str:
    """A code with its name for readers: "Japan (JPN)"; a code without a name stays as is."""
    from diplograph.query.names import display

    name = display(code)
    return f"{name} ({code})" if name != code else code


def review_context(review: Review) -> dict[str, Any]:
    """The plain data both templates render."""
    cites = _Citations()
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
    partners = [
        {"code": code, "name": _named(code), "events": [_event_line(e, cites) for e in evs]}
        for code, evs in review.partners.items()
    ]
    regions = [
        {
            "name": name,
            "count": sum(len(review.partners[c]) for c in codes),
            "partners": [
                {"code": c, "name": _named(c), "count": len(review.partners[c])} for c in codes
            ],
            "refs": cites.refs(
                [evidence_of(s) for c in codes for e in review.partners[c] for s in e.sources]
            ),
        }
        for name, codes in review.regions.items()
    ]
    citizens = [
        {
            "value": f"{(f.get('qualifier') or '').replace('_', ' ')} {f['value']:,.0f}".strip(),
            "period": f.get("period") or "",
            "refs": cites.refs([evidence_of(f)]),
        }
        for f in review.citizens
    ]
    multilateral = [_event_line(e, cites) for e in review.multilateral]
    tiers = [
        {
            "pair": f"{r['a']}–{r['b']}",
            "level": r["level"],
            "previous": r.get("previous") or "",
            "date": r.get("date") or "",
            "status": r.get("status"),
            "refs": cites.refs([evidence_of(r)]),
        }
        for r in review.tiers
    ]
    top = max([h.count for h in review.headlines] + [1])
    return {
        "country": review.country,
        "country_name": _named(review.country),
        "period": review.period.label,
        "note": review.note,
        "headlines": headlines,
        "why_different": WHY_DIFFERENT,
        "partners": partners,
        "regions": regions,
        "citizens": citizens,
        "citizens_total": f"{sum(float(f['value']) for f in review.citizens):,.0f}",
        "multilateral": multilateral,
        "tiers": tiers,
        "documents": review.documents,
        "citations": cites.items,
        "chart": {"top": top, "rows": [(h["label"], h["count"]) for h in headlines]},
    }


def _env() -> Environment:
    return Environment(
        loader=PackageLoader("diplograph.reports", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_review(review: Review, fmt: str = "md") -> str:
    """The review as Markdown (``md``) or a self-contained HTML page (``html``)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown review format {fmt!r}; use md, html or pdf", code="D421")
    template = _env().get_template(f"review.{fmt}.j2")
    return template.render(**review_context(review))


def render_review_body(review: Review) -> str:
    """The HTML review without ``<html>``, ``<head>`` or ``<style>``: for embedding in a page
    under a strict Content-Security-Policy (the dashboard). Autoescaped."""
    return _env().get_template("_review_body.html.j2").render(**review_context(review))
