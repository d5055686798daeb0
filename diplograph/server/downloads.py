"""File responses for record downloads, shared by the API (``format=csv``) and the dashboard."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi.responses import Response

from diplograph.query.downloads import MEDIA_TYPES, Kind, download_name, render_download
from diplograph.store import Filters

# OpenAPI: a list endpoint with ``format=csv`` answers text/csv
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}},
}


def download_response(
    kind: Kind, rows: Iterable[dict[str, Any]], filters: Filters, fmt: str
) -> Response:
    """``rows`` as a CSV or JSON attachment named after the filters (``events-VNM-2023.csv``)."""
    name = download_name(kind, filters, fmt)
    return Response(
        render_download(kind, rows, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
