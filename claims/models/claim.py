from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims.models.numbers import VALUE_DECIMAL_PLACES, VALUE_MAX_DIGITS, validate_exact_value
from sources.fields import SlugQuerySet, choices_constraint

# No 0/o, 1/l/i: a public id is read aloud and typed from print.
PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
PUBLIC_ID_LENGTH = 8


def new_public_id() -> str:
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


class ClaimKind(models.TextChoices):
    NUMERIC = "numeric", _("numeric")
    DATE = "date", _("date or event")
    FACTUAL = "factual", _("factual")
    ATTRIBUTION = "attribution", _("attribution")


class Comparator(models.TextChoices):
    EQUAL = "=", _("= (exactly)")
    APPROXIMATE = "≈", _("≈ (about, nearly)")
    GREATER = ">", _("> (over, more than)")
    GREATER_EQUAL = "≥", _("≥ (at least)")
    LESS = "<", _("< (under, fewer than)")
    LESS_EQUAL = "≤", _("≤ (at most)")


class Unit(models.TextChoices):
    PERCENT = "percent", _("percent")
    PERCENTAGE_POINTS = "percentage_points", _("percentage points")
    PERSONS = "persons", _("persons")
    COUNT = "count", _("count")
    RANK = "rank", _("rank")
    RATIO = "ratio", _("ratio")
    TIMES = "times", _("times (multiple)")
    YEAR = "year", _("year")
    CNY = "CNY", _("Chinese yuan (CNY)")
    USD = "USD", _("US dollars (USD)")
    HKD = "HKD", _("Hong Kong dollars (HKD)")
    TWD = "TWD", _("New Taiwan dollars (TWD)")
    EUR = "EUR", _("euros (EUR)")
    GBP = "GBP", _("pounds sterling (GBP)")


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


def default_verdict_id():
    from claims.models.verdict import Verdict

    verdict = Verdict.objects.filter(is_default=True).only("pk").first()
    return verdict.pk if verdict else None


class ClaimQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(status=ClaimStatus.PUBLISHED)

    def public(self):
        """What anonymous readers may know exists: published claims and withdrawn notices."""
        return self.filter(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.WITHDRAWN])

    def delete(self):
        kept = list(self.public())
        if kept:
            raise models.ProtectedError(KEEP_PUBLIC_MESSAGE, set(kept))
        return super().delete()


# On PostgreSQL a trigger (migration claims/0007) refuses the same at the database.
KEEP_PUBLIC_MESSAGE = _("A claim readers have seen is never deleted: withdraw it instead.")


