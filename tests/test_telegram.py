"""The Telegram channel end to end: python-telegram-bot against a Bot API stand-in on loopback
(`tests/telegram_standin.py`), the real application behind it, in polling and webhook modes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from connectors.telegram_format import chunks, parcels
from tests import documents_factory as make
from tests import prereview_corpus as corpus
from tests.conftest import SHARED_MODEL_DIR, free_port, serving
from tests.story_runner import StoryClock
from tests.telegram_standin import TOKEN, BotApiStandIn, Sent, bot_api
from tests.test_handoff import Console, _add_staff

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
CHAT = 5550001


def _hall(knowledge, parser, folder: Path, api_url: str, clock: StoryClock, **settings: Any) -> Any:
    from api.app import create_app
    from onewindow.settings import Settings

    configured = Settings(
        data_dir=folder,
        telegram_token=TOKEN,
        telegram_api_url=api_url,
        reminder_check_seconds=0.2,
        handoff_hours="always",
        **settings,
    )
    app = create_app(knowledge, parser, configured, clock)
    _add_staff(app.state.accounts)
    return app


@pytest.fixture
def hall(knowledge, parser, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The sample center in Telegram by long polling, on the stories' Monday morning."""
    clock = StoryClock()
    with bot_api() as (standin, api_url):
        app = _hall(knowledge, parser, tmp_path, api_url, clock)
        with serving(app) as url:
            yield {"standin": standin, "url": url, "clock": clock, "app": app}


def _button(message: Sent, title: str) -> str:
    return next(b["callback_data"] for b in message.buttons if title in b["text"])


def _last_with_buttons(messages: list[Sent]) -> Sent:
    return next(m for m in reversed(messages) if m.buttons)


def _exchange(standin: BotApiStandIn, chat: int, act: Any) -> list[Sent]:
    """Do something as the user; the bot's messages that follow it."""
    before = len(standin.messages(chat))
    act()
    return standin.replies_after(chat, before)


def test_a_question_gets_the_answer_with_buttons_and_a_button_press_is_answered(hall) -> None:
    standin: BotApiStandIn = hall["standin"]
    greeting = _exchange(standin, CHAT, lambda: standin.say(CHAT, "/start", language_code="en"))
    assert "assistant" in greeting[0].text.lower(), "the Telegram app's language is the first guess"

    answer = _exchange(standin, CHAT, lambda: standin.say(CHAT, "个体户注册要带什么材料"))
    asked = _last_with_buttons(answer)
    assert "情形" in asked.text or "材料" in asked.text
    assert all(len(b["callback_data"].encode()) <= 64 for b in asked.buttons)
    assert all(not b["callback_data"].startswith("/") for b in asked.buttons), "payloads go by key"

    before = len(standin.answered)
    pressed = asked.buttons[0]
    followed = _exchange(standin, CHAT, lambda: standin.press(CHAT, asked, pressed["callback_data"]))
    assert followed and "材料" in "\n".join(m.text for m in followed)
    assert standin.answered[before].get("text") is None, "the spinner stops, without a complaint"
    assert any(int(e["message_id"]) == asked.message_id for e in standin.edits), "the keyboard goes"

    # Pressed again (a double tap), or a key the bot never gave: answered as stale, nothing said.
    said = len(standin.messages(CHAT))
    for stale in (pressed["callback_data"], "no-such-key"):
        count = len(standin.answered)
        standin.press(CHAT, asked, stale)
        standin.wait_for(lambda count=count: len(standin.answered) > count)
        assert "失效" in standin.answered[-1]["text"]
    # A key of this chat pressed in another: stale there, and still good here.
    newest = _last_with_buttons(standin.messages(CHAT))
    count = len(standin.answered)
    standin.press(CHAT + 1, newest, newest.buttons[0]["callback_data"])
    standin.wait_for(lambda: len(standin.answered) > count)
    assert "失效" in standin.answered[-1]["text"] and not standin.messages(CHAT + 1)
    assert len(standin.messages(CHAT)) == said, "nothing said for stale presses"
    assert _exchange(standin, CHAT, lambda: standin.press(CHAT, newest, newest.buttons[0]["callback_data"]))

    # A sticker or a voice note: what the bot can read instead.
    unsupported = _exchange(
        standin,
        CHAT,
        lambda: standin._user_message(CHAT, "zh", {"location": {"latitude": 45.7, "longitude": 126.6}}),
    )
    assert "PDF" in unsupported[0].text


