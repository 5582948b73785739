"""Appointments kept with SQLAlchemy; the database, not Python, keeps every slot within capacity.

Each slot that has ever been booked has a row in `appointment_slots` counting its seats taken. A
seat is taken by `UPDATE … SET taken = taken + 1 WHERE taken < capacity`: on PostgreSQL the row
lock, on SQLite the single writer (write transactions here start with `BEGIN IMMEDIATE`) make
two clients racing for the last seat see one success and one `rowcount == 0`. Status changes are
compare-and-swaps on the old status, and a seat is given back in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Connection,
    DateTime,
    Integer,
    String,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from bot.store import Base, utc

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud and typed on a phone


class Status(StrEnum):
    held = "held"  # a slot kept for a few minutes while the applicant gives name and phone
    confirmed = "confirmed"
    cancelled = "cancelled"
    attended = "attended"
    no_show = "no_show"
    expired = "expired"  # a hold never confirmed


class Appointment(Base):
    __tablename__ = "appointments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(7), unique=True)
    item: Mapped[str] = mapped_column(String(255))
    scenario: Mapped[str | None] = mapped_column(String(255))
    window: Mapped[str] = mapped_column(String(255))
    start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    end: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12), index=True)
    name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    lang: Mapped[str] = mapped_column(String(2), default="zh")
    channel: Mapped[str | None] = mapped_column(String(32))
    sender_id: Mapped[str | None] = mapped_column(String(255), index=True)
    hold_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    reminded_day_before: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    reminded_hour_before: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SlotSeats(Base):
    """Seats taken in one slot of one window (held and confirmed bookings)."""

    __tablename__ = "appointment_slots"
    __table_args__ = (CheckConstraint("taken >= 0", name="seats_never_negative"),)

    window: Mapped[str] = mapped_column(String(255), primary_key=True)
    start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    taken: Mapped[int] = mapped_column(Integer, default=0)


class Blackout(Base):
    """A period when a window takes no appointments (staff away, system down)."""

    __tablename__ = "appointment_blackouts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    window: Mapped[str] = mapped_column(String(255), index=True)
    start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    end: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(String(255), default="")
    created_by: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class Booking:
    """An appointment as plain data (times aware, in UTC)."""

    id: int
    code: str
    item: str
    scenario: str | None
    window: str
    start: dt.datetime
    end: dt.datetime
    status: Status
    name: str | None
    phone: str | None
    lang: str
    channel: str | None
    sender_id: str | None
    hold_expires_at: dt.datetime | None
    note: str | None


@dataclass(frozen=True)
class BlackoutPeriod:
    id: int
    window: str
    start: dt.datetime
    end: dt.datetime
    reason: str


class SlotTaken(Exception):
    """Every seat of the slot is taken."""


class NotChanged(Exception):
    """The booking was not in the state the change needs (cancelled meanwhile, hold expired …)."""


class DuplicateBooking(Exception):
    """The person already has an active booking for this item."""


def _booking(row: Any) -> Booking:
    return Booking(
        id=row.id,
        code=row.code,
        item=row.item,
        scenario=row.scenario,
        window=row.window,
        start=utc(row.start),
        end=utc(row.end),
        status=Status(row.status),
        name=row.name,
        phone=row.phone,
        lang=row.lang,
        channel=row.channel,
        sender_id=row.sender_id,
        hold_expires_at=utc(row.hold_expires_at) if row.hold_expires_at else None,
        note=row.note,
    )


_COLUMNS = [c for c in Appointment.__table__.c]


def _fetch(connection: Connection, appointment_id: int) -> Booking:
    return _booking(connection.execute(select(*_COLUMNS).where(Appointment.id == appointment_id)).one())


_RETRIES = 5


class AppointmentRecords:
    """Every read and every atomic change of appointments, slots and blackouts."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        Base.metadata.create_all(engine)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction; on SQLite it takes the write lock first, so that a read inside
        it can never be outdated by the time it writes."""
        with self.engine.connect() as connection:
            if self.sqlite:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.begin()
            try:
                yield connection
            except BaseException:
                connection.rollback()
                raise
            connection.commit()

    def _retrying(self, work: Any) -> Any:
        """Run a write transaction again when PostgreSQL ends it for a deadlock."""
        for attempt in range(_RETRIES):
            try:
                with self._writing() as connection:
                    return work(connection)
            except DBAPIError as error:
                if attempt == _RETRIES - 1 or "deadlock" not in str(error.orig).lower():
                    raise

    # --- seats ---------------------------------------------------------------------------------

    def _insert_ignoring_conflict(self, table: Any, values: dict[str, Any]) -> Any:
        dialect_insert = sqlite_insert if self.sqlite else postgresql_insert
        return dialect_insert(table).values(**values).on_conflict_do_nothing()

    def _take_seat(
        self, connection: Connection, window: str, start: dt.datetime, capacity: int, now: dt.datetime
    ) -> None:
        connection.execute(
            self._insert_ignoring_conflict(SlotSeats, {"window": window, "start": start, "taken": 0})
        )
        self._expire_holds(connection, now, window=window, start=start)
        taken = connection.execute(
            update(SlotSeats)
            .where(SlotSeats.window == window, SlotSeats.start == start, SlotSeats.taken < capacity)
            .values(taken=SlotSeats.taken + 1)
        )
        if taken.rowcount != 1:
            raise SlotTaken

    @staticmethod
    def _give_back_seat(connection: Connection, window: str, start: dt.datetime) -> None:
        connection.execute(
            update(SlotSeats)
            .where(SlotSeats.window == window, SlotSeats.start == start)
            .values(taken=SlotSeats.taken - 1)
        )

    def _expire_holds(
        self,
        connection: Connection,
        now: dt.datetime,
        window: str | None = None,
        start: dt.datetime | None = None,
    ) -> int:
        query = select(Appointment.id, Appointment.window, Appointment.start).where(
            Appointment.status == Status.held, Appointment.hold_expires_at <= now
        )
        if window is not None:
            query = query.where(Appointment.window == window, Appointment.start == start)
        expired = 0
        for row in connection.execute(query).all():
            if self._change_status(connection, row.id, (Status.held,), Status.expired, now):
                self._give_back_seat(connection, row.window, row.start)
                expired += 1
        return expired

    @staticmethod
    def _change_status(
        connection: Connection,
        appointment_id: int,
        before: tuple[Status, ...],
        after: Status,
        now: dt.datetime,
        **values: Any,
    ) -> bool:
        changed = connection.execute(
            update(Appointment)
            .where(Appointment.id == appointment_id, Appointment.status.in_(before))
            .values(status=after, updated_at=now, **values)
        )
        return changed.rowcount == 1

    # --- changes -------------------------------------------------------------------------------

    def hold(
        self,
        *,
        item: str,
        scenario: str | None,
        window: str,
        start: dt.datetime,
        end: dt.datetime,
        capacity: int,
        expires_at: dt.datetime,
        lang: str,
        channel: str | None,
        sender_id: str | None,
        now: dt.datetime,
    ) -> Booking:
        """Hold a seat of the slot until `expires_at`; `SlotTaken` when none is free."""
        start, end, now = utc(start), utc(end), utc(now)

        def work(connection: Connection) -> Booking:
            self._take_seat(connection, window, start, capacity, now)
            values = {
                "item": item,
                "scenario": scenario,
                "window": window,
                "start": start,
                "end": end,
                "status": Status.held,
                "lang": lang,
                "channel": channel,
                "sender_id": sender_id,
                "hold_expires_at": utc(expires_at),
                "created_at": now,
                "updated_at": now,
            }
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
            row = connection.execute(
                insert(Appointment).values(code=f"{code[:3]}-{code[3:]}", **values).returning(*_COLUMNS)
            ).one()
            return _booking(row)

        for _ in range(_RETRIES - 1):
            try:
                return self._retrying(work)
            except IntegrityError:  # a code already given (32**6 of them: rare); draw again
                continue
        return self._retrying(work)

    def confirm(
        self, appointment_id: int, name: str, phone: str, max_active: int, now: dt.datetime
    ) -> Booking:
        """The hold, confirmed for this person: `NotChanged` when the hold has expired,
        `DuplicateBooking` when the person already has this item booked or `max_active` bookings
        (checked in the same transaction, which on PostgreSQL holds a lock on the phone number)."""
        now = utc(now)

        def work(connection: Connection) -> Booking:
            if not self.sqlite:  # one confirmation per person at a time (SQLite has one writer anyway)
                connection.execute(select(func.pg_advisory_xact_lock(func.hashtext(phone))))
            confirmed = connection.execute(
                update(Appointment)
                .where(
                    Appointment.id == appointment_id,
                    Appointment.status == Status.held,
                    Appointment.hold_expires_at > now,
                )
                .values(status=Status.confirmed, name=name, phone=phone, hold_expires_at=None, updated_at=now)
            )
            if confirmed.rowcount != 1:
                raise NotChanged
            booking = _fetch(connection, appointment_id)
            upcoming = connection.execute(
                select(Appointment.item).where(
                    Appointment.phone == phone, Appointment.status == Status.confirmed, Appointment.end > now
                )
            ).scalars()
            items = list(upcoming)
            if items.count(booking.item) > 1 or len(items) > max_active:
                raise DuplicateBooking
            return booking

        return self._retrying(work)

    def release(self, appointment_id: int, now: dt.datetime) -> bool:
        """Give a hold's seat back at once (the applicant chose another time, or stopped)."""
        now = utc(now)

        def work(connection: Connection) -> bool:
            row = connection.execute(
                select(Appointment.window, Appointment.start).where(Appointment.id == appointment_id)
            ).first()
            if row is None or not self._change_status(
                connection, appointment_id, (Status.held,), Status.expired, now
            ):
                return False
            self._give_back_seat(connection, row.window, row.start)
            return True

        return self._retrying(work)

    def cancel(
        self, appointment_id: int, not_after: dt.datetime, now: dt.datetime, note: str | None = None
    ) -> Booking:
        """Cancel a confirmed booking whose slot starts after `not_after`; `NotChanged` otherwise."""
        now = utc(now)

        def work(connection: Connection) -> Booking:
            changed = connection.execute(
                update(Appointment)
                .where(
                    Appointment.id == appointment_id,
                    Appointment.status == Status.confirmed,
                    Appointment.start > utc(not_after),
                )
                .values(status=Status.cancelled, updated_at=now, note=note)
            )
            if changed.rowcount != 1:
                raise NotChanged
            booking = _fetch(connection, appointment_id)
            self._give_back_seat(connection, booking.window, booking.start)
            return booking

        return self._retrying(work)

    def move(
        self,
        appointment_id: int,
        start: dt.datetime,
        end: dt.datetime,
        capacity: int,
        not_after: dt.datetime,
        now: dt.datetime,
    ) -> Booking:
        """Move a confirmed booking to another slot of its window, keeping its code: `SlotTaken`
        when the new slot is full, `NotChanged` when the booking can no longer be changed."""
        start, end, now = utc(start), utc(end), utc(now)

        def work(connection: Connection) -> Booking:
            old = connection.execute(
                select(Appointment.window, Appointment.start).where(Appointment.id == appointment_id)
            ).first()
            if old is None:
                raise NotChanged
            self._take_seat(connection, old.window, start, capacity, now)
            moved = connection.execute(
                update(Appointment)
                .where(
                    Appointment.id == appointment_id,
                    Appointment.status == Status.confirmed,
                    Appointment.start == old.start,
                    Appointment.start > utc(not_after),
                )
                .values(
                    start=start, end=end, reminded_day_before=None, reminded_hour_before=None, updated_at=now
                )
            )
            if moved.rowcount != 1:
                raise NotChanged
            self._give_back_seat(connection, old.window, old.start)
            return _fetch(connection, appointment_id)

        return self._retrying(work)

    def mark(self, appointment_id: int, status: Status, now: dt.datetime) -> bool:
        """Staff's check-in (attended) or no-show, from confirmed only."""
        now = utc(now)
        return self._retrying(
            lambda c: self._change_status(c, appointment_id, (Status.confirmed,), status, now)
        )

    def expire_holds(self, now: dt.datetime) -> int:
        """Give back the seats of every hold past its expiry; how many."""
        return self._retrying(lambda c: self._expire_holds(c, utc(now)))

    def claim_reminder(self, appointment_id: int, kind: str, now: dt.datetime) -> bool:
        """Mark a reminder as sent, once: False when it was (another worker, an earlier run)."""
        column = {
            "day_before": Appointment.reminded_day_before,
            "hour_before": Appointment.reminded_hour_before,
        }[kind]

        def work(connection: Connection) -> bool:
            claimed = connection.execute(
                update(Appointment)
                .where(
                    Appointment.id == appointment_id, Appointment.status == Status.confirmed, column.is_(None)
                )
                .values({column: utc(now)})
            )
            return claimed.rowcount == 1

        return self._retrying(work)

    def unclaim_reminder(self, appointment_id: int, kind: str) -> None:
        """The reminder was not sent after all: the next round tries again."""
        column = {
            "day_before": Appointment.reminded_day_before,
            "hour_before": Appointment.reminded_hour_before,
        }[kind]
        with self._writing() as connection:
            connection.execute(
                update(Appointment).where(Appointment.id == appointment_id).values({column: None})
            )

    def add_blackout(
        self, window: str, start: dt.datetime, end: dt.datetime, reason: str, by: str, now: dt.datetime
    ) -> tuple[BlackoutPeriod, list[Booking]]:
        """Close a window for a period; the bookings in it are cancelled (and returned) at once."""
        start, end, now = utc(start), utc(end), utc(now)

        def work(connection: Connection) -> tuple[BlackoutPeriod, list[Booking]]:
            row = connection.execute(
                insert(Blackout)
                .values(window=window, start=start, end=end, reason=reason, created_by=by, created_at=now)
                .returning(Blackout.id)
            ).scalar_one()
            hit = connection.execute(
                select(*_COLUMNS).where(
                    Appointment.window == window,
                    Appointment.status.in_((Status.held, Status.confirmed)),
                    Appointment.start < end,
                    Appointment.end > start,
                )
            ).all()
            cancelled = []
            for booking in map(_booking, hit):
                after = Status.cancelled if booking.status == Status.confirmed else Status.expired
                note = f"blackout: {reason}"[:255]
                if self._change_status(connection, booking.id, (booking.status,), after, now, note=note):
                    self._give_back_seat(connection, booking.window, booking.start)
                    if after == Status.cancelled:
                        cancelled.append(booking)
            return BlackoutPeriod(row, window, start, end, reason), cancelled

        return self._retrying(work)

    def forget_people(self, ended_before: dt.datetime) -> int:
        """Remove names, phones and chats from bookings that ended before the cut-off."""
        with self._writing() as connection:
            forgotten = connection.execute(
                update(Appointment)
                .where(
                    Appointment.end < utc(ended_before),
                    or_(
                        Appointment.phone.is_not(None),
                        Appointment.name.is_not(None),
                        Appointment.sender_id.is_not(None),
                    ),
                )
                .values(name=None, phone=None, sender_id=None)
            )
            connection.execute(delete(Blackout).where(Blackout.end < utc(ended_before)))
            return forgotten.rowcount

    # --- reads ---------------------------------------------------------------------------------

    def _select(self, *conditions: Any, order: Any = None, limit: int | None = None) -> list[Booking]:
        query = (
            select(*_COLUMNS).where(*conditions).order_by(order if order is not None else Appointment.start)
        )
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as connection:
            return [_booking(row) for row in connection.execute(query)]

    def get(self, appointment_id: int) -> Booking | None:
        found = self._select(Appointment.id == appointment_id)
        return found[0] if found else None

    def by_code(self, code: str) -> Booking | None:
        found = self._select(Appointment.code == code.upper())
        return found[0] if found else None

    def booked_since(self, since: dt.datetime) -> list[dt.datetime]:
        """When each booking that was made (confirmed at some point) was created."""
        made = (Status.confirmed, Status.cancelled, Status.attended, Status.no_show)
        query = select(Appointment.created_at).where(
            Appointment.created_at >= utc(since), Appointment.status.in_(made)
        )
        with self.engine.connect() as connection:
            return list(connection.scalars(query))

    def of_sender(self, sender_id: str) -> list[Booking]:
        """Every booking a chat made, newest slot first, for staff."""
        return self._select(Appointment.sender_id == sender_id, order=Appointment.start.desc(), limit=50)

    def holds_of(self, sender_id: str) -> list[Booking]:
        return self._select(Appointment.sender_id == sender_id, Appointment.status == Status.held)

    def upcoming(
        self, now: dt.datetime, *, sender_id: str | None = None, phone: str | None = None
    ) -> list[Booking]:
        """Confirmed bookings not yet over, of a chat or of a phone number."""
        owner = Appointment.sender_id == sender_id if sender_id is not None else Appointment.phone == phone
        return self._select(owner, Appointment.status == Status.confirmed, Appointment.end > utc(now))

    def in_period(
        self, window: str | None, start: dt.datetime, end: dt.datetime, statuses: tuple[Status, ...]
    ) -> list[Booking]:
        conditions = [
            Appointment.start >= utc(start),
            Appointment.start < utc(end),
            Appointment.status.in_(statuses),
        ]
        if window:
            conditions.append(Appointment.window == window)
        return self._select(*conditions)

    def seats_taken(
        self, window: str, start: dt.datetime, end: dt.datetime, now: dt.datetime
    ) -> dict[dt.datetime, int]:
        """Seats taken per slot start in a period, not counting holds that have expired."""
        with self.engine.connect() as connection:
            taken = {
                utc(row.start): row.taken
                for row in connection.execute(
                    select(SlotSeats.start, SlotSeats.taken).where(
                        SlotSeats.window == window, SlotSeats.start >= utc(start), SlotSeats.start < utc(end)
                    )
                )
            }
            stale = connection.execute(
                select(Appointment.start, func.count())
                .where(
                    Appointment.window == window,
                    Appointment.status == Status.held,
                    Appointment.hold_expires_at <= utc(now),
                    Appointment.start >= utc(start),
                    Appointment.start < utc(end),
                )
                .group_by(Appointment.start)
            )
            for start_time, count in stale:
                taken[utc(start_time)] = taken.get(utc(start_time), 0) - count
        return taken

    def blackouts(self, window: str | None, start: dt.datetime, end: dt.datetime) -> list[BlackoutPeriod]:
        conditions = [Blackout.start < utc(end), Blackout.end > utc(start)]
        if window:
            conditions.append(Blackout.window == window)
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(Blackout.id, Blackout.window, Blackout.start, Blackout.end, Blackout.reason)
                .where(*conditions)
                .order_by(Blackout.start)
            )
            return [BlackoutPeriod(b.id, b.window, utc(b.start), utc(b.end), b.reason) for b in rows]

    def due_reminders(
        self, now: dt.datetime, day_before: dt.timedelta, hour_before: dt.timedelta
    ) -> list[Booking]:
        """Confirmed bookings with a reminder due and not yet claimed."""
        now = utc(now)
        return self._select(
            Appointment.status == Status.confirmed,
            Appointment.start > now,
            or_(
                (Appointment.reminded_day_before.is_(None) & (Appointment.start <= now + day_before)),
                (Appointment.reminded_hour_before.is_(None) & (Appointment.start <= now + hour_before)),
            ),
        )
