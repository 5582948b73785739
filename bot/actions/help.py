"""Honest limits: out of scope, staff, stopping, and not understanding."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.common import lang_of, phone_line, say_out_of_scope, staff_button
from knowledge.answer import format_hours
from knowledge.base import KnowledgeBase
from knowledge.schema import Lang
from knowledge.text import tokens
from nlu.training import read_training_data

_TEXT: dict[str, dict[Lang, str]] = {
    "handoff": {
        "zh": "人工服务即将在聊天中开通。目前请在办公时间（{hours}）致电 {phone}，或到{center}现场咨询。",
        "en": "Chatting with staff is coming soon. For now, call {phone} during opening hours ({hours}) or ask at {center}.",
    },
    "complaint": {
        "zh": "很抱歉给您带来不好的体验，您的意见很重要。",
        "en": "I'm sorry about your experience; your feedback matters.",
    },
    "not_understood": {
        "zh": "抱歉，我没听明白。可以换个说法吗？比如“个体户注册要带什么”。",
        "en": "Sorry, I didn't understand. Could you say it another way, e.g. “what do I need to register a small business”?",
    },
    "not_understood_again": {
        "zh": "抱歉，还是没能理解您的问题。需要的话可以联系工作人员。{phone}",
        "en": "Sorry, I still couldn't understand. Staff can help you. {phone}",
    },
}


class ActionOutOfScope(Action):
    def __init__(self, knowledge: KnowledgeBase):
        self.knowledge = knowledge

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        say_out_of_scope(dispatcher, self.knowledge, lang_of(tracker))
        return []


class ActionAcknowledge(Action):
    """ "好的" or "不用了": ask what else. A message whose words neither the catalogue nor the training
    examples know goes to the fallback instead: a classifier may take "lkjhg fdsa" for a yes."""

    def __init__(self, knowledge: KnowledgeBase):
        self.knowledge = knowledge
        self.vocabulary = frozenset(w for text, _ in read_training_data().examples for w in tokens(text))

    def name(self) -> str:
        return "action_acknowledge"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        text = tracker.latest_message.get("text") or ""
        known = text.startswith("/") or not set(tokens(text)).isdisjoint(self.vocabulary)
        if not known and not self.knowledge.index.knows_words(text):
            return [FollowupAction("action_default_fallback")]
        dispatcher.utter_message(response="utter_how_can_i_help")
        return []


class ActionHandoff(Action):
    """Until staff can take over the chat (the handoff issue): when and how to reach them."""

    def __init__(self, knowledge: KnowledgeBase):
        self.knowledge = knowledge

    def name(self) -> str:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        center = self.knowledge.catalogue.center
        if tracker.latest_message.get("intent", {}).get("name") == "complaint":
            dispatcher.utter_message(text=_TEXT["complaint"][lang])
        text = _TEXT["handoff"][lang].format(
            hours=format_hours(center.hours, lang), phone=center.phone or "-", center=center.name.get(lang)
        )
        dispatcher.utter_message(text=text)
        return [SlotSet("failures", 0.0)]


class ActionStop(Action):
    def name(self) -> str:
        return "action_stop"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        dispatcher.utter_message(response="utter_stopped")
        return [SlotSet("item", None), SlotSet("scenario", None)]


class ActionDefaultFallback(Action):
    """Ask to rephrase; on the second misunderstanding in a row, offer staff.

    A message the classifier could not place but whose words the catalogue knows is searched
    first: it may name an item, or something the center does not do."""

    def __init__(self, knowledge: KnowledgeBase):
        self.knowledge = knowledge

    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        text = tracker.latest_message.get("text") or ""
        if not text.startswith("/") and self.knowledge.index.knows_words(text):
            result = await asyncio.to_thread(self.knowledge.search, text)
            if result.out_of_scope:
                say_out_of_scope(dispatcher, self.knowledge, lang)
                return [SlotSet("failures", 0.0)]
            return [FollowupAction("action_answer")]
        failures = _failures_before_this_message(tracker) + 1
        if failures >= 2:
            text = _TEXT["not_understood_again"][lang].format(phone=phone_line(self.knowledge, lang))
            dispatcher.utter_message(text=text, buttons=staff_button(lang))
            return [SlotSet("failures", 0.0)]
        dispatcher.utter_message(text=_TEXT["not_understood"][lang])
        return [SlotSet("failures", float(failures))]


def _failures_before_this_message(tracker: Tracker) -> int:
    """The count as the latest message arrived, before this turn's slot extraction reset it: a
    classifier may take "lkjhg fdsa" for a question, which resets the count like any question."""
    count, before = 0.0, 0.0
    for event in tracker.events:
        if event.get("event") == "user":
            before = count
        elif event.get("event") == "slot" and event.get("name") == "failures":
            count = event.get("value") or 0.0
    return int(before)
