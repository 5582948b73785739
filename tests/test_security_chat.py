"""Issue 15, the public side, probed as an outsider would with nothing but HTTP on the public port:
the action endpoint, chats owned by their channel, bounded bodies, rate limits and uploads.
Each test failed on the code before the fix (the closing note of issue 15 says how)."""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests import documents_factory as make
from tests import prereview_corpus as corpus
from tests.conftest import serving
from tests.story_runner import StoryClock
from tests.web_client import WebChat

IBR = "individual-business-registration"


def _server(knowledge, parser, folder: Path, **settings: Any) -> Any:
    from api.app import create_app
    from onewindow.settings import Settings

    configured = Settings(data_dir=folder, **settings)
    return configured, create_app(knowledge, parser, configured, StoryClock())


@pytest.fixture(scope="module")
def public(knowledge, parser, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The sample hall as it runs in public (the embedded brain, the default limits), on the stories' Monday."""
    settings, app = _server(knowledge, parser, tmp_path_factory.mktemp("public"))
    with serving(app) as url:
        yield {"url": url, "settings": settings, "app": app}


@pytest.fixture(scope="module")
def rasa_side(knowledge, parser, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The same hall set up for the Rasa brain: the action endpoint is served (no Rasa behind it)."""
    settings, app = _server(
        knowledge, parser, tmp_path_factory.mktemp("rasa-side"), brain="rasa", rasa_url="http://127.0.0.1:9"
    )
    with serving(app) as url:
        yield {"url": url, "token": settings.kept_secret("action_token"), "app": app}


def _slots(url: str, count: int, day: int = 1) -> list[str]:
    """`count` free seats (slot starts, one per seat) of the individual business item, `day` open days ahead."""
    days = httpx.get(f"{url}/api/appointments/slots", params={"item": IBR}).json()["days"]
    slots = httpx.get(f"{url}/api/appointments/slots", params={"item": IBR, "date": days[day]["date"]})
    return [s["start"] for s in slots.json()["slots"] for _ in range(s["free"])][:count]


def _from(n: int) -> dict[str, str]:
    """A request as if from its own address (uvicorn believes its loopback proxy): each test has its own."""
    return {"X-Forwarded-For": f"198.51.100.{n}"}


def _book(url: str, start: str, phone: str, name: str = "张三", **headers: str) -> httpx.Response:
    body = {"item": IBR, "start": start, "name": name, "phone": phone}
    return httpx.post(f"{url}/api/appointments", json=body, headers=headers)


# --- 1. the action endpoint ---------------------------------------------------------------------


def _call(
    action: str, sender: str, slots: dict[str, Any], text: str = "确认", intent: str = "affirm"
) -> dict:
    """What a Rasa server would post, with a tracker an attacker wrote."""
    from bot.definition import load_definition

    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": [], "metadata": {}}
    events = [{"event": "user", "text": text, "parse_data": message}]
    events += [{"event": "slot", "name": k, "value": v} for k, v in slots.items()]
    tracker = {
        "sender_id": sender,
        "slots": {"lang": "zh", **slots},
        "latest_message": message,
        "events": events,
        "paused": False,
        "active_loop": {"name": "booking_form"},
    }
    return {
        "next_action": action,
        "sender_id": sender,
        "tracker": tracker,
        "domain": load_definition().as_rasa_domain(),
    }


def test_the_action_endpoint_answers_only_its_rasa_server(public, rasa_side) -> None:
    call = _call("action_out_of_scope", "z", {})
    assert httpx.post(f"{public['url']}/webhook", json=call).status_code == 404, "no Rasa brain, no endpoint"
    url = f"{rasa_side['url']}/webhook"
    assert httpx.post(url, json=call).status_code == 401
    assert httpx.post(url, json=call, params={"token": "guessed"}).status_code == 401
    assert httpx.post(url, json=call, params={"token": rasa_side["token"]}).status_code == 200


def test_actions_touch_only_the_bookings_and_holds_of_their_own_chat(rasa_side) -> None:
    url, book = rasa_side["url"], rasa_side["app"].state.book
    act = f"{url}/webhook?token={rasa_side['token']}"
    first, second, third = sorted(set(_slots(url, 30)))[:3]
    victim = _book(url, first, "13900000001", "受害人").json()
    # Told the code of someone else's booking, the end of the form describes it: not any more.
    shown = httpx.post(
        act, json=_call("action_booking_end", "attacker", {"booking_confirmed": victim["code"]})
    )
    assert victim["code"] not in json.dumps(shown.json(), ensure_ascii=False)
    # A reschedule of someone else's booking, confirmed by the attacker's chat.
    moving = {
        "booking_item": IBR,
        "booking_change": victim["code"],
        "booking_time": second,
        "applicant_name": "坏人",
        "applicant_phone": "13700000009",
        "booking_confirmed": "确认",
    }
    httpx.post(act, json=_call("validate_booking_form", "attacker", moving))
    kept = httpx.get(f"{url}/api/appointments/{victim['code']}", params={"phone": "13900000001"}).json()
    assert kept["start"] == first, "the booking did not move"
    # Someone else's held seat, confirmed under the attacker's name.
    start = dt.datetime.fromisoformat(third)
    held = book.hold(book.catalogue.item(IBR), None, start, sender="rest-victim", channel="rest", lang="zh")
    taking = moving | {"booking_change": None, "booking_time": third, "booking_hold": str(held.booking.id)}
    httpx.post(act, json=_call("validate_booking_form", "attacker", taking))
    assert book.records.get(held.booking.id).status == "held", "the seat is still the victim's to confirm"


# --- 2. every channel owns its chats --------------------------------------------------------------


def test_a_rest_client_reaches_no_web_chat_whatever_sender_it_claims(public) -> None:
    url = public["url"]
    chat = WebChat(url, headers=_from(1))
    replies = chat.say("我想预约个体工商户设立登记")
    replies = chat.press(replies, "12月2日")
    replies = chat.press(replies, "10:00")
    replies = chat.say("李四 13800138123")
    booked = chat.press(replies, "确认预约")[0]["text"]
    code = booked.split("预约码：")[1][:7]
    sender = "web-" + public["app"].state.web_sessions.chat_of(chat.session)

    def rest(text: str, claimed: str) -> list[dict[str, Any]]:
        body = {"sender": claimed, "message": text}
        return httpx.post(f"{url}/webhooks/rest/webhook", json=body, headers=_from(2)).json()

    for claimed in (sender, sender.removeprefix("web-"), chat.session, f"web-{chat.session}"):
        mine = rest("我的预约", claimed)
        assert code not in json.dumps(mine, ensure_ascii=False) and "没有预约" in mine[0]["text"]
        rest(f'/confirm_cancel{{"booking_code": "{code}"}}', claimed)
    kept = httpx.get(f"{url}/api/appointments/{code}", params={"phone": "13800138123"}, headers=_from(2))
    assert kept.json()["status"] == "confirmed"
    assert code in "\n".join(r["text"] for r in chat.say("我的预约")), "its own chat still sees it"


def test_an_upload_joins_a_chat_only_with_the_reference_that_chat_handed_out(public) -> None:
    from itsdangerous import TimestampSigner, URLSafeTimedSerializer

    url, state = public["url"], public["app"].state
    chat = WebChat(url, headers=_from(3))
    chat.say("个体工商户设立登记", f'/start_prereview{{"item": "{IBR}", "scenario": "general"}}')
    card = make.text_pdf([corpus.id_card(corpus.LI, name="李娜")])
    assert chat.upload([("身份证.pdf", card)]).status_code == 200
    sender = "web-" + state.web_sessions.chat_of(chat.session)
    [case] = [c for c, _ in state.desk.store.of_sender(sender)]
    files = [("申请书.pdf", make.text_pdf([corpus.ibr_application()]))]

    def post(**form: str) -> httpx.Response:
        parts = [("files", (n, d)) for n, d in files]
        return httpx.post(
            f"{url}/api/prereview", data={"item": IBR, **form}, files=parts, headers=_from(4), timeout=120
        )

    taken = post(sender=sender)  # the old way: any chat, by naming it
    assert taken.status_code == 200 and taken.json()["case"] != case.id
    assert corpus.LI not in taken.text and "李娜" not in taken.text, "nothing read from the victim's files"
    assert post(chat=sender).status_code == 403
    assert post(chat=state.desk.reference(sender) + "x").status_code == 403

    class Yesterday(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 2 * 86400

    secret = public["settings"].kept_secret("secret_key")
    old = URLSafeTimedSerializer(secret, salt="prereview-chat", signer=Yesterday).dumps(sender)
    assert post(chat=old).status_code == 403, "a reference is good for a day"
    assert [f.name for f in state.desk.store.files(case.id)] == ["身份证.pdf"]
    joined = post(chat=state.desk.reference(sender))
    assert joined.status_code == 200 and joined.json()["case"] == case.id


# --- 3. bounded bodies -------------------------------------------------------------------------


def _stored_events(settings: Any, sender: str) -> int:
    from bot.store import TrackerStore, make_engine

    return len(TrackerStore(make_engine(settings.sqlalchemy_url)).load(sender)[0])


def test_bodies_are_bounded_before_they_are_read(public) -> None:
    url, settings = public["url"], public["settings"]
    rest = f"{url}/webhooks/rest/webhook"
    big = {"sender": "bulky", "message": "你好", "metadata": {"x": "a" * (10 * 2**20)}}
    assert httpx.post(rest, json=big, headers=_from(5), timeout=60).status_code == 413
    assert _stored_events(settings, "rest-bulky") == 0, "nothing of it was kept"
    plain = httpx.post(rest, content=b"a" * (50 * 2**20), headers={"content-type": "text/plain"}, timeout=60)
    assert plain.status_code == 413 and "64 KB" in plain.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it comes
        for _ in range(100):
            yield b" " * 2**16

    assert httpx.post(rest, content=chunks(), timeout=60).status_code == 413
    many = {"sender": "keys", "message": "你好", "metadata": {f"k{n}": n for n in range(21)}}
    refused = httpx.post(rest, json=many, headers=_from(5))
    assert refused.status_code == 400 and "metadata" in refused.json()["detail"]
    long_value = {"sender": "keys", "message": "你好", "metadata": {"title": "长" * 501}}
    assert httpx.post(rest, json=long_value, headers=_from(5)).status_code == 400
    assert _stored_events(settings, "rest-keys") == 0


def test_json_nested_too_deeply_gets_a_400_not_a_500(public) -> None:
    url = public["url"]
    deep = "[" * 10_000 + "]" * 10_000
    for path in ("/webhooks/rest/webhook", "/api/appointments", "/model/parse"):
        response = httpx.post(f"{url}{path}", content=deep, headers={"content-type": "application/json"})
        assert response.status_code == 400 and "nested too deeply" in response.json()["detail"], path


def test_a_huge_web_chat_frame_is_refused_and_not_kept(public) -> None:
    chat = WebChat(public["url"], headers=_from(6))
    frame = {"type": "message", "id": "big", "text": "你好", "payload": "/greet", "lang": "zh"}
    huge = json.dumps(frame | {"text": "长" * (4 * 2**20)}, ensure_ascii=False)
    [error] = chat.send_raw(huge)
    assert error["type"] == "error" and "at most" in error["text"]
    nested = "[" * 4000 + "]" * 4000
    assert chat.send_raw(nested)[0]["type"] == "error"
    assert chat.history() == [], "nothing of it is in the chat"


# --- 4. throttled ------------------------------------------------------------------------------


def test_booking_code_guesses_are_throttled(public) -> None:
    url = public["url"]
    statuses = []
    for n in range(35):
        guess = f"{_letters(n)}-{_letters(n + 100)}"
        response = httpx.get(
            f"{url}/api/appointments/{guess}", params={"phone": "13800000000"}, headers=_from(7)
        )
        statuses.append(response.status_code)
        if response.status_code == 429:
            assert int(response.headers["retry-after"]) > 0 and "try again" in response.json()["detail"]
    assert Counter(statuses) == {404: 30, 429: 5}
    code = "ABC-DEF"
    many = [
        httpx.get(f"{url}/api/appointments/{code}", params={"phone": "13800000000"}, headers=_from(100 + n))
        for n in range(12)
    ]
    assert [r.status_code for r in many] == [404] * 10 + [429] * 2, "one code, from many addresses"


def _letters(n: int) -> str:
    """Three characters of booking codes, different for each `n` below 512."""
    alphabet = "ABCDEFGH"
    return alphabet[n // 64 % 8] + alphabet[n // 8 % 8] + alphabet[n % 8]


def test_one_client_cannot_book_a_day_full_with_made_up_phones(public) -> None:
    url = public["url"]
    starts = _slots(url, 25, day=2)
    assert len(starts) == 25
    statuses = [
        _book(url, start, f"1360000{n:04d}", **_from(8)).status_code for n, start in enumerate(starts)
    ]
    assert statuses == [201] * 20 + [429] * 5
    again = [_book(url, starts[-1], "13611110000", **_from(150 + n)).status_code for n in range(11)]
    assert again[-1] == 429, "and one phone number from many places is throttled too"


def test_a_chat_guessing_booking_codes_is_told_to_slow_down(public) -> None:
    chat = WebChat(public["url"], headers=_from(9))
    said = [chat.say(f"{_letters(n)}-{_letters(n)} 取消预约")[0]["text"] for n in range(31)]
    assert all("没有找到预约码" in text for text in said[:30])
    assert "操作太频繁" in said[30]


def test_uploads_are_bounded_in_files_and_refused_files_are_not_kept(public) -> None:
    url, uploads = public["url"], public["settings"].data_dir / "uploads"
    before = set(uploads.iterdir())
    tiny = make.text_pdf(["申请书"])
    crowd = [("files", (f"{n}.pdf", tiny)) for n in range(1000)]
    refused = httpx.post(
        f"{url}/api/prereview", data={"item": IBR}, files=crowd, headers=_from(10), timeout=120
    )
    assert refused.status_code == 400 and "files" in refused.text.lower()
    assert set(uploads.iterdir()) == before, "nothing written"
    oversized = b"%PDF-1.4\n" + b"0" * (20 * 2**20 + 10)
    mixed = [
        ("申请书.pdf", tiny),
        ("note.txt", b"just text"),
        ("大.pdf", oversized),
        ("坏.pdf", make.corrupt_pdf()),
    ]
    parts = [("files", f) for f in mixed]
    report = httpx.post(
        f"{url}/api/prereview", data={"item": IBR}, files=parts, headers=_from(10), timeout=180
    ).json()
    problems = {f["name"]: f["problem"] for f in report["files"]}
    assert problems == {
        "申请书.pdf": None,
        "note.txt": "unsupported_type",
        "大.pdf": "too_large",
        "坏.pdf": "corrupt",
    }
    assert len(set(uploads.iterdir()) - before) == 1, "only the file that passed is on disk"


@pytest.mark.slow
def test_limits_are_shared_by_server_processes_through_redis(knowledge, parser, tmp_path: Path) -> None:
    from tests.test_rasa_brain import _redis_reachable

    if not _redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379: shared limits can't be tested")
    redis = {"redis_url": "redis://127.0.0.1:6379/0"}  # two processes of one hall: one data folder
    _, first = _server(knowledge, parser, tmp_path, **redis)
    _, second = _server(knowledge, parser, tmp_path, **redis)
    code = f"{uuid.uuid4().hex[:3]}-XYZ".upper()
    with serving(first) as a, serving(second) as b:
        statuses = [
            httpx.get(f"{(a, b)[n % 2]}/api/appointments/{code}", params={"phone": "13800000000"}).status_code
            for n in range(12)
        ]
    assert statuses == [404] * 10 + [429] * 2
