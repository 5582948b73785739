"""Human handoff and the staff console: the takeover loop over real HTTP and WebSockets, races
on SQLite and PostgreSQL, the console's security, and two Chromium pages, in one server process
and across two sharing PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from tests.conftest import RELAXED_LIMITS, onewindow_serve, serving
from tests.story_runner import StoryClock
from tests.test_web_chat import _frames_until_done, _open

PASSWORD = "correct horse battery"
STAFF = {"wang": ("王丽", "admin"), "li": ("李强", "agent"), "zhao": ("赵敏", "agent")}


def _add_staff(accounts: Any) -> None:
    for username, (name, role) in STAFF.items():
        accounts.add(username, name, PASSWORD, role, capacity=3)


@pytest.fixture(scope="module")
def hall(knowledge, parser, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The sample center on the stories' Monday morning (open), with three staff accounts."""
    from api.app import create_app
    from onewindow.settings import Settings

    settings = Settings(data_dir=tmp_path_factory.mktemp("handoff"), rate_limits=RELAXED_LIMITS)
    app = create_app(knowledge, parser, settings, StoryClock())
    _add_staff(app.state.accounts)
    with serving(app) as url:
        yield {"url": url, "app": app}


class Console:
    """A logged-in member of staff over HTTP, sending the CSRF token like the console page."""

    def __init__(self, url: str, username: str, password: str = PASSWORD):
        self.url = url
        self.client = httpx.Client(base_url=url, timeout=60, follow_redirects=False)
        login = self.client.post("/staff/login", data={"username": username, "password": password})
        assert login.status_code == 303, login.text
        page = self.client.get("/staff").text
        self.csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def post(self, path: str, body: dict[str, Any] | None = None, **headers: str) -> httpx.Response:
        return self.client.post(path, json=body or {}, headers={"X-CSRF-Token": self.csrf, **headers})


def say(url: str, chat: str, text: str) -> list[dict[str, Any]]:
    """Say `text` in the REST chat `chat` (its id as staff see it: `rest-` and the client's sender)."""
    body = {"sender": chat.removeprefix("rest-"), "message": text}
    return httpx.post(f"{url}/webhooks/rest/webhook", json=body, timeout=120).json()


async def first_reply(socket: Any) -> str:
    return next(f["text"] for f in await _frames_until_done(socket) if f["type"] == "bot")


def waiting_id(console: Console, sender: str) -> int:
    return next(w["id"] for w in console.get("/api/staff/queue").json()["waiting"] if w["sender"] == sender)


