"""The gateway: every inbound message from any channel passes here on its way to the brain."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

MAX_MESSAGE_CHARS = 2000


@dataclass(frozen=True)
class InboundMessage:
    channel: str
    sender: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


class Brain(Protocol):
    async def handle(
        self, sender_id: str, text: str, channel: str = "rest", metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]: ...


_TOO_LONG = {
    "zh": "您的消息太长了（超过{limit}字），请简短描述您想办的事。",
    "en": "Your message is too long (over {limit} characters); please say briefly what you need.",
}


class Gateway:
    def __init__(self, brain: Brain):
        self.brain = brain

    async def reply(self, message: InboundMessage) -> list[dict[str, Any]]:
        """The bot's replies; a message too long to be a question is answered without touching the chat."""
        if len(message.text) > MAX_MESSAGE_CHARS:
            lang = "en" if message.metadata.get("lang") == "en" or message.text.isascii() else "zh"
            return [{"text": _TOO_LONG[lang].format(limit=MAX_MESSAGE_CHARS)}]
        return await self.brain.handle(message.sender, message.text, message.channel, message.metadata)
