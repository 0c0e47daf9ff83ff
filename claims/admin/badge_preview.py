"""A staff-only preview of a claim's badge with any verdict, saved or not.

The public badge shows only what is published; this one renders whatever verdict the desk is
considering, so it lives behind the admin's login and is never cached.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from claims.badges import badge_svg
from claims.models import Claim, Verdict
from core.admin_links import ObjectPagesMixin

PREVIEW_LANGUAGES = ("en", "zh-hant")


def preview_svg(verdict: Verdict, lang: str) -> str:
    with override(lang):
        label = gettext("fact check")
    return badge_svg(label=label, message=verdict.label(lang), colour=verdict.colour, lang=lang)


class BadgePreviewMixin(ObjectPagesMixin):
    def get_urls(self):
        page = self.object_page("badge-preview.svg", self.badge_preview_view, "badge_preview")
        return [page, *super().get_urls()]

    def badge_preview_url(self, claim: Claim, **params) -> str:
        url = self.object_url("badge_preview", claim.pk)
        return f"{url}?{urlencode(params)}" if params else url

    @admin.display(description=_("badge"))
    def badge_preview(self, claim: Claim) -> str:
        return format_html_join(
            " ",
            '<img class="badge-preview" alt="" src="{}" data-badge-preview-src="{}">',
            (
                (
                    self.badge_preview_url(claim, verdict=claim.verdict_id, lang=lang),
                    self.badge_preview_url(claim, lang=lang),
                )
                for lang in PREVIEW_LANGUAGES
            ),
        )

    def badge_preview_view(self, request, object_id: str):
        claim = self.object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        lang = request.GET.get("lang", "en").lower()
        if lang not in PREVIEW_LANGUAGES:
            return HttpResponseBadRequest(
                gettext("Unknown language: use en or zh-hant."), content_type="text/plain"
            )
        raw_verdict = request.GET.get("verdict", "")
        if raw_verdict and not raw_verdict.isdigit():
            return HttpResponseBadRequest(
                gettext("The verdict must be the number of a verdict."), content_type="text/plain"
            )
        verdict = claim.verdict
        if raw_verdict:
            verdict = Verdict.objects.filter(pk=int(raw_verdict)).first()
            if verdict is None:
                raise Http404
        response = HttpResponse(preview_svg(verdict, lang), content_type="image/svg+xml")
        # A draft verdict: never kept by a browser or proxy, never run as a document.
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return response
