"""Who is on the other end of an HTTP request or a WebSocket, as far as rate limits are concerned."""

from __future__ import annotations

from starlette.requests import HTTPConnection


def client_address(connection: HTTPConnection) -> str:
    """The client's address: behind a proxy that uvicorn trusts (FORWARDED_ALLOW_IPS, loopback by
    default), the address the proxy names in X-Forwarded-For."""
    return connection.client.host if connection.client else "unknown"
