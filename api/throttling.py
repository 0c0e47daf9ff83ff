"""Request limits, read from settings.API_THROTTLE_RATES at each request ("off": no limit)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


def configured_rate(scope: str) -> str | None:
    # DRF keeps one timestamp per request in the cache for each client, so a limit too high
    # to matter still costs a growing list per request: switching it off is the way to
    # have none (behind a proxy or CDN that limits clients itself).
    rate = settings.API_THROTTLE_RATES.get(scope)
    return None if rate is None or rate.strip().lower() == "off" else rate


class AnonymousThrottle(AnonRateThrottle):
    scope = "anon"

    def get_rate(self) -> str | None:
        return configured_rate(self.scope)


class AuthenticatedThrottle(UserRateThrottle):
    scope = "user"

    def get_rate(self) -> str | None:
        return configured_rate(self.scope)
