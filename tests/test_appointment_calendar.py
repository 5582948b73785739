"""Open days and slots: holidays, 调休 working days, lunch breaks, notice and horizon, missing holiday data."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.appointments.calendar import HolidayDataMissing, OpeningCalendar
from knowledge.schema import Center, Window

SHANGHAI = ZoneInfo("Asia/Shanghai")
CENTER = Center(
    id="c",
    name="中心",
    hours={"mon-fri": ["09:00-12:00", "13:30-17:00"], "sat": ["09:00-12:00"]},
    closed=[dt.date(2026, 12, 31)],
)
WINDOW = Window(id="integrated", name="综合窗口", counters=2, slot_minutes=15)


def test_holidays_weekends_and_adjusted_working_days() -> None:
    calendar = OpeningCalendar(CENTER)
    assert calendar.hours_on(dt.date(2026, 10, 1)) == []  # National Day, a Thursday
    assert calendar.hours_on(dt.date(2026, 12, 31)) == []  # closed by the catalogue
    assert calendar.hours_on(dt.date(2026, 11, 29)) == []  # an ordinary Sunday
    assert calendar.hours_on(dt.date(2026, 11, 28)) == [(dt.time(9), dt.time(12))]  # Saturday hours
    # 2026-10-10 is a Saturday worked in lieu of the National Day holidays: weekday hours
    assert calendar.hours_on(dt.date(2026, 10, 10)) == [
        (dt.time(9), dt.time(12)),
        (dt.time(13, 30), dt.time(17)),
    ]


def test_slots_fit_inside_the_opening_periods() -> None:
    slots = OpeningCalendar(CENTER).slots(WINDOW, dt.date(2026, 11, 30))
    assert len(slots) == 12 + 14 and all(s.capacity == 2 for s in slots)
    assert slots[11].end == dt.datetime(2026, 11, 30, 12, 0, tzinfo=SHANGHAI)  # none across lunch
    assert slots[12].start == dt.datetime(2026, 11, 30, 13, 30, tzinfo=SHANGHAI)
    odd = Window(id="w", name="w", slot_minutes=40)
    assert OpeningCalendar(CENTER).slots(odd, dt.date(2026, 11, 28))[-1].end.time() == dt.time(11, 40)


def test_notice_and_horizon_in_the_centers_time_zone() -> None:
    now = dt.datetime(2026, 11, 30, 2, 5, tzinfo=dt.UTC)  # 10:05 in Harbin
    slots = OpeningCalendar(CENTER).bookable(WINDOW, now)
    assert slots[0].start == dt.datetime(2026, 11, 30, 13, 30, tzinfo=SHANGHAI)  # two hours' notice
    assert slots[-1].start == dt.datetime(2026, 12, 14, 10, 0, tzinfo=SHANGHAI)  # 14 days ahead at most
    assert all(s.start.date() != dt.date(2026, 12, 6) for s in slots)  # a Sunday


def test_years_without_holiday_data_need_the_catalogue() -> None:
    with pytest.raises(HolidayDataMissing, match=r"center\.closed"):
        OpeningCalendar(CENTER).hours_on(dt.date(2027, 1, 4))
    published = CENTER.model_copy(update={"closed": [dt.date(2027, 1, 1)], "workdays": []})
    calendar = OpeningCalendar(published)
    assert calendar.hours_on(dt.date(2027, 1, 1)) == []
    assert calendar.hours_on(dt.date(2027, 1, 4)) == [
        (dt.time(9), dt.time(12)),
        (dt.time(13, 30), dt.time(17)),
    ]


def test_slots_are_wall_clock_times_of_the_centers_zone_across_a_clock_change() -> None:
    berlin = CENTER.model_copy(
        update={"timezone": "Europe/Berlin", "closed": [], "hours": {"sun": ["09:00-10:00"]}}
    )
    day = dt.date(2026, 10, 25)  # summer time ends that night in Berlin
    slots = OpeningCalendar(berlin).slots(WINDOW, day)
    assert [s.start.strftime("%H:%M") for s in slots] == ["09:00", "09:15", "09:30", "09:45"]
    assert slots[0].start.utcoffset() == dt.timedelta(hours=1)  # CET, not the CEST of the day before
    before = OpeningCalendar(berlin).slots(WINDOW, dt.date(2026, 10, 18))[0].start
    assert before.utcoffset() == dt.timedelta(hours=2)
    now = dt.datetime(2026, 10, 25, 5, 0, tzinfo=dt.UTC)  # 06:00 in Berlin: three hours before opening
    assert OpeningCalendar(berlin).bookable(WINDOW, now)[0].start == slots[0].start
