"""The catalogue format (DESIGN.md, "Catalogue format") as pydantic models."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from knowledge import doctypes

Lang = Literal["zh", "en"]


class Strict(BaseModel):
    """Base for every catalogue object: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalText(Strict):
    """A text in Chinese and/or English."""

    zh: str | None = None
    en: str | None = None

    def get(self, lang: Lang) -> str:
        """The text in `lang`, falling back to the other language."""
        if lang == "en":
            return self.en or self.zh or ""
        return self.zh or self.en or ""

    def all(self) -> list[str]:
        return [t for t in (self.zh, self.en) if t]


def _string_means_chinese(value: object) -> object:
    return {"zh": value} if isinstance(value, str) else value


Text = Annotated[LocalText, BeforeValidator(_string_means_chinese)]
"""A catalogue text field: a string (Chinese) or `{zh: ..., en: ...}`."""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_KEY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$")
_PERIOD = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$")


class Form(StrEnum):
    original = "original"
    copy = "copy"
    original_and_copy = "original_and_copy"
    electronic = "electronic"


class CheckField(StrEnum):
    id_number = "id_number"
    uscc = "uscc"
    phone = "phone"


class Check(Strict):
    """Pre-review rules of a material; all optional."""

    keywords: list[str] = []
    fields: list[CheckField] = []
    max_age_days: int | None = Field(default=None, ge=1)
    not_expired: bool = False
    min_pages: int | None = Field(default=None, ge=1)
    document: list[str] = []  # accepted document types (knowledge/data/document_types.yml)
    sealed: bool = False  # an official red seal must be on it
    signed: bool = False  # a handwritten signature must be on it

    @field_validator("document")
    @classmethod
    def _known_types(cls, value: list[str]) -> list[str]:
        known = doctypes.library()
        unknown = [t for t in value if t not in known]
        if unknown:
            raise ValueError(f"unknown document type {', '.join(unknown)}; known: {', '.join(known)}")
        return value


class Material(Strict):
    id: str = Field(min_length=1)
    name: Text
    form: Form | None = None
    copies: int | None = Field(default=None, ge=0)
    required: bool = True
    deferrable: bool = False
    note: Text | None = None
    check: Check | None = None


class Scenario(Strict):
    id: str = Field(min_length=1)
    name: Text
    description: Text | None = None
    add_materials: list[Material] = []
    remove_materials: list[str] = []


class FeeItem(Strict):
    name: Text
    amount: str | float | int
    basis: Text | None = None


class Fee(Strict):
    charged: bool
    items: list[FeeItem] = []


class TimeLimit(Strict):
    statutory_days: int | None = Field(default=None, ge=0)
    promised_days: int | None = Field(default=None, ge=0)


class Faq(Strict):
    q: Text
    a: Text


class Item(Strict):
    id: str = Field(min_length=1)
    code: str | None = None
    name: Text
    aliases: list[str] = []
    department: str | None = None
    window: str | None = None
    category: str | None = None
    conditions: Text | None = None
    legal_basis: list[Text] = []
    fee: Fee | None = None
    time_limit: TimeLimit | None = None
    visits: int | None = Field(default=None, ge=0)
    online: bool | None = None
    bookable: bool = False
    process: list[Text] = []
    materials: list[Material]
    scenarios: list[Scenario] = []
    faq: list[Faq] = []
    updated: dt.date | None = None

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases_are_strings(cls, value: object) -> object:
        if isinstance(value, list):
            return [str(v) for v in value]
        return value

    def scenario(self, scenario_id: str | None) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def materials_for(self, scenario_id: str | None = None) -> list[Material]:
        """The materials list once the scenario's additions and removals apply."""
        scenario = self.scenario(scenario_id)
        if scenario is None:
            return list(self.materials)
        removed = set(scenario.remove_materials)
        return [m for m in self.materials if m.id not in removed] + list(scenario.add_materials)


class Department(Strict):
    id: str = Field(min_length=1)
    name: Text


class Window(Strict):
    id: str = Field(min_length=1)
    name: Text
    counters: int = Field(default=1, ge=1)
    slot_minutes: int = Field(default=15, ge=5, le=240)
    location: Text | None = None


class Center(Strict):
    id: str = Field(min_length=1)
    name: Text
    address: Text | None = None
    phone: str | None = None
    timezone: str = "Asia/Shanghai"
    hours: dict[str, list[str]] = {}
    closed: list[dt.date] = []
    workdays: list[dt.date] = []

    @field_validator("hours")
    @classmethod
    def _hours_are_day_ranges(cls, hours: dict[str, list[str]]) -> dict[str, list[str]]:
        for key, periods in hours.items():
            if not _DAY_KEY.match(key):
                raise ValueError(f"hours key {key!r}: expected a day (mon..sun) or a range like mon-fri")
            for period in periods:
                if not _PERIOD.match(period):
                    raise ValueError(f"hours {key}: {period!r} is not a period like 09:00-12:00")
                start, end = period.split("-")
                if start >= end:
                    raise ValueError(f"hours {key}: {period!r} ends before it starts")
        return hours

    @field_validator("timezone")
    @classmethod
    def _timezone_exists(cls, name: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {name!r} (expected e.g. Asia/Shanghai)") from None
        return name


class Catalogue(Strict):
    center: Center
    departments: list[Department] = []
    windows: list[Window] = []
    items: list[Item] = []

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def department(self, department_id: str | None) -> Department | None:
        return next((d for d in self.departments if d.id == department_id), None)

    def window(self, window_id: str | None) -> Window | None:
        return next((w for w in self.windows if w.id == window_id), None)
