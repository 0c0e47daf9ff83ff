"""On the record: a public claim's content and evidence change only with a public reason.

`recording` wraps every edit of a claim's content and evidence (the admin's, the desk API's, the
loader's). On a public claim, an edit that changes what readers see needs the publish
permission and a visible public reason, and becomes one "updated" entry of the correction log
with what changed; a first translation of what it says (rules.TRANSLATION_FIELDS) needs only
the permission. claims/signals.py refuses a save of a public claim made anywhere else.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from claims.models import Claim, Evidence, Verdict, VerdictChange, VerdictChangeKind
from claims.workflow.rules import (
    EVIDENCE_RECORD_FIELDS,
    MISSING_UPDATE_REASON,
    ONLY_PUBLISHERS_UPDATE,
    PUBLIC_STATUSES,
    PUBLISH_PERMISSION,
    RECORD_FIELDS,
    WorkflowError,
    acting_time,
    is_first_translation,
    public_reason,
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


@contextmanager
def recording(
    claim: Claim, *, by, reason: str | None, at: datetime | None = None, reason_zh_hant: str = ""
):
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
        raise PermissionDenied(ONLY_PUBLISHERS_UPDATE)
    if all(is_first_translation(c["field"], c["from"], c["to"]) for c in changes):
        return
    reason = public_reason(reason, missing=MISSING_UPDATE_REASON, field="correction_reason")
    now = acting_time(by, at)
    VerdictChange.objects.create(
        claim_id=claim.pk,
        kind=VerdictChangeKind.UPDATED,
        from_verdict_id=claim.verdict_id,
        to_verdict_id=claim.verdict_id,
        reason=reason,
        reason_zh_hant=(reason_zh_hant or "").strip(),
        changes=changes,
        changed_by=by,
        changed_at=now,
    )
    # The edit's own save already told the caches; the log entry holds who and when.
    Claim.objects.filter(pk=claim.pk).update(reviewed_by=by, reviewed_at=now)
    claim.reviewed_by, claim.reviewed_at = by, now


def claim_record_past_change(
    *,
    claim: Claim,
    kind: str,
    reason: str,
    at: datetime,
    from_verdict: Verdict | None = None,
    to_verdict: Verdict | None = None,
    changes: list | None = None,
    reason_zh_hant: str = "",
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
        reason_zh_hant=reason_zh_hant.strip(),
        changes=changes or [],
        changed_by=None,
        changed_at=at,
    )
