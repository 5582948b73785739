"""Telegram's shapes for what the assistant says: one Bot API call per parcel, texts cut at
Telegram's 4096 characters between lines, and the channel's own short messages."""

from __future__ import annotations

from typing import Any

from knowledge.schema import Lang

MAX_TEXT = 4096  # Telegram's limit for one message

TEXT: dict[str, dict[Lang, str]] = {
    "stale_button": {
        "zh": "这个按钮已失效，请直接输入您的问题。",
        "en": "This button has expired; please type your question.",
    },
    "too_big": {
        "zh": "文件「{name}」有 {size:.1f} MB，超过 {limit} MB 的上限。请压缩或拆分后再发送。",
        "en": "“{name}” is {size:.1f} MB, over the {limit} MB limit. Please compress or split it and send it again.",
    },
    "unsupported": {
        "zh": "我能读文字、PDF 文件和照片。请用文字提问，或把材料作为文件或照片发送。",
        "en": "I can read text, PDF files and photos. Please type your question, or send documents as files or photos.",
    },
}


def lang_hint(language_code: str | None) -> Lang | None:
    """The Telegram app's language as a first guess: Chinese, English, or no guess."""
    if not language_code:
        return None
    return "zh" if language_code.lower().startswith("zh") else "en"


def chunks(text: str, limit: int = MAX_TEXT) -> list[str]:
    """The text in messages of at most `limit` characters, cut between lines (inside a line only
    when the line alone is longer)."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if current and len(candidate) > limit:
            pieces.append(current)
            candidate = line
        current = candidate
    if current.strip():
        pieces.append(current)
    return pieces


def parcels(frame: dict[str, Any]) -> list[dict[str, Any]]:
    """A frame for the chat (a bot reply, a staff line, a queue place, typing) as the Bot API
    calls that say it, each sent once: text pieces (buttons on the last), then the file."""
    kind = frame.get("type", "bot")
    if kind == "typing":
        return [{"typing": True}] if frame.get("on", True) else []
    if kind not in ("bot", "queue"):
        return []  # upload progress and the like belong to the page
    text = frame.get("text") or ""
    if frame.get("staff"):
        text = f"👤 {frame['staff']}：\n{text}"
    buttons = [
        {"title": b["title"], "payload": b["payload"]}
        for b in frame.get("buttons") or []
        if b.get("title") and b.get("payload")
    ]
    pieces = [{"text": piece} for piece in chunks(text)]
    if buttons:
        if not pieces:
            pieces = [{"text": "👇"}]  # Telegram shows no keyboard without a message
        pieces[-1]["buttons"] = buttons
    if frame.get("attachment"):
        pieces.append({"attachment": frame["attachment"]})
    return pieces
