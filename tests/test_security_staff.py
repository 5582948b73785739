"""Issue 15, the staff side and what is kept: logins that cannot be turned against their owner,
per-person API tokens, the console's smaller holes, the browser's security headers, retention.
Each test failed on the code before the fix (the closing note of issue 15 says how)."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text, update

from tests.conftest import serving
from tests.story_runner import StoryClock
from tests.test_handoff import PASSWORD, Console
from tests.web_client import WebChat


def _app(knowledge, parser, folder: Path, **settings: Any) -> tuple[Any, Any]:
    from api.app import create_app
    from onewindow.settings import Settings

    configured = Settings(data_dir=folder, **settings)
    return configured, create_app(knowledge, parser, configured, StoryClock())


@pytest.fixture(scope="module")
def hall(knowledge, parser, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The sample hall with its default limits and two members of staff."""
    settings, app = _app(knowledge, parser, tmp_path_factory.mktemp("staffed"))
    app.state.accounts.add("wang", "王丽", PASSWORD, "admin")
    app.state.accounts.add("zhao", "赵敏", PASSWORD, "agent")
    with serving(app) as url:
        yield {"url": url, "settings": settings, "app": app}


def _login(url: str, name: str, password: str, address: str) -> httpx.Response:
    return httpx.post(
        f"{url}/staff/login",
        data={"username": name, "password": password},
        headers={"X-Forwarded-For": address},  # uvicorn believes its loopback proxy
    )


def _said(page: httpx.Response) -> str:
    found = re.search(r'id="login-error"[^>]*>([^<]*)<', page.text)
    return found.group(1) if found else ""


def test_guessing_a_password_never_locks_its_owner_out_and_names_no_account(hall) -> None:
    url = hall["url"]
    known = [_login(url, "zhao", "a wrong guess", "203.0.113.1") for _ in range(5)]
    unknown = [_login(url, "nobody", "a wrong guess", "203.0.113.2") for _ in range(5)]
    assert {r.status_code for r in known + unknown} == {401}
    assert {_said(r) for r in known + unknown} == {"用户名或密码不正确 / wrong name or password"}
    slowed = _login(url, "zhao", PASSWORD, "203.0.113.1")
    also = _login(url, "nobody", PASSWORD, "203.0.113.2")
    assert slowed.status_code == also.status_code == 429 and _said(slowed) == _said(also)
    assert "尝试次数过多" in _said(slowed)
    owner = _login(url, "zhao", PASSWORD, "198.51.100.9")
    assert owner.status_code == 303, "the guesser elsewhere did not lock the owner out"
    sprayed = [_login(url, f"name{n}", "a wrong guess", "203.0.113.3").status_code for n in range(31)]
    assert sprayed == [401] * 30 + [429], "one address trying many names is slowed too"


def _cli(env: dict[str, str], *words: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "onewindow.cli", "staff", *words]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_staff_api_tokens_are_personal_revocable_and_audited_as_their_owner(
    knowledge, parser, database_url: str, tmp_path: Path
) -> None:
    env = {**os.environ, "ONEWINDOW_DATA_DIR": str(tmp_path), "ONEWINDOW_DATABASE_URL": database_url}
    for name, role in (("li", "agent"), ("wang", "admin")):
        added = _cli(env, "add", name, "--role", role, "--password", PASSWORD)
        assert added.returncode == 0, added.stderr
    made = _cli(env, "token", "li", "--label", "排队脚本")
    assert made.returncode == 0 and "shown only now" in made.stderr
    li = {"Authorization": f"Bearer {made.stdout.strip()}", "X-Staff-Name": "wang"}
    wang = {"Authorization": f"Bearer {_cli(env, 'token', 'wang').stdout.strip()}"}
    assert _cli(env, "token", "nobody").returncode == 2
    _, app = _app(knowledge, parser, tmp_path, database_url=database_url)
    with serving(app) as url:
        shared = {"Authorization": "Bearer staff-secret-for-tests", "X-Staff-Name": "wang"}
        assert httpx.get(f"{url}/api/staff/queue", headers=shared).status_code == 401, "no shared bearer"
        assert (
            httpx.get(f"{url}/api/staff/appointments", params={"date": "2026-12-01"}, headers=li).status_code
            == 200
        )
        period = {
            "window": "enterprise",
            "start": "2026-12-01T09:00:00+08:00",
            "end": "2026-12-01T10:00:00+08:00",
        }
        assert httpx.post(f"{url}/api/staff/blackouts", json=period, headers=li).status_code == 403, (
            "li's role"
        )
        assert httpx.get(f"{url}/api/staff/audit", headers=li).status_code == 403
        audit = httpx.get(f"{url}/api/staff/audit", headers=wang).json()
        assert ("li", "view_day_list") in [(e["staff"], e["action"]) for e in audit], "under the real account"
        listed = _cli(env, "token", "li", "--list").stdout
        assert "排队脚本" in listed and "live" in listed and "used 20" in listed
        number = listed.split("\t")[0]
        assert _cli(env, "token", "li", "--revoke", number).returncode == 0
        assert httpx.get(f"{url}/api/staff/queue", headers=li).status_code == 401
        assert "revoked" in _cli(env, "token", "li", "--list").stdout
        assert httpx.get(f"{url}/api/staff/queue", headers=wang).status_code == 200
    assert "0 token(s)" in next(
        line for line in _cli(env, "list").stdout.splitlines() if line.startswith("li")
    )


def test_logging_out_ends_the_session_whatever_the_browser_sends(hall) -> None:
    console = Console(hall["url"], "wang")
    cookie = console.client.cookies["onewindow_staff"]
    assert console.get("/api/staff/queue").status_code == 200
    console.client.post("/staff/logout")  # no CSRF token, no Origin
    again = httpx.get(f"{hall['url']}/api/staff/queue", cookies={"onewindow_staff": cookie})
    assert again.status_code == 401


