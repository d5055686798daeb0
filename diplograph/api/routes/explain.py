"""``/api/explain``: how a sentence becomes events (the same trace as ``diplograph explain``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from diplograph.query.explain import MAX_CHARS, explain_sentence

router = APIRouter(tags=["explain"])


@router.get("/explain")
def explain(
    sentence: Annotated[str, Query(min_length=1, max_length=MAX_CHARS)],
    home: Annotated[str, Query(pattern=r"^[A-Za-z]{2,8}$")] = "VNM",
    published: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
) -> dict[str, Any]:
    """Actors and how each resolved, rule ids that fired, model scores, kept/dropped events."""
    try:
        return explain_sentence(sentence.replace("\x00", ""), "", home, published)
    except ValueError as err:
        raise HTTPException(status_code=422, detail=str(err)) from err
