"""Staff logins: argon2 password hashes, lockout after repeated failures, and sessions.

A session is a random token in an HttpOnly, SameSite=Strict cookie; the database keeps only its
SHA-256, with the CSRF token that every state-changing request must echo.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import DateTime, Integer, String, delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.handoff.desk import StaffMember
from bot.store import Base, utc

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
ROLES = ("agent", "admin")
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password")  # unknown names cost as much time as known ones


class LoginRefused(ValueError):
    """Wrong name or password, or the account is locked; the message is safe to show."""


class StaffUser(Base):
    __tablename__ = "staff_users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(8))
    capacity: Mapped[int] = mapped_column(Integer, default=5)
    password_hash: Mapped[str] = mapped_column(String(255))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class StaffSession(Base):
    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _member(user: StaffUser) -> StaffMember:
    return StaffMember(user.username, user.name, user.role, user.capacity)


class StaffAccounts:
    def __init__(self, engine: Engine, session_hours: float = 12):
        self.engine = engine
        self.session_length = dt.timedelta(hours=session_hours)
        Base.metadata.create_all(engine)

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def add(
        self, username: str, name: str, password: str, role: str = "agent", capacity: int = 5
    ) -> StaffMember:
        """Create an account, or set a new password, name and role for an existing one."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        if len(password) < 10:
            raise ValueError("the password needs at least 10 characters")
        with self._session() as session, session.begin():
            user = session.get(StaffUser, username) or StaffUser(username=username)
            user.name, user.role, user.capacity = name, role, capacity
            user.password_hash, user.failures, user.locked_until = _hasher.hash(password), 0, None
            session.add(user)
        return _member(user)

    def get(self, username: str) -> StaffMember | None:
        with self._session() as session:
            user = session.get(StaffUser, username)
            return _member(user) if user else None

    def everyone(self) -> list[StaffMember]:
        with self._session() as session:
            return [_member(u) for u in session.scalars(select(StaffUser).order_by(StaffUser.username))]

    def verify(self, username: str, password: str) -> StaffMember:
        """The member of staff for this name and password; after 5 failures the account waits 15 minutes."""
        refusal: LoginRefused | None = LoginRefused("用户名或密码不正确 / wrong name or password")
        with self._session() as session, session.begin():  # a failure is counted, then refused
            user = session.get(StaffUser, username, with_for_update=True)
            if user is None:
                _check(_DUMMY_HASH, password)
            elif user.locked_until and utc(user.locked_until) > _now():
                refusal = LoginRefused(
                    "登录失败次数过多，请 15 分钟后再试 / too many failures: try again in 15 minutes"
                )
            elif not _check(user.password_hash, password):
                # Counted in the database: guesses in parallel each count (SQLite has no FOR UPDATE).
                counted = update(StaffUser).where(StaffUser.username == username)
                failures = session.scalar(
                    counted.values(failures=StaffUser.failures + 1).returning(StaffUser.failures)
                )
                if failures is not None and failures >= MAX_FAILURES:
                    session.execute(counted.values(failures=0, locked_until=_now() + LOCKOUT))
            else:
                refusal = None
                user.failures, user.locked_until = 0, None
                if _hasher.check_needs_rehash(user.password_hash):
                    user.password_hash = _hasher.hash(password)
        if refusal is not None or user is None:
            raise refusal or LoginRefused("")
        return _member(user)

    def open_session(self, member: StaffMember) -> tuple[str, str]:
        """A new session: its cookie token and its CSRF token."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self._session() as session, session.begin():
            session.execute(delete(StaffSession).where(StaffSession.expires_at < _now()))
            session.add(
                StaffSession(
                    token_hash=_digest(token),
                    username=member.username,
                    csrf=csrf,
                    expires_at=_now() + self.session_length,
                )
            )
        return token, csrf

    def session_of(self, token: str) -> tuple[StaffMember, str] | None:
        """The member of staff and CSRF token of a live session."""
        with self._session() as session:
            found = session.get(StaffSession, _digest(token))
            if found is None or utc(found.expires_at) <= _now():
                return None
            user = session.get(StaffUser, found.username)
            return (_member(user), found.csrf) if user else None

    def close_session(self, token: str) -> None:
        with self._session() as session, session.begin():
            session.execute(delete(StaffSession).where(StaffSession.token_hash == _digest(token)))

    def end_sessions_of(self, username: str) -> None:
        with self._session() as session, session.begin():
            session.execute(
                update(StaffSession).where(StaffSession.username == username).values(expires_at=_now())
            )


def _check(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
