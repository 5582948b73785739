"""A web chat page as the server sees it, for tests: a session of its own, messages over the
WebSocket, files over `/api/chat/upload`, and the history a reconnecting page gets."""

from __future__ import annotations

import json
from typing import Any

import httpx
from websockets.sync.client import ClientConnection, connect


class WebChat:
    def __init__(self, url: str, session: str = "", headers: dict[str, str] | None = None):
        self.url = url
        self.session = session
        self.headers = headers or {}  # X-Forwarded-For: a client of its own address
        with self._socket() as socket:
            self.first_history = self._greeting(socket)

    def _socket(self) -> ClientConnection:
        url = f"{self.url.replace('http', 'ws', 1)}/ws/chat?session={self.session}"
        return connect(url, max_size=2**24, additional_headers=self.headers)

    def _greeting(self, socket: ClientConnection) -> list[dict[str, Any]]:
        hello, history = json.loads(socket.recv(timeout=60)), json.loads(socket.recv(timeout=60))
        assert hello["type"] == "session" and history["type"] == "history"
        self.session = hello["id"]
        return history["messages"]

    def say(self, text: str, payload: str | None = None, lang: str | None = None) -> list[dict[str, Any]]:
        """Send a message (or press a button: its payload, its title as `text`); the bot's replies."""
        return [f for f in self.frames(text, payload, lang) if f["type"] == "bot"]

    def frames(self, text: str, payload: str | None = None, lang: str | None = None) -> list[dict[str, Any]]:
        """Every frame of one turn, up to its `done` (or an `error`)."""
        message: dict[str, Any] = {"type": "message", "id": f"t{id(text)}", "text": text}
        message |= {"payload": payload} if payload else {}
        message |= {"lang": lang} if lang else {}
        return self.send_raw(json.dumps(message))

    def send_raw(self, frame: str | bytes) -> list[dict[str, Any]]:
        with self._socket() as socket:
            self._greeting(socket)
            socket.send(frame)
            frames = []
            while True:
                frames.append(json.loads(socket.recv(timeout=120)))
                if frames[-1]["type"] in ("done", "error"):
                    return frames

    def press(self, replies: list[dict[str, Any]], title: str) -> list[dict[str, Any]]:
        """Press the first button whose title contains `title`."""
        button = next(b for r in replies for b in r.get("buttons") or [] if title in b["title"])
        return self.say(button["title"], button["payload"])

    def upload(self, files: list[tuple[str, bytes]]) -> httpx.Response:
        return httpx.post(
            f"{self.url}/api/chat/upload",
            data={"session": self.session},
            files=[("files", (name, data)) for name, data in files],
            headers=self.headers,
            timeout=180,
        )

    def history(self) -> list[dict[str, Any]]:
        with self._socket() as socket:
            return self._greeting(socket)
