"""Appointments over HTTP: free slots, booking, changes by code and phone, and the staff's day list,
check-in, no-show, CSV export and blackouts (their owners are told in their chats)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import AfterValidator, BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.staff_auth import Staff, admin, audit
from bot.actions.common import payload
from bot.appointments.book import AppointmentBook, FreeSlot, Outcome, Result
from bot.appointments.records import Booking, Status
from bot.appointments.wording import blackout_notice
from bot.prereview.rules import phones
from bot.privacy import masked
from connectors.clients import client_address
from knowledge.schema import Item, Lang

router = APIRouter(tags=["appointments"])
log = logging.getLogger(__name__)

_MESSAGES: dict[Outcome, dict[Lang, str]] = {
    Outcome.taken: {
        "zh": "这个时间刚刚被约满了，请选其他时间。",
        "en": "That time was just taken; pick another.",
    },
    Outcome.not_a_slot: {
        "zh": "这个时间不可预约（不开放、太近或超出可预约范围）。",
        "en": "That time can't be booked (closed, too soon or too far ahead).",
    },
    Outcome.duplicate: {
        "zh": "这个手机号已预约过该事项，如需换时间请改期。",
        "en": "This phone number already has this service booked; reschedule it instead.",
    },
    Outcome.too_many: {
        "zh": "这个手机号的未到期预约已达上限。",
        "en": "This phone number has the most upcoming bookings allowed.",
    },
    Outcome.too_late: {
        "zh": "距离预约时间太近或预约已结束，不能在线修改。",
        "en": "Too close to the appointment (or it is over) to change online.",
    },
    Outcome.not_bookable: {"zh": "该事项不需要预约。", "en": "This service takes no appointments."},
    Outcome.not_found: {"zh": "没有找到这个预约。", "en": "No such booking."},
}
_STATUS = {
    Outcome.taken: 409,
    Outcome.duplicate: 409,
    Outcome.too_many: 409,
    Outcome.too_late: 409,
    Outcome.not_a_slot: 422,
    Outcome.not_bookable: 422,
    Outcome.not_found: 404,
}


def _phone(value: str) -> str:
    found = phones(value)
    if len(found) != 1:
        raise ValueError("a mainland mobile number (11 digits) or a landline with its area code")
    return found[0].value


Phone = Annotated[str, Field(min_length=7, max_length=20), AfterValidator(_phone)]


def _book(request: Request) -> AppointmentBook:
    return request.app.state.book


def _client(request: Request) -> str:
    """The client as the chat's rate limits know it, so that chat and API bookings count together."""
    return request.app.state.pseudonyms(client_address(request))


async def _counted(request: Request, *counted: tuple[str, str]) -> None:
    for kind, key in counted:
        await request.app.state.throttle.hit(kind, key)


def _item(book: AppointmentBook, item_id: str) -> Item:
    item = book.catalogue.item(item_id)
    if item is None:
        raise HTTPException(
            404, f"no item {item_id!r} in the catalogue; GET /api/catalogue/search?q=... finds it"
        )
    return item


def _slot(slot: FreeSlot) -> dict[str, Any]:
    return {"start": slot.start.isoformat(), "end": slot.end.isoformat(), "free": slot.free}


def _booking(book: AppointmentBook, booking: Booking, personal: bool = False) -> dict[str, Any]:
    shown = {
        "code": booking.code,
        "status": booking.status,
        "item": booking.item,
        "scenario": booking.scenario,
        "window": booking.window,
        "start": booking.start.astimezone(book.zone).isoformat(),
        "end": booking.end.astimezone(book.zone).isoformat(),
    }
    if personal:
        shown |= {
            "name": booking.name,
            "phone": booking.phone,
            "channel": booking.channel,
            "note": booking.note,
        }
    return shown


def _answer(book: AppointmentBook, result: Result, lang: Lang, created: bool = False) -> JSONResponse:
    if result.ok and result.booking:
        return JSONResponse(_booking(book, result.booking), status_code=201 if created else 200)
    body = {
        "error": result.outcome.value,
        "message": _MESSAGES[result.outcome][lang],
        "alternatives": [_slot(s) for s in result.alternatives],
    }
    return JSONResponse(body, status_code=_STATUS[result.outcome])


