"""`If-Match: *` matches whatever the claim is now (RFC 9110, 13.1.1): writers that send it
at the same moment are never refused as a conflict, and each one's change is kept."""

from __future__ import annotations

import pytest

from claims.models import Claim, Evidence
from tests.concurrency.conftest import api_call, race

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("needs_postgres"),
]

# One field each, so that every writer's change can be found afterwards.
CLAIM_FIELDS = [
    "restatement",
    "claimant",
    "place",
    "period",
    "quote_prefix",
    "quote_suffix",
    "research_notes",
    "ruling",
    "ruling_zh_hant",
    "quote_language",
]


def test_concurrent_patches_of_a_claim_with_any_version_all_land(make_claim, editor):
    claim = make_claim()
    path = f"/api/v1/desk/claims/{claim.public_id}/"
    history_before = Claim.history.filter(id=claim.pk).count()

    responses = race(
        *(
            api_call(editor, "patch", path, {name: f"{name} {n}"}, "*")
            for n, name in enumerate(CLAIM_FIELDS)
        )
    )

    assert [r.status_code for r in responses] == [200] * len(CLAIM_FIELDS), [
        r.content[:200] for r in responses if r.status_code != 200
    ]
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.version == claim.version + len(CLAIM_FIELDS)
    for n, name in enumerate(CLAIM_FIELDS):
        assert getattr(stored, name) == f"{name} {n}"
    assert Claim.history.filter(id=claim.pk).count() == history_before + len(CLAIM_FIELDS)


def test_concurrent_patches_of_one_evidence_row_with_any_version_all_land(
    make_claim, source, editor
):
    claim = make_claim()
    row = Evidence.objects.create(claim=claim, source=source, role="supports")
    path = f"/api/v1/desk/evidence/{row.pk}/"
    fields = ["locator", "excerpt", "note", "research_note"]

    responses = race(
        *(
            api_call(editor, "patch", path, {name: f"{name} {n}"}, "*")
            for n, name in enumerate(fields)
        )
    )

    assert [r.status_code for r in responses] == [200] * len(fields), [
        r.content[:200] for r in responses if r.status_code != 200
    ]
    row.refresh_from_db()
    for n, name in enumerate(fields):
        assert getattr(row, name) == f"{name} {n}"
    assert Claim.objects.get(pk=claim.pk).version == claim.version + len(fields)
