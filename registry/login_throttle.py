"""Slow down password guessing on the admin sign-in.

Failed sign-ins are counted per account name and per client address in the cache; past the
limit, further attempts are refused for a cool-down period without checking the password,
so a guesser learns nothing. A successful sign-in clears the account's counter.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

FAILURES_ALLOWED = getattr(settings, "LOGIN_FAILURES_ALLOWED", 5)
COOL_DOWN_SECONDS = getattr(settings, "LOGIN_COOL_DOWN_SECONDS", 15 * 60)


def _keys(username: str, address: str) -> list[str]:
    def key(kind: str, value: str) -> str:
        digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
        return f"login-failures:{kind}:{digest}"

    keys = [key("address", address or "unknown")]
    if username:
        keys.append(key("account", username))
    return keys


def is_locked(username: str, address: str) -> bool:
    counts = cache.get_many(_keys(username, address))
    return any(count >= FAILURES_ALLOWED for count in counts.values())


def record_failure(username: str, address: str) -> None:
    for key in _keys(username, address):
        # add() starts the window; incr() keeps its original expiry.
        if not cache.add(key, 1, COOL_DOWN_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, COOL_DOWN_SECONDS)


def record_success(username: str) -> None:
    cache.delete(_keys(username, "")[-1])
