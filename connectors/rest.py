"""The Rasa REST channel: `POST /webhooks/rest/webhook`, exactly as a Rasa server answers it.

The channel owns its chats: the server prefixes the sender with `rest-`, so a REST client reaches
no web or Telegram chat whatever `sender` it sends. With `ONEWINDOW_REST_TOKEN` set, the channel
wants it as `Authorization: Bearer …` (a hall whose app, not the public, talks over REST).
"""

from __future__ import annotations

import json
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field, StringConstraints, ValidationError

from bot.gateway import InboundMessage
from bot.throttle import Throttle
from connectors.clients import client_address

router = APIRouter(tags=["channels"])

Key = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Value = Annotated[str, StringConstraints(max_length=500)] | int | float | bool | None


class RestMessage(BaseModel):
    sender: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    message: str
    metadata: dict[Key, Value] = Field(default_factory=dict, max_length=20)


def _authorised(request: Request) -> None:
    token = request.app.state.settings.rest_token
    given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if token and not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "this channel needs its token: Authorization: Bearer …")


@router.post("/webhooks/rest/webhook")
async def rest_webhook(request: Request) -> list[dict[str, Any]]:
    _authorised(request)
    throttle: Throttle = request.app.state.throttle
    await throttle.hit("message", client_address(request))
    try:
        body = RestMessage.model_validate(json.loads(await request.body()))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HTTPException(400, f"the body must be UTF-8 JSON: {error}") from None
    except ValidationError as error:
        place = ".".join(str(part) for part in error.errors()[0]["loc"]) or "body"
        raise HTTPException(
            400,
            f'{place}: {error.errors()[0]["msg"]} (expected {{"sender": "...", "message": "...", '
            '"metadata": {...}}: a sender of at most 128 characters, up to 20 metadata keys of plain values)',
        ) from None
    inbound = InboundMessage(
        "rest", f"rest-{body.sender}", body.message, dict(body.metadata), client=client_address(request)
    )
    replies = await request.app.state.gateway.reply(inbound)
    return [{"recipient_id": body.sender, **{k: v for k, v in r.items() if v}} for r in replies]
