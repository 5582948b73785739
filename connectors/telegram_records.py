"""What the Telegram channel keeps: updates already handled, the buttons behind short keys, and
which process may poll.

Telegram sends an update again when its receipt was not confirmed (a restart between handling
and the next poll, a webhook answered late), so each update is handled once by its id. Callback
data is limited to 64 bytes: a button carries a random key to its stored payload instead.
"""

from __future__ import annotations

import secrets
import time

from sqlalchemy import BigInteger, Boolean, Float, String, Text, delete, insert, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.store import Base


class HandledUpdate(Base):
    __tablename__ = "telegram_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[float] = mapped_column(Float, index=True)  # when it was taken
    finished: Mapped[bool] = mapped_column(Boolean, default=False)  # its replies are in the outbox


class ButtonKey(Base):
    __tablename__ = "telegram_buttons"

    key: Mapped[str] = mapped_column(String(16), primary_key=True)
    keyboard: Mapped[str] = mapped_column(String(16), index=True)  # the keys shown together
    sender_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    at: Mapped[float] = mapped_column(Float, index=True)


class PollerLease(Base):
    __tablename__ = "telegram_poller"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    until: Mapped[float] = mapped_column(Float)


class TelegramRecords:
    def __init__(self, engine: Engine):
        self.engine = engine
        tables = [HandledUpdate.__table__, ButtonKey.__table__, PollerLease.__table__]
        Base.metadata.create_all(engine, tables=tables)

    def take(self, update_id: int, abandoned_after: float) -> bool:
        """Whether this caller should handle the update: it is new, or was taken `abandoned_after`
        seconds ago and never finished (its process died). Telegram sends an update again when its
        receipt was not confirmed; it is handled once."""
        now = time.time()
        try:
            with Session(self.engine) as session, session.begin():
                session.add(HandledUpdate(update_id=update_id, at=now, finished=False))
            return True
        except IntegrityError:
            pass
        with Session(self.engine) as session, session.begin():
            return bool(
                session.execute(
                    update(HandledUpdate)
                    .where(HandledUpdate.update_id == update_id, ~HandledUpdate.finished)
                    .where(HandledUpdate.at < now - abandoned_after)
                    .values(at=now)
                ).rowcount
            )

    def finished(self, update_ids: list[int]) -> None:
        with Session(self.engine) as session, session.begin():
            session.execute(
                update(HandledUpdate).where(HandledUpdate.update_id.in_(update_ids)).values(finished=True)
            )

    def keyboard(self, sender_id: str, buttons: list[tuple[str, str]]) -> list[str]:
        """Keys for a keyboard's buttons, each (payload, title): 12 characters, well inside
        Telegram's 64 bytes."""
        keyboard, now = secrets.token_urlsafe(9), time.time()
        keys = [secrets.token_urlsafe(9) for _ in buttons]
        with Session(self.engine) as session, session.begin():
            session.add_all(
                ButtonKey(
                    key=key, keyboard=keyboard, sender_id=sender_id, payload=payload, title=title, at=now
                )
                for key, (payload, title) in zip(keys, buttons, strict=True)
            )
        return keys

    def press(self, key: str, sender_id: str) -> tuple[str, str] | None:
        """The payload and title behind a key pressed in this chat, once: its whole keyboard is
        spent (a double tap, another button of it). None for a stale, spent or foreign key."""
        with Session(self.engine) as session, session.begin():
            row = session.get(ButtonKey, key[:16])
            if row is None or row.sender_id != sender_id:
                return None
            pressed = (row.payload, row.title)
            spent = session.execute(delete(ButtonKey).where(ButtonKey.keyboard == row.keyboard)).rowcount
        return pressed if spent else None

    def hold_poller(self, holder: str, seconds: float) -> bool:
        """Take or renew the right to poll Telegram (one poller per bot, or Telegram refuses both)."""
        now = time.time()
        with Session(self.engine) as session, session.begin():
            renewed = session.execute(
                update(PollerLease)
                .where(PollerLease.name == "poller")
                .where((PollerLease.holder == holder) | (PollerLease.until < now))
                .values(holder=holder, until=now + seconds)
            ).rowcount
        if renewed:
            return True
        try:
            with Session(self.engine) as session, session.begin():
                session.execute(insert(PollerLease).values(name="poller", holder=holder, until=now + seconds))
            return True
        except IntegrityError:  # another process holds it
            return False

    def let_go_of_poller(self, holder: str) -> None:
        with Session(self.engine) as session, session.begin():
            session.execute(delete(PollerLease).where(PollerLease.holder == holder))

    def forget(self, updates_after_seconds: float, buttons_after_seconds: float) -> None:
        now = time.time()
        with Session(self.engine) as session, session.begin():
            session.execute(delete(HandledUpdate).where(HandledUpdate.at < now - updates_after_seconds))
            session.execute(delete(ButtonKey).where(ButtonKey.at < now - buttons_after_seconds))
