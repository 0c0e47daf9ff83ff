"""Public reads of claims: what an anonymous reader may see, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from claims.models import (
    Article,
    Claim,
    ClaimStatus,
    DerivationInput,
    Evidence,
    VerdictChange,
    VerdictChangeKind,
)
from sources.models import SourceCapture, newest_captures_prefetch


@dataclass(frozen=True)
class BadgeState:
    """What a badge shows about a claim; `verdict` is None for a withdrawn claim."""

    status: str
    label_en: str = ""
    label_zh_hant: str = ""
    colour: str = ""


def badge_state(public_id: str) -> BadgeState | None:
    """The public state of a claim for its badge; None when it is unknown or not public."""
    row = (
        Claim.objects.public()
        .filter(public_id=public_id)
        .values_list("status", "verdict__label_en", "verdict__label_zh_hant", "verdict__colour")
        .first()
    )
    if row is None:
        return None
    status, label_en, label_zh_hant, colour = row
    if status == ClaimStatus.WITHDRAWN:
        return BadgeState(status=status)
    return BadgeState(status=status, label_en=label_en, label_zh_hant=label_zh_hant, colour=colour)


def public_claim(public_id: str) -> Claim | None:
    """A published or withdrawn claim with everything its page shows, or None."""
    return (
        Claim.objects.public()
        .select_related("article__outlet", "verdict")
        .prefetch_related(
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
            # The machine checks read the derivations and their inputs as well.
            "derivations",
            Prefetch(
                "derivations__inputs", queryset=DerivationInput.objects.select_related("claim")
            ),
        )
        .filter(public_id=public_id)
        .first()
    )


def archived_copy(key: str, *, desk: bool = False):
    """(capture, public): an archived copy readers may see, or with `desk` any; else None.

    Readers see the copies of sources a published claim cites, as the API lists sources."""
    capture = SourceCapture.objects.select_related("source__publisher").filter(key=key).first()
    if capture is None:
        return None, False
    public = Evidence.objects.filter(
        source_id=capture.source_id, claim__status=ClaimStatus.PUBLISHED
    ).exists()
    if not public and not desk:
        return None, False
    return capture, public


def articles_with_public_claims():
    return (
        Article.objects.annotate(
            public_claims=Count(
                "claims",
                filter=Q(claims__status__in=[ClaimStatus.PUBLISHED, ClaimStatus.WITHDRAWN]),
            )
        )
        .filter(public_claims__gt=0)
        .select_related("outlet")
        .order_by("-published_on", "-id")
    )


def article_claims(article: Article):
    return Claim.objects.public().filter(article=article).select_related("verdict")


def public_corrections():
    """Every change to a published fact check, newest first: new verdicts, updates, withdrawals."""
    return (
        VerdictChange.objects.exclude(kind=VerdictChangeKind.PUBLISHED)
        .filter(
            claim__status__in=[ClaimStatus.PUBLISHED, ClaimStatus.WITHDRAWN],
        )
        .select_related("claim", "from_verdict", "to_verdict")
        .order_by("-changed_at", "-id")
    )
