"""Builds the FastAPI application around a ready knowledge base."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api import (
    action_routes,
    catalogue_pages,
    catalogue_routes,
    chat_page,
    health,
    parse_routes,
    prereview_routes,
)
from api.metrics import MetricsMiddleware
from bot.assistant import build_assistant
from bot.prereview.desk import PrereviewDesk
from connectors import rest, web
from knowledge.base import KnowledgeBase
from nlu.parser import Parser
from onewindow.settings import Settings

_STATIC = Path(__file__).parent / "static"
PURGE_INTERVAL_SECONDS = 3600
log = logging.getLogger(__name__)


async def purge_every(desk: PrereviewDesk, seconds: float) -> None:
    """The retention job: pre-review cases past the retention period go, files and reports."""
    while True:
        try:
            await asyncio.to_thread(desk.purge)
        except Exception:  # a database hiccup must not end the job; the next round tries again
            log.exception("purging old pre-review cases failed")
        await asyncio.sleep(seconds)


def create_app(knowledge: KnowledgeBase, parser: Parser, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        purging = asyncio.create_task(purge_every(app.state.desk, PURGE_INTERVAL_SECONDS))
        try:
            yield
        finally:
            purging.cancel()
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
    )
    app.state.executor = assistant.executor
    app.state.gateway = assistant.gateway
    app.state.desk = assistant.desk
    app.add_middleware(MetricsMiddleware)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    app.include_router(health.router)
    app.include_router(catalogue_routes.router)
    app.include_router(catalogue_pages.router)
    app.include_router(parse_routes.router)
    app.include_router(action_routes.router)
    app.include_router(prereview_routes.router)
    app.include_router(rest.router)
    app.include_router(web.router)
    app.include_router(chat_page.router)
    return app
