""" "Checked before?" over our published claims and imported reviews, on both databases."""

from __future__ import annotations

import pytest
from django.utils import translation

from claims.models import Claim, ClaimStatus
from elsewhere.matching import FigureAndWordingMatcher, Match, get_matcher
from elsewhere.models import ExternalReview
from elsewhere.retrieval import claim_probe, text_probe
from tests.elsewhere.conftest import claim_review, data_feed

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviews(loaded, write, run_import):
    run_import(
        write(
            data_feed(
                claim_review(
                    "https://factcheck.example/grads-en",
                    claimReviewed="China's graduating class reached a record 11.58 million.",
                    itemReviewed={"@type": "Claim", "text": "應屆畢業生數量達1158萬,創歷史新高"},
                ),
                claim_review(
                    "https://factcheck.example/grads-other-year",
                    claimReviewed="China's graduating class reached 11.58 million in 2019.",
                ),
                claim_review(
                    "https://tw.example/h1b",
                    claimReviewed="美國將H-1B簽證申請費調高至10萬美元",
                    reviewRating={"@type": "Rating", "alternateName": "正確"},
                    author={"@type": "Organization", "name": "台灣查核"},
                ),
            )
        )
    )
    return {review.url: review for review in ExternalReview.objects.all()}


def find(probe, **kwargs) -> list[Match]:
    return FigureAndWordingMatcher().find(
        probe, claims=Claim.objects.published(), limit=kwargs.pop("limit", 10), **kwargs
    )


def test_a_claim_finds_another_desks_review_of_its_figure(reviews):
    claim = Claim.objects.get(slug="grads-1158-2025")
    found = find(claim_probe(claim))
    external = [match for match in found if match.external]
    assert [match.review.url for match in external][:1] == ["https://factcheck.example/grads-en"]
    assert external[0].reason.startswith("same figure: 11.58 million people, 2025")
    assert all(match.claim != claim for match in found)


def test_a_review_stating_another_year_is_not_offered_as_the_same(reviews):
    claim = Claim.objects.get(slug="grads-1158-2025")
    found = {m.review.url: m for m in find(claim_probe(claim)) if m.external}
    assert found["https://factcheck.example/grads-other-year"].reason == (
        "similar wording, but a different year"
    )
    assert found["https://factcheck.example/grads-other-year"].score < 0.3


def test_a_chinese_sentence_finds_our_english_claim_and_their_chinese_review(reviews):
    found = find(text_probe("美國把H-1B申請費提高到10萬美元"))
    assert found[0].claim is not None or found[0].review is not None
    kinds = {("ours" if m.claim else m.review.publisher_name) for m in found[:3]}
    assert {"ours", "台灣查核"} <= kinds
    ours = next(m for m in found if m.claim)
    assert ours.claim.slug == "h1b-fee-100k"
    with translation.override("zh-hant"):
        assert ours.reason.startswith("數字相同:10萬美元")


def test_drafts_are_never_among_the_answers(reviews):
    claim = Claim.objects.get(slug="grads-1158-2025")
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.DRAFT)
    found = find(text_probe("應屆畢業生數量達1158萬"))
    assert all(match.claim is None or match.claim.status == "published" for match in found)
    assert claim.pk not in {match.claim.pk for match in found if match.claim}


def test_external_reviews_can_be_left_out(reviews):
    assert not any(m.external for m in find(text_probe("H-1B 10萬美元"), external=False))


class OnlyExternal(FigureAndWordingMatcher):
    """A newsroom's own matcher: here, one that answers from imported reviews only."""

    def find(self, probe, *, claims, limit, external=True):
        return super().find(probe, claims=claims.none(), limit=limit, external=external)


def test_the_matcher_is_chosen_by_a_setting(reviews, settings):
    settings.CHECKED_BEFORE_MATCHER = "tests.elsewhere.test_checked_before.OnlyExternal"
    matcher = get_matcher()
    assert isinstance(matcher, OnlyExternal)
    found = matcher.find(text_probe("H-1B 10萬美元"), claims=Claim.objects.all(), limit=5)
    assert found and all(match.external for match in found)
