"""The claim workflow: every rule about publishing lives here, and only here.

The admin (forms and bulk actions), the REST API and the fixture loader all call these
functions. Each checks permissions, the claim's state and the publishing rules, and does its
writes in one transaction, so a verdict, its history row and the cache invalidation that
follows happen together or not at all.

    draft ──submit──▶ review ──publish──▶ published ──withdraw──▶ withdrawn
      ▲                 │                     │
      └─return_to_draft─┘                     ├─change_verdict (kept in the history)
                                              └─edits on the record (kept in the history)

- `rules`: who may act, what a public claim needs, which fields readers see.
- `actions`: the state changes and the editor's edits.
- `record`: a public claim's content changes only with a public reason, as a log entry.
"""

from claims.workflow.actions import (
    available_actions,
    claim_change_evidence,
    claim_change_verdict,
    claim_edit,
    claim_publish,
    claim_return_to_draft,
    claim_save_edits,
    claim_submit_for_review,
    claim_withdraw,
)
from claims.workflow.record import (
    claim_record_past_change,
    may_write,
    unrecorded_writes,
)
from claims.workflow.rules import (
    EVIDENCE_RECORD_FIELDS,
    GUARDED_FIELDS,
    MISSING_UPDATE_REASON,
    ONLY_PUBLISHERS_UPDATE,
    PUBLIC_STATUSES,
    PUBLISH_PERMISSION,
    RECORD_FIELDS,
    REVIEW_FIELDS,
    TRANSLATION_FIELDS,
    ConflictError,
    WorkflowError,
    claim_is_deletable,
    is_first_translation,
    publication_problems,
    visible_text,
)

__all__ = [
    "EVIDENCE_RECORD_FIELDS",
    "GUARDED_FIELDS",
    "MISSING_UPDATE_REASON",
    "ONLY_PUBLISHERS_UPDATE",
    "PUBLIC_STATUSES",
    "PUBLISH_PERMISSION",
    "RECORD_FIELDS",
    "REVIEW_FIELDS",
    "TRANSLATION_FIELDS",
    "ConflictError",
    "WorkflowError",
    "available_actions",
    "claim_change_evidence",
    "claim_change_verdict",
    "claim_edit",
    "claim_is_deletable",
    "claim_publish",
    "claim_record_past_change",
    "claim_return_to_draft",
    "claim_save_edits",
    "claim_submit_for_review",
    "claim_withdraw",
    "is_first_translation",
    "may_write",
    "publication_problems",
    "unrecorded_writes",
    "visible_text",
]
