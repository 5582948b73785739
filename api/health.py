"""Liveness and metrics endpoints."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import Response

from api import metrics
from api.staff_auth import staff

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
def prometheus(request: Request) -> Response:
    """For staff (a staff API token suits Prometheus' `authorization`), or anyone with
    ONEWINDOW_PUBLIC_METRICS=true."""
    if not request.app.state.settings.public_metrics:
        try:
            staff(request)
        except HTTPException:
            raise HTTPException(
                401,
                "the metrics are for staff: send a staff API token, or set ONEWINDOW_PUBLIC_METRICS=true",
                headers={"WWW-Authenticate": "Bearer"},
            ) from None
    return metrics.render()
