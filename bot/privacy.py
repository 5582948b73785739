"""Personal data kept out of logs: sender ids shortened, ID numbers, credit codes and phones masked
(and secrets that travel inside request URLs: Telegram bot tokens, the action endpoint's token, web
chat sessions); and pseudonyms for what must be counted but not kept (client addresses)."""

from __future__ import annotations

import copy
import hashlib
import hmac
import logging
import re
from typing import Any

# 18-character resident IDs and credit codes, mainland mobiles, landlines with an area code.
_PERSONAL = re.compile(
    r"(?<![0-9A-Za-z])(?:[0-9A-Z]{18}|[0-9]{17}[0-9Xx]|1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})(?![0-9A-Za-z])"
)

_BOT_TOKEN = re.compile(r"(?<![0-9])[0-9]{5,12}:[A-Za-z0-9_-]{30,}")
_URL_SECRET = re.compile(r"([?&](?:token|session)=)[^&\s\"']+")


def masked(sender_id: str) -> str:
    """A sender id fit for logs: enough to correlate lines, not to identify anyone."""
    return sender_id[:6] + "…" if len(sender_id) > 6 else "…"


def redact(text: str) -> str:
    """The text with ID numbers, credit codes and phone numbers replaced by their first and last two."""
    text = _URL_SECRET.sub(r"\1<secret>", _BOT_TOKEN.sub("<bot token>", text))
    return _PERSONAL.sub(lambda m: m.group()[:2] + "*" * (len(m.group()) - 4) + m.group()[-2:], text)


class Pseudonyms:
    """A stable stand-in for an address or a number: its HMAC under the server's secret, so it can
    be counted and compared but not turned back."""

    def __init__(self, secret: str):
        self._key = secret.encode()

    def __call__(self, text: str) -> str:
        return hmac.new(self._key, text.encode(), hashlib.sha256).hexdigest()[:24]


class RedactingFilter(logging.Filter):
    """Masks personal numbers in every record that passes a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Message and arguments are masked apart: formatters such as uvicorn's read the arguments.
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()}
        return True


def redacting_log_config(base: dict[str, Any]) -> dict[str, Any]:
    """A `logging.config.dictConfig` (uvicorn's, say) whose handlers all mask personal numbers,
    with the application's own loggers sent to the default handler at INFO."""
    config = copy.deepcopy(base)
    config.setdefault("filters", {})["redact"] = {"()": RedactingFilter}
    for handler in config.get("handlers", {}).values():
        handler["filters"] = [*handler.get("filters", []), "redact"]
    config["root"] = {"handlers": ["default"], "level": "INFO"}
    # httpx logs every request's URL at INFO, and a Telegram URL holds the bot's token.
    config.setdefault("loggers", {})["httpx"] = {"level": "WARNING"}
    return config
