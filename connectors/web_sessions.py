"""Web chat sessions: the page's secret token, and the chat it opens.

The server hands out the token (the page keeps it across reloads) and stores only its SHA-256, with
a chat id of its own: the chat id is seen by staff and in the database, the token only by the page.
A session not seen for the chat retention period is gone, and the page then gets a new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Callable

from sqlalchemy import DateTime, String, delete
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.store import Base, utc

Clock = Callable[[], dt.datetime]


class WebSession(Base):
    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(36), unique=True)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class WebSessions:
    def __init__(self, engine: Engine, lifetime: dt.timedelta, clock: Clock = _now):
        self.engine = engine
        self.lifetime = lifetime
        self.clock = clock
        Base.metadata.create_all(engine, tables=[WebSession.__table__])

    def chat_of(self, token: str) -> str | None:
        """The chat id of a live session, which is seen again now; None for an unknown or old one."""
        now = self.clock()
        with Session(self.engine) as session, session.begin():
            found = session.get(WebSession, _digest(token))
            if found is None or utc(found.last_seen) < now - self.lifetime:
                return None
            found.last_seen = now
            return found.chat_id

    def resume(self, token: str | None) -> tuple[str, str]:
        """The page's session (token, chat id), or a new one when it has none that is still live."""
        chat = self.chat_of(token) if token else None
        if token and chat:
            return token, chat
        token, chat = secrets.token_urlsafe(32), str(uuid.uuid4())
        with Session(self.engine) as session, session.begin():
            session.add(WebSession(token_hash=_digest(token), chat_id=chat, last_seen=self.clock()))
        return token, chat

    def forget_before(self, cutoff: dt.datetime) -> int:
        """Retention: sessions not seen since `cutoff` end."""
        with Session(self.engine) as session, session.begin():
            return session.execute(delete(WebSession).where(WebSession.last_seen < cutoff)).rowcount
