"""What the WSGI fast paths share: a per-process store of finished answers, and sending one.

The badge fast path (public/fastpath.py) and the public-read fast path (api/fastpath.py)
keep a copy of answers Django already gave, labelled with what made them current, and send
that copy again while it still is. This module knows nothing about what makes an answer
current; it stores, evicts, captures and sends.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from django.utils.http import parse_etags

StartResponse = Callable[..., object]

# Headers of the 200 that do not describe a body-less 304.
_NOT_ON_304 = {"content-type", "content-length"}


@dataclass(frozen=True)
class Kept:
    """A finished 200 answer, and what it was current under."""

    validator: Hashable  # the generation(s) the answer was built in
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    # The invalidation epoch and the moment the answer was last known current.
    epoch: int | None
    checked_at: float
    # The request headers the answer varies on (its Vary header), and their values then.
    varied: tuple[tuple[str, str | None], ...] = ()
    # When Django built it: a copy is never sent once older than its path's lifetime, however
    # current its validator looks (a lost generation bump must not keep it forever).
    created_at: float = 0.0

    def older_than(self, seconds: float, now: float) -> bool:
        return now - self.created_at >= seconds


def keep(answer: Answer, validator: Hashable, epoch: int | None, varied=()) -> Kept:
    """A copy of a keepable answer, current under `validator` and `epoch` as of now."""
    now = time.monotonic()
    return Kept(
        validator=validator,
        headers=tuple(answer.headers),
        body=answer.body,
        etag=answer.header("ETag"),
        epoch=epoch,
        checked_at=now,
        varied=tuple(varied),
        created_at=now,
    )


def size_of(value) -> int:
    """Roughly the bytes a key or a copy holds: its strings and bytes, however nested."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, tuple | list):
        return sum(size_of(item) for item in value)
    return 8


def kept_size(key: Hashable, entry: Kept) -> int:
    return size_of(key) + len(entry.body) + size_of(entry.headers) + size_of(entry.varied)


class KeptStore:
    """Least recently used answers of this process, bounded in number and in bytes (keys,
    headers and bodies all counted). Safe for threaded workers."""

    def __init__(self, size: int, max_bytes: int | None = None):
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        self.entries: OrderedDict[Hashable, Kept] = OrderedDict()
        self.sizes: dict[Hashable, int] = {}
        self.lock = threading.Lock()

    def get(self, key: Hashable) -> Kept | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: Hashable, entry: Kept) -> None:
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = entry
            self.sizes[key] = kept_size(key, entry)
            self.bytes += self.sizes[key]
            while self.entries and (
                len(self.entries) > self.size
                or (self.max_bytes is not None and self.bytes > self.max_bytes)
            ):
                self._drop(next(iter(self.entries)))

    def _drop(self, key: Hashable) -> None:
        del self.entries[key]
        self.bytes -= self.sizes.pop(key)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.sizes.clear()
            self.bytes = 0


def etag_matches(header: str, etag: str) -> bool:
    """An If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET) or
    is "*". The one comparison every conditional GET here uses."""
    wanted = {tag.removeprefix("W/") for tag in parse_etags(header)}
    return etag in wanted or "*" in wanted


def send_kept(kept: Kept, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
    """The kept answer, or a 304 when the request already holds it."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None and etag_matches(if_none_match, kept.etag):
        headers = [(n, v) for n, v in kept.headers if n.lower() not in _NOT_ON_304]
        # Django's CommonMiddleware gives the view's empty 304 a length of 0.
        start_response("304 Not Modified", [*headers, ("Content-Length", "0")])
        return [b""]
    start_response("200 OK", list(kept.headers))
    return [b"" if environ["REQUEST_METHOD"] == "HEAD" else kept.body]


@dataclass(frozen=True)
class Answer:
    status: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None

    @property
    def keepable(self) -> bool:
        """A 200 with a validator and nothing personal in it."""
        return (
            self.status.startswith("200 ")
            and self.header("ETag") is not None
            and self.header("Set-Cookie") is None
        )


def ask(
    application, environ: dict, start_response: StartResponse, wanted: Callable[[], bool] = None
) -> tuple[Answer | None, Iterable[bytes]]:
    """Run the application, passing its answer on, and return that answer with its body.

    With `wanted`, asked once Django has answered, a body nobody wants to keep is passed on as
    the application gave it (a streamed export stays streamed) and no answer is returned."""
    answer: dict = {}

    def capture(status, headers, exc_info=None):
        answer.update(status=status, headers=headers)
        return start_response(status, headers, exc_info)

    result = application(environ, capture)
    if wanted is not None and not wanted():
        return None, result
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return Answer(answer.get("status", ""), answer.get("headers", []), body), [body]
