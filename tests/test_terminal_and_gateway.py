"""`onewindow chat`'s terminal channel, and the gateway when the brain behind it fails."""

from __future__ import annotations

import asyncio
import sqlite3
import uuid

from bot.assistant import build_assistant
from bot.gateway import InboundMessage
from connectors.terminal import converse


def test_terminal_chat_numbers_buttons_and_presses_them(knowledge, parser, tmp_path) -> None:
    assistant = build_assistant(knowledge, parser, f"sqlite:///{tmp_path / 'chat.db'}")
    typed = iter(["个体户注册要带什么", "", "2", "那要多少钱", "/quit", "never read"])
    shown: list[str] = []
    asyncio.run(converse(assistant.gateway, "terminal-t", lambda: next(typed), shown.append))
    assert "  [1] 委托代理人办理" in shown and "  [2] 家庭经营" in shown
    answer = shown.index("  [2] 家庭经营") + 1
    assert "个体工商户设立登记（家庭经营）" in shown[answer] and "【所需材料】" in shown[answer]
    assert any("【收费】" in line for line in shown[answer:])
    assert next(typed) == "never read", "/quit stops reading"


def test_a_failing_brain_still_answers_with_the_phone(knowledge, parser, tmp_path) -> None:
    database = tmp_path / "broken.db"
    assistant = build_assistant(knowledge, parser, f"sqlite:///{database}")
    with sqlite3.connect(database) as connection:  # the database loses its table under the server
        connection.execute("DROP TABLE conversation_events")
    sender = str(uuid.uuid4())
    [reply] = asyncio.run(assistant.gateway.reply(InboundMessage("rest", sender, "居住证多少钱")))
    assert "0451-00000000" in reply["text"] and "稍后再试" in reply["text"]
    [english] = asyncio.run(assistant.gateway.reply(InboundMessage("rest", sender, "hello")))
    assert "try again" in english["text"]