@router.get("/api/appointments/slots")
async def free_slots(request: Request, item: str, date: dt.date | None = None) -> dict[str, Any]:
    """The days with free seats (no `date`), or the free slots of one day."""
    book = _book(request)
    found = _item(book, item)
    window = book.window_of(found)
    if window is None:
        raise HTTPException(422, _MESSAGES[Outcome.not_bookable]["en"])
    if date is None:
        days = await run_in_threadpool(book.open_days, found)
        return {
            "item": item,
            "window": window.id,
            "days": [{"date": d.isoformat(), "free": n} for d, n in days],
        }
    slots = await run_in_threadpool(book.free_slots, found, date)
    return {"item": item, "window": window.id, "date": date.isoformat(), "slots": [_slot(s) for s in slots]}


class NewBooking(BaseModel):
    item: str
    scenario: str | None = None
    start: dt.datetime
    name: str = Field(min_length=1, max_length=100)
    phone: Phone
    lang: Literal["zh", "en"] = "zh"


@router.post("/api/appointments", status_code=201)
async def book_appointment(request: Request, booking: NewBooking) -> JSONResponse:
    """Book a slot: 201 with the code, or 409 `taken` with the closest free times."""
    book = _book(request)
    item = _item(book, booking.item)
    if booking.start.tzinfo is None:
        raise HTTPException(422, "start needs its UTC offset, e.g. 2026-12-01T09:00:00+08:00")
    await _counted(request, ("booking", _client(request)), ("booking_phone", booking.phone))
    result = await run_in_threadpool(
        book.book,
        item,
        booking.scenario if item.scenario(booking.scenario) else None,
        booking.start,
        booking.name.strip(),
        booking.phone,
        channel="api",
        lang=booking.lang,
    )
    return _answer(book, result, booking.lang, created=True)


async def _owned(request: Request, code: str, phone: str) -> Booking:
    """The booking with this code and phone; every try counts against the client and the code."""
    await _counted(request, ("lookup", _client(request)), ("code", code.upper()))
    booking = await run_in_threadpool(_book(request).find, code, phone=phone)
    if booking is None:
        raise HTTPException(404, "no booking with this code and phone number")
    return booking


@router.get("/api/appointments/{code}")
async def show_booking(
    request: Request, code: str, phone: Annotated[str, Query(max_length=20)]
) -> dict[str, Any]:
    """A booking, for whoever has its code and its phone number."""
    return _booking(_book(request), await _owned(request, code, _checked_phone(phone)))


def _checked_phone(value: str) -> str:
    try:
        return _phone(value)
    except ValueError as error:
        raise HTTPException(422, f"phone: {error}") from None


class Owner(BaseModel):
    phone: Phone
    lang: Literal["zh", "en"] = "zh"


class Move(Owner):
    start: dt.datetime


@router.post("/api/appointments/{code}/cancel")
async def cancel_booking(request: Request, code: str, owner: Owner) -> JSONResponse:
    book = _book(request)
    booking = await _owned(request, code, owner.phone)
    return _answer(book, await run_in_threadpool(book.cancel, booking), owner.lang)


@router.post("/api/appointments/{code}/reschedule")
async def reschedule_booking(request: Request, code: str, move: Move) -> JSONResponse:
    """Move a booking to another slot, keeping its code; 409 `taken` with alternatives."""
    book = _book(request)
    if move.start.tzinfo is None:
        raise HTTPException(422, "start needs its UTC offset, e.g. 2026-12-01T09:00:00+08:00")
    booking = await _owned(request, code, move.phone)
    return _answer(book, await run_in_threadpool(book.reschedule, booking, move.start), move.lang)


# --- staff --------------------------------------------------------------------------------------


@router.get("/api/staff/appointments")
async def day_list(
    request: Request, staff: Staff, date: dt.date, window: str | None = None
) -> list[dict[str, Any]]:
    """A day's bookings in time order, with names and phones (staff only)."""
    await audit(request, staff, "view_day_list", date.isoformat(), window)
    book = _book(request)
    bookings = await run_in_threadpool(book.day_list, date, window)
    return [_booking(book, b, personal=True) for b in bookings]


