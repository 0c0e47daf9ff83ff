"""Badge invalidations pushed to every app process through Redis publish/subscribe.

The badge fast path (public/fastpath.py) keeps finished answers in each process. To use one
without asking the shared cache first, the process must know that nothing changed since it
was stored. Every invalidation (public/badge_cache.py) therefore also publishes a message on
a channel each process subscribes to. A process reads pending messages at the start of each
badge request with a zero-timeout poll of its own socket (no round trip): any message bumps
its *epoch*, and a kept answer is used only under the epoch it was checked in.

Redis writes a published message to every subscriber in the same turn of its event loop as
it answers the publisher, so by the time another request can ask for the changed badge the
message is waiting in the socket (the process that announced drops its own copies at once,
without waiting for its socket). When the subscription is down (no Redis, a restart, a lost
connection) `poll` returns None and the fast path checks the shared generations on every
request instead: slower, never staler.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import select
import threading
import time
import weakref

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1.0
SUBSCRIBE_TIMEOUT_SECONDS = 1.0


def _redis_location() -> str | None:
    """The Redis URL the default cache uses, or None for any other cache backend."""
    config = settings.CACHES["default"]
    if not _is_redis(config["BACKEND"]):
        return None
    location = config["LOCATION"]
    # Several locations: Django writes to the first, and so do we.
    return location[0] if isinstance(location, list | tuple) else _first_location(location)


@functools.cache
def _first_location(location: str) -> str:
    # Asked on every badge request; Django splits on , and ;.
    return re.split("[;,]", location)[0]


def channel() -> str:
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    return f"{prefix}:badge-invalidations"


@functools.cache
def _is_redis(backend: str) -> bool:
    # Django's RedisCache or a subclass of it, such as registry.cache.TolerantRedisCache.
    return issubclass(import_string(backend), RedisCache)


_publisher: dict = {}
# After a failed announcement, Redis is left alone this long: a change made while Redis is
# down must not wait on it once per announcement.
ANNOUNCE_RETRY_SECONDS = 5.0
_announce_down_until: dict = {}


def announce(public_id: str | None) -> None:
    """Tell every process that a claim's badges (or, for None, all badges) changed."""
    location = _redis_location()
    if location is None:
        return
    # This process knows at once. Redis answers the publisher in the same turn of its event
    # loop as it writes to the subscribers, but a message can still reach this process's own
    # socket a moment after the answer does.
    for subscription in list(_subscriptions):
        subscription.changed()
    import redis

    key = (_pid, location)
    if time.monotonic() < _announce_down_until.get(key, 0.0):
        return
    try:
        client = _publisher.get(key)
        if client is None:
            # The cache's own timeouts: announcing may cost what a cache call costs, no more.
            options = settings.CACHES["default"].get("OPTIONS", {})
            client = _publisher[key] = redis.Redis.from_url(
                location,
                socket_connect_timeout=options.get("socket_connect_timeout", 0.5),
                socket_timeout=options.get("socket_timeout", 0.5),
            )
        client.publish(channel(), public_id or "*")
    except (redis.RedisError, OSError):
        # The generation was changed in the same Redis: if that worked, subscribers whose
        # connection is fine get this message; if not, they lose their connection too (and
        # each process re-checks the generations on every request until it subscribes again).
        _announce_down_until[key] = time.monotonic() + ANNOUNCE_RETRY_SECONDS
        logger.warning("Invalidation could not be announced; Redis left alone for a while")


_pid = os.getpid()
_subscriptions: weakref.WeakSet = weakref.WeakSet()


def _forked() -> None:
    # os.getpid() is a system call; a badge asks for the process's id on every request.
    global _pid
    _pid = os.getpid()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


