"""Entities: phone numbers, ID numbers, credit codes, booking codes (checked, not just matched) and times."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from stdnum.cn import ric, uscc

from nlu.dates import find_when
from nlu.training import TrainingData

EXTRACTOR = "OneWindowEntityExtractor"


def _valid(entity: str, value: str) -> bool:
    if entity == "id_number":
        return ric.is_valid(value)
    if entity == "uscc":
        return uscc.is_valid(value)
    return True


def _normalised(entity: str, value: str) -> str:
    if entity in ("id_number", "uscc", "booking_code"):
        return value.upper()
    if entity == "phone":
        return value.replace("-", "")
    return value


@dataclass
class EntityExtractor:
    """Finds the regex entities of the training data, keeping only valid values, and times."""

    training: TrainingData

    @cached_property
    def _patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(name, re.compile(p)) for name, patterns in self.training.regexes.items() for p in patterns]

    def extract(self, text: str, now: dt.datetime | None = None) -> list[dict[str, object]]:
        found: list[dict[str, object]] = []
        taken: list[tuple[int, int]] = []
        for name, pattern in self._patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                if any(start < e and s < end for s, e in taken) or not _valid(name, match.group()):
                    continue
                taken.append((start, end))
                value = _normalised(name, match.group())
                found.append(
                    {"entity": name, "start": start, "end": end, "value": value, "extractor": EXTRACTOR}
                )
        if now is not None and (when := find_when(text, now)) is not None:
            moment = dt.datetime.combine(when.date, when.time or dt.time(0), tzinfo=now.tzinfo)
            found.append(
                {
                    "entity": "time",
                    "start": when.start,
                    "end": when.end,
                    "value": moment.isoformat() if when.time else when.date.isoformat(),
                    "extractor": EXTRACTOR,
                    "additional_info": {"grain": when.grain, "part_of_day": when.part},
                }
            )
        return sorted(found, key=lambda e: e["start"])
