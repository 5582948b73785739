"""Builds the FastAPI application around a ready knowledge base."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api import action_routes, catalogue_pages, catalogue_routes, chat_page, health, parse_routes
from api.metrics import MetricsMiddleware
from bot.assistant import build_assistant
from connectors import rest, web
from knowledge.base import KnowledgeBase
from nlu.parser import Parser
from onewindow.settings import Settings

_STATIC = Path(__file__).parent / "static"


def create_app(knowledge: KnowledgeBase, parser: Parser, settings: Settings | None = None) -> FastAPI:
    app = FastAPI(title="OneWindow 一窗通", version="0.1.0")
    settings = settings or Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app.state.knowledge = knowledge
    app.state.parser = parser
    app.state.settings = settings
    rasa_url = settings.rasa_url if settings.brain == "rasa" else None
    assistant = build_assistant(knowledge, parser, settings.sqlalchemy_url, rasa_url)
    app.state.executor = assistant.executor
    app.state.gateway = assistant.gateway
    app.add_middleware(MetricsMiddleware)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    app.include_router(health.router)
    app.include_router(catalogue_routes.router)
    app.include_router(catalogue_pages.router)
    app.include_router(parse_routes.router)
    app.include_router(action_routes.router)
    app.include_router(rest.router)
    app.include_router(web.router)
    app.include_router(chat_page.router)
    return app
