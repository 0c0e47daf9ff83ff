"""Deployment checks of our own, run by `manage.py check --deploy`."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def proxies_are_named_when_behind_one(app_configs, **kwargs) -> list[Warning]:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not settings.TRUSTED_PROXIES:
        return [
            Warning(
                "BEHIND_TLS_PROXY is on but TRUSTED_PROXIES is empty: every client has the "
                "proxy's address, so one guesser's failed sign-ins lock every editor out and "
                "all readers share one API rate limit.",
                hint="Set TRUSTED_PROXIES to the proxy's address, e.g. 127.0.0.1.",
                id="registry.W001",
            )
        ]
    return []
