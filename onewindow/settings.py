"""Settings from environment variables (and a .env file), each with a working default."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.appointments.book import BookingRules
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
    secret_key: str | None = Field(
        default=None, description="signs chat references; kept in data_dir if unset"
    )
    action_token: str | None = Field(
        default=None,
        description="the token a Rasa server sends to the action endpoint; kept in data_dir if unset",
    )
    rest_token: str | None = Field(
        default=None, description="a bearer token the REST channel requires when set"
    )
    rate_limits: dict[str, str] = Field(default_factory=dict, description='e.g. {"message": "120/minute"}')
    api_docs: bool = Field(default=False, description="serve /docs and /openapi.json")
    public_metrics: bool = Field(default=False, description="/metrics for anyone, not only staff")
    upload_max_file_mb: int = Field(default=20, ge=1)
    upload_max_case_mb: int = Field(default=100, ge=1)
    upload_max_pages: int = Field(default=50, ge=1)
    upload_max_files: int = Field(default=30, ge=1, description="files in one pre-review case")
    prereview_retention_days: int = Field(default=30, ge=1, description="pre-review files and reports kept")
    booking_notice_hours: float = Field(default=2, ge=0, description="earliest booking, from now")
    booking_horizon_days: int = Field(default=14, ge=1, le=731, description="latest booking, from now")
    booking_hold_minutes: float = Field(default=10, gt=0, description="a chosen time kept while confirming")
    booking_change_cutoff_hours: float = Field(default=1, ge=0, description="no cancel or reschedule after")
    booking_max_active: int = Field(default=3, ge=1, description="upcoming bookings per phone number")
    appointment_retention_days: int = Field(
        default=90, ge=1, description="names and phones kept after a slot"
    )
    reminder_check_seconds: float = Field(default=60, gt=0, description="how often due reminders are sent")
    staff_session_hours: float = Field(default=12, gt=0, description="a staff login lasts this long")
    secure_cookies: bool = Field(default=False, description="staff cookies only over HTTPS (always on HTTPS)")
    handoff_hours: Literal["catalogue", "always"] = Field(
        default="catalogue", description="when chats go to staff: the center's opening hours, or always"
    )
    handoff_retention_days: int = Field(default=90, ge=1, description="staff chats' lines kept after closing")
    chat_retention_days: int = Field(
        default=90, ge=1, description="chat messages kept; web chat sessions unused this long end"
    )

    @property
    def desk(self) -> DeskSettings:
        limits = ReadLimits(max_file_bytes=self.upload_max_file_mb * 2**20, max_pages=self.upload_max_pages)
        return DeskSettings(
            limits, self.upload_max_case_mb * 2**20, self.upload_max_files, self.prereview_retention_days
        )

    @property
    def booking_rules(self) -> BookingRules:
        return BookingRules(
            notice=dt.timedelta(hours=self.booking_notice_hours),
            horizon=dt.timedelta(days=self.booking_horizon_days),
            hold=dt.timedelta(minutes=self.booking_hold_minutes),
            change_cutoff=dt.timedelta(hours=self.booking_change_cutoff_hours),
            max_active=self.booking_max_active,
            retention=dt.timedelta(days=self.appointment_retention_days),
        )

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'onewindow.sqlite3').resolve()}"

    def kept_secret(self, name: str) -> str:
        """The setting `name` (secret_key, action_token) or, unset, a random one kept in the data folder,
        the same for every server process that shares the folder."""
        given = getattr(self, name)
        if given:
            return given
        path = self.data_dir / f"{name.replace('_', '-')}.txt"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            draft = path.with_suffix(f".{os.getpid()}.tmp")
            draft.write_text(secrets.token_urlsafe(32), encoding="ascii")
            draft.chmod(0o600)
            try:  # a link is atomic: a process starting at the same time reads the winner's
                os.link(draft, path)
            except FileExistsError:
                pass
            finally:
                draft.unlink()
        return path.read_text(encoding="ascii").strip()
