"""Custom slot mappings, filled after every user message (Rasa's `action_validate_slot_mappings`)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from knowledge.text import language_of


class ValidateSlotMappings(ValidationAction):
    """`lang` follows the language of each typed message; `failures` counts misunderstandings in a row."""

    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def extract_lang(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        message = tracker.latest_message
        chosen = (message.get("metadata") or {}).get("lang")
        if chosen in ("zh", "en"):
            return {"lang": chosen}
        text = message.get("text") or ""
        if text.startswith("/") or not any(c.isalpha() for c in text):  # a button, a phone number
            return {}  # keeps the language of the chat
        return {"lang": language_of(text)}

    async def validate_lang(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"lang": value if value in ("zh", "en") else None}

    async def validate_failures(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"failures": value}

    async def extract_failures(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.latest_message.get("intent", {}).get("name") == "nlu_fallback":
            return {}
        return {"failures": 0.0} if tracker.get_slot("failures") else {}
