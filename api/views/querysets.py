"""The querysets public reads start from: published data only, relations loaded up front."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from claims.models import (
    Article,
    Claim,
    ClaimStatus,
    DerivationInput,
    Evidence,
    VerdictChange,
)
from sources.models import Source, newest_captures_prefetch


def _with_relations(claims: QuerySet) -> QuerySet:
    return claims.select_related("article__outlet", "verdict").prefetch_related(
        Prefetch(
            "evidence",
            queryset=Evidence.objects.select_related("source__publisher")
            .prefetch_related(newest_captures_prefetch("source__captures"))
            .order_by("position", "id"),
        ),
        Prefetch(
            "verdict_changes",
            queryset=VerdictChange.objects.select_related("from_verdict", "to_verdict"),
        ),
        # What the machine checks read besides the evidence: derivations and their inputs.
        "derivations",
        Prefetch("derivations__inputs", queryset=DerivationInput.objects.select_related("claim")),
    )


def public_claims() -> QuerySet:
    return _with_relations(Claim.objects.published())


def visible_claims() -> QuerySet:
    """Published claims and withdrawal notices: what a detail address may answer for."""
    return _with_relations(Claim.objects.public())


def public_sources() -> QuerySet:
    cited = Evidence.objects.filter(source=OuterRef("pk"), claim__status=ClaimStatus.PUBLISHED)
    return (
        Source.objects.filter(Exists(cited))
        .select_related("publisher")
        .prefetch_related(
            newest_captures_prefetch(),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.filter(claim__status=ClaimStatus.PUBLISHED)
                .select_related("claim")
                .only("id", "source_id", "claim__public_id"),
                to_attr="public_evidence",
            ),
        )
        .order_by("title", "id")
    )


def public_articles() -> QuerySet:
    published = Claim.objects.filter(article=OuterRef("pk"), status=ClaimStatus.PUBLISHED)
    return (
        Article.objects.filter(Exists(published))
        .select_related("outlet")
        .prefetch_related(
            Prefetch(
                "claims",
                queryset=Claim.objects.published().only("id", "article_id", "public_id"),
                to_attr="public_claims",
            )
        )
        .order_by("-published_on", "title", "id")
    )
