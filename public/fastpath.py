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
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from urllib.parse import parse_qs

from public import badge_cache, badge_events
from public.badges import badge_style
from public.language import negotiate_language
from public.views.badges import PUBLIC_ID, badge_variant

logger = logging.getLogger(__name__)

BADGE_PATH = re.compile(r"/badge/(?P<public_id>[^/.]{1,40})\.(?P<kind>svg|json)")
MAX_ENTRIES = 2048
# A kept answer is re-checked against the shared generations at least this often, even when
# no invalidation arrived: a bound on the harm of a message that never came.
TRUST_SECONDS = 10.0
# Headers of the 200 that do not describe a body-less 304.
_NOT_ON_304 = {"content-type", "content-length"}

StartResponse = Callable[..., object]


@dataclass(frozen=True)
class Stored:
    generations: badge_cache.Generations
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    # The invalidation epoch and moment it was last known current (see `BadgeFastPath`).
    epoch: int | None
    checked_at: float


class _Store:
    """Least recently used badge answers of this process; safe for threaded workers."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[tuple[str, str], Stored] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> Stored | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: tuple[str, str], entry: Stored) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


def _etag_matches(header: str, etag: str) -> bool:
    # The same weak comparison as public.headers.etag_matches, on the raw header.
    wanted = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in wanted or "*" in wanted


class BadgeFastPath:
    """WSGI middleware: `BadgeFastPath(get_wsgi_application())`."""

    def __init__(self, application, size: int = MAX_ENTRIES):
        self.application = application
        self.store = _Store(size)
        self.invalidations = badge_events.Invalidations()

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        match = BADGE_PATH.fullmatch(environ.get("PATH_INFO", ""))
        if match is None or not PUBLIC_ID.fullmatch(match["public_id"]):
            return self.application(environ, start_response)
        public_id, kind = match["public_id"], match["kind"]
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        lang = negotiate_language(_last(query, "lang"), environ.get("HTTP_ACCEPT_LANGUAGE", ""))
        style = badge_style(_last(query, "style") if kind == "svg" else None)
        key = (public_id, badge_variant(kind, lang, style))
        epoch = self.invalidations.poll()
        stored = self.store.get(key)
        now = time.monotonic()
        if (
            stored is not None
            and epoch is not None
            and stored.epoch == epoch
            and now - stored.checked_at < TRUST_SECONDS
        ):
            return self._answer(stored, environ, start_response)
        try:
            generations = badge_cache.current_generations(public_id)
        except Exception:  # a cache outage: the view knows how to answer without one
            logger.exception("Badge fast path could not read the generations")
            return self.application(environ, start_response)
        if generations is None:
            return self.application(environ, start_response)
        if stored is not None and stored.generations == generations:
            self.store.put(key, replace(stored, epoch=epoch, checked_at=now))
            return self._answer(stored, environ, start_response)
        if method != "GET":
            return self.application(environ, start_response)
        return self._ask_django(key, generations, epoch, environ, start_response)

    def _answer(self, stored: Stored, environ: dict, start_response) -> Iterable[bytes]:
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None and _etag_matches(if_none_match, stored.etag):
            headers = [(n, v) for n, v in stored.headers if n.lower() not in _NOT_ON_304]
            # Django's CommonMiddleware gives the view's empty 304 a length of 0.
            start_response("304 Not Modified", [*headers, ("Content-Length", "0")])
            return [b""]
        start_response("200 OK", list(stored.headers))
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else stored.body]

    def _ask_django(
        self, key, generations, epoch: int | None, environ: dict, start_response
    ) -> Iterable[bytes]:
        answer: dict = {}

        def capture(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        result = self.application(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        headers = answer.get("headers", [])
        names = {name.lower(): value for name, value in headers}
        # Only a 200 with its validator and nothing personal in it (a 304 answered a
        # conditional request and has no body to keep).
        if (
            answer.get("status", "").startswith("200 ")
            and "etag" in names
            and "set-cookie" not in names
        ):
            self.store.put(
                key,
                Stored(
                    generations=generations,
                    headers=tuple(headers),
                    body=body,
                    etag=names["etag"],
                    epoch=epoch,
                    checked_at=time.monotonic(),
                ),
            )
        return [body]


def _last(query: dict[str, list[str]], name: str) -> str | None:
    # Django's QueryDict.get returns the last of repeated parameters: so must this.
    values = query.get(name)
    return values[-1] if values else None
