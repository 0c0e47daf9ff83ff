"""Sources a claim is checked against, and the organisations that publish them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sources.fields import (
    DatePrecision,
    HttpURLField,
    SlugQuerySet,
    choices_constraint,
    format_partial_date,
    http_url_constraint,
    partial_date_constraint,
)


class Publisher(models.Model):
    """An organisation that publishes sources or articles, shared by all of them."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    url = HttpURLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = SlugQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("publisher")
        verbose_name_plural = _("publishers")
        constraints = [
            http_url_constraint("url", name="publisher_url_http"),
            models.CheckConstraint(condition=~Q(name=""), name="publisher_name_not_blank"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self):
        return (self.slug,)


class SourceKind(models.TextChoices):
    OFFICIAL_STATISTICS = "official_statistics", _("official statistics")
    GOVERNMENT_DOCUMENT = "government_document", _("government document")
    CLAIMANT_STATEMENT = "claimant_statement", _("the claimant's own words")
    DATASET = "dataset", _("dataset")
    NEWS_REPORT = "news_report", _("news report")
    REPORT = "report", _("report")
    ACADEMIC_PAPER = "academic_paper", _("academic paper")
    ANALYSIS = "analysis", _("analysis")
    SOCIAL_POST = "social_post", _("social post")
    COPY = "copy", _("copy of another document")
    OTHER = "other", _("other")


class SourceCategory(models.TextChoices):
    """What a source is worth as evidence, in five plain groups of its kind."""

    PRIMARY = "primary", _("primary source")
    NEWS_REPORT = "news_report", _("news report")
    ANALYSIS = "analysis", _("analysis")
    SOCIAL_POST = "social_post", _("social post")
    COPY = "copy", _("copy of another document")
    OTHER = "other", _("other")


CATEGORY_OF_KIND = {
    SourceKind.OFFICIAL_STATISTICS: SourceCategory.PRIMARY,
    SourceKind.GOVERNMENT_DOCUMENT: SourceCategory.PRIMARY,
    SourceKind.CLAIMANT_STATEMENT: SourceCategory.PRIMARY,
    SourceKind.DATASET: SourceCategory.PRIMARY,
    SourceKind.NEWS_REPORT: SourceCategory.NEWS_REPORT,
    SourceKind.REPORT: SourceCategory.ANALYSIS,
    SourceKind.ACADEMIC_PAPER: SourceCategory.ANALYSIS,
    SourceKind.ANALYSIS: SourceCategory.ANALYSIS,
    SourceKind.SOCIAL_POST: SourceCategory.SOCIAL_POST,
    SourceKind.COPY: SourceCategory.COPY,
    SourceKind.OTHER: SourceCategory.OTHER,
}


class CopyReliability(models.TextChoices):
    REPUTABLE = "reputable", _("reputable copy")
    UNKNOWN = "unknown", _("copy of unknown reliability")


class Source(models.Model):
    """A document a claim is checked against: a statistics release, a report, a news story."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=500)
    url = HttpURLField(_("URL"), blank=True)
    publisher = models.ForeignKey(
        Publisher,
        on_delete=models.PROTECT,
        related_name="sources",
        verbose_name=_("publisher"),
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=SourceKind.choices, default=SourceKind.OTHER
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    published_precision = models.CharField(
        _("publication date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        blank=True,
        help_text=_("How much of the publication date is known: the year, the month or the day."),
    )
    language = models.CharField(
        _("language"), max_length=20, blank=True, help_text=_("A language tag: en, zh-Hant…")
    )
    # A repost of another document: the original it copies, and whether the copy can be
    # trusted to reproduce it. A copy of unknown reliability never carries a decisive verdict
    # alone (claims/workflow/).
    original_title = models.CharField(_("original's title"), max_length=500, blank=True)
    original_url = HttpURLField(_("original's URL"), blank=True)
    original_publisher = models.CharField(_("original's publisher"), max_length=200, blank=True)
    copy_reliability = models.CharField(
        _("copy's reliability"),
        max_length=10,
        choices=CopyReliability.choices,
        blank=True,
        help_text=_("For a copy: reputable when a known site reproduces the original faithfully."),
    )
    archive_url = HttpURLField(_("archived copy"), blank=True)
    accessed_on = models.DateField(_("date accessed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SlugQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            http_url_constraint("url", name="source_url_http"),
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="source_url_unique",
                violation_error_message=_("A source with this URL already exists."),
            ),
            http_url_constraint("archive_url", name="source_archive_url_http"),
            partial_date_constraint(
                "published_on", "published_precision", name="source_published_date_precision"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="source_title_not_blank"),
            choices_constraint("kind", SourceKind, name="source_kind_valid"),
            http_url_constraint("original_url", name="source_original_url_http"),
            models.CheckConstraint(
                condition=(
                    Q(kind=SourceKind.COPY)
                    & ~Q(original_title="")
                    & Q(copy_reliability__in=CopyReliability.values)
                )
                | (
                    ~Q(kind=SourceKind.COPY)
                    & Q(original_title="", original_url="", original_publisher="")
                    & Q(copy_reliability="")
                ),
                name="source_copy_names_original",
                violation_error_message=_(
                    "A copy names its original (at least its title) and how reliable the copy "
                    "is; a source that is not a copy has neither."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self):
        return (self.slug,)

    @property
    def is_copy(self) -> bool:
        return self.kind == SourceKind.COPY

    @property
    def is_unreliable_copy(self) -> bool:
        return self.kind == SourceKind.COPY and self.copy_reliability != CopyReliability.REPUTABLE

    @property
    def copy_of(self) -> dict | None:
        """The original this source copies, for readers; None when it is not a copy."""
        if not self.is_copy:
            return None
        return {
            "title": self.original_title,
            "url": self.original_url,
            "publisher": self.original_publisher,
            "reliability": self.copy_reliability,
        }

    @property
    def newest_capture(self):
        """The newest archived copy, or None; reads `newest_captures` when it was prefetched."""
        if hasattr(self, "newest_captures"):
            return self.newest_captures[0] if self.newest_captures else None
        if self.pk is None:
            return None
        return self.captures.newest_first().first()

    @property
    def category(self) -> str:
        """primary, news_report, analysis, social_post, copy or other: see SourceCategory."""
        return CATEGORY_OF_KIND.get(self.kind, SourceCategory.OTHER)

    def get_category_display(self) -> str:
        return str(SourceCategory(self.category).label)

    @property
    def published_display(self) -> str:
        return format_partial_date(self.published_on, self.published_precision)
