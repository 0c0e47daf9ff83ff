"""Sources and publishers in the admin, with how many claims each source supports or contradicts."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q, Subquery
from django.utils.translation import gettext_lazy as _

from core.admin_history import HistoryAdmin
from core.admin_links import changelist_link
from sources.admin.archive import (
    CAPTURE_PERMISSION,
    ArchiveStateFilter,
    capture_in_batch,
    captures_table,
    checks_table,
)
from sources.models import Publisher, Source, SourceCapture

# Evidence roles, spelled as claims.models.EvidenceRole stores them; sources does not import
# claims, which depends on it.
SUPPORTS, CONTRADICTS = "supports", "contradicts"


@admin.register(Publisher)
class PublisherAdmin(HistoryAdmin):
    list_display = ("name", "slug", "url", "source_count")
    search_fields = ("name", "slug", "url")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        # Explicit ordering: a grouped query ignores the model's default one.
        return (
            super()
            .get_queryset(request)
            .annotate(sources_total=Count("sources"))
            .order_by(*Publisher._meta.ordering, "pk")
        )

    @admin.display(description=_("sources"), ordering="sources_total")
    def source_count(self, publisher: Publisher) -> str:
        return changelist_link(
            "sources_source", publisher.sources_total, publisher__id__exact=publisher.pk
        )


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = (
        "title",
        "publisher",
        "kind",
        "published_display",
        "language",
        "supports_column",
        "contradicts_column",
        "claims_column",
        "archive_column",
    )
    list_filter = ("kind", ArchiveStateFilter, "copy_reliability", "publisher", "language")
    actions = ["capture_selected"]
    readonly_fields = ("archived_copies", "live_checks")
    list_select_related = ("publisher",)
    # The text read from the archived copies too: find the source that says it.
    search_fields = ("title", "slug", "url", "publisher__name", "captures__text")
    autocomplete_fields = ("publisher",)
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "slug", "publisher", "kind", "language")}),
        (_("Where to find it"), {"fields": ("url", "archive_url", "accessed_on")}),
        (_("Our archived copies"), {"fields": ("archived_copies", "live_checks")}),
        (_("Publication date"), {"fields": ("published_on", "published_precision")}),
        (
            _("When it is a copy of another document"),
            {
                "fields": (
                    "original_title",
                    "original_url",
                    "original_publisher",
                    "copy_reliability",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                newest_capture_at=Subquery(
                    SourceCapture.objects.latest_for().values("captured_at")[:1]
                ),
                claims_total=Count("evidence__claim", distinct=True),
                supports_total=Count(
                    "evidence__claim", filter=Q(evidence__role=SUPPORTS), distinct=True
                ),
                contradicts_total=Count(
                    "evidence__claim", filter=Q(evidence__role=CONTRADICTS), distinct=True
                ),
            )
            .order_by(*Source._meta.ordering, "pk")
        )

    @admin.display(description=_("publication date"), ordering="published_on")
    def published_display(self, source: Source) -> str:
        return source.published_display

    @admin.display(description=_("supports"), ordering="supports_total")
    def supports_column(self, source: Source) -> str:
        return changelist_link(
            "claims_claim", source.supports_total, source=source.pk, source_role=SUPPORTS
        )

    @admin.display(description=_("contradicts"), ordering="contradicts_total")
    def contradicts_column(self, source: Source) -> str:
        return changelist_link(
            "claims_claim", source.contradicts_total, source=source.pk, source_role=CONTRADICTS
        )

    @admin.display(description=_("all claims"), ordering="claims_total")
    def claims_column(self, source: Source) -> str:
        return changelist_link("claims_claim", source.claims_total, source=source.pk)

    @admin.display(description=_("archived"), ordering="newest_capture_at")
    def archive_column(self, source: Source) -> str:
        if source.newest_capture_at is None:
            return "—"
        return f"{source.newest_capture_at:%Y-%m-%d}"

    @admin.display(description=_("archived copies"))
    def archived_copies(self, source: Source) -> str:
        return captures_table(source)

    @admin.display(description=_("live checks"))
    def live_checks(self, source: Source) -> str:
        return checks_table(source)

    @admin.action(
        description=_("Capture an archived copy of the selected sources"), permissions=["capture"]
    )
    def capture_selected(self, request, queryset):
        capture_in_batch(self, request, queryset.order_by("pk"))

    def has_capture_permission(self, request) -> bool:
        return request.user.has_perm(CAPTURE_PERMISSION)
