"""What drops the public read cache: every change the public can see."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from api.caching import start_new_generation
from claims.models import Article, Claim, Evidence, Verdict
from claims.workflow import public_claim_changed
from sources.models import Publisher, Source


def _drop_now_and_after_commit() -> None:
    # Now, so this process never serves the old page again; after commit as well, because
    # a reader between now and the commit may have cached what the database still showed.
    start_new_generation()
    transaction.on_commit(start_new_generation)


def _claim_saved(sender, instance: Claim, **kwargs) -> None:
    # Drafts are invisible, so their edits keep the cache; a direct edit of a published
    # claim (a typo fixed in the admin) is visible and drops it.
    if instance.is_public:
        _drop_now_and_after_commit()


def _related_saved(sender, **kwargs) -> None:
    _drop_now_and_after_commit()


def connect() -> None:
    public_claim_changed.connect(start_new_generation, dispatch_uid="api-public-cache")
    post_save.connect(_claim_saved, sender=Claim, dispatch_uid="api-cache-claim")
    post_delete.connect(_claim_saved, sender=Claim, dispatch_uid="api-cache-claim-delete")
    for model in (Article, Evidence, Verdict, Publisher, Source):
        uid = f"api-cache-{model._meta.label_lower}"
        post_save.connect(_related_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_related_saved, sender=model, dispatch_uid=f"{uid}-delete")