def test_long_replies_are_cut_between_lines_and_buttons_ride_on_the_last_piece() -> None:
    lines = [f"第{n}行：" + "材料" * 40 for n in range(120)]
    pieces = chunks("\n".join(lines))
    assert len(pieces) > 1 and all(len(p) <= 4096 for p in pieces)
    assert "\n".join(pieces) == "\n".join(lines), "nothing lost, no line broken"
    assert chunks("x" * 5000) == ["x" * 4096, "x" * 904], "a single line longer than a message is cut"
    frame = {"type": "bot", "text": "\n".join(lines), "buttons": [{"title": "预约", "payload": "/book"}]}
    said = parcels(frame)
    assert [bool(p.get("buttons")) for p in said] == [False] * (len(said) - 1) + [True]
    staff = parcels({"type": "bot", "text": "您好", "staff": "王丽"})
    assert staff == [{"text": "👤 王丽：\n您好"}]
    assert parcels({"type": "progress", "done": 1, "total": 2}) == []


def test_documents_in_an_album_become_one_pre_review_and_the_report_comes_as_a_file(hall) -> None:
    standin: BotApiStandIn = hall["standin"]
    asked = _last_with_buttons(
        _exchange(standin, CHAT, lambda: standin.say(CHAT, "我要预审个体工商户设立登记"))
    )
    ask = _exchange(standin, CHAT, lambda: standin.press(CHAT, asked, _button(asked, "都不是")))
    assert "请上传" in ask[0].text

    def album() -> None:
        standin.send_file(CHAT, "申请书.pdf", make.text_pdf([corpus.ibr_application()]), album="a1")
        standin.send_file(CHAT, "IMG_1.jpg", make.photo(corpus.id_card()), photo=True, album="a1")

    typing_before = [m for m, _ in standin.calls].count("sendChatAction")
    replies = _exchange(standin, CHAT, album)
    assert [m for m, _ in standin.calls].count("sendChatAction") > typing_before, "typing… while reading"
    texts = [m.text for m in replies if m.text]
    assert "✓ 申请书.pdf：个体工商户登记（备案）申请书" in texts[0] and "经营者身份证" in texts[0]
    assert "预审通过" in texts[-1], "both files arrived as one upload, and the report followed"
    [report] = [m.document for m in replies if m.document]
    assert report[0].endswith(".html") and "预审报告".encode() in report[1]
    assert "个体工商户设立登记".encode() in report[1] or "个体工商户".encode() in report[1]

    # Too large: refused before any download; unreadable from Telegram: an apology, not silence.
    fetched = sum(1 for method, _ in standin.calls if method == "getFile")
    too_big = _exchange(
        standin, CHAT, lambda: standin.send_file(CHAT, "扫描.pdf", b"%PDF-1.4", declared_size=30 * 2**20)
    )
    assert "超过 20 MB" in too_big[0].text
    assert sum(1 for method, _ in standin.calls if method == "getFile") == fetched

    sorry = _exchange(standin, CHAT, lambda: standin.send_file(CHAT, "丢了.pdf", b"%PDF-1.4", gone=True))
    assert "抱歉" in sorry[0].text and "0451" in sorry[0].text


