"""Dates and times in Chinese and English ("明天下午", "下周三上午十点", "12月3号", "next Tuesday 10am").

Resolved against a reference time in the center's time zone. The result says how precise it is:
a day, a part of the day (morning / afternoon / evening), or a clock time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PARTS = ("morning", "afternoon", "evening")

_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_EN_WEEKDAY = {
    name: n
    for n, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
_EN_MONTH = {
    name: n
    for n, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ZH_NUMBER = r"[0-9零〇一二两三四五六七八九十]+"


@dataclass(frozen=True)
class When:
    """A resolved date, optionally with a part of the day or a clock time."""

    date: dt.date
    time: dt.time | None = None
    part: str | None = None
    start: int = 0
    end: int = 0
    text: str = ""
    dated: bool = True  # False when the text named only a time or part of day (taken as today)

    @property
    def grain(self) -> str:
        return "minute" if self.time else ("part" if self.part else "day")


def zh_number(text: str) -> int | None:
    """'十二' -> 12, '二十三' -> 23, '3' -> 3."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _ZH_DIGITS and c != "十" for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)
    value = 0
    for char in text:
        value = value * 10 + _ZH_DIGITS[char]
    return value


def _next_weekday(today: dt.date, weekday: int, week_offset: int | None) -> dt.date:
    if week_offset is None:  # "周三": the coming one (today counts)
        return today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=week_offset)
    return monday + dt.timedelta(days=weekday)


def _month_day(today: dt.date, month: int, day: int) -> dt.date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None


_ZH_DATE = re.compile(
    r"(?P<rel>今天|今日|明天|明日|后天|大后天)"
    rf"|(?P<week>下下|下个?|这个?|本)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天末])"
    rf"|(?:(?P<month>{_ZH_NUMBER})月)(?P<day>{_ZH_NUMBER})(?:日|号)?"
    rf"|(?P<lone>{_ZH_NUMBER})(?:号|日)"
)
_ZH_PART = re.compile(r"(?P<part>早上|上午|中午|下午|傍晚|晚上)")
_ZH_TIME = re.compile(
    rf"(?P<part>早上|上午|中午|下午|傍晚|晚上)?\s*(?P<hour>{_ZH_NUMBER})[点:：时](?P<min>半|一刻|三刻|{_ZH_NUMBER}分?)?"
)
_EN_DATE = re.compile(
    r"\b(?P<rel>today|tomorrow|day after tomorrow)\b"
    r"|\b(?P<week>next|this)?\s*(?P<wd>monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat|sunday|sun)\b"
    r"|\b(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
    r"|\b(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b(?P<m>\d{1,2})/(?P<d>\d{1,2})\b"
)
_EN_PART = re.compile(r"\b(?P<part>morning|afternoon|evening|noon)\b")
_EN_TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)|\b(?P<h24>\d{1,2}):(?P<m24>\d{2})\b"
)


def _zh_part(word: str | None) -> str | None:
    if word in ("早上", "上午"):
        return "morning"
    if word in ("中午", "下午"):
        return "afternoon"
    if word in ("傍晚", "晚上"):
        return "evening"
    return None


def _clock(hour: int, minute: int, part: str | None) -> dt.time | None:
    if part in ("afternoon", "evening") and hour < 12:
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return dt.time(hour, minute)


def _zh_minutes(text: str | None) -> int:
    if not text:
        return 0
    if text == "半":
        return 30
    if text == "一刻":
        return 15
    if text == "三刻":
        return 45
    return zh_number(text.rstrip("分")) or 0


def _zh_date(match: re.Match[str], today: dt.date) -> dt.date | None:
    if match["rel"]:
        offset = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}[match["rel"]]
        return today + dt.timedelta(days=offset)
    if match["wd"]:
        week = match["week"]
        offset = {"下下": 2, "下": 1, "下个": 1, "这": 0, "这个": 0, "本": 0}.get(week) if week else None
        return _next_weekday(today, _ZH_WEEKDAY[match["wd"]], offset)
    if match["day"]:
        month, day = zh_number(match["month"]), zh_number(match["day"])
        return _month_day(today, month, day) if month and day else None
    day = zh_number(match["lone"])
    if not day:
        return None
    for months_ahead in (0, 1):
        month = (today.month - 1 + months_ahead) % 12 + 1
        candidate = _month_day(today, month, day)
        if candidate and candidate >= today:
            return candidate
    return None


def _en_date(match: re.Match[str], today: dt.date) -> dt.date | None:
    if match["rel"]:
        return today + dt.timedelta(days={"today": 0, "tomorrow": 1, "day after tomorrow": 2}[match["rel"]])
    if match["wd"]:
        offset = {"next": 1, "this": 0}.get(match["week"] or "")
        return _next_weekday(today, _EN_WEEKDAY[match["wd"]], offset)
    if match["month"] or match["month2"]:
        month = _EN_MONTH[(match["month"] or match["month2"])[:3]]
        return _month_day(today, month, int(match["day"] or match["day2"]))
    return _month_day(today, int(match["m"]), int(match["d"]))


def find_when(text: str, now: dt.datetime) -> When | None:
    """The first date (with its time of day, if said) in `text`, relative to `now`."""
    lowered = text.lower()
    today = now.date()
    zh = _ZH_DATE.search(text)
    en = _EN_DATE.search(lowered)
    date = None
    spans: list[tuple[int, int]] = []
    if zh:
        date = _zh_date(zh, today)
        spans.append(zh.span())
    elif en:
        date = _en_date(en, today)
        spans.append(en.span())
    clock = None
    part = None
    if (zh_time := _ZH_TIME.search(text)) and (hour := zh_number(zh_time["hour"])) is not None:
        part = _zh_part(zh_time["part"])
        clock = _clock(hour, _zh_minutes(zh_time["min"]), part or ("afternoon" if 1 <= hour <= 6 else None))
        spans.append(zh_time.span())
    elif en_time := _EN_TIME.search(lowered):
        if en_time["ampm"]:
            hour = int(en_time["hour"]) % 12 + (12 if en_time["ampm"].startswith("p") else 0)
            clock = _clock(hour, int(en_time["min"] or 0), None)
        else:
            clock = _clock(int(en_time["h24"]), int(en_time["m24"]), None)
        spans.append(en_time.span())
    if clock is None:
        if part_match := _ZH_PART.search(text):
            part = _zh_part(part_match["part"])
            spans.append(part_match.span())
        elif en_part := _EN_PART.search(lowered):
            part = "afternoon" if en_part["part"] == "noon" else en_part["part"]
            spans.append(en_part.span())
    dated = date is not None
    if date is None:
        if clock is None and part is None:
            return None
        date = today
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return When(date=date, time=clock, part=part, start=start, end=end, text=text[start:end], dated=dated)
