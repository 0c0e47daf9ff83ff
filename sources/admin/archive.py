"""The admin's archive tools: capture in bounded batches, show copies and checks, filter."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sources.archive.capture import capture_many
from sources.models import Source, SourceCapture, SourceCheck

CAPTURE_PERMISSION = "sources.change_source"
RECENT = 5


def capture_in_batch(model_admin, request, sources) -> None:
    """Capture up to ARCHIVE_ADMIN_BATCH sources now, and say what was done and what was not.

    A request cannot wait for hundreds of fetches: the rest are named, for another run of
    the action or for `manage.py archive_sources`.
    """
    sources = [source for source in sources if source.url]
    if not sources:
        model_admin.message_user(request, _("None of these sources has a URL."), messages.WARNING)
        return
    result = capture_many(sources, by=request.user, limit=settings.ARCHIVE_ADMIN_BATCH)
    for capture in result.captured:
        model_admin.message_user(
            request,
            _("Captured “%(source)s”: %(size)s bytes, SHA-256 %(sha)s…")
            % {"source": capture.source, "size": capture.size, "sha": capture.sha256[:12]},
            messages.SUCCESS,
        )
    for source, why in result.failed:
        model_admin.message_user(
            request,
            _("Not captured: “%(source)s”: %(why)s") % {"source": source, "why": why},
            messages.ERROR,
        )
    if result.left:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d more source was left for another batch: run the action again, "
                "or manage.py archive_sources.",
                "%(count)d more sources were left for another batch: run the action again, "
                "or manage.py archive_sources.",
                len(result.left),
            )
            % {"count": len(result.left)},
            messages.WARNING,
        )


def archive_links(capture: SourceCapture) -> str:
    return format_html(
        '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
        reverse("public:archived-text", args=[capture.key]),
        _("text"),
        reverse("public:archived-page", args=[capture.key]),
        _("stored page"),
        reverse("public:archived-warc", args=[capture.key]),
        _("WARC"),
    )


def captures_table(source: Source) -> str:
    captures = list(source.captures.newest_first()[:RECENT]) if source.pk else []
    if not captures:
        return _("Not captured yet.")
    return format_html_join(
        "",
        "<p>{} — HTTP {} · {} · {} bytes · SHA-256 <code>{}</code><br>{} · {}</p>",
        (
            (
                f"{capture.captured_at:%Y-%m-%d %H:%M} UTC",
                capture.status_code,
                capture.content_type or "?",
                capture.size,
                capture.sha256,
                capture.final_url,
                archive_links(capture),
            )
            for capture in captures
        ),
    )


def checks_table(source: Source) -> str:
    checks = list(source.checks.newest_first()[:RECENT]) if source.pk else []
    if not checks:
        return _("Never re-checked.")
    return format_html_join(
        "",
        "<p>{} — <strong>{}</strong>{}{} {}</p>",
        (
            (
                f"{check.checked_at:%Y-%m-%d %H:%M} UTC",
                check.get_outcome_display(),
                format_html(" · {}", _("moved")) if check.moved else "",
                format_html(
                    " · {} {}",
                    _("excerpt no longer there, evidence"),
                    ", ".join(str(pk) for pk in check.missing_excerpts),
                )
                if check.missing_excerpts
                else "",
                check.detail,
            )
            for check in checks
        ),
    )


def flagged_sources():
    """Sources whose newest live check flags something."""
    return Source.objects.annotate(
        newest_check_flagged=Subquery(SourceCheck.objects.latest_flags())
    ).filter(newest_check_flagged=True)


def uncaptured_sources():
    return Source.objects.exclude(url="").exclude(
        Exists(SourceCapture.objects.filter(source=OuterRef("pk")))
    )


class ArchiveStateFilter(admin.SimpleListFilter):
    """Sources by archive state: flagged by the newest live check, captured, or not yet."""

    title = gettext_lazy("archive")
    parameter_name = "archive"

    def lookups(self, request, model_admin):
        return [
            ("flagged", gettext_lazy("flagged by the live check")),
            ("captured", gettext_lazy("captured")),
            ("missing", gettext_lazy("not captured yet")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "flagged":
            return queryset.filter(pk__in=flagged_sources().values("pk"))
        if self.value() == "captured":
            return queryset.filter(Exists(SourceCapture.objects.filter(source=OuterRef("pk"))))
        if self.value() == "missing":
            return queryset.filter(pk__in=uncaptured_sources().values("pk"))
        return queryset


class ClaimSourceArchiveFilter(admin.SimpleListFilter):
    """Claims whose sources need a fact-checker: flagged by the live check, or never captured."""

    title = gettext_lazy("sources' archive")
    parameter_name = "source_archive"

    def lookups(self, request, model_admin):
        return [
            ("flagged", gettext_lazy("a source is flagged by the live check")),
            ("missing", gettext_lazy("a source is not captured yet")),
        ]

    def queryset(self, request, queryset):
        sources = {"flagged": flagged_sources, "missing": uncaptured_sources}.get(self.value())
        if sources is None:
            return queryset
        cited = queryset.model.objects.filter(evidence__source__in=sources().values("pk"))
        return queryset.filter(pk__in=cited.values("pk"))


class EvidenceCaptureMixin:
    """For the admin of claims or of evidence rows: capture the sources their evidence cites."""

    # How a Source reaches the rows this admin lists.
    sources_of_rows = "evidence__claim__in"

    @admin.action(
        description=gettext_lazy("Capture an archived copy of the sources the evidence cites"),
        permissions=["capture"],
    )
    def capture_evidence_sources(self, request, queryset):
        cited = {self.sources_of_rows: queryset.values("pk")}
        capture_in_batch(self, request, Source.objects.filter(**cited).distinct().order_by("pk"))

    def has_capture_permission(self, request) -> bool:
        return request.user.has_perm(CAPTURE_PERMISSION)
