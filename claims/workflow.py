"""The claim workflow: every rule about publishing lives here, and only here.

The admin (forms and bulk actions), the REST API and the fixture loader all call these
functions. Each checks permissions, the claim's state and the publishing rules, and does its
writes in one transaction, so a verdict, its history row and the cache invalidation that
follows happen together or not at all.

    draft ──submit──▶ review ──publish──▶ published ──withdraw──▶ withdrawn
      ▲                 │                     │
      └─return_to_draft─┘                     └─change_verdict (kept in the history)
"""

from __future__ import annotations

import django.dispatch
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.models import Claim, ClaimStatus, Verdict, VerdictChange, VerdictChangeKind

PUBLISH_PERMISSION = "claims.publish_claim"
EDIT_PERMISSION = "claims.change_claim"

# Sent after the transaction that changed what the public sees of a claim has committed
# (see claims/signals.py, which sends it for every save the workflow or an editor makes).
# Caches of public reads (badges, API pages) listen to it.
public_claim_changed = django.dispatch.Signal()


class WorkflowError(ValidationError):
    """The action breaks a workflow rule; its messages say which, in the reader's words."""


class ConflictError(Exception):
    """Someone else saved the claim since it was read: the action was refused, nothing changed."""

    def __init__(self, claim_id: int, expected: int, actual: int):
        self.claim_id, self.expected, self.actual = claim_id, expected, actual
        super().__init__(
            _(
                "This claim was changed by someone else while you were editing it "
                "(version %(actual)s, you had version %(expected)s). Reload it and apply "
                "your change again."
            )
            % {"actual": actual, "expected": expected}
        )


def publication_problems(claim: Claim, verdict: Verdict | None = None) -> list[str]:
    """Why `claim` cannot be shown to the public with `verdict`; empty when it can."""
    verdict = verdict or claim.verdict
    problems = []
    if not verdict.publishable:
        problems.append(
            _("Choose a verdict: “%(verdict)s” cannot be published.") % {"verdict": verdict.label()}
        )
    if not claim.ruling.strip():
        problems.append(_("Write the ruling readers will see."))
    evidence = list(claim.evidence.select_related("source")) if claim.pk else []
    if not evidence:
        problems.append(_("Link at least one source as evidence."))
    elif verdict.decisive and not _independent_seen_evidence(claim, evidence):
        problems.append(
            _(
                "A verdict of “%(verdict)s” needs evidence that was read from a source other "
                "than the article under review."
            )
            % {"verdict": verdict.label()}
        )
    return problems


def _independent_seen_evidence(claim: Claim, evidence) -> list:
    article = claim.article
    own_urls = {article.url} - {""}
    return [
        row
        for row in evidence
        if row.seen
        and row.source_id != article.source_id
        and (row.source.url == "" or row.source.url not in own_urls)
    ]


def _require(user, permission: str) -> None:
    # `user` is None only for trusted internal callers (the fixture loader).
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(_("You do not have permission to do this."))


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
    claim.save(update_fields=[*fields, "version", "updated_at"])
    claim.refresh_from_db(fields=["version"])


def _require_status(claim: Claim, *allowed: str, action: str) -> None:
    if claim.status not in allowed:
        raise WorkflowError(
            _("A claim that is %(status)s cannot be %(action)s.")
            % {"status": claim.get_status_display(), "action": action}
        )


@transaction.atomic
def claim_submit_for_review(*, claim: Claim, by, expected_version: int | None = None) -> Claim:
    _require(by, EDIT_PERMISSION)
    claim = _lock(claim, expected_version)
    _require_status(claim, ClaimStatus.DRAFT, action=_("submitted for review"))
    claim.status = ClaimStatus.REVIEW
    _save(claim, ["status"])
    return claim


