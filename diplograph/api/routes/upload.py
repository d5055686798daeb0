"""``POST /api/documents``: upload articles to ingest (only with DIPLOGRAPH_TOKEN set).

Accepts ``multipart/form-data`` files (the extension picks the reader, the stem is the id),
a JSON article or list of articles, or ``text/plain`` with ``?id=``. The body is capped at
``DIPLOGRAPH_MAX_UPLOAD_MB`` before anything is parsed.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.types import Message

from diplograph.ingest import FORMATS
from diplograph.query.schemas import IngestResult
from diplograph.server.deps import SettingsDep, open_request_store, require_token
from diplograph.server.errors import error_body
from diplograph.settings import Settings

router = APIRouter(tags=["documents"])

MAX_FILES = 50


async def read_capped(request: Request, max_bytes: int) -> bytes:
    """The request body, refused with 413 as soon as it exceeds ``max_bytes``."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise HTTPException(413, f"body over the {max_bytes:,}-byte upload limit")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise HTTPException(413, f"body over the {max_bytes:,}-byte upload limit")
    return bytes(body)


def safe_name(name: str | None, default_suffix: str = ".txt") -> str:
    """A file name without folders or odd characters, keeping a supported extension."""
    base = Path(name or "upload").name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-")[:120] or "upload"
    if suffix not in FORMATS:
        raise HTTPException(
            415, f"unsupported file type {suffix or '(none)'!r}; use {', '.join(sorted(FORMATS))}"
        )
    return stem + (suffix or default_suffix)


async def _files(request: Request, body: bytes, doc_id: str | None) -> list[tuple[str, bytes]]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        form = await Request(request.scope, replay).form(max_files=MAX_FILES)
        files: list[tuple[str, bytes]] = []
        try:
            for _, value in form.multi_items():
                if isinstance(value, UploadFile):
                    files.append((safe_name(value.filename), await value.read()))
        finally:
            await form.close()
        if not files:
            raise HTTPException(400, "no file in the form; send one or more `file` fields")
        return files
    if ctype == "application/json":
        return [(safe_name(f"{doc_id or 'upload'}.json"), body)]
    if ctype in ("text/plain", ""):
        if not doc_id:
            raise HTTPException(400, "plain-text uploads need ?id=DOCUMENT_ID")
        return [(safe_name(f"{doc_id}.txt"), body)]
    raise HTTPException(415, f"unsupported content type {ctype!r}")


def ingest_files(files: list[tuple[str, bytes]], settings: Settings) -> IngestResult | Response:
    """Write the uploads to a private temporary folder and run the normal ingest on it.

    Items that fail are listed with their codes beside the stored ones (201); when no item
    could be ingested at all, the answer is a 422 in the error envelope, one coded error per
    item (``{"code": "D110", "item": "upload.json", "msg": ...}``), never a 500.
    """
    from diplograph.jobs import ingest_documents

    store = open_request_store(settings)
    try:
        with tempfile.TemporaryDirectory(prefix="diplograph-upload-") as tmp:
            for name, data in files:
                (Path(tmp) / name).write_bytes(data)
            summary = ingest_documents([tmp], store, settings)
            errors = [str(e).replace(tmp + "/", "") for e in summary.errors]
            coded = [
                {"code": e.code, "item": (e.item or "").replace(tmp + "/", ""), "msg": e.message}
                for e in summary.errors
            ]
    finally:
        store.close()
    if summary.failed and not (summary.new or summary.updated or summary.duplicate):
        error = "no document could be ingested: " + "; ".join(errors)
        return JSONResponse(error_body(422, error, coded), status_code=422)
    return IngestResult(**summary.as_dict(), errors=errors)


@router.post(
    "/documents",
    status_code=201,
    response_model=IngestResult,
    dependencies=[Depends(require_token)],
    responses={422: {"description": "No item could be ingested: one coded error per item."}},
)
async def upload_documents(
    request: Request,
    settings: SettingsDep,
    id: Annotated[
        str | None, Query(max_length=120, description="Document id for a text/plain body.")
    ] = None,
) -> IngestResult | Response:
    """Ingest uploaded articles (needs `Authorization: Bearer <DIPLOGRAPH_TOKEN>`).

    201 with the counts, and the coded errors of any item that failed beside stored ones;
    422 when no item could be ingested (malformed, binary, too deep, too large, empty)."""
    body = await read_capped(request, int(settings.max_upload_mb * 1_000_000))
    files = await _files(request, body, id)
    return await run_in_threadpool(ingest_files, files, settings)
