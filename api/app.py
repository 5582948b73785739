"""Builds the FastAPI application around a ready knowledge base."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api import (
    action_routes,
    appointment_routes,
    catalogue_pages,
    catalogue_routes,
    chat_page,
    health,
    parse_routes,
    prereview_routes,
    staff_routes,
    stats_page,
)
from api.metrics import MetricsMiddleware
from api.staff_accounts import StaffAccounts
from bot.appointments.book import AppointmentBook, Clock, system_clock
from bot.appointments.wording import reminder
from bot.assistant import Assistant, build_assistant
from bot.gateway import Gateway
from bot.handoff.desk import HandoffDesk
from bot.outbox import Outbox
from bot.prereview.desk import PrereviewDesk
from connectors import rest, telegram, web
from connectors.telegram_records import TelegramRecords
from knowledge.base import KnowledgeBase
from nlu.parser import Parser
from onewindow.settings import Settings

_STATIC = Path(__file__).parent / "static"
TIDY_INTERVAL_SECONDS = 3600
SENT_KEPT_SECONDS = 86400  # sent Telegram messages, kept a day for a look when something went wrong
log = logging.getLogger(__name__)


async def every(seconds: float, job: Callable[[], Awaitable[None]], what: str) -> None:
    """Run a background job now and then every `seconds`; a failure is logged and tried again."""
    while True:
        try:
            await job()
        except Exception:  # a database hiccup must not end the job; the next round tries again
            log.exception("%s failed", what)
        await asyncio.sleep(seconds)


async def send_reminders(book: AppointmentBook, gateway: Gateway) -> None:
    """The day-before and hour-before reminders now due, each sent once, in the booking's chat."""
    for booking, kind in await asyncio.to_thread(book.due_reminders):
        if not booking.sender_id or not await asyncio.to_thread(book.claim_reminder, booking, kind):
            continue
        try:
            await gateway.notify(booking.sender_id, [{"text": reminder(booking, book.catalogue, kind)}])
        except Exception:  # the brain unreachable, say: the next round tries this one again
            log.exception("a reminder could not be sent; it will be tried again")
            await asyncio.to_thread(book.unclaim_reminder, booking, kind)


async def tidy(
    desk: PrereviewDesk,
    book: AppointmentBook,
    handoff: HandoffDesk,
    outbox: Outbox,
    channel: telegram.TelegramConnector | None,
    handoff_days: int,
) -> None:
    """Retention: old pre-review cases go, files and reports; old bookings and staff chats forget
    their people; sent messages go after a day."""
    await asyncio.to_thread(desk.purge)
    await asyncio.to_thread(outbox.forget, SENT_KEPT_SECONDS)
    if channel is not None:
        await asyncio.to_thread(channel.records.forget, *telegram.KEPT_SECONDS)
    await asyncio.to_thread(book.tidy)
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=handoff_days)
    await asyncio.to_thread(handoff.records.forget_before, cutoff)
    await asyncio.to_thread(handoff.records.end_stale_forms, dt.datetime.now(dt.UTC) - dt.timedelta(days=1))


def create_app(
    knowledge: KnowledgeBase, parser: Parser, settings: Settings | None = None, clock: Clock = system_clock
) -> FastAPI:
    """The application; `clock` is the appointments' time (a test moves it to see reminders)."""
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = app.state
        await state.handoff.relay.start()
        retention = settings.handoff_retention_days
        jobs = [
            asyncio.create_task(
                every(
                    TIDY_INTERVAL_SECONDS,
                    lambda: tidy(
                        state.desk, state.book, state.handoff, state.outbox, state.telegram, retention
                    ),
                    "tidying",
                )
            ),
            asyncio.create_task(
                every(
                    settings.reminder_check_seconds,
                    lambda: send_reminders(state.book, state.gateway),
                    "reminders",
                )
            ),
        ]
        if state.telegram is not None:
            await state.telegram.start()
        try:
            yield
        finally:
            try:
                if state.telegram is not None:
                    await state.telegram.stop()
            finally:  # the rest stops even if Telegram could not be left cleanly
                for job in jobs:
                    job.cancel()
                await state.handoff.relay.stop()
                app.state.desk.reader.close()

    app = FastAPI(title="OneWindow 一窗通", version="0.1.0", lifespan=lifespan)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app.state.knowledge = knowledge
    app.state.parser = parser
    app.state.settings = settings
    rasa_url = settings.rasa_url if settings.brain == "rasa" else None
    assistant = build_assistant(
        knowledge,
        parser,
        settings.sqlalchemy_url,
        rasa_url,
        uploads=settings.data_dir / "uploads",
        desk_settings=settings.desk,
        booking_rules=settings.booking_rules,
        clock=clock,
        redis_url=settings.redis_url,
        staff_always_available=settings.handoff_hours == "always",
    )
    app.state.executor = assistant.executor
    app.state.gateway = assistant.gateway
    app.state.desk = assistant.desk
    app.state.book = assistant.book
    app.state.handoff = assistant.handoff
    app.state.outbox = assistant.outbox
    app.state.telegram = _telegram(settings, assistant) if settings.telegram_token else None
    app.state.accounts = StaffAccounts(assistant.handoff.records.engine, settings.staff_session_hours)
    app.add_middleware(MetricsMiddleware)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    app.include_router(health.router)
    app.include_router(catalogue_routes.router)
    app.include_router(catalogue_pages.router)
    app.include_router(parse_routes.router)
    app.include_router(action_routes.router)
    app.include_router(prereview_routes.router)
    app.include_router(appointment_routes.router)
    app.include_router(rest.router)
    app.include_router(web.router)
    app.include_router(telegram.router)
    app.include_router(chat_page.router)
    app.include_router(staff_routes.router)
    app.include_router(stats_page.router)
    return app


def _telegram(settings: Settings, assistant: Assistant) -> telegram.TelegramConnector:
    channel = telegram.TelegramSettings(
        token=settings.telegram_token or "",
        api_url=settings.telegram_api_url,
        webhook_url=settings.telegram_webhook_url,
        max_file_bytes=settings.upload_max_file_mb * 2**20,
        phone=assistant.gateway.phone,
    )
    records = TelegramRecords(assistant.outbox.engine)
    return telegram.TelegramConnector(channel, assistant.gateway, assistant.outbox, records, assistant.files)
