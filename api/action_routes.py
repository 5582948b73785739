"""`POST /webhook`: the Rasa action server endpoint, so a Rasa server runs the same actions.

Served only with the Rasa brain, and only to a caller with the action token (`?token=`, as Rasa's
`action_endpoint` sends it): the tracker in the request is believed, so the public must not write it.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

router = APIRouter(tags=["actions"])


def _check_token(request: Request) -> None:
    given = request.query_params.get("token", "")
    if not secrets.compare_digest(given.encode(), request.app.state.action_token.encode()):
        raise HTTPException(
            401, "the action endpoint is for OneWindow's Rasa server: its endpoints.yml sends the token"
        )


@router.post("/webhook")
async def run_action(request: Request, call: dict[str, Any]) -> Any:
    _check_token(request)
    try:
        result = await request.app.state.executor.run(call)
    except ActionNotFoundException as error:
        return JSONResponse({"error": str(error), "action_name": error.action_name}, status_code=404)
    except ActionExecutionRejection as error:
        return JSONResponse({"error": error.message, "action_name": error.action_name}, status_code=400)
    if result is None:
        return JSONResponse({"error": "no next_action in the request"}, status_code=400)
    return result.model_dump() if hasattr(result, "model_dump") else result
