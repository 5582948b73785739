"""The booking form: reading each answer, holding the chosen time, asking for each slot."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.booking.base import (
    MAX_TIME_BUTTONS,
    NOT_CONFIRMED,
    THROTTLED,
    BookingAction,
    change_buttons,
    scenario_of,
    too_late,
)
from bot.actions.booking.reading import names_something, person_name, phone_in
from bot.actions.booking.wording import TEXT
from bot.actions.common import client_of, entity, lang_of, payload, phone_line, staff_button
from bot.appointments.book import AppointmentBook, Outcome, Result
from bot.appointments.wording import day_title, describe, when_text
from bot.throttle import Throttle
from knowledge.base import KnowledgeBase
from knowledge.schema import Item, Lang
from nlu.dates import find_when


class ValidateBookingForm(BookingAction, FormValidationAction):
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
            text = TEXT["not_bookable"][lang].format(
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
            scenario_of(tracker, item),
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
        if phone := phone_in(text):
            found["applicant_phone"] = phone
        if name is None and not text.startswith("/"):
            dispatcher.utter_message(text=TEXT["name_again"][lang_of(tracker)])
        return found

    async def validate_applicant_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"applicant_phone": None}
        phone = phone_in(str(value or ""))
        if phone is None and tracker.get_slot("requested_slot") == "applicant_phone":
            dispatcher.utter_message(text=TEXT["phone_again"][lang_of(tracker)])
        return {"applicant_phone": phone}

    async def validate_booking_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"booking_confirmed": None}
        lang = lang_of(tracker)
        intent = tracker.latest_message.get("intent", {}).get("name")
        if intent == "deny":
            return {"booking_confirmed": NOT_CONFIRMED}
        if intent not in ("affirm", "confirm_booking"):
            if self.when(value, tracker) is not None:  # "改成下午三点" at the summary
                changed = await self.validate_booking_time(value, dispatcher, tracker, domain)
                return changed | {"booking_confirmed": None}
            dispatcher.utter_message(text=TEXT["summary_again"][lang])
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
            return {"booking_confirmed": THROTTLED}
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
                text = TEXT["duplicate"][lang].format(item=name, booking=describe(existing, catalogue, lang))
                dispatcher.utter_message(text=text, buttons=change_buttons(existing, lang))
            else:
                dispatcher.utter_message(text=TEXT["duplicate_elsewhere"][lang].format(item=name))
        elif result.outcome == Outcome.too_many:
            dispatcher.utter_message(text=TEXT["too_many"][lang].format(count=self.book.rules.max_active))
        else:
            dispatcher.utter_message(text=too_late(self.book, lang))


class ActionAskBookingStep(BookingAction, Action):
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
        named = next((t for t in said if not t.startswith("/") and names_something(t)), None)
        if named:
            result = await asyncio.to_thread(self.knowledge.search, named)
            close = self.knowledge.index.close_alternatives(result)
            if close:
                buttons = [
                    {"title": h.name.get(lang), "payload": payload("book_appointment", item=h.item_id)}
                    for h in close
                ]
                dispatcher.utter_message(text=TEXT["which_of"][lang], buttons=buttons)
                return
        dispatcher.utter_message(text=TEXT["which_item"][lang])

    async def _ask_booking_day(
        self, item: Item | None, lang: Lang, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> None:
        if item is None:
            return
        buttons = await asyncio.to_thread(self.day_buttons, item, lang)
        if not buttons:
            dispatcher.utter_message(text=TEXT["no_days"][lang], buttons=staff_button(lang))
            return
        dispatcher.utter_message(
            text=TEXT["which_day"][lang].format(item=item.name.get(lang)), buttons=buttons
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
                text=TEXT["day_full"][lang].format(day=day_title(day, lang)), buttons=buttons
            )
            return
        text = tracker.latest_message.get("text") or ""
        said = None if text.startswith("/") else find_when(text, self.book.now())
        part = said.part if said else None
        in_part = [s for s in free if part_of(s.start) == part] if part else []
        shown = (in_part or free)[:MAX_TIME_BUTTONS]
        question = TEXT["which_time"][lang].format(day=day_title(day, lang))
        if len(in_part or free) > len(shown):
            question += "\n" + TEXT["more_times"][lang]
        dispatcher.utter_message(text=question, buttons=self.time_buttons(shown, lang))

    async def _ask_applicant_name(
        self, item: Item | None, lang: Lang, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> None:
        dispatcher.utter_message(text=TEXT["name"][lang])

    async def _ask_applicant_phone(
        self, item: Item | None, lang: Lang, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> None:
        dispatcher.utter_message(text=TEXT["phone"][lang])

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
            held = TEXT["held"][lang].format(minutes=int(self.book.rules.hold.total_seconds() // 60))
        text = TEXT["summary"][lang].format(
            item=item.name.get(lang),
            when=when_text(start, start + dt.timedelta(minutes=slot_minutes), lang),
            window=window.name.get(lang) if window else "",
            name=tracker.get_slot("applicant_name"),
            phone=tracker.get_slot("applicant_phone"),
            held=held,
        )
        buttons = [
            {"title": TEXT["confirm"][lang], "payload": payload("confirm_booking")},
            {
                "title": TEXT["change_time"][lang],
                "payload": payload("book_appointment", time=start.date().isoformat()),
            },
            {"title": TEXT["cancel"][lang], "payload": payload("stop")},
        ]
        dispatcher.utter_message(text=text, buttons=buttons)


def part_of(moment: dt.datetime) -> str:
    return "morning" if moment.hour < 12 else "afternoon" if moment.hour < 18 else "evening"