def test_the_login_page_shows_only_its_own_messages(hall) -> None:
    planted = "系统升级，请到 evil.example 重新登录"
    page = httpx.get(f"{hall['url']}/staff/login", params={"error": planted})
    assert page.status_code == 200 and planted not in page.text and 'id="login-error"' not in page.text


def test_a_formula_in_a_booking_name_stays_text_in_the_spreadsheet(hall) -> None:
    url, item = hall["url"], "individual-business-registration"
    day = httpx.get(f"{url}/api/appointments/slots", params={"item": item}).json()["days"][0]["date"]
    start = httpx.get(f"{url}/api/appointments/slots", params={"item": item, "date": day}).json()["slots"][0]
    formula = '=HYPERLINK("http://evil.example","点我")'
    body = {"item": item, "start": start["start"], "name": formula, "phone": "13800009999"}
    assert httpx.post(f"{url}/api/appointments", json=body).status_code == 201
    console = Console(url, "wang")
    exported = console.get("/api/staff/appointments.csv", params={"date": day}).text.lstrip("\ufeff")
    [row] = [r for r in csv.DictReader(io.StringIO(exported)) if r["phone"] == "13800009999"]
    assert row["name"] == "'" + formula


_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def test_pages_carry_security_headers_and_docs_and_metrics_are_not_public(
    hall, knowledge, parser, tmp_path
) -> None:
    url = hall["url"]
    for path in ("/", "/catalogue", "/catalogue/individual-business-registration", "/staff/login", "/stats",
                 "/health", "/api/catalogue/search?q=营业执照"):  # fmt: skip
        headers = httpx.get(f"{url}{path}").headers
        assert {k: headers.get(k) for k in _HEADERS} == _HEADERS, path
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
    for path in ("/docs", "/openapi.json", "/redoc"):
        assert httpx.get(f"{url}{path}").status_code == 404, path
    assert httpx.get(f"{url}/metrics").status_code == 401
    _, opened = _app(knowledge, parser, tmp_path, api_docs=True, public_metrics=True)
    with serving(opened) as other:
        assert httpx.get(f"{other}/openapi.json").json()["info"]["title"].startswith("OneWindow")
        assert httpx.get(f"{other}/docs").status_code == 200
        assert "onewindow_http_requests" in httpx.get(f"{other}/metrics").text


def test_the_rest_channel_wants_its_token_when_one_is_set(knowledge, parser, tmp_path: Path) -> None:
    _, app = _app(knowledge, parser, tmp_path, rest_token="a-token-for-the-app")
    with serving(app) as url:
        message = {"sender": "app-user", "message": "你好"}
        assert httpx.post(f"{url}/webhooks/rest/webhook", json=message).status_code == 401
        wrong = {"Authorization": "Bearer guessed"}
        assert httpx.post(f"{url}/webhooks/rest/webhook", json=message, headers=wrong).status_code == 401
        right = {"Authorization": "Bearer a-token-for-the-app"}
        assert httpx.post(f"{url}/webhooks/rest/webhook", json=message, headers=right).status_code == 200


def test_chat_messages_and_web_sessions_go_after_the_retention_period(
    knowledge, parser, database_url: str, tmp_path: Path
) -> None:
    from api.app import tidy
    from bot.store import StoredEvent
    from connectors.web_sessions import WebSession

    settings, app = _app(knowledge, parser, tmp_path, database_url=database_url, chat_retention_days=90)
    engine = app.state.tracker_store.engine
    with serving(app) as url:
        old = WebChat(url)
        old.say("我的身份证号是230102199003071234，社保卡丢了怎么补办")
        recent = WebChat(url)
        recent.say("居住证多少钱")
        old_chat = "web-" + app.state.web_sessions.chat_of(old.session)
        long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=91)
        with engine.begin() as connection:
            connection.execute(
                update(StoredEvent).where(StoredEvent.sender_id == old_chat).values(created_at=long_ago)
            )
            connection.execute(
                update(WebSession).values(last_seen=long_ago).where(WebSession.chat_id == old_chat[4:])
            )
        asyncio.run(tidy(app.state, settings))  # what the hourly job runs
        with engine.connect() as connection:
            counts = dict(
                connection.execute(
                    text("SELECT sender_id, count(*) FROM conversation_events GROUP BY sender_id")
                ).all()
            )
            sessions = connection.execute(text("SELECT count(*) FROM web_sessions")).scalar()
        assert old_chat not in counts and counts, "the old chat's messages are gone, the recent one's kept"
        assert sessions == 1
        back = WebChat(url, old.session)
        assert back.session != old.session and back.first_history == [], "an expired session starts afresh"
        assert recent.history()[0]["text"] == "居住证多少钱"


@pytest.mark.browser
def test_the_pages_work_within_their_content_security_policy(hall, browser) -> None:
    """Every page with the policy enforced: the chat answers, the console loads, nothing is blocked."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    url = hall["url"]
    page.goto(url)
    page.fill("#message", "社保卡丢了怎么补办")
    page.press("#message", "Enter")
    expect(page.locator("#history .msg.bot").first).to_contain_text("社会保障卡", timeout=30_000)
    for path in ("/catalogue?q=营业执照", "/catalogue/individual-business-registration", "/stats"):
        page.goto(f"{url}{path}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{url}/staff")
    page.fill("#username", "wang")
    page.fill("#password", PASSWORD)
    page.click("#login")
    expect(page.locator("#me")).to_contain_text("王丽", timeout=15_000)
    page.wait_for_load_state("networkidle")
    assert blocked == []
    context.close()
