"""Read replicas: reads go to the `replica` database, writes and what follows them to `default`.

Active only when DATABASE_REPLICA_URL is set (registry/settings.py). A replica lags the
primary by a moment, so a reader who has just written must not read from it: whoever
writes, and every unsafe request (POST, PUT, PATCH, DELETE), is pinned to the primary for
the rest of the request, and a short-lived cookie keeps that browser on the primary for
the next few seconds, long enough for the replica to catch up.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "pin_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# Context variables rather than thread-locals: correct under threads and async alike.
_pinned: ContextVar[bool] = ContextVar("database_pinned_to_primary", default=False)
_wrote: ContextVar[bool] = ContextVar("database_written", default=False)


def pin_to_primary() -> None:
    _pinned.set(True)
    _wrote.set(True)


def is_pinned() -> bool:
    return _pinned.get()


class PrimaryReplicaRouter:
    """Send reads to the replica unless this request has written or must see its writes."""

    def db_for_read(self, model, **hints):
        return PRIMARY if _pinned.get() else REPLICA

    def db_for_write(self, model, **hints):
        pin_to_primary()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary's schema through replication, never by migrate.
        return db == PRIMARY


class PinPrimaryAfterWriteMiddleware:
    """Pin a request to the primary when it writes, and keep its browser there for a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        unsafe = request.method not in SAFE_METHODS
        # Each request starts from its own state: a thread reused by the server must not
        # inherit the previous request's pin.
        pinned = _pinned.set(unsafe or PIN_COOKIE in request.COOKIES)
        wrote = _wrote.set(unsafe)
        try:
            response = self.get_response(request)
            # Only a write starts the window; reading while pinned does not extend it.
            if _wrote.get():
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.REPLICA_PIN_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
        finally:
            _wrote.reset(wrote)
            _pinned.reset(pinned)
