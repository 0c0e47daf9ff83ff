from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from claims.colours import validate_readable_under_white
from sources.fields import choices_constraint


class VerdictQuerySet(models.QuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)

    def default(self) -> Verdict:
        return self.get(is_default=True)


class Verdict(models.Model):
    """One step of the rating scale. The scale is data: a newsroom edits or extends it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_en = models.CharField(_("label (English)"), max_length=80)
    label_zh_hant = models.CharField(_("label (Traditional Chinese)"), max_length=80)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh_hant = models.TextField(_("description (Traditional Chinese)"), blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[validate_readable_under_white],
        help_text=_(
            "A hex colour such as #1a7f37, dark enough for white text on it (4.5:1, WCAG AA)."
        ),
    )
    rating_value = models.PositiveSmallIntegerField(
        _("ClaimReview rating"),
        null=True,
        blank=True,
        help_text=_("1 (worst) to 5 (best); empty for verdicts that rate nothing."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("The verdict a new claim starts with.")
    )
    publishable = models.BooleanField(
        _("publishable"),
        default=True,
        help_text=_("A claim can be published with this verdict (not so for 'pending')."),
    )
    decisive = models.BooleanField(
        _("decisive"),
        default=True,
        help_text=_(
            "The verdict rules on the claim's truth, so it needs independent evidence "
            "(not so for 'unverifiable')."
        ),
    )

    objects = VerdictQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("verdict")
        verbose_name_plural = _("verdict scale")
        constraints = [
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="verdict_colour_hex"
            ),
            models.CheckConstraint(
                condition=Q(rating_value__isnull=True)
                | Q(rating_value__gte=1, rating_value__lte=5),
                name="verdict_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(decisive=False) | Q(publishable=True),
                name="verdict_decisive_is_publishable",
            ),
            models.CheckConstraint(
                condition=Q(is_default=False) | Q(publishable=False),
                name="verdict_default_not_publishable",
            ),
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="verdict_one_default"
            ),
            models.CheckConstraint(
                condition=~Q(label_en="") & ~Q(label_zh_hant=""), name="verdict_labels_not_blank"
            ),
        ]

    def __str__(self) -> str:
        return self.label()

    def natural_key(self):
        return (self.code,)

    def label(self, language: str | None = None) -> str:
        language = (language or get_language() or "en").lower()
        return self.label_zh_hant if language.startswith("zh") else self.label_en

    def description(self, language: str | None = None) -> str:
        language = (language or get_language() or "en").lower()
        return self.description_zh_hant if language.startswith("zh") else self.description_en


class VerdictChangeKind(models.TextChoices):
    PUBLISHED = "published", _("published")
    CORRECTED = "corrected", _("verdict changed")
    # What the verdict is about changed (the quote, the numbers, the evidence), not the verdict.
    UPDATED = "updated", _("updated")
    WITHDRAWN = "withdrawn", _("withdrawn")


# On PostgreSQL a trigger (migration claims/0007) refuses the same at the database.
KEEP_LOG_MESSAGE = _("The correction log only grows: its entries are never deleted.")


class VerdictChangeQuerySet(models.QuerySet):
    def public(self):
        return self.select_related("claim", "from_verdict", "to_verdict")

    def delete(self):
        kept = list(self)
        if kept:
            raise models.ProtectedError(KEEP_LOG_MESSAGE, set(kept))
        return super().delete()


class VerdictChange(models.Model):
    """One entry of the public correction log. Rows are only ever added."""

    claim = models.ForeignKey(
        "claims.Claim",
        on_delete=models.PROTECT,
        related_name="verdict_changes",
        verbose_name=_("claim"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=VerdictChangeKind.choices)
    from_verdict = models.ForeignKey(
        Verdict,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )
    to_verdict = models.ForeignKey(
        Verdict, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    reason = models.TextField(_("public reason"))
    reason_zh_hant = models.TextField(_("public reason (Traditional Chinese)"), blank=True)
    changes = models.JSONField(
        _("what changed"),
        default=list,
        blank=True,
        help_text=_("For an update: each changed field, as it was and as it became."),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)

    objects = VerdictChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("verdict change")
        verbose_name_plural = _("verdict history")
        constraints = [
            choices_constraint("kind", VerdictChangeKind, name="verdictchange_kind_valid"),
            models.CheckConstraint(condition=~Q(reason=""), name="verdictchange_reason_required"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.from_verdict_id} → {self.to_verdict_id}"

    def reason_in(self, language: str) -> str:
        if language.lower().startswith("zh") and self.reason_zh_hant:
            return self.reason_zh_hant
        return self.reason

    def delete(self, *args, **kwargs):
        raise models.ProtectedError(KEEP_LOG_MESSAGE, {self})
