"""A desk with a realistic amount of work in it, and signed-in clients for each role."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from claims import workflow
from claims.models import (
    Article,
    Claim,
    ClaimKind,
    ClaimStatus,
    Evidence,
    EvidenceRole,
    VerdictChange,
    VerdictChangeKind,
)
from sources.models import Publisher, Source, SourceKind

# The shipped article has 86 claims; the desk below has as many.
DESK_CLAIMS = 86

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [ROOT / f"{app}/locale/zh_Hant/LC_MESSAGES/django" for app in ("claims", "sources")]


@pytest.fixture(autouse=True, scope="session")
def compiled_translations():
    """`make test` compiles the catalogues first; a bare `pytest` run should not fail for it."""
    for catalogue in CATALOGUES:
        po, mo = catalogue.with_suffix(".po"), catalogue.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            call_command(
                "compilemessages", locale=["zh_Hant"], ignore_patterns=[".venv"], verbosity=0
            )
            return


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def workflow_url(claim: Claim, action: str) -> str:
    return reverse("admin:claims_claim_workflow", args=[claim.pk, action])


def changelist_url() -> str:
    return reverse("admin:claims_claim_changelist")


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def claim_form_data(claim: Claim, **changes) -> dict:
    """What the claim's change form posts when the editor changes nothing but `changes`."""
    data = {
        "expected_version": claim.version,
        "quote": claim.quote,
        "quote_language": claim.quote_language,
        "quote_prefix": claim.quote_prefix,
        "quote_suffix": claim.quote_suffix,
        "restatement": claim.restatement,
        "restatement_zh": claim.restatement_zh,
        "claimant": claim.claimant,
        "kind": claim.kind,
        "slug": claim.slug,
        "comparator": claim.comparator,
        "value": "" if claim.value is None else str(claim.value),
        "unit": claim.unit,
        "period": claim.period,
        "place": claim.place,
        "article": claim.article_id,
        "paragraph": claim.paragraph or "",
        "ruling": claim.ruling,
        "ruling_zh_hant": claim.ruling_zh_hant,
        "research_notes": claim.research_notes,
        "correction_reason": "",
    }
    rows = list(claim.evidence.all())
    data.update(
        {
            "evidence-TOTAL_FORMS": len(rows),
            "evidence-INITIAL_FORMS": len(rows),
            "evidence-MIN_NUM_FORMS": 0,
            "evidence-MAX_NUM_FORMS": 1000,
        }
    )
    for index, row in enumerate(rows):
        prefix = f"evidence-{index}-"
        data.update(
            {
                prefix + "id": row.pk,
                prefix + "claim": claim.pk,
                prefix + "source": row.source_id,
                prefix + "role": row.role,
                prefix + "seen": "on" if row.seen else "",
                prefix + "value": "" if row.value is None else str(row.value),
                prefix + "unit": row.unit,
                prefix + "locator": row.locator,
                prefix + "excerpt": row.excerpt,
                prefix + "note": row.note,
                prefix + "research_note": row.research_note,
                prefix + "position": row.position,
            }
        )
    data = {key: value for key, value in data.items() if value != ""}
    data.update(changes)
    return data


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor) -> Client:
    return _client(editor)


@pytest.fixture
def checker_client(fact_checker) -> Client:
    return _client(fact_checker)


@pytest.fixture
def superuser_client(admin_user) -> Client:
    return _client(admin_user)


@pytest.fixture
def published_claim(reviewable_claim, fact_checker, verdicts) -> Claim:
    from claims.workflow import claim_publish

    return claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])


@pytest.fixture
def desk(article, outlet, verdicts, fact_checker) -> list[Claim]:
    """86 claims in every state, three evidence rows each, from 20 sources of 8 publishers."""
    publishers = [
        Publisher.objects.create(slug=f"publisher-{n}", name=f"Publisher {n}") for n in range(8)
    ]
    sources = [
        Source.objects.create(
            slug=f"source-{n}",
            title=f"Source {n}: statistics release",
            url=f"https://stats.example.org/release/{n}",
            publisher=publishers[n % 8],
            kind=SourceKind.OFFICIAL_STATISTICS if n % 2 else SourceKind.NEWS_REPORT,
            language="en" if n % 3 else "zh-Hant",
        )
        for n in range(20)
    ]
    second = Article.objects.create(
        slug="second-article", title="A second article", outlet=outlet, language="en"
    )
    statuses = [ClaimStatus.DRAFT, ClaimStatus.REVIEW, ClaimStatus.PUBLISHED, ClaimStatus.WITHDRAWN]
    claims = []
    for n in range(DESK_CLAIMS):
        status = statuses[n % 4]
        public = status in (ClaimStatus.PUBLISHED, ClaimStatus.WITHDRAWN)
        claim = Claim.objects.create(
            slug=f"desk-claim-{n}",
            article=article if n % 5 else second,
            paragraph=n + 1,
            quote=f"引述 {n}",
            restatement=f"Claim number {n} says a figure rose.",
            restatement_zh=f"第{n}項說法指某個數字上升。",
            claimant="國家統計局",
            kind=ClaimKind.NUMERIC,
            value=Decimal(n) + Decimal("0.5"),
            unit="percent",
            comparator="≈",
            status=status,
            verdict=verdicts["misleading"] if public else verdicts["pending"],
            ruling="Checked against the release." if public else "",
            reviewed_by=fact_checker if public else None,
            reviewed_at="2025-10-05T10:00:00Z" if public else None,
            published_at="2025-10-05T10:00:00Z" if public else None,
            withdrawn_at="2025-10-06T10:00:00Z" if status == ClaimStatus.WITHDRAWN else None,
            withdrawal_reason="Wrong quote." if status == ClaimStatus.WITHDRAWN else "",
        )
        with workflow.unrecorded_writes(claim.pk):  # test data, not an edit
            for k, role in enumerate(
                [EvidenceRole.SUPPORTS, EvidenceRole.CONTRADICTS, EvidenceRole.CONTEXT]
            ):
                Evidence.objects.create(
                    claim=claim,
                    source=sources[(n + k * 7) % 20],
                    role=role,
                    excerpt=f"Passage {k}",
                    seen=True,
                    position=k,
                )
        if public:
            VerdictChange.objects.create(
                claim=claim,
                kind=VerdictChangeKind.PUBLISHED,
                to_verdict=verdicts["misleading"],
                reason="First published.",
                changed_by=fact_checker,
            )
        claims.append(claim)
    return claims
