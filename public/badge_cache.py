"""The server-side cache of rendered badges, so a badge view is served without the database.

Each rendered badge is stored with the two generations it was rendered under: one per claim,
changed when `public_claim_changed` fires for it, and one for the whole scale, changed when a
verdict row (label, colour) is edited. A lookup fetches the entry and both current generations
in one round trip and uses the entry only if they still match, so changing a generation
invalidates at once. A generation is a random token, not a counter, so an evicted generation
can never make an old entry look current.

Beside each entry, a long-lived "last known good" copy is kept per claim and variant: it is
what the badge serves when the database is unreachable.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from django.core.cache import cache

from public import badge_events

logger = logging.getLogger(__name__)

FRESH_SECONDS = 24 * 3600
NOT_FOUND_SECONDS = 60  # unknown ids are cheap to re-check and must not fill the cache
LAST_KNOWN_GOOD_SECONDS = 30 * 24 * 3600
# An expired generation is replaced by a new random one, which only costs a re-render; the
# expiry keeps requests for made-up ids from piling up keys.
CLAIM_GENERATION_SECONDS = 2 * FRESH_SECONDS
_SCALE_GENERATION = "badge:gen"

Generations = tuple[str, str]


@dataclass(frozen=True)
class Rendered:
    body: bytes
    content_type: str
    status: int
    etag: str
    # False for the shields.io JSON of an unknown id: a 200 (shields shows only those) that
    # is cached as briefly as a 404, and carries no ETag.
    found: bool = True


def _claim_generation_key(public_id: str) -> str:
    return f"badge:gen:{public_id}"


def _fresh_key(public_id: str, variant: str) -> str:
    return f"badge:{public_id}:{variant}"


def _last_known_good_key(public_id: str, variant: str) -> str:
    return f"badge:lkg:{public_id}:{variant}"


def lookup(public_id: str, variant: str) -> tuple[Generations | None, Rendered | None]:
    """The current generations and the entry rendered under them, if any. Never raises."""
    fresh, claim_key = _fresh_key(public_id, variant), _claim_generation_key(public_id)
    try:
        found = cache.get_many([fresh, _SCALE_GENERATION, claim_key])
        for key, timeout in ((_SCALE_GENERATION, None), (claim_key, CLAIM_GENERATION_SECONDS)):
            if key not in found:
                cache.add(key, secrets.token_hex(6), timeout)
                found[key] = cache.get(key)
        generations = (found[_SCALE_GENERATION], found[claim_key])
    except Exception:  # a cache outage must cost speed, not the badge
        logger.exception("Badge cache lookup failed")
        return None, None
    entry = found.get(fresh)
    if entry is not None and entry[0] == generations:
        return generations, entry[1]
    return generations, None


def current_generations(public_id: str) -> Generations | None:
    """The generations a badge of `public_id` is valid under now, or None when either is unset.

    One round trip and no writes: the WSGI fast path (public/fastpath.py) checks its copies
    against these on every request, and leaves starting a generation to the view. Raises
    when the cache is unreachable.
    """
    claim_key = _claim_generation_key(public_id)
    found = cache.get_many([_SCALE_GENERATION, claim_key])
    if _SCALE_GENERATION not in found or claim_key not in found:
        return None
    return found[_SCALE_GENERATION], found[claim_key]


def store(
    generations: Generations | None, public_id: str, variant: str, rendered: Rendered
) -> None:
    if generations is None:
        return
    try:
        if rendered.status == 200:
            cache.set(_fresh_key(public_id, variant), (generations, rendered), FRESH_SECONDS)
            cache.set(_last_known_good_key(public_id, variant), rendered, LAST_KNOWN_GOOD_SECONDS)
        else:
            cache.set(_fresh_key(public_id, variant), (generations, rendered), NOT_FOUND_SECONDS)
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
    badge_events.announce(public_id)


def invalidate_all() -> None:
    cache.set(_SCALE_GENERATION, secrets.token_hex(6), None)
    badge_events.announce(None)
