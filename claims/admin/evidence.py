"""Evidence: edited inline on its claim, so the claim's version and caches follow each change."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from claims.admin.figures import FIGURE_FIELDS
from claims.admin.forms import CORRECTION_REASON, on_the_record_problems
from claims.models import ClaimStatus, Evidence
from claims.workflow import EVIDENCE_RECORD_FIELDS, claim_is_deletable, publication_problems
from core.admin_history import HistoryAdmin
from core.admin_widgets import SafeAutocompleteMixin
from sources.admin.archive import EvidenceCaptureMixin


class EvidenceFormSet(forms.BaseInlineFormSet):
    """The claim's evidence rows; on a published claim, what they become must still meet the
    publishing rules. Checked here, before anything is saved, so that a refused change comes
    back on the form with everything the editor typed; the save checks again afterwards
    (ClaimAdmin.save_related)."""

    # Set by the admin for the request: who is editing.
    user = None

    def clean(self):
        super().clean()
        claim = self.instance
        if not claim.pk or not claim.is_public:
            return
        if any(form.errors for form in self.forms):
            return  # the rows' own errors first: the rules need rows that make sense
        problems = []
        if claim.status == ClaimStatus.PUBLISHED:
            kept = [
                form.instance
                for form in self.forms
                if getattr(form, "cleaned_data", None)
                and not self._should_delete_form(form)
                and (form.instance.pk or form.has_changed())
            ]
            problems += publication_problems(claim, evidence=kept)
        if self._changes_the_record():
            # The reason is typed once, on the claim's own form, for the whole change.
            reason = self.data.get(CORRECTION_REASON, "")
            problems += on_the_record_problems(self.user, reason)
        if problems:
            raise forms.ValidationError(problems)

    def _changes_the_record(self) -> bool:
        for form in self.forms:
            if self._should_delete_form(form) and form.instance.pk:
                return True
            if not form.has_changed():
                continue
            if form.instance.pk is None:
                return True
            if set(form.changed_data) & {"source", *EVIDENCE_RECORD_FIELDS}:
                return True
        return False


class EvidenceInline(SafeAutocompleteMixin, admin.StackedInline):
    """Stacked, not tabular: ten fields in a row ran the form to twice the window's width."""

    model = Evidence
    formset = EvidenceFormSet
    extra = 0
    autocomplete_fields = ["source"]
    fields = (
        ("source", "role", "seen"),
        ("value", "unit", "locator", "position"),
        ("excerpt", "note", "research_note"),
    )
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 20})},
        **FIGURE_FIELDS,
    }

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user
        return formset

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None and obj.pk else 1


@admin.register(Evidence)
class EvidenceAdmin(EvidenceCaptureMixin, HistoryAdmin):
    """Evidence is changed on its claim's page, so the claim's version and caches follow."""

    sources_of_rows = "evidence__in"
    actions = ["capture_evidence_sources"]

    list_display = ("claim", "source", "role", "seen", "updated_at")
    list_filter = ("role", "seen")
    list_select_related = ("claim", "source")
    search_fields = ("claim__restatement", "source__title", "excerpt")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def revert_refusal(self, request, obj):
        return str(
            _(
                "Evidence changes on its claim's page, so that the claim's version and record "
                "follow: it cannot be reverted here."
            )
        )

    def has_delete_permission(self, request, obj=None):
        # Asked for each row when a draft claim is deleted with its evidence.
        if obj is not None and not claim_is_deletable(obj.claim):
            return False
        return super().has_delete_permission(request, obj)
