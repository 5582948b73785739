"""The gateway: every inbound message from any channel passes here on its way to the brain."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.conversation import transcript
from bot.privacy import masked

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 2000


@dataclass(frozen=True)
class InboundMessage:
    channel: str
    sender: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


class BrainUnavailable(RuntimeError):
    """The brain could not be reached (a Rasa server down): the chat is intact, the message unanswered."""


class Brain(Protocol):
    async def handle(
        self, sender_id: str, text: str, channel: str = "rest", metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]: ...

    async def events(self, sender_id: str) -> list[dict[str, Any]]: ...


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


class Gateway:
    def __init__(self, brain: Brain, phone: str | None = None):
        self.brain = brain
        self.phone = phone or "-"

    async def reply(self, message: InboundMessage) -> list[dict[str, Any]]:
        """The bot's replies; the bot never goes silent, even when the brain fails."""
        lang = "en" if message.metadata.get("lang") == "en" or message.text.isascii() else "zh"
        if len(message.text) > MAX_MESSAGE_CHARS:  # too long to be a question: the chat is not touched
            return [{"text": _TOO_LONG[lang].format(limit=MAX_MESSAGE_CHARS)}]
        try:
            return await self.brain.handle(message.sender, message.text, message.channel, message.metadata)
        except BrainUnavailable as error:
            log.warning("%s; told %s to try again", error, masked(message.sender))
            return [{"text": _UNAVAILABLE[lang].format(phone=self.phone)}]
        except Exception:
            log.exception("the brain failed on a %s message from %s", message.channel, masked(message.sender))
            return [{"text": _FAILED[lang].format(phone=self.phone)}]

    async def transcript(self, sender: str) -> list[dict[str, Any]]:
        """The chat as its user saw it, for a page that reconnects or reloads."""
        return transcript(await self.brain.events(sender))
