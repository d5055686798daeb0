"""Security headers on every response (a strict CSP and friends); NUL and control characters
in a request refused; a time budget for every read request."""

from __future__ import annotations

import asyncio
import re

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from diplograph.budget import Budget
from diplograph.server.errors import error_body

# No inline scripts or styles anywhere: JS and CSS come from /static only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


class SecurityHeadersMiddleware:
    """Pure ASGI middleware (no body buffering) that adds :data:`HEADERS`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in HEADERS.items():
                    headers.setdefault(key, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


# NUL, the other C0 controls but tab, newline and carriage return, and DEL: raw or %-encoded
_CONTROL_CLASS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_CONTROL_CHARS = re.compile(_CONTROL_CLASS)
_CONTROL_BYTES = re.compile(_CONTROL_CLASS.encode() + rb"|%(?:0[0-8bcef]|1[0-9a-f]|7f)")


class RejectNulMiddleware:
    """A NUL or other control character in the path or query string is refused with 400
    before any handler runs.

    No store accepts NUL in text (PostgreSQL raises), and no name, date, id or search needs a
    control character; tab, newline and carriage return (pasted text) are let through.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            query = bytes(scope.get("query_string", b"")).lower()
            path = str(scope.get("path", ""))
            if _CONTROL_BYTES.search(query) or _CONTROL_CHARS.search(path):
                message = (
                    "NUL and other control characters are not allowed in a request; "
                    "remove them and retry"
                )
                await JSONResponse(error_body(400, message), status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


# The analyses over the whole store (conflicts, trends and their forecast, alerts, as API and
# pages) get twice a list's budget: their first computation after an ingest is shared by every
# request that wants it and cached, and under 200 clients on 2 cores the first since-filtered
# conflicts of a 10,000-document store (1.2 s idle) ran past 5 s and answered 503 (#19).
ANALYSIS_PATHS = frozenset(
    {"/api/conflicts", "/api/trends", "/api/forecast", "/api/alerts", "/conflicts", "/alerts"}
)
ANALYSIS_FACTOR = 2.0


class RequestBudgetMiddleware:
    """Every GET/HEAD request runs under a :class:`~diplograph.budget.Budget` of ``seconds``.

    The budget is the current one for the handler (and the worker thread a sync handler runs
    in), so the loops of trends, alerts, forecasts, conflicts and ``ask`` stop at their next
    check once it is over, and SQLite statements are interrupted (the progress handler of
    ``deps.open_request_store``); the error handlers answer 503 with D501. A watcher reads the
    ASGI messages on the request's behalf and cancels the budget when the client disconnects
    (D502), so nobody's work goes on for a closed socket. Writes (POST) are not cut halfway:
    they keep their size limits.
    """

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    def seconds_for(self, path: str) -> float:
        """The budget of a request: ``seconds``, or ``ANALYSIS_FACTOR`` × it for the analyses
        over the whole store (:data:`ANALYSIS_PATHS`)."""
        if path.rstrip("/") in ANALYSIS_PATHS:
            return self.seconds * ANALYSIS_FACTOR
        return self.seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        budget = Budget(self.seconds_for(path), f"{scope.get('method')} {path}")
        inbox: asyncio.Queue[Message] = asyncio.Queue()

        async def watch() -> None:  # a GET has one (empty) body message; then only disconnect
            while True:
                message = await receive()
                await inbox.put(message)
                if message["type"] == "http.disconnect":
                    budget.cancel("the client disconnected")
                    return

        with budget.scope():
            watcher = asyncio.ensure_future(watch())
            try:
                await self.app(scope, inbox.get, send)
            finally:
                watcher.cancel()
