"""Live frames between server processes: Redis pub/sub when configured, in-process otherwise.

A frame is published to a topic (`chat:<sender>` for a citizen's open pages, `staff` for the
console); every process delivers it to the listeners it holds for that topic. Topics of chats
on a channel the server pushes to (Telegram) also have a keeper, which keeps their frames once,
in the publishing process, to be sent from there (`bot.outbox`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

log = logging.getLogger(__name__)

Listener = Callable[[dict[str, Any]], Awaitable[None]]
Keeper = Callable[[str, list[dict[str, Any]]], Awaitable[None]]
_CHANNEL_PREFIX = "onewindow:relay:"


class Relay:
    """Publish frames to topics; `listening` receives them, from this process or any other."""

    def __init__(self, redis_url: str | None = None):
        self.redis_url = redis_url
        self._listeners: defaultdict[str, set[Listener]] = defaultdict(set)
        self._redis: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()
        self._keepers: list[tuple[str, Keeper]] = []

    def keep(self, prefix: str, keeper: Keeper) -> None:
        """Hand every frame published to a topic starting with `prefix` to `keeper`, once."""
        self._keepers.append((prefix, keeper))

    async def start(self) -> None:
        """With Redis, subscribe before anything is published, and deliver what arrives."""
        if not self.redis_url or self._reader is not None:
            return
        import redis.asyncio as redis

        self._redis = redis.from_url(self.redis_url)
        self._reader = asyncio.create_task(self._read())
        await asyncio.wait_for(self._subscribed.wait(), timeout=10)

    async def stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
            self._reader = None
        if self._redis is not None:
            await self._redis.aclose()
            self._redis = None

    async def _read(self) -> None:
        while True:  # a dropped Redis connection is retried; frames published meanwhile are lost
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.psubscribe(f"{_CHANNEL_PREFIX}*")
                    self._subscribed.set()
                    async for message in pubsub.listen():
                        if message.get("type") == "pmessage":
                            topic = message["channel"].decode().removeprefix(_CHANNEL_PREFIX)
                            await self._deliver(topic, json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("the Redis relay lost its connection; reconnecting")
                await asyncio.sleep(1)

    async def publish(self, topic: str, *frames: dict[str, Any]) -> None:
        for prefix, keeper in self._keepers:
            if topic.startswith(prefix):
                await keeper(topic, list(frames))
        if self._redis is None:
            for frame in frames:
                await self._deliver(topic, frame)
            return
        try:
            for frame in frames:
                await self._redis.publish(f"{_CHANNEL_PREFIX}{topic}", json.dumps(frame, ensure_ascii=False))
        except Exception:  # the change is saved; open pages catch up from the history
            log.exception("Redis refused a live frame; pages will show it when they reload")

    async def _deliver(self, topic: str, frame: dict[str, Any]) -> None:
        for listener in list(self._listeners.get(topic, ())):
            try:
                await listener(frame)
            except Exception:  # a connection closing meanwhile catches up from the history
                log.debug("a listener failed", exc_info=True)

    @contextlib.contextmanager
    def listening(self, topic: str, listener: Listener) -> Iterator[None]:
        self._listeners[topic].add(listener)
        try:
            yield
        finally:
            self._listeners[topic].discard(listener)
            if not self._listeners[topic]:
                del self._listeners[topic]