def test_the_takeover_loop_request_claim_answer_close_rate_and_the_bot_is_back(hall) -> None:
    url, chat_of = hall["url"], hall["app"].state.web_sessions.chat_of
    li, wang = Console(url, "li"), Console(url, "wang")

    async def scenario() -> int:
        socket, session, _ = await _open(url)
        citizen = f"web-{chat_of(session)}"
        await socket.send(json.dumps({"type": "message", "id": "h0", "text": "营业执照丢了"}))
        await _frames_until_done(socket)
        await socket.send(json.dumps({"type": "message", "id": "h1", "text": "转人工"}))
        queued = [f for f in await _frames_until_done(socket) if f["type"] == "bot"]
        assert "前面还有 0 位" in queued[-1]["text"] and "0451-00000000" in queued[-1]["text"]

        waiting = li.get("/api/staff/queue").json()["waiting"]
        mine = next(w for w in waiting if w["sender"] == citizen)
        assert mine["reason"] == "request" and mine["channel"] == "web" and mine["lang"] == "zh"
        assert mine["item_name"] == "营业执照遗失补领、损坏换发", "the bot's guess of the item"
        assert li.post(f"/api/staff/handoffs/{mine['id']}/claim").status_code == 200
        joined = json.loads(await asyncio.wait_for(socket.recv(), 10))
        assert joined["type"] == "bot" and "李强" in joined["text"]

        await socket.send(json.dumps({"type": "message", "id": "h2", "text": "我还要补办公章吗"}))
        assert [f["type"] for f in await _frames_until_done(socket)] == ["typing", "done"], (
            "the bot is silent"
        )
        chat = li.get(f"/api/staff/handoffs/{mine['id']}").json()
        said = [(line["from"], line["text"]) for line in chat["history"]]
        assert said[0] == ("user", "营业执照丢了") and said[-1] == ("user", "我还要补办公章吗")
        assert ("system", "工作人员李强已接入，请讲。") in said

        assert li.post(f"/api/staff/handoffs/{mine['id']}/note", {"text": "疑似企业用户"}).status_code == 200
        assert li.post(f"/api/staff/handoffs/{mine['id']}/typing").status_code == 200
        assert json.loads(await asyncio.wait_for(socket.recv(), 10)) == {"type": "typing", "on": True}
        assert (
            li.post(
                f"/api/staff/handoffs/{mine['id']}/reply", {"text": "公章不用补，带营业执照副本即可"}
            ).status_code
            == 200
        )
        answer = json.loads(await asyncio.wait_for(socket.recv(), 10))
        assert answer == {
            "type": "bot",
            "text": "公章不用补，带营业执照副本即可",
            "buttons": [],
            "staff": "李强",
        }

        assert li.post(f"/api/staff/handoffs/{mine['id']}/close", {"outcome": "resolved"}).status_code == 200
        closing = json.loads(await asyncio.wait_for(socket.recv(), 10))
        assert "请为本次服务评分" in closing["text"] and len(closing["buttons"]) == 5
        two = next(b for b in closing["buttons"] if b["title"] == "⭐⭐")
        await socket.send(
            json.dumps({"type": "message", "id": "h3", "text": "⭐⭐", "payload": two["payload"]})
        )
        assert "哪里做得不够好" in await first_reply(socket)
        await socket.send(json.dumps({"type": "message", "id": "h4", "text": "等得有点久"}))
        assert "感谢您的评价" in await first_reply(socket)

        await socket.send(json.dumps({"type": "message", "id": "h5", "text": "社保卡丢了怎么补办"}))
        back = [f for f in await _frames_until_done(socket) if f["type"] == "bot"]
        assert back[0]["text"].startswith("社会保障卡"), "the bot answers again"
        await socket.close()

        again, _, history = await _open(url, session)
        await again.close()
        texts = [line["text"] for line in history]
        assert "公章不用补，带营业执照副本即可" in texts and "疑似企业用户" not in texts, (
            "notes stay with staff"
        )
        assert [line.get("id") for line in history if line["from"] == "user"] == [
            "h0",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
        ]
        return mine["id"]

    handoff = asyncio.run(scenario())
    closed = wang.get(f"/api/staff/handoffs/{handoff}").json()
    assert (closed["status"], closed["outcome"], closed["rating"], closed["comment"]) == (
        "closed", "resolved", 2, "等得有点久"
    )  # fmt: skip
    actions = [(e["staff"], e["action"]) for e in wang.get("/api/staff/audit").json()]
    for done in ("claim", "view", "note", "reply", "close"):
        assert ("li", done) in actions
    assert li.get("/api/staff/audit").status_code == 403, "the audit log is for administrators"
    assert "/ 5 (1)" in httpx.get(f"{url}/stats").text


# --- races ----------------------------------------------------------------------------------------


@pytest.fixture
def desk_server(knowledge, parser, database_url: str, tmp_path: Path) -> Iterator[dict[str, Any]]:
    from api.app import create_app
    from onewindow.settings import Settings

    settings = Settings(data_dir=tmp_path, database_url=database_url, rate_limits=RELAXED_LIMITS)
    app = create_app(knowledge, parser, settings, StoryClock())
    _add_staff(app.state.accounts)
    with serving(app) as url:
        yield {"url": url, "app": app}


