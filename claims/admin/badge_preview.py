"""A staff-only preview of a claim's badge with any verdict, saved or not."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from claims.models import Claim


class BadgePreviewMixin:
    def badge_preview_url(self, claim: Claim) -> str:
        return ""

    @admin.display(description=_("badge"))
    def badge_preview(self, claim: Claim) -> str:
        return ""
