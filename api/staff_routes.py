"""The staff console: login, the queue and the chats (JSON), live updates (`/ws/staff`), the page."""

from __future__ import annotations

import contextlib
import time
from typing import Any

from fastapi import APIRouter, Form, HTTPException, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.pages import page_context, templates
from api.staff_accounts import LoginRefused, StaffAccounts
from api.staff_auth import COOKIE, Staff, same_origin, session_member
from bot.handoff.desk import STAFF_TOPIC, HandoffConflict, HandoffDesk, StaffMember
from bot.handoff.wording import CANNED, OUTCOMES
from bot.store import utc
from bot.throttle import Throttled
from connectors.clients import client_address
from knowledge.schema import Lang

router = APIRouter(tags=["staff"])
SESSION_RECHECK_SECONDS = 30
_UI: dict[Lang, dict[str, str]] = {"zh": {}, "en": {}}


def _desk(request: Request) -> HandoffDesk:
    return request.app.state.handoff


def _accounts(request: Request) -> StaffAccounts:
    return request.app.state.accounts


async def _doing(work: Any) -> Any:
    """Run a desk change; a lost race or a refused change is a 409 saying why."""
    try:
        return await work
    except HandoffConflict as conflict:
        raise HTTPException(409, str(conflict)) from None


# --- pages ------------------------------------------------------------------------------------


def _login_page(request: Request, error: str | None = None, status_code: int = 200) -> HTMLResponse:
    """The login form; `error` is only ever one of the login's own messages."""
    context = page_context(request, "zh", _UI) | {"error": error}
    return templates.TemplateResponse(request, "staff_login.html", context, status_code=status_code)


