"""The Telegram channel (python-telegram-bot): the same assistant in a private Telegram chat.

Updates come by long polling (one process polls, under a lease in the database) or, with
`ONEWINDOW_TELEGRAM_WEBHOOK_URL`, to `POST /webhooks/telegram` in any server process, checked by
Telegram's secret-token header. Each update is handled once, even when Telegram sends it again.
Text goes to the gateway; a button's key to its stored payload; documents and photos (an album
taken as one batch) to the chat's pre-review. Everything the chat is told, replies as well as
staff lines, reminders and decisions published for it, goes through the outbox (`bot.outbox`)
and is sent from there under python-telegram-bot's rate limiter, retried after a 429 or a
network error, never twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import hmac
import logging
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import APIRouter, HTTPException, Request
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import AIORateLimiter, Application, ContextTypes, TypeHandler

from bot.gateway import Gateway, InboundMessage, apology, bot_frame
from bot.handoff.desk import chat_topic
from bot.outbox import Outbox, Parcel
from bot.prereview.desk import Upload
from bot.privacy import masked, redact
from bot.reply_files import ReplyFiles
from connectors.telegram_format import TEXT, lang_hint, parcels
from connectors.telegram_records import TelegramRecords

log = logging.getLogger(__name__)
# The rate limiter logs each 429 it passes on with a traceback; the outbox retries them (logged there).
logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)
router = APIRouter(tags=["channels"])

CHANNEL = "telegram"
SENDER_PREFIX = "tg-"
WEBHOOK_PATH = "/webhooks/telegram"
UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
CLOUD_DOWNLOAD_LIMIT = 20 * 2**20  # Telegram's own Bot API serves files up to 20 MB
ALBUM_SECONDS = 1.5  # the parts of an album arrive as separate updates within about a second
POLLER_LEASE_SECONDS = 30.0
ABANDONED_SECONDS = 300.0  # an update taken this long ago and never finished: its process died
STUCK_SECONDS = 120.0  # far longer than a send may take (READ_TIMEOUT)
MAX_ATTEMPTS = 8
READ_TIMEOUT = 30.0
TYPING_SECONDS = 4.5  # Telegram shows "typing…" for 5 s
SENDERS = 8  # chats sent to at once; each chat's parcels still go one at a time
KEPT_SECONDS = (7 * 86400, 30 * 86400)  # handled update ids; button keys (older presses are stale)


@dataclass(frozen=True)
class TelegramSettings:
    token: str
    api_url: str | None = None  # a self-hosted Bot API server (or the tests' stand-in)
    webhook_url: str | None = None
    max_file_bytes: int = 20 * 2**20
    phone: str = "-"


def sender_of(chat_id: int) -> str:
    return f"{SENDER_PREFIX}{chat_id}"


def webhook_secret(token: str) -> str:
    """The secret Telegram sends with each webhook call: derived from the token, so every server
    process agrees on it without another setting."""
    return hmac.new(token.encode(), b"onewindow-webhook", hashlib.sha256).hexdigest()


def webhook_address(url: str) -> str:
    """The configured public URL, with the webhook's path when only the site was given."""
    url = url.rstrip("/")
    return url if url.endswith(WEBHOOK_PATH) else url + WEBHOOK_PATH


