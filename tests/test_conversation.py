"""Conversations through the Rasa REST channel over real HTTP, on the embedded brain."""

from __future__ import annotations

import uuid

import httpx


def say(server: str, sender: str, text: str) -> list[dict]:
    response = httpx.post(
        f"{server}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_materials_with_a_scenario_then_facet_follow_ups(server: str) -> None:
    chat = str(uuid.uuid4())
    [question] = say(server, chat, "个体户注册要带什么")
    assert "分几种情形" in question["text"]
    payloads = [b["payload"] for b in question["buttons"]]
    assert '/choose_scenario{"scenario": "via-agent"}' in payloads
    answer = say(server, chat, '/choose_scenario{"scenario": "via-agent"}')
    assert answer[0]["recipient_id"] == chat
    assert "委托代理人办理" in answer[0]["text"] and "【所需材料】" in answer[0]["text"]
    fee = say(server, chat, "那要多少钱")
    assert fee[0]["text"].startswith("个体工商户设立登记") and "不收费" in fee[0]["text"]
    english = say(server, chat, "how long does it take?")
    assert "Time limit" in english[0]["text"]


def test_scenario_in_words_and_leaving_the_question(server: str) -> None:
    chat = str(uuid.uuid4())
    say(server, chat, "食品经营许可证新办要什么材料")
    assert "餐饮服务" in say(server, chat, "开餐馆的 餐饮服务")[0]["text"]
    other = str(uuid.uuid4())
    say(server, other, "营业执照丢了")
    assert "已取消" in say(server, other, "算了")[0]["text"]


def test_out_of_scope_offers_staff_and_two_misunderstandings_hand_over(server: str) -> None:
    chat = str(uuid.uuid4())
    out = say(server, chat, "护照过期了怎么换")
    assert "0451-00000000" in out[0]["text"] and out[0]["buttons"][0]["payload"] == "/human_handoff"
    say(server, chat, "asdkjh qwpoe")
    again = say(server, chat, "lkjhg fdsa")
    assert "Staff can help" in again[0]["text"]
    # In opening hours the chat joins the queue, otherwise a callback request is offered.
    assert "queue" in again[1]["text"] or "callback" in again[1]["text"]
    assert say(server, chat, "cancel")[0]["text"] in ("You've left the queue. What else can I help you with?",
                                                      "All right, no callback.")  # fmt: skip


def test_a_vague_follow_up_stays_on_the_item(server: str) -> None:
    chat = str(uuid.uuid4())
    say(server, chat, "社保卡丢了怎么补办")
    follow = say(server, chat, "多少钱")
    assert follow[0]["text"].startswith("社会保障卡")


def test_bad_requests_get_reasons_not_500(server: str) -> None:
    url = f"{server}/webhooks/rest/webhook"
    assert httpx.post(url, content=b"\xff\xfe\x00").status_code == 400
    assert httpx.post(url, json={"message": "hi"}).status_code == 400
    long = httpx.post(url, json={"sender": "x", "message": "长" * 10_000})
    assert long.status_code == 200 and "太长" in long.json()[0]["text"]
    assert httpx.post(url, json={"sender": "x", "message": "长" * 100_000}).status_code == 413
    forged = httpx.post(url, json={"sender": "y", "message": "/drop_everything"})
    assert forged.status_code == 200 and forged.json()


def test_action_endpoint_speaks_the_rasa_protocol(action_endpoint: str) -> None:
    call = {
        "next_action": "action_out_of_scope",
        "sender_id": "z",
        "tracker": {
            "sender_id": "z",
            "slots": {"lang": "en"},
            "latest_message": {},
            "events": [],
            "paused": False,
        },
        "domain": {},
    }
    body = httpx.post(action_endpoint, json=call).json()
    assert body["responses"][0]["text"].startswith("Sorry")
    missing = httpx.post(action_endpoint, json={**call, "next_action": "action_nope"})
    assert missing.status_code == 404


def _call(action: str, text: str, intent: str, events: list[dict] | None = None) -> dict:
    """What a Rasa server posts to the action endpoint for a message its classifier labelled `intent`."""
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    return {
        "next_action": action,
        "sender_id": "diet",
        "tracker": {
            "sender_id": "diet",
            "slots": {"lang": "zh", "failures": 0.0},
            "latest_message": message,
            "events": [*(events or []), {"event": "user", "text": text, "parse_data": message}],
            "paused": False,
        },
        "domain": {},
    }


def test_gibberish_a_classifier_took_for_a_question_is_not_understood(action_endpoint: str) -> None:
    """DIET labels "lkjhg fdsa" ask_time_limit: the answer hands it to the fallback, which counts
    it on top of the misunderstanding before, although this turn's slot extraction reset the count."""
    answer = httpx.post(action_endpoint, json=_call("action_answer", "lkjhg fdsa", "ask_time_limit"))
    assert answer.json()["events"] == [
        {"event": "followup", "name": "action_default_fallback", "timestamp": None}
    ]
    earlier = [
        {"event": "user", "text": "asdkjh qwpoe", "parse_data": {}},
        {"event": "slot", "name": "failures", "value": 1.0},
    ]
    second = _call("action_default_fallback", "lkjhg fdsa", "ask_time_limit", earlier)
    second["tracker"]["events"].append({"event": "slot", "name": "failures", "value": 0.0})
    body = httpx.post(action_endpoint, json=second).json()
    assert "请工作人员来帮您" in body["responses"][0]["text"]


def test_a_fallback_whose_words_the_catalogue_knows_is_searched(action_endpoint: str) -> None:
    out = httpx.post(
        action_endpoint, json=_call("action_default_fallback", "护照过期了怎么换", "nlu_fallback")
    )
    body = out.json()
    assert "不在本中心" in body["responses"][0]["text"]
    assert {"event": "slot", "name": "failures", "value": 0.0, "timestamp": None} in body["events"]
    item = httpx.post(action_endpoint, json=_call("action_default_fallback", "居住证那个事", "nlu_fallback"))
    assert item.json()["events"] == [{"event": "followup", "name": "action_answer", "timestamp": None}]
