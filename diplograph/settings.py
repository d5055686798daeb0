"""One settings object: every field has a default and help, and a ``DIPLOGRAPH_*`` env var."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from diplograph import DEFAULT_DB


class Settings(BaseSettings):
    """Runtime configuration; pass it down instead of reading the environment deep inside."""

    model_config = SettingsConfigDict(env_prefix="DIPLOGRAPH_", extra="ignore")

    db: str = Field(
        DEFAULT_DB,
        description="SQLite file path, or a PostgreSQL URL (postgresql://user@host:5432/db).",
    )
    home: str = Field(
        "VNM", description="Default home country (ISO3) that 'we' / 'our country' resolve to."
    )
    max_file_mb: float = Field(
        25.0, description="Files larger than this are refused with error D103 (JSONL is streamed)."
    )
    max_doc_chars: int = Field(
        2_000_000, description="A single document longer than this is refused (D103)."
    )
    token: str | None = Field(
        None,
        min_length=16,
        description="Bearer token for the API's write endpoints (POST /api/documents); "
        "unset = read-only API. Use 16+ random characters.",
    )
    max_upload_mb: float = Field(
        5.0, gt=0, description="Largest request body POST /api/documents accepts (HTTP 413 above)."
    )
    request_budget: float = Field(
        5.0,
        gt=0,
        le=3600,
        description="Seconds a read request may work before it stops and answers 503 (D501); "
        "a client that disconnects stops its request too (D502).",
    )


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (CLI options) on top."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]
