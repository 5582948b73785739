"""Conversation events kept with SQLAlchemy, so that a restart loses no conversation."""

from __future__ import annotations

import datetime as dt
import json
import threading
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Integer,
    String,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import StaticPool


def utc(value: dt.datetime) -> dt.datetime:
    """An aware UTC time; SQLite hands back the naive UTC times it was given."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass


class StoredEvent(Base):
    __tablename__ = "conversation_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


def make_engine(url: str) -> Engine:
    """An engine for `url`; a plain `postgresql://` URL uses psycopg 3, which OneWindow ships."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    sqlite = parsed.get_backend_name() == "sqlite"
    # Statement parameters (names, phones) stay out of error messages and logs.
    in_memory = sqlite and parsed.database in (None, "", ":memory:")
    # One shared connection for an in-memory database: each new one would be a new, empty database.
    options: dict[str, Any] = (
        {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}} if in_memory else {}
    )
    # pre-ping: a file never drops
    engine = create_engine(parsed, pool_pre_ping=not sqlite, hide_parameters=True, **options)
    if sqlite:

        @event.listens_for(engine, "connect")
        def _wal(connection: Any, _record: Any) -> None:  # concurrent readers while one process writes
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA busy_timeout=30000")
            # WAL with NORMAL sync: never corrupt, and a crash of the process loses nothing committed.
            connection.execute("PRAGMA synchronous=NORMAL")

    Base.metadata.create_all(engine)
    return engine


class TrackerStore:
    """Appends and reads the Rasa events of each conversation."""

    def __init__(self, engine: Engine):
        self.engine = engine
        # SQLite takes one writer at a time and makes the others sleep and retry (up to 100 ms a
        # try): queueing this process's writers here keeps a busy hall's replies fast.
        self._write_lock: AbstractContextManager[Any] = (
            threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()
        )

    def load(self, sender_id: str, after: int = 0) -> tuple[list[dict[str, Any]], int]:
        """The events stored after row `after`, and the last row's id (`after` when none)."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(StoredEvent.id, StoredEvent.data)
                .where(StoredEvent.sender_id == sender_id, StoredEvent.id > after)
                .order_by(StoredEvent.id)
            ).all()
        return [dict(data) for _, data in rows], rows[-1][0] if rows else after

    def append(self, sender_id: str, events: list[dict[str, Any]]) -> int:
        """Store `events` in order; returns the last one's row id (0 when there were none)."""
        if not events:
            return 0
        rows = [{"sender_id": sender_id, "data": json.loads(json.dumps(e))} for e in events]
        statement = insert(StoredEvent).returning(StoredEvent.id, sort_by_parameter_order=True)
        with self._write_lock, self.engine.begin() as connection:
            return connection.execute(statement, rows).scalars().all()[-1]

    def forget_before(self, cutoff: dt.datetime) -> int:
        """Retention: the chats' messages (ours, and those of a Rasa server sharing the database in
        its `events` table) from before `cutoff` go. The number of ours deleted."""
        with self._write_lock, self.engine.begin() as connection:
            gone = connection.execute(delete(StoredEvent).where(StoredEvent.created_at < cutoff)).rowcount
            if inspect(connection).has_table("events"):  # Rasa's SQL tracker store: times in seconds
                connection.execute(text("DELETE FROM events WHERE timestamp < :t"), {"t": cutoff.timestamp()})
        return gone
