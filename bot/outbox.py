"""Messages waiting to be sent on channels the server pushes to (Telegram), kept in the database.

Whatever a chat on such a channel is told (replies, staff lines, reminders, decisions) is put
here once, by the process that says it. Any process serving the channel then claims the oldest
parcel of a chat, sends it and marks it delivered: a chat's parcels go in order, one at a time,
each at most once, and a restart or a refused send (429, network) loses nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Float, Integer, String, Text, delete, exists, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, aliased, mapped_column

from bot.store import Base


class State(StrEnum):
    pending = "pending"
    sending = "sending"
    sent = "sent"
    failed = "failed"


class OutboxRow(Base):
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16), index=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(8), index=True, default=State.pending)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[float] = mapped_column(Float, default=time.time)
    changed_at: Mapped[float] = mapped_column(Float, default=time.time, index=True)
    note: Mapped[str | None] = mapped_column(Text)  # the sent message's ids, or why it failed


@dataclass(frozen=True)
class Parcel:
    id: int
    sender_id: str
    body: dict[str, Any]
    attempts: int


class Outbox:
    def __init__(self, engine: Engine):
        self.engine = engine
        Base.metadata.create_all(engine, tables=[OutboxRow.__table__])

    def put(self, channel: str, sender_id: str, bodies: list[dict[str, Any]]) -> None:
        """Queue messages for a chat, in this order, in one transaction."""
        if not bodies:
            return
        now = time.time()
        with Session(self.engine) as session, session.begin():
            session.add_all(
                OutboxRow(channel=channel, sender_id=sender_id, body=body, created_at=now, changed_at=now)
                for body in bodies
            )

    def claim(self, channel: str) -> Parcel | None:
        """The oldest due parcel of a chat with nothing older still pending or being sent; it is
        this caller's to send until `delivered`, `retry` or `failed`."""
        now = time.time()
        earlier = aliased(OutboxRow)
        blocked = exists().where(
            earlier.sender_id == OutboxRow.sender_id,
            earlier.id < OutboxRow.id,
            earlier.state.in_([State.pending, State.sending]),
        )
        due = (
            select(OutboxRow)
            .where(
                OutboxRow.channel == channel,
                OutboxRow.state == State.pending,
                OutboxRow.not_before <= now,
                ~blocked,
            )
            .order_by(OutboxRow.id)
            .limit(8)
        )
        with Session(self.engine) as session:
            candidates = [
                Parcel(row.id, row.sender_id, row.body, row.attempts + 1) for row in session.scalars(due)
            ]
            for parcel in candidates:
                taken = session.execute(
                    update(OutboxRow)
                    .where(OutboxRow.id == parcel.id, OutboxRow.state == State.pending, ~blocked)
                    .values(state=State.sending, attempts=OutboxRow.attempts + 1, changed_at=now)
                )
                session.commit()
                if taken.rowcount == 1:  # another process may have taken it, or the one before it
                    return parcel
        return None

    def delivered(self, parcel_id: int, note: str) -> None:
        self._finish(parcel_id, State.sent, note=note)

    def failed(self, parcel_id: int, reason: str) -> None:
        self._finish(parcel_id, State.failed, note=reason[:500])

    def retry(self, parcel_id: int, delay: float, reason: str, counted: bool = True) -> None:
        """Back in the queue after `delay` seconds; the chat's later parcels wait behind it. A wait
        the channel asked for (a 429) is not `counted` as a failed attempt."""
        values: dict[str, Any] = {"not_before": time.time() + delay, "note": reason[:500]}
        if not counted:
            values["attempts"] = OutboxRow.attempts - 1
        self._finish(parcel_id, State.pending, **values)

    def _finish(self, parcel_id: int, state: State, **values: Any) -> None:
        with Session(self.engine) as session, session.begin():
            session.execute(
                update(OutboxRow)
                .where(OutboxRow.id == parcel_id, OutboxRow.state == State.sending)
                .values(state=state, changed_at=time.time(), **values)
            )

    def abandon_stuck(self, older_than_seconds: float) -> int:
        """Parcels a stopped process was sending: whether they arrived is unknown, so they are not
        sent again (never twice), and no longer hold back their chat."""
        cutoff = time.time() - older_than_seconds
        with Session(self.engine) as session, session.begin():
            return session.execute(
                update(OutboxRow)
                .where(OutboxRow.state == State.sending, OutboxRow.changed_at < cutoff)
                .values(state=State.failed, note="interrupted while sending", changed_at=time.time())
            ).rowcount

    def forget(self, older_than_seconds: float) -> int:
        """Delivered and failed parcels go: they hold what the chat was told (personal data)."""
        cutoff = time.time() - older_than_seconds
        with Session(self.engine) as session, session.begin():
            return session.execute(
                delete(OutboxRow).where(
                    OutboxRow.state.in_([State.sent, State.failed]), OutboxRow.changed_at < cutoff
                )
            ).rowcount
