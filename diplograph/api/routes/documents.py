"""``/api/documents``: the stored documents, and one document with its records."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from diplograph.api.deps import Limit, Offset, Since, StoreDep, Until
from diplograph.api.schemas import (
    DocumentDetail,
    DocumentPublic,
    EventPublic,
    FigurePublic,
    Page,
    RelationPublic,
    SentencePublic,
)
from diplograph.store import Filters, Store

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


def document_detail(store: Store, doc_id: str) -> DocumentDetail | None:
    """A document with its sentences, events, figures and relations (None if unknown)."""
    row = store.get_document(doc_id)
    if row is None:
        return None
    f = Filters(doc=doc_id)
    return DocumentDetail(
        id=row["id"],
        title=row["title"],
        url=row["url"],
        published=row["published"],
        outlet=row["outlet"],
        lang=row["lang"],
        version=row["version"],
        text=row["text"],
        sentences=[SentencePublic(**s) for s in store.sentences(doc_id)],
        events=[EventPublic.from_row(r) for r in store.events(f) if r["doc_id"] == doc_id],
        figures=[FigurePublic.from_row(r) for r in store.figures(f) if r["doc_id"] == doc_id],
        relations=[RelationPublic.from_row(r) for r in store.relations(f) if r["doc_id"] == doc_id],
    )


@router.get("/documents/{doc_id}", response_model=DocumentDetail)
def get_document(doc_id: str, store: StoreDep) -> DocumentDetail:
    """One document: text, sentences (with offsets) and every record extracted from it."""
    detail = document_detail(store, doc_id)
    if detail is None:
        raise HTTPException(404, f"no document {doc_id!r}; list them at /api/documents")
    return detail
