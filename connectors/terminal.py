"""The terminal channel behind `onewindow chat`: type a question, or a button's number to press it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.gateway import Gateway, InboundMessage

QUIT = {"/quit", "/exit", "quit", "exit", "退出"}


def render(reply: dict[str, Any], first_number: int) -> list[str]:
    """A reply as terminal lines, its buttons numbered from `first_number`."""
    lines = [reply["text"]] if reply.get("text") else []
    buttons = reply.get("buttons") or []
    lines += [f"  [{first_number + i}] {b['title']}" for i, b in enumerate(buttons)]
    return lines


async def converse(
    gateway: Gateway, sender: str, read: Callable[[], str], write: Callable[[str], None]
) -> None:
    """Read lines until end of input or "/quit"; a number presses the button shown with it."""
    buttons: list[dict[str, str]] = []
    while True:
        try:
            line = read().strip()
        except EOFError:
            return
        if line in QUIT:
            return
        if not line:
            continue
        message = InboundMessage("terminal", sender, line)
        if line.isdigit() and 1 <= int(line) <= len(buttons):
            chosen = buttons[int(line) - 1]
            message = InboundMessage("terminal", sender, chosen["payload"], {"title": chosen["title"]})
        buttons = []
        for reply in await gateway.reply(message):
            for text in render(reply, len(buttons) + 1):
                write(text)
            buttons += reply.get("buttons") or []
