"""The publishing rules: who may act, what a public claim must have, what readers see of it.

claims/workflow/actions.py and claims/workflow/record.py apply them; the admin's forms read them
to refuse a change on the form before anything is saved.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.models import Claim, ClaimStatus, Verdict

PUBLISH_PERMISSION = "claims.publish_claim"
EDIT_PERMISSION = "claims.change_claim"
PUBLIC_STATUSES = (ClaimStatus.PUBLISHED, ClaimStatus.WITHDRAWN)


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


def publication_problems(
    claim: Claim, verdict: Verdict | None = None, evidence: list | None = None
) -> list[str]:
    """Why `claim` cannot be shown to the public with `verdict`; empty when it can.

    `evidence` is the claim's evidence as it is about to be, when a form has not saved it yet;
    by default the stored evidence is read."""
    verdict = verdict or claim.verdict
    problems = []
    if not verdict.publishable:
        problems.append(
            _("Choose a verdict: “%(verdict)s” cannot be published.") % {"verdict": verdict.label()}
        )
    if not claim.ruling.strip():
        problems.append(_("Write the ruling readers will see."))
    if not visible_text(claim.restatement_zh):
        # Readers of the Chinese pages, badges and ClaimReview see the claim in their language.
        problems.append(_("Write the restatement in Traditional Chinese."))
    if evidence is None:
        evidence = list(claim.evidence.select_related("source")) if claim.pk else []
    if not evidence:
        problems.append(_("Link at least one source as evidence."))
    elif verdict.decisive:
        independent = _independent_seen_evidence(claim, evidence)
        if not independent:
            problems.append(
                _(
                    "A verdict of “%(verdict)s” needs evidence that was read from a source "
                    "other than the article under review."
                )
                % {"verdict": verdict.label()}
            )
        elif all(row.source.is_unreliable_copy for row in independent):
            problems.append(
                _(
                    "A verdict of “%(verdict)s” cannot rest only on copies of unknown "
                    "reliability: cite the original or a reputable copy."
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


def require_permission(user, permission: str) -> None:
    # `user` is None only for trusted internal callers (the fixture loader).
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(_("You do not have permission to do this."))


# Characters that take no room on a page: whitespace, zero-width and other format characters,
# controls, unassigned code points, combining marks with nothing to combine with, and the
# "filler" letters that fonts draw empty.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def visible_text(text: str) -> str:
    """What is left of `text` once every character that renders as nothing is removed."""
    return "".join(
        char
        for char in text
        if not char.isspace()
        and char not in _BLANK_LETTERS
        and unicodedata.category(char) not in _INVISIBLE_CATEGORIES
    )


def public_reason(reason: str | None, *, missing: str, field: str = "reason") -> str:
    """A reason readers will see, trimmed; WorkflowError on `field` when nothing of it shows."""
    if not visible_text(reason or ""):
        raise WorkflowError({field: missing})
    return reason.strip()


MISSING_UPDATE_REASON = gettext_lazy(
    "This fact check is public: say publicly what changes in it, and why."
)
ONLY_PUBLISHERS_UPDATE = gettext_lazy(
    "Only a fact-checker who may publish can change a public fact check."
)


def acting_time(by, at: datetime | None) -> datetime:
    # Only the loader (a trusted caller) replays dated history; everyone else acts now.
    if at is not None and by is not None:
        raise PermissionDenied(_("Only the fixture loader may date an action in the past."))
    return at or timezone.now()


# What a plain edit may write. Everything else about a claim's state changes only through
# the actions above, so a stale form can never undo a publication.
WORKFLOW_FIELDS = frozenset(
    {
        "id",
        "public_id",
        "status",
        "verdict",
        "reviewed_by",
        "reviewed_at",
        "published_at",
        "withdrawn_at",
        "withdrawal_reason",
        "version",
        "created_at",
        "updated_at",
    }
)


def claim_is_deletable(claim: Claim) -> bool:
    """A claim readers have seen is kept for good: withdraw it instead."""
    return not claim.is_public


# The published review: it changes only through claim_change_verdict, with a public reason.
REVIEW_FIELDS = ("ruling", "ruling_zh_hant")
# The desk's own fields: free to edit at any time, never shown to readers.
INTERNAL_FIELDS = frozenset({"slug", "research_notes"})
# What a verdict is about. Once a claim is public these, and its evidence, change only on the
# record: with the publish permission and a public reason, as an "updated" log entry.
RECORD_FIELDS = tuple(
    field.name
    for field in Claim._meta.concrete_fields
    if field.editable and field.name not in WORKFLOW_FIELDS | INTERNAL_FIELDS | set(REVIEW_FIELDS)
)
# Translations of what a claim already says. A claim published before it had one gets it
# without a correction entry: nothing readers were told changes, they can now read it in their
# language. Once written, changing or removing it is a correction like any other.
TRANSLATION_FIELDS = frozenset({"restatement_zh"})


def is_first_translation(field: str, before, after) -> bool:
    """True when `field` of a public claim goes from blank to written: an addition."""
    return (
        field in TRANSLATION_FIELDS
        and not visible_text(before or "")
        and bool(visible_text(after or ""))
    )


# What readers see of an evidence row (its research note and display order are the desk's).
EVIDENCE_RECORD_FIELDS = ("role", "locator", "excerpt", "value", "unit", "seen", "note")
# What no save outside this module may change on a public claim (claims/signals.py refuses it).
GUARDED_FIELDS = frozenset(
    {*RECORD_FIELDS, *REVIEW_FIELDS, "status", "verdict", "withdrawal_reason", "published_at"}
)


def claim_check_still_publishable(*, claim: Claim) -> None:
    """After evidence was edited: a published claim must still meet the publishing rules."""
    if claim.status == ClaimStatus.PUBLISHED:
        problems = publication_problems(claim)
        if problems:
            raise WorkflowError(problems)
