"""Prometheus metrics: request counts and latencies by route."""

from __future__ import annotations

import time

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REGISTRY = CollectorRegistry()
REQUESTS = Counter("onewindow_http_requests", "HTTP requests", ["route", "status"], registry=REGISTRY)
LATENCY = Histogram("onewindow_http_seconds", "HTTP request latency", ["route"], registry=REGISTRY)
SEARCHES = Counter("onewindow_searches", "Catalogue searches", ["out_of_scope"], registry=REGISTRY)


class MetricsMiddleware:
    """Counts HTTP requests and their latency by route (plain ASGI: starlette's BaseHTTPMiddleware
    costs a task group per request)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            name = getattr(scope.get("route"), "path", "unmatched")  # the router sets the route
            REQUESTS.labels(name, str(status)).inc()
            LATENCY.labels(name).observe(time.perf_counter() - started)


def render() -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
