"""Other fact-checkers' reviews in claims:search, shaped as Fact Check Tools shapes them."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from claims.models import Claim
from elsewhere.matching import get_matcher
from elsewhere.retrieval import text_probe

# claims:search pages through at most this many imported reviews for one query.
MOST_EXTERNAL = 100


def external_fact_checks(
    query: str, *, language_code: str | None, max_age_days: int | None, start: int, count: int
) -> list[dict]:
    """Imported reviews most like `query`, as claims:search items, from `start` on."""
    if start >= MOST_EXTERNAL or count < 1:
        return []
    found = get_matcher().find(
        text_probe(query), claims=Claim.objects.none(), limit=MOST_EXTERNAL, external=True
    )
    reviews = [match.review for match in found if match.external]
    if language_code:
        primary = language_code.lower().split("-")[0]
        reviews = [r for r in reviews if r.language.lower().split("-")[0] == primary]
    if max_age_days:
        since = timezone.now() - timedelta(days=max_age_days)
        reviews = [r for r in reviews if r.published_at and r.published_at >= since]
    return [_item(review) for review in reviews[start : start + count]]


def _item(review) -> dict:
    entry = {
        "publisher": {
            "name": review.publisher_name,
            "site": urlsplit(review.publisher_site).netloc
            or review.publisher_site
            or urlsplit(review.url).netloc,
        },
        "url": review.url,
        "title": review.claim_reviewed,
        "textualRating": review.rating,
    }
    if review.published_at:
        entry["reviewDate"] = review.published_at.isoformat()
    if review.language:
        entry["languageCode"] = review.language
    item = {"text": review.claim_text or review.claim_reviewed, "claimReview": [entry]}
    if review.claimant:
        item["claimant"] = review.claimant
    if review.claim_date:
        item["claimDate"] = review.claim_date
    return item