class Invalidations:
    """One process's subscription; `poll()` gives the current epoch, or None if not listening."""

    def __init__(self):
        _subscriptions.add(self)
        self.lock = threading.Lock()
        self.pid: int | None = None
        self.pubsub = None
        # The subscription's socket once it is watched, and each thread's poll() of it.
        self.watched = None
        self.threads = threading.local()
        self.reading = False
        self.epoch = 0
        self.retry_at = 0.0

    def poll(self) -> int | None:
        location = _redis_location()
        if location is None:
            return None
        # Nothing arrived: no lock, which the worker's threads would otherwise queue on for
        # every badge. The socket is looked at first: a thread that has just emptied it is
        # still `reading` until the epoch counts what it read.
        if self.pid == _pid and self._quiet() and not self.reading:
            return self.epoch
        with self.lock:
            if self.pid != _pid:
                # A forked worker must not read its parent's socket: start its own.
                self.pid, self.pubsub = _pid, None
                self.watched = None
            if self.pubsub is None and not self._subscribe(location):
                return None
            if self._quiet():
                return self.epoch
            if self.watched is not None and self._reconnected():
                # redis-py connected again on its own: messages sent in between are lost, so
                # what was kept goes; the new socket is watched from the end of this read.
                self.watched = None
                self.epoch += 1
            self.reading = True
            try:
                while self.pubsub.get_message(timeout=0) is not None:
                    self.epoch += 1
            except Exception:
                logger.exception("Badge invalidation subscription lost")
                self._drop()
                return None
            finally:
                self.reading = False
            if self.watched is None:
                # Only now that redis-py holds no whole message is a quiet socket enough.
                self._watch(self.pubsub)
            return self.epoch

    def changed(self) -> None:
        """A change made in this process: what was kept goes, whatever the socket says."""
        with self.lock:
            self.epoch += 1

    def _quiet(self) -> bool:
        """Nothing has arrived since the last read: the socket has nothing to read.

        A zero-timeout poll of the socket is a system call (0.3 µs); asking redis-py for a
        message is 4 µs, a third of a kept badge. Once the socket wakes, redis-py is asked
        until it has no message left, so no whole message ever waits in its buffer behind a
        quiet socket (the rest of a partly read one wakes the socket again); a closed or
        broken socket reads as awake. Each thread polls with its own poll object: one object
        cannot be polled by two threads at once.
        """
        pubsub, watched = self.pubsub, self.watched
        if pubsub is None or watched is None:
            return False
        if getattr(pubsub.connection, "_sock", None) is not watched:
            return False  # redis-py connected again on its own (see poll)
        mine = self.threads
        try:
            if getattr(mine, "sock", None) is not watched:
                mine.poller = select.poll()
                mine.poller.register(watched.fileno(), select.POLLIN)
                mine.sock = watched
            return not mine.poller.poll(0)
        except (ValueError, OSError):
            return False  # closed under us by a reconnect: read it as awake (see poll)

    def _reconnected(self) -> bool:
        return getattr(self.pubsub.connection, "_sock", None) is not self.watched

    def _watch(self, pubsub) -> None:
        # redis-py keeps its socket private; without it (another version, no poll() here)
        # every request asks redis-py, as before.
        sock = getattr(pubsub.connection, "_sock", None)
        if sock is not None and hasattr(select, "poll"):
            self.watched = sock

    def _subscribe(self, location: str) -> bool:
        if time.monotonic() < self.retry_at:
            return False
        import redis

        try:
            pubsub = redis.Redis.from_url(
                location, socket_timeout=SUBSCRIBE_TIMEOUT_SECONDS, socket_keepalive=True
            ).pubsub()
            pubsub.subscribe(channel())
            confirmation = pubsub.get_message(timeout=SUBSCRIBE_TIMEOUT_SECONDS)
            if confirmation is None or confirmation["type"] != "subscribe":
                raise redis.ConnectionError("no subscription confirmed")
        except (redis.RedisError, OSError):
            logger.warning("Badge invalidations: no subscription; checking every request")
            self.retry_at = time.monotonic() + RETRY_SECONDS
            return False
        self.pubsub = pubsub
        # Whatever was kept before this subscription may have missed a message.
        self.epoch += 1
        return True

    def _drop(self) -> None:
        # Already broken; only the socket is left to free.
        with contextlib.suppress(Exception):
            self.pubsub.close()
        self.pubsub = None
        self.watched = None
        self.epoch += 1
        self.retry_at = time.monotonic() + RETRY_SECONDS
