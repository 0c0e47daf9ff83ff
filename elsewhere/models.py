"""Other fact-checkers' reviews, imported from their ClaimReview: never mixed with our verdicts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from elsewhere.meanings import Meaning

URL_MAX = 2000
FIGURE_DIGITS = 28
FIGURE_DECIMALS = 8


class ImportRun(models.Model):
    """One `import_claimreview` run over one source: what it read, and what it made of it."""

    source = models.CharField(_("source"), max_length=URL_MAX)
    kind = models.CharField(_("format"), max_length=30, blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created = models.PositiveIntegerField(_("new reviews"), default=0)
    updated = models.PositiveIntegerField(_("updated reviews"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged reviews"), default=0)
    rejected = models.PositiveIntegerField(_("rejected records"), default=0)
    problems = models.JSONField(
        _("problems"), default=list, blank=True, help_text=_("The first rejected records, why.")
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.source} ({self.started_at:%Y-%m-%d %H:%M})"


class ExternalReview(models.Model):
    """A review another fact-checker published, as its ClaimReview states it."""

    url = models.CharField(_("review URL"), max_length=URL_MAX, unique=True)
    publisher_name = models.CharField(_("publisher"), max_length=300)
    publisher_site = models.CharField(_("publisher's site"), max_length=URL_MAX, blank=True)
    claim_reviewed = models.TextField(
        _("claim reviewed"), help_text=_("The claim as the reviewer words it (claimReviewed).")
    )
    claim_text = models.TextField(
        _("claim as said"), blank=True, help_text=_("The words as they were said, if given.")
    )
    claimant = models.CharField(_("claimant"), max_length=500, blank=True)
    claim_language = models.CharField(_("claim language"), max_length=35, blank=True)
    language = models.CharField(_("review language"), max_length=35, blank=True)
    claim_date = models.CharField(
        _("claim date"), max_length=10, blank=True, help_text=_("YYYY, YYYY-MM or YYYY-MM-DD.")
    )
    appearance_url = models.CharField(_("where it appeared"), max_length=URL_MAX, blank=True)
    rating = models.CharField(_("rating as published"), max_length=300, blank=True)
    rating_value = models.SmallIntegerField(_("rating value"), null=True, blank=True)
    best_rating = models.SmallIntegerField(_("best rating"), null=True, blank=True)
    worst_rating = models.SmallIntegerField(_("worst rating"), null=True, blank=True)
    meaning = models.CharField(
        _("meaning"),
        max_length=20,
        choices=Meaning.choices,
        default=Meaning.UNKNOWN,
        help_text=_("The rating read on our scale; unknown when its words are not clear."),
    )
    published_at = models.DateTimeField(_("review published"), null=True, blank=True)
    modified_at = models.DateTimeField(_("review modified"), null=True, blank=True)

    # The claim's fingerprint (elsewhere/fingerprint.py): its main figure in columns, to find
    # it by number through an index; every figure it states, as [value, precision, unit,
    # comparator]; the years and the place it names.
    figure_value = models.DecimalField(
        _("figure"),
        max_digits=FIGURE_DIGITS,
        decimal_places=FIGURE_DECIMALS,
        null=True,
        blank=True,
    )
    figure_precision = models.DecimalField(
        _("figure stated to"),
        max_digits=FIGURE_DIGITS,
        decimal_places=FIGURE_DECIMALS,
        null=True,
        blank=True,
    )
    figure_unit = models.CharField(_("figure unit"), max_length=30, blank=True)
    figures = models.JSONField(_("figures"), default=list, blank=True)
    years = models.CharField(_("years named"), max_length=60, blank=True)
    place = models.CharField(_("place named"), max_length=60, blank=True)

    feed = models.CharField(_("imported from"), max_length=URL_MAX)
    import_run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("last import"),
    )
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    content_hash = models.CharField(_("content hash"), max_length=64, editable=False)

    class Meta:
        ordering = ["-published_at", "id"]
        verbose_name = _("external review")
        verbose_name_plural = _("external reviews")
        indexes = [
            models.Index(fields=["figure_unit", "figure_value"], name="external_review_figure"),
        ]

    def __str__(self) -> str:
        return f"{self.publisher_name}: {self.claim_reviewed[:80]}"
