"""Publishing is all or nothing: verdict, correction-log row and cache invalidation together.

The correction-log insert is made to fail inside the workflow's transaction; the claim keeps
its status and verdict, no history row is kept, no one is told of a change, and the badge
and the API keep answering what they answered before.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.test import Client

from claims.models import Claim, ClaimStatus, VerdictChange
from claims.public_changes import generation, public_claims_changed
from claims.workflow import claim_publish
from tests.concurrency.conftest import token_header

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def log_insert_fails(monkeypatch):
    def fail(**kwargs):
        raise DatabaseError("disk full while writing the correction log")

    monkeypatch.setattr(VerdictChange.objects, "create", fail)


@pytest.fixture
def announced():
    sent = []

    def receive(sender, public_ids, **kwargs):
        sent.extend(public_ids)

    public_claims_changed.connect(receive, dispatch_uid="test-atomic-publish")
    yield sent
    public_claims_changed.disconnect(dispatch_uid="test-atomic-publish")


def _state(claim: Claim) -> tuple:
    stored = Claim.objects.get(pk=claim.pk)
    return (
        stored.status,
        stored.verdict.code,
        stored.version,
        stored.published_at,
        VerdictChange.objects.filter(claim=claim).count(),
        Claim.history.filter(id=claim.pk).count(),
    )


def _views(claim: Claim, client: Client) -> tuple:
    badge = client.get(f"/badge/{claim.public_id}.svg")
    listing = client.get("/api/v1/claims/")
    return (
        badge.status_code,
        badge.content,
        listing.status_code,
        [c["id"] for c in listing.json()["results"]],
        generation(),
    )


def test_a_failed_publish_leaves_nothing_behind(
    reviewable_claim, fact_checker, verdicts, log_insert_fails, announced
):
    client = Client(raise_request_exception=False)
    before, views_before = _state(reviewable_claim), _views(reviewable_claim, client)
    assert views_before[:4] == (404, views_before[1], 200, [])

    response = client.post(
        f"/api/v1/desk/claims/{reviewable_claim.public_id}/publish/",
        {"verdict": "accurate"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
        **token_header(fact_checker),
    )

    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert _state(reviewable_claim) == before
    assert before[0] == ClaimStatus.REVIEW
    assert announced == []
    assert _views(reviewable_claim, client) == views_before


def test_a_failed_change_of_verdict_keeps_the_published_one(
    reviewable_claim, fact_checker, verdicts, announced, monkeypatch
):
    client = Client(raise_request_exception=False)
    claim = claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])
    announced.clear()
    before, views_before = _state(claim), _views(claim, client)
    assert b"Accurate" in views_before[1] and views_before[3] == [claim.public_id]

    def fail(**kwargs):
        raise DatabaseError("disk full while writing the correction log")

    monkeypatch.setattr(VerdictChange.objects, "create", fail)
    response = client.post(
        f"/api/v1/desk/claims/{claim.public_id}/change-verdict/",
        {"verdict": "misleading", "reason": "Revised data."},
        content_type="application/json",
        HTTP_IF_MATCH="*",
        **token_header(fact_checker),
    )

    assert response.status_code == 500
    assert _state(claim) == before
    assert announced == []
    assert _views(claim, client) == views_before


def test_a_publish_that_succeeds_is_announced_once(reviewable_claim, fact_checker, announced):
    client = Client()
    response = client.post(
        f"/api/v1/desk/claims/{reviewable_claim.public_id}/publish/",
        {"verdict": "accurate"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
        **token_header(fact_checker),
    )
    assert response.status_code == 200
    assert announced == [reviewable_claim.public_id]
    assert b"Accurate" in client.get(f"/badge/{reviewable_claim.public_id}.svg").content
