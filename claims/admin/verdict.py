"""The verdict scale: data a newsroom may edit, given the permission."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from claims.admin.display import verdict_chip
from claims.models import Verdict


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
