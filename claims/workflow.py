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

import contextvars
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

import django.dispatch
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext

from claims import public_counts
from claims.models import (
    Claim,
    ClaimStatus,
    Evidence,
    Verdict,
    VerdictChange,
    VerdictChangeKind,
)

PUBLISH_PERMISSION = "claims.publish_claim"
EDIT_PERMISSION = "claims.change_claim"
PUBLIC_STATUSES = (ClaimStatus.PUBLISHED, ClaimStatus.WITHDRAWN)

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


def _require(user, permission: str) -> None:
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


def _when(by, at: datetime | None) -> datetime:
    # Only the loader (a trusted caller) replays dated history; everyone else acts now.
    if at is not None and by is not None:
        raise PermissionDenied(_("Only the fixture loader may date an action in the past."))
    return at or timezone.now()


def _lock(claim: Claim, expected_version: int | None) -> Claim:
    """Re-read the claim under a row lock and check nobody saved it in between."""
    # The public revision before the claim: every writer takes the two in this order
    # (claims/public_counts.py).
    public_counts.hold()
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


def _require_status(claim: Claim, action: str) -> None:
    if claim.status not in ACTIONS[action][0]:
        raise WorkflowError(
            _("A claim that is %(status)s cannot be %(action)s.")
            % {"status": claim.get_status_display(), "action": _action_words(action)}
        )


@transaction.atomic
def claim_submit_for_review(*, claim: Claim, by, expected_version: int | None = None) -> Claim:
    _require(by, ACTIONS["submit"][1])
    claim = _lock(claim, expected_version)
    _require_status(claim, "submit")
    claim.status = ClaimStatus.REVIEW
    _save(claim, ["status"])
    return claim


@transaction.atomic
def claim_return_to_draft(*, claim: Claim, by, expected_version: int | None = None) -> Claim:
    _require(by, ACTIONS["return_to_draft"][1])
    claim = _lock(claim, expected_version)
    _require_status(claim, "return_to_draft")
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
    _require(by, ACTIONS["publish"][1])
    now = _when(by, at)
    if first_verdict is not None and by is not None:
        raise PermissionDenied(_("Only the fixture loader may replay a claim's history."))
    if reason and reason.strip():
        reason = public_reason(reason, missing=_("Write a public note readers can see, or none."))
    claim = _lock(claim, expected_version)
    _require_status(claim, "publish")
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
        reason=reason.strip() or _("First published."),
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
    ruling_zh_hant: str | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    related: Callable[[], object] | None = None,
) -> Claim:
    """Change a published review: its verdict, its ruling or both.

    `related` makes the edits of the claim's content and evidence that the same correction
    brings (they go on the record as an update with the same reason); the publishing rules
    then apply to the claim as it is afterwards.

    Every such change is a correction readers can see: it goes into the correction log with
    its public reason, even when only the wording of the ruling changed.
    """
    _require(by, ACTIONS["change_verdict"][1])
    now = _when(by, at)
    claim = _lock(claim, expected_version)
    _require_status(claim, "change_verdict")
    reason = public_reason(
        reason, missing=_("Say publicly why the verdict of a published claim changes.")
    )
    if related is not None:
        with recording(claim, by=by, reason=reason, at=at):
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
        changed_by=by,
        changed_at=now,
    )
    return claim


@transaction.atomic
def claim_withdraw(*, claim: Claim, by, reason: str, expected_version: int | None = None) -> Claim:
    """Take a published claim down. It stays stored, with a public notice of why."""
    _require(by, ACTIONS["withdraw"][1])
    claim = _lock(claim, expected_version)
    _require_status(claim, "withdraw")
    reason = public_reason(reason, missing=_("Say publicly why the claim is withdrawn."))
    now = timezone.now()
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
# What readers see of an evidence row (its research note and display order are the desk's).
EVIDENCE_RECORD_FIELDS = ("role", "locator", "excerpt", "value", "unit", "seen", "note")
# What no save outside this module may change on a public claim (claims/signals.py refuses it).
GUARDED_FIELDS = frozenset(
    {*RECORD_FIELDS, *REVIEW_FIELDS, "status", "verdict", "withdrawal_reason", "published_at"}
)

# The claims whose guarded fields and evidence the current code may write: set by the
# workflow's own saves and by `recording`. Everything else is refused for a public claim.
_allowed_claims: contextvars.ContextVar[frozenset] = contextvars.ContextVar(
    "claims_on_the_record", default=frozenset()
)


def may_write(claim_id: int | None) -> bool:
    """True inside the workflow's own save of this claim (see claims/signals.py)."""
    return claim_id in _allowed_claims.get()


@contextmanager
def unrecorded_writes(claim_id: int) -> Iterator[None]:
    """Let the code inside write `claim_id`'s guarded fields and evidence, unrecorded.

    The workflow's own saves use it. Outside this module, only code that writes history
    itself may (test data, a restore): never an edit readers should hear about.
    """
    token = _allowed_claims.set(_allowed_claims.get() | {claim_id})
    try:
        yield
    finally:
        _allowed_claims.reset(token)


def public_content(claim_id: int) -> dict:
    """What readers see of a claim's content and evidence, as plain values to compare."""
    names = ["article__title" if name == "article" else name for name in RECORD_FIELDS]
    row = Claim.objects.values(*names).get(pk=claim_id)
    content = {name.removesuffix("__title"): _plain(value) for name, value in row.items()}
    rows = Evidence.objects.filter(claim_id=claim_id).select_related("source").order_by("pk")
    content["evidence"] = {
        evidence.pk: {
            "source": evidence.source.title,
            **{name: _plain(getattr(evidence, name)) for name in EVIDENCE_RECORD_FIELDS},
        }
        for evidence in rows
    }
    return content


