"""Selector for "has this been checked before?": published claims most like a text."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from claims.models import Claim
from claims.similarity import similarity

SIMILAR_THRESHOLD = 0.1
SIMILAR_FIELDS = ("quote", "restatement")


def similar_claims(
    text: str,
    *,
    queryset: QuerySet | None = None,
    limit: int = 10,
    threshold: float = SIMILAR_THRESHOLD,
) -> list[tuple[Claim, float]]:
    """The claims most similar to `text` (best first), each with its score from 0 to 1.

    The score is the better of the text's similarity to the quote and to the restatement,
    so a Chinese sentence finds a claim by its quote and an English one by its restatement.
    """
    queryset = Claim.objects.published() if queryset is None else queryset
    if not text.strip() or limit < 1:
        return []
    if connection.vendor == "postgresql":
        return _similar_in_postgres(text, queryset, limit, threshold)
    return _similar_in_python(text, queryset, limit, threshold)


def _similar_in_postgres(text, queryset, limit, threshold):
    from django.contrib.postgres.search import TrigramSimilarity
    from django.db.models.functions import Greatest

    scored = (
        queryset.annotate(
            score=Greatest(*(TrigramSimilarity(field, text) for field in SIMILAR_FIELDS))
        )
        .filter(score__gte=threshold)
        .order_by("-score", "id")[:limit]
    )
    return [(claim, round(float(claim.score), 4)) for claim in scored]


def _similar_in_python(text, queryset, limit, threshold):
    rows = queryset.values_list("pk", *SIMILAR_FIELDS)
    scores = {pk: max(similarity(text, value) for value in values) for pk, *values in rows}
    best = sorted(
        (item for item in scores.items() if item[1] >= threshold), key=lambda i: (-i[1], i[0])
    )[:limit]
    claims = queryset.in_bulk([pk for pk, _ in best])
    return [(claims[pk], round(score, 4)) for pk, score in best]
