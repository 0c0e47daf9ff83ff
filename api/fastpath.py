"""Public API reads answered before Django runs, from a copy this process already sent.

The shared public-read cache (api/caching.py) keeps rendered bodies, so a hit costs no
database; but it still costs Django's middleware, URL resolution, DRF's request handling
and a cache round trip. This WSGI wrapper keeps, per process, the final answer (status line,
every header the view and the middleware set, body) of each public read Django answered
with a 200, under the public *generation* the view read. A later request for the same
address, from the same host and with the same values of the headers the answer varies on
(its `Vary`: `Accept`, `Accept-Language`, `Origin`…), is answered with that copy while the
generation still holds, or with a 304 when its `If-None-Match` matches.

Which answers may be kept is the view's decision, never this module's: only a view that
went through `cached_public_read` marks its answer (`api.caching.FAST_PATH_OFFER` in the
WSGI environ), so drafts, the desk API, errors and anything personal always reach Django.

Currency: every public change starts a new generation and also publishes a message (the
same channel as badges, public/badge_events.py). Each process polls its subscription without
waiting; a copy checked since the last message, and within the last `TRUST_SECONDS`, is sent
straight away. Otherwise the generation is read from the shared cache first (one round
trip), and without a shared cache that can say (a dummy cache, Redis down) the request goes
to Django. The copy is labelled with the generation the view read *before* it read the
database, so a change landing meanwhile only makes the copy look older than it is.

Rate limits count requests that reach Django. A copy sent from here costs about as much as
a badge and is not counted, as a CDN in front would not count it either (docs/security.md).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import replace

from django.conf import settings
from django.core.cache import cache

from api.caching import FAST_PATH_OFFER, GENERATION_KEY
from public import badge_events
from registry.kept_answers import KeptStore, StartResponse, ask, keep, send_kept, size_of

logger = logging.getLogger(__name__)

PREFIX = "/api/"
MAX_ENTRIES = 4096
# Kept bodies of one process, all together; a list page of 50 claims is about 100 KB.
MAX_BYTES = 64 * 1024 * 1024
# A body larger than this (a whole feed, say) is not worth a place in the store.
MAX_BODY = 2 * 1024 * 1024
TRUST_SECONDS = 10.0
# A request whose key (address, query, cookies…) is longer than this is answered but not kept.
MAX_KEY_BYTES = 4096
_USUAL_VARY = ("HTTP_ACCEPT", "HTTP_ACCEPT_LANGUAGE", "HTTP_ORIGIN", "HTTP_COOKIE")


def _shared_generation() -> int | None:
    """The current public generation as the shared cache holds it; None if it cannot say."""
    try:
        return cache.get(GENERATION_KEY)
    except Exception:  # a cache outage: Django knows how to answer without one
        logger.exception("Public-read fast path could not read the generation")
        return None


def _vary(header: str | None) -> tuple[str, ...] | None:
    """The request headers named by a Vary header, as environ keys; None for `*`."""
    if not header:
        return ()
    names = [name.strip().lower() for name in header.split(",") if name.strip()]
    if "*" in names:
        return None
    return tuple(sorted({"HTTP_" + name.upper().replace("-", "_") for name in names}))


class PublicReadFastPath:
    """WSGI middleware: `PublicReadFastPath(get_wsgi_application())`."""

    def __init__(self, application, size: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.application = application
        self.store = KeptStore(size, max_bytes=max_bytes)
        self.invalidations = badge_events.Invalidations()

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        path = environ.get("PATH_INFO", "")
        if method not in ("GET", "HEAD") or not path.startswith(PREFIX):
            return self.application(environ, start_response)
        key = (
            path,
            environ.get("QUERY_STRING", ""),
            # Everything Django may build the absolute links in a body from.
            environ.get("HTTP_HOST"),
            environ.get("SERVER_NAME"),
            environ.get("SERVER_PORT"),
            environ.get("wsgi.url_scheme"),
            environ.get("HTTP_X_FORWARDED_PROTO"),
            environ.get("HTTP_X_FORWARDED_HOST"),
            environ.get("HTTP_X_FORWARDED_PORT"),
            environ.get("SCRIPT_NAME", ""),
            # What the API's answers vary on today, so that variants are kept side by side;
            # each copy is still checked against its own Vary before it is sent.
            *(environ.get(name) for name in _USUAL_VARY),
        )
        epoch = self.invalidations.poll()
        stored = self.store.get(key)
        now = time.monotonic()
        if (
            stored is not None
            # Never older than the shared cache keeps it: a lost generation bump is bounded.
            and not stored.older_than(settings.API_CACHE_TIMEOUT, now)
            and all(environ.get(name) == value for name, value in stored.varied)
            # If-Modified-Since alone is answered by Django, which knows the dates.
            and ("HTTP_IF_MODIFIED_SINCE" not in environ or "HTTP_IF_NONE_MATCH" in environ)
        ):
            if (
                epoch is not None
                and stored.epoch == epoch
                and now - stored.checked_at < TRUST_SECONDS
            ):
                return send_kept(stored, environ, start_response)
            generation = _shared_generation()
            if generation is not None and generation == stored.validator:
                self.store.put(key, replace(stored, epoch=epoch, checked_at=now))
                return send_kept(stored, environ, start_response)
        if method != "GET":
            return self.application(environ, start_response)
        offer: dict = {}
        environ[FAST_PATH_OFFER] = offer
        answer, body = ask(
            self.application,
            environ,
            start_response,
            wanted=lambda: "generation" in offer and size_of(key) <= MAX_KEY_BYTES,
        )
        if answer is None:
            return body
        generation = offer["generation"]
        vary = _vary(answer.header("Vary"))
        if answer.keepable and vary is not None and len(answer.body) <= MAX_BODY:
            varied = [(name, environ.get(name)) for name in vary]
            self.store.put(key, keep(answer, generation, epoch, varied))
        return body
