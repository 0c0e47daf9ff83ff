"""The machine checks in the claim admin: a panel beside the verdict, a list column and filter.

The checks suggest; the editor decides. Every rule is in claims/checks/.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claims.admin.display import check_label, readonly_table
from claims.checks.for_claim import KIND_LABELS, claim_checks, with_checks_prefetched
from claims.checks.wording import plain_outcome, tone
from claims.models import Claim
from elsewhere.display import checked_before_html
from elsewhere.matching import get_matcher
from elsewhere.retrieval import claim_probe

# Claims whose checks the "checks flagged" filter computes per database round trip.
FILTER_CHUNK = 500
SIMILAR_SHOWN = 5


class ChecksFlaggedFilter(admin.SimpleListFilter):
    title = _("checks flagged")
    parameter_name = "checks_flagged"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        # The checks are computed, not stored: read the claims a chunk at a time, in a
        # fixed number of queries per chunk, and keep the ids that match.
        wanted = self.value() == "yes"
        claims = with_checks_prefetched(
            queryset.select_related(None).prefetch_related(None).order_by().only(*CHECKED_FIELDS)
        )
        matching = [
            claim.pk
            for claim in claims.iterator(chunk_size=FILTER_CHUNK)
            if any(check.flagged for check in claim_checks(claim)) == wanted
        ]
        return queryset.filter(pk__in=matching)


CHECKED_FIELDS = ("pk", "quote", "value", "unit", "comparator", "period", "status")


class ClaimChecksMixin:
    """Read-only fields and a list column that show claim_checks(claim)."""

    def get_queryset(self, request):
        return with_checks_prefetched(super().get_queryset(request))

    @admin.display(description=_("checks"))
    def checks_column(self, claim: Claim) -> str:
        checks = claim_checks(claim)
        if not checks:
            return "—"
        flagged = sum(check.flagged for check in checks)
        if flagged:
            return check_label(
                "flag",
                ngettext("%(count)d flagged", "%(count)d flagged", flagged) % {"count": flagged},
            )
        return check_label("ok", _("%(count)d checks, none flagged") % {"count": len(checks)})

    @admin.display(description=_("machine checks"))
    def machine_checks(self, claim: Claim) -> str:
        checks = claim_checks(claim)
        if not checks:
            return _("No machine check applies: the claim has no figure or no source figure.")
        rows = [
            (
                KIND_LABELS[check.kind],
                check_label(tone(check), plain_outcome(check.outcome)),
                check.explanation,
                _source_cell(check),
            )
            for check in checks
        ]
        return readonly_table(
            "machine-checks",
            [_("check"), _("outcome"), _("why"), _("source")],
            rows,
            note=_("The system suggests; the editor decides. These checks are not the verdict."),
        )

    @admin.display(description=_("checked before?"))
    def similar_published(self, claim: Claim) -> str:
        """Our published claims and other desks' imported reviews most like this claim."""
        if not (claim.quote or claim.restatement):
            return _("No published claim is like this one.")
        found = get_matcher().find(
            claim_probe(claim),
            claims=Claim.objects.published().select_related("verdict"),
            limit=SIMILAR_SHOWN,
        )
        return checked_before_html(
            found,
            empty=_(
                "No published claim is like this one. Nor is any review imported from other "
                "fact-checkers."
            ),
            css_class="similar-claims",
        )


def _source_cell(check) -> str:
    if check.evidence is not None:
        return f"{check.evidence.source.title} ({check.evidence.get_role_display()})"
    if check.derivation is not None:
        return ", ".join(str(item.claim.slug) for item in check.derivation.inputs.all())
    return "—"
