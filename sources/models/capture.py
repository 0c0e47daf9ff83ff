"""Archived copies of sources, and what re-checking the live page found.

A capture is the desk's own copy of a source: the HTTP response kept as a WARC record in the
archive storage, with the text read from it. Captures and checks live beside the source, never
in it: keeping evidence is not a change of what a claim says, so it never enters a claim's
correction log (claims/workflow/record.py reads only the source's own fields).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from sources.fields import HttpURLField, choices_constraint, http_url_constraint

ARCHIVE_STORAGE = "archive"


def archive_storage():
    """Where WARC files are kept: the `archive` entry of settings.STORAGES."""
    return storages[ARCHIVE_STORAGE]


def new_capture_key() -> str:
    # The address of a stored copy: random, so captures cannot be walked by counting.
    return secrets.token_urlsafe(12)


class TextMethod(models.TextChoices):
    HTML = "html", _("main text of a web page")
    PDF = "pdf", _("text of a PDF")
    PLAIN = "plain", _("plain text")
    NONE = "none", _("no text could be read")


class SourceCaptureQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-captured_at", "-id")

    def latest_for(self, outer_ref: str = "pk"):
        """The newest capture of the source at `outer_ref`, for a Subquery."""
        return self.filter(source=OuterRef(outer_ref)).newest_first()


class SourceCapture(models.Model):
    """One fetch of a source's URL, kept as a WARC record, with the text read from it."""

    key = models.CharField(_("key"), max_length=24, unique=True, default=new_capture_key)
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        related_name="captures",
        verbose_name=_("source"),
    )
    requested_url = HttpURLField(_("requested URL"))
    final_url = HttpURLField(_("final URL, after redirects"))
    captured_at = models.DateTimeField(_("captured at"), db_index=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"))
    content_type = models.CharField(_("content type"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 of the payload"), max_length=64)
    warc = models.FileField(_("WARC file"), storage=archive_storage, max_length=300)
    text = models.TextField(_("text read from the copy"), blank=True)
    text_method = models.CharField(
        _("how the text was read"), max_length=10, choices=TextMethod.choices
    )
    encoding = models.CharField(_("character encoding"), max_length=40, blank=True)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("captured by"),
    )

    objects = SourceCaptureQuerySet.as_manager()

    class Meta:
        ordering = ["-captured_at", "-id"]
        verbose_name = _("archived copy")
        verbose_name_plural = _("archived copies")
        constraints = [
            http_url_constraint("requested_url", name="capture_requested_url_http"),
            http_url_constraint("final_url", name="capture_final_url_http"),
            models.CheckConstraint(
                condition=Q(status_code__gte=200, status_code__lt=300),
                name="capture_status_success",
            ),
            choices_constraint("text_method", TextMethod, name="capture_text_method_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.captured_at:%Y-%m-%d %H:%M} UTC)"


class CheckOutcome(models.TextChoices):
    UNCHANGED = "unchanged", _("unchanged since it was captured")
    CHANGED = "changed", _("changed since it was captured")
    NOT_CAPTURED = "not_captured", _("live, never captured")
    GONE = "gone", _("gone")
    UNREACHABLE = "unreachable", _("could not be reached")
    REFUSED = "refused", _("not fetched: the address is not allowed")


# What a fact-checker must look at: the page is gone or different, or an excerpt is missing.
FLAGGED_OUTCOMES = (CheckOutcome.CHANGED, CheckOutcome.GONE, CheckOutcome.UNREACHABLE)


class SourceCheckQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-checked_at", "-id")

    def latest_flags(self):
        """For a Subquery: whether the newest check of the source at OuterRef("pk") flags it."""
        return self.filter(source=OuterRef("pk")).newest_first().values("flagged")[:1]


class SourceCheck(models.Model):
    """One re-fetch of a source's live page, set against its newest capture."""

    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.CASCADE,
        related_name="checks",
        verbose_name=_("source"),
    )
    capture = models.ForeignKey(
        SourceCapture,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checks",
        verbose_name=_("compared with"),
    )
    checked_at = models.DateTimeField(_("checked at"), db_index=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckOutcome.choices)
    moved = models.BooleanField(_("moved"), default=False)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    final_url = models.CharField(_("final URL"), max_length=2000, blank=True)
    sha256 = models.CharField(_("SHA-256 of the payload"), max_length=64, blank=True)
    missing_excerpts = models.JSONField(
        _("evidence whose excerpt is no longer there"), default=list, blank=True
    )
    detail = models.TextField(_("detail"), blank=True)
    flagged = models.BooleanField(_("flagged"), default=False, db_index=True)

    objects = SourceCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = _("source check")
        verbose_name_plural = _("source checks")
        constraints = [
            choices_constraint("outcome", CheckOutcome, name="source_check_outcome_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.get_outcome_display()}"

    def save(self, *args, **kwargs):
        self.flagged = self.outcome in FLAGGED_OUTCOMES or self.moved or bool(self.missing_excerpts)
        super().save(*args, **kwargs)


def newest_captures_prefetch(lookup: str = "captures") -> Prefetch:
    """Prefetch each source's newest capture into `newest_captures` (a list of at most one)."""
    return Prefetch(
        lookup,
        queryset=SourceCapture.objects.newest_first()[:1],
        to_attr="newest_captures",
    )
