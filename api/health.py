"""Liveness and metrics endpoints."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from api import metrics

router = APIRouter()


@router.get("/health")
def health(request: Request) -> dict[str, object]:
    knowledge = request.app.state.knowledge
    return {
        "status": "ok",
        "catalogue": {"center": knowledge.catalogue.center.id, "items": len(knowledge.catalogue.items)},
        "embedding_model": knowledge.index.embedder.model_name if knowledge.index.embedder else None,
    }


@router.get("/metrics")
def prometheus() -> Response:
    return metrics.render()
