"""Starting a booking, and what is said when the form ends."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.booking.base import FORM_SLOTS, NOT_CONFIRMED, BookingAction, change_buttons
from bot.actions.booking.reading import names_something
from bot.actions.booking.wording import TEXT
from bot.actions.common import entity, lang_of, payload, phone_line, say_out_of_scope
from bot.appointments.wording import describe
from bot.reply_files import booking_file
from knowledge.answer import Facet
from knowledge.schema import Item, Lang
from nlu.dates import find_when


class ActionBookingStart(BookingAction, Action):
    """Start booking: the item, day and time the message already names, then the form."""

    def name(self) -> str:
        return "action_booking_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        text = tracker.latest_message.get("text") or ""
        if tracker.latest_message.get("intent", {}).get("name") == "confirm_booking":
            buttons = [
                {"title": TEXT["mine"][lang], "payload": payload("my_appointments")},
                {"title": TEXT["book"][lang], "payload": payload("book_appointment")},
            ]
            dispatcher.utter_message(text=TEXT["stale_summary"][lang], buttons=buttons)
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
        elif not text.startswith("/") and names_something(text):
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
            text = TEXT["not_bookable"][lang].format(
                item=item.name.get(lang), phone=phone_line(self.knowledge, lang)
            )
            dispatcher.utter_message(text=text)
            return False
        return item


class ActionBookingEnd(BookingAction, Action):
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
            text = TEXT["moved"][lang].format(booking=describe(booking, catalogue, lang))
            dispatcher.utter_message(
                text=text, buttons=change_buttons(booking, lang), attachment=booking_file(booking.code, lang)
            )
        elif booking is not None:
            materials = self.knowledge.answer(booking.item, lang, booking.scenario, (Facet.materials,)).text
            text = TEXT["booked"][lang].format(
                booking=describe(booking, catalogue, lang), materials=materials
            )
            dispatcher.utter_message(
                text=text, buttons=change_buttons(booking, lang), attachment=booking_file(booking.code, lang)
            )
        else:
            if hold := tracker.get_slot("booking_hold"):
                await asyncio.to_thread(self.book.release, int(hold), sender=tracker.sender_id)
            if outcome in (None, NOT_CONFIRMED):
                dispatcher.utter_message(text=TEXT["stopped"][lang])
        # The chat keeps its name and phone; not those of a booking it changed by code and phone.
        keep = {"applicant_name", "applicant_phone"}
        if tracker.get_slot("booking_change") and (booking is None or booking.sender_id != tracker.sender_id):
            keep = set()
        return [SlotSet(s, None) for s in (*FORM_SLOTS, "booking_hold", "booking_change") if s not in keep]