@router.get("/api/staff/appointments.csv")
async def day_list_csv(request: Request, staff: Staff, date: dt.date, window: str | None = None) -> Response:
    await audit(request, staff, "export_day_list", date.isoformat(), window)
    book = _book(request)
    rows = [_booking(book, b, personal=True) for b in await run_in_threadpool(book.day_list, date, window)]
    columns = [
        "start",
        "end",
        "code",
        "status",
        "window",
        "item",
        "scenario",
        "name",
        "phone",
        "channel",
        "note",
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: _inert(v) for k, v in row.items()} for row in rows)
    name = f"appointments-{date.isoformat()}{'-' + window if window else ''}.csv"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    # A byte-order mark, so that Excel opens the Chinese names as UTF-8.
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.post("/api/staff/appointments/{code}/{mark}")
async def mark_booking(
    request: Request, staff: Staff, code: str, mark: Literal["attended", "no-show"]
) -> dict[str, Any]:
    """Check-in (attended) or no-show, once, for a confirmed booking."""
    await audit(request, staff, mark, code.upper())
    book = _book(request)
    status = Status.attended if mark == "attended" else Status.no_show
    booking = await run_in_threadpool(book.mark, code.upper(), status)
    if booking is None:
        raise HTTPException(409, f"booking {code} is not confirmed (unknown, cancelled or already marked)")
    return _booking(book, booking, personal=True)


class NewBlackout(BaseModel):
    window: str
    start: dt.datetime
    end: dt.datetime
    reason: str = Field(default="", max_length=200)
    preview: bool = Field(default=False, description="only list the bookings it would cancel")


@router.post("/api/staff/blackouts")
async def blackout(request: Request, staff: Staff, period: NewBlackout) -> dict[str, Any]:
    """Close a window for a period: its bookings are cancelled and their owners told in their chats."""
    admin(staff)
    await audit(
        request, staff, "blackout", period.window, f"{period.start.isoformat()} – {period.end.isoformat()}"
    )
    book = _book(request)
    if book.catalogue.window(period.window) is None:
        raise HTTPException(404, f"no window {period.window!r} in the catalogue")
    if period.start.tzinfo is None or period.end.tzinfo is None or period.end <= period.start:
        raise HTTPException(422, "start and end need UTC offsets, and end must come after start")
    if period.preview:
        affected = await run_in_threadpool(book.affected_by, period.window, period.start, period.end)
        return {
            "blackout": None,
            "affected": [_booking(book, b, personal=True) for b in affected],
            "notified": 0,
        }
    made, cancelled = await run_in_threadpool(
        book.blackout, period.window, period.start, period.end, period.reason, staff.username
    )
    gateway = request.app.state.gateway
    notified = 0
    for booking in cancelled:
        if booking.sender_id:
            text = blackout_notice(booking, book.catalogue, period.reason)
            try:
                await gateway.notify(booking.sender_id, [{"text": text, "buttons": [_rebook(booking)]}])
                notified += 1
            except Exception:  # the others are still told; staff see who was not in `notified`
                log.exception("could not tell %s of a blackout", masked(booking.sender_id))
    return {
        "blackout": {
            "id": made.id,
            "window": made.window,
            "start": made.start.isoformat(),
            "end": made.end.isoformat(),
        },
        "affected": [_booking(book, b, personal=True) for b in cancelled],
        "notified": notified,
    }


def _inert(value: Any) -> Any:
    """A cell a spreadsheet shows as text: one that starts like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _rebook(booking: Booking) -> dict[str, str]:
    title = "重新预约" if booking.lang != "en" else "Book again"
    return {"title": title, "payload": payload("book_appointment", item=booking.item)}


@router.get("/api/staff/blackouts")
async def blackouts(
    request: Request, _: Staff, start: dt.date, end: dt.date, window: str | None = None
) -> list[dict[str, Any]]:
    book = _book(request)
    begin = dt.datetime.combine(start, dt.time(0), book.zone)
    finish = dt.datetime.combine(end, dt.time(0), book.zone) + dt.timedelta(days=1)
    found = await run_in_threadpool(book.records.blackouts, window, begin, finish)
    return [
        {
            "id": b.id,
            "window": b.window,
            "start": b.start.isoformat(),
            "end": b.end.isoformat(),
            "reason": b.reason,
        }
        for b in found
    ]
