"""Who may call the staff API: a bearer token until the staff console issue brings logins."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request


def staff(request: Request) -> str:
    """The staff API wants `Authorization: Bearer <ONEWINDOW_STAFF_TOKEN>` (the console issue adds logins)."""
    token = request.app.state.settings.staff_token
    if not token:
        raise HTTPException(403, "the staff API is off: set ONEWINDOW_STAFF_TOKEN to turn it on")
    given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid staff token is needed", headers={"WWW-Authenticate": "Bearer"})
    return request.headers.get("x-staff-name", "staff")[:255]


Staff = Annotated[str, Depends(staff)]
