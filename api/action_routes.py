"""`POST /webhook`: the Rasa action server endpoint, so a Rasa server runs the same actions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

router = APIRouter(tags=["actions"])


@router.post("/webhook")
async def run_action(request: Request, call: dict[str, Any]) -> Any:
    try:
        result = await request.app.state.executor.run(call)
    except ActionNotFoundException as error:
        return JSONResponse({"error": str(error), "action_name": error.action_name}, status_code=404)
    except ActionExecutionRejection as error:
        return JSONResponse({"error": error.message, "action_name": error.action_name}, status_code=400)
    if result is None:
        return JSONResponse({"error": "no next_action in the request"}, status_code=400)
    return result.model_dump() if hasattr(result, "model_dump") else result
