"""``/api/ask``: a factual answer with its evidence, the same as ``diplograph ask``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from diplograph.query.ask import answer
from diplograph.server.deps import StoreDep

router = APIRouter(tags=["ask"])
MAX_QUESTION = 500


@router.get("/ask")
def ask(
    store: StoreDep,
    q: Annotated[str, Query(min_length=3, max_length=MAX_QUESTION, description="The question.")],
) -> dict[str, Any]:
    """Answer, evidence sentences and calibrated confidence; ``answer`` is null when unknown
    (with the ``nearest`` sentences)."""
    return answer(store, q.replace("\x00", "")).to_dict()