class Claim(models.Model):
    """A single checkable statement made in an article, and the desk's ruling on it."""

    public_id = models.CharField(
        _("public id"),
        max_length=12,
        unique=True,
        default=new_public_id,
        editable=False,
        help_text=_("The short identifier used in every public URL."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    article = models.ForeignKey(
        "claims.Article",
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("article"),
    )
    paragraph = models.PositiveIntegerField(
        _("paragraph"), null=True, blank=True, help_text=_("1 for the article's first paragraph.")
    )
    quote = models.TextField(_("quote"), help_text=_("The exact words, in the original language."))
    quote_language = models.CharField(_("quote language"), max_length=20, default="zh-Hant")
    quote_prefix = models.CharField(
        _("text before the quote"),
        max_length=200,
        blank=True,
        help_text=_("A few words before the quote, so a page can find and highlight it."),
    )
    quote_suffix = models.CharField(_("text after the quote"), max_length=200, blank=True)
    restatement = models.TextField(
        _("restatement (English)"), help_text=_("The claim in one plain English sentence.")
    )
    restatement_zh = models.TextField(
        _("restatement (Traditional Chinese)"),
        blank=True,
        default="",
        # Rows written outside the ORM (bulk loads, restores of older dumps) get it too.
        db_default="",
        help_text=_(
            "The same sentence in Traditional Chinese: the same figure, unit, period and place. "
            "Needed to publish."
        ),
    )
    claimant = models.CharField(
        _("claimant"), max_length=300, help_text=_("Whom the article attributes the claim to.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ClaimKind.choices)

    value = models.DecimalField(
        _("value"),
        max_digits=VALUE_MAX_DIGITS,
        decimal_places=VALUE_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[validate_exact_value],
    )
    comparator = models.CharField(
        _("comparator"), max_length=1, choices=Comparator.choices, blank=True
    )
    unit = models.CharField(_("unit"), max_length=30, choices=Unit.choices, blank=True)
    period = models.CharField(
        _("period"),
        max_length=100,
        blank=True,
        help_text=_("When the claim refers to: 2025-08, FY2024, 2018-2020…"),
    )
    place = models.CharField(
        _("place"), max_length=100, blank=True, help_text=_("Where it refers to: CN, HK, US…")
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ClaimStatus.choices,
        default=ClaimStatus.DRAFT,
        db_index=True,
    )
    verdict = models.ForeignKey(
        "claims.Verdict",
        on_delete=models.PROTECT,
        related_name="claims",
        default=default_verdict_id,
        verbose_name=_("verdict"),
    )
    ruling = models.TextField(
        _("ruling (English)"), blank=True, help_text=_("The short explanation readers see.")
    )
    ruling_zh_hant = models.TextField(_("ruling (Traditional Chinese)"), blank=True)
    research_notes = models.TextField(
        _("research notes"),
        blank=True,
        help_text=_("Internal: what was checked and what is still open. Never shown publicly."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised on every save; refuses stale edits.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["article", "paragraph", "id"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        permissions = [
            ("publish_claim", _("Can set verdicts, publish and withdraw claims")),
        ]
        constraints = [
            choices_constraint("kind", ClaimKind, name="claim_kind_valid"),
            choices_constraint("status", ClaimStatus, name="claim_status_valid"),
            choices_constraint("comparator", Comparator, name="claim_comparator_valid", blank=True),
            choices_constraint("unit", Unit, name="claim_unit_valid", blank=True),
            models.CheckConstraint(
                condition=~Q(kind=ClaimKind.NUMERIC)
                | (Q(value__isnull=False) & ~Q(unit="") & ~Q(comparator="")),
                name="claim_numeric_has_value_unit_comparator",
                violation_error_message=_(
                    "A numeric claim needs a value, a unit and a comparator."
                ),
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (~Q(unit="") & ~Q(comparator="")),
                name="claim_value_has_unit_comparator",
                violation_error_message=_("A value needs a unit and a comparator."),
            ),
            models.CheckConstraint(
                condition=~Q(quote="") & ~Q(restatement="") & ~Q(claimant=""),
                name="claim_quote_restatement_claimant_not_blank",
            ),
            models.CheckConstraint(
                condition=Q(paragraph__isnull=True) | Q(paragraph__gte=1),
                name="claim_paragraph_positive",
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.PUBLISHED)
                | (~Q(ruling="") & Q(published_at__isnull=False) & Q(reviewed_at__isnull=False)),
                name="claim_published_has_ruling_and_review",
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.WITHDRAWN)
                | (~Q(withdrawal_reason="") & Q(withdrawn_at__isnull=False)),
                name="claim_withdrawn_has_reason",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
        ]
        indexes = [
            models.Index(fields=["status", "updated_at"], name="claim_status_updated"),
            models.Index(fields=["status", "verdict"], name="claim_status_verdict"),
        ]

    def __str__(self) -> str:
        return self.restatement[:80]

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["claims.article", "claims.verdict"]

    @property
    def is_public(self) -> bool:
        return self.status in (ClaimStatus.PUBLISHED, ClaimStatus.WITHDRAWN)

    def delete(self, *args, **kwargs):
        # The stored status decides, so an unsaved change to `status` cannot open the way.
        if type(self).objects.filter(pk=self.pk).public().exists():
            raise models.ProtectedError(KEEP_PUBLIC_MESSAGE, {self})
        return super().delete(*args, **kwargs)

    def restatement_in(self, language: str) -> str:
        """The restatement a reader of `language` sees; English when no Chinese one is written."""
        return _in_language(language, self.restatement, self.restatement_zh)

    def ruling_in(self, language: str) -> str:
        return _in_language(language, self.ruling, self.ruling_zh_hant)


def _in_language(language: str, english: str, chinese: str) -> str:
    if language.lower().startswith("zh") and chinese:
        return chinese
    return english
