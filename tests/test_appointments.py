"""Appointments: limits, holds, changes, blackouts and reminders on SQLite and PostgreSQL; the race
for the last seat over HTTP against several server processes; reminders, staff endpoints and a
contested hold through a running server; booking and cancelling in the web page."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.conftest import RELAXED_LIMITS, serving, staff_headers
from tests.story_runner import StoryClock
from tests.web_client import WebChat

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def hall_catalogue(counters: int = 2) -> dict[str, Any]:
    """A small hall open every day 09:00-17:00 whose window serves `counters` people at a time.

    It lists New Year's Day of this year and the next ones, so it has "published" their holidays
    and a run in any year finds slots."""
    this_year = dt.date.today().year
    item = {"window": "desk", "bookable": True, "materials": []}
    return {
        "center": {
            "id": "test",
            "name": "测试中心",
            "address": "测试路1号",
            "phone": "0451-12345678",
            "timezone": "Asia/Shanghai",
            "hours": {"mon-sun": ["09:00-12:00", "13:00-17:00"]},
            "closed": [dt.date(year, 1, 1) for year in range(this_year, this_year + 3)],
        },
        "windows": [{"id": "desk", "name": "综合窗口", "counters": counters, "slot_minutes": 15}],
        "items": [{"id": f"item-{n}", "name": f"事项{n}", **item} for n in range(1, 5)]
        + [{"id": "walk-in", "name": "即来即办", "materials": []}],
    }


@pytest.fixture
def hall(database_url: str) -> Iterator[tuple[Any, StoryClock]]:
    """An appointment book for the small hall (one counter), on a Monday morning."""
    from bot.appointments.book import AppointmentBook
    from bot.appointments.records import AppointmentRecords
    from bot.store import make_engine
    from knowledge.schema import Catalogue

    clock = StoryClock()
    engine = make_engine(database_url)
    yield (
        AppointmentBook(
            Catalogue.model_validate(hall_catalogue(counters=1)), AppointmentRecords(engine), clock=clock
        ),
        clock,
    )
    engine.dispose()


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


def test_one_booking_per_person_and_item_and_a_limit_per_person(hall) -> None:
    from bot.appointments.book import Outcome

    book, clock = hall
    item = book.catalogue.item
    first = book.book(item("item-1"), None, _at(1, 9), "张三", "13800000001")
    assert first.outcome == Outcome.booked and first.booking.code[3] == "-"
    again = book.book(item("item-1"), None, _at(1, 10), "张三", "13800000001")
    assert again.outcome == Outcome.duplicate and again.booking.code == first.booking.code
    assert _at(1, 10) in [s.start for s in book.free_slots(item("item-1"), dt.date(2026, 12, 1))]  # hold back
    for n in (2, 3):
        assert (
            book.book(item(f"item-{n}"), None, _at(1, 13 + n), "张三", "13800000001").outcome
            == Outcome.booked
        )
    assert book.book(item("item-4"), None, _at(2, 9), "张三", "13800000001").outcome == Outcome.too_many
    assert book.book(item("walk-in"), None, _at(2, 9), "张三", "13800000001").outcome == Outcome.not_bookable
    clock.now = _at(1, 17).astimezone(dt.UTC)  # the day is over, the visits unmarked by staff
    assert book.book(item("item-1"), None, _at(2, 9), "张三", "13800000001").outcome == Outcome.booked


def test_the_notice_the_horizon_and_slot_boundaries(hall) -> None:
    from bot.appointments.book import Outcome

    book, _ = hall
    item = book.catalogue.item("item-1")
    too_soon = book.hold(
        item, None, dt.datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI), sender="a", channel="rest", lang="zh"
    )
    assert too_soon.outcome == Outcome.not_a_slot and too_soon.alternatives[0].start == dt.datetime(
        2026, 11, 30, 11, 0, tzinfo=SHANGHAI
    )
    too_far = book.hold(item, None, _at(15, 9), sender="a", channel="rest", lang="zh")
    assert too_far.outcome == Outcome.not_a_slot
    lunch = book.hold(item, None, _at(1, 12, 15), sender="a", channel="rest", lang="zh")
    assert lunch.outcome == Outcome.not_a_slot
    assert book.hold(item, None, _at(14, 9), sender="a", channel="rest", lang="zh").outcome == Outcome.held


def test_a_hold_keeps_the_seat_until_it_expires(hall) -> None:
    from bot.appointments.book import Outcome

    book, clock = hall
    item = book.catalogue.item("item-1")
    mine = book.hold(item, None, _at(1, 9), sender="first", channel="rest", lang="zh")
    assert mine.outcome == Outcome.held
    theirs = book.hold(item, None, _at(1, 9), sender="second", channel="rest", lang="zh")
    assert theirs.outcome == Outcome.taken and _at(1, 9) not in [s.start for s in theirs.alternatives]
    clock.advance(11)
    assert _at(1, 9) in [s.start for s in book.free_slots(item, dt.date(2026, 12, 1))]  # expired: free again
    theirs = book.hold(item, None, _at(1, 9), sender="second", channel="rest", lang="zh")
    assert theirs.outcome == Outcome.held
    assert book.confirm(mine.booking.id, "张三", "13800000001").outcome == Outcome.not_found, "not its chat"
    late = book.confirm(mine.booking.id, "张三", "13800000001", sender="first")
    assert late.outcome == Outcome.taken and late.alternatives
    assert book.confirm(theirs.booking.id, "李四", "13800000002", sender="second").outcome == Outcome.booked


def test_reschedule_keeps_the_code_and_frees_the_old_seat_and_cancel_has_a_cutoff(hall) -> None:
    from bot.appointments.book import Outcome

    book, clock = hall
    item = book.catalogue.item("item-1")
    booked = book.book(item, None, _at(1, 9), "张三", "13800000001").booking
    other = book.book(item, None, _at(1, 10), "李四", "13800000002").booking
    assert book.reschedule(booked, _at(1, 10)).outcome == Outcome.taken
    moved = book.reschedule(booked, _at(2, 9))
    assert moved.outcome == Outcome.moved and moved.booking.code == booked.code
    assert _at(1, 9) in [s.start for s in book.free_slots(item, dt.date(2026, 12, 1))]
    assert [b.code for b in book.upcoming(phone="13800000001")] == [booked.code]  # not a second booking
    assert book.cancel(moved.booking).outcome == Outcome.cancelled
    assert book.cancel(moved.booking).outcome == Outcome.too_late  # already cancelled
    clock.now = (_at(1, 9, 30)).astimezone(dt.UTC)  # half an hour before the other booking
    assert book.cancel(other).outcome == Outcome.too_late
    assert book.reschedule(other, _at(2, 11)).outcome == Outcome.too_late


def test_a_blackout_cancels_its_bookings_and_closes_its_slots(hall) -> None:
    from bot.appointments.book import Outcome

    book, _ = hall
    item = book.catalogue.item("item-1")
    inside = book.book(item, None, _at(2, 9, 15), "张三", "13800000001").booking
    outside = book.book(item, None, _at(2, 11), "李四", "13800000002").booking
    assert [b.code for b in book.affected_by("desk", _at(2, 9), _at(2, 10))] == [inside.code]
    _, cancelled = book.blackout("desk", _at(2, 9), _at(2, 10), "系统升级", "admin")
    assert [b.code for b in cancelled] == [inside.code]
    starts = [s.start for s in book.free_slots(item, dt.date(2026, 12, 2))]
    assert _at(2, 9) not in starts and _at(2, 9, 45) not in starts and _at(2, 10) in starts
    assert (
        book.hold(item, None, _at(2, 9, 30), sender="x", channel="rest", lang="zh").outcome
        == Outcome.not_a_slot
    )
    assert book.records.by_code(outside.code).status == "confirmed"
    assert book.records.by_code(inside.code).status == "cancelled"


def _claimed(book: Any) -> list[tuple[str, str]]:
    """The reminders this process may send now (those another one claimed first are not)."""
    return [(b.code, kind) for b, kind in book.due_reminders() if book.claim_reminder(b, kind)]


def test_each_reminder_is_claimed_once_by_all_server_processes(hall, database_url) -> None:
    from bot.appointments.book import AppointmentBook
    from bot.appointments.records import AppointmentRecords
    from bot.store import make_engine

    book, clock = hall
    other_process = AppointmentBook(
        book.catalogue, AppointmentRecords(make_engine(database_url)), clock=clock
    )
    item = book.catalogue.item
    later = book.book(item("item-1"), None, _at(2, 9), "张三", "13800000001").booking
    soon = book.book(
        item("item-2"), None, dt.datetime(2026, 11, 30, 14, 0, tzinfo=SHANGHAI), "李四", "13800000002"
    ).booking
    assert book.due_reminders() == []
    clock.now = dt.datetime(2026, 11, 30, 13, 5, tzinfo=SHANGHAI).astimezone(dt.UTC)
    assert _claimed(other_process) == [(soon.code, "hour_before")]
    assert _claimed(book) == []  # booked for the same afternoon: no "tomorrow" reminder either
    clock.now = _at(1, 9, 30).astimezone(dt.UTC)
    assert _claimed(book) == [(later.code, "day_before")]
    assert _claimed(other_process) == [] and _claimed(book) == []
    clock.now = _at(2, 8, 10).astimezone(dt.UTC)
    assert _claimed(other_process) == [(later.code, "hour_before")]
    assert _claimed(book) == []
    other_process.records.engine.dispose()


def test_people_are_forgotten_after_the_retention_period(hall) -> None:
    book, clock = hall
    booked = book.book(book.catalogue.item("item-1"), None, _at(1, 9), "张三", "13800000001").booking
    clock.now = _at(1, 10).astimezone(dt.UTC) + book.rules.retention + dt.timedelta(days=1)
    book.tidy()
    kept = book.records.by_code(booked.code)
    assert (kept.name, kept.phone, kept.sender_id, kept.status) == (None, None, None, "confirmed")


# --- the race for the last seat, over HTTP, against several server processes -------------------


@pytest.fixture
def crowded_server(database_url: str, tmp_path: Path) -> Iterator[str]:
    """`onewindow serve --workers 3` for the small hall (two counters), as a user starts it."""
    from tests.conftest import SHARED_MODEL_DIR, onewindow_serve

    catalogue = tmp_path / "hall.yml"
    catalogue.write_text(yaml.safe_dump(hall_catalogue(counters=2), allow_unicode=True), encoding="utf-8")
    env = {
        **os.environ,
        "ONEWINDOW_DATA_DIR": str(SHARED_MODEL_DIR),  # the provisioned model
        "ONEWINDOW_CATALOGUE": str(catalogue),
        "ONEWINDOW_DATABASE_URL": database_url,
        "ONEWINDOW_RATE_LIMITS": json.dumps(RELAXED_LIMITS),  # 200 people, one test address
    }
    with onewindow_serve(env, workers=3) as (url, server):
        yield url
    log = server.stderr.read() if server.stderr else ""
    assert log.count("Started server process") == 3, log[-2000:]


async def _all_at_once(url: str, requests: list[tuple[str, dict[str, Any]]]) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=len(requests))
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        return await asyncio.gather(*(client.post(path, json=body) for path, body in requests))


def _seats_are_consistent(database_url: str) -> dict[str, int]:
    """Every slot's seat count equals its held and confirmed bookings; the count of each status."""
    from sqlalchemy import text

    from bot.store import make_engine

    engine = make_engine(database_url)
    with engine.connect() as connection:
        seats = dict(connection.execute(text("SELECT start, taken FROM appointment_slots")).all())
        active = Counter(
            start
            for (start,) in connection.execute(
                text("SELECT start FROM appointments WHERE status IN ('held', 'confirmed')")
            )
        )
        statuses = dict(
            connection.execute(text("SELECT status, count(*) FROM appointments GROUP BY status")).all()
        )
    engine.dispose()
    assert {k: v for k, v in seats.items() if v} == dict(active)
    return statuses


