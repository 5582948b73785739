"""The Rasa brain: a real Rasa server answers through its REST channel; its actions call back to us."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from bot.gateway import BrainUnavailable


class RasaBrain:
    """Relays each message to a Rasa server's REST channel and reads chats from its tracker API."""

    def __init__(self, url: str, token: str | None = None, timeout: float = 30):
        self.url = url.rstrip("/")
        # Rasa's HTTP API (the trackers) takes its --auth-token as a query parameter.
        params = {"token": token} if token else None
        self.client = httpx.AsyncClient(base_url=self.url, timeout=timeout, params=params)

    async def handle(
        self, sender_id: str, text: str, channel: str = "rest", metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        body = {"sender": sender_id, "message": text, "metadata": metadata or {}}
        replies = await self._call("POST", "/webhooks/rest/webhook", json=body)
        messages: list[dict[str, Any]] = []
        for reply in replies:
            message = {k: v for k, v in reply.items() if k != "recipient_id"}
            # Rasa's REST channel sends a message's attachment and custom JSON apart from its text.
            apart = len(message) == 1 and next(iter(message)) in ("attachment", "custom")
            if messages and apart and not message.keys() & messages[-1].keys():
                messages[-1] |= message
            else:
                messages.append(message)
        return messages

    async def tell(self, sender_id: str, messages: list[dict[str, Any]]) -> None:
        events = [
            {"event": "bot", "text": m.get("text"), "data": {k: v for k, v in m.items() if k != "text"}}
            for m in messages
        ]
        path = f"/conversations/{quote(sender_id, safe='')}/tracker/events?include_events=NONE"
        await self._call("POST", path, json=events)

    async def events(self, sender_id: str) -> list[dict[str, Any]]:
        tracker = await self._call("GET", f"/conversations/{quote(sender_id, safe='')}/tracker")
        return tracker.get("events") or []

    async def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = await self.client.request(method, path, **kwargs)
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise BrainUnavailable(f"the Rasa server at {self.url} did not answer: {error!r}") from error
