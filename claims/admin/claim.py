"""The claim admin: the list an editor works from and the form a claim is entered with."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from claims.admin.badge_preview import BadgePreviewMixin
from claims.admin.checks import ChecksFlaggedFilter, ClaimChecksMixin
from claims.admin.display import claim_value, readonly_table, verdict_chip
from claims.admin.evidence import EvidenceInline
from claims.admin.figures import FIGURE_FIELDS
from claims.admin.filters import EvidencePublisherFilter, EvidenceSourceFilter
from claims.admin.forms import ClaimAdminForm
from claims.admin.workflow_actions import ClaimWorkflowMixin, refusal_messages
from claims.models import Claim, ClaimStatus
from claims.workflow import (
    REVIEW_FIELDS,
    ConflictError,
    WorkflowError,
    claim_is_deletable,
    claim_save_edits,
)
from core.admin_history import HistoryAdmin
from sources.admin.archive import ClaimSourceArchiveFilter, EvidenceCaptureMixin

AUDIT_TRAIL_LENGTH = 10
REVERT_PUBLIC = _(
    "This claim is public: it changes only through the desk's workflow, on the record. Edit "
    "it on its page with a public reason, or change its verdict; it cannot be reverted."
)


@admin.register(Claim)
class ClaimAdmin(
    EvidenceCaptureMixin,
    ClaimChecksMixin,
    BadgePreviewMixin,
    ClaimWorkflowMixin,
    HistoryAdmin,
):
    form = ClaimAdminForm
    formfield_overrides = FIGURE_FIELDS

    class Media:
        css = {"all": ["claims/admin/desk.css"]}
        js = ["claims/admin/autocomplete-names.js"]

    change_form_template = "admin/claims/claim/change_form.html"
    inlines = [EvidenceInline]
    actions = [*ClaimWorkflowMixin.actions, "capture_evidence_sources"]

    list_display = (
        "short_restatement",
        "verdict_and_status",
        "article_column",
        "claimant",
        "value_column",
        "checks_column",
        "updated_column",
    )
    list_filter = (
        "verdict",
        "status",
        "kind",
        "article",
        # 80-odd sources are too many to list: the search box finds claims by their sources'
        # titles, and links from a source's page still filter by it (?source=).
        EvidenceSourceFilter,
        EvidencePublisherFilter,
        "unit",
        ChecksFlaggedFilter,
        ClaimSourceArchiveFilter,
    )
    list_select_related = ("article", "verdict")
    search_fields = ("quote", "restatement", "claimant", "evidence__source__title")
    ordering = ("article", "paragraph", "id")
    list_per_page = 50
    autocomplete_fields = ("article",)
    prepopulated_fields = {"slug": ("restatement",)}
    revert_refusals = (ConflictError, WorkflowError)
    readonly_fields = (
        "status",
        "verdict_column",
        "badge_preview",
        "reviewed_by",
        "reviewed_at",
        "published_at",
        "withdrawn_at",
        "withdrawal_reason",
        "public_id",
        "machine_checks",
        "similar_published",
        "verdict_history",
        "audit_trail",
    )
    fieldsets = (
        (
            _("The claim"),
            {
                "fields": (
                    "expected_version",
                    "quote",
                    "quote_language",
                    ("quote_prefix", "quote_suffix"),
                    "restatement",
                    "restatement_zh",
                    "claimant",
                    "kind",
                    "slug",
                )
            },
        ),
        (_("The numbers"), {"fields": (("comparator", "value", "unit"), "period", "place")}),
        (_("Where it appears"), {"fields": ("article", "paragraph")}),
        (
            _("The verdict"),
            {
                "fields": (
                    "status",
                    "verdict_column",
                    "badge_preview",
                    "machine_checks",
                    "similar_published",
                    "ruling",
                    "ruling_zh_hant",
                    ("reviewed_by", "reviewed_at"),
                    "published_at",
                    ("withdrawn_at", "withdrawal_reason"),
                    "public_id",
                )
            },
        ),
        (_("Research notes"), {"fields": ("research_notes",)}),
        (
            _("Verdict history and audit trail"),
            {"fields": ("verdict_history", "audit_trail")},
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == ClaimStatus.PUBLISHED:
            # The published review changes through "change verdict", with a public reason.
            return (*self.readonly_fields, *REVIEW_FIELDS)
        return self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.is_public:
            # Asked for where the change is typed: what the claim says is public.
            claim_fields = self.fieldsets[0][1]["fields"]
            first = (self.fieldsets[0][0], {"fields": ("correction_reason", *claim_fields)})
            return (first, *self.fieldsets[1:])
        if obj is None:
            # A new claim is a draft with the default verdict: only its ruling can be written.
            verdict = (_("The verdict"), {"fields": ("ruling", "ruling_zh_hant")})
            return (*self.fieldsets[:3], verdict, self.fieldsets[4])
        return self.fieldsets

    @admin.display(description=_("claim"), ordering="restatement")
    def short_restatement(self, claim: Claim) -> str:
        return Truncator(claim.restatement).chars(90)

    @admin.display(description=_("article"), ordering="article")
    def article_column(self, claim: Claim) -> str:
        return format_html(
            '<span title="{}">{}</span>', claim.article, Truncator(str(claim.article)).chars(16)
        )

    @admin.display(description=_("verdict"), ordering="verdict__position")
    def verdict_and_status(self, claim: Claim) -> str:
        return format_html(
            '{}<br><span class="claim-status">{}</span>',
            verdict_chip(claim.verdict),
            claim.get_status_display(),
        )

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated_column(self, claim: Claim) -> str:
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            claim.updated_at.isoformat(),
            date_format(localtime(claim.updated_at), "DATETIME_FORMAT"),
            date_format(localtime(claim.updated_at), "SHORT_DATE_FORMAT"),
        )

    @admin.display(description=_("verdict"), ordering="verdict__position")
    def verdict_column(self, claim: Claim) -> str:
        return verdict_chip(claim.verdict)

    @admin.display(description=_("value"), ordering="value")
    def value_column(self, claim: Claim) -> str:
        return claim_value(claim)

    @admin.display(description=_("verdict history"))
    def verdict_history(self, claim: Claim) -> str:
        changes = claim.verdict_changes.select_related("from_verdict", "to_verdict", "changed_by")
        rows = [
            (
                f"{change.changed_at:%Y-%m-%d %H:%M}",
                change.get_kind_display(),
                verdict_chip(change.to_verdict),
                change.reason,
                change.changed_by or "—",
            )
            for change in changes
        ]
        if not rows:
            return _("Not published yet.")
        headers = [_("when"), _("what"), _("verdict"), _("public reason"), _("by")]
        return readonly_table("verdict-history", headers, rows)

    @admin.display(description=_("audit trail"))
    def audit_trail(self, claim: Claim) -> str:
        # One query more than shown, so each entry can be compared with the one before it.
        records = list(
            claim.history.select_related("history_user").order_by("-history_date", "-history_id")[
                : AUDIT_TRAIL_LENGTH + 1
            ]
        )
        labels = {field.name: field.verbose_name for field in Claim._meta.fields}
        rows = []
        for record, previous in zip(records, records[1:] + [None], strict=False):
            if len(rows) == AUDIT_TRAIL_LENGTH:
                break
            if previous is None or record.history_type != "~":
                changed = ""
            else:
                delta = record.diff_against(previous)
                changed = ", ".join(str(labels.get(name, name)) for name in delta.changed_fields)
            rows.append(
                (
                    f"{record.history_date:%Y-%m-%d %H:%M}",
                    record.history_user or "—",
                    record.get_history_type_display(),
                    changed,
                )
            )
        headers = [_("when"), _("who"), _("what"), _("fields changed")]
        return readonly_table("audit-trail", headers, rows)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["workflow_buttons"] = self.workflow_buttons(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ConflictError, WorkflowError) as error:
            # Raised inside the admin's transaction, so nothing of this save was kept.
            for message in refusal_messages(error):
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.path)

    def revert_refusal(self, request, obj):
        refusal = super().revert_refusal(request, obj)
        if refusal is None and obj.is_public:
            return str(REVERT_PUBLIC)
        return refusal

    def revert_messages(self, error):
        return refusal_messages(error)

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        if not change:
            obj.save()
        elif getattr(request, "reverting_history", False):
            # A revert from the history page: the claim's own fields, as one edit.
            claim_save_edits(
                claim=obj, by=request.user, expected_version=form.cleaned_data["expected_version"]
            )
        # A change is saved with its evidence rows in save_related: one edit of the claim.

    def save_related(self, request, form, formsets, change):
        if not change:
            super().save_related(request, form, formsets, change)
            return
        claim_save_edits(
            claim=form.instance,
            by=request.user,
            expected_version=form.cleaned_data["expected_version"],
            reason=form.cleaned_data.get("correction_reason"),
            related=lambda: super(ClaimAdmin, self).save_related(request, form, formsets, change),
        )

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not claim_is_deletable(obj):
            return False
        return super().has_delete_permission(request, obj)
