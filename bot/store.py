"""Conversation events kept with SQLAlchemy, so that a restart loses no conversation."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class StoredEvent(Base):
    __tablename__ = "conversation_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


def make_engine(url: str) -> Engine:
    engine = create_engine(url, pool_pre_ping=True)
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _wal(connection: Any, _record: Any) -> None:  # concurrent readers while one process writes
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA busy_timeout=30000")

    Base.metadata.create_all(engine)
    return engine


class TrackerStore:
    """Appends and reads the Rasa events of each conversation."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def load(self, sender_id: str) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            rows = session.scalars(
                select(StoredEvent.data).where(StoredEvent.sender_id == sender_id).order_by(StoredEvent.id)
            )
            return [dict(r) for r in rows]

    def append(self, sender_id: str, events: list[dict[str, Any]]) -> None:
        if not events:
            return
        with Session(self.engine) as session, session.begin():
            session.add_all(StoredEvent(sender_id=sender_id, data=json.loads(json.dumps(e))) for e in events)