@transaction.atomic
def claim_return_to_draft(*, claim: Claim, by, expected_version: int | None = None) -> Claim:
    _require(by, PUBLISH_PERMISSION)
    claim = _lock(claim, expected_version)
    _require_status(claim, ClaimStatus.REVIEW, action=_("returned to draft"))
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
    reason: str = "",
    expected_version: int | None = None,
) -> Claim:
    """Publish a reviewed claim with its verdict; the first entry of its correction log."""
    _require(by, PUBLISH_PERMISSION)
    claim = _lock(claim, expected_version)
    _require_status(claim, ClaimStatus.REVIEW, action=_("published"))
    if verdict is not None:
        claim.verdict = verdict
    if ruling is not None:
        claim.ruling = ruling
    problems = publication_problems(claim)
    if problems:
        raise WorkflowError(problems)
    now = timezone.now()
    claim.status = ClaimStatus.PUBLISHED
    claim.reviewed_by = by
    claim.reviewed_at = now
    claim.published_at = claim.published_at or now
    _save(
        claim,
        ["status", "verdict", "ruling", "reviewed_by", "reviewed_at", "published_at"],
    )
    VerdictChange.objects.create(
        claim=claim,
        kind=VerdictChangeKind.PUBLISHED,
        from_verdict=None,
        to_verdict=claim.verdict,
        reason=reason or _("First published."),
        changed_by=by,
        changed_at=now,
    )
    return claim


@transaction.atomic
def claim_change_verdict(
    *,
    claim: Claim,
    by,
    verdict: Verdict,
    reason: str,
    ruling: str | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Change a published verdict. The public reason goes into the correction log."""
    _require(by, PUBLISH_PERMISSION)
    claim = _lock(claim, expected_version)
    _require_status(claim, ClaimStatus.PUBLISHED, action=_("given a new verdict"))
    if not reason or not reason.strip():
        raise WorkflowError(
            {"reason": _("Say publicly why the verdict of a published claim changes.")}
        )
    if verdict.pk == claim.verdict_id and ruling is None:
        raise WorkflowError(_("The claim already has this verdict."))
    previous = claim.verdict
    claim.verdict = verdict
    if ruling is not None:
        claim.ruling = ruling
    problems = publication_problems(claim)
    if problems:
        raise WorkflowError(problems)
    now = timezone.now()
    claim.reviewed_by = by
    claim.reviewed_at = now
    _save(claim, ["verdict", "ruling", "reviewed_by", "reviewed_at"])
    if previous.pk != verdict.pk:
        VerdictChange.objects.create(
            claim=claim,
            kind=VerdictChangeKind.CORRECTED,
            from_verdict=previous,
            to_verdict=verdict,
            reason=reason.strip(),
            changed_by=by,
            changed_at=now,
        )
    return claim


@transaction.atomic
def claim_withdraw(*, claim: Claim, by, reason: str, expected_version: int | None = None) -> Claim:
    """Take a published claim down. It stays stored, with a public notice of why."""
    _require(by, PUBLISH_PERMISSION)
    claim = _lock(claim, expected_version)
    _require_status(claim, ClaimStatus.PUBLISHED, action=_("withdrawn"))
    if not reason or not reason.strip():
        raise WorkflowError({"reason": _("Say publicly why the claim is withdrawn.")})
    now = timezone.now()
    claim.status = ClaimStatus.WITHDRAWN
    claim.withdrawn_at = now
    claim.withdrawal_reason = reason.strip()
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


# Fields that only the workflow actions above change; an edit that names one is refused.
WORKFLOW_FIELDS = frozenset(
    {
        "status",
        "verdict",
        "reviewed_by",
        "reviewed_at",
        "published_at",
        "withdrawn_at",
        "withdrawal_reason",
        "version",
        "public_id",
    }
)


@transaction.atomic
def claim_edit(*, claim: Claim, by, changes: dict, expected_version: int | None = None) -> Claim:
    """Change a claim's own fields; status and verdict change only through the actions above."""
    _require(by, EDIT_PERMISSION)
    forbidden = sorted(set(changes) & WORKFLOW_FIELDS)
    if forbidden:
        raise WorkflowError(
            _("These fields change only through workflow actions: %(fields)s.")
            % {"fields": ", ".join(forbidden)}
        )
    claim = _lock(claim, expected_version)
    changed_ruling = [
        name
        for name in ("ruling", "ruling_zh_hant")
        if name in changes and changes[name] != getattr(claim, name)
    ]
    if claim.status == ClaimStatus.PUBLISHED and changed_ruling:
        # The published review changes only with a public reason and a new review date.
        raise WorkflowError(
            {
                name: _("Change a published ruling through “change verdict”, with a reason.")
                for name in changed_ruling
            }
        )
    for name, value in changes.items():
        setattr(claim, name, value)
    claim.full_clean()
    # Caches hear of it from the claim's save, as for any other edit of a public claim.
    _save(claim, sorted(changes))
    return claim
