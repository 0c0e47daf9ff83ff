"""The server-side cache of rendered badges, so a badge view is served without the database.

A rendered badge is stored under a key that carries two generations: one per claim, changed
when `public_claim_changed` fires for it, and one for the whole scale, changed when a verdict
row (label, colour) is edited. Changing a generation orphans the old bytes at once; they expire
on their own. A generation is a random token, not a counter, so an evicted generation can
never bring back bytes stored under an old one.

Beside each fresh copy, a long-lived "last known good" copy is kept per claim and variant: it
is what the badge serves when the database is unreachable.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)

FRESH_SECONDS = 24 * 3600
NOT_FOUND_SECONDS = 60  # unknown ids are cheap to re-check and must not fill the cache
LAST_KNOWN_GOOD_SECONDS = 30 * 24 * 3600
# Outlives the bytes stored under it. An expired generation is replaced by a new random one,
# which only costs a re-render; the expiry keeps requests for made-up ids from piling up keys.
CLAIM_GENERATION_SECONDS = 2 * FRESH_SECONDS
_SCALE_GENERATION = "badge:gen"


@dataclass(frozen=True)
class Rendered:
    body: bytes
    content_type: str
    status: int
    etag: str


def _claim_generation_key(public_id: str) -> str:
    return f"badge:gen:{public_id}"


def _generations(public_id: str) -> tuple[str, str]:
    keys = [_SCALE_GENERATION, _claim_generation_key(public_id)]
    found = cache.get_many(keys)
    for key, timeout in zip(keys, (None, CLAIM_GENERATION_SECONDS), strict=True):
        if key not in found:
            cache.add(key, secrets.token_hex(6), timeout)
            found[key] = cache.get(key)
    return found[keys[0]], found[keys[1]]


def fresh_key(public_id: str, variant: str) -> str:
    scale, claim = _generations(public_id)
    return f"badge:{public_id}:{variant}:{scale}:{claim}"


def _last_known_good_key(public_id: str, variant: str) -> str:
    return f"badge:lkg:{public_id}:{variant}"


def lookup(public_id: str, variant: str) -> tuple[str | None, Rendered | None]:
    """The fresh cache key and the bytes stored under it, if any. Never raises."""
    try:
        key = fresh_key(public_id, variant)
        return key, cache.get(key)
    except Exception:  # a cache outage must cost speed, not the badge
        logger.exception("Badge cache lookup failed")
        return None, None


def store(key: str | None, public_id: str, variant: str, rendered: Rendered) -> None:
    if key is None:
        return
    try:
        if rendered.status == 200:
            cache.set(key, rendered, FRESH_SECONDS)
            cache.set(_last_known_good_key(public_id, variant), rendered, LAST_KNOWN_GOOD_SECONDS)
        else:
            cache.set(key, rendered, NOT_FOUND_SECONDS)
    except Exception:
        logger.exception("Badge cache store failed")


def last_known_good(public_id: str, variant: str) -> Rendered | None:
    try:
        return cache.get(_last_known_good_key(public_id, variant))
    except Exception:
        logger.exception("Badge cache read of the last known good copy failed")
        return None


def invalidate_claim(public_id: str) -> None:
    cache.set(_claim_generation_key(public_id), secrets.token_hex(6), CLAIM_GENERATION_SECONDS)


def invalidate_all() -> None:
    cache.set(_SCALE_GENERATION, secrets.token_hex(6), None)
