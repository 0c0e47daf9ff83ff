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


@pytest.fixture
def second_source(db):
    from sources.models import Publisher, Source, SourceKind

    uscis = Publisher.objects.create(slug="uscis", name="USCIS")
    return Source.objects.create(
        slug="uscis-h1b-fee",
        title="H-1B Specialty Occupations",
        url="https://www.uscis.gov/h-1b-fee",
        publisher=uscis,
        kind=SourceKind.GOVERNMENT_DOCUMENT,
        language="en",
    )


@pytest.fixture
def secret_source(db, nbs):
    """A source only unpublished claims cite."""
    from sources.models import Source

    return Source.objects.create(
        slug="leaked-memo", title="Internal memo SECRET", publisher=nbs, kind="other"
    )


@pytest.fixture
def registry(make_claim, publish, second_source, secret_source, fact_checker, verdicts):
    """Three published claims, and a draft, a claim in review and a withdrawn one that the
    public must never see. Every hidden claim mentions youth unemployment (失業率) so that a
    search or filter that leaks would find it."""
    from decimal import Decimal

    from claims.models import ClaimKind

    youth = publish(make_claim(slug="youth-unemployment"), "accurate")
    h1b = make_claim(
        slug="h1b-fee",
        quote="美國政府宣布將 H-1B 工作簽證申請費調高至 10 萬美元",
        quote_language="zh-Hant",
        restatement="The US government raised the H-1B work-visa application fee to US$100,000.",
        restatement_zh="美國政府將H-1B工作簽證申請費調高至10萬美元。",
        claimant="Initium",
        value=Decimal("100000"),
        unit="USD",
        place="US",
        period="2025-09",
    )
    Evidence.objects.create(claim=h1b, source=second_source, role="supports", seen=True)
    h1b = publish(h1b, "mostly-accurate")
    k_visa = publish(
        make_claim(
            slug="k-visa-start",
            quote="K簽證於10月1日起實施",
            restatement="China's K visa took effect on 1 October 2025.",
            restatement_zh="中國的K簽證於2025年10月1日生效。",
            claimant="中國國務院 State Council",
            kind=ClaimKind.DATE,
            value=None,
            unit="",
            comparator="",
            period="2025-10",
            place="CN",
            quote_language="en",
        ),
        "misleading",
    )
    hidden = dict(
        quote="SECRET 青年失業率 youth unemployment 18.9% draft",
        restatement="SECRET youth unemployment draft restatement",
        restatement_zh="SECRET 青年失業率草稿",
        claimant="SECRET claimant",
        value=Decimal("18.9"),
    )
    draft = make_claim(slug="secret-draft", **hidden)
    review = make_claim(slug="secret-review", status=ClaimStatus.REVIEW, **hidden)
    for claim in (draft, review):
        Evidence.objects.create(claim=claim, source=secret_source, role="supports", seen=True)
    withdrawn = publish(make_claim(slug="secret-withdrawn", **hidden), "accurate")
    withdrawn = workflow.claim_withdraw(
        claim=withdrawn, by=fact_checker, reason="The figure was from the wrong table."
    )
    return {
        "youth": youth,
        "h1b": h1b,
        "k_visa": k_visa,
        "draft": draft,
        "review": review,
        "withdrawn": withdrawn,
    }


@pytest.fixture
def editor_api(editor) -> APIClient:
    from rest_framework.authtoken.models import Token

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    return client


@pytest.fixture
def checker_api(fact_checker) -> APIClient:
    from rest_framework.authtoken.models import Token

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=fact_checker).key}")
    return client


def etag_of(client, claim) -> str:
    return client.get(f"/api/v1/desk/claims/{claim.public_id}/")["ETag"]


def desk_patch(client, claim, body):
    """PATCH a claim through the desk API, with the ETag just read."""
    return client.patch(
        f"/api/v1/desk/claims/{claim.public_id}/",
        body,
        format="json",
        HTTP_IF_MATCH=etag_of(client, claim),
    )
