"""What every HTTP request and response passes: bounded bodies, and the browser's security headers.

Plain ASGI middleware (starlette's BaseHTTPMiddleware costs a task group per request)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

JSON_BYTES = 64 * 1024
MAX_JSON_DEPTH = 32
# Pages satisfy this: scripts and styles come from /static only, nothing runs inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class _TooLarge(Exception):
    pass


def _too_deep(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return False


def _nested_too_deeply(body: bytes) -> bool:
    """Whether a JSON body nests deeper than the routes should ever see (what is not JSON is left to
    the route to refuse)."""
    if body.lstrip()[:1] not in (b"{", b"["):
        return False
    try:
        return _too_deep(json.loads(body))
    except RecursionError:
        return True
    except ValueError:
        return False


class BodyLimits:
    """Request bodies are bounded before they are read: 64 KB for JSON and anything else, the upload
    limits for multipart (and more for paths in `larger`); JSON nested too deeply gets a 400."""

    def __init__(self, app: ASGIApp, multipart_bytes: int, larger: dict[str, int] | None = None):
        self.app = app
        self.multipart_bytes = multipart_bytes
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        multipart = headers.get("content-type", "").startswith("multipart/form-data")
        limit = self.multipart_bytes if multipart else self.larger.get(scope["path"], JSON_BYTES)
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _refuse(413, _too_large(limit), scope, receive, send)
        elif multipart:
            await self._streamed(limit, scope, receive, send)
        else:
            await self._buffered(limit, scope, receive, send)

    async def _streamed(self, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        """A multipart body is counted as the route reads it; one byte over ends the request."""
        seen, started = 0, False

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _TooLarge
            return message

        async def noting(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting, noting)
        except _TooLarge:
            if not started:
                await _refuse(413, _too_large(limit), scope, receive, send)

    async def _buffered(self, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        """Any other body is read here first (it is small), checked, then handed on."""
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                await _refuse(413, _too_large(limit), scope, receive, send)
                return
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        if _nested_too_deeply(body):
            detail = f"the JSON is nested too deeply (at most {MAX_JSON_DEPTH} levels)"
            await _refuse(400, detail, scope, receive, send)
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def _too_large(limit: int) -> str:
    size = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 1024} KB"
    return f"the request body is too large: at most {size}"


async def _refuse(status: int, detail: str, scope: Scope, receive: Receive, send: Send) -> None:
    await JSONResponse({"detail": detail}, status_code=status, headers={"Connection": "close"})(
        scope, receive, send
    )


class SecurityHeaders:
    """Every response gets a strict CSP, no framing, nosniff and a same-origin referrer policy, unless
    it set its own (a staff download's sandbox) or its path is exempt (API docs, when enabled)."""

    def __init__(self, app: ASGIApp, exempt: Iterable[str] = ()):
        self.app = app
        self.exempt = tuple(exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self.exempt and scope["path"].startswith(self.exempt)):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)
