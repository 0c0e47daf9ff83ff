"""Claim derivations in the admin: link a derived claim to its inputs and see the recomputation."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from claims.checks.for_claim import claim_precision, recompute
from claims.models import ClaimDerivation, DerivationInput


class DerivationInputInline(admin.TabularInline):
    model = DerivationInput
    extra = 2
    raw_id_fields = ["claim"]


@admin.register(ClaimDerivation)
class ClaimDerivationAdmin(admin.ModelAdmin):
    list_display = ["derived", "operation", "recomputed"]
    list_filter = ["operation"]
    raw_id_fields = ["derived"]
    readonly_fields = ["recomputed"]
    inlines = [DerivationInputInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("derived")
            .prefetch_related("inputs__claim")
        )

    @admin.display(description=_("recomputed"))
    def recomputed(self, derivation: ClaimDerivation) -> str:
        if derivation.pk is None:
            return "—"
        claim = derivation.derived
        return recompute(derivation, claim, claim_precision(claim)).explanation
