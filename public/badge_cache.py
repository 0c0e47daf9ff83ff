"""The last known good copy of each badge: what a badge shows while the database is down.

Current badges are kept like every public answer, under the public generation
(claims/public_cache.py). Beside them, each successful rendering is kept here per claim and
variant for a month. It is only ever sent as stale (public/views/badges.py), and it is
dropped as soon as its claim changes (public/signals.py): a withdrawn claim's old verdict is
never shown again, not even during an outage.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.cache import cache

from claims.badges import STYLES
from public.language import LANGUAGE_CODES

logger = logging.getLogger(__name__)

LAST_KNOWN_GOOD_SECONDS = 30 * 24 * 3600
KINDS = ("svg", "json", "embed")


@dataclass(frozen=True)
class Rendered:
    body: bytes
    content_type: str
    status: int
    etag: str
    # False for the shields.io JSON of an unknown id: a 200 (shields shows only those) that
    # is cached as briefly as a 404, and carries no ETag.
    found: bool = True


def badge_variant(kind: str, lang: str, style: str) -> str:
    """The cache's name for one rendering of a badge."""
    return f"{kind}:{lang}:{style}"


def _key(public_id: str, variant: str) -> str:
    return f"badge:lkg:{public_id}:{variant}"


def keep(public_id: str, variant: str, rendered: Rendered) -> None:
    try:
        cache.set(_key(public_id, variant), rendered, LAST_KNOWN_GOOD_SECONDS)
    except Exception:  # a cache outage must cost the copy, not the badge
        logger.exception("Badge cache store of the last known good copy failed")


def last_known_good(public_id: str, variant: str) -> Rendered | None:
    try:
        return cache.get(_key(public_id, variant))
    except Exception:
        logger.exception("Badge cache read of the last known good copy failed")
        return None


def forget(public_ids: list[str]) -> None:
    """Drop every variant of these claims' copies."""
    variants = [
        badge_variant(kind, lang, style if kind == "svg" else STYLES[0])
        for kind in KINDS
        for lang in LANGUAGE_CODES
        for style in STYLES
    ]
    keys = {_key(public_id, variant) for public_id in public_ids for variant in variants}
    try:
        cache.delete_many(list(keys))
    except Exception:
        logger.exception("Badge cache could not drop last known good copies")
