"""Dashboard pages. Each handler gathers rows through the store and renders one template."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from diplograph.analysis.trends import data_coverage
from diplograph.query.canonical import stats_with_canonical
from diplograph.query.charts import monthly_chart, yearly_chart
from diplograph.query.downloads import FORMATS, Record, partner_rows, search_rows, tier_rows
from diplograph.query.identifiers import wikidata_url
from diplograph.query.views import (
    TIERS,
    actor_name,
    actor_names,
    document_detail,
    find_spans,
    partner_profile,
    partners_by_tier,
    segments,
    snippet_spans,
)
from diplograph.server.cache import cached_result
from diplograph.server.deps import DATE, SettingsDep, StoreDep
from diplograph.server.downloads import download_response, stream_download
from diplograph.settings import Settings
from diplograph.store import Filters, Store
from diplograph.web.trend_chart import partner_trend

PAGE_SIZE = 25
_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def number(value: float) -> str:
    """1.239e11 → '123,900,000,000'; 2.5 → '2.5'."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


_env.globals.update(
    actor_name=actor_name, segments=segments, TIERS=TIERS, number=number, wikidata_url=wikidata_url
)
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Text = Annotated[str | None, Query(max_length=200)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
Format = Annotated[
    str | None,
    Query(pattern="^(csv|json)$", description="csv or json: download every row of the view."),
]


def _clean(value: str | None, pattern: str, what: str) -> str | None:
    """Empty form fields mean 'no filter'; anything else must match ``pattern``."""
    value = (value or "").strip()
    if not value:
        return None
    if not re.match(pattern, value):
        raise HTTPException(400, f"{what} {value!r} is not valid; {_HINTS[what]}")
    return value


def _actor(value: str | None, what: str) -> str | None:
    """A country or organisation in any spelling → its code; unknown names are a 400 with hints."""
    from diplograph.query.inputs import InputError, actor_code

    value = (value or "").strip()
    if not value:
        return None
    try:
        return actor_code(value)
    except InputError as e:
        raise HTTPException(400, f"{what}: {e.message}") from None


def _event_type(value: str | None) -> str | None:
    """An event type in any case ("visit" → VISIT); a typo is a 400 with suggestions."""
    from diplograph.query.inputs import InputError, event_type

    value = (value or "").strip()
    if not value:
        return None
    try:
        return event_type(value)
    except InputError as e:
        raise HTTPException(400, f"type: {e.message}") from None


_HINTS = {
    "country": "use a code such as VNM",
    "partner": "use a code such as USA",
    "since": "use YYYY, YYYY-MM or YYYY-MM-DD",
    "until": "use YYYY, YYYY-MM or YYYY-MM-DD",
}


def _render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> Response:
    ctx.setdefault("nav", name.split(".")[0])
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def render_error(request: Request, status: int, error: str, errors: list[Any]) -> Response:
    """The HTML face of the error envelope (no stack traces)."""
    return _render(request, "error.html", status_code=status, status=status, error=error)


def _pager(request: Request, count: int, page: int) -> dict[str, Any]:
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}
    pages = max(1, -(-count // PAGE_SIZE))

    def url(n: int) -> str:
        return "?" + urlencode({**params, "page": n})

    return {
        "page": page,
        "pages": pages,
        "count": count,
        "prev": url(page - 1) if page > 1 else None,
        "next": url(page + 1) if page < pages else None,
    }


def _downloads(request: Request) -> dict[str, str]:
    """The view's own URL with ``format=csv`` / ``format=json``: same filters, every page."""
    params = {k: v for k, v in request.query_params.items() if k not in ("page", "format") and v}
    return {fmt: "?" + urlencode({**params, "format": fmt}) for fmt in FORMATS}


def _download(store: Store, kind: Record, f: Filters, fmt: str) -> Response:
    """Every row of the filtered view (all its pages, in its order) as a CSV or JSON file,
    streamed a page at a time under the request budget (#19)."""
    return stream_download(store, kind, f, fmt)


def _record_list(
    request: Request, store: Store, kind: Record, f: Filters, fmt: str | None, page: int
) -> Response:
    """A plain record list view: its download when ``fmt`` is set, else the page of rows."""
    if fmt:
        return _download(store, kind, f, fmt)
    count = store.count(kind, f)
    return _render(
        request,
        f"{kind}.html",
        rows=getattr(store, kind)(f),
        filters=f,
        pg=_pager(request, count, page),
        dl=_downloads(request),
        any_documents=count > 0 or store.count("documents", Filters()) > 0,
    )


def _with_context(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attach the sentence before and after each record's evidence sentence."""
    cache: dict[str, dict[int, str]] = {}
    out = []
    for r in rows:
        doc = r["doc_id"]
        if doc not in cache:
            cache[doc] = {s["idx"]: s["text"] for s in store.sentences(doc)}
        sents = cache[doc]
        sentence = r["sentence"]
        out.append(
            {
                **r,
                "before": sents.get(r["sent_idx"] - 1, ""),
                "after": sents.get(r["sent_idx"] + 1, ""),
                "parts": segments(sentence, find_spans(sentence, [r.get("trigger")])),
            }
        )
    return out


@router.get("/")
def overview(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    country: Annotated[
        str | None,
        Query(max_length=80, description="Country in any spelling [all, home's partners]."),
    ] = None,
) -> Response:
    """Counts (canonical events beside event records), events per month, partners by tier.
    ``country`` (any spelling; a typo is a 400 with suggestions) narrows the chart, the event
    types and the latest events to that country and shows its partners. The counts (seconds on
    a large store) are cached per store version, shared with /api/stats."""
    text = (country or "").strip()
    code = _actor(text, "country")
    home = code or settings.home
    stats = cached_result(request, ("stats",), stats_with_canonical)
    f = Filters(country=code)
    coverage = data_coverage(store, ("extracted",))  # the chart counts extracted events
    chart = monthly_chart(store.event_histogram(f, "month"), coverage=coverage)
    latest = _with_context(store, store.events(Filters(country=code, limit=5, newest_first=True)))
    return _render(
        request,
        "overview.html",
        stats=stats,
        chart=chart,
        tiers=partners_by_tier(store, home),
        home=home,
        focus=code,
        focus_text=text,
        focus_events=store.count("events", f) if code else 0,
        types=_types(store, code) if code else stats["events_by_type"],
        latest=latest,
        with_q=with_query(home, settings),
    )


def _types(store: Store, code: str) -> dict[str, int]:
    """Events of ``code`` per type, most first (records with both sides known)."""
    by_type: dict[str, int] = {}
    for r in store.event_pairs(Filters(country=code)):
        by_type[r["type"]] = by_type.get(r["type"], 0) + int(r["count"])
    return dict(sorted(by_type.items(), key=lambda kv: -kv[1]))


@router.get("/events")
def events(
    request: Request,
    store: StoreDep,
    country: Text = None,
    partner: Text = None,
    type: Text = None,
    since: Text = None,
    until: Text = None,
    page: PageNo = 1,
    format: Format = None,
) -> Response:
    """Event explorer: filters and each event's evidence in its document's context.

    ``format=csv`` or ``format=json`` downloads every event of the filters instead.
    """
    f = Filters(
        country=_actor(country, "country"),
        partner=_actor(partner, "partner"),
        type=_event_type(type),
        since=_clean(since, DATE, "since"),
        until=_clean(until, DATE, "until"),
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        newest_first=True,
    )
    if format:
        return _download(store, "events", f, format)
    rows = _with_context(store, store.events(f))
    count = store.count("events", f)
    return _render(
        request,
        "events.html",
        rows=rows,
        filters=f,
        types=sorted(store.stats()["events_by_type"]),
        pg=_pager(request, count, page),
        dl=_downloads(request),
        any_documents=bool(rows) or store.count("documents", Filters()) > 0,
    )


Home = Annotated[
    str | None,
    Query(alias="with", max_length=80, description="Home side in any spelling [DIPLOGRAPH_HOME]."),
]


def with_query(side: str | None, settings: Settings) -> str:
    """``?with=SIDE`` for links to partner pages seen from ``side``; empty for the home."""
    return "" if not side or side == settings.home else "?" + urlencode({"with": side})


def _home(value: str | None, settings: Settings) -> tuple[str, str]:
    """The home side a partners page is seen from (``?with=``, any spelling, else the
    configured home), and the query string its partner links carry to keep it."""
    code = _actor(value, "with") or settings.home
    return code, with_query(code, settings)


@router.get("/partners")
def partners(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    home: Home = None,
    format: Format = None,
) -> Response:
    """Every partner of the home country by tier; ``with`` picks another home (a selector, no
    restart); ``format`` downloads the table."""
    code, keep = _home(home, settings)
    tiers = partners_by_tier(store, code)
    if format:
        return download_response("tiers", tier_rows(code, tiers), Filters(country=code), format)
    return _render(
        request, "partners.html", tiers=tiers, home=code, with_q=keep, dl=_downloads(request),
        count=sum(len(p) for p in tiers.values()), home_text=(home or "").strip() or code,
    )  # fmt: skip


@router.get("/partners/{code}")
def partner(
    request: Request,
    code: str,
    store: StoreDep,
    settings: SettingsDep,
    home: Home = None,
    format: Format = None,
) -> Response:
    """Tier timeline, activity chart, latest events and figures of one partner, seen from the
    home country or from ``with``; ``format`` downloads them (:func:`partner_rows`)."""
    code = _actor(code, "partner") or ""
    side, _ = _home(home, settings)
    profile = partner_profile(store, side, code, latest=15)
    if not (profile.timeline or profile.latest_events or profile.figures):
        if profile.code not in actor_names():
            raise HTTPException(404, f"unknown partner {code!r}; pick one on the partners page")
    if format:
        pair = Filters(country=profile.home, partner=profile.code)
        return download_response("partner", partner_rows(profile), pair, format)
    rows = store.events(
        Filters(side, code if code.upper() != side else None, limit=15, newest_first=True)
    )
    return _render(
        request,
        "partner.html",
        nav="partners",
        p=profile,
        chart=yearly_chart(profile.events_by_year, data_coverage(store, ("extracted",))),
        latest=_with_context(store, rows),
        trend=partner_trend(store, side, code),
        dl=_downloads(request),
        rows=len(partner_rows(profile)),
    )


@router.get("/search")
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=500)] = None,
    since: Text = None,
    until: Text = None,
    page: PageNo = 1,
    format: Format = None,
) -> Response:
    """Full-text search with highlighted matches; ``format`` downloads every hit."""
    query = (q or "").strip()
    hits: list[dict[str, Any]] = []
    count = 0
    f = Filters(
        since=_clean(since, DATE, "since"),
        until=_clean(until, DATE, "until"),
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    if format:
        return download_response("search", search_rows(store, query, f), f, format, query)
    if query:
        for r in store.search(query, f):
            hits.append({**r, "parts": segments(r["text"], snippet_spans(r["text"], r["snippet"]))})
        count = store.count("search", f, query)
    return _render(
        request, "search.html", q=query, since=since or "", until=until or "", hits=hits,
        pg=_pager(request, count, page), dl=_downloads(request),
    )  # fmt: skip


@router.get("/documents")
def documents(
    request: Request,
    store: StoreDep,
    since: Text = None,
    until: Text = None,
    page: PageNo = 1,
    format: Format = None,
) -> Response:
    """Stored documents with record counts; ``since``/``until`` filter on publication dates."""
    f = Filters(
        since=_clean(since, DATE, "since"),
        until=_clean(until, DATE, "until"),
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    return _record_list(request, store, "documents", f, format, page)


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str, store: StoreDep) -> Response:
    """One document with every extraction highlighted in place."""
    d = document_detail(store, doc_id)
    if d is None:
        raise HTTPException(404, f"no document {doc_id!r}; see the documents page")
    notes: dict[int, list[tuple[str, str]]] = {}
    needles: dict[int, list[str | None]] = {}
    for e in d.events:
        pair = "→".join(x.code for x in (e.source, e.target) if x)
        notes.setdefault(e.evidence.sent_idx, []).append(
            ("event", f"{e.type} {pair} {e.date or ''}".strip())
        )
        needles.setdefault(e.evidence.sent_idx, []).append(e.trigger)
    for x in d.figures:
        notes.setdefault(x.evidence.sent_idx, []).append(
            ("figure", f"{x.indicator} = {number(x.value)} {x.unit}")
        )
        needles.setdefault(x.evidence.sent_idx, []).append(x.text)
    for r in d.relations:
        notes.setdefault(r.evidence.sent_idx, []).append(("relation", f"{r.level} {r.a}–{r.b}"))
        needles.setdefault(r.evidence.sent_idx, []).append(r.level)
    paragraphs: list[list[dict[str, Any]]] = [[]]
    prev_end = 0
    for s in d.sentences:
        if "\n" in d.text[prev_end : s.start] and paragraphs[-1]:
            paragraphs.append([])
        prev_end = s.end
        paragraphs[-1].append(
            {
                "idx": s.idx,
                "kind": s.kind,
                "parts": segments(s.text, find_spans(s.text, needles.get(s.idx, []))),
                "notes": notes.get(s.idx, []),
            }
        )
    return _render(request, "document.html", nav="documents", d=d, paragraphs=paragraphs)


@router.get("/documents/{doc_id}/explain/{sent_idx}")
def document_explain(
    request: Request, doc_id: str, sent_idx: int, store: StoreDep, settings: SettingsDep
) -> Response:
    """How one stored sentence becomes events: the same trace as ``diplograph explain``."""
    from diplograph.query.explain import explain_sentence

    d = document_detail(store, doc_id)
    if d is None:
        raise HTTPException(404, f"no document {doc_id!r}; see the documents page")
    s = next((x for x in d.sentences if x.idx == sent_idx), None)
    if s is None:
        raise HTTPException(404, f"document {doc_id!r} has no sentence {sent_idx}")
    context = d.text[max(0, s.start - 4000) : s.start]  # the document before it, for context
    trace = explain_sentence(s.text, context, settings.home, d.published)
    return _render(request, "explain.html", nav="documents", d=d, sent=s, trace=trace)


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """An offline API reference rendered from the OpenAPI schema."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                }
            )
    return _render(request, "api_docs.html", nav="docs", spec=spec, endpoints=endpoints)
