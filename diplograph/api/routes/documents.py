"""``/api/documents``: the stored documents, and one document with its records."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from diplograph.query.schemas import DocumentDetail, DocumentPublic, Page
from diplograph.query.views import document_detail
from diplograph.server.deps import Limit, ListFormat, Offset, Since, StoreDep, Until
from diplograph.server.downloads import CSV_RESPONSE
from diplograph.server.lists import list_response
from diplograph.store import Filters

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=Page[DocumentPublic], responses=CSV_RESPONSE)
async def list_documents(
    request: Request,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: ListFormat = "json",
) -> Response:
    """Documents by id with their record counts; `since`/`until` filter on the publication date.
    `format=csv`: the same rows as CSV."""
    f = Filters(since=since, until=until, limit=limit, offset=offset)
    return await list_response(request, "documents", f, format)


@router.get("/documents/{doc_id}", response_model=DocumentDetail)
def get_document(doc_id: str, store: StoreDep) -> DocumentDetail:
    """One document: text, sentences (with offsets) and every record extracted from it."""
    detail = document_detail(store, doc_id)
    if detail is None:
        raise HTTPException(404, f"no document {doc_id!r}; list them at /api/documents")
    return detail
