"""Public answers kept in Django's cache under the public generation, with HTTP validators.

An answer the public may see (an API read, a page, a badge) is built once per generation
(claims/public_changes.py) and kept, whole, with the generation it was built in: any public
change makes every kept answer count no more, at once. Each answer carries an `ETag` (a
digest of its body) and `Last-Modified` (the generation), and a conditional GET that still
holds gets a 304 from Django's own `get_conditional_response`. Only 200s without cookies
that leave `Cache-Control` to this module are kept; errors, drafts, anything personal and
answers that name their own caching (an unknown badge's shields.io JSON) are built every time.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from claims.public_changes import GENERATION_KEY, generation

# Every kept answer's key starts with this (the generation's key does not).
KEY_PREFIX = "public:answer:"

# Set on every answer by the caller, or by `cached_response` itself.
_NOT_KEPT = {"set-cookie", "cache-control", "etag", "last-modified", "content-length"}


def body_etag(body: bytes) -> str:
    return quote_etag(hashlib.sha256(body).hexdigest()[:32])


def _entry(response: HttpResponse, current: int) -> dict:
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _NOT_KEPT]
    body = response.content
    return {"generation": current, "body": body, "headers": headers, "etag": body_etag(body)}


def cached_response(
    request, key: str, build: Callable[[], HttpResponse], *, cache_control: str
) -> HttpResponse:
    """The answer to `request` as kept under the current generation, else built and kept.

    `key` names everything the answer depends on besides the public state (path, query,
    language, media type…). `build` returns a finished (rendered) response. The generation
    and the kept answer are read in one round trip; an answer kept under an older
    generation is built again and replaces it.
    """
    cache_key = KEY_PREFIX + hashlib.sha256(key.encode()).hexdigest()
    found = cache.get_many([GENERATION_KEY, cache_key])
    current = found.get(GENERATION_KEY)
    if current is None:
        current = generation()
    entry = found.get(cache_key)
    if entry is None or entry["generation"] != current:
        response = build()
        # An error, a stream, a cookie, or a 200 that sets its own Cache-Control (the shields.io
        # JSON of an unknown badge) is sent as built: never kept, no validators.
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Cache-Control")
        ):
            return response
        entry = _entry(response, current)
        cache.set(cache_key, entry, timeout=settings.API_CACHE_TIMEOUT)
    response = HttpResponse(entry["body"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    return conditional(
        request, response, etag=entry["etag"], modified=current, cache_control=cache_control
    )


def conditional(
    request, response: HttpResponse, *, etag: str, modified: int | None, cache_control: str
) -> HttpResponse:
    """`response` with its validators, or a 304 when the request already holds it."""
    response.headers["ETag"] = etag
    if modified is not None:
        # A burst of changes can push the generation a few seconds ahead of the clock: never
        # announce a date in the future (the comparison below still uses the generation).
        response.headers["Last-Modified"] = http_date(min(modified, int(time.time())))
    response.headers["Cache-Control"] = cache_control
    return get_conditional_response(request, etag=etag, last_modified=modified, response=response)
