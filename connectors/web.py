"""The web chat channel: a WebSocket per open page, `GET /ws/chat?session=<token>`.

The server hands the page a secret session token, which the page keeps so that a reload or a
dropped connection finds the same chat: on connect the server sends the token (a new one when the
page had none, or one past the chat retention period) and the transcript so far. Frames from the page:
`{"type": "message", "id": "...", "text": "...", "payload"?: "/intent{...}", "lang"?: "zh"|"en"}`
(a button click sends its payload, its title as text and the page's language). Frames to the
page: `session`, `history`, `typing`, `bot` (text and buttons), `done` (with the message id),
`progress` (pages read of uploaded files) and `error` (with a reason). Files go by
`POST /api/chat/upload` (multipart), their replies come over the socket too.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from typing import Any, Literal

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field, ValidationError

from bot.gateway import MAX_MESSAGE_CHARS, Gateway, InboundMessage, bot_frame
from bot.throttle import Throttled
from connectors.clients import client_address

router = APIRouter(tags=["channels"])
MAX_FRAME_CHARS = 8192  # a line of text and a button's payload; anything bigger is not a chat
_TITLE_CHARS = 200


class PageMessage(BaseModel):
    type: Literal["message"]
    id: str = Field(default_factory=lambda: uuid.uuid4().hex, max_length=64)
    text: str = Field(default="", max_length=2 * MAX_MESSAGE_CHARS)  # the gateway words "too long"
    payload: str | None = Field(default=None, max_length=1000)
    lang: Literal["zh", "en"] | None = None


def _inbound(sender: str, message: PageMessage, client: str) -> InboundMessage:
    metadata: dict[str, Any] = {"message_id": message.id}
    if message.payload:  # a button keeps the page's language; typed text speaks for itself
        metadata |= {"title": message.text[:_TITLE_CHARS], "lang": message.lang}
        return InboundMessage("web", sender, message.payload, metadata, client=client)
    return InboundMessage("web", sender, message.text, metadata, client=client)


@router.websocket("/ws/chat")
async def chat_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    sessions = websocket.app.state.web_sessions
    session, chat = await asyncio.to_thread(sessions.resume, websocket.query_params.get("session"))
    # A page that drops mid-reply loses nothing: the replies are in the tracker and come back with
    # the history when it reconnects.
    with contextlib.suppress(WebSocketDisconnect):
        await _converse(websocket, f"web-{chat}", session)


async def _converse(websocket: WebSocket, sender: str, session: str) -> None:
    gateway = websocket.app.state.gateway
    with gateway.listening(sender, websocket.send_json):  # staff decisions, upload progress
        await _exchange(websocket, gateway, sender, session)


async def _exchange(websocket: WebSocket, gateway: Gateway, sender: str, session: str) -> None:
    await websocket.send_json({"type": "session", "id": session})
    await websocket.send_json({"type": "history", "messages": await gateway.transcript(sender)})
    client = client_address(websocket)
    while True:
        frame = await websocket.receive()
        if frame["type"] == "websocket.disconnect":
            return
        message = await _read(websocket, frame.get("text") or "")
        if message is None:
            continue
        if message.payload or message.text.strip():
            try:
                await websocket.app.state.throttle.hit("message", client)
            except Throttled as throttled:
                text = f"too many messages: wait {throttled.retry_after} seconds"
                await websocket.send_json(
                    {"type": "error", "text": text, "retry_after": throttled.retry_after}
                )
                continue
            await websocket.send_json({"type": "typing", "on": True})
            for reply in await gateway.reply(_inbound(sender, message, client)):
                await websocket.send_json(bot_frame(reply))
        await websocket.send_json({"type": "done", "id": message.id})


async def _read(websocket: WebSocket, text: str) -> PageMessage | None:
    """The page's message, or None after telling the page why a frame was ignored."""
    try:
        if len(text) > MAX_FRAME_CHARS:
            raise ValueError(f"a frame is at most {MAX_FRAME_CHARS} characters")
        return PageMessage.model_validate(json.loads(text))
    except (ValueError, RecursionError) as error:  # JSONDecodeError and ValidationError are ValueErrors
        reason = error.errors()[0]["msg"] if isinstance(error, ValidationError) else str(error)
        reason = "not JSON text" if isinstance(error, json.JSONDecodeError) else reason
        await websocket.send_json({"type": "error", "text": f"ignored a malformed frame: {reason}"})
        return None
