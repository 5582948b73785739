"""Handoffs, their messages, the live chat list and the staff audit log, kept with SQLAlchemy.

A chat has at most one open handoff (waiting, active or collecting a callback request): a
partial unique index says so, so two triggers, or a trigger and a colleague taking the chat,
can't both hand it over. Claims and closes are compare-and-swaps on the status.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, Float, Index, Integer, String, Text, delete, func, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.store import Base


class Status(StrEnum):
    waiting = "waiting"  # in the queue for staff
    active = "active"  # a member of staff owns the chat
    collecting = "collecting"  # out of hours: the chat is asking for a callback's name, phone, topic
    closed = "closed"  # back with the bot
    callback = "callback"  # a callback request for staff to act on
    called = "called"  # the callback was made


OPEN = (Status.waiting, Status.active, Status.collecting)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Handoff(Base):
    __tablename__ = "handoffs"
    __table_args__ = (
        Index(
            "one_open_handoff_per_chat",
            "sender_id",
            unique=True,
            sqlite_where=text("status IN ('waiting', 'active', 'collecting')"),
            postgresql_where=text("status IN ('waiting', 'active', 'collecting')"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    lang: Mapped[str] = mapped_column(String(2))
    reason: Mapped[str] = mapped_column(String(16))
    item: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(12), index=True)
    agent: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str | None] = mapped_column(String(32))
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_state: Mapped[str | None] = mapped_column(String(8))  # asked | comment, while it is asked
    comment: Mapped[str | None] = mapped_column(Text)
    callback_name: Mapped[str | None] = mapped_column(String(100))
    callback_phone: Mapped[str | None] = mapped_column(String(20))
    callback_topic: Mapped[str | None] = mapped_column(String(500))


class HandoffLine(Base):
    """A line said while the chat was with staff; the bot's lines stay in the brain's tracker."""

    __tablename__ = "handoff_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    handoff_id: Mapped[int] = mapped_column(Integer, index=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    author: Mapped[str] = mapped_column(String(8))  # user | staff | system | note (staff only)
    message_id: Mapped[str | None] = mapped_column(String(64))  # the page's id of a user's message
    staff_name: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    at: Mapped[float] = mapped_column(Float, default=time.time)  # epoch seconds, as tracker events


class LiveChat(Base):
    """Chats the bot is having, for staff to pick one up."""

    __tablename__ = "live_chats"

    sender_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    lang: Mapped[str] = mapped_column(String(2))
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    messages: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    __tablename__ = "staff_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    staff: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(255))
    detail: Mapped[str | None] = mapped_column(String(500))


class HandoffRecords:
    """Every read and atomic change of handoffs."""

    def __init__(self, engine: Engine):
        self.engine = engine
        Base.metadata.create_all(engine)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # --- opening and finding ---------------------------------------------------------------

    def open(
        self,
        sender: str,
        channel: str,
        lang: str,
        reason: str,
        item: str | None,
        status: Status,
        agent: str | None = None,
    ) -> Handoff | None:
        """A new open handoff, or None when the chat already has one (the index decides)."""
        now = _now()
        handoff = Handoff(
            sender_id=sender,
            channel=channel,
            lang=lang,
            reason=reason,
            item=item,
            status=status,
            agent=agent,
            created_at=now,
            claimed_at=now if status == Status.active else None,
        )
        try:
            with self.session() as session, session.begin():
                session.add(handoff)
        except IntegrityError:
            return None
        return handoff

    def get(self, handoff_id: int) -> Handoff | None:
        with self.session() as session:
            return session.get(Handoff, handoff_id)

    def open_of(self, sender: str) -> Handoff | None:
        with self.session() as session:
            return session.scalar(
                select(Handoff).where(Handoff.sender_id == sender, Handoff.status.in_(OPEN))
            )

    def asking_rating(self, sender: str) -> Handoff | None:
        with self.session() as session:
            return session.scalar(
                select(Handoff)
                .where(Handoff.sender_id == sender, Handoff.rating_state.is_not(None))
                .order_by(Handoff.id.desc())
                .limit(1)
            )

    def of_sender(self, sender: str) -> list[Handoff]:
        with self.session() as session:
            return list(
                session.scalars(select(Handoff).where(Handoff.sender_id == sender).order_by(Handoff.id))
            )

    def listed(self, statuses: Iterable[Status], agent: str | None = None) -> list[Handoff]:
        with self.session() as session:
            query = (
                select(Handoff)
                .where(Handoff.status.in_(list(statuses)))
                .order_by(Handoff.created_at, Handoff.id)
            )
            if agent is not None:
                query = query.where(Handoff.agent == agent)
            return list(session.scalars(query))

    def load(self, agent: str) -> int:
        with self.session() as session:
            return (
                session.scalar(
                    select(func.count()).where(Handoff.agent == agent, Handoff.status == Status.active)
                )
                or 0
            )

    # --- compare-and-swaps -----------------------------------------------------------------

    def change(
        self, handoff_id: int, before: Iterable[Status], owner: str | None = None, **values: Any
    ) -> bool:
        """Set `values` if the handoff is still in one of `before` (and owned by `owner`, given)."""
        query = update(Handoff).where(Handoff.id == handoff_id, Handoff.status.in_(list(before)))
        if owner is not None:
            query = query.where(Handoff.agent == owner)
        with self.session() as session, session.begin():
            return session.execute(query.values(**values)).rowcount == 1

    def claim(self, handoff_id: int, agent: str, capacity: int) -> bool:
        """Waiting → active for `agent`, unless someone else claimed it first or `agent` is full."""
        mine = select(func.count()).where(Handoff.agent == agent, Handoff.status == Status.active)
        query = (
            update(Handoff)
            .where(
                Handoff.id == handoff_id, Handoff.status == Status.waiting, mine.scalar_subquery() < capacity
            )
            .values(status=Status.active, agent=agent, claimed_at=_now())
        )
        with self.session() as session, session.begin():
            return session.execute(query).rowcount == 1

    # --- lines -------------------------------------------------------------------------------

    def add_line(
        self,
        handoff: Handoff,
        author: str,
        text_: str,
        staff_name: str | None = None,
        buttons: list[dict[str, str]] | None = None,
        message_id: str | None = None,
    ) -> HandoffLine:
        line = HandoffLine(
            handoff_id=handoff.id,
            sender_id=handoff.sender_id,
            author=author,
            staff_name=staff_name,
            text=text_,
            buttons=buttons or [],
            message_id=message_id,
            at=time.time(),
        )
        with self.session() as session, session.begin():
            session.add(line)
        return line

    def drop_line(self, line_id: int) -> None:
        with self.session() as session, session.begin():
            session.execute(delete(HandoffLine).where(HandoffLine.id == line_id))

    def lines(self, sender: str, with_notes: bool = False) -> list[HandoffLine]:
        with self.session() as session:
            query = select(HandoffLine).where(HandoffLine.sender_id == sender).order_by(HandoffLine.id)
            if not with_notes:
                query = query.where(HandoffLine.author != "note")
            return list(session.scalars(query))

    # --- live chats, audit, retention --------------------------------------------------------

    def seen(self, sender: str, channel: str, lang: str) -> None:
        """Note a message of the chat; its first message adds it to the live list."""
        query = (
            update(LiveChat)
            .where(LiveChat.sender_id == sender)
            .values(last_seen=_now(), lang=lang, messages=LiveChat.messages + 1)
        )
        with self.session() as session, session.begin():
            if session.execute(query).rowcount == 1:
                return
        try:
            with self.session() as session, session.begin():
                session.add(
                    LiveChat(sender_id=sender, channel=channel, lang=lang, last_seen=_now(), messages=1)
                )
        except IntegrityError:  # the same chat's first two messages at once: the other one added it
            pass

    def live(self, since: dt.datetime) -> list[LiveChat]:
        with self.session() as session:
            return list(
                session.scalars(
                    select(LiveChat).where(LiveChat.last_seen >= since).order_by(LiveChat.last_seen.desc())
                )
            )

    def audit(self, staff: str, action: str, target: str, detail: str | None = None) -> None:
        with self.session() as session, session.begin():
            session.add(
                AuditEntry(staff=staff, action=action, target=target, detail=(detail or "")[:500] or None)
            )

    def audit_log(self, limit: int = 500) -> list[AuditEntry]:
        with self.session() as session:
            return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))

    def end_stale_forms(self, cutoff: dt.datetime) -> None:
        """A callback request never completed by `cutoff` gives the chat back to the bot."""
        with self.session() as session, session.begin():
            session.execute(
                update(Handoff)
                .where(Handoff.status == Status.collecting, Handoff.created_at < cutoff)
                .values(status=Status.closed, outcome="user_left", closed_at=_now())
            )

    def forget_before(self, cutoff: dt.datetime) -> None:
        """Retention: lines and callback details of handoffs closed before `cutoff` go."""
        with self.session() as session, session.begin():
            old = select(Handoff.id).where(Handoff.closed_at < cutoff)
            session.execute(delete(HandoffLine).where(HandoffLine.handoff_id.in_(old)))
            session.execute(
                update(Handoff)
                .where(Handoff.closed_at < cutoff)
                .values(
                    sender_id="forgotten",
                    callback_name=None,
                    callback_phone=None,
                    callback_topic=None,
                    comment=None,
                )
            )
            session.execute(delete(LiveChat).where(LiveChat.last_seen < cutoff))

    def since(self, since: dt.datetime) -> tuple[list[Handoff], list[dt.datetime]]:
        """Handoffs and the first messages of chats since `since`, for the public statistics."""
        with self.session() as session:
            handoffs = list(session.scalars(select(Handoff).where(Handoff.created_at >= since)))
            chats = list(session.scalars(select(LiveChat.first_seen).where(LiveChat.first_seen >= since)))
        return handoffs, chats

    def recently_closed(self, count: int) -> list[Handoff]:
        with self.session() as session:
            query = (
                select(Handoff)
                .where(Handoff.closed_at.is_not(None), Handoff.claimed_at.is_not(None))
                .order_by(Handoff.closed_at.desc())
                .limit(count)
            )
            return list(session.scalars(query))

    def live_chat(self, sender: str) -> LiveChat | None:
        with self.session() as session:
            return session.get(LiveChat, sender)
