"""The assistant assembled: actions, tracker store, embedded brain and the gateway in front of them."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Mapping
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
from bot.privacy import Pseudonyms
from bot.rasa_brain import RasaBrain
from bot.reply_files import ReplyFiles
from bot.store import TrackerStore, make_engine
from bot.throttle import Throttle
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
    throttle: Throttle  # the rate limits, shared by the actions and the HTTP endpoints
    pseudonyms: Pseudonyms
    tracker_store: TrackerStore


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
    secret: str | None = None,
    rasa_token: str | None = None,
    rate_limits: Mapping[str, str] | None = None,
) -> Assistant:
    """The embedded brain on `database_url`, or, given `rasa_url`, the Rasa server there (which
    wants `rasa_token`, if it was started with one).

    Pre-review files are kept in `uploads` (a new temporary folder when not given); appointments
    and opening hours take the time from `clock`; live frames and rate limits go through Redis at
    `redis_url`; chats go to staff in opening hours only, unless `staff_always_available`; chat
    references and pseudonyms are signed with `secret` (a new one when not given)."""
    engine = make_engine(database_url)
    secret = secret or secrets.token_urlsafe(32)
    pseudonyms = Pseudonyms(secret)
    throttle = Throttle(pseudonyms, redis_url, rate_limits)
    desk_settings = desk_settings or DeskSettings()
    folder = uploads or Path(tempfile.mkdtemp(prefix="onewindow-uploads-"))
    reader = DocumentReader(desk_settings.limits)
    desk = PrereviewDesk(knowledge.catalogue, CaseStore(engine), folder, reader, desk_settings, secret=secret)
    book = AppointmentBook(knowledge.catalogue, AppointmentRecords(engine), booking_rules, clock)
    handoff = HandoffDesk(
        knowledge.catalogue, HandoffRecords(engine), Relay(redis_url), clock, staff_always_available
    )
    executor = build_executor(knowledge, desk, book, handoff, throttle)
    center = knowledge.catalogue.center
    tracker_store = TrackerStore(engine)
    brain: Brain
    if rasa_url:
        brain = RasaBrain(rasa_url, rasa_token)
    else:
        brain = EmbeddedBrain(load_definition(), parser, executor, tracker_store, center.timezone)
    gateway = Gateway(brain, desk, handoff, pseudonyms, center.phone)
    files = ReplyFiles(desk, book)
    return Assistant(
        gateway, executor, desk, book, handoff, Outbox(engine), files, throttle, pseudonyms, tracker_store
    )
