"""Settings from environment variables (and a .env file), each with a working default."""

from __future__ import annotations

import datetime as dt
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
    staff_token: str | None = Field(default=None, description="bearer token of the staff API; off without it")
    upload_max_file_mb: int = Field(default=20, ge=1)
    upload_max_case_mb: int = Field(default=100, ge=1)
    upload_max_pages: int = Field(default=50, ge=1)
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

    @property
    def desk(self) -> DeskSettings:
        limits = ReadLimits(max_file_bytes=self.upload_max_file_mb * 2**20, max_pages=self.upload_max_pages)
        return DeskSettings(limits, self.upload_max_case_mb * 2**20, self.prereview_retention_days)

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
