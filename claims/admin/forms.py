"""Forms of the claim admin: the edit form that carries its version, and the action forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from claims.models import Claim, Verdict
from claims.workflow import (
    MISSING_UPDATE_REASON,
    ONLY_PUBLISHERS_UPDATE,
    PUBLISH_PERMISSION,
    RECORD_FIELDS,
    ConflictError,
    is_first_translation,
    visible_text,
)

CORRECTION_REASON = "correction_reason"


def text_field(label, *, rows: int, help_text="") -> forms.CharField:
    """An optional text box of `rows` lines: the workflow decides whether it may be empty."""
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def on_the_record_problems(user, reason: str, *, needs_reason: bool = True) -> list[str]:
    """Why a change to a public claim's content cannot be saved as typed; empty when it can."""
    if user is not None and not user.has_perm(PUBLISH_PERMISSION):
        return [str(ONLY_PUBLISHERS_UPDATE)]
    if needs_reason and not visible_text(reason or ""):
        return [str(MISSING_UPDATE_REASON)]
    return []


class ClaimAdminForm(forms.ModelForm):
    """The claim form; `expected_version` is the version the editor started from."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    correction_reason = text_field(
        _("public reason for this change"),
        rows=2,
        help_text=_(
            "This fact check is public: a change to what it is about (the quote, the numbers, "
            "the evidence) is shown to readers in its correction log, with this reason."
        ),
    )
    # Set by the admin for the request: who is editing.
    user = None

    class Meta:
        model = Claim
        # What an editor types; state fields change only through the workflow actions.
        fields = [
            "quote",
            "quote_language",
            "quote_prefix",
            "quote_suffix",
            "restatement",
            "restatement_zh",
            "claimant",
            "kind",
            "slug",
            "comparator",
            "value",
            "unit",
            "period",
            "place",
            "article",
            "paragraph",
            "ruling",
            "ruling_zh_hant",
            "research_notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            expected = cleaned.get("expected_version")
            if expected is None:
                raise forms.ValidationError(
                    _("This form is missing the claim's version. Reload the page and try again.")
                )
            # The instance was read for this request: if it moved on, someone else saved it.
            # The save itself checks again, under a lock.
            if expected != self.instance.version:
                raise forms.ValidationError(
                    str(ConflictError(self.instance.pk, expected, self.instance.version))
                )
            changed = set(self.changed_data) & set(RECORD_FIELDS)
            if self.instance.is_public and changed:
                needs_reason = any(
                    not is_first_translation(name, self.initial.get(name), cleaned.get(name))
                    for name in changed
                )
                problems = on_the_record_problems(
                    self.user, cleaned.get(CORRECTION_REASON), needs_reason=needs_reason
                )
                for problem in problems:
                    self.add_error(CORRECTION_REASON, problem)
        return cleaned


class ActionForm(forms.Form):
    """Confirms one workflow action; carries the version the confirmation page showed."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def action_kwargs(self) -> dict:
        return {
            name: value for name, value in self.cleaned_data.items() if name != "expected_version"
        }


class ReviewForm(ActionForm):
    """The published review: a verdict and the ruling readers see, in both languages."""

    verdict = forms.ModelChoiceField(
        queryset=Verdict.objects.all(),
        label=_("verdict"),
        empty_label=None,
        widget=forms.Select(attrs={"data-badge-preview": "verdict"}),
    )
    ruling = text_field(
        _("ruling (English)"), rows=4, help_text=_("The short explanation readers see.")
    )
    ruling_zh_hant = text_field(_("ruling (Traditional Chinese)"), rows=4)

    class Media:
        # Redraws the badge preview when the verdict select changes.
        js = ["claims/admin/badge-preview.js"]


class PublishForm(ReviewForm):
    reason = text_field(
        _("public note"),
        rows=2,
        help_text=_("Goes into the verdict history; “First published.” when left empty."),
    )


class ChangeVerdictForm(ReviewForm):
    reason = text_field(
        _("public reason"), rows=3, help_text=_("Shown to readers in the verdict history.")
    )


class WithdrawForm(ActionForm):
    reason = text_field(
        _("public reason"), rows=3, help_text=_("Shown to readers in place of the claim's verdict.")
    )


class BulkWithdrawForm(forms.Form):
    reason = text_field(
        _("public reason"),
        rows=3,
        help_text=_("Shown to readers in place of each claim's verdict."),
    )
