"""Request limits, read from settings.API_THROTTLE_RATES at each request ("off": no limit).

A client is its address as read through the trusted proxies (core/client_address.py).
Requests are counted in the shared cache; while it cannot be reached they are counted in
this process's memory instead, so a Redis outage raises the limit to at most the limit times
the number of processes, rather than lifting it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from core import client_address

# Only used while the shared cache is down; what it holds expires with the rate's period.
counts_in_this_process = LocMemCache(
    "api-throttle-while-the-cache-is-down", {"OPTIONS": {"MAX_ENTRIES": 10_000}}
)


def configured_rate(scope: str) -> str | None:
    # DRF keeps one timestamp per request in the cache for each client, so a limit too high
    # to matter still costs a growing list per request: switching it off is the way to
    # have none (behind a proxy or CDN that limits clients itself).
    rate = settings.API_THROTTLE_RATES.get(scope)
    return None if rate is None or rate.strip().lower() == "off" else rate


class _RegistryThrottle:
    def get_rate(self) -> str | None:
        return configured_rate(self.scope)

    def get_ident(self, request) -> str:
        return client_address.of_request(request) or ""

    def allow_request(self, request, view) -> bool:
        shared = caches["default"]
        self.cache = shared
        allowed = super().allow_request(request, view)
        # An unreachable Redis answers every read with "no requests yet": counting there
        # would let every request through.
        if getattr(shared, "is_down", False):
            self.cache = counts_in_this_process
            allowed = super().allow_request(request, view)
        return allowed


class AnonymousThrottle(_RegistryThrottle, AnonRateThrottle):
    scope = "anon"


class AuthenticatedThrottle(_RegistryThrottle, UserRateThrottle):
    scope = "user"
