"""The public read cache, and conditional GET for public reads.

Every cached response's key holds the current *generation*: the moment of the last change
the public can see. Any such change starts a new generation, so all cached pages are dropped
at once without having to know which pages showed the changed claim. The generation also
serves as `Last-Modified`: nothing public has changed since it began.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from rest_framework import status
from rest_framework.response import Response

from public import badge_events
from registry.kept_answers import etag_matches

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
    # Every process's fast path (api/fastpath.py) stops trusting its copies at once.
    badge_events.announce(None)


def body_etag(body: bytes) -> str:
    return quote_etag(hashlib.sha256(body).hexdigest()[:32])


def _not_modified(request, etag: str, last_modified: int) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return etag_matches(if_none_match, etag)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified <= since


def _rendered(view, request, response) -> bytes:
    """The body as the response will send it, rendered now so that the bytes are kept."""
    if not isinstance(response, Response):
        return response.content  # written by the view itself
    response.accepted_renderer = request.accepted_renderer
    response.accepted_media_type = request.accepted_media_type
    response.renderer_context = view.get_renderer_context()
    response.render()
    return response.content


def cached_public_read(view, request, key_parts: str, build: Callable[[], Response]):
    """Answer a public GET from the cache, or build, cache and answer it; 304 when unchanged.

    The rendered bytes are kept, not the data, so a hit costs no serializing: the key holds
    the media type the request negotiated. A successful answer is also offered to the
    process's fast path (api/fastpath.py) under the generation it was read in.
    """
    generation = current_generation()
    media_type = request.accepted_media_type
    # Links in a body are absolute: the scheme and host are part of what was asked for.
    origin = request.build_absolute_uri("/")
    digest = hashlib.sha256(f"{key_parts}\n{media_type}\n{origin}".encode()).hexdigest()
    key = f"api:public:{generation}:{digest}"
    entry = cache.get(key)
    if entry is None:
        response = build()
        if response.status_code != status.HTTP_200_OK:
            return response
        body = _rendered(view, request, response)
        entry = {"body": body, "content_type": response["Content-Type"], "etag": body_etag(body)}
        cache.set(key, entry, timeout=settings.API_CACHE_TIMEOUT)
    etag = entry["etag"]
    if _not_modified(request, etag, generation):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["body"], content_type=entry["content_type"])
        offer_to_fast_path(request, generation)
    response["ETag"] = etag
    # A burst of changes can push the generation a few seconds ahead of the clock; never
    # announce a date in the future (the 304 check above still uses the generation itself).
    response["Last-Modified"] = http_date(min(generation, int(time.time())))
    response["Cache-Control"] = (
        f"public, max-age={settings.API_CACHE_MAX_AGE}, s-maxage={settings.API_CACHE_S_MAXAGE}"
    )
    return response


# The WSGI environ key through which a view tells the fast path that its answer may be kept.
FAST_PATH_OFFER = "claimreg.public_read"


def offer_to_fast_path(request, generation: int) -> None:
    offer = request.META.get(FAST_PATH_OFFER)
    if offer is not None:
        offer["generation"] = generation
