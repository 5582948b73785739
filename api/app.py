"""Builds the FastAPI application around a ready knowledge base."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from api import catalogue_pages, catalogue_routes, health, parse_routes
from api.metrics import MetricsMiddleware
from knowledge.base import KnowledgeBase
from nlu.parser import Parser
from onewindow.settings import Settings

_STATIC = Path(__file__).parent / "static"


def create_app(knowledge: KnowledgeBase, parser: Parser, settings: Settings | None = None) -> FastAPI:
    app = FastAPI(title="OneWindow 一窗通", version="0.1.0")
    app.state.knowledge = knowledge
    app.state.parser = parser
    app.state.settings = settings or Settings()
    app.add_middleware(MetricsMiddleware)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    app.include_router(health.router)
    app.include_router(catalogue_routes.router)
    app.include_router(catalogue_pages.router)
    app.include_router(parse_routes.router)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/catalogue")

    return app
