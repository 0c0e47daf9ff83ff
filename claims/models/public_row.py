"""Published claims as the public API lists them, stored ready-made (claims/public_rows.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicRow(models.Model):
    """The claim's list row as JSON, and whether it is still the claim as it stands.

    `revision` goes up, in the writing transaction, with every change the public could see
    (claims/signals.py); `rendered_revision` is the revision `body` was written from. Never
    written by `Claim.save()`, so no save can carry an old revision back.
    """

    claim = models.OneToOneField(
        "claims.Claim",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="public_row",
        verbose_name=_("claim"),
    )
    revision = models.BigIntegerField(_("revision"), default=0)
    rendered_revision = models.BigIntegerField(_("rendered revision"), null=True, blank=True)
    stamp = models.CharField(_("format"), max_length=32, blank=True)
    body = models.TextField(_("row"), blank=True)

    class Meta:
        verbose_name = _("public row")
        verbose_name_plural = _("public rows")

    def __str__(self) -> str:
        return f"{self.claim_id} r{self.revision}"
