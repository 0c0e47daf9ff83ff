"""Imported reviews in the admin: read-only, since they are other desks' words."""

from __future__ import annotations

from django.contrib import admin

from elsewhere.models import ExternalReview, ImportRun


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExternalReview)
class ExternalReviewAdmin(ReadOnlyAdmin):
    list_display = ("claim_reviewed", "publisher_name", "rating", "meaning", "published_at")
    list_filter = ("meaning", "language")
    search_fields = ("claim_reviewed", "claim_text", "publisher_name", "url")
    list_select_related = ()
    show_full_result_count = False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ("source", "kind", "started_at", "created", "updated", "unchanged", "rejected")
