"""The custom actions (rasa_sdk), shared by both brains: the embedded one runs them in-process, a
Rasa server calls them at `POST /webhook`."""

from __future__ import annotations

from rasa_sdk.executor import ActionExecutor

from bot.actions.answer import ActionAnswer, ActionAskScenario, ValidateScenarioForm
from bot.actions.booking import booking_actions
from bot.actions.help import (
    ActionAcknowledge,
    ActionDefaultFallback,
    ActionHandoff,
    ActionOutOfScope,
    ActionStop,
)
from bot.actions.prereview import ActionPrereviewFiles, ActionPrereviewReport, ActionPrereviewStart
from bot.actions.slots import ValidateSlotMappings
from bot.appointments.book import AppointmentBook
from bot.handoff.desk import HandoffDesk
from bot.prereview.desk import PrereviewDesk
from bot.throttle import Throttle
from knowledge.base import KnowledgeBase


def build_executor(
    knowledge: KnowledgeBase,
    desk: PrereviewDesk,
    book: AppointmentBook,
    handoff: HandoffDesk,
    throttle: Throttle,
) -> ActionExecutor:
    executor = ActionExecutor()
    for action in (
        ActionAnswer(knowledge),
        ActionAskScenario(knowledge),
        ValidateScenarioForm(knowledge),
        ValidateSlotMappings(),
        ActionOutOfScope(knowledge),
        ActionHandoff(knowledge, handoff),
        ActionStop(),
        ActionAcknowledge(knowledge),
        ActionDefaultFallback(knowledge, handoff),
        ActionPrereviewStart(knowledge, desk),
        ActionPrereviewFiles(knowledge, desk),
        ActionPrereviewReport(knowledge, desk),
        *booking_actions(knowledge, book, throttle),
    ):
        executor.register_action(action)
    return executor
