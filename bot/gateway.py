"""The gateway: every inbound message from any channel passes here on its way to the brain."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.conversation import transcript
from bot.handoff.desk import HandoffDesk, chat_topic
from bot.handoff.relay import Listener
from bot.prereview.desk import PrereviewDesk, Upload
from bot.privacy import Pseudonyms, masked

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 2000


@dataclass(frozen=True)
class InboundMessage:
    channel: str
    sender: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    attachments: tuple[Upload, ...] = ()  # files for the chat's pre-review
    client: str = ""  # who sent it as the channel saw them (an address): what rate limits count


class BrainUnavailable(RuntimeError):
    """The brain could not be reached (a Rasa server down): the chat is intact, the message unanswered."""


class Brain(Protocol):
    async def handle(
        self, sender_id: str, text: str, channel: str = "rest", metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]: ...

    async def events(self, sender_id: str) -> list[dict[str, Any]]: ...

    async def tell(self, sender_id: str, messages: list[dict[str, Any]]) -> None: ...


Progress = Callable[[int, int], None]


_TOO_LONG = {
    "zh": "您的消息太长了（超过{limit}字），请简短描述您想办的事。",
    "en": "Your message is too long (over {limit} characters); please say briefly what you need.",
}
_UNAVAILABLE = {
    "zh": "抱歉，智能助手暂时无法使用，请稍后再试，或致电 {phone} 咨询。",
    "en": "Sorry, the assistant is temporarily unavailable. Please try again shortly, or call {phone}.",
}
_FAILED = {
    "zh": "抱歉，系统暂时出了点问题，请稍后再试。急事请致电 {phone}。",
    "en": "Sorry, something went wrong on our side. Please try again shortly, or call {phone}.",
}


def apology(lang: str, phone: str) -> str:
    """What a chat is told when something failed on our side: never silence."""
    return _FAILED["en" if lang == "en" else "zh"].format(phone=phone)


def bot_frame(message: dict[str, Any]) -> dict[str, Any]:
    frame = {"type": "bot", "text": message.get("text"), "buttons": message.get("buttons") or []}
    for extra in ("staff", "attachment"):
        if message.get(extra):
            frame[extra] = message[extra]
    return frame


class Gateway:
    def __init__(
        self,
        brain: Brain,
        desk: PrereviewDesk,
        handoff: HandoffDesk,
        pseudonyms: Pseudonyms,
        phone: str | None = None,
    ):
        self.brain = brain
        self.desk = desk
        self.handoff = handoff
        self.pseudonyms = pseudonyms
        self.phone = phone or "-"

    async def reply(self, message: InboundMessage, on_page: Progress | None = None) -> list[dict[str, Any]]:
        """The replies: the bot's, the handoff's, or none while staff hold the chat (they answer).
        The bot never goes silent, even when the brain fails."""
        lang = "en" if message.metadata.get("lang") == "en" or message.text.isascii() else "zh"
        if len(message.text) > MAX_MESSAGE_CHARS:  # too long to be a question: the chat is not touched
            return [{"text": _TOO_LONG[lang].format(limit=MAX_MESSAGE_CHARS)}]
        # The actions count bookings against the client; only the server says who that is.
        client = {"client": self.pseudonyms(message.client)} if message.client else {}
        metadata = {k: v for k, v in message.metadata.items() if k != "client"} | client
        message = InboundMessage(message.channel, message.sender, message.text, metadata, message.attachments)
        try:
            await self.handoff.seen(message.sender, message.channel, lang)
            if message.attachments:
                message = await self._take_files(message, on_page)
            taken = await self.handoff.intercept(message.sender, message.text, message.metadata)
            if taken is not None:
                return taken
            return await self.brain.handle(message.sender, message.text, message.channel, message.metadata)
        except BrainUnavailable as error:
            log.warning("%s; told %s to try again", error, masked(message.sender))
            return [{"text": _UNAVAILABLE[lang].format(phone=self.phone)}]
        except Exception:
            log.exception("the brain failed on a %s message from %s", message.channel, masked(message.sender))
            return [{"text": apology(lang, self.phone)}]

    async def _take_files(self, message: InboundMessage, on_page: Progress | None) -> InboundMessage:
        """Keep and read the files in the chat's case; the brain hears of them as `/upload_files`."""
        await asyncio.to_thread(self.desk.receive, message.sender, list(message.attachments), on_page)
        names = ", ".join(upload.name for upload in message.attachments)
        metadata = {**message.metadata, "title": f"📎 {names}"[:500]}
        return InboundMessage(message.channel, message.sender, "/upload_files", metadata)

    async def notify(self, sender: str, messages: list[dict[str, Any]]) -> None:
        """Tell a chat something outside its turns: kept in the chat, and sent to open connections."""
        await self.brain.tell(sender, messages)
        await self.signal(sender, *(bot_frame(m) for m in messages))

    async def signal(self, sender: str, *frames: dict[str, Any]) -> None:
        """Send frames to the chat's open connections, in any server process (none: the history has it)."""
        await self.handoff.relay.publish(chat_topic(sender), *frames)

    def listening(self, sender: str, listener: Listener) -> contextlib.AbstractContextManager[None]:
        """While open, `listener` receives the chat's frames: notices, staff replies, queue places."""
        return self.handoff.relay.listening(chat_topic(sender), listener)

    async def transcript(self, sender: str, for_staff: bool = False) -> list[dict[str, Any]]:
        """The chat as its user saw it (the bot's turns and the staff's), for a page that reconnects;
        `for_staff` adds the staff's internal notes and each line's time."""
        lines = transcript(await self.brain.events(sender)) + await asyncio.to_thread(
            self.handoff.lines, sender, for_staff
        )
        lines.sort(key=lambda line: line.get("at") or 0.0)
        return lines if for_staff else [{k: v for k, v in line.items() if k != "at"} for line in lines]
