"""Security headers on every response (a strict CSP and friends); NUL in a request refused."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


class RejectNulMiddleware:
    """A NUL in the path or query string is refused with 400 before any handler runs.

    No store accepts NUL in text (PostgreSQL raises), and no name, date or search needs it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            query = bytes(scope.get("query_string", b"")).lower()
            path = str(scope.get("path", ""))
            if b"%00" in query or b"\x00" in query or "\x00" in path:
                message = "NUL characters are not allowed in a request; remove them and retry"
                await JSONResponse(error_body(400, message), status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)
