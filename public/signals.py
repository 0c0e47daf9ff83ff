"""A changed claim's last known good badges go: an outage never shows what it was before."""

from __future__ import annotations

from django.dispatch import receiver

from claims.public_changes import public_claims_changed
from public import badge_cache


@receiver(public_claims_changed, dispatch_uid="public.badge_cache.forget")
def claims_changed(sender, public_ids: list[str], **kwargs) -> None:
    badge_cache.forget(public_ids)
