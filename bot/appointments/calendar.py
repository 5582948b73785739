"""When the hall is open and which appointment slots a window has: the catalogue's hours, China's public
holidays and adjusted working days (调休, from chinese-calendar), and the catalogue's own closed days."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import chinese_calendar

from knowledge.schema import WEEKDAYS, Center, Window

log = logging.getLogger(__name__)


class HolidayDataMissing(ValueError):
    """The holiday data does not cover a year and the catalogue has not published that year's days."""


@dataclass(frozen=True)
class Slot:
    window: str
    start: dt.datetime  # aware, in the center's time zone
    end: dt.datetime
    capacity: int


def _weekly_hours(hours: dict[str, list[str]]) -> dict[int, list[tuple[dt.time, dt.time]]]:
    """Opening periods per weekday (0 = Monday), from keys such as `mon-fri` and `sat`."""
    week: dict[int, list[tuple[dt.time, dt.time]]] = {}
    for key, periods in hours.items():
        first, _, last = key.partition("-")
        days = range(WEEKDAYS.index(first), WEEKDAYS.index(last or first) + 1)
        for day in days:
            for period in periods:
                start, end = period.split("-")
                week.setdefault(day, []).append(
                    (
                        dt.time.fromisoformat(start),
                        dt.time(23, 59) if end == "24:00" else dt.time.fromisoformat(end),
                    )
                )
    return {day: sorted(periods) for day, periods in week.items()}


class OpeningCalendar:
    """The center's open days and each window's slots, with booking notice and horizon rules."""

    def __init__(
        self,
        center: Center,
        notice: dt.timedelta = dt.timedelta(hours=2),
        horizon: dt.timedelta = dt.timedelta(days=14),
    ):
        self.zone = ZoneInfo(center.timezone)
        self.week = _weekly_hours(center.hours)
        self.closed = set(center.closed)
        self.workdays = set(center.workdays)
        self.published_years = {d.year for d in self.closed | self.workdays}
        self.notice = notice
        self.horizon = horizon

    def hours_on(self, day: dt.date) -> list[tuple[dt.time, dt.time]]:
        """The opening periods of `day` (none when closed)."""
        if day in self.closed:
            return []
        weekday_hours = self.week.get(day.weekday(), [])
        # An adjusted working day (调休) on a weekend stands in for a weekday and keeps its hours.
        workday_hours = next((self.week[d] for d in range(5) if d in self.week), [])
        if day in self.workdays:
            return workday_hours or weekday_hours
        try:
            holiday, name = chinese_calendar.get_holiday_detail(day)
            in_lieu_workday = day.weekday() >= 5 and chinese_calendar.is_workday(day)
        except NotImplementedError:
            if day.year in self.published_years:  # the hall lists that year's days itself
                return weekday_hours
            raise HolidayDataMissing(
                f"no public holiday data for {day.year}: add that year's closed days and 调休 working days "
                "to the catalogue (center.closed, center.workdays), or update chinese-calendar"
            ) from None
        if holiday and name is not None:  # a statutory holiday, not an ordinary weekend
            return []
        if in_lieu_workday:
            return workday_hours or weekday_hours
        return weekday_hours

    def slots(self, window: Window, day: dt.date) -> list[Slot]:
        """Every slot of the window on `day`: whole slots inside each opening period."""
        length = dt.timedelta(minutes=window.slot_minutes)
        found = []
        for opens, closes in self.hours_on(day):
            start = dt.datetime.combine(day, opens, self.zone)
            end = dt.datetime.combine(day, closes, self.zone)
            while start + length <= end:
                found.append(Slot(window.id, start, start + length, window.counters))
                start += length
        return found

    def bookable(self, window: Window, now: dt.datetime, day: dt.date | None = None) -> list[Slot]:
        """The slots that can be booked at `now` (on `day`): after the notice, up to the horizon,
        never past. Days past the holiday data are not offered (and the log says so) rather than
        guessed."""
        local_now = now.astimezone(self.zone)
        earliest, latest = local_now + self.notice, local_now + self.horizon
        days = [local_now.date() + dt.timedelta(days=n) for n in range(self.horizon.days + 1)]
        found: list[Slot] = []
        for each in days if day is None else [d for d in days if d == day]:
            try:
                day_slots = self.slots(window, each)
            except HolidayDataMissing as error:
                log.warning("appointments are offered only until the holiday data ends: %s", error)
                break
            found += [slot for slot in day_slots if earliest <= slot.start <= latest]
        return found