def test_a_booking_in_telegram_comes_with_a_calendar_file_and_its_reminder_arrives_once(hall) -> None:
    standin: BotApiStandIn = hall["standin"]
    clock: StoryClock = hall["clock"]

    def press(title: str) -> list[Sent]:
        shown = _last_with_buttons(standin.messages(CHAT))
        return _exchange(standin, CHAT, lambda: standin.press(CHAT, shown, _button(shown, title)))

    _exchange(standin, CHAT, lambda: standin.say(CHAT, "我想预约个体工商户设立登记"))
    press("12月2日")
    press("14:10")
    _exchange(standin, CHAT, lambda: standin.say(CHAT, "张三 13800138100"))
    booked = press("确认预约")
    text = next(m.text for m in booked if "预约成功" in m.text)
    code = text.split("预约码：")[1][:7]
    [calendar] = [m.document for m in booked if m.document]
    assert calendar[0] == f"{code}.ics"
    assert b"BEGIN:VCALENDAR" in calendar[1] and b"DTSTART:20261202T061000Z" in calendar[1]

    before = len(standin.messages(CHAT))
    clock.now = dt.datetime(2026, 12, 1, 15, 0, tzinfo=SHANGHAI).astimezone(dt.UTC)
    reminded = standin.wait_for(lambda: [m for m in standin.messages(CHAT)[before:] if "明天" in m.text])
    standin.replies_after(CHAT, before)  # several more rounds of the reminder job
    assert len(reminded) == 1 and code in reminded[0].text
    assert len([m for m in standin.messages(CHAT)[before:] if "明天" in m.text]) == 1


def test_a_handoff_relays_both_ways_and_the_rating_comes_back_as_buttons(hall) -> None:
    standin: BotApiStandIn = hall["standin"]
    url = hall["url"]
    queued = _exchange(standin, CHAT, lambda: standin.say(CHAT, "转人工"))
    second = _exchange(standin, CHAT + 1, lambda: standin.say(CHAT + 1, "转人工"))
    assert [m.text.count("前面还有 0 位") for m in queued] == [1], "the place is said once"
    assert [m.text.count("前面还有 1 位") for m in second] == [1]
    li = Console(url, "li")
    waiting = li.get("/api/staff/queue").json()["waiting"]
    handoff = next(w for w in waiting if w["sender"] == f"tg-{CHAT}")
    assert handoff["channel"] == "telegram"
    before = len(standin.messages(CHAT + 1))
    assert li.post(f"/api/staff/handoffs/{handoff['id']}/claim").status_code == 200
    joined = standin.wait_for(lambda: [m for m in standin.messages(CHAT) if "已接入" in m.text])
    assert "李强" in joined[0].text
    moved_up = standin.replies_after(CHAT + 1, before)
    assert [m.text for m in moved_up if "前面还有" in m.text] == [moved_up[0].text]
    assert "前面还有 0 位" in moved_up[0].text, "the next in the queue hears they moved up, once"

    before = len(standin.messages(CHAT))
    assert (
        li.post(f"/api/staff/handoffs/{handoff['id']}/reply", {"text": "请把营业执照拍照发来"}).status_code
        == 200
    )
    staff_line = standin.wait_for(
        lambda: [m for m in standin.messages(CHAT)[before:] if "营业执照拍照" in m.text]
    )
    assert staff_line[0].text.startswith("👤 李强")

    standin.say(CHAT, "好的，我马上发")
    lines = lambda: li.get(f"/api/staff/handoffs/{handoff['id']}").json()["history"]  # noqa: E731
    standin.wait_for(lambda: any(line.get("text") == "好的，我马上发" for line in lines()))
    assert not [m for m in standin.messages(CHAT)[before:] if "马上发" in m.text], "the bot stays quiet"

    before = len(standin.messages(CHAT))
    assert li.post(f"/api/staff/handoffs/{handoff['id']}/close", {"outcome": "resolved"}).status_code == 200
    rating = standin.wait_for(lambda: [m for m in standin.messages(CHAT)[before:] if m.buttons])
    five = rating[0].buttons[0]
    assert five["text"] == "⭐⭐⭐⭐⭐"
    thanks = _exchange(standin, CHAT, lambda: standin.press(CHAT, rating[0], five["callback_data"]))
    assert thanks and "感谢您的评价" in thanks[0].text