def _plain(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    return format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)


def content_changes(before: dict, after: dict) -> list[dict]:
    """The changes between two `public_content` readings, as the correction log keeps them."""
    changes = [
        {"field": name, "from": before[name], "to": after[name]}
        for name in RECORD_FIELDS
        if before[name] != after[name]
    ]
    old_rows, new_rows = before["evidence"], after["evidence"]
    for pk in sorted(old_rows.keys() | new_rows.keys()):
        old, new = old_rows.get(pk), new_rows.get(pk)
        if old != new:
            source = (new or old)["source"]
            changes.append({"field": "evidence", "source": source, "from": old, "to": new})
    return changes


MISSING_UPDATE_REASON = _lazy(
    "This fact check is public: say publicly what changes in it, and why."
)


@contextmanager
def recording(claim: Claim, *, by, reason: str | None, at: datetime | None = None):
    """Edits of `claim` and its evidence made inside go on the public record.

    Call it in a transaction, with `claim` as just read under its lock. When the claim is
    public and the edits change what readers see, they need the publish permission and a
    public reason, and become one "updated" entry of the correction log with what changed;
    the claim then counts as reviewed. Internal notes change freely.
    """
    public = claim.status in PUBLIC_STATUSES
    before = public_content(claim.pk) if public else None
    with unrecorded_writes(claim.pk):
        yield
    if not public:
        return
    changes = content_changes(before, public_content(claim.pk))
    if not changes:
        return
    if by is not None and not by.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(
            _("Only a fact-checker who may publish can change a public fact check.")
        )
    reason = public_reason(reason, missing=MISSING_UPDATE_REASON, field="correction_reason")
    now = _when(by, at)
    VerdictChange.objects.create(
        claim_id=claim.pk,
        kind=VerdictChangeKind.UPDATED,
        from_verdict_id=claim.verdict_id,
        to_verdict_id=claim.verdict_id,
        reason=reason,
        changes=changes,
        changed_by=by,
        changed_at=now,
    )
    # The edit's own save already told the caches; the log entry holds who and when.
    Claim.objects.filter(pk=claim.pk).update(reviewed_by=by, reviewed_at=now)
    claim.reviewed_by, claim.reviewed_at = by, now


@transaction.atomic
def claim_save_edits(
    *,
    claim: Claim,
    by,
    expected_version: int,
    reason: str | None = None,
    related: Callable[[], object] | None = None,
    at: datetime | None = None,
) -> Claim:
    """Save an editor's changes to `claim` if nobody saved it since `expected_version`.

    Only the editable text and numbers are written; the version goes up by one. `related`
    saves what the same form changed besides (the admin's evidence rows), as part of the same
    edit. On a public claim the edit goes on the record (`recording`) with `reason`. Raises
    ConflictError for a stale edit and WorkflowError when the edit would rewrite a published
    ruling without a public reason or leave a published claim short of the publishing rules.
    """
    _require(by, EDIT_PERMISSION)
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
    with recording(current, by=by, reason=reason, at=at):
        # The save announces the change to caches when the claim is public (claims/signals.py).
        claim.save(update_fields=[*fields, "updated_at"])
        if related is not None:
            related()
    claim.reviewed_by, claim.reviewed_at = current.reviewed_by, current.reviewed_at
    # On the claim as the whole edit left it; a refusal rolls all of it back.
    claim_check_still_publishable(claim=claim)
    return claim


def claim_edit(
    *,
    claim: Claim,
    by,
    changes: dict,
    expected_version: int | None = None,
    reason: str | None = None,
) -> Claim:
    """Apply `changes` (field name → value) to a claim: the API's form of claim_save_edits."""
    forbidden = sorted(set(changes) & WORKFLOW_FIELDS)
    if forbidden:
        raise WorkflowError(
            _("These fields change only through workflow actions: %(fields)s.")
            % {"fields": ", ".join(forbidden)}
        )
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
):
    """Run `change` (an edit of the claim's evidence) as an edit of the claim itself.

    Evidence is part of what a claim says, so the claim is locked, checked against the
    version the editor read (when given), goes on the record with `reason` if it is public,
    still has to meet the publishing rules afterwards if it is published, and goes up one
    version, which also tells the caches. Returns what `change` returned; nothing is kept when
    a rule refuses the result.
    """
    _require(by, EDIT_PERMISSION)
    current = _lock(claim, expected_version)
    with recording(current, by=by, reason=reason, at=at):
        result = change()
    claim_check_still_publishable(claim=current)
    _save(current, [])
    return result


def claim_check_still_publishable(*, claim: Claim) -> None:
    """After evidence was edited: a published claim must still meet the publishing rules."""
    if claim.status == ClaimStatus.PUBLISHED:
        problems = publication_problems(claim)
        if problems:
            raise WorkflowError(problems)


def claim_record_past_change(
    *,
    claim: Claim,
    kind: str,
    reason: str,
    at: datetime,
    from_verdict: Verdict | None = None,
    to_verdict: Verdict | None = None,
    changes: list | None = None,
) -> VerdictChange:
    """Enter a correction made in the past into the log, as the shipped data records it.

    For the fixture loader only, when it creates a claim whose history the file carries: the
    claim is created as it stands now, and its earlier log entries are written with their
    own dates. The checks are the log's own: a visible reason, and a public claim.
    """
    if claim.status not in PUBLIC_STATUSES:
        raise WorkflowError(_("Only a public claim has a correction log."))
    reason = public_reason(reason, missing=MISSING_UPDATE_REASON)
    return VerdictChange.objects.create(
        claim=claim,
        kind=kind,
        from_verdict=from_verdict,
        to_verdict=to_verdict or claim.verdict,
        reason=reason,
        changes=changes or [],
        changed_by=None,
        changed_at=at,
    )