@pytest.mark.slow
def test_two_hundred_people_race_for_a_slot_of_two_and_exactly_two_get_it(
    crowded_server, database_url
) -> None:
    days = httpx.get(f"{crowded_server}/api/appointments/slots", params={"item": "item-1"}).json()["days"]
    slots = httpx.get(
        f"{crowded_server}/api/appointments/slots", params={"item": "item-1", "date": days[1]["date"]}
    ).json()["slots"]
    target = slots[0]
    attempt = {"item": "item-1", "start": target["start"], "name": "张三"}
    responses = asyncio.run(
        _all_at_once(
            crowded_server,
            [("/api/appointments", attempt | {"phone": f"139{n:08d}"}) for n in range(200)],
        )
    )
    assert Counter(r.status_code for r in responses) == {201: 2, 409: 198}
    for lost in (r.json() for r in responses if r.status_code == 409):
        assert lost["error"] == "taken" and "刚刚被约满" in lost["message"]
        assert lost["alternatives"] and target["start"] not in [a["start"] for a in lost["alternatives"]]
    assert _seats_are_consistent(database_url) == {"confirmed": 2}

    # 200 people with bookings elsewhere all try to move into one other empty slot of two.
    destination = slots[len(slots) // 2]
    seats = [s["start"] for s in slots[1:] if s != destination for _ in range(s["free"])]
    for day in days[2:]:
        if len(seats) >= 200:
            break
        later = httpx.get(
            f"{crowded_server}/api/appointments/slots", params={"item": "item-2", "date": day["date"]}
        ).json()["slots"]
        seats += [s["start"] for s in later for _ in range(s["free"])]
    people = []
    for n, start in enumerate(seats[:200]):
        phone = f"137{n:08d}"
        made = httpx.post(
            f"{crowded_server}/api/appointments",
            json={"item": "item-2", "start": start, "name": "李四", "phone": phone},
        )
        assert made.status_code == 201, made.text
        people.append((made.json()["code"], phone))
    moves = [
        (f"/api/appointments/{code}/reschedule", {"phone": phone, "start": destination["start"]})
        for code, phone in people
    ]
    responses = asyncio.run(_all_at_once(crowded_server, moves))
    assert Counter(r.status_code for r in responses) == {200: 2, 409: 198}
    assert all(r.json()["error"] == "taken" for r in responses if r.status_code == 409)
    assert _seats_are_consistent(database_url) == {"confirmed": 202}
    moved = [r.json()["code"] for r in responses if r.status_code == 200]
    for code, phone in people:
        shown = httpx.get(f"{crowded_server}/api/appointments/{code}", params={"phone": phone}).json()
        assert (shown["start"] == destination["start"]) == (code in moved)


# --- a running server with the story clock: the chat, reminders, staff, a contested hold -----------


@pytest.fixture(scope="module")
def hall_server(knowledge, parser, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The sample center served on loopback on the stories' Monday morning, reminders checked often."""
    from api.app import create_app
    from onewindow.settings import Settings

    folder = tmp_path_factory.mktemp("appointments")
    settings = Settings(data_dir=folder, reminder_check_seconds=0.2, rate_limits=RELAXED_LIMITS)
    clock = StoryClock()
    with serving(create_app(knowledge, parser, settings, clock)) as url:
        staff = staff_headers(settings, "desk-3", "admin")
        yield {"url": url, "clock": clock, "settings": settings, "staff": staff} | {
            "knowledge": knowledge,
            "parser": parser,
        }


def _say(url: str, sender: str, text: str) -> list[dict[str, Any]]:
    reply = httpx.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120)
    return reply.json()


def _button(replies: list[dict[str, Any]], title: str) -> str:
    return next(b["payload"] for r in replies for b in r.get("buttons") or [] if title in b["title"])


def _events(chat: WebChat) -> list[str]:
    return [m.get("text") or "" for m in chat.history()]


def _book_in_chat(chat: WebChat, day: str, time_of_day: str, phone: str) -> str:
    replies = chat.say("我想预约个体工商户设立登记")
    replies = chat.press(replies, day)
    replies = chat.press(replies, time_of_day)
    replies = chat.say(f"张三 {phone}")
    replies = chat.press(replies, "确认预约")
    text = replies[0]["text"]
    assert "预约成功" in text, replies
    return text.split("预约码：")[1][:7]


def _wait_for(check: Any, seconds: float = 15) -> Any:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if found := check():
            return found
        time.sleep(0.2)
    return check()


def test_reminders_reach_the_chat_once_when_the_clock_moves_on(hall_server) -> None:
    from api.app import create_app

    url, clock = hall_server["url"], hall_server["clock"]
    chat = WebChat(url)
    code = _book_in_chat(chat, "12月2日", "14:10", "13800138100")
    start_clock = clock.now
    try:
        # A second server process on the same database runs the same reminder job.
        second = create_app(hall_server["knowledge"], hall_server["parser"], hall_server["settings"], clock)
        with serving(second):
            clock.now = dt.datetime(2026, 12, 1, 15, 0, tzinfo=SHANGHAI).astimezone(dt.UTC)
            reminded = _wait_for(lambda: [t for t in _events(chat) if "明天有一个预约" in t])
            time.sleep(1)  # several more rounds of both jobs
            assert len([t for t in _events(chat) if "明天有一个预约" in t]) == 1
            assert code in reminded[0] and "14:10" in reminded[0]
            clock.now = dt.datetime(2026, 12, 2, 13, 15, tzinfo=SHANGHAI).astimezone(dt.UTC)
            _wait_for(lambda: [t for t in _events(chat) if "1小时后开始" in t])
            time.sleep(1)
            assert len([t for t in _events(chat) if "1小时后开始" in t]) == 1
    finally:
        clock.now = start_clock


def test_staff_see_the_day_mark_attendance_export_and_black_out(hall_server) -> None:
    url, staff = hall_server["url"], hall_server["staff"]
    chat = WebChat(url)
    code = _book_in_chat(chat, "12月3日", "09:40", "13800138200")
    other = _book_in_chat(WebChat(url), "12月3日", "10:00", "13800138201")
    assert httpx.get(f"{url}/api/staff/appointments", params={"date": "2026-12-03"}).status_code in (401, 403)
    day = httpx.get(f"{url}/api/staff/appointments", params={"date": "2026-12-03"}, headers=staff).json()
    assert [(b["code"], b["name"], b["phone"]) for b in day] == [
        (code, "张三", "13800138200"),
        (other, "张三", "13800138201"),
    ]
    csv = httpx.get(f"{url}/api/staff/appointments.csv", params={"date": "2026-12-03"}, headers=staff)
    assert (
        csv.headers["content-type"].startswith("text/csv") and code in csv.text and "13800138200" in csv.text
    )
    marked = httpx.post(f"{url}/api/staff/appointments/{other}/attended", headers=staff)
    assert marked.json()["status"] == "attended"
    assert httpx.post(f"{url}/api/staff/appointments/{other}/no-show", headers=staff).status_code == 409
    period = {
        "window": "enterprise",
        "start": "2026-12-03T09:30:00+08:00",
        "end": "2026-12-03T09:50:00+08:00",
    }
    preview = httpx.post(f"{url}/api/staff/blackouts", json=period | {"preview": True}, headers=staff).json()
    assert [b["code"] for b in preview["affected"]] == [code] and preview["blackout"] is None
    done = httpx.post(
        f"{url}/api/staff/blackouts", json=period | {"reason": "设备检修"}, headers=staff
    ).json()
    assert [b["code"] for b in done["affected"]] == [code] and done["notified"] == 1
    told = _wait_for(lambda: [t for t in _events(chat) if "设备检修" in t])
    assert code in told[0] and "已取消" in told[0]
    slots = httpx.get(
        f"{url}/api/appointments/slots",
        params={"item": "individual-business-registration", "date": "2026-12-03"},
    ).json()["slots"]
    assert "2026-12-03T09:40:00+08:00" not in [s["start"] for s in slots]


def test_a_hold_that_expired_while_others_took_the_seats_offers_other_times(hall_server) -> None:
    url, clock = hall_server["url"], hall_server["clock"]
    sender = "rest-contested-hold"
    start_clock = clock.now
    replies = _say(url, sender, "我想预约个体工商户设立登记")
    replies = _say(url, sender, _button(replies, "12月4日"))
    replies = _say(url, sender, _button(replies, "11:00"))
    replies = _say(url, sender, "王五 13800138300")
    assert "已为您保留该时段" in replies[0]["text"]
    try:
        clock.advance(15)
        for n in range(3):  # the enterprise zone's three counters, taken meanwhile
            taken = httpx.post(
                f"{url}/api/appointments",
                json={
                    "item": "individual-business-registration",
                    "start": "2026-12-04T11:00:00+08:00",
                    "name": "他人",
                    "phone": f"1350000000{n}",
                },
            )
            assert taken.status_code == 201, taken.text
        replies = _say(url, sender, _button(replies, "确认预约"))
    finally:
        clock.now = start_clock
    said = "\n".join(r.get("text") or "" for r in replies)
    assert "12月4日 周五 11:00 刚刚被约满了" in said
    times = [b["title"] for r in replies for b in r.get("buttons") or []]
    assert "11:20" in times and "11:00" not in times


def test_booking_and_cancelling_in_the_web_page(hall_server, page) -> None:
    url = hall_server["url"]
    page.goto(url)
    page.fill("#message", "我想预约个体工商户设立登记")
    page.press("#message", "Enter")
    page.click("#history button.choice:has-text('12月7日')", timeout=60_000)
    page.click("#history button.choice:has-text('13:50')", timeout=30_000)
    page.wait_for_selector("#history .msg.bot:has-text('姓名和手机号')", timeout=30_000)
    page.fill("#message", "陈七 13800138400")
    page.press("#message", "Enter")
    page.click("#history button.choice:has-text('确认预约')", timeout=30_000)
    booked = page.wait_for_selector("#history .msg.bot:has-text('预约成功')", timeout=30_000).inner_text()
    assert "12月7日 周一 13:50" in booked and "经营者身份证" in booked
    code = booked.split("预约码：")[1][:7]
    page.click(f"#history button.choice:has-text('取消 {code}')")
    page.click("#history button.choice:has-text('确认取消')", timeout=30_000)
    page.wait_for_selector(f"#history .msg.bot:has-text('已取消预约 {code}')", timeout=30_000)
    page.reload()
    page.wait_for_selector(f"#history .msg.bot:has-text('已取消预约 {code}')", timeout=30_000)
