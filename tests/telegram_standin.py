"""A Telegram Bot API stand-in for the tests, served on loopback: python-telegram-bot talks to it
through `base_url` exactly as to api.telegram.org.

It keeps what Telegram keeps: the bot's pending updates (given out by `getUpdates` until a later
offset confirms them, or POSTed to a webhook with its secret token), the messages the bot sent,
edits, answered button presses and files. The tests play the user (`say`, `press`, `send_file`)
and make trouble (`flood` for 429s with retry_after, `break_next` for 502s, `forget_offset` for
updates sent again as after a lost confirmation).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

TOKEN = "123456789:AAFakeTokenForTheTestsOnly_0123456789ab"
BOT = {"id": 123456789, "is_bot": True, "first_name": "OneWindow", "username": "onewindow_test_bot"}


@dataclass
class Sent:
    method: str
    chat_id: int
    message_id: int
    text: str = ""
    buttons: list[dict[str, str]] = field(default_factory=list)  # {"text", "callback_data"}
    document: tuple[str, bytes] | None = None


class BotApiStandIn:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.updates: list[dict[str, Any]] = []
        self.confirmed = 0  # updates below this id were confirmed by an offset
        self.sent: list[Sent] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.answered: list[dict[str, Any]] = []
        self.edits: list[dict[str, Any]] = []
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, data)
        self.webhook: dict[str, Any] | None = None
        self.floods: dict[str, list[int]] = {}  # method -> retry_after of each refusal to come
        self.broken: dict[str, int] = {}  # method -> 502s to come
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self.app = self._routes()
        self._pusher: threading.Thread | None = None
        self._stop = threading.Event()

    # --- the tests play the user ----------------------------------------------------------------

    def say(self, chat_id: int, text: str, language_code: str = "zh-hans") -> int:
        return self._user_message(chat_id, language_code, {"text": text})

    def send_file(
        self,
        chat_id: int,
        name: str,
        data: bytes,
        *,
        photo: bool = False,
        caption: str | None = None,
        album: str | None = None,
        declared_size: int | None = None,
        gone: bool = False,
        language_code: str = "zh-hans",
    ) -> int:
        """A document (or a photo) from the user; `gone`: Telegram no longer serves the file."""
        file_id = f"file-{uuid.uuid4().hex[:12]}"
        if not gone:
            self.files[file_id] = (f"documents/{file_id}-{name}", data)
        described = {
            "file_id": file_id,
            "file_unique_id": file_id[-8:],
            "file_size": declared_size or len(data),
        }
        content: dict[str, Any] = {}
        if photo:
            content["photo"] = [
                {**described, "file_id": file_id + "-small", "width": 90, "height": 120, "file_size": 900},
                {**described, "width": 900, "height": 1200},
            ]
            if not gone:
                self.files[file_id + "-small"] = self.files[file_id]
        else:
            content["document"] = {**described, "file_name": name, "mime_type": "application/pdf"}
        if caption:
            content["caption"] = caption
        if album:
            content["media_group_id"] = album
        return self._user_message(chat_id, language_code, content)

    def press(self, chat_id: int, sent: Sent, callback_data: str, language_code: str = "zh-hans") -> int:
        query = {
            "id": uuid.uuid4().hex[:16],
            "from": self._user(chat_id, language_code),
            "chat_instance": str(chat_id),
            "data": callback_data,
            "message": {
                "message_id": sent.message_id,
                "date": int(time.time()),
                "chat": self._chat(chat_id),
                "from": BOT,
                "text": sent.text,
            },
        }
        return self._add_update({"callback_query": query})

    def _user_message(self, chat_id: int, language_code: str, content: dict[str, Any]) -> int:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": self._user(chat_id, language_code),
            **content,
        }
        return self._add_update({"message": message})

    @staticmethod
    def _user(chat_id: int, language_code: str) -> dict[str, Any]:
        return {"id": chat_id, "is_bot": False, "first_name": "测试", "language_code": language_code}

    @staticmethod
    def _chat(chat_id: int) -> dict[str, Any]:
        return {"id": chat_id, "type": "private", "first_name": "测试"}

    def _add_update(self, content: dict[str, Any]) -> int:
        with self.lock:
            update_id = next(self._update_ids)
            self.updates.append({"update_id": update_id, **content})
        return update_id

    # --- the tests make trouble and look -----------------------------------------------------

    def flood(self, method: str, *retry_after: int) -> None:
        """The next calls of `method` are refused with 429, each with its retry_after."""
        with self.lock:
            self.floods.setdefault(method, []).extend(retry_after)

    def break_next(self, method: str, times: int) -> None:
        """The next `times` calls of `method` fail with 502 Bad Gateway."""
        with self.lock:
            self.broken[method] = self.broken.get(method, 0) + times

    def forget_offset(self) -> None:
        """Send every update again, as Telegram does when the bot never confirmed them."""
        with self.lock:
            self.confirmed = 0

    def messages(self, chat_id: int) -> list[Sent]:
        with self.lock:
            return [s for s in self.sent if s.chat_id == chat_id]

    def wait_for(self, check: Callable[[], Any], seconds: float = 60) -> Any:
        deadline = time.time() + seconds
        while time.time() < deadline:
            if found := check():
                return found
            time.sleep(0.05)
        raise AssertionError(f"waited {seconds} s in vain; the bot sent {[s.text[:80] for s in self.sent]}")

    def replies_after(self, chat_id: int, count: int, quiet: float = 1.5, seconds: float = 90) -> list[Sent]:
        """The bot's messages to the chat after the first `count`, once it has been quiet a moment."""
        self.wait_for(lambda: len(self.messages(chat_id)) > count, seconds)
        seen = -1
        while seen != len(self.messages(chat_id)):
            seen = len(self.messages(chat_id))
            time.sleep(quiet)
        return self.messages(chat_id)[count:]

    # --- the Bot API ---------------------------------------------------------------------------

    def _routes(self) -> FastAPI:
        app = FastAPI()

        @app.post("/bot{token}/{method}")
        @app.get("/bot{token}/{method}")
        async def call(token: str, method: str, request: Request) -> Response:
            if token != TOKEN:
                return _error(401, "Unauthorized")
            params = await _params(request)
            with self.lock:
                self.calls.append((method, {k: v for k, v in params.items() if k != "document"}))
                if self.broken.get(method):
                    self.broken[method] -= 1
                    return _error(502, "Bad Gateway")
                if self.floods.get(method):
                    wait = self.floods[method].pop(0)
                    return _error(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
            handler = getattr(self, f"_{method}", None)
            if handler is None:
                return _error(404, "Not Found: method not found")
            if method == "getUpdates":
                return await handler(params)
            return handler(params)

        @app.get("/file/bot{token}/{path:path}")
        async def download(token: str, path: str) -> Response:
            found = next((data for p, data in self.files.values() if p == path), None)
            if token != TOKEN or found is None:
                return _error(404, "Not Found")
            return Response(found, media_type="application/octet-stream")

        return app

    def _getMe(self, params: dict[str, Any]) -> Response:
        return _ok(BOT)

    async def _getUpdates(self, params: dict[str, Any]) -> Response:
        import asyncio

        if self.webhook is not None:
            return _error(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset") or 0)
        deadline = time.time() + min(float(params.get("timeout") or 0), 2.0)
        while True:
            with self.lock:
                self.confirmed = max(self.confirmed, offset)
                pending = [u for u in self.updates if u["update_id"] >= self.confirmed]
            if pending or time.time() >= deadline:
                return _ok(pending[: int(params.get("limit") or 100)])
            await asyncio.sleep(0.05)

    def _setWebhook(self, params: dict[str, Any]) -> Response:
        with self.lock:
            self.webhook = {"url": params["url"], "secret": params.get("secret_token")}
        self._stop.clear()
        if self._pusher is None or not self._pusher.is_alive():
            self._pusher = threading.Thread(target=self._push, daemon=True)
            self._pusher.start()
        return _ok(True)

    def _deleteWebhook(self, params: dict[str, Any]) -> Response:
        with self.lock:
            self.webhook = None
        self._stop.set()
        return _ok(True)

    def _push(self) -> None:
        """Webhook mode: each pending update POSTed in order, again until answered with 200."""
        with httpx.Client(timeout=30) as client:
            while not self._stop.is_set():
                with self.lock:
                    hook = self.webhook
                    pending = [u for u in self.updates if u["update_id"] >= self.confirmed]
                if hook is None or not pending:
                    time.sleep(0.05)
                    continue
                update = pending[0]
                headers = {"X-Telegram-Bot-Api-Secret-Token": hook["secret"] or ""}
                try:
                    answered = client.post(hook["url"], json=update, headers=headers).status_code == 200
                except httpx.HTTPError:
                    answered = False
                if answered:
                    with self.lock:
                        self.confirmed = max(self.confirmed, update["update_id"] + 1)
                else:
                    time.sleep(0.5)

    def _sendMessage(self, params: dict[str, Any]) -> Response:
        text = str(params.get("text") or "")
        if not text or len(text) > 4096:
            return _error(
                400, "Bad Request: message text is empty" if not text else "Bad Request: message is too long"
            )
        markup = params.get("reply_markup") or {}
        buttons = [b for row in markup.get("inline_keyboard", []) for b in row]
        if any(len(b.get("callback_data", "").encode()) > 64 for b in buttons):
            return _error(400, "Bad Request: BUTTON_DATA_INVALID")
        return self._record(Sent("sendMessage", int(params["chat_id"]), 0, text, buttons))

    def _sendDocument(self, params: dict[str, Any]) -> Response:
        document = params.get("document")
        if not isinstance(document, tuple):
            return _error(400, "Bad Request: there is no document in the request")
        return self._record(Sent("sendDocument", int(params["chat_id"]), 0, document=document))

    def _record(self, sent: Sent) -> Response:
        with self.lock:
            sent.message_id = next(self._message_ids)
            self.sent.append(sent)
        message: dict[str, Any] = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": self._chat(sent.chat_id),
            "from": BOT,
        }
        if sent.text:
            message["text"] = sent.text
        if sent.document:
            message["document"] = {"file_id": "sent", "file_unique_id": "sent", "file_name": sent.document[0]}
        return _ok(message)

    def _sendChatAction(self, params: dict[str, Any]) -> Response:
        return _ok(True)

    def _answerCallbackQuery(self, params: dict[str, Any]) -> Response:
        with self.lock:
            self.answered.append(params)
        return _ok(True)

    def _editMessageReplyMarkup(self, params: dict[str, Any]) -> Response:
        with self.lock:
            self.edits.append(params)
        return _ok(True)

    def _getFile(self, params: dict[str, Any]) -> Response:
        file_id = str(params.get("file_id"))
        if file_id not in self.files:
            return _error(400, "Bad Request: invalid file_id")
        path, data = self.files[file_id]
        return _ok(
            {"file_id": file_id, "file_unique_id": file_id[-8:], "file_size": len(data), "file_path": path}
        )


async def _params(request: Request) -> dict[str, Any]:
    """A call's parameters: python-telegram-bot sends form fields, JSON-encoded when not plain."""
    if request.headers.get("content-type", "").startswith("application/json"):
        return await request.json()
    form = await request.form()
    params: dict[str, Any] = {}
    for key, value in form.multi_items():
        if hasattr(value, "read"):
            params[key] = (value.filename or key, await value.read())
        elif value[:1] in ("{", "["):
            params[key] = json.loads(value)
        else:
            params[key] = value
    for key, value in list(params.items()):  # a file sent as attach://name
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.get(value.removeprefix("attach://"))
    return params


def _ok(result: Any) -> JSONResponse:
    return JSONResponse({"ok": True, "result": result})


def _error(code: int, description: str, parameters: dict[str, Any] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return JSONResponse(body, status_code=code)


@contextmanager
def bot_api() -> Iterator[tuple[BotApiStandIn, str]]:
    """The stand-in served on a loopback port; yields it and its base URL."""
    from tests.conftest import serving

    standin = BotApiStandIn()
    try:
        with serving(standin.app) as url:
            yield standin, url
    finally:
        standin._stop.set()
