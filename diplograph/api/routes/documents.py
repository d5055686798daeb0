"""``/api/documents``: the stored documents, and one document with its records."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from diplograph.query.schemas import DocumentDetail, DocumentPublic, Page
from diplograph.query.views import document_detail
from diplograph.server.deps import Limit, Offset, Since, StoreDep, Until
from diplograph.store import Filters

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=Page[DocumentPublic])
def list_documents(
    store: StoreDep,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[DocumentPublic]:
    """Documents by id with their record counts; `since`/`until` filter on the publication date."""
    f = Filters(since=since, until=until, limit=limit, offset=offset)
    rows = store.documents(f)
    return Page(
        data=[DocumentPublic(**r) for r in rows],
        count=store.count("documents", f),
        limit=limit,
        offset=offset,
    )


@router.get("/documents/{doc_id}", response_model=DocumentDetail)
def get_document(doc_id: str, store: StoreDep) -> DocumentDetail:
    """One document: text, sentences (with offsets) and every record extracted from it."""
    detail = document_detail(store, doc_id)
    if detail is None:
        raise HTTPException(404, f"no document {doc_id!r}; list them at /api/documents")
    return detail