def test_webhook_mode_checks_the_secret_and_answers(knowledge, parser, tmp_path: Path) -> None:
    from connectors.telegram import webhook_secret

    port = free_port()
    with bot_api() as (standin, api_url):
        app = _hall(
            knowledge,
            parser,
            tmp_path,
            api_url,
            StoryClock(),
            telegram_webhook_url=f"http://127.0.0.1:{port}",
        )
        with serving(app, port) as url:
            hook = standin.wait_for(lambda: standin.webhook)
            assert hook["url"] == f"{url}/webhooks/telegram" and hook["secret"] == webhook_secret(TOKEN)
            update = {
                "update_id": 1,
                "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}},
            }
            refused = httpx.post(
                f"{url}/webhooks/telegram", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "x"}
            )
            assert refused.status_code == 403
            headers = {"X-Telegram-Bot-Api-Secret-Token": hook["secret"]}
            assert httpx.post(f"{url}/webhooks/telegram", content=b"{", headers=headers).status_code == 400
            answer = _exchange(standin, CHAT, lambda: standin.say(CHAT, "社保卡丢了怎么补办"))
            assert "社保" in "\n".join(m.text for m in answer)
            assert not [m for m, _ in standin.calls if m == "getUpdates"], "no polling in webhook mode"


def test_a_429_storm_and_a_bad_gateway_lose_nothing_and_send_nothing_twice(hall) -> None:
    standin: BotApiStandIn = hall["standin"]
    standin.flood("sendMessage", 1, 2, 1)
    standin.break_next("sendMessage", 2)
    questions = {"你好": "智能助手", "社保卡丢了怎么补办": "社保", "居住证要多少钱": "居住证", "再见": "再见"}
    for question in questions:  # all at once, as a user typing fast
        standin.say(CHAT, question)
    replies = standin.replies_after(CHAT, 0, quiet=4)
    texts = [m.text for m in replies]
    said = [(m.text, tuple(b["text"] for b in m.buttons)) for m in replies]
    assert len(said) == len(set(said)), "nothing sent twice"
    firsts = [next((i for i, t in enumerate(texts) if mark in t), None) for mark in questions.values()]
    assert None not in firsts and firsts == sorted(firsts), f"answered in order: {texts}"
    refused = [m for m, _ in standin.calls if m == "sendMessage"]
    assert len(refused) == len(texts) + 5, "every refusal was retried, every success sent once"


@pytest.mark.slow
def test_onewindow_telegram_restarts_without_duplicate_replies(tmp_path: Path) -> None:
    """`onewindow telegram` killed mid-flight and started again: Telegram sends the updates again
    (their receipt was never confirmed) and a reply was waiting out a 429; each is said once."""
    with bot_api() as (standin, api_url):
        env = {
            **os.environ,
            "ONEWINDOW_DATA_DIR": str(SHARED_MODEL_DIR),
            "ONEWINDOW_DATABASE_URL": f"sqlite:///{tmp_path / 'chats.sqlite3'}",
            "ONEWINDOW_TELEGRAM_TOKEN": TOKEN,
            "ONEWINDOW_TELEGRAM_API_URL": api_url,
        }

        log = tmp_path / "telegram.log"

        def start() -> subprocess.Popen[bytes]:
            command = [sys.executable, "-m", "onewindow.cli", "telegram"]
            with log.open("ab") as output:
                return subprocess.Popen(command, env=env, stdout=output, stderr=output)

        bot = start()
        try:
            greeting = standin.replies_after(CHAT, 0, seconds=300) if standin.say(CHAT, "你好") else []
            assert greeting
            standin.flood("sendMessage", 8)
            standin.say(CHAT, "社保卡丢了怎么补办")
            standin.wait_for(lambda: len([m for m, _ in standin.calls if m == "sendMessage"]) > len(greeting))
            time.sleep(1)  # the refused reply is back in the outbox, waiting its 8 s
            bot.send_signal(signal.SIGKILL)
            bot.wait(timeout=30)
            standin.forget_offset()
            standin.floods.clear()
            bot = start()
            answer = standin.wait_for(lambda: [m for m in standin.messages(CHAT) if "社保" in m.text], 300)
            standin.replies_after(CHAT, len(standin.messages(CHAT)) - 1, quiet=3)
            texts = [m.text for m in standin.messages(CHAT)]
            assert texts.count(greeting[0].text) == 1, "the greeting was not said again"
            assert len(texts) == len(set(texts)) and answer
        finally:
            bot.send_signal(signal.SIGTERM)
            try:
                bot.wait(timeout=30)
            except subprocess.TimeoutExpired:
                bot.kill()
        assert "Polling Telegram" in log.read_text() and TOKEN not in log.read_text()


