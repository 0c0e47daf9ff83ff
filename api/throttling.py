"""Request limits, read from settings.API_THROTTLE_RATES at each request ("off": no limit).

A client is its address as read through the trusted proxies (registry/client_address.py).
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from registry import client_address


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


class AnonymousThrottle(_RegistryThrottle, AnonRateThrottle):
    scope = "anon"


class AuthenticatedThrottle(_RegistryThrottle, UserRateThrottle):
    scope = "user"
