"""Request limits, read from settings.API_THROTTLE_RATES at each request."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    scope = "anon"

    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATES.get(self.scope)


class AuthenticatedThrottle(UserRateThrottle):
    scope = "user"

    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATES.get(self.scope)
