"""Published claims as the public API lists them, stored ready-made (claims/public_rows.py),
and the counts of the public lists (claims/public_counts.py)."""

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


class PublicRevision(models.Model):
    """One row: how many times anything the public sees has changed (claims/public_counts.py).

    Raised in the transaction of every such change, so a count kept under the revision it was
    taken at is the count as it stands exactly while the revision has not moved.
    """

    number = models.BigIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("public revision")
        verbose_name_plural = _("public revisions")

    def __str__(self) -> str:
        return f"r{self.number}"


class PublicCount(models.Model):
    """How many records a public list holds, counted at a public revision."""

    name = models.CharField(_("list"), max_length=100, primary_key=True)
    revision = models.BigIntegerField(_("revision"))
    count = models.BigIntegerField(_("count"))

    class Meta:
        verbose_name = _("public count")
        verbose_name_plural = _("public counts")

    def __str__(self) -> str:
        return f"{self.name}: {self.count} (r{self.revision})"
