"""Booking the window in the chat: which item, day and time, who, a summary, then the code.

`booking_form` collects the slots; its validator reads buttons (`/book_appointment{"time": …}`)
and words ("明天下午三点", "张三 13800138000") alike, holds the chosen slot, and books on the
confirmation. "我的预约", "取消预约" and "改到周五" work any time, by code or from the chat's own
bookings; a reschedule goes through the same form with the person already known.
"""

from __future__ import annotations

from rasa_sdk import Action

from bot.actions.booking.base import FORM_SLOTS
from bot.actions.booking.changes import ActionCancelAppointment, ActionMyAppointments, ActionRescheduleStart
from bot.actions.booking.form import ActionAskBookingStep, ValidateBookingForm
from bot.actions.booking.start import ActionBookingEnd, ActionBookingStart
from bot.appointments.book import AppointmentBook
from bot.throttle import Throttle
from knowledge.base import KnowledgeBase


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
