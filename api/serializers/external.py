"""Other fact-checkers' reviews as the public API shows them: labelled as theirs, not ours."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from elsewhere.models import ExternalReview


class ReviewPublisherSerializer(serializers.Serializer):
    name = serializers.CharField()
    site = serializers.CharField()


class ExternalReviewSerializer(serializers.ModelSerializer):
    """An imported review: who published it, what they rated and how, where to read it."""

    publisher = serializers.SerializerMethodField()
    claim = serializers.CharField(source="claim_reviewed")
    rating = serializers.CharField(help_text=_("The rating as its publisher published it."))
    meaning = serializers.CharField(
        help_text=_(
            "The rating read on this registry's scale; 'unknown' when its words are not clear. "
            "Never a verdict of this registry."
        )
    )

    class Meta:
        model = ExternalReview
        fields = ["url", "publisher", "claim", "claimant", "language", "rating", "meaning"]
        fields += ["published_at"]

    @extend_schema_field(ReviewPublisherSerializer)
    def get_publisher(self, review: ExternalReview) -> dict:
        return {"name": review.publisher_name, "site": review.publisher_site}


class ReasonSerializer(serializers.Serializer):
    """Why it matched, in each language of the registry."""

    en = serializers.CharField()
    zh_Hant = serializers.CharField(source="zh_hant")  # noqa: N815 - the language's tag


def reason_in_each_language(match) -> dict:
    """The match's reason in English and Traditional Chinese: a cached answer serves both."""
    texts = {}
    for key, language in (("en", "en"), ("zh_hant", "zh-hant")):
        with override(language):
            texts[key] = match.reason
    return texts


def checked_before_row(match) -> dict:
    """A matcher's Match as SimilarClaimSerializer reads it."""
    return {
        "score": match.score,
        "checked_by": "external" if match.external else "registry",
        "reason": reason_in_each_language(match),
        "claim": match.claim,
        "review": match.review,
    }
