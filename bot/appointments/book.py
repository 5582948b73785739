"""The appointment book: free slots of an item's window, holds, bookings, changes, reminders due.

Rules (notice, horizon, hold time, change cut-off, bookings per person) come from `BookingRules`;
capacity is kept by the database (`records`). Every method takes the time from one clock, so a
test can move it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from bot.appointments.calendar import OpeningCalendar, Slot
from bot.appointments.records import (
    AppointmentRecords,
    BlackoutPeriod,
    Booking,
    DuplicateBooking,
    NotChanged,
    SlotTaken,
    Status,
    utc,
)
from knowledge.schema import Catalogue, Item, Window

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class BookingRules:
    notice: dt.timedelta = dt.timedelta(hours=2)
    horizon: dt.timedelta = dt.timedelta(days=14)
    hold: dt.timedelta = dt.timedelta(minutes=10)
    change_cutoff: dt.timedelta = dt.timedelta(hours=1)  # no cancelling or moving closer to the slot
    max_active: int = 3  # upcoming bookings per phone number
    remind_day_before: dt.timedelta = dt.timedelta(hours=24)
    remind_hour_before: dt.timedelta = dt.timedelta(hours=1)
    retention: dt.timedelta = dt.timedelta(days=90)  # names and phones kept after the slot


@dataclass(frozen=True)
class FreeSlot:
    start: dt.datetime  # aware, in the center's time zone
    end: dt.datetime
    free: int


class Outcome(StrEnum):
    booked = "booked"
    held = "held"
    moved = "moved"
    cancelled = "cancelled"
    taken = "taken"  # the slot filled up meanwhile
    not_a_slot = "not_a_slot"  # closed, past, too soon, too far, or not a slot boundary
    duplicate = "duplicate"  # this person already has this item booked
    too_many = "too_many"  # this person has the most upcoming bookings allowed
    too_late = "too_late"  # inside the change cut-off, or already over
    not_found = "not_found"
    not_bookable = "not_bookable"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    booking: Booking | None = None
    alternatives: list[FreeSlot] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.booked, Outcome.held, Outcome.moved, Outcome.cancelled)


class AppointmentBook:
    def __init__(
        self,
        catalogue: Catalogue,
        records: AppointmentRecords,
        rules: BookingRules | None = None,
        clock: Clock = system_clock,
    ):
        self.catalogue = catalogue
        self.records = records
        self.rules = rules or BookingRules()
        self.clock = clock
        self.calendar = OpeningCalendar(catalogue.center, self.rules.notice, self.rules.horizon)
        self.zone = self.calendar.zone

    def now(self) -> dt.datetime:
        return self.clock().astimezone(self.zone)

    # --- slots ---------------------------------------------------------------------------------

    def window_of(self, item: Item) -> Window | None:
        """The window an item is booked at; None when it takes no appointments."""
        if not item.bookable:
            return None
        return self.catalogue.window(item.window) or (
            self.catalogue.windows[0] if self.catalogue.windows else None
        )

    def _open_slots(self, window: Window, day: dt.date | None = None) -> list[Slot]:
        """The calendar's bookable slots (on `day`) outside the window's blackouts."""
        slots = self.calendar.bookable(window, self.now(), day)
        if not slots:
            return []
        closed = self.records.blackouts(window.id, slots[0].start, slots[-1].end)
        return [s for s in slots if not any(b.start < s.end and s.start < b.end for b in closed)]

    def free_slots(self, item: Item, day: dt.date | None = None) -> list[FreeSlot]:
        """Slots with a free seat, from the notice to the horizon (or on `day`)."""
        window = self.window_of(item)
        slots = self._open_slots(window, day) if window else []
        if not slots:
            return []
        taken = self.records.seats_taken(window.id, slots[0].start, slots[-1].end, self.now())
        seats = [(slot, slot.capacity - taken.get(utc(slot.start), 0)) for slot in slots]
        return [FreeSlot(slot.start, slot.end, free) for slot, free in seats if free > 0]

    def open_days(self, item: Item) -> list[tuple[dt.date, int]]:
        """Each day with free seats, and how many."""
        days: dict[dt.date, int] = {}
        for slot in self.free_slots(item):
            days[slot.start.date()] = days.get(slot.start.date(), 0) + slot.free
        return list(days.items())

    def alternatives(self, item: Item, near: dt.datetime, count: int = 3) -> list[FreeSlot]:
        """The free slots closest in time to `near`, in time order."""
        free = self.free_slots(item)
        closest = sorted(free, key=lambda s: abs((s.start - near).total_seconds()))[:count]
        return sorted(closest, key=lambda s: s.start)

    def _slot_at(self, window: Window, start: dt.datetime) -> Slot | None:
        """The bookable slot starting at `start`, full or not: the database settles who gets a seat."""
        start = start.astimezone(self.zone)
        return next((s for s in self._open_slots(window, start.date()) if s.start == start), None)

    # --- booking -------------------------------------------------------------------------------

    def hold(
        self,
        item: Item,
        scenario: str | None,
        start: dt.datetime,
        *,
        sender: str | None,
        channel: str | None,
        lang: str,
    ) -> Result:
        """Keep a seat for the applicant while they finish; the chat's earlier hold is given back."""
        window = self.window_of(item)
        if window is None:
            return Result(Outcome.not_bookable)
        for earlier in self.records.holds_of(sender) if sender else []:
            self.records.release(earlier.id, self.clock())
        slot = self._slot_at(window, start)
        if slot is None:
            return Result(Outcome.not_a_slot, alternatives=self.alternatives(item, start))
        try:
            booking = self.records.hold(
                item=item.id,
                scenario=scenario,
                window=window.id,
                start=slot.start,
                end=slot.end,
                capacity=window.counters,
                expires_at=self.clock() + self.rules.hold,
                lang=lang,
                channel=channel,
                sender_id=sender,
                now=self.clock(),
            )
        except SlotTaken:
            return Result(Outcome.taken, alternatives=self.alternatives(item, start))
        return Result(Outcome.held, booking)

    def confirm(self, hold_id: int, name: str, phone: str, *, sender: str | None = None) -> Result:
        """Book the seat the chat `sender` holds for this person; an expired hold is taken again if
        the seat is free. Another chat's hold is not found."""
        held = self.records.get(hold_id)
        item = self.catalogue.item(held.item) if held else None
        if held is None or item is None or held.sender_id != sender:
            return Result(Outcome.not_found)
        try:
            booking = self.records.confirm(hold_id, name, phone, self.rules.max_active, self.clock())
        except NotChanged:
            if held.status not in (Status.held, Status.expired):
                return Result(Outcome.not_found, held)
            again = self.hold(
                item, held.scenario, held.start, sender=held.sender_id, channel=held.channel, lang=held.lang
            )
            if again.booking is None:
                return again
            return self.confirm(again.booking.id, name, phone, sender=sender)
        except DuplicateBooking:
            self.records.release(hold_id, self.clock())
            existing = next(
                (b for b in self.records.upcoming(self.clock(), phone=phone) if b.item == item.id), None
            )
            return Result(Outcome.duplicate if existing else Outcome.too_many, existing)
        self._skip_reminders_already_past(booking)
        return Result(Outcome.booked, booking)

    def book(
        self,
        item: Item,
        scenario: str | None,
        start: dt.datetime,
        name: str,
        phone: str,
        *,
        sender: str | None = None,
        channel: str | None = None,
        lang: str = "zh",
    ) -> Result:
        """Hold and confirm in one go (the HTTP API)."""
        held = self.hold(item, scenario, start, sender=sender, channel=channel, lang=lang)
        if held.booking is None:
            return held
        return self.confirm(held.booking.id, name, phone, sender=sender)

    def release(self, hold_id: int, *, sender: str | None) -> None:
        """Give back the seat the chat `sender` holds (another chat's hold stays)."""
        held = self.records.get(hold_id)
        if held is not None and held.sender_id == sender:
            self.records.release(hold_id, self.clock())

    def _skip_reminders_already_past(self, booking: Booking) -> None:
        """A booking made for tomorrow morning gets no "tomorrow" reminder an hour later."""
        now = self.clock()
        if booking.start - self.rules.remind_day_before <= now + self.rules.notice:
            self.records.claim_reminder(booking.id, "day_before", now)

    # --- changes -------------------------------------------------------------------------------

    def find(self, code: str, *, sender: str | None = None, phone: str | None = None) -> Booking | None:
        """A booking by code, for its own chat or for the phone it was made with."""
        booking = self.records.by_code(code)
        if booking is None or booking.status == Status.held:
            return None
        if (sender and booking.sender_id == sender) or (phone and booking.phone == phone):
            return booking
        return None

    def upcoming(self, *, sender: str | None = None, phone: str | None = None) -> list[Booking]:
        return self.records.upcoming(self.clock(), sender_id=sender, phone=phone)

    def can_change(self, booking: Booking) -> bool:
        return booking.status == Status.confirmed and booking.start > self.clock() + self.rules.change_cutoff

    def cancel(self, booking: Booking) -> Result:
        if not self.can_change(booking):
            return Result(Outcome.too_late, booking)
        try:
            cancelled = self.records.cancel(booking.id, self.clock() + self.rules.change_cutoff, self.clock())
        except NotChanged:
            return Result(Outcome.too_late, self.records.get(booking.id))
        return Result(Outcome.cancelled, cancelled)

    def reschedule(self, booking: Booking, start: dt.datetime) -> Result:
        """Move a booking to another free slot; it keeps its code and does not count again."""
        item = self.catalogue.item(booking.item)
        window = self.window_of(item) if item else None
        if item is None or window is None:
            return Result(Outcome.not_bookable, booking)
        if not self.can_change(booking):
            return Result(Outcome.too_late, booking)
        slot = self._slot_at(window, start)
        if slot is None:
            return Result(Outcome.not_a_slot, booking, self.alternatives(item, start))
        try:
            moved = self.records.move(
                booking.id,
                slot.start,
                slot.end,
                window.counters,
                self.clock() + self.rules.change_cutoff,
                self.clock(),
            )
        except SlotTaken:
            return Result(Outcome.taken, booking, self.alternatives(item, start))
        except NotChanged:
            return Result(Outcome.too_late, self.records.get(booking.id))
        self._skip_reminders_already_past(moved)
        return Result(Outcome.moved, moved)

    # --- staff ---------------------------------------------------------------------------------

    def day_list(self, day: dt.date, window: str | None = None) -> list[Booking]:
        """Every booking of a day (all statuses but holds), in time order."""
        start = dt.datetime.combine(day, dt.time(0), self.zone)
        statuses = (Status.confirmed, Status.attended, Status.no_show, Status.cancelled)
        return self.records.in_period(window, start, start + dt.timedelta(days=1), statuses)

    def mark(self, code: str, status: Status) -> Booking | None:
        """Check-in or no-show, once, from confirmed; None when the booking is not confirmed."""
        booking = self.records.by_code(code)
        if booking is None or not self.records.mark(booking.id, status, self.clock()):
            return None
        return self.records.get(booking.id)

    def blackout(
        self, window: str, start: dt.datetime, end: dt.datetime, reason: str, by: str
    ) -> tuple[BlackoutPeriod, list[Booking]]:
        """Close a window for a period; the bookings it cancels, whose owners must be told."""
        return self.records.add_blackout(window, start, end, reason, by, self.clock())

    def affected_by(self, window: str, start: dt.datetime, end: dt.datetime) -> list[Booking]:
        """The bookings a blackout of this period would cancel (to show before doing it)."""
        found = self.records.in_period(window, start - dt.timedelta(days=1), end, (Status.confirmed,))
        return [b for b in found if b.start < utc(end) and b.end > utc(start)]

    # --- jobs ----------------------------------------------------------------------------------

    def due_reminders(self) -> list[tuple[Booking, str]]:
        """Reminders due now and not yet claimed; when the hour-before one is due, only that one."""
        now = self.clock()
        due = []
        rules = self.rules
        for booking in self.records.due_reminders(now, rules.remind_day_before, rules.remind_hour_before):
            if booking.start <= now + rules.remind_hour_before:
                self.records.claim_reminder(booking.id, "day_before", now)  # one reminder is enough
                due.append((booking, "hour_before"))
            else:
                due.append((booking, "day_before"))
        return due

    def claim_reminder(self, booking: Booking, kind: str) -> bool:
        """Take a reminder for sending, once for all server processes; False when it is taken."""
        return self.records.claim_reminder(booking.id, kind, self.clock())

    def unclaim_reminder(self, booking: Booking, kind: str) -> None:
        self.records.unclaim_reminder(booking.id, kind)

    def tidy(self) -> None:
        """Give back expired holds; forget people of bookings past the retention period."""
        now = self.clock()
        self.records.expire_holds(now)
        self.records.forget_people(now - self.rules.retention)
