"""Rate limits, in one table: how often one client address, booking code, phone number or staff name
may do what. Counted by the `limits` library in Redis when it is configured, so that every server
process counts together, and in memory otherwise."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Mapping

from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

log = logging.getLogger(__name__)

# What a person at a phone never reaches and a script reaches in seconds. Each can be changed with
# ONEWINDOW_RATE_LIMITS, e.g. '{"message": "120/minute"}'.
RATES: dict[str, str] = {
    "message": "60/minute",  # chat messages from one client address
    "upload": "30/hour",  # uploads of files to pre-review from one address
    "booking": "20/hour",  # seats held or booked from one address (or one chat)
    "booking_phone": "10/day",  # bookings tried with one phone number
    "lookup": "30/hour",  # bookings looked up, cancelled or moved by code from one address
    "code": "10/hour",  # tries at one booking code, from anywhere
    "login": "30/15 minutes",  # staff logins from one address
    "login_name": "5/15 minutes",  # staff logins with one name from one address
}


class Throttled(Exception):
    """Too many in a while: try again after `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"try again in {retry_after} s")
        self.retry_after = retry_after

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


class Throttle:
    def __init__(
        self,
        pseudonym: Callable[[str], str],
        redis_url: str | None = None,
        overrides: Mapping[str, str] | None = None,
    ):
        unknown = set(overrides or {}) - set(RATES)
        if unknown:
            raise ValueError(f"unknown rate limits {sorted(unknown)}; known: {', '.join(RATES)}")
        self.rates: dict[str, RateLimitItem] = {
            k: parse(v) for k, v in (RATES | dict(overrides or {})).items()
        }
        # Counters are keyed by pseudonyms: no address or phone number lands in Redis.
        self._pseudonym = pseudonym
        uri = f"async+{redis_url}" if redis_url else "async+memory://"
        options = {"implementation": "redispy", "key_prefix": "onewindow-limits"} if redis_url else {}
        self._limiter = MovingWindowRateLimiter(storage_from_string(uri, **options))

    async def hit(self, kind: str, *keys: str) -> None:
        """Count one more `kind` for `keys`; `Throttled` when that is one too many."""
        rate, key = self.rates[kind], self._pseudonym("\x1f".join(keys))
        try:
            if await self._limiter.hit(rate, kind, key):
                return
            reset, _ = await self._limiter.get_window_stats(rate, kind, key)
        except Exception:  # Redis away: serving beats throttling, and the log says so
            log.warning("rate limits could not be counted (is Redis up?); letting %s through", kind)
            return
        raise Throttled(max(1, math.ceil(reset - time.time())))

    async def forget(self, kind: str, *keys: str) -> None:
        """Start counting `kind` for `keys` afresh (a staff login that succeeded, say)."""
        try:
            await self._limiter.clear(self.rates[kind], kind, self._pseudonym("\x1f".join(keys)))
        except Exception:
            log.warning("a rate limit could not be reset (is Redis up?)")
