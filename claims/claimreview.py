"""schema.org ClaimReview for published claims, and the DataFeed aggregators ingest.

The API serves these dictionaries as JSON-LD, and the claim's public page embeds the same
dictionary in a <script type="application/ld+json"> through `json_ld_script_content`.

Google's ClaimReview guidelines decide which properties are present: `claimReviewed`, `url`,
`reviewRating` (with `alternateName`, and `bestRating`/`worstRating` beside every
`ratingValue`), `author`, `datePublished`, and `itemReviewed` (a Claim with `author`,
`datePublished`, `appearance`, `firstAppearance`).

No queries happen here beyond the claim's relations: a caller rendering many claims
select_related()s `article__outlet` and `verdict` and prefetch_related()s `verdict_changes`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from sources.fields import format_partial_date

SCHEMA_CONTEXT = "https://schema.org"
BEST_RATING = 5
WORST_RATING = 1

# The characters that could end the <script> element or open a comment inside it. The same
# table Django's json_script filter uses; \u2028/\u2029 are added for old JavaScript parsers.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


def claim_url(public_id: str, *, base_url: str) -> str:
    return f"{base_url.rstrip('/')}/claims/{public_id}/"


def review_date_modified(claim) -> datetime:
    """When the published review last changed: its last verdict change or its last review.

    Never `updated_at`: an edit that readers cannot see must not look like a new review.
    """
    moments = [change.changed_at for change in claim.verdict_changes.all()]
    moments += [moment for moment in (claim.reviewed_at, claim.published_at) if moment]
    return max(moments)


def _organization(name: str, url: str = "") -> dict[str, Any]:
    organization: dict[str, Any] = {"@type": "Organization", "name": name}
    if url:
        organization["url"] = url
    return organization


def _appearance(article) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title}
    if article.url:
        work["url"] = article.url
    published = format_partial_date(article.published_on, article.published_precision)
    if published:
        work["datePublished"] = published
    work["inLanguage"] = article.language
    work["publisher"] = _organization(article.outlet.name, article.outlet.url)
    authors = article.author_list
    if authors:
        work["author"] = [{"@type": "Person", "name": name} for name in authors]
    return work


def _rating(verdict, language: str) -> dict[str, Any]:
    rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": verdict.label(language),
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
    }
    # A verdict such as "unverifiable" rates nothing; a made-up number would mislead
    # aggregators that average ratings, so only the name is given.
    if verdict.rating_value is not None:
        rating["ratingValue"] = verdict.rating_value
    return rating


def review_language(claim, language: str) -> str:
    """The language a reader of `language` gets this review in: "zh-Hant" or "en".

    A claim published before it had a Chinese restatement is reviewed in English, so that
    `inLanguage` always names the language `claimReviewed` is written in."""
    if language.lower().startswith("zh") and claim.restatement_zh:
        return "zh-Hant"
    return "en"


def claim_review(claim, *, base_url: str, language: str = "en") -> dict[str, Any]:
    """The ClaimReview of one published claim, in `language` where it has been written."""
    language = review_language(claim, language)
    article = claim.article
    base_url = base_url.rstrip("/")
    appearance = _appearance(article)
    item_reviewed: dict[str, Any] = {
        "@type": "Claim",
        # The claimant may be a person or an organisation; the registry does not record which,
        # and Google accepts either type here.
        "author": _organization(claim.claimant),
        "appearance": [appearance],
        "firstAppearance": appearance,
        "text": claim.quote,
        "inLanguage": claim.quote_language,
    }
    if "datePublished" in appearance:
        item_reviewed["datePublished"] = appearance["datePublished"]
    review: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": claim_url(claim.public_id, base_url=base_url),
        "claimReviewed": claim.restatement_in(language),
        "reviewBody": claim.ruling_in(language),
        "inLanguage": language,
        "author": _organization(settings.SITE_NAME, base_url + "/"),
        "datePublished": claim.published_at.isoformat(),
        "dateModified": review_date_modified(claim).isoformat(),
        "reviewRating": _rating(claim.verdict, language),
        "itemReviewed": item_reviewed,
    }
    return review


def claimreview_feed(claims: Iterable, *, base_url: str, language: str = "en") -> dict[str, Any]:
    """A schema.org DataFeed with one DataFeedItem per published claim."""
    base_url = base_url.rstrip("/")
    items = []
    latest = None
    for claim in claims:
        review = claim_review(claim, base_url=base_url, language=language)
        review.pop("@context")
        items.append(
            {
                "@type": "DataFeedItem",
                "dateCreated": review["datePublished"],
                "dateModified": review["dateModified"],
                "item": [review],
            }
        )
        modified = review_date_modified(claim)
        latest = modified if latest is None or modified > latest else latest
    feed: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "DataFeed",
        "name": f"{settings.SITE_NAME} ClaimReview",
        "url": base_url + "/",
        "dataFeedElement": items,
    }
    if latest is not None:
        feed["dateModified"] = latest.isoformat()
    return feed


def json_ld_script_content(data: dict[str, Any]) -> SafeString:
    """`data` as JSON that is safe between <script type="application/ld+json"> tags."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_ESCAPES)
    # Safe by construction: no character that can close the element or start markup is left.
    return mark_safe(text)  # noqa: S308
