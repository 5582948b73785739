"""Builds the FastAPI application around a ready knowledge base."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from api import action_routes, catalogue_pages, catalogue_routes, health, parse_routes
from api.metrics import MetricsMiddleware
from bot.actions import build_executor
from bot.definition import load_definition
from bot.engine import EmbeddedBrain
from bot.gateway import Gateway
from bot.store import TrackerStore, make_engine
from connectors import rest
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
    app.state.executor = build_executor(knowledge)
    store = TrackerStore(make_engine(settings.sqlalchemy_url))
    brain = EmbeddedBrain(
        load_definition(), parser, app.state.executor, store, knowledge.catalogue.center.timezone
    )
    app.state.gateway = Gateway(brain)
    app.add_middleware(MetricsMiddleware)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    app.include_router(health.router)
    app.include_router(catalogue_routes.router)
    app.include_router(catalogue_pages.router)
    app.include_router(parse_routes.router)
    app.include_router(action_routes.router)
    app.include_router(rest.router)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/catalogue")

    return app
