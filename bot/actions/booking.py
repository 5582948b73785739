"""Booking the window in the chat: which item, day and time, who, a summary, then the code.

`booking_form` collects the slots; its validator reads buttons (`/book_appointment{"time": …}`)
and words ("明天下午三点", "张三 13800138000") alike, holds the chosen slot, and books on the
confirmation. "我的预约", "取消预约" and "改到周五" work any time, by code or from the chat's own
bookings; a reschedule goes through the same form with the person already known.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.common import (
    client_of,
    entity,
    lang_of,
    payload,
    phone_line,
    say_out_of_scope,
    staff_button,
)
from bot.appointments.book import AppointmentBook, FreeSlot, Outcome, Result
from bot.appointments.calendar import HolidayDataMissing
from bot.appointments.records import Booking
from bot.appointments.wording import day_title, describe, when_text
from bot.prereview.rules import phones
from bot.reply_files import booking_file
from bot.throttle import Throttle, Throttled
from knowledge.answer import Facet
from knowledge.base import KnowledgeBase
from knowledge.schema import Item, Lang
from knowledge.text import content_words
from nlu.dates import When, find_when

FORM_SLOTS = (
    "booking_item",
    "booking_day",
    "booking_time",
    "applicant_name",
    "applicant_phone",
    "booking_confirmed",
)
MAX_TIME_BUTTONS = 16
MAX_DAY_BUTTONS = 7
_NOT_CONFIRMED = "no"
_THROTTLED = "throttled"

_TEXT: dict[str, dict[Lang, str]] = {
    "which_item": {
        "zh": "您要预约办理哪个事项？请说出事项名称，例如“个体工商户设立登记”。",
        "en": "Which service would you like to book? Say its name, e.g. “register a small business”.",
    },
    "which_of": {"zh": "您要预约的是下面哪一项？", "en": "Which of these would you like to book?"},
    "not_bookable": {
        "zh": "「{item}」不需要预约，可在办公时间直接到窗口办理。{phone}",
        "en": "“{item}” needs no appointment: come to the window during opening hours. {phone}",
    },
    "which_day": {
        "zh": "请选择「{item}」的办理日期（也可以直接说，如“明天下午”）：",
        "en": "Pick a day for “{item}” (or say one, e.g. “tomorrow afternoon”):",
    },
    "no_days": {
        "zh": "抱歉，近两周的预约已满。可以稍后再试，或直接到窗口取号办理。",
        "en": "Sorry, the next two weeks are fully booked. Try again later, or take a ticket at the hall.",
    },
    "day_full": {
        "zh": "{day}没有可预约的时间（不开放或已约满），请换一天：",
        "en": "There is no free time on {day} (closed or fully booked). Please pick another day:",
    },
    "which_time": {
        "zh": "{day}可预约的时间（也可以直接说，如“10点半”）：",
        "en": "Free times on {day} (or say one, e.g. “10:30”):",
    },
    "more_times": {
        "zh": "还有更多时间，可直接说想约几点。",
        "en": "There are more times; just say the one you want.",
    },
    "taken": {
        "zh": "抱歉，{when} 刚刚被约满了。",
        "en": "Sorry, {when} was just taken.",
    },
    "not_a_slot": {
        "zh": "{when} 不在可预约的时间内（需提前{notice}小时，最多预约{days}天内）。",
        "en": "{when} can't be booked (at least {notice} hours ahead, at most {days} days ahead).",
    },
    "name": {
        "zh": "请告诉我预约人的姓名和手机号，例如：张三 13800138000",
        "en": "Please give the name and mobile number for the booking, e.g. Li Lei 13800138000",
    },
    "name_again": {
        "zh": "没能识别出姓名，请只发姓名，例如：张三",
        "en": "I couldn't read a name there; please send just the name, e.g. Li Lei",
    },
    "phone": {
        "zh": "请告诉我预约人的手机号，用于预约提醒：",
        "en": "Please give a mobile number for the booking; reminders are sent here:",
    },
    "phone_again": {
        "zh": "手机号格式不对，请输入11位手机号（或带区号的固定电话）。",
        "en": "That doesn't look like a phone number; please send an 11-digit mobile number.",
    },
    "summary": {
        "zh": "请确认预约信息：\n事项：{item}\n时间：{when}\n地点：{window}\n预约人：{name}  {phone}{held}",
        "en": "Please confirm your booking:\nService: {item}\nTime: {when}\nPlace: {window}\nName: {name}  {phone}{held}",
    },
    "held": {
        "zh": "\n（已为您保留该时段 {minutes} 分钟）",
        "en": "\n(This time is held for you for {minutes} minutes.)",
    },
    "summary_again": {
        "zh": "请点“确认预约”，或说“取消”。也可以直接说要改的时间。",
        "en": "Tap “Confirm”, or say “cancel”. You can also say another time.",
    },
    "confirm": {"zh": "确认预约", "en": "Confirm"},
    "change_time": {"zh": "换个时间", "en": "Another time"},
    "cancel": {"zh": "取消", "en": "Cancel"},
    "booked": {
        "zh": "✅ 预约成功！请记好预约码，到场后在窗口出示。\n{booking}\n\n{materials}",
        "en": "✅ Booked! Keep your booking code and show it at the window.\n{booking}\n\n{materials}",
    },
    "moved": {
        "zh": "✅ 已改期，预约码不变。\n{booking}",
        "en": "✅ Rescheduled; your booking code stays the same.\n{booking}",
    },
    "stopped": {
        "zh": "好的，本次预约没有提交。还有什么可以帮您？",
        "en": "OK, nothing was booked. Anything else?",
    },
    "duplicate": {
        "zh": "这个手机号已预约过「{item}」：\n{booking}\n如需换时间，请说“改期”。",
        "en": "This phone number already has a booking for “{item}”:\n{booking}\nSay “reschedule” to change its time.",
    },
    "duplicate_elsewhere": {
        "zh": "这个手机号已预约过「{item}」。如需查看或改期，请发送预约码和这个手机号，例如“K7M-2PQ 13800138000 改期”。",
        "en": "This phone number already has a booking for “{item}”. To see or change it, send its code with this "
        "phone number, e.g. “K7M-2PQ 13800138000 reschedule”.",
    },
    "too_many": {
        "zh": "这个手机号已有 {count} 个未办理的预约，达到上限。请先办理或取消其中一个。",
        "en": "This phone number already has {count} upcoming bookings, the most allowed. Attend or cancel one first.",
    },
    "too_late": {
        "zh": "距离预约时间已不足{hours}小时（或预约已结束），不能在线修改。如有变化请致电 {phone}。",
        "en": "It's less than {hours} hour(s) before the appointment (or it is over), so it can't be changed "
        "online. Please call {phone}.",
    },
    "stale_summary": {
        "zh": "这个确认按钮已失效（预约已提交，或已退出预约）。可以看看“我的预约”，或重新预约。",
        "en": "That button no longer applies (the booking was made, or left). Check your bookings, or book again.",
    },
    "mine": {"zh": "我的预约", "en": "My bookings"},
    "none": {"zh": "您目前没有预约。", "en": "You have no upcoming bookings."},
    "book": {"zh": "预约窗口办理", "en": "Book the window"},
    "yours": {"zh": "您的预约：", "en": "Your bookings:"},
    "reschedule": {"zh": "改期 {code}", "en": "Reschedule {code}"},
    "cancel_one": {"zh": "取消 {code}", "en": "Cancel {code}"},
    "which_booking": {
        "zh": "您有多个预约，要{action}哪一个？",
        "en": "You have several bookings. Which one to {action}?",
    },
    "action_cancel": {"zh": "取消", "en": "cancel"},
    "action_reschedule": {"zh": "改期", "en": "reschedule"},
    "not_found": {
        "zh": "没有找到预约码 {code} 的预约。请核对预约码；不是在这个聊天里预约的，请同时发送预约时登记的手机号。",
        "en": "I can't find booking {code}. Check the code; if it wasn't booked in this chat, send the booking's "
        "phone number with it.",
    },
    "sure_cancel": {"zh": "确定取消这个预约吗？\n{booking}", "en": "Cancel this booking?\n{booking}"},
    "yes_cancel": {"zh": "确认取消", "en": "Yes, cancel it"},
    "keep": {"zh": "不取消", "en": "Keep it"},
    "cancelled": {"zh": "已取消预约 {code}（{when}）。", "en": "Booking {code} ({when}) is cancelled."},
    "already_cancelled": {"zh": "预约 {code} 已经取消了。", "en": "Booking {code} is already cancelled."},
    "too_often": {
        "zh": "操作太频繁了，请 {minutes} 分钟后再试。急事请致电 {phone}。",
        "en": "That's too many tries for now; please try again in {minutes} minute(s), or call {phone}.",
    },
    "reschedule_which_day": {
        "zh": "好的，为预约 {code}（原定 {when}）换个时间。",
        "en": "OK, let's find a new time for booking {code} (now {when}).",
    },
}
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
_CODE = re.compile(r"(?<![A-Za-z0-9])[A-HJ-NP-Za-hj-np-z2-9]{3}-[A-HJ-NP-Za-hj-np-z2-9]{3}(?![A-Za-z0-9])")
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


def _hours(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 3600)


def _code_in(tracker: Tracker) -> str | None:
    """A booking code from a button, or typed in the message (read here: classifiers cut codes short)."""
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/"):
        code = entity(tracker, "booking_code")
        return code.upper() if code else None
    found = _CODE.search(text)
    return found.group().upper() if found else None


def _phone_in(text: str) -> str | None:
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


class _Booking:
    """What the booking actions share: the catalogue, the book, the rate limits, and reading a time."""

    def __init__(self, knowledge: KnowledgeBase, book: AppointmentBook, throttle: Throttle):
        self.knowledge = knowledge
        self.book = book
        self.throttle = throttle

    async def allowed(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, *counted: tuple[str, str]
    ) -> bool:
        """Count each (kind, key) against the rate limits; over one, say when to try again."""
        try:
            for kind, key in counted:
                await self.throttle.hit(kind, key)
        except Throttled as throttled:
            lang = lang_of(tracker)
            phone = self.knowledge.catalogue.center.phone or "-"
            dispatcher.utter_message(
                text=_TEXT["too_often"][lang].format(minutes=throttled.minutes, phone=phone)
            )
            return False
        return True

    async def find(self, code: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> Booking | None:
        """The booking with this code, if this chat made it or the message names its phone; every try
        counts against the code and the client."""
        counted = (("lookup", client_of(tracker)), ("code", code))
        if not await self.allowed(dispatcher, tracker, *counted):
            return None
        phone = _phone_in(tracker.latest_message.get("text") or "")  # typed with the code
        booking = await asyncio.to_thread(self.book.find, code, sender=tracker.sender_id, phone=phone)
        if booking is None:
            dispatcher.utter_message(text=_TEXT["not_found"][lang_of(tracker)].format(code=code))
        return booking

    def item(self, tracker: Tracker) -> Item | None:
        return self.knowledge.catalogue.item(tracker.get_slot("booking_item") or "")

    def when(self, value: Any, tracker: Tracker) -> When | None:
        """The day and time a slot value means: a button's `time`, an ISO time, or words."""
        text = str(value or "")
        if text.startswith("/"):
            text = entity(tracker, "time") or ""
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return find_when(text, self.book.now()) if text else None
        if len(text) <= 10:  # a date alone
            return When(date=moment.date())
        return When(date=moment.date(), time=moment.astimezone(self.book.zone).time())

    def slot_for(self, item: Item, day: dt.date, clock: dt.time) -> dt.datetime:
        """The start of the window's slot that contains this time of day (10:05 is in 10:00–10:15)."""
        start = dt.datetime.combine(day, clock, self.book.zone)
        window = self.book.window_of(item)
        try:
            slots = self.book.calendar.slots(window, day) if window else []
        except HolidayDataMissing:  # a day past the holiday data: the book turns it down
            return start
        return next((s.start for s in slots if s.start <= start < s.end), start)

    def time_buttons(self, slots: list[FreeSlot], lang: Lang) -> list[dict[str, str]]:
        return [
            {"title": f"{s.start:%H:%M}", "payload": payload("book_appointment", time=s.start.isoformat())}
            for s in slots
        ]

    def day_buttons(self, item: Item, lang: Lang) -> list[dict[str, str]]:
        days = self.book.open_days(item)[:MAX_DAY_BUTTONS]
        return [
            {"title": day_title(day, lang), "payload": payload("book_appointment", time=day.isoformat())}
            for day, _ in days
        ]

    def say_result(
        self, result: Result, item: Item, near: dt.datetime, lang: Lang, dispatcher: CollectingDispatcher
    ) -> None:
        """Why a time could not be had, with the closest free times as buttons."""
        when = f"{day_title(near.date(), lang)} {near:%H:%M}"
        if result.outcome == Outcome.taken:
            text = _TEXT["taken"][lang].format(when=when)
        else:
            rules = self.book.rules
            text = _TEXT["not_a_slot"][lang].format(
                when=when, notice=_hours(rules.notice), days=rules.horizon.days
            )
        dispatcher.utter_message(text=text, buttons=self.time_buttons(result.alternatives, lang))


