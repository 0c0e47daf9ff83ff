"""Badges answered before Django's middleware and URL resolution run: a small WSGI wrapper.

A badge is fetched on every view of every page that embeds it, so its cost per request is
what decides how many servers the registry needs. The first `GET` of a badge variant goes
through Django as usual (`public/views/badges.py`: shared cache, database, last-known-good
copy). The wrapper keeps that final response (status line, every header the view and the
middleware set, body) in a small per-process store, under the badge generations it read
*before* asking Django. Later requests for the same variant cost one cache round trip that
fetches the two current generations; when they still match, the stored response is sent as it
is (or a 304), without Django. Any public change of the claim, or an edit of the verdict
scale, starts a new generation in the shared cache, so every process stops using its copy at
its next request: a changed verdict is visible at once, across workers and servers.

With Redis as the cache, the generations need not even be fetched: every invalidation is
also published (public/badge_events.py), each process polls its subscription socket without
waiting, and a kept answer checked since the last message is sent straight away. Without a
subscription (local-memory cache, Redis restarting) each request fetches the generations.

Only successful (200) badge answers are kept, so drafts, unknown ids, outages and hostile
paths always reach the view; a request this module does not understand is passed on too.
Reading the generations before Django renders keeps the store safe against a change landing
meanwhile: the copy is then labelled with the older generation and dropped on the next request.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import parse_qs

from public import badge_cache, badge_events
from public.badges import badge_style
from public.language import negotiate_language
from public.views.badges import PUBLIC_ID, badge_variant
from registry.kept_answers import KeptStore, StartResponse, ask, keep, send_kept

logger = logging.getLogger(__name__)

BADGE_PATH = re.compile(r"/badge/(?P<public_id>[^/.]{1,40})\.(?P<kind>svg|json)")
MAX_ENTRIES = 2048
# Requests whose variant is remembered (cleared when full), and the longest remembered.
MAX_REMEMBERED = 4 * MAX_ENTRIES
MAX_REMEMBERED_CHARS = 512
# A kept answer is re-checked against the shared generations at least this often, even when
# no invalidation arrived: a bound on the harm of a message that never came.
TRUST_SECONDS = 10.0
# However current its generations look, a kept badge is asked for again after this long: a
# generation change lost to a cache outage is bounded.
MAX_AGE_SECONDS = 600.0


class BadgeFastPath:
    """WSGI middleware: `BadgeFastPath(get_wsgi_application())`."""

    def __init__(self, application, size: int = MAX_ENTRIES):
        self.application = application
        self.store = KeptStore(size)
        self.invalidations = badge_events.Invalidations()
        # (path, query string, Accept-Language) -> what it asks for (`_variant`).
        self.variants: dict[tuple[str, str, str], tuple | None] = {}

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        path = environ.get("PATH_INFO", "")
        if not path.startswith("/badge/"):
            return self.application(environ, start_response)
        asked = (
            path,
            environ.get("QUERY_STRING", ""),
            environ.get("HTTP_ACCEPT_LANGUAGE", ""),
        )
        key = self.variants.get(asked, _UNREAD)
        if key is _UNREAD:
            key = _variant(*asked)
            # What a request asks for depends on these three strings alone: remembered, a
            # badge skips the regular expressions, the query parsing and the language choice.
            if sum(map(len, asked)) <= MAX_REMEMBERED_CHARS:
                if len(self.variants) >= MAX_REMEMBERED:
                    self.variants.clear()
                self.variants[asked] = key
        if key is None:
            return self.application(environ, start_response)
        public_id = key[0]
        epoch = self.invalidations.poll()
        stored = self.store.get(key)
        now = time.monotonic()
        if stored is not None and stored.older_than(MAX_AGE_SECONDS, now):
            stored = None
        if (
            stored is not None
            and epoch is not None
            and stored.epoch == epoch
            and now - stored.checked_at < TRUST_SECONDS
        ):
            return send_kept(stored, environ, start_response)
        try:
            generations = badge_cache.current_generations(public_id)
        except Exception:  # a cache outage: the view knows how to answer without one
            logger.exception("Badge fast path could not read the generations")
            return self.application(environ, start_response)
        if generations is None:
            return self.application(environ, start_response)
        if stored is not None and stored.validator == generations:
            self.store.put(key, replace(stored, epoch=epoch, checked_at=now))
            return send_kept(stored, environ, start_response)
        if method != "GET":
            return self.application(environ, start_response)
        return self._ask_django(key, generations, epoch, environ, start_response)

    def _ask_django(
        self, key, generations, epoch: int | None, environ: dict, start_response
    ) -> Iterable[bytes]:
        answer, body = ask(self.application, environ, start_response)
        if answer.keepable:
            self.store.put(key, keep(answer, generations, epoch))
        return body


_UNREAD = object()


def _variant(path: str, query_string: str, accept_language: str) -> tuple | None:
    """The kept-answer key (public id, variant) a badge request asks for; None for any other
    request."""
    match = BADGE_PATH.fullmatch(path)
    if match is None or not PUBLIC_ID.fullmatch(match["public_id"]):
        return None
    public_id, kind = match["public_id"], match["kind"]
    query = parse_qs(query_string, keep_blank_values=True)
    lang = negotiate_language(_last(query, "lang"), accept_language)
    style = badge_style(_last(query, "style") if kind == "svg" else None)
    return (public_id, badge_variant(kind, lang, style))


def _last(query: dict[str, list[str]], name: str) -> str | None:
    # Django's QueryDict.get returns the last of repeated parameters: so must this.
    values = query.get(name)
    return values[-1] if values else None
