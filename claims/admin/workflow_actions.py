"""The claim admin's workflow buttons and bulk actions. Every rule is in claims/workflow/.

Each button leads to a small confirmation page (verdict, ruling, public reason); the page
calls the workflow function and shows its refusal, word for word, as an error message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from claims.admin.forms import (
    ActionForm,
    BulkWithdrawForm,
    ChangeVerdictForm,
    PublishForm,
    WithdrawForm,
)
from claims.models import Claim
from claims.workflow import (
    PUBLISH_PERMISSION,
    ConflictError,
    WorkflowError,
    available_actions,
    claim_change_verdict,
    claim_publish,
    claim_return_to_draft,
    claim_submit_for_review,
    claim_withdraw,
)
from core.admin_links import ObjectPagesMixin

REFUSALS = (WorkflowError, ConflictError, PermissionDenied)


def refusal_messages(error: Exception) -> list[str]:
    if isinstance(error, WorkflowError):
        return list(error.messages)
    return [str(error) or str(_("You do not have permission to do this."))]


@dataclass(frozen=True)
class ActionPage:
    name: str
    title: str
    button: str
    done: str
    form: type[ActionForm]
    run: Callable[..., Claim]
    initial: Callable[[Claim], dict] = lambda claim: {}
    # Turns the confirmed form into the workflow function's keyword arguments.
    arguments: Callable[[Claim, dict], dict] = lambda claim, data: data
    previews_badge: bool = False


def _verdict_initial(claim: Claim) -> dict:
    return {
        "verdict": claim.verdict_id,
        "ruling": claim.ruling,
        "ruling_zh_hant": claim.ruling_zh_hant,
    }


def _change_verdict_arguments(claim: Claim, data: dict) -> dict:
    # An untouched ruling is no change: the workflow then refuses "already has this verdict".
    return {
        **data,
        **{
            name: None if data[name] == getattr(claim, name) else data[name]
            for name in ("ruling", "ruling_zh_hant")
        },
    }


ACTION_PAGES = {
    page.name: page
    for page in [
        ActionPage(
            "submit",
            _("Submit for review"),
            _("Submit for review"),
            _("The claim is now in review."),
            ActionForm,
            claim_submit_for_review,
        ),
        ActionPage(
            "return_to_draft",
            _("Return to draft"),
            _("Return to draft"),
            _("The claim is a draft again."),
            ActionForm,
            claim_return_to_draft,
        ),
        ActionPage(
            "publish",
            _("Publish with a verdict"),
            _("Publish…"),
            _("The claim is published."),
            PublishForm,
            claim_publish,
            initial=_verdict_initial,
            previews_badge=True,
        ),
        ActionPage(
            "change_verdict",
            _("Change the published verdict"),
            _("Change verdict…"),
            _("The verdict was changed and the reason added to the verdict history."),
            ChangeVerdictForm,
            claim_change_verdict,
            initial=_verdict_initial,
            arguments=_change_verdict_arguments,
            previews_badge=True,
        ),
        ActionPage(
            "withdraw",
            _("Withdraw the claim"),
            _("Withdraw…"),
            _("The claim is withdrawn; readers see the reason."),
            WithdrawForm,
            claim_withdraw,
        ),
    ]
}


class ClaimWorkflowMixin(ObjectPagesMixin):
    """Workflow pages and bulk actions for the claim admin."""

    actions = [
        "submit_selected",
        "return_selected_to_draft",
        "publish_selected",
        "withdraw_selected",
    ]

    def get_urls(self):
        page = self.object_page("workflow/<slug:action>/", self.workflow_view, "workflow")
        return [page, *super().get_urls()]

    def workflow_buttons(self, request, claim: Claim) -> list[tuple[str, str]]:
        names = available_actions(claim, request.user)
        return [
            (self.workflow_url(claim, name), ACTION_PAGES[name].button)
            for name in ACTION_PAGES
            if name in names
        ]

    def workflow_url(self, claim: Claim, name: str) -> str:
        return self.object_url("workflow", claim.pk, name)

    def workflow_view(self, request, object_id: str, action: str):
        page = ACTION_PAGES.get(action.replace("-", "_"))
        claim = self.object_or_404(request, object_id)
        if page is None:
            raise Http404
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        change_url = self.object_url("change", claim.pk)
        initial = {"expected_version": claim.version, **page.initial(claim)}
        if request.method == "POST":
            form = page.form(request.POST, initial=initial)
            if form.is_valid():
                try:
                    page.run(
                        claim=claim,
                        by=request.user,
                        expected_version=form.cleaned_data["expected_version"],
                        **page.arguments(claim, form.action_kwargs()),
                    )
                except REFUSALS as error:
                    for message in refusal_messages(error):
                        self.message_user(request, message, messages.ERROR)
                    # A broken rule can be put right on this page; a conflict or a missing
                    # permission cannot.
                    if not isinstance(error, WorkflowError):
                        return HttpResponseRedirect(change_url)
                else:
                    self.message_user(request, page.done, messages.SUCCESS)
                    return HttpResponseRedirect(change_url)
        else:
            form = page.form(initial=initial)
        context = self.object_page_context(
            request,
            claim,
            page.title,
            page=page,
            form=form,
            badge_preview=self.badge_preview(claim) if page.previews_badge else "",
            media=self.media + form.media,
        )
        return TemplateResponse(request, "admin/claims/claim/workflow_action.html", context)

    def has_publish_permission(self, request) -> bool:
        # Hides the fact-checkers' actions from editors; the workflow refuses them anyway.
        return request.user.has_perm(PUBLISH_PERMISSION)

    def _run_in_bulk(self, request, queryset, transition, done_message, **kw):
        done = 0
        for claim in queryset.order_by("pk"):
            try:
                transition(claim=claim, by=request.user, **kw)
            except REFUSALS as error:
                for message in refusal_messages(error):
                    self.message_user(request, f"“{claim}”: {message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Submit the selected claims for review"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._run_in_bulk(
            request,
            queryset,
            claim_submit_for_review,
            ngettext_lazy(
                "%(count)d claim submitted for review.",
                "%(count)d claims submitted for review.",
                "count",
            ),
        )

    @admin.action(description=_("Return the selected claims to draft"), permissions=["publish"])
    def return_selected_to_draft(self, request, queryset):
        self._run_in_bulk(
            request,
            queryset,
            claim_return_to_draft,
            ngettext_lazy(
                "%(count)d claim returned to draft.", "%(count)d claims returned to draft.", "count"
            ),
        )

    @admin.action(
        description=_("Publish the selected claims with their verdicts"), permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        self._run_in_bulk(
            request,
            queryset,
            claim_publish,
            ngettext_lazy("%(count)d claim published.", "%(count)d claims published.", "count"),
        )

    @admin.action(description=_("Withdraw the selected claims…"), permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        form = BulkWithdrawForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._run_in_bulk(
                request,
                queryset,
                claim_withdraw,
                ngettext_lazy("%(count)d claim withdrawn.", "%(count)d claims withdrawn.", "count"),
                reason=form.cleaned_data["reason"],
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Withdraw claims"),
            "form": form,
            "claims": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/withdraw_selected.html", context)
