"""Dates and times said in Chinese and English, resolved against a reference time."""

from __future__ import annotations

import datetime as dt

import pytest

from nlu.dates import find_when, zh_number

FRIDAY = dt.datetime(2026, 11, 27, 10, 0)


@pytest.mark.parametrize(
    ("text", "date", "time", "part"),
    [
        ("明天下午", dt.date(2026, 11, 28), None, "afternoon"),
        ("下周三上午十点", dt.date(2026, 12, 2), dt.time(10, 0), "morning"),
        ("12月3号", dt.date(2026, 12, 3), None, None),
        ("后天9点半", dt.date(2026, 11, 29), dt.time(9, 30), None),
        ("星期天下午三点", dt.date(2026, 11, 29), dt.time(15, 0), "afternoon"),
        ("next Tuesday 10am", dt.date(2026, 12, 1), dt.time(10, 0), None),
        ("tomorrow morning", dt.date(2026, 11, 28), None, "morning"),
        ("3rd of january", dt.date(2027, 1, 3), None, None),
        ("Dec 3 2:30pm", dt.date(2026, 12, 3), dt.time(14, 30), None),
        ("下午两点", dt.date(2026, 11, 27), dt.time(14, 0), "afternoon"),
    ],
)
def test_dates_resolve(text: str, date: dt.date, time: dt.time | None, part: str | None) -> None:
    when = find_when(text, FRIDAY)
    assert when is not None
    assert (when.date, when.time, when.part) == (date, time, part)


def test_no_date_and_past_dates_roll_forward() -> None:
    assert find_when("我想预约", FRIDAY) is None
    assert find_when("1月5号", FRIDAY).date == dt.date(2027, 1, 5)
    assert find_when("改到周五", FRIDAY).text == "周五"


def test_chinese_numerals() -> None:
    assert [zh_number(t) for t in ("十", "十二", "二十三", "两", "3", "三十一")] == [10, 12, 23, 2, 3, 31]
    assert zh_number("十万火急") is None
