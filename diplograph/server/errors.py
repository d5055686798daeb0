"""One error envelope for the whole app: ``{"ok": false, "error", "errors", "status"}``.

API paths get JSON; dashboard pages get an HTML page. Clients never see a stack trace:
unexpected exceptions are logged and answered with a generic 500.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from diplograph.budget import current_budget
from diplograph.errors import BudgetError, ConfigError, DiplographError, StoreError

log = logging.getLogger("diplograph.api")

MESSAGES = {
    400: "bad request",
    401: "authentication required",
    404: "not found",
    405: "method not allowed",
    411: "length required",
    413: "request body too large",
    415: "unsupported media type",
    422: "invalid parameters",
    500: "internal error; see the server log",
    503: "the store is unavailable",
}


def error_body(status: int, error: str, errors: list[Any] | None = None) -> dict[str, Any]:
    """The envelope every error response uses."""
    return {"ok": False, "error": error, "errors": errors or [], "status": status}


def wants_json(request: Request) -> bool:
    """API and OpenAPI paths answer JSON; everything else is a dashboard page."""
    path = request.url.path
    return path.startswith(("/api", "/static")) or path == "/openapi.json"


def _respond(
    request: Request,
    status: int,
    error: str,
    errors: list[Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    render = getattr(request.app.state, "render_error", None)
    if render is not None and not wants_json(request):
        response: Response = render(request, status, error, errors or [])
        if headers:
            response.headers.update(headers)
        return response
    return JSONResponse(error_body(status, error, errors), status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else MESSAGES.get(exc.status_code, "error")
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"nothing at {request.url.path}"
    elif exc.status_code == 405 and detail == "Method Not Allowed":
        detail = f"{request.method} is not allowed on {request.url.path}"
    return _respond(request, exc.status_code, detail, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": ".".join(str(p) for p in e.get("loc", ())), "msg": e.get("msg", "")}
        for e in exc.errors()
    ]
    summary = "; ".join(f"{e['loc']}: {e['msg']}" for e in errors) or MESSAGES[422]
    return _respond(request, 422, summary, errors)


async def _diplograph_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DiplographError)
    status = 503 if isinstance(exc, StoreError | BudgetError) else 500
    status = 400 if isinstance(exc, ConfigError) else status
    log.warning("request failed: %s", exc)
    errors = [{"code": exc.code}] if isinstance(exc, BudgetError) else None
    return _respond(request, status, str(exc), errors)


async def _sqlite_error(request: Request, exc: Exception) -> Response:
    """A statement interrupted because the request's budget ran out is that budget's 503."""
    budget = current_budget()
    if budget is not None and budget.is_over():
        return await _diplograph_error(request, budget.error())
    return await _unexpected(request, exc)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return _respond(request, 500, MESSAGES[500])


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through the envelope."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DiplographError, _diplograph_error)
    app.add_exception_handler(sqlite3.OperationalError, _sqlite_error)
    app.add_exception_handler(Exception, _unexpected)
