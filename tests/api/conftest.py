"""Fixtures for the API tests: claims in every state, users with tokens, a client."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from claims import workflow
from claims.models import ClaimStatus, Evidence


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def publish(fact_checker, verdicts, source):
    """Publish a claim through the workflow, giving it seen evidence first."""

    def do(claim, verdict: str = "accurate", reason: str = ""):
        if not claim.evidence.exists():
            Evidence.objects.create(
                claim=claim, source=source, role="supports", excerpt="18.9%", seen=True
            )
        if not claim.ruling:
            claim.ruling = "The official release gives this figure."
            claim.save(update_fields=["ruling"])
        if claim.status == ClaimStatus.DRAFT:
            claim.status = ClaimStatus.REVIEW
            claim.save(update_fields=["status"])
        return workflow.claim_publish(
            claim=claim, by=fact_checker, verdict=verdicts[verdict], reason=reason
        )

    return do


@pytest.fixture
def published_claim(reviewable_claim, publish):
    return publish(reviewable_claim)
