"""The verdict scale, and evidence rows on their own (read-only: edit them on the claim)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from claims.admin.display import verdict_chip
from claims.models import Evidence, Verdict
from claims.workflow import claim_is_deletable


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    """The scale is data. Changing it takes the change_verdict permission, which no group has."""

    list_display = (
        "chip",
        "code",
        "label_en",
        "label_zh_hant",
        "rating_value",
        "publishable",
        "decisive",
        "is_default",
        "position",
    )
    list_editable = ("position",)
    list_display_links = ("chip",)
    search_fields = ("code", "label_en", "label_zh_hant")
    ordering = ("position", "code")

    @admin.display(description=_("verdict"), ordering="position")
    def chip(self, verdict: Verdict) -> str:
        return verdict_chip(verdict)


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    """Evidence is changed on its claim's page, so the claim's version and caches follow."""

    list_display = ("claim", "source", "role", "seen", "updated_at")
    list_filter = ("role", "seen")
    list_select_related = ("claim", "source")
    search_fields = ("claim__restatement", "source__title", "excerpt")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Asked for each row when a draft claim is deleted with its evidence.
        if obj is not None and not claim_is_deletable(obj.claim):
            return False
        return super().has_delete_permission(request, obj)
