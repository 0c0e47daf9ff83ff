"""Keep the badge cache true: drop a claim's badges the moment what the public sees changes."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from claims.models import Verdict
from claims.workflow import public_claim_changed
from public import badge_cache


@receiver(public_claim_changed, dispatch_uid="public.badge_cache.claim")
def claim_changed(sender, claim_id: int, public_id: str, **kwargs) -> None:
    badge_cache.invalidate_claim(public_id)


@receiver(post_save, sender=Verdict, dispatch_uid="public.badge_cache.verdict_saved")
@receiver(post_delete, sender=Verdict, dispatch_uid="public.badge_cache.verdict_deleted")
def verdict_scale_changed(sender, **kwargs) -> None:
    badge_cache.invalidate_all()
