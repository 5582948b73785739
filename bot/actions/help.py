"""Honest limits: out of scope, staff, stopping, and not understanding."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.common import lang_of, say_out_of_scope
from bot.handoff.desk import HandoffDesk, OutOfHours, Queued
from bot.handoff.wording import TEXT as HANDOFF_TEXT
from knowledge.base import KnowledgeBase
from knowledge.schema import Lang
from knowledge.text import tokens
from nlu.training import read_training_data

_TEXT: dict[str, dict[Lang, str]] = {
    "complaint": {
        "zh": "很抱歉给您带来不好的体验，您的意见很重要。",
        "en": "I'm sorry about your experience; your feedback matters.",
    },
    "not_understood": {
        "zh": "抱歉，我没听明白。可以换个说法吗？比如“个体户注册要带什么”。",
        "en": "Sorry, I didn't understand. Could you say it another way, e.g. “what do I need to register a small business”?",
    },
    "not_understood_again": {
        "zh": "抱歉，还是没能理解您的问题，请工作人员来帮您。",
        "en": "Sorry, I still couldn't understand. Staff can help you.",
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


async def hand_over(
    dispatcher: CollectingDispatcher, tracker: Tracker, handoff: HandoffDesk, reason: str, phone: str
) -> None:
    """Put the chat in the staff queue (or, out of hours, take a callback request) and say so."""
    lang = lang_of(tracker)
    channel = tracker.get_latest_input_channel() or "rest"
    item, name = tracker.get_slot("item"), tracker.get_slot("applicant_name")
    outcome = await handoff.request(tracker.sender_id, channel, lang, reason, item, name)
    if isinstance(outcome, Queued):
        wording = HANDOFF_TEXT["queued" if outcome.new else "still_queued"][lang]
        dispatcher.utter_message(
            text=wording.format(ahead=outcome.ahead, minutes=outcome.minutes, phone=phone)
        )
    elif isinstance(outcome, OutOfHours):
        text = HANDOFF_TEXT["out_of_hours"][lang].format(hours=outcome.hours, next=outcome.next_open)
        dispatcher.utter_message(text=text)


def _after_report(tracker: Tracker) -> bool:
    """Whether the bot's last action before this message was a pre-review report (a dispute)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name") == "action_prereview_report"
    return False


class ActionHandoff(Action):
    """Staff take over: on request, on a complaint, or when a pre-review report is disputed."""

    def __init__(self, knowledge: KnowledgeBase, handoff: HandoffDesk):
        self.knowledge = knowledge
        self.handoff = handoff

    def name(self) -> str:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        complaint = tracker.latest_message.get("intent", {}).get("name") == "complaint"
        if complaint:
            dispatcher.utter_message(text=_TEXT["complaint"][lang_of(tracker)])
        reason = "complaint" if complaint else "dispute" if _after_report(tracker) else "request"
        await hand_over(
            dispatcher, tracker, self.handoff, reason, self.knowledge.catalogue.center.phone or "-"
        )
        return [SlotSet("failures", 0.0)]


class ActionStop(Action):
    def name(self) -> str:
        return "action_stop"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        dispatcher.utter_message(response="utter_stopped")
        return [SlotSet("item", None), SlotSet("scenario", None)]


_END_TURN = FollowupAction("action_listen")


class ActionDefaultFallback(Action):
    """Ask to rephrase; on the second misunderstanding in a row, hand the chat to staff.

    A message the classifier could not place but whose words the catalogue knows is searched
    first: it may name an item, or something the center does not do. Having spoken, it ends the
    turn itself: after an unusual turn Rasa's core fallback would otherwise run it again and again
    (the circuit breaker stops it, and the chat stops answering)."""

    def __init__(self, knowledge: KnowledgeBase, handoff: HandoffDesk):
        self.knowledge = knowledge
        self.handoff = handoff

    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        text = tracker.latest_message.get("text") or ""
        if not text.startswith("/") and self.knowledge.index.knows_words(text):
            result = await asyncio.to_thread(self.knowledge.search, text)
            if result.out_of_scope:
                say_out_of_scope(dispatcher, self.knowledge, lang)
                return [SlotSet("failures", 0.0), _END_TURN]
            return [FollowupAction("action_answer")]
        failures = _failures_before_this_message(tracker) + 1
        if failures >= 2:
            dispatcher.utter_message(text=_TEXT["not_understood_again"][lang])
            await hand_over(
                dispatcher, tracker, self.handoff, "failures", self.knowledge.catalogue.center.phone or "-"
            )
            return [SlotSet("failures", 0.0), _END_TURN]
        dispatcher.utter_message(text=_TEXT["not_understood"][lang])
        return [SlotSet("failures", float(failures)), _END_TURN]


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
