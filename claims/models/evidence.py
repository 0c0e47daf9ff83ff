from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims.models.claim import Unit
from claims.models.numbers import VALUE_DECIMAL_PLACES, VALUE_MAX_DIGITS, validate_exact_value
from sources.fields import choices_constraint


class EvidenceRole(models.TextChoices):
    CITED = "cited", _("cited by the article")
    SUPPORTS = "supports", _("supports")
    CONTRADICTS = "contradicts", _("contradicts")
    CONTEXT = "context", _("context")


class Evidence(models.Model):
    """What one source says about one claim: the passage, and the value it gives."""

    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.CASCADE, related_name="evidence", verbose_name=_("claim")
    )
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        related_name="evidence",
        verbose_name=_("source"),
    )
    role = models.CharField(_("role"), max_length=20, choices=EvidenceRole.choices)
    locator = models.CharField(
        _("locator"), max_length=200, blank=True, help_text=_("Page, table or section.")
    )
    excerpt = models.TextField(_("excerpt"), blank=True, help_text=_("The passage, quoted."))
    value = models.DecimalField(
        _("value in the source"),
        max_digits=VALUE_MAX_DIGITS,
        decimal_places=VALUE_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[validate_exact_value],
    )
    unit = models.CharField(_("unit"), max_length=30, choices=Unit.choices, blank=True)
    seen = models.BooleanField(
        _("source read"),
        default=False,
        help_text=_(
            "Ticked only when the source's own text was read. An unread source is where the "
            "figure is believed to be published, and is never shown as confirmation."
        ),
    )
    note = models.TextField(
        _("note for readers"), blank=True, help_text=_("Shown to readers beside the source.")
    )
    research_note = models.TextField(
        _("research note"),
        blank=True,
        help_text=_("For the desk only: doubts, leads, what is left to check. Never shown."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "position", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "source", "role"],
                name="evidence_one_per_claim_source_role",
                violation_error_message=_(
                    "This source is already linked to the claim in this role."
                ),
            ),
            choices_constraint("role", EvidenceRole, name="evidence_role_valid"),
            choices_constraint("unit", Unit, name="evidence_unit_valid", blank=True),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | ~Q(unit=""),
                name="evidence_value_has_unit",
                violation_error_message=_("A value from a source needs a unit."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.source}"
