"""The web chat channel: a WebSocket per open page, `GET /ws/chat?session=<uuid>`.

The page keeps a random session id, so a reload or a dropped connection finds the same chat: on
connect the server sends the session id and the transcript so far. Frames from the page:
`{"type": "message", "id": "...", "text": "...", "payload"?: "/intent{...}", "lang"?: "zh"|"en"}`
(a button click sends its payload, its title as text and the page's language). Frames to the
page: `session`, `history`, `typing`, `bot` (text and buttons), `done` (with the message id),
`progress` (pages read of uploaded files) and `error` (with a reason). Files go by
`POST /api/chat/upload` (multipart), their replies come over the socket too.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from typing import Any, Literal

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field, ValidationError

from bot.gateway import Gateway, InboundMessage, bot_frame

router = APIRouter(tags=["channels"])


class PageMessage(BaseModel):
    type: Literal["message"]
    id: str = Field(default_factory=lambda: uuid.uuid4().hex, max_length=64)
    text: str = ""
    payload: str | None = None
    lang: Literal["zh", "en"] | None = None


def _session(value: str | None) -> str:
    """The page's session id if it is one of ours (a UUID), otherwise a new one."""
    try:
        return str(uuid.UUID(value or ""))
    except ValueError:
        return str(uuid.uuid4())


def _inbound(sender: str, message: PageMessage) -> InboundMessage:
    metadata: dict[str, Any] = {"message_id": message.id}
    if message.payload:  # a button keeps the page's language; typed text speaks for itself
        metadata |= {"title": message.text, "lang": message.lang}
        return InboundMessage("web", sender, message.payload, metadata)
    return InboundMessage("web", sender, message.text, metadata)


@router.websocket("/ws/chat")
async def chat_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    session = _session(websocket.query_params.get("session"))
    # A page that drops mid-reply loses nothing: the replies are in the tracker and come back with
    # the history when it reconnects.
    with contextlib.suppress(WebSocketDisconnect):
        await _converse(websocket, f"web-{session}", session)


async def _converse(websocket: WebSocket, sender: str, session: str) -> None:
    gateway = websocket.app.state.gateway
    with gateway.listening(sender, websocket.send_json):  # staff decisions, upload progress
        await _exchange(websocket, gateway, sender, session)


async def _exchange(websocket: WebSocket, gateway: Gateway, sender: str, session: str) -> None:
    await websocket.send_json({"type": "session", "id": session})
    await websocket.send_json({"type": "history", "messages": await gateway.transcript(sender)})
    while True:
        frame = await websocket.receive()
        if frame["type"] == "websocket.disconnect":
            return
        try:
            message = PageMessage.model_validate(json.loads(frame.get("text") or ""))
        except (json.JSONDecodeError, ValidationError) as error:
            reason = error.errors()[0]["msg"] if isinstance(error, ValidationError) else "not JSON text"
            await websocket.send_json({"type": "error", "text": f"ignored a malformed frame: {reason}"})
            continue
        if message.payload or message.text.strip():
            await websocket.send_json({"type": "typing", "on": True})
            for reply in await gateway.reply(_inbound(sender, message)):
                await websocket.send_json(bot_frame(reply))
        await websocket.send_json({"type": "done", "id": message.id})
