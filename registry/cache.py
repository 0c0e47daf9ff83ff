"""A Redis cache that treats an unreachable Redis as an empty one.

Django's RedisCache raises on every connection error, so a Redis outage would turn every
request that touches the cache (badges, API reads, throttling, the sign-in throttle) into a
500. The cache only ever makes us faster: while Redis cannot be reached, reads miss, writes
and deletes are dropped, and the app answers from the database, just slower.

After a failure, Redis is left alone for `RETRY_SECONDS`, so an outage costs one failed
connection per process every few seconds, not one per cache call.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _call(self, method: str, fallback, *args, **kwargs):
        if self.is_down:
            return fallback
        try:
            return getattr(super(), method)(*args, **kwargs)
        except _UNREACHABLE as error:
            self._down_until = time.monotonic() + RETRY_SECONDS
            logger.warning("Cache unreachable, answering without it for a while: %s", error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call("incr", missing, key, delta, version)
        if result is missing:
            # What a missing key answers, so callers' own fallbacks apply.
            raise ValueError(f"Key '{key}' not found (cache unreachable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = list(data)
        return self._call("set_many", failed, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)