class ActionBookingStart(_Booking, Action):
    """Start booking: the item, day and time the message already names, then the form."""

    def name(self) -> str:
        return "action_booking_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        text = tracker.latest_message.get("text") or ""
        if tracker.latest_message.get("intent", {}).get("name") == "confirm_booking":
            buttons = [
                {"title": _TEXT["mine"][lang], "payload": payload("my_appointments")},
                {"title": _TEXT["book"][lang], "payload": payload("book_appointment")},
            ]
            dispatcher.utter_message(text=_TEXT["stale_summary"][lang], buttons=buttons)
            return []
        for held in await asyncio.to_thread(self.book.records.holds_of, tracker.sender_id):
            await asyncio.to_thread(self.book.release, held.id)
        item = await self._item(text, tracker, dispatcher, lang)
        if item is False:
            return []
        when = self.when(text, tracker) if text.startswith("/") else find_when(text, self.book.now())
        day = when.date.isoformat() if when and (when.dated or when.time) else None
        time = None
        if when and when.time and item:
            time = self.slot_for(item, when.date, when.time).isoformat()
        return [
            *(SlotSet(name, None) for name in ("booking_confirmed", "booking_hold", "booking_change")),
            SlotSet("booking_item", item.id if item else None),
            SlotSet("booking_day", day),
            SlotSet("booking_time", time),
            FollowupAction("booking_form"),
        ]

    async def _item(
        self, text: str, tracker: Tracker, dispatcher: CollectingDispatcher, lang: Lang
    ) -> Item | bool | None:
        """The item to book; None to ask for it, False after saying why there is none to book."""
        catalogue = self.knowledge.catalogue
        chosen = entity(tracker, "item")
        if chosen and catalogue.item(chosen):
            item = catalogue.item(chosen)
        elif not text.startswith("/") and _names_something(text):
            result = await asyncio.to_thread(self.knowledge.search, text)
            close = self.knowledge.index.close_alternatives(result)
            if result.out_of_scope or result.unknown_words or not result.hits:
                if result.out_of_scope:
                    say_out_of_scope(dispatcher, self.knowledge, lang)
                    return False
                return None
            if len(close) > 1:
                return None  # the form's question shows the candidates
            item = catalogue.item(result.hits[0].item_id)
        else:
            item = catalogue.item(tracker.get_slot("booking_item") or tracker.get_slot("item") or "")
        if item is not None and self.book.window_of(item) is None:
            text = _TEXT["not_bookable"][lang].format(
                item=item.name.get(lang), phone=phone_line(self.knowledge, lang)
            )
            dispatcher.utter_message(text=text)
            return False
        return item


