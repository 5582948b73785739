"""`POST /model/parse`: Rasa's NLU parse endpoint, answered by the embedded understanding."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

router = APIRouter(tags=["nlu"])


class ParseRequest(BaseModel):
    text: str = Field(max_length=5000)
    message_id: str | None = None


@router.post("/model/parse")
async def parse(request: Request, body: ParseRequest) -> dict[str, object]:
    center = request.app.state.knowledge.catalogue.center
    now = dt.datetime.now(ZoneInfo(center.timezone))
    result = await run_in_threadpool(request.app.state.parser.parse, body.text, now)
    return {**result, "message_id": body.message_id} if body.message_id else result
