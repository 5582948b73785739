"""The one-clear-answer flow: find the item, ask back when unsure, ask the scenario, answer the facet."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.common import entity, lang_of, payload, say_out_of_scope
from knowledge.answer import Facet
from knowledge.base import KnowledgeBase
from knowledge.schema import Item, Lang
from knowledge.text import content_words, normalise, tokens

FACET_OF_INTENT: dict[str, Facet] = {
    "ask_fee": Facet.fee,
    "ask_time_limit": Facet.time_limit,
    "ask_location_hours": Facet.location,
    "ask_legal_basis": Facet.legal_basis,
    "ask_process": Facet.process,
    "ask_online": Facet.online,
}
_FOLLOW_UPS: tuple[tuple[str, dict[Lang, str]], ...] = (
    ("ask_materials", {"zh": "所需材料", "en": "Materials"}),
    ("ask_fee", {"zh": "收费", "en": "Fee"}),
    ("ask_time_limit", {"zh": "办理时限", "en": "Time limit"}),
    ("ask_location_hours", {"zh": "地点和时间", "en": "Where and when"}),
    ("ask_process", {"zh": "办理流程", "en": "Process"}),
    ("ask_legal_basis", {"zh": "设定依据", "en": "Legal basis"}),
)
_TEXT: dict[str, dict[Lang, str]] = {
    "which": {"zh": "您想办的是下面哪一项？", "en": "Which of these do you mean?"},
    "scenario": {
        "zh": "「{item}」分几种情形，材料不同。您属于哪一种？",
        "en": "“{item}” depends on your situation. Which applies?",
    },
    "scenario_again": {"zh": "没能对上情形，请点选一项：", "en": "I couldn't match that; please pick one:"},
    "more": {"zh": "还想了解：", "en": "More about this:"},
    "general": {"zh": "都不是/不确定", "en": "None of these / not sure"},
    "prereview": {"zh": "上传材料预审", "en": "Pre-review my documents"},
    "book": {"zh": "预约窗口办理", "en": "Book the window"},
}
GENERAL = "general"  # the scenario answer "none of these": the item's general materials list
_GENERAL_WORDS = ("都不是", "不确定", "不知道", "本人", "自己", "none", "not sure", "myself", "general")
_ORDINALS = {
    "第一": 0,
    "第二": 1,
    "第三": 2,
    "第四": 3,
    "1": 0,
    "2": 1,
    "3": 2,
    "4": 3,
    "first": 0,
    "second": 1,
    "third": 2,
}


async def resolve_item(
    knowledge: KnowledgeBase, tracker: Tracker, dispatcher: CollectingDispatcher
) -> tuple[Item | None, str | None] | list[dict[str, Any]]:
    """The item meant (and a scenario the question named), None after saying why not, or the
    events that hand a message of unknown words to the fallback."""
    catalogue = knowledge.catalogue
    lang = lang_of(tracker)
    intent = tracker.latest_message.get("intent", {}).get("name")
    chosen = entity(tracker, "item")
    if chosen and catalogue.item(chosen):
        return catalogue.item(chosen), None
    current = catalogue.item(tracker.get_slot("item") or "")
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/") or (intent == "choose_scenario" and current is not None):
        if current is None:  # a stale or forged button: no item to answer about
            dispatcher.utter_message(response="utter_how_can_i_help")
        return current, None
    if current is not None and (intent in FACET_OF_INTENT or intent == "ask_materials") and _vague(text):
        return current, None  # "那要多少钱": a follow-up on the item of the chat
    # The model runs off the event loop, so other chats go on meanwhile.
    result = await asyncio.to_thread(knowledge.search, text)
    if result.unknown_words:  # "lkjhg fdsa" that a classifier took for a question
        return [FollowupAction("action_default_fallback")]
    if result.out_of_scope:
        say_out_of_scope(dispatcher, knowledge, lang)
        return None, None
    close = knowledge.index.close_alternatives(result)
    if len(close) > 1 and not (current and current.id in [h.item_id for h in close]):
        buttons = [
            {"title": h.name.get(lang), "payload": payload(intent or "ask_materials", item=h.item_id)}
            for h in close
        ]
        dispatcher.utter_message(text=_TEXT["which"][lang], buttons=buttons)
        return None, None
    top = result.hits[0]
    return catalogue.item(top.item_id), top.scenario_id


class ActionAnswer(Action):
    """Answer the asked facet of the item the user means, or ask which item or scenario first."""

    def __init__(self, knowledge: KnowledgeBase):
        self.knowledge = knowledge

    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        intent = tracker.latest_message.get("intent", {}).get("name")
        resolved = await resolve_item(self.knowledge, tracker, dispatcher)
        if isinstance(resolved, list):
            return resolved
        item, named_scenario = resolved
        if item is None:
            return []
        scenario = entity(tracker, "scenario") or named_scenario
        if scenario is None and tracker.get_slot("item") == item.id:
            scenario = tracker.get_slot("scenario")
        text = tracker.latest_message.get("text") or ""
        if scenario is None and item.scenarios and not text.startswith("/"):
            scenario = scenario_by_words(item, text)  # "社保卡丢了怎么补办": 遗失补办
        if scenario != GENERAL and item.scenario(scenario) is None:
            scenario = None
        events = [
            SlotSet(name, value)
            for name, value in (("item", item.id), ("scenario", scenario))
            if tracker.get_slot(name) != value
        ]
        facet = FACET_OF_INTENT.get(intent or "")
        if facet is None and item.scenarios and scenario is None:
            return [*events, FollowupAction("scenario_form")]
        chosen = None if scenario == GENERAL else scenario
        answer = self.knowledge.answer(item.id, lang, chosen, (facet,) if facet else None)
        buttons = [
            {"title": title[lang], "payload": payload(follow, item=item.id)}
            for follow, title in _FOLLOW_UPS
            if follow != intent and (facet is not None or follow != "ask_materials")
        ]
        dispatcher.utter_message(text=answer.text)
        actions = [{"title": _TEXT["prereview"][lang], "payload": payload("start_prereview", item=item.id)}]
        if item.bookable:
            actions.append(
                {"title": _TEXT["book"][lang], "payload": payload("book_appointment", item=item.id)}
            )
        dispatcher.utter_message(text=_TEXT["more"][lang], buttons=[*buttons[:4], *actions])
        return events


_FACET_WORDS = re.compile(
    r"多少钱|收费|费用|要钱|花钱|多久|多长时间|几天|时限|办下来|办好|在哪|哪里|地址|地点|几点|上班|下班|周末|开门"
    r"|网上|线上|手机上|依据|法律|法规|政策|流程|步骤|材料|资料|带什么|证件"
    r"|\b(?:fees?|costs?|price|free|time|days|weeks|limit|open|opening|hours|address|go|online|internet"
    r"|legal|basis|law|process|steps|procedure|materials|paperwork)\b"
)


def _vague(text: str) -> bool:
    """A follow-up such as "那要多少钱" or "how long does it take?" that names no item of its own."""
    return not content_words(_FACET_WORDS.sub(" ", normalise(text)))


class ActionAskScenario(Action):
    """Ask which scenario applies, with a button for each."""

    def __init__(self, knowledge: KnowledgeBase):
        self.knowledge = knowledge

    def name(self) -> str:
        return "action_ask_scenario"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        item = self.knowledge.catalogue.item(tracker.get_slot("item") or "")
        if item is None:
            return []
        buttons = scenario_buttons(item, lang, "choose_scenario")
        since_user = _since_last_user(tracker.events)
        activated = any(e.get("event") == "active_loop" for e in since_user)
        rejected = any(e.get("event") == "slot" and e.get("name") == "scenario" for e in since_user)
        again = rejected and not activated
        text = _TEXT["scenario_again" if again else "scenario"][lang].format(item=item.name.get(lang))
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


def scenario_question(item: Item, lang: Lang) -> str:
    return _TEXT["scenario"][lang].format(item=item.name.get(lang))


def scenario_buttons(
    item: Item, lang: Lang, intent: str, /, *, general: bool = False, **entities: str
) -> list[dict[str, str]]:
    """A button per scenario of the item sending `intent` with it, and "none of these" if asked for."""
    choices = [(s.name.get(lang), s.id) for s in item.scenarios]
    choices += [(_TEXT["general"][lang], GENERAL)] if general else []
    return [{"title": title, "payload": payload(intent, **entities, scenario=id_)} for title, id_ in choices]


def _since_last_user(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "user":
            return events[index + 1 :]
    return events


def match_scenario(item: Item, answer: str) -> str | None:
    """The scenario id an answer means: its id, its name, an ordinal, or most shared words."""
    text = normalise(answer)
    if text == GENERAL or any(word in text for word in _GENERAL_WORDS):
        return GENERAL
    for scenario in item.scenarios:
        names = [normalise(n) for n in scenario.name.all()]
        if text == scenario.id or any(n and (n in text or text in n) for n in names if len(text) >= 2):
            return scenario.id
    for word, index in _ORDINALS.items():
        if re.search(rf"(^|\W){word}", text) and index < len(item.scenarios):
            return item.scenarios[index].id
    return scenario_by_words(item, text)


def scenario_by_words(item: Item, text: str) -> str | None:
    """The one scenario whose name shares the most words with the text, if one stands out.

    Words of the item's name don't count: "register a company" names the item, not the scenario
    "a shareholder is a company"."""
    said = set(tokens(text)) - set(tokens(" ".join(item.name.all())))
    overlaps = [(len(said & set(tokens(" ".join(s.name.all())))), s.id) for s in item.scenarios]
    best = max(overlaps, default=(0, None))
    return best[1] if best[0] > 0 and sum(o == best[0] for o, _ in overlaps) == 1 else None


def _not_about_the_item(record: logging.LogRecord) -> bool:
    return "Skipping validation for `item`" not in record.getMessage()


# rasa_sdk offers to validate every slot set in the turn; `item` is set by the answer itself, and a
# warning for it on every message would bury the log.
logging.getLogger("rasa_sdk.forms").addFilter(_not_about_the_item)


class ValidateScenarioForm(FormValidationAction):
    """Accept a scenario of the chat's item; anything else asks again."""

    def __init__(self, knowledge: KnowledgeBase):
        self.knowledge = knowledge

    def name(self) -> str:
        return "validate_scenario_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        item = self.knowledge.catalogue.item(tracker.get_slot("item") or "")
        return domain_slots if item and item.scenarios else []

    async def validate_scenario(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        item = self.knowledge.catalogue.item(tracker.get_slot("item") or "")
        if item is None or value is None:
            return {"scenario": None}
        return {"scenario": match_scenario(item, str(value))}
