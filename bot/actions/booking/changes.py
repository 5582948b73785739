"""Cancelling, moving and listing one's bookings, by code or from the chat's own."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.booking.base import BookingAction, change_buttons, too_late
from bot.actions.booking.reading import CODE, about_something_else, code_in
from bot.actions.booking.wording import TEXT
from bot.actions.common import lang_of, payload, say_out_of_scope
from bot.appointments.records import Booking
from bot.appointments.wording import describe, when_text
from knowledge.schema import Lang
from nlu.dates import find_when


class _ChangeBooking(BookingAction, Action):
    """Find the booking a cancel or reschedule means: by code, or the chat's only one."""

    action_word = "action_cancel"

    async def target(self, tracker: Tracker, dispatcher: CollectingDispatcher) -> Booking | None:
        lang = lang_of(tracker)
        code = code_in(tracker)
        if code is None and about_something_else(self.knowledge, tracker):
            say_out_of_scope(dispatcher, self.knowledge, lang)
            return None
        if code:
            return await self.find(code, tracker, dispatcher)
        upcoming = await asyncio.to_thread(self.book.upcoming, sender=tracker.sender_id)
        if not upcoming:
            button = {"title": TEXT["book"][lang], "payload": payload("book_appointment")}
            dispatcher.utter_message(text=TEXT["none"][lang], buttons=[button])
            return None
        if len(upcoming) == 1:
            return upcoming[0]
        intent = tracker.latest_message.get("intent", {}).get("name") or "cancel_appointment"
        text = TEXT["which_booking"][lang].format(action=TEXT[self.action_word][lang])
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
            dispatcher.utter_message(text=TEXT["already_cancelled"][lang].format(code=booking.code))
            return []
        if not self.book.can_change(booking):
            dispatcher.utter_message(text=too_late(self.book, lang))
            return []
        if tracker.latest_message.get("intent", {}).get("name") != "confirm_cancel":
            buttons = [
                {
                    "title": TEXT["yes_cancel"][lang],
                    "payload": payload("confirm_cancel", booking_code=booking.code),
                },
                {"title": TEXT["keep"][lang], "payload": payload("deny")},
            ]
            text = TEXT["sure_cancel"][lang].format(booking=describe(booking, catalogue, lang))
            dispatcher.utter_message(text=text, buttons=buttons)
            return []
        result = await asyncio.to_thread(self.book.cancel, booking)
        if not result.ok:
            dispatcher.utter_message(text=too_late(self.book, lang))
            return []
        start, end = booking.start.astimezone(self.book.zone), booking.end.astimezone(self.book.zone)
        text = TEXT["cancelled"][lang].format(code=booking.code, when=when_text(start, end, lang))
        dispatcher.utter_message(
            text=text, buttons=[{"title": TEXT["book"][lang], "payload": payload("book_appointment")}]
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
            dispatcher.utter_message(text=too_late(self.book, lang))
            return []
        start, end = booking.start.astimezone(self.book.zone), booking.end.astimezone(self.book.zone)
        text = TEXT["reschedule_which_day"][lang].format(code=booking.code, when=when_text(start, end, lang))
        dispatcher.utter_message(text=text)
        typed = tracker.latest_message.get("text") or ""
        when = None if typed.startswith("/") else find_when(CODE.sub(" ", typed), self.book.now())
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


class ActionMyAppointments(BookingAction, Action):
    """The chat's upcoming bookings (or the one a code names), each with change buttons."""

    def name(self) -> str:
        return "action_my_appointments"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        catalogue = self.knowledge.catalogue
        code = code_in(tracker)
        if code is None and about_something_else(self.knowledge, tracker):
            say_out_of_scope(dispatcher, self.knowledge, lang)
            return []
        if code:
            booking = await self.find(code, tracker, dispatcher)
            if booking is None:
                return []
            dispatcher.utter_message(
                text=describe(booking, catalogue, lang), buttons=change_buttons(booking, lang)
            )
            return []
        upcoming = await asyncio.to_thread(self.book.upcoming, sender=tracker.sender_id)
        if not upcoming:
            button = {"title": TEXT["book"][lang], "payload": payload("book_appointment")}
            dispatcher.utter_message(text=TEXT["none"][lang], buttons=[button])
            return []
        dispatcher.utter_message(text=TEXT["yours"][lang])
        for booking in upcoming:
            dispatcher.utter_message(
                text=describe(booking, catalogue, lang), buttons=change_buttons(booking, lang)
            )
        return []
