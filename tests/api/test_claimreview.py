"""The ClaimReview JSON-LD: every property Google requires or recommends, with its type."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from claims import workflow
from claims.claimreview import claim_review, claimreview_feed, json_ld_script_content
from claims.models import Claim

BASE = "https://registry.example"

# (path, type) for each property that must be present.
REQUIRED = [
    ("@context", str),
    ("@type", str),
    ("url", str),
    ("claimReviewed", str),
    ("inLanguage", str),
    ("author", dict),
    ("author.@type", str),
    ("author.name", str),
    ("datePublished", str),
    ("dateModified", str),
    ("reviewRating", dict),
    ("reviewRating.@type", str),
    ("reviewRating.alternateName", str),
    ("reviewRating.ratingValue", int),
    ("reviewRating.bestRating", int),
    ("reviewRating.worstRating", int),
    ("itemReviewed", dict),
    ("itemReviewed.@type", str),
    ("itemReviewed.author", dict),
    ("itemReviewed.author.name", str),
    ("itemReviewed.datePublished", str),
    ("itemReviewed.appearance", list),
    ("itemReviewed.firstAppearance", dict),
]


def _get(data, path: str):
    for key in path.split("."):
        data = data[key]
    return data


def assert_valid_claimreview(review: dict) -> None:
    for path, kind in REQUIRED:
        value = _get(review, path)
        assert isinstance(value, kind), f"{path} is {type(value).__name__}, not {kind.__name__}"
        if kind is str:
            assert value.strip(), f"{path} is empty"
    assert review["@type"] == "ClaimReview"
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["author"]["@type"] == "Organization"
    rating = review["reviewRating"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    datetime.fromisoformat(review["datePublished"])
    datetime.fromisoformat(review["dateModified"])


@pytest.fixture
def dated_claim(published_claim):
    article = published_claim.article
    article.url = "https://theinitium.com/article/k-visa"
    article.published_on = timezone.now().date()
    article.published_precision = "day"
    article.save()
    return Claim.objects.get(pk=published_claim.pk)


@pytest.mark.django_db
class TestClaimReview:
    def test_it_has_every_required_and_recommended_property(self, dated_claim):
        review = claim_review(dated_claim, base_url=BASE)
        assert_valid_claimreview(review)
        assert review["url"] == f"{BASE}/claims/{dated_claim.public_id}/"
        assert review["reviewRating"]["alternateName"] == "Accurate"
        assert review["itemReviewed"]["appearance"][0]["url"] == dated_claim.article.url
        assert review["inLanguage"] == "en"

    def test_it_speaks_chinese_when_asked(self, dated_claim):
        review = claim_review(dated_claim, base_url=BASE, language="zh-hant")
        assert review["inLanguage"] == "zh-Hant"
        assert review["reviewRating"]["alternateName"] == dated_claim.verdict.label_zh_hant

    def test_it_omits_rating_value_for_a_verdict_that_rates_nothing(self, dated_claim, verdicts):
        dated_claim.verdict = verdicts["unverifiable"]
        rating = claim_review(dated_claim, base_url=BASE)["reviewRating"]
        assert "ratingValue" not in rating
        assert rating["bestRating"] == 5 and rating["worstRating"] == 1

    def test_it_keeps_date_modified_when_only_an_internal_field_changes(self, dated_claim):
        before = claim_review(dated_claim, base_url=BASE)["dateModified"]
        dated_claim.research_notes = "still checking the regional breakdown"
        dated_claim.save()
        Claim.objects.filter(pk=dated_claim.pk).update(
            updated_at=timezone.now() + timedelta(days=3)
        )
        after = claim_review(Claim.objects.get(pk=dated_claim.pk), base_url=BASE)
        assert after["dateModified"] == before

    def test_it_moves_date_modified_when_the_verdict_changes(
        self, dated_claim, fact_checker, verdicts
    ):
        before = claim_review(dated_claim, base_url=BASE)["dateModified"]
        workflow.claim_change_verdict(
            claim=dated_claim, by=fact_checker, verdict=verdicts["misleading"], reason="New data."
        )
        after = claim_review(Claim.objects.get(pk=dated_claim.pk), base_url=BASE)
        assert after["dateModified"] > before
        assert after["reviewRating"]["alternateName"] == "Misleading"


@pytest.mark.django_db
class TestClaimReviewFeed:
    def test_it_wraps_each_claim_in_a_data_feed_item(self, dated_claim):
        feed = claimreview_feed([dated_claim], base_url=BASE)
        assert feed["@type"] == "DataFeed"
        (element,) = feed["dataFeedElement"]
        assert element["@type"] == "DataFeedItem"
        assert element["dateCreated"] and element["dateModified"]
        (item,) = element["item"]
        assert "@context" not in item
        assert_valid_claimreview({**item, "@context": feed["@context"]})
        assert feed["dateModified"] == element["dateModified"]

    def test_it_is_an_empty_feed_without_claims(self):
        feed = claimreview_feed([], base_url=BASE)
        assert feed["dataFeedElement"] == []


class TestScriptContent:
    def test_it_escapes_characters_that_could_close_the_script(self):
        hostile = {"claimReviewed": "</script><script>alert(1)</script> & <!-- \u2028"}
        text = json_ld_script_content(hostile)
        assert "<" not in text and ">" not in text and "&" not in text
        assert "\u2028" not in text
        assert json.loads(text) == hostile

    def test_it_keeps_chinese_readable(self):
        assert "失業率" in json_ld_script_content({"text": "失業率"})
