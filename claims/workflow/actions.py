"""The workflow's actions: every change of a claim's state, and the editor's edits.

The admin (forms and bulk actions), the REST API and the fixture loader all call these
functions. Each checks permissions, the claim's state and the publishing rules, and does its
writes in one transaction, so a verdict, its history row and the cache invalidation that
follows happen together or not at all.

    draft ──submit──▶ review ──publish──▶ published ──withdraw──▶ withdrawn
      ▲                 │                     │
      └─return_to_draft─┘                     └─change_verdict (kept in the history)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from claims.models import Claim, ClaimStatus, Verdict, VerdictChange, VerdictChangeKind
from claims.workflow.record import recording, unrecorded_writes
from claims.workflow.rules import (
    EDIT_PERMISSION,
    PUBLISH_PERMISSION,
    REVIEW_FIELDS,
    WORKFLOW_FIELDS,
    ConflictError,
    WorkflowError,
    acting_time,
    claim_check_still_publishable,
    public_reason,
    publication_problems,
    require_permission,
)


def _lock(claim: Claim, expected_version: int | None) -> Claim:
    """Re-read the claim under a row lock and check nobody saved it in between."""
    # No joins under FOR UPDATE: PostgreSQL re-checks a join against the row as the other
    # writer left it, and a changed verdict_id would make the claim vanish from the result.
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(claim.pk, expected_version, current.version)
    return current


def _save(claim: Claim, fields: list[str]) -> None:
    claim.version = F("version") + 1
    with unrecorded_writes(claim.pk):
        claim.save(update_fields=[*fields, "version", "updated_at"])
    claim.refresh_from_db(fields=["version"])


# Which states each action starts from, and who may take it. The functions below enforce it;
# `available_actions` reads it so screens offer only what would be accepted.
ACTIONS = {
    "submit": ((ClaimStatus.DRAFT,), EDIT_PERMISSION),
    "return_to_draft": ((ClaimStatus.REVIEW,), PUBLISH_PERMISSION),
    "publish": ((ClaimStatus.REVIEW,), PUBLISH_PERMISSION),
    "change_verdict": ((ClaimStatus.PUBLISHED,), PUBLISH_PERMISSION),
    "withdraw": ((ClaimStatus.PUBLISHED,), PUBLISH_PERMISSION),
}


def available_actions(claim: Claim, user) -> list[str]:
    """The workflow actions `user` may take on `claim` in its current state."""
    return [
        name
        for name, (statuses, permission) in ACTIONS.items()
        if claim.status in statuses and user.has_perm(permission)
    ]


def _action_words(action: str) -> str:
    # "A claim that is draft cannot be …": the context keeps these apart from the statuses.
    return {
        "submit": pgettext("workflow action", "submitted for review"),
        "return_to_draft": pgettext("workflow action", "returned to draft"),
        "publish": pgettext("workflow action", "published"),
        "change_verdict": pgettext("workflow action", "given a new verdict"),
        "withdraw": pgettext("workflow action", "withdrawn"),
    }[action]


def _begin(action: str, claim: Claim, by, expected_version: int | None) -> Claim:
    """Check that `by` may take `action`, lock the claim and check its state allows it."""
    require_permission(by, ACTIONS[action][1])
    claim = _lock(claim, expected_version)
    if claim.status not in ACTIONS[action][0]:
        raise WorkflowError(
            _("A claim that is %(status)s cannot be %(action)s.")
            % {"status": claim.get_status_display(), "action": _action_words(action)}
        )
    return claim


@transaction.atomic
def claim_submit_for_review(*, claim: Claim, by, expected_version: int | None = None) -> Claim:
    claim = _begin("submit", claim, by, expected_version)
    claim.status = ClaimStatus.REVIEW
    _save(claim, ["status"])
    return claim


@transaction.atomic
def claim_return_to_draft(*, claim: Claim, by, expected_version: int | None = None) -> Claim:
    claim = _begin("return_to_draft", claim, by, expected_version)
    claim.status = ClaimStatus.DRAFT
    _save(claim, ["status"])
    return claim


@transaction.atomic
def claim_publish(
    *,
    claim: Claim,
    by,
    verdict: Verdict | None = None,
    ruling: str | None = None,
    ruling_zh_hant: str | None = None,
    reason: str = "",
    expected_version: int | None = None,
    at: datetime | None = None,
    first_verdict: Verdict | None = None,
) -> Claim:
    """Publish a reviewed claim with its verdict; the first entry of its correction log.

    The loader, replaying a dated history, publishes the claim as it stands now and logs the
    verdict it was `first_verdict` published with; its later corrections follow in the log."""
    claim = _begin("publish", claim, by, expected_version)
    now = acting_time(by, at)
    if first_verdict is not None and by is not None:
        raise PermissionDenied(_("Only the fixture loader may replay a claim's history."))
    if reason and reason.strip():
        reason = public_reason(reason, missing=_("Write a public note readers can see, or none."))
    if verdict is not None:
        claim.verdict = verdict
    if ruling is not None:
        claim.ruling = ruling
    if ruling_zh_hant is not None:
        claim.ruling_zh_hant = ruling_zh_hant
    problems = publication_problems(claim)
    if problems:
        raise WorkflowError(problems)
    claim.status = ClaimStatus.PUBLISHED
    claim.reviewed_by = by
    claim.reviewed_at = now
    claim.published_at = claim.published_at or now
    _save(
        claim,
        [
            "status",
            "verdict",
            "ruling",
            "ruling_zh_hant",
            "reviewed_by",
            "reviewed_at",
            "published_at",
        ],
    )
    VerdictChange.objects.create(
        claim=claim,
        kind=VerdictChangeKind.PUBLISHED,
        from_verdict=None,
        to_verdict=first_verdict or claim.verdict,
        **_first_entry_reason(reason),
        changed_by=by,
        changed_at=now,
    )
    return claim


def _first_entry_reason(reason: str) -> dict[str, str]:
    """The editor's note, or our default in both languages, whatever the editor's own."""
    if reason.strip():
        return {"reason": reason.strip()}
    with translation.override("en"):
        english = _("First published.")
    with translation.override("zh-hant"):
        chinese = _("First published.")
    return {"reason": english, "reason_zh_hant": chinese}


@transaction.atomic
def claim_change_verdict(
    *,
    claim: Claim,
    by,
    verdict: Verdict,
    reason: str,
    ruling: str | None = None,
    ruling_zh_hant: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    related: Callable[[], object] | None = None,
    reason_zh_hant: str = "",
) -> Claim:
    """Change a published review: its verdict, its ruling or both.

    `related` makes the edits of the claim's content and evidence that the same correction
    brings (they go on the record as an update with the same reason); the publishing rules
    then apply to the claim as it is afterwards.

    Every such change is a correction readers can see: it goes into the correction log with
    its public reason, even when only the wording of the ruling changed.
    """
    claim = _begin("change_verdict", claim, by, expected_version)
    now = acting_time(by, at)
    reason = public_reason(
        reason, missing=_("Say publicly why the verdict of a published claim changes.")
    )
    if related is not None:
        with recording(claim, by=by, reason=reason, at=at, reason_zh_hant=reason_zh_hant):
            related()
    previous = claim.verdict
    rulings = {"ruling": ruling, "ruling_zh_hant": ruling_zh_hant}
    new_rulings = {
        name: text
        for name, text in rulings.items()
        if text is not None and text != getattr(claim, name)
    }
    if verdict.pk == claim.verdict_id and not new_rulings:
        raise WorkflowError(_("The claim already has this verdict and ruling."))
    claim.verdict = verdict
    for name, text in new_rulings.items():
        setattr(claim, name, text)
    problems = publication_problems(claim)
    if problems:
        raise WorkflowError(problems)
    claim.reviewed_by = by
    claim.reviewed_at = now
    _save(claim, ["verdict", "ruling", "ruling_zh_hant", "reviewed_by", "reviewed_at"])
    VerdictChange.objects.create(
        claim=claim,
        kind=VerdictChangeKind.CORRECTED,
        from_verdict=previous,
        to_verdict=verdict,
        reason=reason,
        reason_zh_hant=reason_zh_hant.strip(),
        changed_by=by,
        changed_at=now,
    )
    return claim


@transaction.atomic
def claim_withdraw(*, claim: Claim, by, reason: str, expected_version: int | None = None) -> Claim:
    """Take a published claim down. It stays stored, with a public notice of why."""
    claim = _begin("withdraw", claim, by, expected_version)
    reason = public_reason(reason, missing=_("Say publicly why the claim is withdrawn."))
    now = acting_time(by, None)
    claim.status = ClaimStatus.WITHDRAWN
    claim.withdrawn_at = now
    claim.withdrawal_reason = reason
    _save(claim, ["status", "withdrawn_at", "withdrawal_reason"])
    VerdictChange.objects.create(
        claim=claim,
        kind=VerdictChangeKind.WITHDRAWN,
        from_verdict=claim.verdict,
        to_verdict=claim.verdict,
        reason=claim.withdrawal_reason,
        changed_by=by,
        changed_at=now,
    )
    return claim


@transaction.atomic
def claim_save_edits(
    *,
    claim: Claim,
    by,
    expected_version: int,
    reason: str | None = None,
    related: Callable[[], object] | None = None,
    at: datetime | None = None,
    reason_zh_hant: str = "",
) -> Claim:
    """Save an editor's changes to `claim` if nobody saved it since `expected_version`.

    Only the editable text and numbers are written; the version goes up by one. `related`
    saves what the same form changed besides (the admin's evidence rows), as part of the same
    edit. On a public claim the edit goes on the record (`recording`) with `reason`. Raises
    ConflictError for a stale edit and WorkflowError when the edit would rewrite a published
    ruling without a public reason or leave a published claim short of the publishing rules.
    """
    require_permission(by, EDIT_PERMISSION)
    current = _lock(claim, expected_version)
    if current.status == ClaimStatus.PUBLISHED:
        rewritten = [
            name for name in REVIEW_FIELDS if getattr(claim, name) != getattr(current, name)
        ]
        if rewritten:
            raise WorkflowError(
                {
                    name: _("Change a published ruling through “change verdict”, with a reason.")
                    for name in rewritten
                }
            )
    # The conditional UPDATE is the guard on every database, row lock or not.
    raised = Claim.objects.filter(pk=claim.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not raised:
        actual = Claim.objects.values_list("version", flat=True).get(pk=claim.pk)
        raise ConflictError(claim.pk, expected_version, actual)
    fields = [
        field.attname
        for field in Claim._meta.concrete_fields
        if field.name not in WORKFLOW_FIELDS and field.editable
    ]
    for name in WORKFLOW_FIELDS - {"id", "public_id", "version", "created_at", "updated_at"}:
        attname = Claim._meta.get_field(name).attname
        setattr(claim, attname, getattr(current, attname))
    claim.version = expected_version + 1
    with recording(current, by=by, reason=reason, at=at, reason_zh_hant=reason_zh_hant):
        # The save announces the change to caches when the claim is public (claims/signals.py).
        claim.save(update_fields=[*fields, "updated_at"])
        if related is not None:
            related()
    claim.reviewed_by, claim.reviewed_at = current.reviewed_by, current.reviewed_at
    # On the claim as the whole edit left it; a refusal rolls all of it back.
    claim_check_still_publishable(claim=claim)
    return claim


@transaction.atomic
def claim_edit(
    *,
    claim: Claim,
    by,
    changes: dict,
    expected_version: int | None = None,
    reason: str | None = None,
) -> Claim:
    """Apply `changes` (field name → value) to a claim: the API's form of claim_save_edits.

    Without `expected_version` (`If-Match: *`) the changes go onto the claim as it is now,
    whoever saved it since the caller read it: not refused as a conflict, and what the other
    save changed stays."""
    forbidden = sorted(set(changes) & WORKFLOW_FIELDS)
    if forbidden:
        raise WorkflowError(
            _("These fields change only through workflow actions: %(fields)s.")
            % {"fields": ", ".join(forbidden)}
        )
    if expected_version is None:
        claim = _lock(claim, None)
    for name, value in changes.items():
        setattr(claim, name, value)
    claim.full_clean()
    return claim_save_edits(
        claim=claim,
        by=by,
        expected_version=claim.version if expected_version is None else expected_version,
        reason=reason,
    )


@transaction.atomic
def claim_change_evidence(
    *,
    claim: Claim,
    by,
    change: Callable[[], object],
    expected_version: int | None = None,
    reason: str | None = None,
    at: datetime | None = None,
    reason_zh_hant: str = "",
):
    """Run `change` (an edit of the claim's evidence) as an edit of the claim itself.

    Evidence is part of what a claim says, so the claim is locked, checked against the
    version the editor read (when given), goes on the record with `reason` if it is public,
    still has to meet the publishing rules afterwards if it is published, and goes up one
    version, which also tells the caches. Returns what `change` returned; nothing is kept when
    a rule refuses the result.
    """
    require_permission(by, EDIT_PERMISSION)
    current = _lock(claim, expected_version)
    with recording(current, by=by, reason=reason, at=at, reason_zh_hant=reason_zh_hant):
        result = change()
    claim_check_still_publishable(claim=current)
    _save(current, [])
    return result