@router.get("/staff/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request) -> HTMLResponse:
    return _login_page(request)


@router.post("/staff/login", include_in_schema=False)
async def login(
    request: Request, username: str = Form(max_length=64), password: str = Form(max_length=256)
) -> Response:
    if not same_origin(request):
        raise HTTPException(403, "cross-site login refused")
    username, address = username.strip(), client_address(request)
    throttle = request.app.state.throttle
    try:  # counted by address, and by name and address: a guesser elsewhere never locks the person out
        await throttle.hit("login", address)
        await throttle.hit("login_name", username, address)
        member = await run_in_threadpool(_accounts(request).verify, username, password)
    except Throttled as throttled:
        message = (
            f"尝试次数过多，请 {throttled.minutes} 分钟后再试 / too many tries: wait {throttled.minutes} min"
        )
        return _login_page(request, message, 429)
    except LoginRefused as refused:
        return _login_page(request, str(refused), 401)
    await throttle.forget("login_name", username, address)
    token, _ = await run_in_threadpool(_accounts(request).open_session, member)
    await run_in_threadpool(_desk(request).records.audit, member.username, "login", "console")
    response = RedirectResponse("/staff", status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        path="/",
        secure=request.url.scheme == "https" or request.app.state.settings.secure_cookies,
        max_age=int(_accounts(request).session_length.total_seconds()),
    )
    return response


@router.post("/staff/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    """The session ends on the server, whatever else the browser sends (ending one is never harmful)."""
    if token := request.cookies.get(COOKIE):
        await run_in_threadpool(_accounts(request).close_session, token)
    response = RedirectResponse("/staff/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/staff", response_class=HTMLResponse, include_in_schema=False)
def console(request: Request) -> Response:
    found = session_member(request)
    if found is None:
        return RedirectResponse("/staff/login", status_code=303)
    me, csrf = found
    context = page_context(request, "zh", _UI) | {"me": me, "csrf": csrf, "outcomes": list(OUTCOMES.items())}
    return templates.TemplateResponse(request, "staff.html", context, headers={"Cache-Control": "no-store"})


# --- the queue and the chats --------------------------------------------------------------------


@router.get("/api/staff/queue")
async def queue(request: Request, me: Staff) -> dict[str, Any]:
    desk = _desk(request)
    listed = await run_in_threadpool(desk.queue, me)
    names = {m.username: m for m in await run_in_threadpool(_accounts(request).everyone)}
    for chat in listed["active"]:
        chat["agent_name"] = names[chat["agent"]].name if chat["agent"] in names else chat["agent"]
    loads = {m: await run_in_threadpool(desk.records.load, m) for m in names}
    listed["colleagues"] = [
        {"username": m.username, "name": m.name, "load": loads[u], "capacity": m.capacity}
        for u, m in names.items()
    ]
    return listed


async def _visible(request: Request, handoff_id: int, me: StaffMember) -> Any:
    desk = _desk(request)
    handoff = await run_in_threadpool(desk.records.get, handoff_id)
    if handoff is None or not desk.may_see(handoff, me):
        raise HTTPException(404, "no such chat within your reach")
    return handoff


@router.get("/api/staff/handoffs/{handoff_id}")
async def chat(request: Request, handoff_id: int, me: Staff) -> dict[str, Any]:
    """One chat with its whole history, the citizen's pre-review cases and bookings."""
    handoff = await _visible(request, handoff_id, me)
    desk, state = _desk(request), request.app.state
    await run_in_threadpool(desk.records.audit, me.username, "view", f"handoff {handoff_id}")
    history = await state.gateway.transcript(handoff.sender_id, for_staff=True)
    cases = await run_in_threadpool(state.desk.store.of_sender, handoff.sender_id)
    bookings = await run_in_threadpool(state.book.records.of_sender, handoff.sender_id)
    catalogue = state.knowledge.catalogue
    return {
        **desk.details(handoff),
        "history": history,
        "cases": [_case_view(case, files, catalogue, handoff.lang) for case, files in cases],
        "bookings": [
            {
                "code": b.code,
                "item_name": _item_name(catalogue, b.item, handoff.lang),
                "start": b.start.isoformat(),
                "window": b.window,
                "status": b.status,
            }
            for b in bookings
        ],
    }


def _item_name(catalogue: Any, item_id: str | None, lang: str) -> str | None:
    item = catalogue.item(item_id or "")
    return item.name.get("en" if lang == "en" else "zh") if item else item_id


def _case_view(case: Any, files: list[Any], catalogue: Any, lang: str) -> dict[str, Any]:
    return {
        "id": case.id,
        "item_name": _item_name(catalogue, case.item, lang),
        "verdict": (case.report or {}).get("verdict"),
        "status": case.status,
        "created_at": utc(case.created_at).isoformat(),
        "files": [{"name": f.name, "url": f"/api/staff/prereviews/{case.id}/files/{f.id}"} for f in files],
    }


class Said(BaseModel):
    text: str = Field(min_length=1, max_length=4000)


class Closing(BaseModel):
    outcome: str


class Transfer(BaseModel):
    to: str


@router.post("/api/staff/handoffs/{handoff_id}/claim")
async def claim(request: Request, handoff_id: int, me: Staff) -> dict[str, Any]:
    handoff = await _doing(_desk(request).claim(handoff_id, me))
    return {"id": handoff.id}


@router.post("/api/staff/chats/{sender}/take")
async def take(request: Request, sender: str, me: Staff) -> dict[str, Any]:
    handoff = await _doing(_desk(request).take(sender, me))
    return {"id": handoff.id}


@router.post("/api/staff/handoffs/{handoff_id}/release")
async def release(request: Request, handoff_id: int, me: Staff) -> dict[str, bool]:
    await _doing(_desk(request).release(handoff_id, me))
    return {"ok": True}


@router.post("/api/staff/handoffs/{handoff_id}/transfer")
async def transfer(request: Request, handoff_id: int, body: Transfer, me: Staff) -> dict[str, bool]:
    colleague = await run_in_threadpool(_accounts(request).get, body.to)
    if colleague is None:
        raise HTTPException(404, f"no colleague {body.to!r}")
    await _doing(_desk(request).transfer(handoff_id, me, colleague))
    return {"ok": True}


@router.post("/api/staff/handoffs/{handoff_id}/reply")
async def reply(request: Request, handoff_id: int, body: Said, me: Staff) -> dict[str, bool]:
    await _doing(_desk(request).reply(handoff_id, me, body.text))
    return {"ok": True}


@router.post("/api/staff/handoffs/{handoff_id}/note")
async def note(request: Request, handoff_id: int, body: Said, me: Staff) -> dict[str, bool]:
    await _doing(_desk(request).note(handoff_id, me, body.text))
    return {"ok": True}


@router.post("/api/staff/handoffs/{handoff_id}/typing")
async def typing(request: Request, handoff_id: int, me: Staff) -> dict[str, bool]:
    await _doing(_desk(request).typing(handoff_id, me))
    return {"ok": True}


@router.post("/api/staff/handoffs/{handoff_id}/close")
async def close(request: Request, handoff_id: int, body: Closing, me: Staff) -> dict[str, bool]:
    await _doing(_desk(request).close(handoff_id, me, body.outcome))
    return {"ok": True}


@router.post("/api/staff/callbacks/{handoff_id}/done")
async def callback_done(request: Request, handoff_id: int, me: Staff) -> dict[str, bool]:
    await _doing(_desk(request).callback_done(handoff_id, me))
    return {"ok": True}


@router.get("/api/staff/canned")
def canned(request: Request, me: Staff, lang: Lang = "zh", item: str | None = None) -> dict[str, Any]:
    """Ready replies, and the catalogue's one clear answer for `item` to insert."""
    knowledge = request.app.state.knowledge
    answer = knowledge.answer(item, lang).text if item and knowledge.catalogue.item(item) else None
    return {"replies": [{"title": t, "text": x} for t, x in CANNED[lang]], "answer": answer}


@router.get("/api/staff/audit")
def audit_log(request: Request, me: Staff) -> list[dict[str, Any]]:
    if not me.admin:
        raise HTTPException(403, "the audit log is for administrators")
    return [
        {
            "at": utc(e.at).isoformat(),
            "staff": e.staff,
            "action": e.action,
            "target": e.target,
            "detail": e.detail,
        }
        for e in _desk(request).records.audit_log()
    ]


# --- live updates ---------------------------------------------------------------------------------


@router.websocket("/ws/staff")
async def staff_socket(websocket: WebSocket) -> None:
    """Queue changes and chat lines for the console; an agent gets the lines of their own chats only."""
    found = await run_in_threadpool(session_member, websocket)
    if found is None or not same_origin(websocket):
        await websocket.close(code=4401)
        return
    me, _ = found
    await websocket.accept()
    desk: HandoffDesk = websocket.app.state.handoff

    checked = time.monotonic()

    async def forward(frame: dict[str, Any]) -> None:
        nonlocal checked
        if time.monotonic() - checked > SESSION_RECHECK_SECONDS:  # logged out or expired meanwhile
            checked = time.monotonic()
            if await run_in_threadpool(session_member, websocket) is None:
                await websocket.close(code=4401)
                return
        if frame.get("type") == "line" and not me.admin and frame.get("agent") not in (None, me.username):
            return
        await websocket.send_json(frame)

    with desk.relay.listening(STAFF_TOPIC, forward), contextlib.suppress(WebSocketDisconnect):
        while True:  # the console only listens; anything it sends is ignored
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
