"""Settings from environment variables (and a .env file), each with a working default."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.prereview.desk import DeskSettings
from bot.prereview.documents import ReadLimits
from knowledge.loader import SAMPLE_CATALOGUE


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ONEWINDOW_", env_file=".env", extra="ignore")

    catalogue: Path = Field(default=SAMPLE_CATALOGUE, description="catalogue file or folder")
    data_dir: Path = Field(default=Path("var"), description="uploads, model cache, index cache")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; SQLite in data_dir if unset")
    embedding_model: str | None = Field(default=None, description="sentence-transformers name or folder")
    brain: Literal["embedded", "rasa"] = "embedded"
    rasa_url: str = "http://127.0.0.1:5005"
    telegram_token: str | None = None
    telegram_webhook_url: str | None = None
    telegram_api_url: str | None = None
    redis_url: str | None = None
    workers: int = Field(default=1, ge=1, description="server processes; one per core suits a busy hall")
    staff_token: str | None = Field(default=None, description="bearer token of the staff API; off without it")
    upload_max_file_mb: int = Field(default=20, ge=1)
    upload_max_case_mb: int = Field(default=100, ge=1)
    upload_max_pages: int = Field(default=50, ge=1)
    prereview_retention_days: int = Field(default=30, ge=1, description="pre-review files and reports kept")

    @property
    def desk(self) -> DeskSettings:
        limits = ReadLimits(max_file_bytes=self.upload_max_file_mb * 2**20, max_pages=self.upload_max_pages)
        return DeskSettings(limits, self.upload_max_case_mb * 2**20, self.prereview_retention_days)

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'onewindow.sqlite3').resolve()}"
