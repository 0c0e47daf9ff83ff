from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sources.fields import (
    DatePrecision,
    HttpURLField,
    SlugQuerySet,
    format_partial_date,
    http_url_constraint,
    partial_date_constraint,
)


class Article(models.Model):
    """A published piece of journalism whose claims the desk checks."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=500)
    url = HttpURLField(
        _("URL"), blank=True, help_text=_("Leave empty when the address is not known.")
    )
    outlet = models.ForeignKey(
        "sources.Publisher",
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("outlet"),
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    published_precision = models.CharField(
        _("publication date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        blank=True,
        help_text=_("How much of the publication date is known: the year, the month or the day."),
    )
    language = models.CharField(_("language"), max_length=20, default="zh-Hant")
    authors = models.CharField(
        _("authors"), max_length=500, blank=True, help_text=_("Names, separated by commas.")
    )
    source = models.OneToOneField(
        "sources.Source",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="as_article",
        verbose_name=_("as a source"),
        help_text=_(
            "The source record that stands for this article itself. Evidence from it never "
            "counts as independent support for the article's own claims."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SlugQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # The claim list's default order starts with its article's order (Claim's
            # Meta.ordering is article, paragraph, id): with this index PostgreSQL walks the
            # newest articles and stops after a page, instead of sorting every article
            # (docs/scaling.md, "Indexes at a million claims").
            models.Index(fields=["-published_on", "title"], name="article_reading_order"),
        ]
        constraints = [
            http_url_constraint("url", name="article_url_http"),
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="article_url_unique",
                violation_error_message=_("An article with this URL already exists."),
            ),
            partial_date_constraint(
                "published_on", "published_precision", name="article_published_date_precision"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_blank"),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["sources.publisher", "sources.source"]

    @property
    def published_display(self) -> str:
        return format_partial_date(self.published_on, self.published_precision)

    @property
    def author_list(self) -> list[str]:
        return [name.strip() for name in self.authors.split(",") if name.strip()]
