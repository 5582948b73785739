"""What every booking action shares: the form's slots, the book, the rate limits, reading a time."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.booking.reading import phone_in
from bot.actions.booking.wording import TEXT
from bot.actions.common import client_of, entity, lang_of, payload
from bot.appointments.book import AppointmentBook, FreeSlot, Outcome, Result
from bot.appointments.calendar import HolidayDataMissing
from bot.appointments.records import Booking
from bot.appointments.wording import day_title
from bot.throttle import Throttle, Throttled
from knowledge.base import KnowledgeBase
from knowledge.schema import Item, Lang
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
NOT_CONFIRMED = "no"
THROTTLED = "throttled"


def hours(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 3600)


class BookingAction:
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
                text=TEXT["too_often"][lang].format(minutes=throttled.minutes, phone=phone)
            )
            return False
        return True

    async def find(self, code: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> Booking | None:
        """The booking with this code, if this chat made it or the message names its phone; every try
        counts against the code and the client."""
        counted = (("lookup", client_of(tracker)), ("code", code))
        if not await self.allowed(dispatcher, tracker, *counted):
            return None
        phone = phone_in(tracker.latest_message.get("text") or "")  # typed with the code
        booking = await asyncio.to_thread(self.book.find, code, sender=tracker.sender_id, phone=phone)
        if booking is None:
            dispatcher.utter_message(text=TEXT["not_found"][lang_of(tracker)].format(code=code))
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
            text = TEXT["taken"][lang].format(when=when)
        else:
            rules = self.book.rules
            text = TEXT["not_a_slot"][lang].format(
                when=when, notice=hours(rules.notice), days=rules.horizon.days
            )
        dispatcher.utter_message(text=text, buttons=self.time_buttons(result.alternatives, lang))


def scenario_of(tracker: Tracker, item: Item) -> str | None:
    scenario = tracker.get_slot("scenario")
    return scenario if tracker.get_slot("item") == item.id and item.scenario(scenario) else None


def too_late(book: AppointmentBook, lang: Lang) -> str:
    phone = book.catalogue.center.phone or "-"
    return TEXT["too_late"][lang].format(hours=hours(book.rules.change_cutoff), phone=phone)


def change_buttons(booking: Booking, lang: Lang) -> list[dict[str, str]]:
    return [
        {
            "title": TEXT["reschedule"][lang].format(code=booking.code),
            "payload": payload("reschedule_appointment", booking_code=booking.code),
        },
        {
            "title": TEXT["cancel_one"][lang].format(code=booking.code),
            "payload": payload("cancel_appointment", booking_code=booking.code),
        },
    ]
