"""Pre-review cases and their files, kept with SQLAlchemy; the files' bytes under the data folder."""

from __future__ import annotations

import datetime as dt
import secrets
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.store import Base


class CaseStatus(StrEnum):
    draft = "draft"  # files arriving; no report yet (or files added since the last one)
    submitted = "submitted"  # a report exists; staff have not decided
    confirmed = "confirmed"
    returned = "returned"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Case(Base):
    __tablename__ = "prereview_cases"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: secrets.token_hex(8))
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    item: Mapped[str | None] = mapped_column(String(255))
    scenario: Mapped[str | None] = mapped_column(String(255))
    lang: Mapped[str] = mapped_column(String(2), default="zh")
    status: Mapped[str] = mapped_column(String(16), default=CaseStatus.draft, index=True)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    staff_comment: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)


class StoredFile(Base):
    __tablename__ = "prereview_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("prereview_cases.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))  # as uploaded: shown, never used as a path
    stored_as: Mapped[str] = mapped_column(String(64))  # a random name in the uploads folder
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(8))
    problem: Mapped[str | None] = mapped_column(String(32))
    pages: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    acknowledged: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class CaseStore:
    """Queries on cases; every write is one transaction."""

    def __init__(self, engine: Engine):
        self.engine = engine
        Base.metadata.create_all(engine)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def open_case(self, sender_id: str) -> Case | None:
        """The chat's case still taking files (draft or submitted, not yet decided by staff)."""
        with self.session() as session:
            return session.scalars(
                select(Case)
                .where(Case.sender_id == sender_id, Case.status.in_([CaseStatus.draft, CaseStatus.submitted]))
                .order_by(Case.updated_at.desc())
                .limit(1)
            ).first()

    def get(self, case_id: str) -> Case | None:
        with self.session() as session:
            return session.get(Case, case_id)

    def files(self, case_id: str) -> list[StoredFile]:
        with self.session() as session:
            return list(
                session.scalars(
                    select(StoredFile).where(StoredFile.case_id == case_id).order_by(StoredFile.id)
                )
            )

    def of_sender(self, sender_id: str) -> list[tuple[Case, list[StoredFile]]]:
        """A chat's cases with their files, newest first, for staff."""
        with self.session() as session:
            cases = list(
                session.scalars(
                    select(Case).where(Case.sender_id == sender_id).order_by(Case.created_at.desc())
                )
            )
        return [(case, self.files(case.id)) for case in cases]

    def submitted_since(self, since: dt.datetime) -> list[dt.datetime]:
        with self.session() as session:
            query = select(Case.created_at).where(Case.created_at >= since, Case.status != CaseStatus.draft)
            return list(session.scalars(query))

    def list(self, status: CaseStatus | None = None, limit: int = 200) -> list[Case]:
        with self.session() as session:
            query = (
                select(Case)
                .where(Case.status != CaseStatus.draft)
                .order_by(Case.updated_at.desc())
                .limit(limit)
            )
            if status is not None:
                query = query.where(Case.status == status)
            return list(session.scalars(query))

    def decide(self, case_id: str, status: CaseStatus, comment: str, staff: str) -> bool:
        """Confirm or return a submitted case; False when it is not (or no longer) submitted."""
        with self.session() as session, session.begin():
            changed = session.execute(
                update(Case)
                .where(Case.id == case_id, Case.status == CaseStatus.submitted)
                .values(status=status, staff_comment=comment, decided_by=staff, updated_at=_now())
            )
            return changed.rowcount == 1

    def older_than(self, cutoff: dt.datetime) -> list[tuple[str, list[str]]]:
        """Cases last touched before `cutoff`, each with its files' stored names."""
        with self.session() as session:
            cases = list(session.scalars(select(Case.id).where(Case.updated_at < cutoff)))
            files = session.execute(
                select(StoredFile.case_id, StoredFile.stored_as).where(StoredFile.case_id.in_(cases))
            )
            stored: dict[str, list[str]] = {case: [] for case in cases}
            for case, name in files:
                stored[case].append(name)
            return list(stored.items())

    def delete(self, case_ids: list[str]) -> None:
        with self.session() as session, session.begin():
            for file in session.scalars(select(StoredFile).where(StoredFile.case_id.in_(case_ids))):
                session.delete(file)
            for case in session.scalars(select(Case).where(Case.id.in_(case_ids))):
                session.delete(case)