def test_one_poller_at_a_time_and_the_outbox_sends_each_parcel_once_in_order(database_url: str) -> None:
    """Several processes share the database: one of them polls (under a lease another takes over
    when it lapses); racing senders each claim a chat's next parcel once, only after the one before."""
    import threading
    import time as clock

    from bot.outbox import Outbox
    from bot.store import make_engine
    from connectors.telegram_records import TelegramRecords

    engine = make_engine(database_url)
    records, outbox = TelegramRecords(engine), Outbox(engine)
    assert records.hold_poller("a", 0.5) and records.hold_poller("a", 0.5), "taken, then renewed"
    assert not records.hold_poller("b", 0.5), "held by another"
    clock.sleep(0.6)
    assert records.hold_poller("b", 5) and not records.hold_poller("a", 5), "lapsed, taken over"
    assert records.take(7, 0.3) and not records.take(7, 0.3), "an update is handled once"
    clock.sleep(0.35)
    assert records.take(7, 0.3), "taken by a process that died, it is handled again"
    records.finished([7])
    clock.sleep(0.35)
    assert not records.take(7, 0.3), "finished: never again"

    for chat in range(6):
        outbox.put("telegram", f"tg-{chat}", [{"text": f"{chat}-{n}"} for n in range(5)])
    sent: list[str] = []
    in_flight: set[str] = set()
    overlaps: list[str] = []
    lock = threading.Lock()

    def sender() -> None:
        while (parcel := outbox.claim("telegram")) is not None:
            with lock:
                if parcel.sender_id in in_flight:
                    overlaps.append(parcel.sender_id)
                in_flight.add(parcel.sender_id)
            clock.sleep(0.005)
            with lock:
                sent.append(parcel.body["text"])
                in_flight.discard(parcel.sender_id)
            outbox.delivered(parcel.id, "ok")

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    while (parcel := outbox.claim("telegram")) is not None:  # a sender may stop while a chat waited
        sent.append(parcel.body["text"])
        outbox.delivered(parcel.id, "ok")
    assert sorted(sent) == sorted(f"{c}-{n}" for c in range(6) for n in range(5)), "each once"
    for chat in range(6):
        assert [t for t in sent if t.startswith(f"{chat}-")] == [f"{chat}-{n}" for n in range(5)]
    assert not overlaps, "one parcel of a chat at a time"

    outbox.put("telegram", "tg-9", [{"text": "later"}, {"text": "after"}])
    first = outbox.claim("telegram")
    assert first is not None and outbox.claim("telegram") is None, "the chat waits behind it"
    outbox.retry(first.id, 0.3, "429")
    assert outbox.claim("telegram") is None, "not before its time"
    clock.sleep(0.35)
    again = outbox.claim("telegram")
    assert again is not None and again.body == {"text": "later"} and again.attempts == 2
    engine.dispose()
