"""Rasa's Redis lock store with its read-modify-write steps made atomic; loaded by `rasa run`.

Rasa 3.6's RedisLockStore reads a conversation's ticket list, changes it in Python and writes it
back. Two instances taking a ticket at once both get the same number, both go ahead, and the
tracker store keeps only one of their turns (a user message is lost). Here every such step runs
under a short redis-py lock on the conversation. This file runs in Rasa's own Python (3.8-3.10).
"""

from __future__ import annotations

from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

MUTEX_SECONDS = 10  # a step takes milliseconds; the timeout only frees the mutex of a crashed process


class SerialRedisLockStore(RedisLockStore):
    """Ticket issue, expiry clean-up and release, one instance at a time per conversation."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _mutex(self, conversation_id: str) -> Any:
        return self.red.lock(
            f"{self.key_prefix}{conversation_id}:mutex", timeout=MUTEX_SECONDS, blocking_timeout=MUTEX_SECONDS
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