class TelegramConnector:
    """Receives Telegram updates for the gateway and sends the outbox's Telegram parcels."""

    def __init__(
        self,
        settings: TelegramSettings,
        gateway: Gateway,
        outbox: Outbox,
        records: TelegramRecords,
        files: ReplyFiles,
    ):
        self.settings = settings
        self.gateway = gateway
        self.outbox = outbox
        self.records = records
        self.files = files
        # A read timeout leaves a message's fate unknown (it is then not sent again): wait long.
        builder = Application.builder().token(settings.token).rate_limiter(AIORateLimiter())
        builder = builder.read_timeout(READ_TIMEOUT).media_write_timeout(READ_TIMEOUT)
        if settings.api_url:
            base = settings.api_url.rstrip("/")
            builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
        self.application = builder.concurrent_updates(True).build()
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._on_error)
        self._chat_locks: dict[str, tuple[asyncio.Lock, int]] = {}  # a lock and how many want it
        self._albums: dict[tuple[str, str], list[tuple[int, Message]]] = {}
        self._places: dict[str, int] = {}  # each waiting chat's last place in the staff queue
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._sending: set[asyncio.Task[None]] = set()
        self._holder = uuid.uuid4().hex
        gateway.handoff.relay.keep(chat_topic(SENDER_PREFIX), self._keep)

    # --- running ----------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect in the background (Telegram may be unreachable for a while), then receive and send."""
        self._tasks = [asyncio.create_task(self._run()), asyncio.create_task(self._send_forever())]

    async def stop(self) -> None:
        """Stop receiving, let the sends under way finish (a parcel cut off would count as sent
        or be sent twice), confirm the handled updates to Telegram, and close."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = []
        if self._sending:
            await asyncio.wait(self._sending, timeout=30)
        application = self.application
        with _quietly("stop polling"):
            if application.updater is not None and application.updater.running:
                await application.updater.stop()
        await asyncio.to_thread(self.records.let_go_of_poller, self._holder)
        if application.running:
            await application.stop()  # waits for the updates being handled, albums included
        await application.shutdown()

    async def _run(self) -> None:
        delay = 1.0
        while True:
            try:
                await self.application.initialize()
                await self.application.start()
                break
            except InvalidToken:
                log.error("Telegram refused the bot token: check ONEWINDOW_TELEGRAM_TOKEN (from BotFather)")
                return
            except TelegramError as error:
                log.warning(
                    "Telegram is not reachable (%s); trying again in %.0f s", redact(str(error)), delay
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60)
        if self.settings.webhook_url:
            await self._register_webhook()
        else:
            await self._poll_while_leased()

    async def _register_webhook(self) -> None:
        url = webhook_address(self.settings.webhook_url or "")
        while True:
            try:
                await self.application.bot.set_webhook(
                    url, secret_token=webhook_secret(self.settings.token), allowed_updates=UPDATES
                )
                log.info("Telegram sends updates to %s", url)
                return
            except RetryAfter as error:  # every process registers at start; one may be told to wait
                await asyncio.sleep(_seconds(error.retry_after))
            except TelegramError as error:
                log.warning("Telegram refused the webhook (%s); trying again in 30 s", redact(str(error)))
                await asyncio.sleep(30)

    async def _poll_while_leased(self) -> None:
        """Poll while this process holds the poller lease; another process takes over if it stops."""
        updater = self.application.updater
        assert updater is not None
        while True:
            try:
                leased = await asyncio.to_thread(self.records.hold_poller, self._holder, POLLER_LEASE_SECONDS)
                if leased and not updater.running:
                    await updater.start_polling(allowed_updates=UPDATES, error_callback=self._on_poll_error)
                    log.info("Polling Telegram for updates")
                elif not leased and updater.running:
                    await updater.stop()
            except Exception as error:  # the database or Telegram for a moment: the next round retries
                log.warning("could not take up polling: %s", redact(str(error)))
            await asyncio.sleep(POLLER_LEASE_SECONDS / 3)

    @staticmethod
    def _on_poll_error(error: TelegramError) -> None:
        log.warning("polling Telegram failed: %s", redact(str(error)))

    @property
    def receiving(self) -> bool:
        return self.application.running

    async def feed(self, data: dict[str, Any]) -> None:
        """A webhook call's update, handled like a polled one (one Telegram's library can't read is
        logged and dropped: sending it again would not help)."""
        try:
            update = Update.de_json(data, self.application.bot)
        except Exception as error:
            log.warning("a webhook update could not be read: %s", type(error).__name__)
            return
        await self.application.update_queue.put(update)

    # --- receiving --------------------------------------------------------------------------

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None or chat.type != chat.PRIVATE:
            return  # the assistant serves private chats; groups and channels are not answered
        sender = sender_of(chat.id)
        async with self._chat(sender):  # taken before anything is awaited: the chat's order holds
            if not await asyncio.to_thread(self.records.take, update.update_id, ABANDONED_SECONDS):
                return
            message = update.message
            if message is not None and message.media_group_id and (message.document or message.photo):
                self._collect_album(sender, update.update_id, message)
                return
            inbound = lambda: self._inbound(sender, update)  # noqa: E731
            await self._answer(sender, update.effective_user, inbound, [update.update_id])

    def _collect_album(self, sender: str, update_id: int, message: Message) -> None:
        key = (sender, str(message.media_group_id))
        parts = self._albums.setdefault(key, [])
        parts.append((update_id, message))
        if len(parts) == 1:
            self.application.create_task(self._album_done(key))

    async def _album_done(self, key: tuple[str, str]) -> None:
        """The album as one upload, once no part has arrived for a moment."""
        count = -1
        while count != len(self._albums[key]):
            count = len(self._albums[key])
            await asyncio.sleep(ALBUM_SECONDS)
        parts = self._albums.pop(key)
        sender, messages = key[0], [message for _, message in parts]
        async with self._chat(sender):
            inbound = lambda: self._documents(sender, messages)  # noqa: E731
            await self._answer(sender, messages[0].from_user, inbound, [update_id for update_id, _ in parts])

    async def _documents(self, sender: str, messages: list[Message]) -> list[dict[str, Any]]:
        """Files with their captions ("预审个体户设立"): the words first, then the files."""
        replies: list[dict[str, Any]] = []
        for caption in dict.fromkeys(m.caption for m in messages if m.caption):
            replies += await self.gateway.reply(InboundMessage(CHANNEL, sender, caption, {}))
        return replies + await self._files(sender, messages)

    async def _answer(self, sender: str, user: Any, inbound: Any, update_ids: list[int]) -> None:
        """Turn the updates into the gateway's message, queue what the chat is told, and mark
        them finished (a process dying before that leaves them to be handled again)."""
        lang = lang_hint(user.language_code if user else None)
        try:
            async with self._typing(sender):
                replies = await inbound()
        except Exception:
            log.exception("a Telegram update from %s could not be handled", masked(sender))
            replies = [{"text": apology(lang or "zh", self.settings.phone)}]
        await self._queue(sender, [bot_frame(reply) for reply in replies])
        await asyncio.to_thread(self.records.finished, update_ids)

    async def _inbound(self, sender: str, update: Update) -> list[dict[str, Any]]:
        lang = lang_hint(update.effective_user.language_code if update.effective_user else None)
        hint = {"lang": lang} if lang else {}
        if update.callback_query is not None:
            return await self._pressed(sender, update, lang)
        message = update.message
        assert message is not None
        if message.document or message.photo:
            return await self._documents(sender, [message])
        text = (message.text or "").strip()
        if not text:
            return [{"text": TEXT["unsupported"][lang or "zh"]}]
        if text.split()[0] in ("/start", "/help"):
            return await self.gateway.reply(InboundMessage(CHANNEL, sender, "/greet", hint))
        return await self.gateway.reply(InboundMessage(CHANNEL, sender, text, {}))

    async def _pressed(self, sender: str, update: Update, lang: str | None) -> list[dict[str, Any]]:
        """A button: answered at once (the spinner stops), its keyboard taken away, its payload asked."""
        query = update.callback_query
        assert query is not None
        found = await asyncio.to_thread(self.records.press, query.data or "", sender)
        with _quietly("answer a button press"):
            await query.answer(None if found else TEXT["stale_button"][lang or "zh"])
        if query.message is not None:
            with _quietly("take a pressed keyboard away"):
                await self.application.bot.edit_message_reply_markup(
                    query.message.chat.id, query.message.message_id, reply_markup=None
                )
        if found is None:
            return []
        payload, title = found
        return await self.gateway.reply(InboundMessage(CHANNEL, sender, payload, {"title": title}))

    async def _files(self, sender: str, messages: list[Message]) -> list[dict[str, Any]]:
        """The messages' documents and photos as one upload; files too large are refused unread."""
        user = messages[0].from_user
        lang = lang_hint(user.language_code if user else None) or "zh"
        uploads: list[Upload] = []
        refused: list[dict[str, Any]] = []
        limit = self.settings.max_file_bytes
        if not self.settings.api_url:
            limit = min(limit, CLOUD_DOWNLOAD_LIMIT)
        for message in messages:
            attachment = message.document or (message.photo[-1] if message.photo else None)
            if attachment is None:
                continue
            name = (
                message.document.file_name if message.document else None
            ) or f"photo-{message.message_id}.jpg"
            # The size the message declares, then the one getFile reports: both before downloading.
            file = None if (attachment.file_size or 0) > limit else await attachment.get_file()
            size = (file.file_size if file else None) or attachment.file_size or 0
            if file is None or size > limit:
                text = TEXT["too_big"][lang].format(name=name, size=size / 2**20, limit=limit // 2**20)
                refused.append({"text": text})
                continue
            uploads.append(Upload(name, bytes(await file.download_as_bytearray())))
        if not uploads:
            return refused
        message = InboundMessage(CHANNEL, sender, "", {"lang": lang}, tuple(uploads))
        return refused + await self.gateway.reply(message)

    @contextlib.asynccontextmanager
    async def _typing(self, sender: str) -> AsyncIterator[None]:
        """ "typing…" shown in the chat until its answer is ready (reading an album can take a minute)."""
        chat_id = int(sender.removeprefix(SENDER_PREFIX))

        async def keep_typing() -> None:
            while True:
                with _quietly("show typing"):
                    await self.application.bot.send_chat_action(chat_id, ChatAction.TYPING)
                await asyncio.sleep(TYPING_SECONDS)

        task = asyncio.create_task(keep_typing())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        log.error("Telegram handling failed: %s: %s", type(error).__name__, redact(str(error)))

    @contextlib.asynccontextmanager
    async def _chat(self, sender: str) -> AsyncIterator[None]:
        """One update of a chat at a time, in the order they came; other chats go on meanwhile."""
        lock, wanting = self._chat_locks.get(sender) or (asyncio.Lock(), 0)
        self._chat_locks[sender] = (lock, wanting + 1)
        try:
            async with lock:
                yield
        finally:
            lock, wanting = self._chat_locks[sender]
            if wanting == 1:
                del self._chat_locks[sender]
            else:
                self._chat_locks[sender] = (lock, wanting - 1)

    # --- sending ----------------------------------------------------------------------------

    async def _keep(self, topic: str, frames: list[dict[str, Any]]) -> None:
        """Frames published for a Telegram chat (staff lines, reminders, decisions) join its outbox."""
        sender = topic.removeprefix(chat_topic(""))
        await self._queue(sender, [frame for frame in frames if self._news(sender, frame)])

    def _news(self, sender: str, frame: dict[str, Any]) -> bool:
        """A queue place is news in a Telegram chat only when it moved forward: the page shows it
        as a status line, but here each would be a message (and the first repeats the reply)."""
        if frame.get("type") != "queue":
            if frame.get("staff"):
                self._places.pop(sender, None)
            return True
        ahead, before = int(frame.get("ahead", 0)), self._places.get(sender)
        self._places[sender] = ahead
        return before is not None and ahead < before

    async def _queue(self, sender: str, frames: list[dict[str, Any]]) -> None:
        bodies = [parcel for frame in frames for parcel in parcels(frame)]
        for body in bodies:
            if body.get("typing"):
                body["at"] = time.time()
        await asyncio.to_thread(self.outbox.put, CHANNEL, sender, bodies)
        self._wake.set()

    async def _send_forever(self) -> None:
        slots = asyncio.Semaphore(SENDERS)
        checked_stuck = 0.0
        while True:
            if not self.application.running:  # not connected yet, or the token was refused
                await asyncio.sleep(1)
                continue
            await slots.acquire()
            try:
                if time.monotonic() - checked_stuck > STUCK_SECONDS / 2:  # parcels of a process that died
                    await asyncio.to_thread(self.outbox.abandon_stuck, STUCK_SECONDS)
                    checked_stuck = time.monotonic()
                parcel = await asyncio.to_thread(self.outbox.claim, CHANNEL)
            except Exception:
                log.exception("the outbox could not be read; trying again")
                parcel = None
            if parcel is None:
                slots.release()
                self._wake.clear()
                with contextlib.suppress(TimeoutError):  # another process may have queued something
                    await asyncio.wait_for(self._wake.wait(), timeout=1.0)
                continue
            task = asyncio.create_task(self._send(parcel))
            self._sending.add(task)
            task.add_done_callback(
                lambda done: (self._sending.discard(done), slots.release(), self._wake.set())
            )

    async def _send(self, parcel: Parcel) -> None:
        try:
            note = await self._call(parcel)
        except RetryAfter as error:  # Telegram's flood control: wait as long as it says; not a failure
            await asyncio.to_thread(
                self.outbox.retry, parcel.id, _seconds(error.retry_after), "429", counted=False
            )
        except TimedOut as error:
            if isinstance(error.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout):  # never went out
                await asyncio.to_thread(self.outbox.retry, parcel.id, 2.0, "timed out connecting")
            else:  # it went out, and may well have arrived: never twice, so it is not sent again
                log.warning("no answer from Telegram to a message to %s", masked(parcel.sender_id))
                await asyncio.to_thread(self.outbox.failed, parcel.id, "timed out: it may have arrived")
        except (BadRequest, Forbidden) as error:  # a blocked bot, a deleted chat: sending again won't help
            log.warning("Telegram refused a message to %s: %s", masked(parcel.sender_id), redact(str(error)))
            await asyncio.to_thread(self.outbox.failed, parcel.id, redact(str(error)))
        except NetworkError as error:
            if parcel.attempts >= MAX_ATTEMPTS:
                await asyncio.to_thread(self.outbox.failed, parcel.id, f"gave up: {redact(str(error))}")
            else:
                delay = min(2.0**parcel.attempts, 300.0)
                await asyncio.to_thread(self.outbox.retry, parcel.id, delay, redact(str(error)))
        except Exception as error:
            log.exception("a message to %s could not be sent", masked(parcel.sender_id))
            await asyncio.to_thread(self.outbox.failed, parcel.id, type(error).__name__)
        else:
            await asyncio.to_thread(self.outbox.delivered, parcel.id, note)

    async def _call(self, parcel: Parcel) -> str:
        """The one Bot API call of a parcel; returns what was sent (a message id)."""
        bot = self.application.bot
        body = parcel.body
        chat_id = int(parcel.sender_id.removeprefix(SENDER_PREFIX))
        if body.get("typing"):
            if time.time() - float(body.get("at", 0)) < 5:  # staff typing is stale a few seconds on
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            return "typing"
        if body.get("attachment"):
            file = await asyncio.to_thread(self.files.render, body["attachment"], parcel.sender_id)
            if file is None:
                return "no file"
            sent = await bot.send_document(chat_id, file.data, filename=file.name)
            return str(sent.message_id)
        markup = None
        if buttons := body.get("buttons"):
            pairs = [(button["payload"], button["title"]) for button in buttons]
            keys = await asyncio.to_thread(self.records.keyboard, parcel.sender_id, pairs)
            markup = InlineKeyboardMarkup(
                [
                    [InlineKeyboardButton(b["title"][:64], callback_data=key)]
                    for b, key in zip(buttons, keys, strict=True)
                ]
            )
        sent = await bot.send_message(chat_id, body.get("text") or "👇", reply_markup=markup)
        return str(sent.message_id)


def _seconds(value: int | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


@contextlib.contextmanager
def _quietly(what: str) -> Iterator[None]:
    """A courtesy call (typing, answering a press) that may fail without failing the chat."""
    try:
        yield
    except TelegramError as error:
        log.info("could not %s: %s", what, redact(str(error)))


@router.post(WEBHOOK_PATH)
async def telegram_webhook(request: Request) -> dict[str, bool]:
    connector: TelegramConnector | None = getattr(request.app.state, "telegram", None)
    if connector is None or not connector.settings.webhook_url:
        raise HTTPException(404, "Telegram webhook mode is off (set ONEWINDOW_TELEGRAM_WEBHOOK_URL)")
    given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    if not hmac.compare_digest(given, webhook_secret(connector.settings.token)):
        raise HTTPException(403, "wrong or missing X-Telegram-Bot-Api-Secret-Token")
    if not connector.receiving:  # Telegram sends it again later
        raise HTTPException(503, "not connected to Telegram yet")
    try:
        data = await request.json()
    except ValueError:
        raise HTTPException(400, "the body must be a JSON Telegram update") from None
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        raise HTTPException(400, "the body must be a JSON Telegram update")
    await connector.feed(data)
    return {"ok": True}
