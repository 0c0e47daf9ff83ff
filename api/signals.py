"""What drops the public read cache: every change the public can see.

claims/signals.py turns each committed change that reaches a public claim into
`public_claim_changed`; the verdict scale is listed on its own, so its edits count too.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from api.caching import start_new_generation
from claims.models import Verdict
from claims.workflow import public_claim_changed
from elsewhere.signals import external_reviews_changed


def _claim_changed(sender, **kwargs) -> None:
    start_new_generation()


def _verdict_saved(sender, **kwargs) -> None:
    transaction.on_commit(start_new_generation)


def connect() -> None:
    public_claim_changed.connect(_claim_changed, dispatch_uid="api-public-cache")
    # Imported reviews are among the public answers of similar/ and claims:search.
    external_reviews_changed.connect(_claim_changed, dispatch_uid="api-cache-external")
    post_save.connect(_verdict_saved, sender=Verdict, dispatch_uid="api-cache-verdict")
    post_delete.connect(_verdict_saved, sender=Verdict, dispatch_uid="api-cache-verdict-delete")
