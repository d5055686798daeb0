"""One settings object: every field has a default and help, and a ``DIPLOGRAPH_*`` env var."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime configuration; pass it down instead of reading the environment deep inside."""

    model_config = SettingsConfigDict(env_prefix="DIPLOGRAPH_", extra="ignore")

    db: str = Field("diplograph.db", description="Database path or URL (sqlite file path).")
    home: str = Field(
        "VNM", description="Default home country (ISO3) that 'we' / 'our country' resolve to."
    )
    max_file_mb: float = Field(
        25.0, description="Files larger than this are refused with error D103 (JSONL is streamed)."
    )
    max_doc_chars: int = Field(
        2_000_000, description="A single document longer than this is refused (D103)."
    )


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (CLI options) on top."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]
