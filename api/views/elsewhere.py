"""Other fact-checkers' reviews in claims:search, shaped as Fact Check Tools shapes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from claims.models import Claim
from elsewhere.matching import get_matcher
from elsewhere.retrieval import text_probe

# claims:search pages through at most this many imported reviews for one query.
MOST_EXTERNAL = 100


def external_fact_checks(
    query: str,
    *,
    language_code: str | None,
    max_age_days: int | None,
    site: str | None = None,
    start: int,
    count: int,
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
    if site:
        reviews = [r for r in reviews if on_site(_site(r), site)]
    return [_item(review) for review in reviews[start : start + count]]


def rfc3339(moment: datetime) -> str:
    """A moment as Google writes one: RFC 3339, in UTC, with Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def bare_host(address: str) -> str:
    """A site as Google names it: the host, without scheme, port or "www."."""
    host = (urlsplit(address).hostname or address).lower().rstrip(".")
    return host.removeprefix("www.")


def on_site(site: str, wanted: str) -> bool:
    wanted = bare_host(wanted if "//" in wanted else f"//{wanted}")
    return site == wanted or site.endswith(f".{wanted}")


def _site(review) -> str:
    return bare_host(review.publisher_site or review.url)


def _item(review) -> dict:
    entry = {
        "publisher": {"name": review.publisher_name, "site": _site(review)},
        "url": review.url,
        "title": review.claim_reviewed,
        "textualRating": review.rating,
    }
    if review.published_at:
        entry["reviewDate"] = rfc3339(review.published_at)
    if review.language:
        entry["languageCode"] = review.language
    item = {"text": review.claim_text or review.claim_reviewed, "claimReview": [entry]}
    if review.claimant:
        item["claimant"] = review.claimant
    try:  # a day: RFC 3339 as ours; a month or a year alone is left out, as ours is
        day = datetime.strptime(review.claim_date, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return item
    item["claimDate"] = rfc3339(day)
    return item
