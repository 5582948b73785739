"""Builds the FastAPI application around a ready knowledge base."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import State

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
from api.guards import BodyLimits, SecurityHeaders
from api.metrics import MetricsMiddleware
from api.staff_accounts import StaffAccounts
from bot.appointments.book import AppointmentBook, Clock, system_clock
from bot.appointments.wording import reminder
from bot.assistant import Assistant, build_assistant
from bot.gateway import Gateway
from bot.throttle import Throttled
from connectors import rest, telegram, web
from connectors.telegram_records import TelegramRecords
from connectors.web_sessions import WebSessions
from knowledge.base import KnowledgeBase
from nlu.parser import Parser
from onewindow.settings import Settings

_STATIC = Path(__file__).parent / "static"
TIDY_INTERVAL_SECONDS = 3600
SENT_KEPT_SECONDS = 86400  # sent Telegram messages, kept a day for a look when something went wrong
TELEGRAM_UPDATE_BYTES = 2**20  # a Telegram update may quote another message: more than plain JSON
TRACKER_BYTES = 32 * 2**20  # Rasa sends the action endpoint a chat's whole tracker
DOCS = ("/docs", "/openapi.json")
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


async def tidy(state: State, settings: Settings) -> None:
    """Retention: old pre-review cases go, files and reports; chats' messages and unused web chat
    sessions go; old bookings and staff chats forget their people; sent messages go after a day."""
    now = dt.datetime.now(dt.UTC)
    await asyncio.to_thread(state.desk.purge)
    await asyncio.to_thread(state.outbox.forget, SENT_KEPT_SECONDS)
    if state.telegram is not None:
        await asyncio.to_thread(state.telegram.records.forget, *telegram.KEPT_SECONDS)
    chats = now - dt.timedelta(days=settings.chat_retention_days)
    await asyncio.to_thread(state.tracker_store.forget_before, chats)
    await asyncio.to_thread(state.web_sessions.forget_before, chats)
    await asyncio.to_thread(state.book.tidy)
    handoffs = now - dt.timedelta(days=settings.handoff_retention_days)
    await asyncio.to_thread(state.handoff.records.forget_before, handoffs)
    await asyncio.to_thread(state.handoff.records.end_stale_forms, now - dt.timedelta(days=1))


def create_app(
    knowledge: KnowledgeBase, parser: Parser, settings: Settings | None = None, clock: Clock = system_clock
) -> FastAPI:
    """The application; `clock` is the appointments' time (a test moves it to see reminders)."""
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = app.state
        await state.handoff.relay.start()
        jobs = [
            asyncio.create_task(every(TIDY_INTERVAL_SECONDS, lambda: tidy(state, settings), "tidying")),
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

    docs = settings.api_docs  # the API's description is for developers, not for the public
    app = FastAPI(
        title="OneWindow 一窗通",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=DOCS[0] if docs else None,
        redoc_url=None,
        openapi_url=DOCS[1] if docs else None,
    )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app.state.knowledge = knowledge
    app.state.parser = parser
    app.state.settings = settings
    rasa = settings.brain == "rasa"
    app.state.action_token = settings.kept_secret("action_token") if rasa else None
    assistant = build_assistant(
        knowledge,
        parser,
        settings.sqlalchemy_url,
        settings.rasa_url if rasa else None,
        uploads=settings.data_dir / "uploads",
        desk_settings=settings.desk,
        booking_rules=settings.booking_rules,
        clock=clock,
        redis_url=settings.redis_url,
        staff_always_available=settings.handoff_hours == "always",
        secret=settings.kept_secret("secret_key"),
        rasa_token=app.state.action_token,
        rate_limits=settings.rate_limits,
    )
    app.state.executor = assistant.executor
    app.state.gateway = assistant.gateway
    app.state.desk = assistant.desk
    app.state.book = assistant.book
    app.state.handoff = assistant.handoff
    app.state.outbox = assistant.outbox
    app.state.throttle = assistant.throttle
    app.state.pseudonyms = assistant.pseudonyms
    app.state.tracker_store = assistant.tracker_store
    app.state.web_sessions = WebSessions(
        assistant.outbox.engine, dt.timedelta(days=settings.chat_retention_days)
    )
    app.state.telegram = _telegram(settings, assistant) if settings.telegram_token else None
    app.state.accounts = StaffAccounts(assistant.handoff.records.engine, settings.staff_session_hours)
    multipart = settings.desk.max_case_bytes + 2**20  # the files and their part headers
    larger = {telegram.WEBHOOK_PATH: TELEGRAM_UPDATE_BYTES} | ({"/webhook": TRACKER_BYTES} if rasa else {})
    app.add_middleware(BodyLimits, multipart_bytes=multipart, larger=larger)
    app.add_middleware(SecurityHeaders, exempt=DOCS if docs else ())
    app.add_middleware(MetricsMiddleware)
    app.add_exception_handler(Throttled, _too_many)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    app.include_router(health.router)
    app.include_router(catalogue_routes.router)
    app.include_router(catalogue_pages.router)
    app.include_router(parse_routes.router)
    if rasa:  # only a Rasa server calls the actions; with the embedded brain nothing does
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


async def _too_many(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, Throttled)
    detail = f"too many requests: try again in {error.retry_after} seconds"
    return JSONResponse({"detail": detail}, status_code=429, headers={"Retry-After": str(error.retry_after)})


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
