"""Who may call the staff API: a logged-in member of staff (session cookie, CSRF token on every
change, same-origin only), or a script with a member of staff's own API token (`Authorization:
Bearer owt_…`, from `onewindow staff token USER`), acting as that person with their role."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from bot.handoff.desk import StaffMember

COOKIE = "onewindow_staff"
_SAFE = {"GET", "HEAD", "OPTIONS"}


def same_origin(connection: HTTPConnection) -> bool:
    """A browser names the page a request comes from; it must be one of ours (none: not a browser)."""
    origin = connection.headers.get("origin")
    if origin is None:
        referer = connection.headers.get("referer")
        origin = f"{urlsplit(referer).scheme}://{urlsplit(referer).netloc}" if referer else None
    if origin is None:
        return connection.headers.get("sec-fetch-site") in (None, "same-origin", "none")
    return urlsplit(origin).netloc == connection.headers.get("host")


def session_member(connection: HTTPConnection) -> tuple[StaffMember, str] | None:
    token = connection.cookies.get(COOKIE)
    return connection.app.state.accounts.session_of(token) if token else None


def staff(request: Request) -> StaffMember:
    """The member of staff making this request, or 401/403 saying what is missing."""
    header = request.headers.get("authorization")
    if header is not None:
        given = header.removeprefix("Bearer ").strip()
        member = request.app.state.accounts.member_of_token(given) if given else None
        if member is None:
            raise HTTPException(
                401,
                "a valid staff API token is needed (`onewindow staff token USER` makes one)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return member
    found = session_member(request)
    if found is None:
        raise HTTPException(401, "please log in at /staff/login")
    member, csrf = found
    if request.method not in _SAFE:
        given = request.headers.get("x-csrf-token", "")
        if not same_origin(request) or not secrets.compare_digest(given.encode(), csrf.encode()):
            raise HTTPException(403, "cross-site request refused: reload the console and try again")
    return member


Staff = Annotated[StaffMember, Depends(staff)]


async def audit(
    request: Request, member: StaffMember, action: str, target: str, detail: str | None = None
) -> None:
    """Note a staff action in the audit log."""
    await run_in_threadpool(request.app.state.handoff.records.audit, member.username, action, target, detail)


def admin(member: StaffMember) -> None:
    if not member.admin:
        raise HTTPException(403, "only an administrator may do this")
