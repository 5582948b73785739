"""Reading a booking request's words: booking codes, phones, names, and whether it names an item."""

from __future__ import annotations

import datetime as dt
import re

from rasa_sdk import Tracker

from bot.actions.common import entity
from bot.prereview.rules import phones
from knowledge.base import KnowledgeBase
from knowledge.text import content_words
from nlu.dates import find_when

_BOOKING_WORDS = re.compile(
    r"预约|预定|预订|约个?|挂个?号|取号|号|时间|时段|窗口|现场|去办|办理|办|我想|我要|想|帮我|给我|一下|可以|能|吗|去"
    r"|\b(?:book|booking|appointment|an?|the|for|i|want|to|make|need|please|slot|visit|reserve|schedule|me|in|at|come)\b",
    re.IGNORECASE,
)
# What asking about one's bookings says besides the booking words: "改到", "取消", "我的" …
_CHANGE_WORDS = re.compile(
    r"改期|改到|改成|改|换到|换成|换|调到|挪|推迟|推到|延期|提前|取消|撤销|退|删|查询?|看看?|我的|还在|码|多少|几点|哪天|什么时候|是"
    r"|\b(?:cancel|change|move|reschedule|postpone|my|check|when|is|status|what)\b",
    re.IGNORECASE,
)
CODE = re.compile(r"(?<![A-Za-z0-9])[A-HJ-NP-Za-hj-np-z2-9]{3}-[A-HJ-NP-Za-hj-np-z2-9]{3}(?![A-Za-z0-9])")
_NAME_WORDS = re.compile(
    r"我叫|我是|姓名[是:：]?|名字[是叫:：]?|预约人[是:：]?|手机号?码?[是:：]?|电话[是:：]?"
    r"|\b(?:my name is|name is|name|i am|i'm|this is|phone|mobile|number)\b[:：]?",
    re.IGNORECASE,
)
_ZH_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}(?:[·•][\u4e00-\u9fff]{1,10})?")
_EN_NAME = re.compile(r"[A-Za-z][A-Za-z .'\-]{1,38}[A-Za-z]")
_NOT_NAMES = re.compile(
    r"预约|办理|取消|时间|什么|怎么|多少|哪|吗|呢|好的|是的|不是|可以|谢谢|你好|您好|确认|改期|人工"
)


def code_in(tracker: Tracker) -> str | None:
    """A booking code from a button, or typed in the message (read here: classifiers cut codes short)."""
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/"):
        code = entity(tracker, "booking_code")
        return code.upper() if code else None
    found = CODE.search(text)
    return found.group().upper() if found else None


def phone_in(text: str) -> str | None:
    found = phones(text)
    return found[0].value if found else None


def person_name(text: str) -> str | None:
    """The name in a reply such as "我叫张三 13800138000" or "Li Lei", None if there is none."""
    rest = re.sub(
        r"[\s,，;；:：。.!！]+", " ", _NAME_WORDS.sub(" ", re.sub(r"[\d\-+()（）]{6,}", " ", text))
    ).strip()
    if not rest or _NOT_NAMES.search(rest) or any(c.isdigit() for c in rest):
        return None
    if _ZH_NAME.fullmatch(rest.replace(" ", "")):
        return rest.replace(" ", "")
    if _EN_NAME.fullmatch(rest) and len(rest.split()) <= 4:
        return " ".join(part.capitalize() if part.islower() else part for part in rest.split())
    return None


def names_something(text: str) -> bool:
    """Whether a booking request has words besides booking and time words (an item, perhaps)."""
    when = find_when(text, dt.datetime.now())
    rest = text[: when.start] + " " + text[when.end :] if when else text
    return bool(content_words(_BOOKING_WORDS.sub(" ", rest)))


def about_something_else(knowledge: KnowledgeBase, tracker: Tracker) -> bool:
    """ "护照过期了怎么换" taken for a reschedule: its words, booking words aside, are of something
    the center does not do."""
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/"):
        return False
    return knowledge.index.names_out_of_scope_topic(_CHANGE_WORDS.sub(" ", _BOOKING_WORDS.sub(" ", text)))
