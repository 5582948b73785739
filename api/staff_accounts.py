"""Staff logins and API tokens: argon2 password hashes, sessions, and per-person tokens.

A session is a random token in an HttpOnly, SameSite=Strict cookie; the database keeps only its
SHA-256, with the CSRF token that every state-changing request must echo. An API token is a
person's own (their role, their name in the audit log), shown once, kept as its SHA-256, and
revocable. Guessing passwords is slowed by the rate limits (per address, and per name and address),
which never lock the real person out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import DateTime, ForeignKey, Integer, String, delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.handoff.desk import StaffMember
from bot.store import Base, utc

ROLES = ("agent", "admin")
TOKEN_PREFIX = "owt_"
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password")  # unknown names cost as much time as known ones


class LoginRefused(ValueError):
    """Wrong name or password; the message is safe to show."""


class StaffUser(Base):
    __tablename__ = "staff_users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(8))
    capacity: Mapped[int] = mapped_column(Integer, default=5)
    password_hash: Mapped[str] = mapped_column(String(255))


class StaffSession(Base):
    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class StaffToken(Base):
    __tablename__ = "staff_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(ForeignKey("staff_users.username", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class TokenInfo:
    id: int
    label: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


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
            user.password_hash = _hasher.hash(password)
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
        """The member of staff for this name and password; the same refusal for an unknown name."""
        with self._session() as session, session.begin():
            user = session.get(StaffUser, username)
            if not _check(user.password_hash if user else _DUMMY_HASH, password) or user is None:
                raise LoginRefused("用户名或密码不正确 / wrong name or password")
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
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

    # --- API tokens ----------------------------------------------------------------------------

    def issue_token(self, username: str, label: str = "") -> str:
        """A new API token for this person (shown once; the database keeps its SHA-256)."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self._session() as session, session.begin():
            if session.get(StaffUser, username) is None:
                raise ValueError(f"no staff account {username!r}; `onewindow staff add` creates it")
            session.add(
                StaffToken(username=username, token_hash=_digest(token), label=label[:100], created_at=_now())
            )
        return token

    def tokens_of(self, username: str) -> list[TokenInfo]:
        with self._session() as session:
            found = session.scalars(
                select(StaffToken).where(StaffToken.username == username).order_by(StaffToken.id)
            )
            return [TokenInfo(t.id, t.label, t.created_at, t.last_used_at, t.revoked_at) for t in found]

    def revoke_token(self, username: str, token_id: int) -> bool:
        """Revoke one of this person's tokens; False when they have no such live token."""
        with self._session() as session, session.begin():
            return bool(
                session.execute(
                    update(StaffToken)
                    .where(StaffToken.id == token_id, StaffToken.username == username)
                    .where(StaffToken.revoked_at.is_(None))
                    .values(revoked_at=_now())
                ).rowcount
            )

    def member_of_token(self, token: str) -> StaffMember | None:
        """The member of staff whose live token this is (noting its use), or None."""
        with self._session() as session, session.begin():
            found = session.scalar(
                select(StaffToken).where(
                    StaffToken.token_hash == _digest(token), StaffToken.revoked_at.is_(None)
                )
            )
            user = session.get(StaffUser, found.username) if found else None
            if found is None or user is None:
                return None
            found.last_used_at = _now()
            return _member(user)


def _check(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