def test_staff_racing_for_one_chat_and_a_trigger_racing_a_takeover(desk_server) -> None:
    """Two staff claim one chat at once: one gets it. A trigger and a colleague taking the chat at
    once: one handoff. A trigger while staff hold the chat changes nothing and the bot stays quiet."""
    url, app = desk_server["url"], desk_server["app"]
    consoles = [Console(url, name) for name in ("li", "zhao")]
    for round_ in range(5):
        citizen = f"rest-race-{round_}"
        say(url, citizen, "转人工")
        handoff = waiting_id(consoles[0], citizen)

        async def both_claim(handoff: int = handoff) -> list[int]:
            async with httpx.AsyncClient(base_url=url, timeout=60) as client:
                claims = [
                    client.post(f"/api/staff/handoffs/{handoff}/claim", cookies=c.client.cookies,
                                headers={"X-CSRF-Token": c.csrf})
                    for c in consoles
                ]  # fmt: skip
                return sorted(r.status_code for r in await asyncio.gather(*claims))

        assert asyncio.run(both_claim()) == [200, 409]
        assert consoles[0].post(
            f"/api/staff/handoffs/{handoff}/close", {"outcome": "resolved"}
        ).status_code in (200, 409)
        consoles[1].post(f"/api/staff/handoffs/{handoff}/close", {"outcome": "resolved"})

    desk = app.state.handoff
    from bot.handoff.desk import StaffMember, WithStaff

    li = StaffMember("li", "李强", "agent", 3)
    for round_ in range(5):
        citizen = f"rest-trigger-{round_}"
        say(url, citizen, "你好")

        async def trigger_and_take(citizen: str = citizen) -> list[Any]:
            return await asyncio.gather(
                desk.request(citizen, "rest", "zh", "request"), desk.take(citizen, li), return_exceptions=True
            )

        asyncio.run(trigger_and_take())
        open_ = [h for h in desk.records.of_sender(citizen) if h.status in ("waiting", "active")]
        assert len(open_) == 1, "one handoff, whoever came first"
        if open_[0].status == "waiting":
            asyncio.run(desk.claim(open_[0].id, li))
        assert isinstance(asyncio.run(desk.request(citizen, "rest", "zh", "complaint")), WithStaff)
        assert say(url, citizen, "转人工") == [], "while staff hold the chat the bot says nothing"
        assert len(desk.records.of_sender(citizen)) == 1
        asyncio.run(desk.close(open_[0].id, li, "resolved"))


def test_capacity_release_transfer_and_a_callback_out_of_hours(desk_server) -> None:
    url, app = desk_server["url"], desk_server["app"]
    li, zhao = Console(url, "li"), Console(url, "zhao")
    ids = []
    for n in range(4):
        say(url, f"rest-busy-{n}", "转人工")
        ids.append(waiting_id(li, f"rest-busy-{n}"))
    for handoff in ids[:3]:
        assert li.post(f"/api/staff/handoffs/{handoff}/claim").status_code == 200
    full = li.post(f"/api/staff/handoffs/{ids[3]}/claim")
    assert full.status_code == 409 and "3 个会话" in full.json()["detail"]
    assert li.post(f"/api/staff/handoffs/{ids[0]}/release").status_code == 200
    assert [w["id"] for w in li.get("/api/staff/queue").json()["waiting"]] == [ids[0], ids[3]], "oldest first"
    assert li.post(f"/api/staff/handoffs/{ids[1]}/transfer", {"to": "zhao"}).status_code == 200
    assert zhao.get(f"/api/staff/handoffs/{ids[1]}").json()["agent"] == "zhao"
    assert li.get(f"/api/staff/handoffs/{ids[1]}").status_code == 404, "an agent reaches only their own chats"
    assert li.post(f"/api/staff/handoffs/{ids[1]}/reply", {"text": "hi"}).status_code == 409

    clock = app.state.handoff.clock
    clock.advance(60 * 24 * 5 + 60 * 10)  # Saturday evening
    night = say(url, "rest-night", "转人工")
    assert "非工作时间" in night[0]["text"] and "12月07日 09:00" in night[0]["text"]
    assert "没有找到手机号" in say(url, "rest-night", "张三")[0]["text"]
    taken = say(url, "rest-night", "我叫张三 138 0013 8000 事由：营业执照变更")
    assert "张三，13800138000，事由：营业执照变更" in taken[0]["text"]
    callbacks = li.get("/api/staff/queue").json()["callbacks"]
    assert [(c["name"], c["phone"], c["topic"]) for c in callbacks] == [
        ("张三", "13800138000", "营业执照变更")
    ]
    assert li.post(f"/api/staff/callbacks/{callbacks[0]['id']}/done").status_code == 200
    assert li.get("/api/staff/queue").json()["callbacks"] == []
    assert say(url, "rest-night", "社保卡丢了怎么补办")[0]["text"].startswith("社会保障卡"), "the bot is back"


# --- security -------------------------------------------------------------------------------------


