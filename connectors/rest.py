"""The Rasa REST channel: `POST /webhooks/rest/webhook`, exactly as a Rasa server answers it."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request

from bot.gateway import InboundMessage

router = APIRouter(tags=["channels"])


@router.post("/webhooks/rest/webhook")
async def rest_webhook(request: Request) -> list[dict[str, Any]]:
    raw = await request.body()
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HTTPException(400, f"the body must be UTF-8 JSON: {error}") from None
    if not isinstance(body, dict):
        raise HTTPException(400, 'expected {"sender": "...", "message": "...", "metadata": {...}}')
    sender, message, metadata = body.get("sender"), body.get("message"), body.get("metadata") or {}
    if not isinstance(message, str) or not isinstance(metadata, dict):
        raise HTTPException(400, '"message" must be a string and "metadata" an object')
    if not isinstance(sender, str) or not sender or len(sender) > 255:
        raise HTTPException(400, '"sender" must be a non-empty string of at most 255 characters')
    replies = await request.app.state.gateway.reply(InboundMessage("rest", sender, message, metadata))
    return [{"recipient_id": sender, **{k: v for k, v in r.items() if v}} for r in replies]
