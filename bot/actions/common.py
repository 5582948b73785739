"""What the actions share: the chat's language, button payloads, the out-of-scope reply."""

from __future__ import annotations

import json

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge.base import KnowledgeBase
from knowledge.schema import Lang

_TEXT: dict[str, dict[Lang, str]] = {
    "out_of_scope": {
        "zh": "抱歉，这个问题不在本中心的办事目录里，我无法回答。{phone}",
        "en": "Sorry, that is not among this center's services, so I can't answer it. {phone}",
    },
    "phone": {"zh": "可致电中心咨询：{phone}。", "en": "You can call the center: {phone}."},
    "staff_button": {"zh": "联系人工", "en": "Talk to staff"},
}


def lang_of(tracker: Tracker) -> Lang:
    return "en" if tracker.get_slot("lang") == "en" else "zh"


def client_of(tracker: Tracker) -> str:
    """Whom a rate-limited step counts against: the client the channel saw (a pseudonym the gateway
    puts in the message's metadata), or the chat when there is none."""
    metadata = tracker.latest_message.get("metadata") or {}
    return str(metadata.get("client") or tracker.sender_id)


def entity(tracker: Tracker, name: str) -> str | None:
    """The first value of an entity in the latest message (a button's payload or the text)."""
    values = [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == name]
    return str(values[0]) if values else None


def payload(intent: str, **entities: str) -> str:
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def phone_line(knowledge: KnowledgeBase, lang: Lang) -> str:
    phone = knowledge.catalogue.center.phone
    return _TEXT["phone"][lang].format(phone=phone) if phone else ""


def staff_button(lang: Lang) -> list[dict[str, str]]:
    return [{"title": _TEXT["staff_button"][lang], "payload": payload("human_handoff")}]


def say_out_of_scope(dispatcher: CollectingDispatcher, knowledge: KnowledgeBase, lang: Lang) -> None:
    """The honest "not something this center does", with its phone and the offer of staff."""
    text = _TEXT["out_of_scope"][lang].format(phone=phone_line(knowledge, lang))
    dispatcher.utter_message(text=text, buttons=staff_button(lang))