def test_the_console_refuses_anonymous_and_cross_site_callers(hall) -> None:
    url, app = hall["url"], hall["app"]
    staff_routes = [
        (method.upper(), re.sub(r"\{[a-z_]+\}", lambda m: {"{mark}": "attended"}.get(m.group(), "1"), path))
        for path, operations in app.openapi()["paths"].items()
        if path.startswith("/api/staff")
        for method in operations
    ]
    assert len(staff_routes) >= 20
    for method, path in staff_routes:
        anonymous = httpx.request(method, f"{url}{path}", json={}, params={"date": "2026-11-30"})
        assert anonymous.status_code in (401, 403), (method, path, anonymous.status_code)

    li = Console(url, "li")
    citizen = f"rest-{uuid.uuid4()}"
    say(url, citizen, "转人工")
    handoff = waiting_id(li, citizen)
    evil = li.post(f"/api/staff/handoffs/{handoff}/claim", Origin="https://evil.example")
    assert evil.status_code == 403
    no_token = li.client.post(f"/api/staff/handoffs/{handoff}/claim", json={})
    assert no_token.status_code == 403
    assert li.get("/api/staff/queue", headers={"Origin": "https://evil.example"}).status_code == 200
    period = {"window": "w", "start": "2026-12-01T09:00:00+08:00", "end": "2026-12-01T12:00:00+08:00"}
    assert li.post("/api/staff/blackouts", period).status_code == 403, (
        "closing a window is for administrators"
    )

    async def sockets() -> None:
        ws = url.replace("http", "ws")
        cookie = {"Cookie": f"onewindow_staff={li.client.cookies['onewindow_staff']}"}
        for headers in ({}, {**cookie, "Origin": "https://evil.example"}):
            with pytest.raises(websockets.InvalidStatus, match="403"):
                await websockets.connect(f"{ws}/ws/staff", additional_headers=headers)
        async with websockets.connect(f"{ws}/ws/staff", additional_headers={**cookie, "Origin": url}) as live:
            say(url, f"rest-{uuid.uuid4()}", "转人工")
            assert json.loads(await asyncio.wait_for(live.recv(), 10)) == {"type": "queue"}

    asyncio.run(sockets())
    cross = httpx.post(f"{url}/staff/login", data={"username": "li", "password": PASSWORD},
                       headers={"Origin": "https://evil.example"})  # fmt: skip
    assert cross.status_code == 403
    assert "onewindow_staff" not in httpx.get(f"{url}/").text
    hashes = [row.password_hash for row in _accounts(app)]
    assert all(h.startswith("$argon2id$") for h in hashes) and PASSWORD not in "".join(hashes)


def _accounts(app: Any) -> list[Any]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from api.staff_accounts import StaffUser

    with Session(app.state.accounts.engine) as session:
        return list(session.scalars(select(StaffUser)))


# --- two Chromium pages: a citizen and a member of staff --------------------------------------------


def _takeover_in_two_pages(
    browser: Any, citizen_url: str, staff_url: str, username: str, name: str, chat_of: Any
) -> None:
    """The whole loop as people do it: ask for a person, log in, claim, answer, close, rate, go on."""
    from playwright.sync_api import expect

    citizen = browser.new_context(viewport={"width": 420, "height": 900}, locale="zh-CN").new_page()
    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    citizen.goto(citizen_url)
    citizen.fill("#message", "我要转人工")
    citizen.press("#message", "Enter")
    expect(citizen.locator("#history")).to_contain_text("前面还有", timeout=30_000)

    staff.goto(f"{staff_url}/staff")
    staff.fill("#username", username)
    staff.fill("#password", PASSWORD)
    staff.click("#login")
    expect(staff.locator("#queue .queue-item").first).to_be_visible(timeout=15_000)
    sender = "web-" + chat_of(citizen.evaluate("localStorage.getItem('onewindow.session')"))
    queue = staff.request.get(f"{staff_url}/api/staff/queue").json()["waiting"]
    handoff = next(w["id"] for w in queue if w["sender"] == sender)
    waiting = staff.locator(f'#queue .queue-item[data-handoff="{handoff}"]')
    waiting.locator(".claim").click()
    expect(staff.locator("#transcript")).to_contain_text("我要转人工", timeout=15_000)
    expect(citizen.locator("#history")).to_contain_text(f"工作人员{name}已接入", timeout=15_000)

    staff.fill("#reply", "您好，请问要办理什么事项？")
    staff.click("#send")
    expect(citizen.locator(".msg.staff").last).to_contain_text("您好，请问要办理什么事项？", timeout=15_000)
    expect(citizen.locator(".msg.staff .who").last).to_contain_text(name)
    citizen.fill("#message", "营业执照丢了怎么补")
    citizen.press("#message", "Enter")
    expect(staff.locator("#transcript .line.user").last).to_contain_text("营业执照丢了怎么补", timeout=15_000)

    staff.select_option("#outcome", "resolved")
    staff.click("#close")
    five = citizen.get_by_role("button", name="⭐⭐⭐⭐⭐")
    expect(five).to_be_visible(timeout=15_000)
    five.click()
    expect(citizen.locator("#history")).to_contain_text("感谢您的评价", timeout=15_000)
    citizen.fill("#message", "社保卡丢了怎么补办")
    citizen.press("#message", "Enter")
    expect(citizen.locator("#history")).to_contain_text("社会保障卡申领、补换", timeout=30_000)


