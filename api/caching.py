"""The public read cache, and conditional GET for public reads.

Every cached response's key holds the current *generation*: the moment of the last change
the public can see. Any such change starts a new generation, so all cached pages are dropped
at once without having to know which pages showed the changed claim. The generation also
serves as `Last-Modified`: nothing public has changed since it began.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from rest_framework import status
from rest_framework.response import Response

GENERATION_KEY = "api:public-generation"


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A lost generation (cache restart, eviction) must never revive old pages: start anew.
        generation = int(time.time())
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def start_new_generation(**kwargs) -> None:
    previous = cache.get(GENERATION_KEY) or 0
    # Whole seconds, as HTTP dates have; two changes within a second still differ.
    cache.set(GENERATION_KEY, max(int(time.time()), previous + 1), timeout=None)


def body_etag(data) -> str:
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return quote_etag(hashlib.sha256(payload.encode()).hexdigest()[:32])


def _not_modified(request, etag: str, last_modified: int) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified <= since


def cached_public_read(request, key_parts: str, build: Callable[[], Response]) -> Response:
    """Answer a public GET from the cache, or build, cache and answer it; 304 when unchanged."""
    generation = current_generation()
    digest = hashlib.sha256(key_parts.encode()).hexdigest()
    key = f"api:public:{generation}:{digest}"
    entry = cache.get(key)
    if entry is None:
        response = build()
        if response.status_code != status.HTTP_200_OK:
            return response
        entry = {"data": response.data, "etag": body_etag(response.data)}
        cache.set(key, entry, timeout=settings.API_CACHE_TIMEOUT)
    etag = entry["etag"]
    if _not_modified(request, etag, generation):
        response = Response(status=status.HTTP_304_NOT_MODIFIED)
    else:
        response = Response(entry["data"])
    response["ETag"] = etag
    # A burst of changes can push the generation a few seconds ahead of the clock; never
    # announce a date in the future (the 304 check above still uses the generation itself).
    response["Last-Modified"] = http_date(min(generation, int(time.time())))
    response["Cache-Control"] = (
        f"public, max-age={settings.API_CACHE_MAX_AGE}, s-maxage={settings.API_CACHE_S_MAXAGE}"
    )
    return response
