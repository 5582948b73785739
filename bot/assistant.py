"""The assistant assembled: actions, tracker store, embedded brain and the gateway in front of them."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from rasa_sdk.executor import ActionExecutor

from bot.actions import build_executor
from bot.appointments.book import AppointmentBook, BookingRules, Clock, system_clock
from bot.appointments.records import AppointmentRecords
from bot.definition import load_definition
from bot.engine import EmbeddedBrain
from bot.gateway import Brain, Gateway
from bot.handoff.desk import HandoffDesk
from bot.handoff.records import HandoffRecords
from bot.handoff.relay import Relay
from bot.outbox import Outbox
from bot.prereview.cases import CaseStore
from bot.prereview.desk import DeskSettings, PrereviewDesk
from bot.prereview.documents import DocumentReader
from bot.rasa_brain import RasaBrain
from bot.reply_files import ReplyFiles
from bot.store import TrackerStore, make_engine
from knowledge.base import KnowledgeBase
from nlu.parser import Parser


@dataclass(frozen=True)
class Assistant:
    gateway: Gateway
    executor: ActionExecutor  # also served at the action endpoint for a Rasa server
    desk: PrereviewDesk
    book: AppointmentBook
    handoff: HandoffDesk
    outbox: Outbox  # what chats on pushed channels (Telegram) are yet to be sent
    files: ReplyFiles


def build_assistant(
    knowledge: KnowledgeBase,
    parser: Parser,
    database_url: str,
    rasa_url: str | None = None,
    *,
    uploads: Path | None = None,
    desk_settings: DeskSettings | None = None,
    booking_rules: BookingRules | None = None,
    clock: Clock = system_clock,
    redis_url: str | None = None,
    staff_always_available: bool = False,
) -> Assistant:
    """The embedded brain on `database_url`, or, given `rasa_url`, the Rasa server there.

    Pre-review files are kept in `uploads` (a new temporary folder when not given); appointments
    and opening hours take the time from `clock`; live frames go through Redis at `redis_url`;
    chats go to staff in opening hours only, unless `staff_always_available`."""
    engine = make_engine(database_url)
    desk_settings = desk_settings or DeskSettings()
    folder = uploads or Path(tempfile.mkdtemp(prefix="onewindow-uploads-"))
    reader = DocumentReader(desk_settings.limits)
    desk = PrereviewDesk(knowledge.catalogue, CaseStore(engine), folder, reader, desk_settings)
    book = AppointmentBook(knowledge.catalogue, AppointmentRecords(engine), booking_rules, clock)
    handoff = HandoffDesk(
        knowledge.catalogue, HandoffRecords(engine), Relay(redis_url), clock, staff_always_available
    )
    executor = build_executor(knowledge, desk, book, handoff)
    center = knowledge.catalogue.center
    brain: Brain
    if rasa_url:
        brain = RasaBrain(rasa_url)
    else:
        brain = EmbeddedBrain(load_definition(), parser, executor, TrackerStore(engine), center.timezone)
    gateway = Gateway(brain, desk, handoff, center.phone)
    return Assistant(gateway, executor, desk, book, handoff, Outbox(engine), ReplyFiles(desk, book))