def test_in_the_browser_with_both_pages_on_one_server(hall, browser) -> None:
    chat_of = hall["app"].state.web_sessions.chat_of
    _takeover_in_two_pages(browser, hall["url"], hall["url"], "li", "李强", chat_of)


@pytest.mark.postgres
@pytest.mark.slow
def test_in_the_browser_across_two_server_processes_sharing_postgresql_and_redis(
    postgres_url: str, browser
) -> None:
    """The citizen's page on one process, the console on another: Redis carries the live frames."""
    from bot.store import make_engine
    from connectors.web_sessions import WebSessions
    from tests.conftest import SHARED_MODEL_DIR
    from tests.test_rasa_brain import _redis_reachable

    if not _redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379: the cross-process relay can't be tested")
    env = {
        **os.environ,
        "ONEWINDOW_DATA_DIR": str(SHARED_MODEL_DIR),
        "ONEWINDOW_DATABASE_URL": postgres_url,
        "ONEWINDOW_REDIS_URL": "redis://127.0.0.1:6379/0",
        "ONEWINDOW_HANDOFF_HOURS": "always",  # whatever day the test runs
    }
    add = [sys.executable, "-m", "onewindow.cli", "staff", "add", "wang", "--name", "王丽", "--role", "admin",
           "--password", PASSWORD]  # fmt: skip
    created = subprocess.run(add, env=env, capture_output=True, text=True, timeout=120)
    assert created.returncode == 0 and "can log in at /staff" in created.stdout, created.stderr
    sessions = WebSessions(make_engine(postgres_url), dt.timedelta(days=90))
    with onewindow_serve(env) as (first, _), onewindow_serve(env) as (second, _):
        _takeover_in_two_pages(browser, first, second, "wang", "王丽", sessions.chat_of)


def test_a_citizen_who_drops_mid_handoff_loses_nothing_and_staff_data_are_forgotten_in_time(hall) -> None:
    url, app = hall["url"], hall["app"]
    li = Console(url, "li")

    async def scenario() -> None:
        socket, session, _ = await _open(url)
        await socket.send(json.dumps({"type": "message", "id": "d1", "text": "转人工"}))
        await _frames_until_done(socket)
        citizen = f"web-{app.state.web_sessions.chat_of(session)}"
        handoff = waiting_id(li, citizen)
        assert li.post(f"/api/staff/handoffs/{handoff}/claim").status_code == 200
        await socket.close()  # the phone loses its connection
        assert li.post(f"/api/staff/handoffs/{handoff}/reply", {"text": "请问还在吗？"}).status_code == 200
        # Sent while offline, re-sent by the page when it is back: kept once, seen by staff.
        back, _, history = await _open(url, session)
        assert [line["text"] for line in history][-1] == "请问还在吗？"
        await back.send(json.dumps({"type": "message", "id": "d2", "text": "在的，刚才断网了"}))
        assert [f["type"] for f in await _frames_until_done(back)] == ["typing", "done"]
        await back.close()
        lines = li.get(f"/api/staff/handoffs/{handoff}").json()["history"]
        assert [line["text"] for line in lines if line["from"] == "user"] == ["转人工", "在的，刚才断网了"]
        assert li.post(f"/api/staff/handoffs/{handoff}/close", {"outcome": "resolved"}).status_code == 200

        records = app.state.handoff.records
        records.forget_before(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1))
        assert records.lines(citizen, True) == [] and records.get(handoff).sender_id == "forgotten"

    asyncio.run(scenario())
