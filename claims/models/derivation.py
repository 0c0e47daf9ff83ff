from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from claims.checks import arithmetic
from sources.fields import choices_constraint


class DerivationOperation(models.TextChoices):
    CHANGE = arithmetic.CHANGE, _("change (second minus first)")
    PERCENT_CHANGE = arithmetic.PERCENT_CHANGE, _("percent change (first to second)")
    RATIO = arithmetic.RATIO, _("ratio (first divided by second)")
    SHARE = arithmetic.SHARE, _("share (first as a percentage of second)")
    SUM = arithmetic.SUM, _("sum")
    PER_CAPITA = arithmetic.PER_CAPITA, _("per capita (first divided by second)")


class ClaimDerivation(models.Model):
    """A claim whose figure follows from other claims' figures, so it can be recomputed."""

    derived = models.ForeignKey(
        "claims.Claim",
        on_delete=models.CASCADE,
        related_name="derivations",
        verbose_name=_("derived claim"),
    )
    operation = models.CharField(_("operation"), max_length=20, choices=DerivationOperation.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["derived", "id"]
        verbose_name = _("claim derivation")
        verbose_name_plural = _("claim derivations")
        constraints = [
            choices_constraint(
                "operation", DerivationOperation, name="claim_derivation_operation_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_operation_display()}: {self.derived}"


class DerivationInput(models.Model):
    """One of the figures a derivation starts from, in order: from 307,501 to 254,019."""

    derivation = models.ForeignKey(
        ClaimDerivation,
        on_delete=models.CASCADE,
        related_name="inputs",
        verbose_name=_("derivation"),
    )
    claim = models.ForeignKey(
        "claims.Claim",
        on_delete=models.PROTECT,
        related_name="used_in_derivations",
        verbose_name=_("input claim"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["derivation", "position", "id"]
        verbose_name = _("derivation input")
        verbose_name_plural = _("derivation inputs")
        constraints = [
            models.UniqueConstraint(
                fields=["derivation", "position"],
                name="derivation_input_one_per_position",
                violation_error_message=_("Two inputs cannot share a position."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.claim}"