def _names_something(text: str) -> bool:
    """Whether a booking request has words besides booking and time words (an item, perhaps)."""
    when = find_when(text, dt.datetime.now())
    rest = text[: when.start] + " " + text[when.end :] if when else text
    return bool(content_words(_BOOKING_WORDS.sub(" ", rest)))


class ValidateBookingForm(_Booking, FormValidationAction):
    """Read each answer of the booking form; hold the chosen time; book on the confirmation."""

    def name(self) -> str:
        return "validate_booking_form"

    async def validate_booking_item(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:  # cleared when the form starts: nothing to read
            return {"booking_item": None}
        lang = lang_of(tracker)
        catalogue = self.knowledge.catalogue
        item = catalogue.item(str(value)) or catalogue.item(entity(tracker, "item") or "")
        if item is None and value and not str(value).startswith("/"):
            result = await asyncio.to_thread(self.knowledge.search, str(value))
            if (
                result.hits
                and not result.out_of_scope
                and not self.knowledge.index.close_alternatives(result)
            ):
                item = catalogue.item(result.hits[0].item_id)
        when = None if str(value).startswith("/") else find_when(str(value), self.book.now())
        said = {"booking_day": when.date.isoformat()} if when and when.dated else {}  # "next Tuesday" kept
        if item is None:
            return {"booking_item": None} | said
        if self.book.window_of(item) is None:
            text = _TEXT["not_bookable"][lang].format(
                item=item.name.get(lang), phone=phone_line(self.knowledge, lang)
            )
            dispatcher.utter_message(text=text)
            return {"booking_item": None}
        if said and when and when.time:
            return (
                {"booking_item": item.id}
                | said
                | await self._take(item, self.slot_for(item, when.date, when.time), dispatcher, tracker)
            )
        return {"booking_item": item.id} | said

    async def validate_booking_day(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"booking_day": None}
        when = self.when(value, tracker)
        if when is None:
            return {"booking_day": None}
        found = {"booking_day": when.date.isoformat()}
        item = self.item(tracker)
        if when.time and item:
            return found | await self._take(
                item, self.slot_for(item, when.date, when.time), dispatcher, tracker
            )
        return found

    async def validate_booking_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"booking_time": None}
        item = self.item(tracker)
        when = self.when(value, tracker)
        if item is None or when is None:
            return {"booking_time": None}
        day = (
            when.date
            if when.dated
            else dt.date.fromisoformat(tracker.get_slot("booking_day") or when.date.isoformat())
        )
        if when.time is None:  # another day, or a part of the day: its times are shown next
            return {"booking_day": day.isoformat(), "booking_time": None}
        return {"booking_day": day.isoformat()} | await self._take(
            item, self.slot_for(item, day, when.time), dispatcher, tracker
        )

    async def _take(
        self, item: Item, start: dt.datetime, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Hold the slot (a reschedule only checks it is free); or say why not, with alternatives."""
        lang = lang_of(tracker)
        if tracker.get_slot("booking_change"):
            free = await asyncio.to_thread(self.book.free_slots, item, start.date())
            if any(s.start == start for s in free):
                return {"booking_time": start.isoformat()}
            result = Result(
                Outcome.taken, alternatives=await asyncio.to_thread(self.book.alternatives, item, start)
            )
            if not any(
                s.start == start
                for s in self.book.calendar.bookable(self.book.window_of(item), self.book.now())
            ):
                result = Result(Outcome.not_a_slot, alternatives=result.alternatives)
            self.say_result(result, item, start, lang, dispatcher)
            return {"booking_time": None}
        if not await self.allowed(dispatcher, tracker, ("booking", client_of(tracker))):
            return {"booking_time": None, "booking_hold": None}
        result = await asyncio.to_thread(
            self.book.hold,
            item,
            _scenario(tracker, item),
            start,
            sender=tracker.sender_id,
            channel=tracker.get_latest_input_channel(),
            lang=lang,
        )
        if result.booking is None:
            self.say_result(result, item, start, lang, dispatcher)
            return {"booking_time": None, "booking_hold": None}
        return {"booking_time": start.isoformat(), "booking_hold": str(result.booking.id)}

    async def validate_applicant_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"applicant_name": None}
        if tracker.get_slot("booking_change"):  # a reschedule: the booking's own name
            return {"applicant_name": value}
        text = str(value or "")
        name = person_name(text)
        found: dict[str, Any] = {"applicant_name": name}
        if phone := _phone_in(text):
            found["applicant_phone"] = phone
        if name is None and not text.startswith("/"):
            dispatcher.utter_message(text=_TEXT["name_again"][lang_of(tracker)])
        return found

    async def validate_applicant_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"applicant_phone": None}
        phone = _phone_in(str(value or ""))
        if phone is None and tracker.get_slot("requested_slot") == "applicant_phone":
            dispatcher.utter_message(text=_TEXT["phone_again"][lang_of(tracker)])
        return {"applicant_phone": phone}

    async def validate_booking_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"booking_confirmed": None}
        lang = lang_of(tracker)
        intent = tracker.latest_message.get("intent", {}).get("name")
        if intent == "deny":
            return {"booking_confirmed": _NOT_CONFIRMED}
        if intent not in ("affirm", "confirm_booking"):
            if self.when(value, tracker) is not None:  # "改成下午三点" at the summary
                changed = await self.validate_booking_time(value, dispatcher, tracker, domain)
                return changed | {"booking_confirmed": None}
            dispatcher.utter_message(text=_TEXT["summary_again"][lang])
            return {"booking_confirmed": None}
        item = self.item(tracker)
        start = dt.datetime.fromisoformat(tracker.get_slot("booking_time"))
        name, phone = tracker.get_slot("applicant_name"), tracker.get_slot("applicant_phone")
        if change := tracker.get_slot("booking_change"):  # the chat's own booking, or one with its phone
            booking = await asyncio.to_thread(self.book.find, change, sender=tracker.sender_id, phone=phone)
            result = (
                await asyncio.to_thread(self.book.reschedule, booking, start)
                if booking
                else Result(Outcome.not_found)
            )
        elif await self.allowed(dispatcher, tracker, ("booking_phone", str(phone))):
            hold = int(tracker.get_slot("booking_hold") or 0)
            result = await asyncio.to_thread(self.book.confirm, hold, name, phone, sender=tracker.sender_id)
        else:
            return {"booking_confirmed": _THROTTLED}
        if result.ok and result.booking:
            return {"booking_confirmed": result.booking.code}
        if result.outcome in (Outcome.taken, Outcome.not_a_slot, Outcome.not_found) and item:
            self.say_result(result, item, start.astimezone(self.book.zone), lang, dispatcher)
            return {"booking_time": None, "booking_hold": None, "booking_confirmed": None}
        self._explain(result, lang, tracker, dispatcher)
        return {"booking_confirmed": result.outcome.value}

    def _explain(
        self, result: Result, lang: Lang, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> None:
        catalogue = self.knowledge.catalogue
        if result.outcome == Outcome.duplicate and result.booking:
            existing = result.booking
            item = catalogue.item(existing.item)
            name = item.name.get(lang) if item else ""
            if existing.sender_id == tracker.sender_id:  # only its own chat sees the booking itself
                text = _TEXT["duplicate"][lang].format(item=name, booking=describe(existing, catalogue, lang))
                dispatcher.utter_message(text=text, buttons=_change_buttons(existing, lang))
            else:
                dispatcher.utter_message(text=_TEXT["duplicate_elsewhere"][lang].format(item=name))
        elif result.outcome == Outcome.too_many:
            dispatcher.utter_message(text=_TEXT["too_many"][lang].format(count=self.book.rules.max_active))
        else:
            dispatcher.utter_message(text=_too_late(self.book, lang))


def _about_something_else(knowledge: KnowledgeBase, tracker: Tracker) -> bool:
    """ "护照过期了怎么换" taken for a reschedule: its words, booking words aside, are of something
    the center does not do."""
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/"):
        return False
    return knowledge.index.names_out_of_scope_topic(_CHANGE_WORDS.sub(" ", _BOOKING_WORDS.sub(" ", text)))


def _scenario(tracker: Tracker, item: Item) -> str | None:
    scenario = tracker.get_slot("scenario")
    return scenario if tracker.get_slot("item") == item.id and item.scenario(scenario) else None


def _too_late(book: AppointmentBook, lang: Lang) -> str:
    phone = book.catalogue.center.phone or "-"
    return _TEXT["too_late"][lang].format(hours=_hours(book.rules.change_cutoff), phone=phone)


def _change_buttons(booking: Booking, lang: Lang) -> list[dict[str, str]]:
    return [
        {
            "title": _TEXT["reschedule"][lang].format(code=booking.code),
            "payload": payload("reschedule_appointment", booking_code=booking.code),
        },
        {
            "title": _TEXT["cancel_one"][lang].format(code=booking.code),
            "payload": payload("cancel_appointment", booking_code=booking.code),
        },
    ]


class ActionAskBookingStep(_Booking, Action):
    """Ask for one slot of the booking form (`action_ask_<slot>`)."""

    def __init__(self, knowledge: KnowledgeBase, book: AppointmentBook, throttle: Throttle, slot: str):
        super().__init__(knowledge, book, throttle)
        self.slot = slot

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        item = self.item(tracker)
        ask = getattr(self, f"_ask_{self.slot}")
        await ask(item, lang, tracker, dispatcher)
        return []

    async def _ask_booking_item(
        self, item: Item | None, lang: Lang, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> None:
        """Which item; the candidates of the latest words that named one ("register a business")."""
        said = [e.get("text") or "" for e in reversed(tracker.events) if e.get("event") == "user"][:3]
        named = next((t for t in said if not t.startswith("/") and _names_something(t)), None)
        if named:
            result = await asyncio.to_thread(self.knowledge.search, named)
            close = self.knowledge.index.close_alternatives(result)
            if close:
                buttons = [
                    {"title": h.name.get(lang), "payload": payload("book_appointment", item=h.item_id)}
                    for h in close
                ]
                dispatcher.utter_message(text=_TEXT["which_of"][lang], buttons=buttons)
                return
        dispatcher.utter_message(text=_TEXT["which_item"][lang])

    async def _ask_booking_day(
        self, item: Item | None, lang: Lang, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> None:
        if item is None:
            return
        buttons = await asyncio.to_thread(self.day_buttons, item, lang)
        if not buttons:
            dispatcher.utter_message(text=_TEXT["no_days"][lang], buttons=staff_button(lang))
            return
        dispatcher.utter_message(
            text=_TEXT["which_day"][lang].format(item=item.name.get(lang)), buttons=buttons
        )

    async def _ask_booking_time(
        self, item: Item | None, lang: Lang, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> None:
        if item is None:
            return
        day = dt.date.fromisoformat(tracker.get_slot("booking_day"))
        free = await asyncio.to_thread(self.book.free_slots, item, day)
        if not free:
            buttons = await asyncio.to_thread(self.day_buttons, item, lang)
            dispatcher.utter_message(
                text=_TEXT["day_full"][lang].format(day=day_title(day, lang)), buttons=buttons
            )
            return
        text = tracker.latest_message.get("text") or ""
        said = None if text.startswith("/") else find_when(text, self.book.now())
        part = said.part if said else None
        in_part = [s for s in free if _part_of(s.start) == part] if part else []
        shown = (in_part or free)[:MAX_TIME_BUTTONS]
        question = _TEXT["which_time"][lang].format(day=day_title(day, lang))
        if len(in_part or free) > len(shown):
            question += "\n" + _TEXT["more_times"][lang]
        dispatcher.utter_message(text=question, buttons=self.time_buttons(shown, lang))

    async def _ask_applicant_name(
        self, item: Item | None, lang: Lang, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> None:
        dispatcher.utter_message(text=_TEXT["name"][lang])

    async def _ask_applicant_phone(
        self, item: Item | None, lang: Lang, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> None:
        dispatcher.utter_message(text=_TEXT["phone"][lang])

    async def _ask_booking_confirmed(
        self, item: Item | None, lang: Lang, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> None:
        if item is None:
            return
        start = dt.datetime.fromisoformat(tracker.get_slot("booking_time")).astimezone(self.book.zone)
        window = self.book.window_of(item)
        slot_minutes = window.slot_minutes if window else 15
        held = ""
        if not tracker.get_slot("booking_change"):
            held = _TEXT["held"][lang].format(minutes=int(self.book.rules.hold.total_seconds() // 60))
        text = _TEXT["summary"][lang].format(
            item=item.name.get(lang),
            when=when_text(start, start + dt.timedelta(minutes=slot_minutes), lang),
            window=window.name.get(lang) if window else "",
            name=tracker.get_slot("applicant_name"),
            phone=tracker.get_slot("applicant_phone"),
            held=held,
        )
        buttons = [
            {"title": _TEXT["confirm"][lang], "payload": payload("confirm_booking")},
            {
                "title": _TEXT["change_time"][lang],
                "payload": payload("book_appointment", time=start.date().isoformat()),
            },
            {"title": _TEXT["cancel"][lang], "payload": payload("stop")},
        ]
        dispatcher.utter_message(text=text, buttons=buttons)


def _part_of(moment: dt.datetime) -> str:
    return "morning" if moment.hour < 12 else "afternoon" if moment.hour < 18 else "evening"


class ActionBookingEnd(_Booking, Action):
    """After the form: the code, the place and the materials to bring; or nothing booked."""

    def name(self) -> str:
        return "action_booking_end"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        outcome = tracker.get_slot("booking_confirmed")
        phone = tracker.get_slot("applicant_phone")
        booking = (
            await asyncio.to_thread(self.book.find, outcome, sender=tracker.sender_id, phone=phone)
            if outcome
            else None
        )
        catalogue = self.knowledge.catalogue
        if booking is not None and tracker.get_slot("booking_change"):
            text = _TEXT["moved"][lang].format(booking=describe(booking, catalogue, lang))
            dispatcher.utter_message(
                text=text, buttons=_change_buttons(booking, lang), attachment=booking_file(booking.code, lang)
            )
        elif booking is not None:
            materials = self.knowledge.answer(booking.item, lang, booking.scenario, (Facet.materials,)).text
            text = _TEXT["booked"][lang].format(
                booking=describe(booking, catalogue, lang), materials=materials
            )
            dispatcher.utter_message(
                text=text, buttons=_change_buttons(booking, lang), attachment=booking_file(booking.code, lang)
            )
        else:
            if hold := tracker.get_slot("booking_hold"):
                await asyncio.to_thread(self.book.release, int(hold), sender=tracker.sender_id)
            if outcome in (None, _NOT_CONFIRMED):
                dispatcher.utter_message(text=_TEXT["stopped"][lang])
        # The chat keeps its name and phone; not those of a booking it changed by code and phone.
        keep = {"applicant_name", "applicant_phone"}
        if tracker.get_slot("booking_change") and (booking is None or booking.sender_id != tracker.sender_id):
            keep = set()
        return [SlotSet(s, None) for s in (*FORM_SLOTS, "booking_hold", "booking_change") if s not in keep]


class _ChangeBooking(_Booking, Action):
    """Find the booking a cancel or reschedule means: by code, or the chat's only one."""

    action_word = "action_cancel"

    async def target(self, tracker: Tracker, dispatcher: CollectingDispatcher) -> Booking | None:
        lang = lang_of(tracker)
        code = _code_in(tracker)
        if code is None and _about_something_else(self.knowledge, tracker):
            say_out_of_scope(dispatcher, self.knowledge, lang)
            return None
        if code:
            return await self.find(code, tracker, dispatcher)
        upcoming = await asyncio.to_thread(self.book.upcoming, sender=tracker.sender_id)
        if not upcoming:
            button = {"title": _TEXT["book"][lang], "payload": payload("book_appointment")}
            dispatcher.utter_message(text=_TEXT["none"][lang], buttons=[button])
            return None
        if len(upcoming) == 1:
            return upcoming[0]
        intent = tracker.latest_message.get("intent", {}).get("name") or "cancel_appointment"
        text = _TEXT["which_booking"][lang].format(action=_TEXT[self.action_word][lang])
        buttons = [
            {"title": self._title(b, lang), "payload": payload(intent, booking_code=b.code)} for b in upcoming
        ]
        dispatcher.utter_message(text=text, buttons=buttons)
        return None

    def _title(self, booking: Booking, lang: Lang) -> str:
        start, end = booking.start.astimezone(self.book.zone), booking.end.astimezone(self.book.zone)
        return f"{booking.code} {when_text(start, end, lang)}"


class ActionCancelAppointment(_ChangeBooking):
    """Cancel a booking, after a confirmation button."""

    def name(self) -> str:
        return "action_cancel_appointment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        booking = await self.target(tracker, dispatcher)
        if booking is None:
            return []
        catalogue = self.knowledge.catalogue
        if booking.status == "cancelled":
            dispatcher.utter_message(text=_TEXT["already_cancelled"][lang].format(code=booking.code))
            return []
        if not self.book.can_change(booking):
            dispatcher.utter_message(text=_too_late(self.book, lang))
            return []
        if tracker.latest_message.get("intent", {}).get("name") != "confirm_cancel":
            buttons = [
                {
                    "title": _TEXT["yes_cancel"][lang],
                    "payload": payload("confirm_cancel", booking_code=booking.code),
                },
                {"title": _TEXT["keep"][lang], "payload": payload("deny")},
            ]
            text = _TEXT["sure_cancel"][lang].format(booking=describe(booking, catalogue, lang))
            dispatcher.utter_message(text=text, buttons=buttons)
            return []
        result = await asyncio.to_thread(self.book.cancel, booking)
        if not result.ok:
            dispatcher.utter_message(text=_too_late(self.book, lang))
            return []
        start, end = booking.start.astimezone(self.book.zone), booking.end.astimezone(self.book.zone)
        text = _TEXT["cancelled"][lang].format(code=booking.code, when=when_text(start, end, lang))
        dispatcher.utter_message(
            text=text, buttons=[{"title": _TEXT["book"][lang], "payload": payload("book_appointment")}]
        )
        return []


class ActionRescheduleStart(_ChangeBooking):
    """Reschedule: the booking, then the booking form with its item and person already known."""

    action_word = "action_reschedule"

    def name(self) -> str:
        return "action_reschedule_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        booking = await self.target(tracker, dispatcher)
        if booking is None:
            return []
        if not self.book.can_change(booking):
            dispatcher.utter_message(text=_too_late(self.book, lang))
            return []
        start, end = booking.start.astimezone(self.book.zone), booking.end.astimezone(self.book.zone)
        text = _TEXT["reschedule_which_day"][lang].format(code=booking.code, when=when_text(start, end, lang))
        dispatcher.utter_message(text=text)
        typed = tracker.latest_message.get("text") or ""
        when = None if typed.startswith("/") else find_when(_CODE.sub(" ", typed), self.book.now())
        item = self.knowledge.catalogue.item(booking.item)
        time = None
        if when and when.time and item:
            time = self.slot_for(item, when.date, when.time).isoformat()
        return [
            SlotSet("booking_change", booking.code),
            SlotSet("booking_item", booking.item),
            SlotSet("booking_day", when.date.isoformat() if when else None),
            SlotSet("booking_time", time),
            SlotSet("applicant_name", booking.name),
            SlotSet("applicant_phone", booking.phone),
            SlotSet("booking_confirmed", None),
            SlotSet("booking_hold", None),
            FollowupAction("booking_form"),
        ]


class ActionMyAppointments(_Booking, Action):
    """The chat's upcoming bookings (or the one a code names), each with change buttons."""

    def name(self) -> str:
        return "action_my_appointments"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        catalogue = self.knowledge.catalogue
        code = _code_in(tracker)
        if code is None and _about_something_else(self.knowledge, tracker):
            say_out_of_scope(dispatcher, self.knowledge, lang)
            return []
        if code:
            booking = await self.find(code, tracker, dispatcher)
            if booking is None:
                return []
            dispatcher.utter_message(
                text=describe(booking, catalogue, lang), buttons=_change_buttons(booking, lang)
            )
            return []
        upcoming = await asyncio.to_thread(self.book.upcoming, sender=tracker.sender_id)
        if not upcoming:
            button = {"title": _TEXT["book"][lang], "payload": payload("book_appointment")}
            dispatcher.utter_message(text=_TEXT["none"][lang], buttons=[button])
            return []
        dispatcher.utter_message(text=_TEXT["yours"][lang])
        for booking in upcoming:
            dispatcher.utter_message(
                text=describe(booking, catalogue, lang), buttons=_change_buttons(booking, lang)
            )
        return []


def booking_actions(knowledge: KnowledgeBase, book: AppointmentBook, throttle: Throttle) -> list[Action]:
    return [
        ActionBookingStart(knowledge, book, throttle),
        ValidateBookingForm(knowledge, book, throttle),
        *(ActionAskBookingStep(knowledge, book, throttle, slot) for slot in FORM_SLOTS),
        ActionBookingEnd(knowledge, book, throttle),
        ActionCancelAppointment(knowledge, book, throttle),
        ActionRescheduleStart(knowledge, book, throttle),
        ActionMyAppointments(knowledge, book, throttle),
    ]
